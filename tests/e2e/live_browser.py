#!/usr/bin/env python3
"""A real browser on the room's live view (127.0.0.1 only): headless
Chromium over the DevTools pipe, as in room_browser.py. Opens the live page
on a phone-sized screen, checks it holds the board, marks the page (a
reload would lose the mark), then waits until the keyword the test types
into the app appears on the page by itself (server-sent events), and
reports how long after the Enter (whose time the test writes into a file)
it showed.

usage: live_browser.py LIVE_URL KEYWORD READY_FILE ENTER_FILE
Writes READY_FILE once the page is up; reads the Enter's time (ms since the
epoch) from ENTER_FILE. Prints "ok: …"/"FAIL: …" lines and a "measure:" line.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

url, keyword, ready_file, enter_file = sys.argv[1:5]
assert urllib.parse.urlsplit(url).hostname == "127.0.0.1", "loopback only"

profile = tempfile.mkdtemp()
to_chrome_r, to_chrome_w = os.pipe()
from_chrome_r, from_chrome_w = os.pipe()


def child():
    # The DevTools pipe: Chromium reads commands on fd 3, answers on fd 4.
    read_end, write_end = os.dup(to_chrome_r), os.dup(from_chrome_w)
    os.dup2(read_end, 3)
    os.dup2(write_end, 4)


chrome = subprocess.Popen(
    [
        "chromium",
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--remote-debugging-pipe",
        "about:blank",
    ],
    preexec_fn=child,
    close_fds=False,
    stdout=subprocess.DEVNULL,
    stderr=subprocess.DEVNULL,
)
os.close(to_chrome_r)
os.close(from_chrome_w)
buffer = b""
next_id = 0
failed = 0


def send(method, params=None, session=None):
    global next_id
    next_id += 1
    message = {"id": next_id, "method": method, "params": params or {}}
    if session:
        message["sessionId"] = session
    os.write(to_chrome_w, json.dumps(message).encode() + b"\0")
    return next_id


def receive(deadline):
    global buffer
    while b"\0" not in buffer:
        if time.time() > deadline:
            raise TimeoutError("Chromium did not answer")
        chunk = os.read(from_chrome_r, 65536)
        if not chunk:
            raise EOFError("Chromium closed the pipe")
        buffer += chunk
    message, buffer = buffer.split(b"\0", 1)
    return json.loads(message)


def call(method, params=None, session=None, wait_for=None):
    """Sends a command; with `wait_for`, also waits for that event."""
    sent = send(method, params, session)
    deadline = time.time() + 20
    answered, event = None, wait_for is None
    while answered is None or not event:
        message = receive(deadline)
        if message.get("id") == sent:
            if "error" in message:
                raise RuntimeError(f"{method}: {message['error']}")
            answered = message["result"]
        elif wait_for and message.get("method") == wait_for:
            event = True
    return answered


def evaluate(session, expression):
    result = call(
        "Runtime.evaluate",
        {"expression": expression, "returnByValue": True, "awaitPromise": True},
        session,
    )
    return result["result"].get("value")


def check(condition, what):
    global failed
    if condition:
        print(f"ok: {what}")
    else:
        failed += 1
        print(f"FAIL: {what}")



try:
    targets = call("Target.getTargets")["targetInfos"]
    page = next(t for t in targets if t["type"] == "page")
    session = call("Target.attachToTarget", {"targetId": page["targetId"], "flatten": True})[
        "sessionId"
    ]
    call("Page.enable", {}, session)
    call(
        "Emulation.setDeviceMetricsOverride",
        {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True},
        session,
    )
    call("Page.navigate", {"url": url}, session, wait_for="Page.loadEventFired")
    board = evaluate(session, "document.getElementById('live').textContent") or ""
    check("Slagvaardig Lochem" in board, "the live page shows the board")
    check(keyword not in board, "the keyword is not there before it is typed")
    columns = evaluate(
        session,
        "getComputedStyle(document.querySelector('.cards')).gridTemplateColumns.split(' ').length",
    )
    check(columns == 1, f"cards in one column on a phone ({columns})")
    # Wait for the event stream to be connected (its first event sets the version).
    deadline = time.time() + 10
    while time.time() < deadline and not evaluate(
        session, "document.getElementById('live').getAttribute('data-version')"
    ):
        time.sleep(0.05)
    evaluate(session, "window.notReloaded = true")
    with open(ready_file, "w") as f:
        f.write("ready")
    seen_at = None
    deadline = time.time() + 30
    while time.time() < deadline:
        text = evaluate(session, "document.getElementById('live').textContent") or ""
        if keyword in text:
            seen_at = time.time()
            break
        time.sleep(0.02)
    check(seen_at is not None, "the keyword typed in the app appeared on the live page")
    check(evaluate(session, "window.notReloaded === true"), "the page updated itself (no reload)")
    if seen_at is not None:
        enter = None
        for _ in range(100):
            try:
                enter = int(open(enter_file).read().strip()) / 1000
                break
            except (OSError, ValueError):
                time.sleep(0.05)
        if enter is not None:
            print(f"measure: live view shows a committed keyword {int((seen_at - enter) * 1000)} ms after Enter (headless Chromium, polled every 20 ms)")
except (RuntimeError, TimeoutError, EOFError, StopIteration) as error:
    failed += 1
    print(f"FAIL: the browser test stopped: {error}")
finally:
    try:
        send("Browser.close")
        chrome.wait(timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        chrome.kill()
    shutil.rmtree(profile, ignore_errors=True)

sys.exit(1 if failed else 0)
