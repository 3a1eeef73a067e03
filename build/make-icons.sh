#!/usr/bin/env bash
# Makes Ferry's app icons from renderer/public/icon.svg: the 1024 px source
# (build/icon.png, which electron-builder turns into the macOS .icns), the Linux
# sizes in build/icons/ and the Windows build/icon.ico. The results are committed,
# so packaging and CI never need these tools; run this again after changing the SVG.
# Needs rsvg-convert (librsvg2-bin) and ImageMagick's convert.
set -euo pipefail
cd "$(dirname "$0")/.."
svg=renderer/public/icon.svg
rsvg-convert -w 1024 -h 1024 "$svg" -o build/icon.png
mkdir -p build/icons
for size in 16 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" "$svg" -o "build/icons/${size}x${size}.png"
done
convert build/icons/16x16.png build/icons/32x32.png build/icons/48x48.png build/icons/64x64.png \
  build/icons/128x128.png build/icons/256x256.png build/icon.ico
