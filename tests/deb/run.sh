#!/usr/bin/env bash
# The Linux package as a user gets it: its contents, its menu entry, and
# installed with apt (which brings the libraries it depends on), the
# installed program checks the sample; removed again afterwards.
#
# usage: tests/deb/run.sh leerkring_<version>_amd64.deb
# Runs as root (CI); needs dpkg, apt-get and desktop-file-utils.
set -euo pipefail
deb=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
passed=0 failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
ok() { echo "ok: $*"; passed=$((passed + 1)); }

version=$(dpkg-deb -f "$deb" Version)
contents=$(dpkg-deb -c "$deb")
for path in ./usr/bin/leerkring ./usr/share/applications/leerkring.desktop \
  ./usr/share/icons/hicolor/256x256/apps/leerkring.png ./usr/share/icons/hicolor/scalable/apps/leerkring.svg \
  ./usr/share/doc/leerkring/copyright; do
  grep -q " $path\$" <<<"$contents" && ok "the package holds $path" || fail "the package lacks $path"
done
work=$(mktemp -d)
dpkg-deb -x "$deb" "$work"
if desktop-file-validate "$work/usr/share/applications/leerkring.desktop"; then
  ok "the menu entry is a valid desktop file"
else
  fail "the desktop file is not valid"
fi

if DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >"$work/apt.log" 2>&1; then
  ok "apt-get install ./$(basename "$deb") works (dependencies resolved)"
  got=$(/usr/bin/leerkring --version)
  [ "$got" = "leerkring $version" ] && ok "installed: --version prints '$got'" || fail "installed: --version printed '$got'"
  if /usr/bin/leerkring check "$root/sessions/2020-02-04-m50-democratische-vernieuwing.json" | grep "66 keywords" >/dev/null; then
    ok "installed: check on the sample finds 66 keywords"
  else
    fail "installed: check on the sample"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq leerkring >/dev/null 2>&1 || true
  [ -e /usr/bin/leerkring ] && fail "removing the package left /usr/bin/leerkring" || ok "removing the package removes the program"
else
  fail "apt-get install failed: $(tail -5 "$work/apt.log")"
fi
rm -rf "$work"
echo "$(basename "$deb"): $(du -h "$deb" | cut -f1)"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
