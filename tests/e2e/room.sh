#!/usr/bin/env bash
# The room against the real release binary under Xvfb, with traffic to
# 127.0.0.1 only:
#  1. --room prints one line 'room: <url>'; listening on every interface,
#     the room also answers on 127.0.0.1;
#  2. a real browser (headless Chromium from Debian, when installed) sends a
#     keyword with and without JavaScript; both land in the inbox on disk;
#     on the live view ('live: <url>') a keyword typed in the console
#     appears by itself;
#  3. load: 30 phones send 20 keywords each within 30 s while the
#     facilitator types in the console; every acknowledged keyword is in the
#     session file, memory grows by less than 20 MB; kill -9 three seconds
#     after the last acknowledgement: after a restart everything is there.
# Prints the figures (requests per second, acknowledgement to disk, frame
# times during the load) as "measure:" lines.
#
# usage: tests/e2e/room.sh path/to/leerkring
# Needs xvfb-run, xdotool and python3; chromium for step 2.
set -euo pipefail

bin=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/tests/e2e"

if [ -z "${LEERKRING_E2E_INNER:-}" ]; then
  runtime=$(mktemp -d); chmod 700 "$runtime"
  LEERKRING_E2E_INNER=1 XDG_RUNTIME_DIR=$runtime \
    exec xvfb-run -a -s "-screen 0 1920x1080x24 -nolisten tcp" bash "$0" "$@"
fi

work=$(mktemp -d)
export LEERKRING_HOME="$work/home"
export LANG=C.UTF-8
passed=0 failed=0
pid=""
sample="$root/sessions/2020-02-04-m50-democratische-vernieuwing.json"

fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
ok() { echo "ok: $*"; passed=$((passed + 1)); }
now_ms() { date +%s%3N; }

# Starts the app on $1 with the remaining arguments; waits for its window
# and (with --room) for the 'room:' line. Sets pid, wid, url, started_ms.
start_app() {
  local file=$1; shift
  started_ms=$(now_ms)
  "$bin" "$file" "$@" >"$work/out.log" 2>"$work/err.log" &
  pid=$!
  url=""
  wid=$(timeout 20 xdotool search --sync --onlyvisible --name "^Leerkring .* Kick-off" | head -n1) || wid=""
  if [ -z "$wid" ]; then
    fail "no window appeared (log: $(tail -3 "$work/err.log"))"
    kill -9 "$pid" 2>/dev/null || true
    return 1
  fi
  case " $* " in
    *" --room "*)
      for _ in $(seq 1 50); do
        url=$(sed -n 's/^room: //p' "$work/out.log")
        [ -n "$url" ] && break
        sleep 0.1
      done ;;
  esac
  sleep 1
}

stop_app() {
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# The inbox texts of a session file, one per line.
inbox() {
  python3 -c 'import json,sys; [print(i["text"]) for i in json.load(open(sys.argv[1])).get("inbox", [])]' "$1"
}

# A GET of $1 (must be on 127.0.0.1); prints the status code.
status_of() {
  python3 - "$1" <<'PY'
import sys, urllib.parse, urllib.request, urllib.error
u = urllib.parse.urlsplit(sys.argv[1])
assert u.hostname == "127.0.0.1"
try:
    print(urllib.request.urlopen(sys.argv[1], timeout=10).status)
except urllib.error.HTTPError as e:
    print(e.code)
PY
}

# 1. --room prints its address; on every interface it answers on 127.0.0.1 too.
cp "$sample" "$work/cli.json"
if start_app "$work/cli.json" --room; then
  lines=$(grep -c '^room: ' "$work/out.log" || true)
  if [ "$lines" = 1 ] && [[ "$url" =~ ^http://[0-9.]+:[0-9]+/[a-z0-9]{16}$ ]]; then
    ok "--room prints one line 'room: <url>' ($(echo "$url" | sed -E 's#//[0-9.]+:#//<address>:#'))"
  else
    fail "--room printed: $(cat "$work/out.log")"
  fi
  live=$(sed -n 's/^live: //p' "$work/out.log")
  [ "$(grep -c '^live: ' "$work/out.log" || true)" = 1 ] && [ "$live" = "$url/live" ] \
    && ok "--room prints one line 'live: <url>' (the join address and /live)" \
    || fail "no 'live:' line: $(cat "$work/out.log")"
  port_token=${url#http://*:}
  local_url="http://127.0.0.1:$port_token"
  [ "$(status_of "$local_url")" = 200 ] && ok "the room also answers on 127.0.0.1" \
    || fail "no answer on 127.0.0.1"
  [ "$(status_of "http://127.0.0.1:${port_token%%/*}/wrongtoken1234567")" = 403 ] \
    && ok "a wrong token gets 403" || fail "a wrong token did not get 403"
  stop_app
  code=$(status_of "$local_url" 2>/dev/null || echo refused)
  [ "$code" != 200 ] && ok "after quitting, the address answers nothing" || fail "the room outlived the app"
fi

# 2. A real browser sends a keyword with and without JavaScript.
cp "$sample" "$work/browser.json"
if ! command -v chromium >/dev/null; then
  fail "chromium is not installed (apt-get install chromium)"
elif start_app "$work/browser.json" --room --room-bind 127.0.0.1; then
  t0=$(now_ms)
  if python3 "$here/room_browser.py" "$url" "${ROOM_SCREENSHOT:-}" >"$work/browser.log" 2>&1; then
    ok "headless Chromium sent keywords through the join page ($(($(now_ms) - t0)) ms; $(grep -c '^ok' "$work/browser.log") checks)"
  else
    fail "the browser test: $(grep FAIL "$work/browser.log" | head -3)"
  fi
  sleep 2.5
  found=$(inbox "$work/browser.json" | grep -c '^browser-' || true)
  [ "$found" = 2 ] && ok "both keywords are in the inbox on disk" || fail "$found of 2 browser keywords in the inbox on disk"
  stop_app
fi

# 2b. The live view in a real browser updates itself when a keyword is committed.
cp "$sample" "$work/live.json"
if command -v chromium >/dev/null && start_app "$work/live.json" --room --room-bind 127.0.0.1; then
  live=$(sed -n 's/^live: //p' "$work/out.log")
  rm -f "$work/live.ready" "$work/live.enter"
  python3 "$here/live_browser.py" "$live" "live-e2e" "$work/live.ready" "$work/live.enter" \
    >"$work/live.log" 2>&1 &
  browser=$!
  for _ in $(seq 1 300); do [ -e "$work/live.ready" ] && break; sleep 0.1; done
  xdotool windowfocus --sync "$wid"
  xdotool type --window "$wid" --delay 40 "live-e2e"
  now_ms >"$work/live.enter.tmp"
  xdotool key --window "$wid" Return
  mv "$work/live.enter.tmp" "$work/live.enter"
  if wait "$browser"; then
    ok "headless Chromium's live page showed the committed keyword by itself ($(grep -c '^ok' "$work/live.log") checks)"
  else
    fail "the live browser test: $(grep FAIL "$work/live.log" | head -3)"
  fi
  grep '^measure:' "$work/live.log" || true
  stop_app
fi

# 3. Load: 30 phones × 20 keywords within 30 s while the facilitator types.
cp "$sample" "$work/load.json"
if LEERKRING_TRACE_FRAMES=1 start_app "$work/load.json" --room --room-bind 127.0.0.1; then
  xdotool windowfocus --sync "$wid"
  (
    for i in $(seq -w 1 15); do
      xdotool type --window "$wid" --delay 40 "typed-$i"
      xdotool key --window "$wid" Return
      sleep 0.8
    done
  ) &
  typist=$!
  load_from=$(($(now_ms) - started_ms))
  python3 "$here/room_load.py" "$url" "$work/load.json" "$pid" 30 20 >"$work/load.json.out"
  load_to=$(($(now_ms) - started_ms))
  wait "$typist" || true
  sleep 3
  kill -9 "$pid"; wait "$pid" 2>/dev/null || true
  python3 - "$work/load.json.out" "$work/load.json" "$work/err.log" "$load_from" "$load_to" >"$work/load.verdict" <<'PY'
import json, re, sys
summary = json.load(open(sys.argv[1]))
session = json.load(open(sys.argv[2]))
frames = []
for line in open(sys.argv[3], encoding="utf-8", errors="replace"):
    m = re.match(r"leerkring: frame \d+ at (\d+) ms;.*previous frame ([0-9.]+) ms$", line.strip())
    if m and int(sys.argv[4]) <= int(m.group(1)) <= int(sys.argv[5]):
        frames.append(float(m.group(2)))
frames.sort()
pick = lambda share: frames[min(len(frames) - 1, int(share * len(frames)))] if frames else None
inbox = {i["text"] for i in session.get("inbox", [])}
acked = set(summary.pop("acknowledged_texts"))
typed = sum(k["text"].startswith("typed-") for e in session["experiments"] for k in e["keywords"])
summary["lost_after_kill"] = len(acked - inbox)
summary["typed_keywords_in_file"] = typed
summary["frames_during_load"] = len(frames)
summary["frame_ms"] = {"median": pick(0.5), "p95": pick(0.95), "max": pick(1.0)}
print(json.dumps(summary))
PY
  verdict=$(cat "$work/load.verdict")
  echo "measure: room load: $verdict"
  read -r sent acked failures seconds growth lost typed <<<"$(python3 -c '
import json,sys; s=json.loads(sys.argv[1]); r=s["rss_kib"]
print(s["sent"], s["acknowledged"], s["failure_count"], s["seconds"], (max(r["max"] or 0, r["after"]) - r["before"]) // 1024, s["lost_after_kill"], s["typed_keywords_in_file"])' "$verdict")"
  [ "$acked" = "$sent" ] && [ "$failures" = 0 ] && ok "all $sent keywords acknowledged in ${seconds} s" \
    || fail "$acked of $sent acknowledged, $failures failures"
  awk "BEGIN { exit !($seconds <= 30) }" && ok "the load took ${seconds} s (within 30 s)" || fail "the load took ${seconds} s"
  [ "$growth" -lt 20 ] && ok "memory grew by ${growth} MB (less than 20 MB)" || fail "memory grew by ${growth} MB"
  [ "$lost" = 0 ] && ok "after kill -9, every acknowledged keyword is in the file" || fail "$lost acknowledged keywords lost after kill -9"
  [ "$typed" = 15 ] && ok "the 15 keywords typed during the load are in the file" || fail "$typed of 15 typed keywords in the file"
  # A restart reads the file and keeps all of it.
  if start_app "$work/load.json"; then
    stop_app
    back=$(inbox "$work/load.json" | grep -c '^phone' || true)
    [ "$back" = "$acked" ] && ok "after a restart the inbox holds all $back" || fail "after a restart the inbox holds $back of $acked"
  fi
fi

rm -rf "$work"
echo "room e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
