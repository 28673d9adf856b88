#!/usr/bin/env bash
# The Windows installer and the installed app, tested under Wine (wine64,
# Xvfb, no window manager), as a facilitator without administrator rights
# would use them:
#   - the MSI installs per user (msiexec /i … /qn): leerkring.exe in
#     %LOCALAPPDATA%\Programs\Leerkring, "Leerkring" in the Start menu, an
#     uninstall entry; a newer MSI replaces it, an older one is refused;
#   - the installed .exe: --version, check on the sample (66 keywords),
#     export (Markdown equal to tests/golden/m50-verslag.md, DOCX and HTML
#     written) into a folder with spaces and accents and into a folder whose
#     path is longer than 260 characters;
#   - the GUI on a copy of the sample: a window "Leerkring — …" appears,
#     typed keywords reach the file within 2 s, a second window on the same
#     file opens read-only (the lock), Ctrl+Q exits with code 0, and the
#     settings land in %APPDATA%\Leerkring;
#   - uninstalling removes the installed files and entries but never the
#     user's sessions or Leerkring's own data.
#
# usage: tests/wine/run.sh INSTALLER.msi NEWER.msi [UNIT-TESTS.exe]
#   NEWER.msi: the same program packaged with a higher version (upgrade test).
#   UNIT-TESTS.exe: the library's unit tests built for Windows
#   (`cargo test --target x86_64-pc-windows-gnu --lib --no-run`), run here
#   too: among them the cfg(windows) tests.
# Needs wine, xvfb-run, xdotool, ImageMagick, mingw's gcc, msitools, python3
# (scripts/ci-windows.sh installs them).
#
# Wine 8 lacks ProcessPrng (bcryptprimitives.dll), which Rust's standard
# library imports and Windows 10 and 11 have: a test-only shim built here from
# tests/wine/processprng.c goes into the Wine prefix's system32, never into
# the installer or the install folder.
set -euo pipefail

msi=$(realpath "$1")
newer_msi=$(realpath "$2")
unit_tests=${3:+$(realpath "$3")}
root=$(cd "$(dirname "$0")/../.." && pwd)

if [ -z "${LEERKRING_WINE_INNER:-}" ]; then
  runtime=$(mktemp -d); chmod 700 "$runtime"
  LEERKRING_WINE_INNER=1 XDG_RUNTIME_DIR=$runtime \
    exec xvfb-run -a -s "-screen 0 2560x1600x24 -nolisten tcp" bash "$0" "$@"
fi

work=$(mktemp -d)
# Wine passes the environment on: the Windows program must find its own
# folders (%APPDATA%), not CI's Unix LEERKRING_HOME.
unset LEERKRING_HOME
export WINEPREFIX="$work/prefix" WINEDEBUG=-all
# No Mono or Gecko installer dialogs while the prefix is made.
export WINEDLLOVERRIDES="mscoree,mshtml="
# The Wine prefix takes 700 MB: removed at the end, with any Wine process
# left. LEERKRING_WINE_KEEP=1 keeps the folder (screenshots, logs).
cleanup() {
  wineserver -k 2>/dev/null || true
  if [ -n "${LEERKRING_WINE_KEEP:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
export LANG=C.UTF-8
passed=0 failed=0
pid=""

fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
ok() { echo "ok: $*"; passed=$((passed + 1)); }
now_ms() { date +%s%3N; }
# A Unix path as Windows sees it under Wine: drive Z: is the Unix root
# (`winepath -w` cuts paths at 260 characters).
winpath() { local p; p=$(realpath -m "$1"); printf 'Z:%s' "${p//\//\\}"; }

# The version inside an MSI (msiinfo ends its lines with CR LF).
msi_version() { msiinfo export "$1" Property | tr -d '\r' | awk -F'\t' '$1 == "ProductVersion" { print $2 }'; }
version=$(msi_version "$msi")

echo "-- Wine prefix and the test-only ProcessPrng shim"
wineboot -i >"$work/wineboot.log" 2>&1
wineserver -w
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$work/bcryptprimitives.dll" \
  "$root/tests/wine/processprng.c" -lbcrypt
cp "$work/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"
user=$(wine cmd /c 'echo %USERNAME%' 2>/dev/null | tr -d '\r')
profile="$WINEPREFIX/drive_c/users/$user"
install_dir="$profile/AppData/Local/Programs/Leerkring"
exe="$install_dir/leerkring.exe"
shortcut="$profile/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Leerkring.lnk"
appdata="$profile/AppData/Roaming/Leerkring"

if [ -n "$unit_tests" ]; then
  echo "-- the library's unit tests, built for Windows"
  if (cd "$work" && wine "$unit_tests" >"$work/unit.log" 2>&1); then
    ok "unit tests under Wine: $(grep '^test result' "$work/unit.log" | tr -d '\r')"
  else
    grep -E '^test .*FAILED|panicked' "$work/unit.log" | tr -d '\r' | head -20
    fail "unit tests under Wine: $(grep '^test result' "$work/unit.log" | tr -d '\r')"
  fi
  windows_only=$(grep -cE '^test .*(windows|desktop::).* ok' "$work/unit.log" || true)
  echo "   (among them $windows_only Windows-related tests: $(grep -oE '^test [^ ]*(windows|desktop::)[^ ]*' "$work/unit.log" | sed 's/^test //; s/.*:://' | tr '\n' ' '))"
  wineserver -w
fi

echo "-- install (per user, no UI)"
if wine msiexec /i "$(winpath "$msi")" /qn; then ok "msiexec /i $(basename "$msi") /qn exits 0"; else fail "msiexec /i failed"; fi
wineserver -w
[ -f "$exe" ] && ok "leerkring.exe installed in %LOCALAPPDATA%\\Programs\\Leerkring" || fail "no $exe"
ls "$install_dir" | grep -i bcryptprimitives >/dev/null && fail "the test shim is in the install folder" \
  || ok "the install folder holds no test shim ($(ls "$install_dir" | tr '\n' ' '))"
if [ -f "$shortcut" ] && grep -aqi 'Leerkring\\leerkring.exe' "$shortcut"; then
  ok "Start-menu entry 'Leerkring' points at the installed leerkring.exe"
else
  fail "no Start-menu entry 'Leerkring' pointing at leerkring.exe"
fi
entries=$(wine uninstaller --list 2>/dev/null | tr -d '\r' | grep -c '|Leerkring$' || true)
[ "$entries" = 1 ] && ok "one uninstall entry 'Leerkring'" || fail "$entries uninstall entries 'Leerkring'"

echo "-- the installed program on the command line"
got=$(wine "$exe" --version | tr -d '\r')
[ "$got" = "leerkring $version" ] && ok "--version prints '$got'" || fail "--version printed '$got', expected 'leerkring $version'"

# A folder with spaces and accents, as a Dutch user's folders are.
docs="$work/Mijn documenten/Leerkring sessies – Zoë"
mkdir -p "$docs/verslag"
cp "$root/sessions/2020-02-04-m50-democratische-vernieuwing.json" "$docs/Kick-off café.json"
session_win=$(winpath "$docs/Kick-off café.json")
if out=$(wine "$exe" check "$session_win" | tr -d '\r') && grep -q ": .*66 keywords" <<<"$out"; then
  ok "check on the sample: $(sed 's/.*: //' <<<"$out")"
else
  fail "check on the sample: $out"
fi
if wine "$exe" export "$session_win" --format docx,html,md -o "$(winpath "$docs/verslag")" >"$work/export.log" 2>&1; then
  ok "export exits 0"
else
  fail "export: $(tr -d '\r' <"$work/export.log")"
fi
md="$docs/verslag/Kick-off café.md"
if cmp -s "$md" "$root/tests/golden/m50-verslag.md"; then
  ok "exported Markdown is byte-identical to tests/golden/m50-verslag.md"
else
  fail "exported Markdown differs from the golden file: $(diff "$md" "$root/tests/golden/m50-verslag.md" 2>&1 | head -5)"
fi
if python3 -m zipfile -l "$docs/verslag/Kick-off café.docx" 2>/dev/null | grep "word/document.xml" >/dev/null; then
  ok "exported DOCX is a zip with word/document.xml ($(stat -c %s "$docs/verslag/Kick-off café.docx") bytes)"
else
  fail "no readable DOCX"
fi
html="$docs/verslag/Kick-off café.html"
if [ -s "$html" ] && grep -q "</html>" "$html" && grep -q "Meijerijstad" "$html"; then
  ok "exported HTML written ($(stat -c %s "$html") bytes)"
else
  fail "no complete HTML"
fi

# A session deeper than Windows' old 260-character limit.
deep="$work"
while [ ${#deep} -lt 300 ]; do deep="$deep/Een map met een lange naam"; done
mkdir -p "$deep"
cp "$root/sessions/2020-02-04-m50-democratische-vernieuwing.json" "$deep/sessie.json"
deep_win=$(winpath "$deep/sessie.json")
if wine "$exe" export "$deep_win" --format md >"$work/deep.log" 2>&1 \
  && cmp -s "$deep/sessie.md" "$root/tests/golden/m50-verslag.md"; then
  ok "export works on a session path of ${#deep_win} characters"
else
  fail "long path (${#deep_win} characters): $(tr -d '\r' <"$work/deep.log")"
fi

echo "-- the installed program's window"
# Waits up to $1 ms for $pid to exit; sets code (or "timeout", then kills).
wait_exit() {
  local limit=$1 start; start=$(now_ms)
  while kill -0 "$pid" 2>/dev/null; do
    if [ $(($(now_ms) - start)) -gt "$limit" ]; then
      kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
      code=timeout; return
    fi
    sleep 0.05
  done
  code=0; wait "$pid" || code=$?
}
# The Start-menu entry, on a first run: the sample opens as an untitled copy.
wine start /unix "$shortcut" >/dev/null 2>&1 &
wid=$(timeout 60 xdotool search --sync --onlyvisible --name "^Leerkring — Kick-off bijeenkomst" | head -n1) || wid=""
if [ -n "$wid" ]; then
  ok "the Start-menu entry starts Leerkring with the sample session (first run)"
  sleep 2
  import -window root "$work/first-run.png"
  xdotool windowfocus --sync "$wid"
  xdotool key --window "$wid" ctrl+q
  for _ in $(seq 1 100); do
    xdotool search --onlyvisible --name "^Leerkring" >/dev/null || break
    sleep 0.1
  done
  xdotool search --onlyvisible --name "^Leerkring" >/dev/null && fail "the first-run window did not close on Ctrl+Q"
else
  fail "the Start-menu entry opened no window with the sample session"
fi
timeout 30 wineserver -w || { fail "a Wine process did not end"; wineserver -k || true; }

gui="$docs/Sessie in het venster.json"
cp "$root/sessions/2020-02-04-m50-democratische-vernieuwing.json" "$gui"
wine "$exe" "$(winpath "$gui")" >"$work/app.log" 2>&1 &
pid=$!
wid=$(timeout 60 xdotool search --sync --onlyvisible --name "^Leerkring — Kick-off bijeenkomst" | head -n1) || wid=""
if [ -z "$wid" ]; then
  fail "no window titled 'Leerkring — Kick-off bijeenkomst…' appeared (log: $(tail -5 "$work/app.log"))"
  kill -9 "$pid" 2>/dev/null || true
else
  ok "a window titled '$(xdotool getwindowname "$wid")' appears"
  sleep 2 # the first frames
  import -window root "$work/window.png"
  spread=$(convert "$work/window.png" -format "%[fx:standard_deviation]" info:)
  awk "BEGIN { exit !($spread > 0.05) }" && ok "the window shows content (standard deviation $spread)" \
    || fail "the window looks blank (standard deviation $spread)"
  xdotool windowfocus --sync "$wid"
  worst=0
  for word in wine-sleutelwoord-1 wine-sleutelwoord-2 wine-sleutelwoord-3; do
    xdotool type --window "$wid" --delay 40 "$word"
    xdotool key --window "$wid" Return
    t0=$(now_ms)
    until grep -q "\"$word\"" "$gui" 2>/dev/null; do
      [ $(($(now_ms) - t0)) -gt 5000 ] && break
      sleep 0.05
    done
    took=$(($(now_ms) - t0))
    [ "$took" -gt "$worst" ] && worst=$took
  done
  if [ "$worst" -le 2000 ]; then
    ok "3 typed keywords reached the file, each within ${worst} ms (limit 2000)"
  else
    fail "a typed keyword took ${worst} ms to reach the file (limit 2000)"
  fi
  # The lock: a second window on the same file opens read-only, and what is
  # typed there never reaches the file.
  wine "$exe" "$(winpath "$gui")" >"$work/second.log" 2>&1 &
  second=$!
  wid2=""
  for _ in $(seq 1 100); do
    wid2=$(xdotool search --onlyvisible --name "^Leerkring — Kick-off bijeenkomst" | grep -vx "$wid" | head -n1 || true)
    [ -n "$wid2" ] && break
    sleep 0.2
  done
  if [ -n "$wid2" ]; then
    sleep 2
    xdotool windowfocus --sync "$wid2"
    xdotool type --window "$wid2" --delay 40 "tweede-venster"
    xdotool key --window "$wid2" Return
    sleep 3
    if grep -q "tweede-venster" "$gui"; then
      fail "a second window on the same session wrote into it (the lock did not hold)"
    else
      ok "a second window on the same session is read-only (the lock holds under Windows' file locks)"
    fi
    xdotool key --window "$wid2" ctrl+q
    first=$pid pid=$second
    wait_exit 10000
    pid=$first
    [ "$code" = 0 ] || fail "the read-only window: Ctrl+Q exit '$code'"
  else
    fail "no second window appeared"
    kill -9 "$second" 2>/dev/null || true
  fi
  # Under Wine without a window manager, a window gets the keyboard back
  # after another one closed only when clicked (an empty spot).
  xdotool windowfocus --sync "$wid"
  xdotool mousemove --window "$wid" 640 760 click 1
  sleep 0.5
  xdotool key --window "$wid" ctrl+q
  wait_exit 10000
  [ "$code" = 0 ] && ok "Ctrl+Q exits with code 0" || fail "Ctrl+Q: exit '$code'"
  # Both processes ended, so the lock is free again: a new window edits.
  wine "$exe" "$(winpath "$gui")" >"$work/third.log" 2>&1 &
  pid=$!
  wid=$(timeout 60 xdotool search --sync --onlyvisible --name "^Leerkring — Kick-off bijeenkomst" | head -n1) || wid=""
  if [ -n "$wid" ]; then
    sleep 2
    xdotool windowfocus --sync "$wid"
    xdotool type --window "$wid" --delay 40 "derde-venster"
    xdotool key --window "$wid" Return
    sleep 3
    grep -q "derde-venster" "$gui" && ok "after both windows closed, the session is editable again (lock released)" \
      || fail "after both windows closed, typing in a new window did not reach the file"
    xdotool key --window "$wid" ctrl+q
    wait_exit 10000
    [ "$code" = 0 ] || fail "third window: Ctrl+Q exit '$code'"
  else
    fail "no third window appeared"
    kill -9 "$pid" 2>/dev/null || true
  fi
  settings="$appdata/Leerkring/config/settings.json"
  if [ -f "$settings" ] && grep -q "Sessie in het venster.json" "$settings"; then
    ok "settings saved in %APPDATA%\\Leerkring\\Leerkring\\config (recent sessions)"
  else
    fail "no settings in $settings ($(find "$appdata" 2>/dev/null | head -5 | tr '\n' ' '))"
  fi
  ls "$docs" | grep '\.tmp$' >/dev/null && fail "a temporary file was left next to the session" \
    || ok "no temporary file left next to the session"
fi
timeout 30 wineserver -w || { fail "a Wine process did not end"; wineserver -k || true; }

# Display scaling at 150 % (144 dpi): the app draws at that scale itself
# (1280 x 800 points become 1920 x 1200 pixels) instead of being stretched.
wine reg add 'HKCU\Control Panel\Desktop' /v LogPixels /t REG_DWORD /d 144 /f >/dev/null 2>&1
wineserver -k 2>/dev/null || true
wine "$exe" "$(winpath "$gui")" >"$work/dpi.log" 2>&1 &
pid=$!
wid=$(timeout 60 xdotool search --sync --onlyvisible --name "^Leerkring — Kick-off bijeenkomst" | head -n1) || wid=""
if [ -n "$wid" ]; then
  sleep 2
  size=$(xdotool getwindowgeometry "$wid" | sed -n 's/.*Geometry: //p')
  [ "$size" = 1920x1200 ] && ok "at 150 % scaling the window is drawn at 1920x1200 pixels (sharp text)" \
    || fail "at 150 % scaling the window is $size, expected 1920x1200"
  import -window root "$work/dpi-150.png"
  xdotool windowfocus --sync "$wid"
  xdotool key --window "$wid" ctrl+q
  wait_exit 10000
  [ "$code" = 0 ] || fail "at 150 %: Ctrl+Q exit '$code'"
else
  fail "at 150 % scaling no window appeared"
  kill -9 "$pid" 2>/dev/null || true
fi
wine reg add 'HKCU\Control Panel\Desktop' /v LogPixels /t REG_DWORD /d 96 /f >/dev/null 2>&1
timeout 30 wineserver -w || { fail "a Wine process did not end"; wineserver -k || true; }

echo "-- upgrade and downgrade"
newer_version=$(msi_version "$newer_msi")
wine msiexec /i "$(winpath "$newer_msi")" /qn || fail "installing $newer_version over $version failed"
wineserver -w
entries=$(wine uninstaller --list 2>/dev/null | tr -d '\r' | grep -c '|Leerkring$' || true)
if [ "$entries" = 1 ] && [ -f "$exe" ]; then
  ok "the $newer_version MSI replaces $version: one uninstall entry, the program in place"
else
  fail "after the upgrade: $entries uninstall entries, program present: $([ -f "$exe" ] && echo yes || echo no)"
fi
if wine msiexec /i "$(winpath "$msi")" /qn >/dev/null 2>&1; then
  fail "the older MSI ($version) was installed over $newer_version"
else
  ok "the older MSI ($version) refuses to replace $newer_version"
fi
wineserver -w

echo "-- uninstall"
if wine msiexec /x "$(winpath "$newer_msi")" /qn; then ok "msiexec /x exits 0"; else fail "msiexec /x failed"; fi
wineserver -w
[ -e "$install_dir" ] && fail "the install folder is still there: $(ls "$install_dir" | tr '\n' ' ')" \
  || ok "the install folder is removed"
[ -e "$shortcut" ] && fail "the Start-menu entry is still there" || ok "the Start-menu entry is removed"
entries=$(wine uninstaller --list 2>/dev/null | tr -d '\r' | grep -c '|Leerkring$' || true)
[ "$entries" = 0 ] && ok "no uninstall entry left" || fail "$entries uninstall entries left"
if wine reg query 'HKCU\Software\Leerkring\Installer' >/dev/null 2>&1; then
  fail "the installer's registry values are still there"
else
  ok "the installer's registry values are removed"
fi
if grep -q "wine-sleutelwoord-3" "$gui" && [ -f "$docs/Kick-off café.json" ] && [ -f "$md" ]; then
  ok "the user's sessions and reports are kept"
else
  fail "the user's sessions or reports are gone"
fi
[ -f "$appdata/Leerkring/config/settings.json" ] && ok "Leerkring's own data in %APPDATA% is kept" \
  || fail "Leerkring's data in %APPDATA% is gone"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
