#!/usr/bin/env bash
# Makes the tray's and the taskbar overlay's PNGs from the SVGs beside this script,
# into renderer/public/tray/ (the build copies them next to the main bundle's renderer).
# Needs rsvg-convert (Debian: apt-get install librsvg2-bin). The PNGs are committed,
# so neither CI nor a build needs it; run it again after changing an SVG.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../../renderer/public/tray"
mkdir -p "$out"

# render SVG INK MARK MARKTEXT SIZE PNG
render() {
  sed -e "s/MARKTEXT/$4/g" -e "s/MARK/$3/g" -e "s/INK/$2/g" "$1" | rsvg-convert -w "$5" -h "$5" -o "$6"
}

for kind in idle active attention; do
  svg="$here/tray-$kind.svg"
  # macOS: template images, black and alpha only; the menu bar tints them for light and dark.
  # A template cannot be red, so the attention mark is a plain black dot there.
  render "$svg" '#000000' '#000000' 'none' 16 "$out/tray-${kind}Template.png"
  render "$svg" '#000000' '#000000' 'none' 32 "$out/tray-${kind}Template@2x.png"
  # Windows and Linux: Ferry's blue, which reads on light and dark panels, and a red mark.
  render "$svg" '#3a7bd5' '#d93036' '#ffffff' 32 "$out/tray-$kind.png"
  render "$svg" '#3a7bd5' '#d93036' '#ffffff' 64 "$out/tray-$kind@2x.png"
done
rsvg-convert -w 32 -h 32 -o "$out/overlay-failed.png" "$here/overlay-failed.svg"
