#!/usr/bin/env bash
# CI's Windows steps, called from .ci/run: guards that Leerkring still
# builds, lints and works on Windows, and that its installer does.
#   1. packages: mingw, wixl and msitools, wine (64-bit), icoutils;
#   2. the Rust target x86_64-pc-windows-gnu (rustup, or the fallback in
#      scripts/windows-env.sh, announced loudly);
#   3. clippy -D warnings for Windows, all targets (the cfg(windows) tests too);
#   4. the release .exe (built once: it serves the installer and the Wine
#      tests), with its resources checked: icon, version information, the
#      manifest (DPI awareness, no elevation), the GUI subsystem;
#   5. the per-user MSI (scripts/package-windows.sh), and a copy with a
#      higher version for the upgrade test;
#   6. the library's unit tests built for Windows (they include the
#      cfg(windows) tests: file locks, the save's rename retry, network
#      share and long paths, the data folder, keep-awake);
#   7. tests/wine/run.sh: the MSI installed per user under Wine, the
#      installed program on the command line and in its window, the unit
#      tests of step 6, upgrade, uninstall.
# Prints each step's time.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/windows-env.sh
. scripts/windows-env.sh
export CARGO_TERM_COLOR=never

all_start=$(date +%s)
# Runs a step and prints its wall-clock and CPU time (CPU time says more
# when other work shares the machine).
step() {
  local name=$1; shift
  echo "== windows: $name"
  local TIMEFORMAT="   windows: $name took %0R s (CPU: %0U s user, %0S s system)"
  time "$@"
}

step "packages" apt_install gcc-mingw-w64-x86-64-win32 wixl msitools wine wine64 \
  icoutils xvfb xdotool imagemagick python3
step "rust target $WINDOWS_TARGET" windows_toolchain
step "clippy --target $WINDOWS_TARGET --all-targets -- -D warnings" \
  "${WINDOWS_CARGO[@]}" clippy --release --locked --target "$WINDOWS_TARGET" --all-targets -- -D warnings
step "release build (leerkring.exe)" \
  "${WINDOWS_CARGO[@]}" build --release --locked --target "$WINDOWS_TARGET" --bin leerkring

target_dir=$(cargo metadata --format-version 1 --no-deps | sed 's/.*"target_directory":"\([^"]*\)".*/\1/')
exe="$target_dir/$WINDOWS_TARGET/release/leerkring.exe"
version=$(cargo pkgid --quiet | sed 's/.*[#@]//')

check_exe() {
  local failed=0 info
  if x86_64-w64-mingw32-objdump -p "$exe" | grep 'Subsystem.*(Windows GUI)' >/dev/null; then
    echo "ok: leerkring.exe is a GUI program (no console window behind the app)"
  else
    echo "FAIL: leerkring.exe is not a Windows GUI program"; failed=1
  fi
  if wrestool -l --type=14 "$exe" | grep group_icon >/dev/null; then
    echo "ok: the icon is in the .exe ($(wrestool -l --type=3 "$exe" | wc -l) sizes)"
  else
    echo "FAIL: no icon in the .exe"; failed=1
  fi
  info=$(wrestool -x --raw --type=16 "$exe" | iconv -f UTF-16LE -t UTF-8 2>/dev/null | tr -c '[:print:]' ' ')
  if grep -q "FileDescription *Leerkring" <<<"$info" && grep -q "ProductName *Leerkring" <<<"$info" \
    && grep -q "ProductVersion *$version" <<<"$info"; then
    echo "ok: version information: file description and product name Leerkring, version $version"
  else
    echo "FAIL: version information incomplete: $info"; failed=1
  fi
  info=$(wrestool -x --raw --type=24 "$exe")
  if grep -q "PerMonitorV2" <<<"$info" && grep -q 'level="asInvoker"' <<<"$info"; then
    echo "ok: manifest: per-monitor DPI awareness (v2), runs without elevation"
  else
    echo "FAIL: the manifest lacks DPI awareness or asInvoker"; failed=1
  fi
  echo "leerkring.exe: $(du -h "$exe" | cut -f1)"
  return $failed
}
step "the .exe's resources" check_exe

dist="$target_dir/dist"
newer="$(mktemp -d)/leerkring-upgrade-test.msi"
package() {
  bash scripts/package-windows.sh --no-build
  # The same program under the next patch version: the upgrade test only.
  bash scripts/package-windows.sh --no-build --version \
    "$(awk -F. '{ print $1 "." $2 "." $3 + 1 }' <<<"$version")" --out "$newer" >/dev/null
}
step "installer (MSI)" package
msi="$dist/leerkring-$version-x86_64.msi"

tests_exe=""
build_tests() {
  tests_exe=$("${WINDOWS_CARGO[@]}" test --release --locked --target "$WINDOWS_TARGET" --lib --no-run \
    --message-format=json-render-diagnostics | sed -n 's/.*"executable":"\([^"]*\.exe\)".*/\1/p' | tail -n1)
  [ -n "$tests_exe" ] && echo "built $tests_exe"
}
step "unit tests built for Windows" build_tests
step "Wine: installer, installed program, unit tests" bash tests/wine/run.sh "$msi" "$newer" "$tests_exe"
rm -rf "$(dirname "$newer")"
echo "== windows: all steps took $(($(date +%s) - all_start)) s"
