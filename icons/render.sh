#!/usr/bin/env bash
# icons/render.sh - render the icon SVGs in icons/ to the PNG, ICO and ICNS
# files that are committed, so that the build itself needs no image tools.
#
# Run it by hand after changing an SVG, then commit the SVG and the outputs:
#
#   bash icons/render.sh                 # render everything
#   bash icons/render.sh --sheet [FILE]  # also write a contact sheet
#                                        # (default /tmp/icons-sheet.png)
#
# Inputs (icons/):  app.svg, tray-{valid,expiring,expired,renewing,attention}.svg
# Outputs:
#   icons/app/app-N.png     N = 16 24 32 48 64 128 256 512 1024
#   icons/app.ico           16 24 32 48 64 128 256 (Windows installer, .exe)
#   icons/app.icns          16 32 128 256 512 at 1x and @2x (macOS .app / .dmg)
#   src/main/resources/dev/tokentray/ui/icons/
#     tray-STATE-N.png      N = 16 22 24 32        (tray icon, 1x)
#     tray-STATE-N@2x.png   rendered at 2N px       (tray icon, HiDPI)
#     app-N.png             N = 16 32 48 64 128 256 (window icons, Stage.getIcons)
#
# Tools (Debian 12 packages, installed with apt-get when missing):
#   rsvg-convert (librsvg2-bin) and ImageMagick 6 convert (imagemagick).
#   The .icns is assembled by this script itself (PNG entries); icns2png -l
#   (icnsutils) can list it.
#
# Idempotent and deterministic: it overwrites the outputs and removes stale
# ones; rsvg-convert writes no time or text chunks, and ImageMagick is told to
# leave out its date chunks, so a rerun on the same SVGs gives the same bytes
# (with the same tool versions).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
RES="$ROOT/src/main/resources/dev/tokentray/ui/icons"
STATES=(valid expiring expired renewing attention)
TRAY_SIZES=(16 22 24 32)
APP_SIZES=(16 24 32 48 64 128 256 512 1024)
APP_RES_SIZES=(16 32 48 64 128 256)
ICO_SIZES=(16 24 32 48 64 128 256)
# .icns entry type : PNG size (16, 32, 128, 256, 512 at 1x and 2x)
ICNS_ENTRIES=(icp4:16 ic11:32 icp5:32 ic12:64 ic07:128 ic13:256 ic08:256 ic14:512 ic09:512 ic10:1024)

SHEET=""
while [ $# -gt 0 ]; do
  case "$1" in
    --sheet)
      SHEET="/tmp/icons-sheet.png"
      if [ $# -gt 1 ] && [ "${2#-}" = "$2" ]; then SHEET="$2"; shift; fi ;;
    -h|--help) sed -n '2,29p' "$0"; exit 0 ;;
    *) echo "render.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

# --- tools -------------------------------------------------------------------
have_im() { convert -version 2>/dev/null | grep -q ImageMagick; }
missing=()
command -v rsvg-convert >/dev/null || missing+=(librsvg2-bin)
have_im || missing+=(imagemagick)
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    echo "render.sh: missing ${missing[*]} (Debian package names); install them and rerun" >&2
    exit 1
  fi
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "render.sh: installing ${missing[*]}"
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# ImageMagick without its date/time chunks and text metadata.
IM_CLEAN=(-strip -define png:exclude-chunks=date,time,tEXt,zTXt,iTXt)

svg() { # svg SRC.svg SIZE OUT.png
  rsvg-convert --format png --width "$2" --height "$2" --keep-aspect-ratio --output "$3" "$1"
}

# --- app icon -------------------------------------------------------------------
mkdir -p "$HERE/app" "$RES"
rm -f "$HERE"/app/app-*.png "$RES"/app-*.png "$RES"/tray-*.png
for n in "${APP_SIZES[@]}"; do
  svg "$HERE/app.svg" "$n" "$HERE/app/app-$n.png"
done
for n in "${APP_RES_SIZES[@]}"; do
  cp "$HERE/app/app-$n.png" "$RES/app-$n.png"
done

ico_in=(); for n in "${ICO_SIZES[@]}"; do ico_in+=("$HERE/app/app-$n.png"); done
rm -f "$HERE/app.ico"
convert "${ico_in[@]}" "${IM_CLEAN[@]}" "$HERE/app.ico"

# .icns written here from PNG entries (the types Apple's iconutil writes; read
# by macOS 10.7 and later): png2icns would store the large sizes as lossy
# JPEG 2000. Each entry: 4-byte type, 4-byte big-endian length, PNG data.
be32() { printf "$(printf '\\x%02x\\x%02x\\x%02x\\x%02x' \
  $(( $1 >> 24 & 255 )) $(( $1 >> 16 & 255 )) $(( $1 >> 8 & 255 )) $(( $1 & 255 )))"; }
icns_body="$(mktemp)"
: >"$icns_body"
for entry in "${ICNS_ENTRIES[@]}"; do
  type="${entry%:*}" png="$HERE/app/app-${entry#*:}.png"
  { printf '%s' "$type"; be32 $(( $(stat -c %s "$png") + 8 )); cat "$png"; } >>"$icns_body"
done
{ printf 'icns'; be32 $(( $(stat -c %s "$icns_body") + 8 )); cat "$icns_body"; } >"$HERE/app.icns"
rm -f "$icns_body"

# --- tray states -----------------------------------------------------------------
for s in "${STATES[@]}"; do
  for n in "${TRAY_SIZES[@]}"; do
    svg "$HERE/tray-$s.svg" "$n" "$RES/tray-$s-$n.png"
    svg "$HERE/tray-$s.svg" $((n * 2)) "$RES/tray-$s-$n@2x.png"
  done
done

count=$(( ${#APP_SIZES[@]} + ${#APP_RES_SIZES[@]} + 2 + ${#STATES[@]} * ${#TRAY_SIZES[@]} * 2 ))
kb=$(du -cb "$HERE"/app/*.png "$HERE/app.ico" "$HERE/app.icns" "$RES"/*.png | tail -1 | cut -f1)
echo "render.sh: wrote $count files, $(( (kb + 1023) / 1024 )) KB"

# --- contact sheet (optional) --------------------------------------------------------
if [ -n "$SHEET" ]; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  zoom=4
  tile() { # tile SRC.svg SIZE BG OUT.png : icon at SIZE px, centred on BG, magnified
    svg "$1" "$2" "$tmp/i.png"
    convert -size $(( $2 + 8 ))x$(( $2 + 8 )) "xc:$3" "$tmp/i.png" -gravity center -composite \
      -filter point -resize $(( zoom * 100 ))% "$4"
  }
  label() { # label TEXT BG FG WIDTH HEIGHT OUT.png
    convert -background "$2" -fill "$3" -font DejaVu-Sans -pointsize 18 -size "$4x$5" \
      -gravity west "label:  $1" "$6"
  }
  rows=()
  for bg in "#d4d4d4:#111111:light grey" "#1b1b1b:#eeeeee:near black"; do
    IFS=: read -r bgc fgc bgname <<<"$bg"
    for n in 16 22 32; do
      parts=()
      label "$n px, $bgname" "$bgc" "$fgc" 220 $(( (n + 8) * zoom )) "$tmp/l.png"
      parts+=("$tmp/l.png")
      for s in "${STATES[@]}"; do
        tile "$HERE/tray-$s.svg" "$n" "$bgc" "$tmp/t-$s.png"
        parts+=("$tmp/t-$s.png")
      done
      convert "${parts[@]}" +append "$tmp/row-${#rows[@]}.png"
      rows+=("$tmp/row-${#rows[@]}.png")
    done
  done
  label "tray states: valid, expiring, expired, renewing, attention (magnified 4x)" "#ffffff" "#111111" 900 40 "$tmp/head.png"
  zoom=2
  for bg in "#d4d4d4" "#1b1b1b"; do
    parts=()
    for n in 16 24 32 48 64 128; do
      tile "$HERE/app.svg" "$n" "$bg" "$tmp/a-$n.png"
      parts+=("$tmp/a-$n.png")
    done
    convert "${parts[@]}" -background "$bg" -gravity south +append "$tmp/app-${bg#\#}.png"
  done
  label "app icon at 16 24 32 48 64 128 px (magnified 2x)" "#ffffff" "#111111" 900 40 "$tmp/head2.png"
  convert "$tmp/head.png" "${rows[@]}" "$tmp/head2.png" "$tmp/app-d4d4d4.png" "$tmp/app-1b1b1b.png" \
    -background white -gravity west -append "${IM_CLEAN[@]}" "$SHEET"
  echo "render.sh: contact sheet $SHEET"
fi
