#!/usr/bin/env bash
# Check script (not a test): the exported deck converts with LibreOffice, and its chart slide
# shows Chinese text. Needs: apt-get install -y libreoffice-impress poppler-utils fonts-noto-cjk
# Leaves test-output/deck.pdf and test-output/deck-chart-slide.png to look at.
set -euo pipefail
cd "$(dirname "$0")/.."
out=test-output
mkdir -p "$out"
[ -f data/duibiao.sqlite ] || python -m extract build
python -m extract export --format pptx --out "$out/deck.pptx" --region 浙江省 --indicator appointments
libreoffice --headless --convert-to pdf --outdir "$out" "$out/deck.pptx"
test -s "$out/deck.pdf"
pdftoppm -png -r 60 -f 2 -l 2 "$out/deck.pdf" "$out/deck-chart-slide"
mv "$out"/deck-chart-slide-*2.png "$out/deck-chart-slide.png"
pdffonts "$out/deck.pdf" | tee "$out/deck-fonts.txt"
grep -qi "cjk\|yahei\|hei\|song" "$out/deck-fonts.txt"
echo "ok: $out/deck.pdf, $out/deck-chart-slide.png"
