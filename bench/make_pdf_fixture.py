"""How tests/fixtures/000_zhejiang_2026_report.pdf was made: the seed printed to PDF by headless Chromium.

Usage: python bench/make_pdf_fixture.py OUT.pdf  (needs Debian's chromium and fonts-noto-cjk)
"""
import html
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
text = (ROOT / "data" / "seeds" / "000_d6ebec99ba972d28.txt").read_text(encoding="utf-8")
body = "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())
page = ("<html><head><meta charset='utf-8'><style>body{font-family:'Noto Sans CJK SC';font-size:12pt}</style>"
        f"</head><body>{body}</body></html>")
with tempfile.TemporaryDirectory() as tmp:
    src = Path(tmp) / "report.html"
    src.write_text(page, encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
        tab = browser.new_page()
        tab.goto(src.as_uri())
        tab.pdf(path=sys.argv[1], format="A4")
        browser.close()
