#!/usr/bin/env bash
# One-command set-up on a fresh machine: a browser for the PDF, the npm dependencies, the
# compiled CLI, and the embedded default releases rendered into output/.
set -euo pipefail
cd "$(dirname "$0")/.."

have_browser() {
  [ -n "${PUPPETEER_EXECUTABLE_PATH:-}" ] && [ -x "${PUPPETEER_EXECUTABLE_PATH}" ] && return 0
  for b in chromium chromium-browser google-chrome google-chrome-stable; do
    command -v "$b" >/dev/null 2>&1 && return 0
  done
  return 1
}

# Debian/Ubuntu: the distribution's Chromium and the Liberation fonts it recommends.
if ! have_browser && command -v apt-get >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "setup: installing Debian's chromium and fonts-liberation"
  $sudo apt-get update -qq || true
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation poppler-utils >/dev/null
fi
# The PDF layout tests read the printed words back with poppler's pdftotext -bbox.
if ! command -v pdftotext >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null || echo "setup: could not install poppler-utils; the PDF layout tests will be skipped"
fi

if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi

# No system browser (a laptop): fetch Puppeteer's own Chrome, as `npm install` would have.
if ! have_browser; then
  echo "setup: no system Chromium or Chrome found; downloading Puppeteer's Chrome"
  npx --no-install puppeteer browsers install chrome
fi

npm run build
npm start
