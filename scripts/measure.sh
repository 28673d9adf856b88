#!/usr/bin/env bash
# Measures the real release binary in a real X window (Xvfb, Mesa software
# rendering), several runs, and prints min / median / max of:
#   - start to first frame: from starting the process until its window is
#     visible (eframe shows the window only after painting the first frame;
#     polled every few ms, so an upper bound); when the app prints
#     "first frame after N ms" (LEERKRING_REPORT_FIRST_FRAME=1), that too;
#   - resident memory (VmRSS) 2 s after start, with the sample session;
#   - CPU used (user + system, all threads) over IDLE seconds: in the
#     background, with the keyboard focus (a text field has the cursor),
#     with the agenda timer running (F5), and the same with the projector
#     window open (F7);
#   - CPU per keystroke while typing (xdotool, 39 characters, 25 ms apart),
#     without and with the projector window;
#   - the frames of each window in the idle spans and while typing
#     (LEERKRING_TRACE_FRAMES=1 makes the app log every frame with what
#     caused it; -k keeps the log of each run).
#
# usage: scripts/measure.sh [-n RUNS] [-t IDLE_SECONDS] [-b BINARY] [-k DIR]
#   -n  runs (default 5)   -t  idle span in seconds (default 10)
#   -k  copy each run's app log (with its frame trace) into DIR
#   -b  the binary (default target/release/leerkring; build it first with
#       `cargo build --release` — this script builds nothing)
# Installs xvfb and xdotool with apt-get when missing. Each run uses a new
# empty LEERKRING_HOME, so the app opens the built-in sample session.
set -euo pipefail

runs=5 idle=10 bin=target/release/leerkring keep=""
while getopts "n:t:b:k:" o; do
  case $o in n) runs=$OPTARG ;; t) idle=$OPTARG ;; b) bin=$OPTARG ;; k) keep=$OPTARG ;; *) sed -n '2,26p' "$0"; exit 2 ;; esac
done
[ -x "$bin" ] || { echo "measure.sh: $bin not found; run 'cargo build --release' first" >&2; exit 2; }
bin=$(realpath "$bin")

need=()
command -v xvfb-run >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

work=$(mktemp -d)
runtime=$(mktemp -d); chmod 700 "$runtime"
trap 'rm -rf "$work" "$runtime"' EXIT

# One run inside the X server; appends "metric value" lines to $work/values.
cat >"$work/run.sh" <<'EOF'
set -u
bin=$1 idle=$2 out=$3 log=$4
tck=$(getconf CLK_TCK)
home=$(mktemp -d)
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
frames() { grep -c '^leerkring: frame ' "$log" || true; }
projector_frames() { grep -c '^leerkring: projector frame ' "$log" || true; }
# CPU milliseconds the app uses while "${@:2}" runs; the console's frames in
# that time are recorded as the metric named by $1 (unless it is -).
cpu_during() {
  local name=$1 before after f0
  shift
  f0=$(frames); p0=$(projector_frames); before=$(cpu_ticks); "$@"; after=$(cpu_ticks)
  [ "$name" = - ] || record "$name" $(( $(frames) - f0 ))
  case $name in *projector) record "${name}_window" $(( $(projector_frames) - p0 )) ;; esac
  echo $(( (after - before) * 1000 / tck ))
}
# The console's window (the projector's title ends in "Projector").
console_window() {
  local w
  for w in $(xdotool search --onlyvisible --name '^Leerkring' 2>/dev/null); do
    case $(xdotool getwindowname "$w") in *Projector) ;; *) echo "$w"; return ;; esac
  done
}
record() { echo "$1 $2" >>"$out"; }
typing() { xdotool type --delay 25 "participatie en raadsbreed akkoord 2020"; sleep 0.3; }

start=$(now_ms)
LEERKRING_HOME=$home LEERKRING_REPORT_FIRST_FRAME=1 LEERKRING_TRACE_FRAMES=1 "$bin" >>"$log" 2>&1 &
pid=$!
wid=""
while [ -z "$wid" ]; do
  if ! kill -0 "$pid" 2>/dev/null; then echo "measure.sh: the app exited; see $log" >&2; exit 1; fi
  if [ $(( $(now_ms) - start )) -gt 30000 ]; then echo "measure.sh: no window after 30 s" >&2; exit 1; fi
  wid=$(console_window)
  [ -n "$wid" ] || sleep 0.002
done
record "start_to_window_visible_ms" $(( $(now_ms) - start ))
sleep 2
reported=$(grep -o 'first frame after [0-9]* ms' "$log" | tail -n1 | grep -o '[0-9]*' || true)
[ -n "$reported" ] && record "first_frame_reported_ms" "$reported"
record "rss_after_start_mb" "$(awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status")"

record "cpu_idle_background_ms" "$(cpu_during frames_idle_background sleep "$idle")"
xdotool windowfocus --sync "$wid"; sleep 1
record "cpu_idle_focused_ms" "$(cpu_during frames_idle_focused sleep "$idle")"
record "cpu_per_keystroke_ms" "$(cpu_during frames_typing typing | awk '{ printf "%.1f", $1 / 39 }')"
xdotool key F5; sleep 1
record "cpu_timer_running_ms" "$(cpu_during frames_timer_running sleep "$idle")"
xdotool key F5

# The projector window (F7), then the console gets the keyboard back.
xdotool key F7; sleep 2
xdotool windowfocus --sync "$wid"; sleep 1
if [ -n "$(xdotool search --onlyvisible --name 'Projector$' 2>/dev/null)" ]; then
  record "rss_with_projector_mb" "$(awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status")"
  record "cpu_idle_focused_projector_ms" "$(cpu_during frames_idle_focused_projector sleep "$idle")"
  record "cpu_per_keystroke_projector_ms" "$(cpu_during frames_typing_projector typing | awk '{ printf "%.1f", $1 / 39 }')"
  xdotool key F5; sleep 1
  record "cpu_timer_running_projector_ms" "$(cpu_during frames_timer_running_projector sleep "$idle")"
else
  echo "measure.sh: F7 opened no projector window" >&2
fi

kill "$pid"; wait "$pid" 2>/dev/null
rm -rf "$home"
EOF

: >"$work/values"
for i in $(seq 1 "$runs"); do
  echo "run $i/$runs ..." >&2
  XDG_RUNTIME_DIR=$runtime xvfb-run -a -s "-screen 0 1920x1080x24 -nolisten tcp" \
    bash "$work/run.sh" "$bin" "$idle" "$work/values" "$work/app-$i.log" \
    || { cat "$work/app-$i.log" >&2; exit 1; }
  [ -n "$keep" ] && { mkdir -p "$keep"; cp "$work/app-$i.log" "$keep/app-$i.log"; }
done

echo
echo "$(basename "$bin"), $runs runs, idle spans of $idle s; CPU figures are ms of CPU time"
echo "(user + system, all threads): ms per $idle s, or ms per keystroke"
printf '%-34s %9s %9s %9s\n' metric min median max
awk '{ print $1 }' "$work/values" | awk '!seen[$0]++' | while read -r metric; do
  awk -v m="$metric" '$1 == m { print $2 }' "$work/values" | sort -g | awk -v m="$metric" '
    { v[NR] = $1 }
    END {
      med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "%-34s %9s %9s %9s\n", m, v[1], med, v[NR]
    }'
done
