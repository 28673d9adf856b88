#!/usr/bin/env bash
# The real-window kill test of the journal and of keystrokes in order:
# keywords are typed at 5 ms per key with Enter right after each, the app is
# killed with kill -9 at a random moment, and restarted on the same file, 20
# times. After each restart, every keyword whose Enter was sent more than
# 1 s before the kill must be in the file, exactly once, and no keyword may
# be split or merged (every new keyword in the file is one that was typed).
# Prints the measured loss window: per kill, how long before the kill the
# Enter of the oldest keyword that did not survive was sent.
#
# usage: tests/e2e/kill.sh path/to/leerkring [rounds]
# Needs xvfb-run (unless DISPLAY is set), xdotool and python3.
set -euo pipefail

bin=$(realpath "$1")
rounds=${2:-20}
root=$(cd "$(dirname "$0")/../.." && pwd)

if [ -z "${DISPLAY:-}" ]; then
  runtime=$(mktemp -d); chmod 700 "$runtime"
  XDG_RUNTIME_DIR=$runtime exec xvfb-run -a -s "-screen 0 1920x1080x24 -nolisten tcp" bash "$0" "$@"
fi

work=$(mktemp -d)
export LEERKRING_HOME="$work/home"
export LANG=C.UTF-8
file="$work/kill.json"
cp "$root/sessions/2020-02-04-m50-democratische-vernieuwing.json" "$file"
typed="$work/typed.log"   # one line per keyword: round, word, ms when its Enter was sent
kills="$work/kills.log"   # one line per kill: round, ms of the kill
: >"$typed"; : >"$kills"
now_ms() { date +%s%3N; }
pid=""

# Starts the app on the file and waits for its window; sets pid and wid.
start_app() {
  "$bin" "$file" >>"$work/app.log" 2>&1 &
  pid=$!
  wid=$(timeout 30 xdotool search --sync --onlyvisible --name "^Leerkring .* Kick-off" | head -n1) || wid=""
  if [ -z "$wid" ]; then
    echo "FAIL: no window on display '${DISPLAY:-}' (log: $(tail -5 "$work/app.log"))"
    kill -9 "$pid" 2>/dev/null || true
    exit 1
  fi
  sleep 0.5 # the first frames
  xdotool windowfocus --sync "$wid"
}

# Types keywords of round $1 until the app is gone (or $work/stop
# appears), 5 ms per key, Enter right after each word; logs when each
# Enter was sent.
typist() {
  local round=$1 i=0 word
  while [ ! -e "$work/stop" ]; do
    i=$((i + 1))
    word="r${round}-k${i}"
    xdotool type --window "$wid" --delay 5 "$word" 2>/dev/null || return 0
    xdotool key --window "$wid" Return 2>/dev/null || return 0
    echo "$round $word $(now_ms)" >>"$typed"
  done
}

t0=$(now_ms)
for round in $(seq 1 "$rounds"); do
  start_app
  cp "$file" "$work/after-$((round - 1)).json"
  rm -f "$work/stop"
  typist "$round" &
  typist_pid=$!
  # A random moment between 1.5 and 4 s of typing.
  sleep "$(awk -v r="$RANDOM" 'BEGIN { printf "%.3f", 1.5 + (r % 2500) / 1000 }')"
  kill -9 "$pid"
  echo "$round $(now_ms)" >>"$kills"
  # The typist finishes its last word into the dead window before the next
  # app starts: X reuses window ids, so it would type into the new one.
  touch "$work/stop"
  wait "$typist_pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
done
# The last restart puts the last round's journal back; then a clean exit.
start_app
cp "$file" "$work/after-$rounds.json"
kill -TERM "$pid"
wait "$pid" 2>/dev/null || true
took=$(($(now_ms) - t0))

status=0
python3 - "$work" "$rounds" "$took" <<'PY' || status=$?
import json, os, sys
work, rounds, took = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
typed = {}  # round -> [(word, ms)]
for line in open(os.path.join(work, "typed.log")):
    r, word, ms = line.split()
    typed.setdefault(int(r), []).append((word, int(ms)))
kills = {int(r): int(ms) for r, ms in (l.split() for l in open(os.path.join(work, "kills.log")))}
sample = set()
for e in json.load(open(os.path.join(work, "after-0.json")))["experiments"]:
    sample.update(k["text"] for k in e["keywords"])
# Every word that was typed: the logged ones, and per round the one after
# the last logged (its Enter may have gone out just before the kill).
all_words = {w for words in typed.values() for w, _ in words}
all_words |= {f"r{r}-k{len(typed.get(r, [])) + 1}" for r in range(1, rounds + 1)}
failures, windows, total, survived = [], [], 0, 0
for r in range(1, rounds + 1):
    s = json.load(open(os.path.join(work, f"after-{r}.json")))
    texts = [k["text"] for e in s["experiments"] for k in e["keywords"]]
    new = [t for t in texts if t not in sample]
    odd = [t for t in new if t not in all_words]
    doubles = sorted({t for t in new if new.count(t) > 1})
    if odd:
        failures.append(f"round {r}: split or merged keywords in the file: {odd[:5]}")
    if doubles:
        failures.append(f"round {r}: keywords twice in the file: {doubles[:5]}")
    present = set(new)
    kill = kills[r]
    # Words whose Enter went out after the kill (into the dead window) do not count.
    words = [(w, ms) for w, ms in typed.get(r, []) if ms <= kills[r]]
    total += len(words)
    lost = [(w, ms) for w, ms in words if w not in present]
    survived += len(words) - len(lost)
    old_lost = [(w, kill - ms) for w, ms in lost if kill - ms > 1000]
    if old_lost:
        failures.append(f"round {r}: lost keywords committed more than 1 s before the kill: {old_lost[:5]}")
    # The loss window: how long before the kill the oldest lost Enter was sent.
    windows.append(max((kill - ms for _, ms in lost), default=0))
windows.sort()
print(f"measure: {rounds} kills; of the {total} keywords typed at 5 ms per key whose Enter went out before a kill, {survived} are in the file after the restarts ({took} ms in all)")
print(f"measure: loss window per kill (ms before the kill of the oldest lost Enter): median {windows[len(windows) // 2]}, max {windows[-1]}; all: {windows}")
for f in failures:
    print("FAIL:", f)
print("ok: every keyword committed more than 1 s before a kill survived, none split, merged or doubled" if not failures else "")
sys.exit(1 if failures else 0)
PY
rm -rf "$work"
exit $status
