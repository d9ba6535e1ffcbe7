#!/usr/bin/env bash
# Idempotent setup for `npm start`, `npm test` and `npm run bench` on a fresh Debian machine:
# npm packages (only when package-lock.json changed) and the Debian packages the project uses.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: Chromium (JS-rendered portals, PDF printing in tests), poppler-utils
# (pdftotext: the bench's yardstick; pdftoppm: scanned pages for OCR), time (/usr/bin/time -v: the startup bench), CJK fonts
# (Chromium-printed PDFs), LibreOffice Writer (turns generated test documents into legacy .doc files), Tesseract (OCR).
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ -x /usr/bin/time ] || need+=(time)
# (fc-list read once: `fc-list | grep -q` fails under pipefail when grep's early exit kills fc-list)
fonts=$(fc-list : family 2>/dev/null || true)
grep -qi 'Noto Sans CJK' <<<"$fonts" || need+=(fonts-noto-cjk)
grep -qi 'AR PL UMing' <<<"$fonts" || need+=(fonts-arphic-uming)
grep -qi 'WenQuanYi Micro Hei' <<<"$fonts" || need+=(fonts-wqy-microhei)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
# Tesseract and its Simplified Chinese model: OCR of scanned reports (src/extract/text/ocr.ts).
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
[ -f /usr/share/tesseract-ocr/5/tessdata/chi_sim.traineddata ] || [ -f /usr/share/tesseract-ocr/4.00/tessdata/chi_sim.traineddata ] || need+=(tesseract-ocr-chi-sim)
# Redis: the cluster's job queue (src/cluster/; test/cluster/ starts its own redis-server).
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
if [ ${#need[@]} -gt 0 ]; then
  # root installs directly; a user with password-less sudo (a CI runner) through sudo
  if [ "$(id -u)" = 0 ]; then as_root=(env); elif sudo -n true 2>/dev/null; then as_root=(sudo -n env); else as_root=(); fi
  if [ ${#as_root[@]} -gt 0 ]; then
    echo "setup: installing Debian packages: ${need[*]}" >&2
    "${as_root[@]}" DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    "${as_root[@]}" DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
  else
    echo "setup: missing Debian packages (run as root to install): ${need[*]}" >&2
  fi
fi

# npm packages: reinstall only when the lock file differs from what was installed.
stamp=node_modules/.ogi-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: npm ci" >&2
  npm ci --no-audit --no-fund >&2
  echo "$want" > "$stamp"
fi
