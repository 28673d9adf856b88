#!/usr/bin/env bash
# Measures `leerkring export` of the real release binary: wall time and peak
# resident memory (GNU time's "Maximum resident set size") of writing the
# report in all four formats (docx, pdf, html, md) for the sample session
# with three 12-megapixel camera photos attached (4000×3000 JPEGs with
# sensor-like noise, several MB each), several runs; prints one line per
# run (with the CPU time, which other work on the machine changes less than
# the wall time) and the median; then the same for the stress session when
# `cargo bench --bench leerkring -- export/` has written it to
# target/stress-session.json.
#
# usage: scripts/measure-export.sh [-n RUNS] [-b BINARY]
#   -n  runs (default 5)
#   -b  the binary (default target/release/leerkring; build it first with
#       `cargo build --release` — this script builds nothing)
# Needs ImageMagick (convert), GNU time and python3; installs the first two
# with apt-get when missing.
set -euo pipefail

runs=5 bin=target/release/leerkring
while getopts "n:b:" o; do
  case $o in n) runs=$OPTARG ;; b) bin=$OPTARG ;; *) sed -n '2,15p' "$0"; exit 2 ;; esac
done
[ -x "$bin" ] || { echo "measure-export.sh: $bin not found; run 'cargo build --release' first" >&2; exit 2; }
bin=$(realpath "$bin")
root=$(cd "$(dirname "$0")/.." && pwd)

need=()
command -v convert >/dev/null || need+=(imagemagick)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LEERKRING_HOME="$work/home"
mkdir -p "$work/photos" "$work/out-photos"

# Three camera-like photos: a paper-coloured gradient with ink blocks and noise.
for n in 1 2 3; do
  convert -size 4000x3000 gradient:"#d8cfc0"-"#a89c88" \
    -fill "#3a3a3a" -draw "rectangle $((300 * n)),400 $((300 * n + 1400)),520" \
    -attenuate 0.35 +noise Gaussian -quality 92 "$work/photos/camera-$n.jpg"
done
python3 - "$root/sessions/2020-02-04-m50-democratische-vernieuwing.json" "$work/photos/fotos.json" <<'EOF'
import json, sys
session = json.load(open(sys.argv[1], encoding="utf-8"))
item = session["agenda"][2]["id"]
session["attachments"] = [
    {"id": f"foto-{n}", "path": f"camera-{n}.jpg", "caption": f"Flap {n}", "agenda_item": item}
    for n in (1, 2, 3)
]
json.dump(session, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
EOF
"$bin" schema >/dev/null # warm the binary's pages
echo "photos: $(du -ch "$work"/photos/camera-*.jpg | tail -1 | cut -f1) in three 12 MP JPEGs"

measure() { # name session out
  local times=() rss=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -v "$bin" export "$2" --format docx,pdf,html,md -o "$3" >/dev/null 2>"$work/time.txt"
    local wall kb user sys
    wall=$(grep "Elapsed (wall clock)" "$work/time.txt" | awk '{print $NF}')
    kb=$(grep "Maximum resident set size" "$work/time.txt" | awk '{print $NF}')
    user=$(grep "User time" "$work/time.txt" | awk '{print $NF}')
    sys=$(grep "System time" "$work/time.txt" | awk '{print $NF}')
    times+=("$wall") rss+=("$kb")
    echo "  $1: wall $wall, CPU ${user} s user + ${sys} s system, peak RSS $((kb / 1024)) MB"
  done
  local mid=$((runs / 2))
  echo "$1 median: wall $(printf '%s\n' "${times[@]}" | sort | sed -n "$((mid + 1))p"), peak RSS $(($(printf '%s\n' "${rss[@]}" | sort -n | sed -n "$((mid + 1))p") / 1024)) MB"
}

measure "three 12 MP photos, all four formats" "$work/photos/fotos.json" "$work/out-photos"
ls -l "$work/out-photos" | awk 'NR > 1 {print "  " $5, $9}'

if [ -f "$root/target/stress-session.json" ]; then
  mkdir -p "$work/stress" "$work/out-stress"
  cp "$root/target/stress-session.json" "$work/stress/stress.json"
  measure "stress session, all four formats" "$work/stress/stress.json" "$work/out-stress"
fi
