"""Saved web pages, single-file saves and old Word files give the same rows as the report's text.

Every file is made from one seed (tests/seed_formats.py); the .doc fixture was made from
the same seed by LibreOffice (``seed_formats.doc_bytes``) and is committed so that the
tests need only antiword.
"""
from __future__ import annotations


import pytest

from conftest import ROOT, SEEDS, run_cli, scan_rows
from seed_formats import html_page, mhtml

SEED = SEEDS / "000_d6ebec99ba972d28.txt"
TEXT = SEED.read_text(encoding="utf-8")
DOC = ROOT / "tests" / "fixtures" / "000_zhejiang_2026_report.doc"
FURNITURE = ("首页", "当前位置", "分享到", "相关新闻", "版权所有", "备案号", "导航菜单脚本", "统计代码",
             "font-family", "发布时间", "请输入关键字")


_rows = scan_rows


def _scan(path) -> list[dict]:
    out = run_cli("scan", str(path))
    assert out.returncode == 0, out.stderr
    return _rows(out.stdout)


def test_gbk_page_with_navigation_gives_the_same_rows(tmp_path, original_rows):
    page = html_page(TEXT, "gbk")
    with pytest.raises(UnicodeDecodeError):
        page.decode("utf-8")  # really GBK bytes
    path = tmp_path / "report.html"
    path.write_bytes(page)
    assert _scan(path) == original_rows


def test_mhtml_gives_the_same_rows(tmp_path, original_rows):
    path = tmp_path / "report.mhtml"
    path.write_bytes(mhtml(html_page(TEXT, "gbk"), "gbk"))
    assert _scan(path) == original_rows


def test_doc_gives_the_same_rows(original_rows):
    assert DOC.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a real Word 97-2003 file
    assert _scan(DOC) == original_rows


def test_page_text_is_the_article_only():
    from extract.normalize import normalize
    from extract.readers import read_bytes

    for name, data in (("a.htm", html_page(TEXT, "gbk")), ("a.html", html_page(TEXT, "utf-8")),
                       ("a.mht", mhtml(html_page(TEXT, "gb18030"), "gb18030"))):
        text = read_bytes(data, name)
        assert normalize(text) == normalize(TEXT), name
        assert not [f for f in FURNITURE if f in text], name


def test_gb2312_declaration_is_honoured():
    from extract.readers import read_bytes

    body = "\n".join(["青田县人民代表大会常务委员会工作报告"] + ["常委会全年听取审议专项工作报告12个，制定地方性法规3件。"] * 6)
    page = html_page(body, "gb2312")
    assert "charset=gb2312" in page.decode("gb2312")
    text = read_bytes(page, "qingtian.html")
    assert "青田县人民代表大会常务委员会工作报告" in text and "专项工作报告12个" in text


def test_page_title_and_date_are_hints_below_the_text():
    """A page whose text names no date takes the page's; a text that states its own date keeps it."""
    from extract.pipeline import extract_text
    from extract.readers import read_bytes

    body = ("青田县人民代表大会常务委员会工作报告\n各位代表：\n一年来，常委会听取审议专项工作报告12个，"
            "制定地方性法规3件，办理代表建议136件。")
    text = read_bytes(html_page(body, "gbk", date="2025-01-08"), "p.html")
    assert not [f for f in FURNITURE if f in text]  # a short article too: no fallback to the whole page
    ex = extract_text(text, "p.html")
    assert ex.meta.report_date == "2025-01-08" and ex.meta.source["report_date"] == "page"
    assert ex.meta.region == "青田县" and ex.meta.source["region"] == "detected"

    dated = body.replace("各位代表：", "2024年1月10日在青田县第十八届人民代表大会第三次会议上\n各位代表：")
    ex = extract_text(read_bytes(html_page(dated, "gbk", date="2025-03-01"), "p.html"), "p.html")
    assert ex.meta.report_date == "2024-01-10" and ex.meta.source["report_date"] == "detected"

    untitled = "一年来，常委会听取审议专项工作报告12个，制定地方性法规3件，办理代表建议136件。" * 3
    ex = extract_text(read_bytes(html_page(untitled, "gbk", title="青田县人大常委会工作报告"), "p.html"), "p.html")
    assert ex.meta.region == "青田县" and ex.meta.source["region"] == "page"


# bad inputs: each is one clear Chinese reason, never a traceback

def test_broken_html_keeps_what_is_there():
    from extract.readers import read_bytes

    page = html_page(TEXT, "utf-8")
    cut = page[: len(page) // 2].rsplit(b"<p>", 1)[0] + b"<p><b>unclosed <i"  # truncated mid-tag
    text = read_bytes(cut, "cut.html")
    assert "浙江省人民代表大会常务委员会工作报告" in text and "版权所有" not in text


@pytest.mark.parametrize("data, reason", [
    (b"\x00\x01\x02garbage\x00" * 50, "不是网页文件"),
    ("<html><head><title>人大网</title></head><body><ul><li><a href='/'>首页</a></li><li><a href='/x'>新闻中心</a></li>"
     "</ul><div class='footer'>版权所有 人大网</div></body></html>".encode("utf-8"), "没有找到正文"),
    ("<html><body><p>Only English text on this page, nothing else to read at all here.</p></body></html>"
     .encode(), "没有中文内容"),
])
def test_bad_pages_are_refused(data, reason):
    from extract.readers import ReadError, read_bytes

    with pytest.raises(ReadError, match=reason):
        read_bytes(data, "bad.html")


def test_mhtml_without_a_page_is_refused():
    from extract.readers import ReadError, read_bytes

    with pytest.raises(ReadError, match="mhtml"):
        read_bytes(b"MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nhello", "bad.mhtml")


@pytest.mark.parametrize("data, reason", [
    (b"PK\x03\x04 a docx renamed", "不是 Word 97"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "不是有效的 .doc"),
])
def test_bad_doc_is_refused(data, reason):
    from extract.readers import ReadError, read_bytes

    with pytest.raises(ReadError, match=reason):
        read_bytes(data, "old.doc")


def test_doc_without_antiword_or_libreoffice_says_what_to_install(monkeypatch):
    from extract.formats import doc
    from extract.readers import ReadError, read_bytes

    monkeypatch.setattr(doc.shutil, "which", lambda _name: None)
    with pytest.raises(ReadError, match="apt-get install -y antiword"):
        read_bytes(DOC.read_bytes(), "old.doc")


def test_text_pdf_gives_the_same_values(original_rows):
    """The seed printed to PDF by Chromium: the same values, scopes, sections, regions and years.
    Offsets differ (a PDF text layer loses the blank lines between paragraphs), and a sentence cut by a
    page break right after "；" keeps only its first half as evidence, so those columns are left out;
    theme intensities (mentions per 10,000 characters) move in the second decimal with the text length."""
    pdf_rows = _scan(ROOT / "tests" / "fixtures" / "000_zhejiang_2026_report.pdf")

    def key(rows):
        return sorted(tuple(v for k, v in r.items() if k not in ("start", "end", "evidence")) for r in rows
                      if r["category"] != "主题")

    assert key(pdf_rows) == key(original_rows)
