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

import sys
import time

from devtools import Chromium, loopback_only

url, keyword, ready_file, enter_file = sys.argv[1:5]
loopback_only(url)

with Chromium() as browser:
    session = browser.phone_page()
    browser.call("Page.navigate", {"url": url}, session, wait_for="Page.loadEventFired")
    board = browser.evaluate(session, "document.getElementById('live').textContent") or ""
    browser.check("Slagvaardig Lochem" in board, "the live page shows the board")
    browser.check(keyword not in board, "the keyword is not there before it is typed")
    columns = browser.evaluate(
        session,
        "getComputedStyle(document.querySelector('.cards')).gridTemplateColumns.split(' ').length",
    )
    browser.check(columns == 1, f"cards in one column on a phone ({columns})")
    # Wait for the event stream to be connected (its first event sets the version).
    deadline = time.time() + 10
    while time.time() < deadline and not browser.evaluate(
        session, "document.getElementById('live').getAttribute('data-version')"
    ):
        time.sleep(0.05)
    browser.evaluate(session, "window.notReloaded = true")
    with open(ready_file, "w") as f:
        f.write("ready")
    seen_at = None
    deadline = time.time() + 30
    while time.time() < deadline:
        text = browser.evaluate(session, "document.getElementById('live').textContent") or ""
        if keyword in text:
            seen_at = time.time()
            break
        time.sleep(0.02)
    browser.check(seen_at is not None, "the keyword typed in the app appeared on the live page")
    browser.check(browser.evaluate(session, "window.notReloaded === true"), "the page updated itself (no reload)")
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

sys.exit(1 if browser.failed else 0)
