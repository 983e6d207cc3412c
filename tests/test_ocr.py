"""Scanned PDFs and page photos are read by OCR (offline, PP-OCRv4 inside rapidocr-onnxruntime).

OCR costs 25 s or more per page on two busy cores, so these tests read only two pages of the
scanned seed (the first, which names the region and date, and the fifth, which holds most of
the values); bench/bench_ocr.py reads all of it and prints the recall.
"""
from __future__ import annotations

import csv
import io

import pytest

from conftest import ROOT, run_cli
from seed_formats import scanned_pdf

TEXT_PDF = ROOT / "tests" / "fixtures" / "000_zhejiang_2026_report.pdf"
KEY = ("indicator", "value", "qualifier", "region", "year")


def _pages(pdf: bytes, numbers: list[int]) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    pages = PdfReader(io.BytesIO(pdf)).pages
    for i in numbers:
        writer.add_page(pages[i])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def two_pages(tmp_path_factory):
    """Pages 1 and 5 of the text PDF, and the same two pages scanned at 200 dpi (no text layer)."""
    folder = tmp_path_factory.mktemp("scan")
    text_pdf = folder / "text.pdf"
    text_pdf.write_bytes(_pages(TEXT_PDF.read_bytes(), [0, 4]))
    scan = folder / "scan.pdf"
    scan.write_bytes(scanned_pdf(text_pdf.read_bytes(), dpi=200))
    return text_pdf, scan


def _headlines(stdout: str) -> list[dict]:
    return [r for r in csv.DictReader(io.StringIO(stdout)) if r["scope"] == "total" and not r["indicator"].startswith("theme:")]


def test_scanned_pages_give_the_text_pdfs_headline_values(two_pages):
    text_pdf, scan = two_pages
    from pypdf import PdfReader

    assert not "".join(p.extract_text() for p in PdfReader(scan).pages).strip()  # really no text layer
    text = run_cli("scan", str(text_pdf))
    assert text.returncode == 0, text.stderr
    out = run_cli("scan", str(scan))
    assert out.returncode == 0, out.stderr
    assert f"{scan}: OCR 扫描件第 1/2 页" in out.stderr and f"{scan}: OCR 扫描件第 2/2 页" in out.stderr
    want = _headlines(text.stdout)
    got = _headlines(out.stdout)
    assert len(want) >= 8
    assert {r["ocr"] for r in want} == {"0"} and {r["ocr"] for r in got} == {"1"}
    found = {tuple(r[k] for k in KEY) for r in got}
    recall = sum(tuple(r[k] for k in KEY) in found for r in want) / len(want)
    assert recall >= 0.95, (recall, want, got)


def test_a_pdf_with_a_text_layer_is_never_ocrd(monkeypatch):
    from extract.formats import ocr
    from extract.readers import read_bytes

    def refuse(*_a, **_k):
        raise AssertionError("OCR called on a PDF with a text layer")

    monkeypatch.setattr(ocr, "read_scanned_pdf", refuse)
    text = read_bytes(TEXT_PDF.read_bytes(), "report.pdf")
    assert len(text) > 9000 and not getattr(text, "ocr", False)


def test_a_photo_of_a_page_is_read_with_progress(tmp_path):
    """The top of page one, photographed (JPEG): the title and the delivery line come back in order."""
    import pypdfium2 as pdfium

    page = pdfium.PdfDocument(TEXT_PDF.read_bytes())[0].render(scale=200 / 72).to_pil()
    photo = tmp_path / "photo.jpg"
    page.crop((0, 0, page.width, page.height // 4)).convert("RGB").save(photo, quality=85)
    from extract.readers import read_bytes
    from extract.pipeline import extract_text

    seen = []
    text = read_bytes(photo.read_bytes(), photo.name, progress=lambda *a: seen.append(a))
    assert seen == [(1, 1, "图片")] and text.ocr
    lines = [l for l in text.split("\n") if l.strip()]
    title = next(i for i, l in enumerate(lines) if "工作报告" in l)
    assert "浙江省人民代表大会常务委员会工作报告" in lines[title]
    assert "2026年1月15日" in "".join(lines[title + 1:title + 3])
    ex = extract_text(text, photo.name)
    assert ex.meta.region == "浙江省" and ex.meta.report_date == "2026-01-15"


def test_an_image_with_no_text_is_refused():
    from PIL import Image

    from extract.readers import ReadError, read_bytes

    out = io.BytesIO()
    Image.new("RGB", (800, 600), "white").save(out, format="PNG")
    with pytest.raises(ReadError, match="图片中没有识别出文字"):
        read_bytes(out.getvalue(), "blank.png")


@pytest.mark.parametrize("data, reason", [(b"\x89PNG\r\n\x1a\nbroken", "不是有效的图片"),
                                          (b"not a jpeg at all", "不是有效的图片")])
def test_a_broken_image_is_refused(data, reason):
    from extract.readers import ReadError, read_bytes

    with pytest.raises(ReadError, match=reason):
        read_bytes(data, "x.jpg")


def test_two_columns_are_read_column_by_column():
    from extract.formats.ocr import Box, reading_order

    boxes = [Box(100, 10, 900, 40, "标题横跨两栏"),
             Box(520, 60, 900, 90, "右栏第一行"), Box(10, 62, 480, 92, "左栏第一行"),
             Box(10, 100, 480, 130, "左栏第二行"), Box(520, 101, 900, 131, "右栏第二行"),
             Box(10, 140, 480, 170, "左栏第三行"), Box(520, 140, 900, 170, "右栏第三行")]
    assert reading_order(boxes, 910).split("\n") == [
        "标题横跨两栏", "左栏第一行", "左栏第二行", "左栏第三行", "右栏第一行", "右栏第二行", "右栏第三行"]


def test_pieces_of_one_line_are_joined_left_to_right():
    from extract.formats.ocr import Box, reading_order

    boxes = [Box(300, 12, 500, 40, "审议报告12个"), Box(10, 10, 280, 38, "常委会全年听取"),
             Box(10, 50, 500, 78, "第二行")]
    assert reading_order(boxes, 1000).split("\n") == ["常委会全年听取 审议报告12个", "第二行"]
