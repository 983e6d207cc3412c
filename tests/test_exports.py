"""Exports read back: CSV/XLSX equal the filtered rows, PPTX charts hold the values, HTML holds data and plotly."""
from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from streamlit.testing.v1 import AppTest

from conftest import ROOT, run_cli, site_copy


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return site_copy(tmp_path_factory.mktemp("exports"))[2]


@pytest.fixture(scope="module")
def views(store):
    from present.views import Frames, ranking_view, trend_view

    frames = Frames.load(store)
    f = {"region": "浙江省", "level": "province", "year": None, "indicator": "appointments",
         "regions": ["浙江省"], "cross": False}
    return frames, ranking_view(frames, f), trend_view(frames, f)


def test_csv_is_exactly_the_filtered_rows(views):
    from present import exports

    _frames, ranking, _trend = views
    raw = exports.to_csv(ranking)
    assert raw.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype=str)
    expected = exports.table(ranking).astype(str)
    assert back.fillna("nan").values.tolist() == expected.values.tolist()
    assert list(back["地区"]) == ["浙江省"] and back["数值"].iloc[0] == "97"
    assert "任免国家机关工作人员97人次" in back["原文"].iloc[0]


def test_xlsx_has_values_evidence_and_filters(views):
    from present import exports

    frames, ranking, _trend = views
    book = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx(ranking, frames.built_at)))
    rows = list(book["数据"].values)
    assert rows[0][:5] == ("地区", "层级", "年度", "指标", "数值")
    assert rows[1][0] == "浙江省" and rows[1][4] == 97 and "97人次" in rows[1][7]
    filters = dict((k, v) for k, v in book["筛选条件"].values if k)
    assert filters["指标"] == "任免国家机关工作人员" and filters["数据库生成时间"] == frames.built_at


def test_pptx_native_charts_findings_and_appendix(views):
    from present import exports, findings

    frames, ranking, trend = views
    facts = findings.findings(frames.changes, ["浙江省"], "appointments")
    assert facts[0] == "浙江省 2025 年任免国家机关工作人员 97 人次，较 2023 年 212 人次下降54%"
    deck = Presentation(io.BytesIO(exports.to_pptx([ranking, trend], facts, "人大工作对标：任免", ["浙江省"])))
    charts = [s.chart for slide in deck.slides for s in slide.shapes if s.has_chart]
    assert len(charts) == 2
    bar, line = charts
    assert [list(s.values) for s in bar.plots[0].series] == [[97.0]]
    assert list(bar.plots[0].categories) == ["浙江省（2025）"]
    assert line.plots[0].series[0].name == "浙江省"
    assert list(line.plots[0].series[0].values) == [212.0, None, 97.0]
    texts = "\n".join(sh.text_frame.text for slide in deck.slides for sh in slide.shapes if sh.has_text_frame)
    assert "人大工作对标：任免" in texts and "下降54%" in texts
    tables = [sh.table for slide in deck.slides for sh in slide.shapes if sh.has_table]
    assert any("任免国家机关工作人员97人次" in t.cell(1, 2).text for t in tables)
    eas = [el.get("typeface") for slide in deck.slides for el in slide._element.iter(qn("a:ea"))]
    assert eas and set(eas) == {"Microsoft YaHei"}


def test_html_holds_data_and_plotly(views):
    from present import exports

    html = exports.to_html(views[1]).decode("utf-8")
    assert "plotly.js v" in html or "Plotly.newPlot" in html
    assert len(html) > 1_000_000, "plotly.js is embedded, so the page opens offline"
    assert "任免国家机关工作人员" in html and "浙江省" in html


def test_server_side_images_render(views):
    from present import exports

    assert exports.images_available(), "CI installs chromium and fonts-noto-cjk, so images must be offered"
    png = exports.to_image(views[1], "png")
    assert png.startswith(b"\x89PNG") and len(png) > 20_000
    (ROOT / "test-output").mkdir(exist_ok=True)
    (ROOT / "test-output" / "trend.png").write_bytes(png)
    svg = exports.to_image(views[1], "svg").decode("utf-8")
    assert "任免国家机关工作人员" in svg


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pptx", "html"])
def test_cli_export(store, tmp_path, fmt):
    out = tmp_path / f"e.{fmt}"
    res = run_cli("export", "--format", fmt, "--out", str(out), "--store", str(store), "--region", "浙江省",
                  "--indicator", "suggestions")
    assert res.returncode == 0, res.stderr
    data = out.read_bytes()
    if fmt == "csv":
        assert "991" in data.decode("utf-8-sig")
    elif fmt == "xlsx":
        assert openpyxl.load_workbook(io.BytesIO(data))["数据"]["E2"].value == 991
    elif fmt == "pptx":
        deck = Presentation(io.BytesIO(data))
        assert any(s.has_chart for slide in deck.slides for s in slide.shapes)
    else:
        assert "代表建议" in data.decode("utf-8")


def test_presentation_mode(store, monkeypatch):
    monkeypatch.setenv("DUIBIAO_STORE", str(store))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params.update({"present": "1", "region": "浙江省", "indicator": "appointments"})
    at.run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1 and at.query_params["slide"] in ("1", ["1"])
    assert any("stSidebar" in m.value and "display:none" in m.value for m in at.markdown)  # hidden by CSS
    assert any("1 / " in m.value and "同比变化" in m.value for m in at.markdown)  # opens on the change
    for _ in range(8):  # to the findings after the charts
        at.button(key="next_slide").click().run()
        if any("下降54%" in m.value for m in at.markdown if "slide-finding" in m.value):
            break
    assert any("下降54%" in m.value for m in at.markdown if "slide-finding" in m.value)
    at.button(key="prev_slide").click().run()
    assert len(at.get("plotly_chart")) == 1
    at.button(key="leave_presentation").click().run()
    assert not at.exception and "present" not in at.query_params
    assert at.title[0].value.startswith("总览")  # back to the dashboard, filters kept
    assert at.query_params["indicator"] in ("appointments", ["appointments"])


def test_slides_are_informative_and_never_one_point(views):
    from present.slides import build, data_points

    frames = views[0]
    deck = build(frames, {"region": "浙江省", "level": "province", "year": None, "indicator": "appointments",
                          "regions": [], "cross": False})
    titles = [s.title for s in deck]
    assert titles[0] == "同比变化" and "差距分析（做法）" in titles and "摘编矩阵" in titles
    assert "排名" not in titles  # appointments: 浙江省 is the only province with a value
    charts = [s for s in deck if s.kind == "chart"]
    assert all(data_points(s.figure) >= 2 for s in charts)
    assert all(s.figure.layout.font.size >= 18 for s in charts)
    county = build(frames, {"region": "定远县", "level": "county", "year": None, "indicator": "liaison_stations",
                            "regions": [], "cross": False})
    ranking = [s for s in county if s.title == "排名"]
    assert len(ranking) == 1 and data_points(ranking[0].figure) == 3  # 定远县, 大安市, 高县


def test_ranking_page_offers_exports(store, monkeypatch):
    monkeypatch.setenv("DUIBIAO_STORE", str(store))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params.update({"indicator": "appointments", "year": "最新"})
    at.run()
    at.switch_page("views/ranking.py").run()
    assert not at.exception
    labels = [b.label for b in at.get("download_button")]
    assert {"数据 CSV", "数据 Excel", "交互式网页 HTML"} <= set(labels)


def test_any_chart_exports_with_its_source_line(views):
    from present import exports
    from present.views import annotate

    fig = annotate(views[1].figure, "数据来源：测试来源", {"indicator": "appointments"})
    svg = exports.figure_image(fig, "svg").decode("utf-8")
    assert "数据来源：测试来源" in svg and "指标" not in svg and "indicator" not in svg  # an id is never shown raw
    assert b"Plotly.newPlot" in exports.figure_html(fig) or b"plotly.js" in exports.figure_html(fig)
