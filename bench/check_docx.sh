#!/usr/bin/env bash
# Check script (not a test): the Word brief (对标分析报告) converts with LibreOffice with every glyph,
# and its pages render. Needs: apt-get install -y libreoffice-writer poppler-utils fonts-noto-cjk
# Leaves test-output/brief.docx, brief.pdf and brief-page-N.png (first three pages) to look at.
# Usage: bench/check_docx.sh [export filters, default: --region 浙江省 --indicator appointments]
set -euo pipefail
cd "$(dirname "$0")/.."
out=test-output
mkdir -p "$out"
PY=${PYTHON:-python}
[ -f data/duibiao.sqlite ] || $PY -m extract build
args=("$@"); [ ${#args[@]} -gt 0 ] || args=(--region 浙江省 --indicator appointments)
$PY -m extract export --format docx --out "$out/brief.docx" "${args[@]}"
soffice --headless --convert-to pdf --outdir "$out" "$out/brief.docx" >/dev/null
test -s "$out/brief.pdf"
pages=$(pdfinfo "$out/brief.pdf" | awk '/^Pages:/ {print $2}')
pdftoppm -png -r 70 -f 1 -l 3 "$out/brief.pdf" "$out/brief-page"
pdffonts "$out/brief.pdf" | tee "$out/brief-fonts.txt"
grep -qi "cjk\|song\|hei\|fang" "$out/brief-fonts.txt"
# every glyph intact: the PDF's text layer holds the Chinese headings, no replacement boxes
pdftotext "$out/brief.pdf" "$out/brief.txt"
for h in 主要发现 同比变化 同级排名 差距分析 值得借鉴的做法 原文依据; do grep -q "$h" "$out/brief.txt" || { echo "missing: $h"; exit 1; }; done
! grep -q $'\uFFFD' "$out/brief.txt"
echo "ok: $out/brief.pdf ($pages pages), $out/brief-page-*.png"
