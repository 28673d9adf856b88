# Sourced by scripts/package-windows.sh and scripts/ci-windows.sh: makes sure
# this Linux machine can build Leerkring for 64-bit Windows
# (x86_64-pc-windows-gnu) and sets WINDOWS_CARGO to the command to use.
#
# 1. rustup's standard library for the target (`rustup target add`), the
#    usual way;
# 2. when rustup cannot add it (no rustup, or its download server cannot be
#    reached), Debian's Rust toolchain (rustc-web, cargo-web) builds the
#    standard library from Debian's own source (rust-web-src) with
#    -Zbuild-std; this is said out loud, never skipped silently;
# 3. mingw's linker and resource compiler (gcc-mingw-w64-x86-64-win32).
#
# LEERKRING_WINDOWS_BUILD_STD=1 takes the second way on purpose (to test it).

WINDOWS_TARGET=x86_64-pc-windows-gnu
WINDOWS_CARGO=(cargo)

# Installs Debian packages that are missing (as root, or through sudo).
apt_install() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep "ok installed" >/dev/null || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing ${missing[*]} (apt-get)"
  local sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  # Only when the lists are missing or older than a day: CI updated them.
  if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mtime -1 2>/dev/null | head -n1)" ]; then
    "${sudo[@]}" apt-get update -qq >/dev/null
  fi
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

windows_toolchain() {
  apt_install gcc-mingw-w64-x86-64-win32
  if [ -z "${LEERKRING_WINDOWS_BUILD_STD:-}" ] && command -v rustup >/dev/null; then
    if rustup target list --installed | grep -x "$WINDOWS_TARGET" >/dev/null; then
      return 0
    fi
    if rustup target add "$WINDOWS_TARGET"; then
      return 0
    fi
  fi
  echo "=============================================================================="
  echo "NOTE: rustup could not add the $WINDOWS_TARGET target$(command -v rustup >/dev/null || echo ' (no rustup)')"
  echo "      ${LEERKRING_WINDOWS_BUILD_STD:+(LEERKRING_WINDOWS_BUILD_STD is set) }falling back to Debian's"
  echo "      rustc-web with the standard library built from rust-web-src (-Zbuild-std)."
  echo "=============================================================================="
  apt_install rustc-web cargo-web rust-web-src rust-web-clippy
  # Debian's tools live in /usr/bin; put them first so that `cargo clippy`
  # finds Debian's cargo-clippy, not rustup's. -Zbuild-std is unstable:
  # RUSTC_BOOTSTRAP lets Debian's stable compiler accept it. The standard
  # library's source comes from rust-web-src (/usr/lib/rustlib/src/rust).
  WINDOWS_CARGO=(env RUSTC_BOOTSTRAP=1 "PATH=/usr/bin:$PATH" RUSTC=/usr/bin/rustc
    RUSTDOC=/usr/bin/rustdoc /usr/bin/cargo -Zbuild-std=std,panic_unwind)
  echo "using $(/usr/bin/rustc --version) with -Zbuild-std"
  export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
}
