"""The upload page reads many files at once: a zip with folders, a saved page and a photo,
one summary table of what was read and refused, progress, an OCR warning, and "save all"."""
from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw, ImageFont
from streamlit.testing.v1 import AppTest

from conftest import ROOT, site_copy
from seed_formats import html_page, zip_bytes

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"  # Debian fonts-noto-cjk
QINGTIAN = ("青田县人民代表大会常务委员会工作报告\n——2026年1月10日在青田县第十八届人民代表大会第六次会议上\n各位代表：\n"
            "一、2025年工作回顾\n一年来，县人大常委会共召开常委会会议7次，建成代表联络站36个，办理代表建议156件。\n")
JINYUN = QINGTIAN.replace("青田县", "缙云县").replace("36个", "41个")


def _photo(lines: list[str]) -> bytes:
    """A photographed page: black text on white (what a phone photo of a printed report gives)."""
    font = ImageFont.truetype(FONT, 36)
    image = Image.new("RGB", (1400, 80 + 70 * len(lines)), "white")
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((40, 40 + 70 * i), line, font=font, fill="black")
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90)
    return out.getvalue()


@pytest.fixture
def site(tmp_path, monkeypatch):
    data, config, store = site_copy(tmp_path)
    for k, v in {"DUIBIAO_DATA": data, "DUIBIAO_CONFIG": config, "DUIBIAO_STORE": store,
                 "DUIBIAO_EDITOR_PASSWORD": "pw"}.items():
        monkeypatch.setenv(k, str(v))
    return data


def test_a_zip_of_reports_is_read_summarised_and_saved_at_once(site):
    photo = _photo(["景宁畲族自治县人民代表大会常务委员会工作报告", "2026年1月12日在景宁畲族自治县第十八届人民代表大会第六次会议上",
                    "一年来，县人大常委会建成代表联络站28个，办理代表建议98件。"])
    archive = zip_bytes({"2026/丽水/青田县报告.txt": QINGTIAN.encode("utf-8"),
                         "2026/丽水/网页/缙云.html": html_page(JINYUN, "gbk", title="缙云县人大常委会工作报告"),
                         "扫描/景宁.jpg": photo, "../../evil.txt": b"x", "inner.zip": zip_bytes({"a.txt": b"x"})})
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.run()
    at.switch_page("views/upload.py").run()
    at.text_input(key="editor_password_input").input("pw").run()
    at.button(key="login").click().run()
    at.get("file_uploader")[0].set_value(("丽水报告.zip", archive, "application/zip")).run()
    assert not at.exception, [e.value for e in at.exception]

    summary = at.dataframe[0].value.set_index("文件")  # the first table on the page
    assert list(summary.index) == ["丽水报告.zip/2026/丽水/青田县报告.txt", "丽水报告.zip/2026/丽水/网页/缙云.html",
                                   "丽水报告.zip/扫描/景宁.jpg", "丽水报告.zip/../../evil.txt", "丽水报告.zip/inner.zip"]
    assert list(summary["结果"]) == ["已读取", "已读取", "已读取", "未读取", "未读取"]
    assert "路径不安全" in summary.loc["丽水报告.zip/../../evil.txt", "原因或说明"]
    assert "压缩包中的压缩包" in summary.loc["丽水报告.zip/inner.zip", "原因或说明"]
    assert "OCR" in summary.loc["丽水报告.zip/扫描/景宁.jpg", "原因或说明"]
    progress = at.get("progress")[0].proto
    assert progress.value == 100 and "3 个可读取，2 个未读取" in progress.text
    assert len(at.warning) == 1 and "OCR" in at.warning[0].value and "核对" in at.warning[0].value
    assert [at.text_input(key=f"region_u{i}").value for i in range(3)] == ["青田县", "缙云县", "景宁畲族自治县"]

    at.button(key="save_all").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "已保存 3 个文件" in at.success[0].value
    saved = sorted(p.name.split("_", 1)[1] for p in (site / "uploads").iterdir() if p.suffix in (".txt", ".html", ".jpg"))
    assert saved == ["景宁.jpg", "缙云.html", "青田县报告.txt"]

    from extract.store import connect

    with connect(site.parent / "store.sqlite") as con:
        rows = con.execute("SELECT region, indicator, value, ocr FROM rows WHERE indicator = 'liaison_stations' "
                           "AND scope = 'total' AND region IN ('青田县', '缙云县', '景宁畲族自治县')").fetchall()
    rows = [tuple(r) for r in rows]
    assert sorted(rows) == sorted([("青田县", "liaison_stations", 36.0, 0), ("缙云县", "liaison_stations", 41.0, 0),
                                   ("景宁畲族自治县", "liaison_stations", 28.0, 1)])

    # the evidence of an OCR value says to check it against the original
    ev = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    for k, v in {"region": "景宁畲族自治县", "indicator": "liaison_stations", "year": "2025"}.items():
        ev.query_params[k] = v
    ev.run()
    ev.switch_page("views/evidence_page.py").run()
    assert not ev.exception, [e.value for e in ev.exception]
    assert any("OCR" in w.value and "核对" in w.value for w in ev.warning)
