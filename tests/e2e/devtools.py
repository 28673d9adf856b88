"""Headless Chromium driven over the DevTools protocol through a pipe (no
extra packages), for the room's browser tests (room_browser.py,
live_browser.py). Pages are on 127.0.0.1 only.

    with Chromium() as browser:
        session = browser.phone_page()
        browser.call("Page.navigate", {"url": url}, session, wait_for="Page.loadEventFired")
        browser.check(browser.evaluate(session, "1 + 1") == 2, "sums")
    sys.exit(1 if browser.failed else 0)

A RuntimeError, TimeoutError, EOFError or StopIteration inside the `with`
block counts as a failure ("the browser test stopped"); Chromium is closed
and its profile removed in every case.
"""

import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.parse

STOPPED = (RuntimeError, TimeoutError, EOFError, StopIteration)


def loopback_only(url):
    assert urllib.parse.urlsplit(url).hostname == "127.0.0.1", "loopback only"


class Chromium:
    def __init__(self):
        self.profile = tempfile.mkdtemp()
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()

        def child():
            # The DevTools pipe: Chromium reads commands on fd 3, answers on fd 4.
            read_end, write_end = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self.chrome = subprocess.Popen(
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
                f"--user-data-dir={self.profile}",
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
        self.buffer = b""
        self.next_id = 0
        self.failed = 0

    def __enter__(self):
        return self

    def __exit__(self, kind, error, trace):
        stopped = kind is not None and issubclass(kind, STOPPED)
        if stopped:
            self.failed += 1
            print(f"FAIL: the browser test stopped: {error}")
        try:
            self.send("Browser.close")
            self.chrome.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.chrome.kill()
        shutil.rmtree(self.profile, ignore_errors=True)
        return stopped

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        return self.next_id

    def receive(self, deadline):
        while b"\0" not in self.buffer:
            if time.time() > deadline:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self.from_chrome, 65536)
            if not chunk:
                raise EOFError("Chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session=None, wait_for=None):
        """Sends a command; with `wait_for`, also waits for that event."""
        sent = self.send(method, params, session)
        deadline = time.time() + 20
        answered, event = None, wait_for is None
        while answered is None or not event:
            message = self.receive(deadline)
            if message.get("id") == sent:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                answered = message["result"]
            elif wait_for and message.get("method") == wait_for:
                event = True
        return answered

    def evaluate(self, session, expression):
        result = self.call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
            session,
        )
        return result["result"].get("value")

    def check(self, condition, what):
        if condition:
            print(f"ok: {what}")
        else:
            self.failed += 1
            print(f"FAIL: {what}")

    def phone_page(self):
        """Attaches to the browser's page on a phone-sized screen; returns its session."""
        targets = self.call("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        session = self.call(
            "Target.attachToTarget", {"targetId": page["targetId"], "flatten": True}
        )["sessionId"]
        self.call("Page.enable", {}, session)
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True},
            session,
        )
        return session
