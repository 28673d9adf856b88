#!/usr/bin/env python3
"""Load test of the room against the real app (127.0.0.1 only).

usage: room_load.py URL SESSION_FILE APP_PID [PHONES] [KEYWORDS] [INTERVAL]

PHONES simulated phones (default 30) each load the join page (keeping its
cookie), then send KEYWORDS keywords (default 20), one every INTERVAL
seconds (default 1; 0 sends as fast as the app answers), spread over
the municipalities on the page. Meanwhile a watcher reads the session file
every 50 ms and notes when each submission first appears in it, and the
app's resident memory is sampled. Prints one JSON object: what was sent and
acknowledged, how long it took, requests per second, the time from
acknowledgement to the file (median, 95th percentile, max), and memory.
Every loop is bounded in count and time.
"""

import http.client
import json
import re
import sys
import threading
import time
import urllib.parse

url, session_file, pid = sys.argv[1], sys.argv[2], int(sys.argv[3])
phones = int(sys.argv[4]) if len(sys.argv) > 4 else 30
per_phone = int(sys.argv[5]) if len(sys.argv) > 5 else 20
interval = float(sys.argv[6]) if len(sys.argv) > 6 else 1.0
parts = urllib.parse.urlsplit(url)
assert parts.hostname in ("127.0.0.1", "localhost"), "loopback only"
host, port, path = parts.hostname, parts.port, parts.path


def rss_kib():
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def request(method, body=None, cookie=None):
    conn = http.client.HTTPConnection(host, port, timeout=20)
    headers = {}
    if cookie:
        headers["Cookie"] = cookie
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=body, headers=headers)
    reply = conn.getresponse()
    data = reply.read().decode("utf-8", "replace")
    cookie_header = reply.getheader("Set-Cookie")
    conn.close()
    return reply.status, data, cookie_header


acks = {}  # text -> wall time of the acknowledgement
failures = []
lock = threading.Lock()
first_seen = {}  # text -> wall time first seen in the file
stop = threading.Event()
rss_samples = []


def watch():
    deadline = time.time() + 120
    while not stop.is_set() and time.time() < deadline:
        try:
            with open(session_file, encoding="utf-8") as f:
                session = json.load(f)
        except (OSError, ValueError):
            session = {}
        now = time.time()
        for item in session.get("inbox", []):
            first_seen.setdefault(item["text"], now)
        try:
            rss_samples.append(rss_kib())
        except OSError:
            pass
        time.sleep(0.05)


def phone(number, start_at):
    status, page, cookie = request("GET")
    if status != 200 or not cookie:
        with lock:
            failures.append(f"phone {number}: join page {status}")
        return
    cookie = cookie.split(";")[0]
    orgs = re.findall(r'<option value="(org-[^"]+)"', page)
    time.sleep(max(0.0, start_at - time.time()))
    for k in range(per_phone):
        text = f"phone{number:02d}-kw{k:02d}"
        body = urllib.parse.urlencode(
            {"org": orgs[(number + k) % len(orgs)], "kind": "keyword", "text": text, "js": "1"}
        )
        sent = time.time()
        try:
            status, answer, _ = request("POST", body, cookie)
        except OSError as error:
            status, answer = 0, str(error)
        done = time.time()
        with lock:
            if status == 200:
                acks[text] = done
            else:
                failures.append(f"{text}: {status} {answer[:80]}")
        # One every `interval` seconds per phone.
        time.sleep(max(0.0, sent + interval - time.time()))


before = rss_kib()
watcher = threading.Thread(target=watch, daemon=True)
watcher.start()
started = time.time()
threads = [
    threading.Thread(target=phone, args=(n, started + n / phones)) for n in range(phones)
]
for t in threads:
    t.start()
for t in threads:
    t.join(timeout=90)
finished = time.time()
after_load = rss_kib()
# Wait (bounded) until every acknowledged submission is in the file.
deadline = time.time() + 10
while time.time() < deadline and any(t not in first_seen for t in acks):
    time.sleep(0.05)
stop.set()
watcher.join(timeout=5)

latencies = sorted(first_seen[t] - a for t, a in acks.items() if t in first_seen)


def percentile(values, share):
    if not values:
        return None
    return round(values[min(len(values) - 1, int(share * len(values)))] * 1000)


print(
    json.dumps(
        {
            "sent": phones * per_phone,
            "acknowledged": len(acks),
            "failures": failures[:10],
            "failure_count": len(failures),
            "seconds": round(finished - started, 2),
            "requests_per_second": round(len(acks) / max(finished - started, 1e-9), 1),
            "ack_to_file_ms": {
                "median": percentile(latencies, 0.5),
                "p95": percentile(latencies, 0.95),
                "max": percentile(latencies, 1.0),
                "missing": len([t for t in acks if t not in first_seen]),
            },
            "rss_kib": {
                "before": before,
                "after": after_load,
                "max": max(rss_samples) if rss_samples else None,
            },
            "acknowledged_texts": sorted(acks),
        }
    )
)
