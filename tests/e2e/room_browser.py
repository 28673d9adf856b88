#!/usr/bin/env python3
"""A real browser on the room's join page (127.0.0.1 only): headless
Chromium, driven over the DevTools protocol through a pipe (no extra
packages). Opens the page, picks a municipality, types a keyword and presses
the page's button, once with JavaScript (the page sends it itself) and once
without (the plain form post), and checks the page says it arrived.

usage: room_browser.py URL [SCREENSHOT.png]
Prints one line per check ("ok: …" or "FAIL: …"); exits 1 on a failure.
"""

import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

url = sys.argv[1]
screenshot = sys.argv[2] if len(sys.argv) > 2 else None
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


def send_form(session, text, scripts):
    call("Emulation.setScriptExecutionDisabled", {"value": not scripts}, session)
    call("Page.navigate", {"url": url}, session, wait_for="Page.loadEventFired")
    filled = evaluate(
        session,
        "(() => { const f = document.getElementById('f');"
        " f.elements.org.value = 'org-lochem';"
        " f.elements.text.value = " + json.dumps(text) + ";"
        " return f.elements.org.value === 'org-lochem'; })()",
    )
    check(filled, f"the form takes a municipality and text ({'with' if scripts else 'without'} JavaScript)")
    if scripts:
        evaluate(session, "document.querySelector('#f button').click()")
    else:
        # The button's own form post: the browser leaves the page for the answer.
        call(
            "Runtime.evaluate",
            {"expression": "document.querySelector('#f button').click()"},
            session,
            wait_for="Page.loadEventFired",
        )
    status = ""
    deadline = time.time() + 15
    while time.time() < deadline and "Ontvangen" not in status:
        status = evaluate(session, "document.getElementById('status').textContent") or ""
        time.sleep(0.1)
    check(
        f"Ontvangen: „{text}”" in status,
        f"the page says the keyword arrived ({'fetch' if scripts else 'plain form'}): {status!r}",
    )
    return status


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
    send_form(session, "browser-js", scripts=True)
    if screenshot:
        shot = call("Page.captureScreenshot", {"format": "png"}, session)
        with open(screenshot, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
    send_form(session, "browser-form", scripts=False)
    language = evaluate(session, "document.documentElement.lang")
    check(language == "nl", f"the page is in the session's language ({language})")
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
