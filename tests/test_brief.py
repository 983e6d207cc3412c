"""The Word brief (对标分析报告) read back with python-docx: sections, tables, pictures, fonts, sources."""
from __future__ import annotations

import io

import pytest
from docx import Document
from docx.oxml.ns import qn

from conftest import run_cli, site_copy

SECTIONS = ["一、对标范围", "二、主要发现", "三、同比变化", "四、同级排名", "五、差距分析", "六、值得借鉴的做法",
            "附录：原文依据"]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return site_copy(tmp_path_factory.mktemp("brief"))[2]


@pytest.fixture(scope="module")
def zhejiang(store, tmp_path_factory):
    out = tmp_path_factory.mktemp("brief_out") / "brief.docx"
    res = run_cli("export", "--format", "docx", "--out", str(out), "--store", str(store), "--region", "浙江省",
                  "--indicator", "appointments")
    assert res.returncode == 0, res.stderr
    return Document(str(out))


def _text(doc) -> str:
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_brief_has_sections_in_order_tables_and_pictures(zhejiang):
    headings = [p.text for p in zhejiang.paragraphs if p.style.name.startswith("Heading")]
    assert [h for h in headings if h in SECTIONS] == SECTIONS
    assert zhejiang.paragraphs[0].text == "浙江省人大常委会工作对标分析报告"
    assert len(zhejiang.tables) >= 3
    assert len(zhejiang.inline_shapes) >= 2  # the change chart and the theme-gap chart at least
    assert all(s.width > 0 and s.height > 0 for s in zhejiang.inline_shapes)


def test_brief_findings_and_sources_come_from_the_data(zhejiang):
    text = _text(zhejiang)
    assert "浙江省 2025 年任免国家机关工作人员 97 人次，较 2023 年 212 人次下降54%。" in text
    change = zhejiang.tables[0]
    assert [c.text for c in change.rows[0].cells][:3] == ["指标", "2023 年", "2025 年"]
    row = next(r for r in change.rows if r.cells[0].text == "任免国家机关工作人员")
    assert [c.text for c in row.cells[1:5]] == ["212人次", "97人次", "-54%", "下降"]
    refs = row.cells[5].text.split()
    appendix = [p.text for p in zhejiang.paragraphs]
    start = appendix.index("附录：原文依据")
    cited = [p for p in appendix[start:] if p.startswith(refs[0] + " ")]
    assert cited and "任免国家机关工作人员" in cited[0]
    # the label follows the text's verb: 制定修订地方性法规10件
    assert any(r.cells[0].text == "制定（修订）地方性法规" for r in change.rows)


def test_brief_sets_east_asian_fonts(zhejiang):
    def east_asian(style):
        fonts = style.element.find(qn("w:rPr")).find(qn("w:rFonts"))
        return fonts.get(qn("w:eastAsia"))

    assert east_asian(zhejiang.styles["Normal"]) == "仿宋"
    assert east_asian(zhejiang.styles["Heading 1"]) == "黑体"
    runs = [r for p in zhejiang.paragraphs for r in p.runs if r.text]
    fonts = {r._r.rPr.rFonts.get(qn("w:eastAsia")) for r in runs}
    assert fonts <= {"仿宋", "黑体", "宋体"} and "仿宋" in fonts


def test_county_brief_ranks_among_peers(store):
    from present.brief import to_docx
    from present.views import Frames

    frames = Frames.load(store)
    doc = Document(io.BytesIO(to_docx(frames, {"region": "定远县", "level": "county", "year": None,
                                               "indicator": "liaison_stations", "regions": [], "cross": False})))
    ranking = next(t for t in doc.tables if t.rows[0].cells[2].text == "位次")
    row = next(r for r in ranking.rows if r.cells[0].text == "代表联络站")
    assert [c.text for c in row.cells[1:4]] == ["22个", "3 / 3", "大安市 51个"]  # 浙江省 is no county peer
    assert len(doc.inline_shapes) >= 2
