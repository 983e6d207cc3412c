"""The same document as UTF-8, GB18030, UTF-16, BOM, .docx and .pdf gives the same rows."""
from __future__ import annotations

import csv
import io

import docx
import pytest

from conftest import SEEDS, run_cli, scan_rows

SEED = SEEDS / "000_d6ebec99ba972d28.txt"


_rows = scan_rows


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_encodings_give_the_same_rows(tmp_path, original_rows, encoding):
    path = tmp_path / f"report_{encoding}.txt"
    path.write_bytes(SEED.read_text(encoding="utf-8").encode(encoding))
    out = run_cli("scan", str(path))
    assert out.returncode == 0, out.stderr
    assert _rows(out.stdout) == original_rows


def test_docx_gives_the_same_rows(tmp_path, original_rows):
    document = docx.Document()
    for line in SEED.read_text(encoding="utf-8").split("\n"):
        document.add_paragraph(line)
    path = tmp_path / "report.docx"
    document.save(path)
    out = run_cli("scan", str(path), "--format", "csv")
    assert out.returncode == 0, out.stderr
    assert _rows(out.stdout) == original_rows


def _pdf_with_text(text: str) -> bytes:
    """A minimal one-page PDF with a text layer (Latin text, built by hand)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def test_pdf_text_layer_is_read():
    from extract.readers import read_bytes

    assert "Standing Committee 2025" in read_bytes(_pdf_with_text("Standing Committee 2025"), "a.pdf")


def test_pdf_without_text_layer_is_ocrd_and_a_blank_scan_says_so():
    from extract.readers import ReadError, read_bytes

    with pytest.raises(ReadError, match="扫描件中没有识别出文字"):
        read_bytes(_pdf_with_text(""), "scan.pdf")


def test_truncated_pdf_is_one_clear_error():
    from extract.readers import ReadError, read_bytes

    with pytest.raises(ReadError, match="PDF"):
        read_bytes(_pdf_with_text("Hello")[:120], "cut.pdf")


def test_a_real_chinese_pdf_gives_the_gold_values(gold):
    """The 2026 Zhejiang report printed to PDF by Chromium (Noto Sans CJK): its text layer uses
    Kangxi and supplement radicals (⼈⺠⼤会) and breaks lines at the page width."""
    from conftest import ROOT

    pdf = ROOT / "tests" / "fixtures" / "000_zhejiang_2026_report.pdf"
    out = run_cli("scan", str(pdf), "--format", "csv")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    got = {(r["indicator"], float(r["value"]), r["qualifier"], r["region"], r["year"]) for r in rows
           if r["scope"] == "total"}
    expected = [g for g in gold["values"] if g["doc"] == "000_d6ebec99ba972d28.txt"]
    assert len(expected) == 15
    for g in expected:
        assert (g["indicator"], float(g["value"]), g["qualifier"], "浙江省", "2025") in got, g
