#!/usr/bin/env bash
# Installs the Debian packages Backlot uses when they are missing and we may install them;
# otherwise names them and stops. `runtime`: what the server needs. `test`: also what the tests need.
set -euo pipefail

need=()
want() { # want COMMAND PACKAGE
  command -v "$1" >/dev/null 2>&1 || need+=("$2")
}

want ffmpeg ffmpeg          # probing and rendering media (ffmpeg, ffprobe)
want ffprobe ffmpeg
want chromium chromium      # printing storyboards and reports to PDF; the browser tests drive it too
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)  # a named font file for rendered text
if [ "${1:-runtime}" = test ]; then
  want pdftotext poppler-utils  # tests read the text of the PDFs Backlot prints
  want melt melt                # handoff tests render the MLT timeline Backlot writes
  want xmllint libxml2-utils    # handoff tests validate FCPXML against its DTD
fi

[ ${#need[@]} -eq 0 ] && exit 0
mapfile -t need < <(printf '%s\n' "${need[@]}" | sort -u)

if [ "${BACKLOT_SKIP_OS_PACKAGES:-}" = 1 ]; then
  echo "Backlot: missing OS packages (not installing, BACKLOT_SKIP_OS_PACKAGES=1): ${need[*]}" >&2
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo=(sudo -n); else
    echo "Backlot needs these Debian packages: ${need[*]}" >&2
    echo "Install them with:  sudo apt-get install -y ${need[*]}" >&2
    echo "(or set BACKLOT_SKIP_OS_PACKAGES=1 to go on without them)" >&2
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Backlot needs these packages (Debian names): ${need[*]}; install them with your system's package manager." >&2
  exit 1
fi

echo "Backlot: installing OS packages: ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >/dev/null
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
