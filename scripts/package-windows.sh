#!/usr/bin/env bash
# Builds the Windows installer, target/dist/leerkring-<version>-x86_64.msi: a
# per-user MSI (no administrator needed) from packaging/windows/leerkring.wxs,
# with leerkring.exe cross-built for x86_64-pc-windows-gnu on this Linux
# machine. Works from a clean checkout: adds the Rust target and installs
# mingw and wixl (apt-get) when they are missing.
#
# usage: scripts/package-windows.sh [--no-build] [--version X.Y.Z] [--out FILE]
#   --no-build   package the .exe built before (CI builds it once)
#   --version    package under another version than Cargo.toml's (tests of
#                upgrades only; a real installer always has Cargo.toml's)
#   --out        where to write the MSI
set -euo pipefail
cd "$(dirname "$0")/.."

build=1 version="" out=""
while [ $# -gt 0 ]; do
  case $1 in
    --no-build) build=0 ;;
    --version) version=$2; shift ;;
    --out) out=$2; shift ;;
    *) sed -n '2,13p' "$0"; exit 2 ;;
  esac
  shift
done

# shellcheck source=scripts/windows-env.sh
. scripts/windows-env.sh
apt_install wixl msitools
[ -n "$version" ] || version=$(cargo pkgid --quiet | sed 's/.*[#@]//')
if ! [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "package-windows.sh: an MSI version is three numbers (X.Y.Z), not '$version'" >&2
  exit 1
fi

target_dir=$(cargo metadata --format-version 1 --no-deps | sed 's/.*"target_directory":"\([^"]*\)".*/\1/')
exe="$target_dir/$WINDOWS_TARGET/release/leerkring.exe"
if [ "$build" = 1 ]; then
  windows_toolchain
  "${WINDOWS_CARGO[@]}" build --release --locked --target "$WINDOWS_TARGET" --bin leerkring
fi
[ -f "$exe" ] || { echo "package-windows.sh: no $exe (build it, or leave out --no-build)" >&2; exit 1; }

dist="$target_dir/dist"
[ -n "$out" ] || out="$dist/leerkring-$version-x86_64.msi"
stage="$dist/msi-stage"
rm -rf "$stage"
mkdir -p "$stage" "$(dirname "$out")"
# Symbols are of no use to a facilitator: 28 MB becomes 22 MB.
x86_64-w64-mingw32-strip -o "$stage/leerkring.exe" "$exe"
cp assets/icon/leerkring.ico packaging/windows/leerkring.wxs "$stage/"
out=$(realpath "$out")
(cd "$stage" && wixl -a x64 -D "Version=$version" -D ExeFile=leerkring.exe \
  -D IconFile=leerkring.ico -o "$out" leerkring.wxs)
rm -rf "$stage"
msiinfo suminfo "$out" | grep -E '^(Subject|Template|Source)' | sed 's/^/  /'
echo "$out ($(du -h "$out" | cut -f1))"
