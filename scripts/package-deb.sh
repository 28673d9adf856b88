#!/usr/bin/env bash
# Builds the Linux package, target/dist/leerkring_<version>_amd64.deb, with
# dpkg-deb: the release binary in /usr/bin, a menu entry (desktop file) and
# the app icon. Install it with `sudo apt install ./leerkring_…_amd64.deb`
# (apt brings the libraries it needs).
#
# usage: scripts/package-deb.sh [--no-build]
#   --no-build   package the release binary built before (CI builds it once)
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
case ${1:-} in
  --no-build) build=0 ;;
  "") ;;
  *) sed -n '2,8p' "$0"; exit 2 ;;
esac

version=$(cargo pkgid --quiet | sed 's/.*[#@]//')
target_dir=$(cargo metadata --format-version 1 --no-deps | sed 's/.*"target_directory":"\([^"]*\)".*/\1/')
bin="$target_dir/release/leerkring"
[ "$build" = 0 ] || cargo build --release --locked --bin leerkring
[ -f "$bin" ] || { echo "package-deb.sh: no $bin (build it, or leave out --no-build)" >&2; exit 1; }

arch=$(dpkg --print-architecture)
dist="$target_dir/dist"
root="$dist/deb-root"
rm -rf "$root"
mkdir -p "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/applications" \
  "$root/usr/share/doc/leerkring" "$root/usr/share/icons/hicolor/scalable/apps"
strip -o "$root/usr/bin/leerkring" "$bin"
for png in assets/icon/leerkring-*.png; do
  size=${png##*-}; size=${size%.png}
  mkdir -p "$root/usr/share/icons/hicolor/${size}x${size}/apps"
  install -m 644 "$png" "$root/usr/share/icons/hicolor/${size}x${size}/apps/leerkring.png"
done
install -m 644 assets/icon/leerkring.svg "$root/usr/share/icons/hicolor/scalable/apps/leerkring.svg"
install -m 644 packaging/linux/leerkring.desktop "$root/usr/share/applications/leerkring.desktop"
cat >"$root/usr/share/doc/leerkring/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: leerkring

Files: *
License: MIT or Apache-2.0

Files: fonts built into /usr/bin/leerkring (Noto Sans, Noto Sans Math)
License: OFL-1.1
$(sed 's/^$/./; s/^/ /' assets/fonts/OFL.txt)
EOF

# The binary itself links only the C library; windowing, OpenGL, the
# keyboard and D-Bus libraries are opened at run time (X11 or Wayland).
glibc=$(objdump -T "$bin" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -n1)
installed_size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat >"$root/DEBIAN/control" <<EOF
Package: leerkring
Version: $version
Architecture: $arch
Maintainer: Leerkring <leerkring@users.noreply.invalid>
Installed-Size: $installed_size
Depends: libc6 (>= $glibc), libgcc-s1, libgl1, libegl1, libx11-6, libx11-xcb1, libxcb1, libxcursor1, libxi6, libxrandr2, libxrender1, libxkbcommon0, libxkbcommon-x11-0, libdbus-1-3
Recommends: libwayland-client0, libwayland-egl1, xdg-desktop-portal
Section: misc
Priority: optional
Description: facilitator's console and projector whiteboard for learning circles
 Leerkring is a desktop app for the facilitator of a learning circle
 (leerkring): a meeting in which a network of Dutch municipalities shares
 its experiments. The console runs the agenda and captures each
 municipality's experiment and keywords and the group's synthesis; the
 projector shows the whiteboard on the beamer. Every change is saved as
 JSON, and the report is exported as Word, HTML or Markdown. Dutch and
 English.
EOF
deb="$dist/leerkring_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
rm -rf "$root"
echo "$deb ($(du -h "$deb" | cut -f1))"
