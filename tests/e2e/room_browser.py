#!/usr/bin/env python3
"""A real browser on the room's join page (127.0.0.1 only): headless
Chromium, driven over the DevTools protocol through a pipe (devtools.py, no extra
packages). Opens the page, picks a municipality, types a keyword and presses
the page's button, once with JavaScript (the page sends it itself) and once
without (the plain form post), and checks the page says it arrived.

usage: room_browser.py URL [SCREENSHOT.png]
Prints one line per check ("ok: …" or "FAIL: …"); exits 1 on a failure.
"""

import base64
import json
import sys
import time

from devtools import Chromium, loopback_only


def send_form(browser, session, text, scripts):
    browser.call("Emulation.setScriptExecutionDisabled", {"value": not scripts}, session)
    browser.call("Page.navigate", {"url": url}, session, wait_for="Page.loadEventFired")
    filled = browser.evaluate(
        session,
        "(() => { const f = document.getElementById('f');"
        " f.elements.org.value = 'org-lochem';"
        " f.elements.text.value = " + json.dumps(text) + ";"
        " return f.elements.org.value === 'org-lochem'; })()",
    )
    browser.check(filled, f"the form takes a municipality and text ({'with' if scripts else 'without'} JavaScript)")
    if scripts:
        browser.evaluate(session, "document.querySelector('#f button').click()")
    else:
        # The button's own form post: the browser leaves the page for the answer.
        browser.call(
            "Runtime.evaluate",
            {"expression": "document.querySelector('#f button').click()"},
            session,
            wait_for="Page.loadEventFired",
        )
    status = ""
    deadline = time.time() + 15
    while time.time() < deadline and "Ontvangen" not in status:
        status = browser.evaluate(session, "document.getElementById('status').textContent") or ""
        time.sleep(0.1)
    browser.check(
        f"Ontvangen: „{text}”" in status,
        f"the page says the keyword arrived ({'fetch' if scripts else 'plain form'}): {status!r}",
    )
    return status


url = sys.argv[1]
screenshot = sys.argv[2] if len(sys.argv) > 2 else None
loopback_only(url)

with Chromium() as browser:
    session = browser.phone_page()
    send_form(browser, session, "browser-js", scripts=True)
    if screenshot:
        shot = browser.call("Page.captureScreenshot", {"format": "png"}, session)
        with open(screenshot, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
    send_form(browser, session, "browser-form", scripts=False)
    language = browser.evaluate(session, "document.documentElement.lang")
    browser.check(language == "nl", f"the page is in the session's language ({language})")

sys.exit(1 if browser.failed else 0)
