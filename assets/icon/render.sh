#!/usr/bin/env bash
# Renders the app icon from leerkring.svg into the committed PNG sizes and the
# Windows ICO. Run by hand after changing the SVG (never at build time);
# needs rsvg-convert (librsvg2-bin) and icotool (icoutils).
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 24 32 48 64 128 256; do
  rsvg-convert -w "$size" -h "$size" leerkring.svg -o "leerkring-$size.png"
done
# The 256-pixel image stays PNG-compressed inside the ICO (-r), as Windows
# Vista and later read it.
icotool -c -o leerkring.ico leerkring-16.png leerkring-24.png leerkring-32.png \
  leerkring-48.png leerkring-64.png -r leerkring-256.png
