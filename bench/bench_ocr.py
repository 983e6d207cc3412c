"""OCR throughput and recall on the scanned seed.

The seed's text PDF (tests/fixtures/000_zhejiang_2026_report.pdf) is rendered at 200 dpi into a
PDF of page images (no text layer, like a scanner's), read through the same path as an upload
(readers.read_bytes → OCR), and compared with the text PDF:

- seconds per page (rendering + recognition, one process, this machine's cores);
- character recall: share of the text layer's characters found in order in the OCR text;
- headline recall: share of the text PDF's headline values (indicator, value, qualifier, region,
  year) that the scanned PDF also gives; and the same against the gold values of the seed.

Usage: python bench/bench_ocr.py [--pages N] [--dpi 200]
"""
from __future__ import annotations

import argparse
import difflib
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from extract.normalize import normalize  # noqa: E402
from extract.pipeline import extract_text  # noqa: E402
from extract.readers import read_bytes  # noqa: E402
from seed_formats import scanned_pdf  # noqa: E402

PDF = ROOT / "tests" / "fixtures" / "000_zhejiang_2026_report.pdf"
GOLD = ROOT.parent / "shared" / "gold" / "seeds.yaml"


def headlines(text: str) -> set[tuple]:
    ex = extract_text(text, "bench", text_stats=False)
    return {(r.indicator, r.value, r.qualifier, r.region, r.year) for r in ex.rows if r.scope == "total"}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=None, help="only the first N pages (default: all)")
    ap.add_argument("--dpi", type=int, default=200)
    args = ap.parse_args()
    text_pdf = PDF.read_bytes()
    if args.pages:
        from pypdf import PdfReader, PdfWriter
        import io

        writer = PdfWriter()
        for page in PdfReader(io.BytesIO(text_pdf)).pages[: args.pages]:
            writer.add_page(page)
        buf = io.BytesIO()
        writer.write(buf)
        text_pdf = buf.getvalue()
    t = time.perf_counter()
    scan = scanned_pdf(text_pdf, dpi=args.dpi)
    print(f"scanned PDF made: {len(scan) / 1e6:.1f} MB, {time.perf_counter() - t:.1f} s")
    marks = []
    c0 = time.process_time()
    t0 = time.perf_counter()
    ocr_text = read_bytes(scan, "scan.pdf", max_bytes=200 * 1024 * 1024,
                          progress=lambda done, total, _w: marks.append((done, total, time.perf_counter())))
    total_s = time.perf_counter() - t0
    cpu_s = time.process_time() - c0
    pages = marks[-1][1]
    per_page = [b[2] - a[2] for a, b in zip([(0, 0, t0)] + marks, marks)]
    print(f"cores: {os.cpu_count()}, pages: {pages}, dpi: {args.dpi}")
    print(f"OCR seconds per page: mean {total_s / pages:.1f}, min {min(per_page):.1f}, max {max(per_page):.1f}"
          f" (total {total_s:.0f} s wall); CPU seconds per page (all threads) {cpu_s / pages:.1f};"
          f" load average at the end {os.getloadavg()[0]:.1f}")
    text = read_bytes(text_pdf, "text.pdf")
    a, b = normalize(text), normalize(ocr_text)
    a_chars = a.replace("\n", "").replace(" ", "")
    b_chars = b.replace("\n", "").replace(" ", "")
    matched = sum(m.size for m in difflib.SequenceMatcher(None, a_chars, b_chars, autojunk=False).get_matching_blocks())
    print(f"character recall: {matched / len(a_chars):.3f} ({matched} of {len(a_chars)} characters of the text layer)")
    want, got = headlines(text), headlines(ocr_text)
    print(f"headline recall vs the text PDF: {len(want & got) / len(want):.3f} ({len(want & got)} of {len(want)})")
    for miss in sorted(want - got, key=str):
        print("  missed:", miss)
    if GOLD.exists() and not args.pages:
        import yaml

        gold = [g for g in yaml.safe_load(GOLD.read_text(encoding="utf-8"))["values"]
                if g["doc"] == "000_d6ebec99ba972d28.txt"]
        found = {(i, v, q) for i, v, q, _r, _y in got}
        hit = sum((g["indicator"], float(g["value"]), g["qualifier"]) in found for g in gold)
        print(f"headline recall vs the gold values: {hit / len(gold):.3f} ({hit} of {len(gold)})")


if __name__ == "__main__":
    main()
