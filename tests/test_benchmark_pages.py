"""The 对标 pages (gaps, practice types, counties, year over year) with AppTest on the bundled data plus an upload."""
from __future__ import annotations

import re

import pytest

from conftest import app_opener, page_texts, site_copy, open_store

# A made-up county report, as a user would upload it: it must show up like the bundled documents.
UPLOAD = ("安吉县人大常委会工作报告\n各位代表：\n一年来，县人大常委会共审查规范性文件17件，建成代表联络站30个。"
          "县领导以人大代表身份进站履职，推动实行代表履职评价激励机制。"
          "常委会开展“两山议事会”活动，组织代表在联络站接待群众。\n" * 3)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return site_copy(tmp_path_factory.mktemp("pages"), {"anji.txt": UPLOAD})[2]


@pytest.fixture
def app(store, monkeypatch):
    return app_opener(store, monkeypatch)


_texts = page_texts


def test_gap_page_names_what_zhejiang_can_learn(app):
    at = app("gaps", region="浙江省")
    text = _texts(at)
    labels = [e.label for e in at.expander]
    assert any(lbl.startswith("领导干部以代表身份进站履职") and "河南省" in lbl for lbl in labels), labels
    assert "广西32名自治区省军级领导以人大代表身份进站履职" in text
    assert "特色" in text


def test_gap_page_compares_counties_with_flags(app):
    at = app("gaps", region="定远县", level="county")
    df = at.dataframe[0].value
    row = df[df["指标"] == "代表联络站"].iloc[0]
    assert row["本地区"] == "22个" and row["最高地区"].startswith("大安市") and "年度不详" in row["提示"]


def test_uploaded_county_is_compared_like_the_bundled_ones(app):
    at = app("gaps", region="定远县", level="county")
    df = at.dataframe[0].value
    row = df[df["指标"] == "代表联络站"].iloc[0]
    assert "安吉县 30" in row["各地数值"]
    at = app("practice_types", region="安吉县", level="county")
    labels = [e.label for e in at.expander]
    assert any("安吉县" in lbl and "定远县" in lbl for lbl in labels) or any("安吉县" in lbl for lbl in labels), labels


def test_practice_types_page_groups_regions_with_figures(app):
    at = app("practice_types", region="浙江省", types_scope="全部地区")
    at.radio(key="types_scope").set_value("全部地区").run()
    labels = [e.label for e in at.expander]
    leaders = next(lbl for lbl in labels if lbl.startswith("领导干部以代表身份进站履职"))
    assert "广西壮族自治区" in leaders and "河南省" in leaders
    text = _texts(at)
    assert "32名自治区省军级领导" in text
    figures = at.dataframe[0].value
    assert len(figures[figures["地区"].isin(["安徽省", "江苏省"])]) >= 2


def test_counties_page_puts_counties_side_by_side(app):
    """One grid: a column per county, a row per theme, each item a label that opens on its sentence."""
    import html as html_lib

    at = app("counties")
    grid = next(m.value for m in at.markdown if "cc-grid" in m.value)
    heads = re.findall(r"<h3 class='cc-region'>(.*?)</h3>", grid)
    assert {"定远县", "大安市", "高县", "青田县"} <= set(heads), heads
    items = [(html_lib.unescape(a), html_lib.unescape(b)) for a, b in
             re.findall(r"<details><summary>(.*?)</summary><div class='evidence'>(.*?)</div></details>", grid)]
    labels = [label for label, _ in items]
    assert any("代表联络站 22个" in lbl for lbl in labels)
    assert not any("*市" in lbl or "*县" in lbl for lbl in labels)
    # each item's sentence is read for the item shown: the one holding its figure
    station = next(sentence for label, sentence in items if "代表联络站 22个" in label)
    assert "22" in station and "联络站" in station
    assert all(len(sentence) > 8 for _, sentence in items)  # a sentence, not an empty box
    assert len(re.findall("<div class='cc-theme'>", grid)) >= 3


def test_counties_columns_show_the_latest_few_items_of_a_theme_and_count_the_rest():
    import pandas as pd

    from analysis.counties import county_columns

    sections = pd.DataFrame({"document": ["a", "b"], "title": ["甲县报告", "甲县报告"], "region": ["甲县"] * 2,
                             "level": ["county"] * 2, "plan": [0, 0]})
    practices = pd.DataFrame({"document": ["a", "a", "b", "b"], "region": ["甲县"] * 4, "year": [2020, 2020, 2024, 2024],
                              "key": list("wxyz"), "name": ["旧一", "旧二", "新一", "新二"], "theme": [None] * 4,
                              "evidence": [None] * 4, "start": [1, 2, 3, 4], "end": [2, 3, 4, 5]})
    empty = pd.DataFrame(columns=["region", "category", "indicator", "year"])
    [col] = county_columns(sections, empty, empty, practices, pd.DataFrame(), per_theme=3)
    assert [i["label"] for i in col["themes"]["做法·其他"]] == ["新一", "新二", "旧一"]
    assert col["more"] == {"做法·其他": 1} and col["themes"]["做法·其他"][0]["view"] == "practices"


def test_overview_leads_with_year_over_year_and_ranks_like_the_ranking_page(app):
    at = app(region="浙江省")
    assert at.subheader[0].value == "逐年对比"
    chart = at.get("plotly_chart")[0]
    import json

    fig = json.loads(chart.proto.spec)
    names = [t.get("name") for t in fig["data"]]
    assert "2023年" in names and "2025年" in names
    labels = fig["data"][-1]["y"]
    assert "任免国家机关工作人员（-54.2%）" in labels and "接待群众（2023年未报告）" in labels
    text = _texts(at)
    assert "同级排名：仅 1 个地区有数据，无从排名" in text and "1/1" not in text
    assert "任免国家机关工作人员97人次" in text  # the evidence below the chart (latest pair, first pick)


def _rank_on_ranking_page(headline, region, indicator, year, levels, known):
    """(rank, how many regions) read off the rows the 排名 page draws (``queries.ranking``), one card at a time."""
    from analysis.queries import ranking

    ranked, _missing = ranking(headline, indicator, year, levels, known.iloc[:0])
    mine = ranked.value[ranked.region == region]
    if mine.empty:
        return None, len(ranked)
    return int((ranked.value > mine.iloc[0]).sum()) + 1, len(ranked)


def test_overview_rank_agrees_with_the_ranking_page(store):
    import pandas as pd

    from analysis.queries import ranking
    from analysis.ranks import rank_text, ranks_of

    con = open_store(store)
    h = pd.read_sql_query("SELECT * FROM headline", con)
    known = pd.read_sql_query("SELECT DISTINCT region, level FROM sections WHERE region IS NOT NULL AND plan = 0", con)
    con.close()
    h = h.drop_duplicates(["region", "year", "indicator"])  # as the overview's rows are
    ranked, _ = ranking(h, "liaison_stations", None, ["county"], known)
    for pos, region in enumerate(ranked.region, 1):
        assert ranks_of(h, region, None, ["county"])["liaison_stations"] == (pos, len(ranked))
    assert rank_text(*ranks_of(h, "大安市", None, ["county"])["liaison_stations"]) == f"同级排名 1/{len(ranked)}"
    assert rank_text(*ranks_of(h, "浙江省", None, ["province"])["appointments"]) == "同级排名：仅 1 个地区有数据，无从排名"
    # every card of the overview at once: the same (rank, n) as one card at a time, every region, level, year
    rank_of = _rank_on_ranking_page
    checked = 0
    for levels in (["province"], ["city"], ["county"], ["province", "city", "county"]):
        for year in [None, *sorted({int(y) for y in h.year.dropna()})]:
            for region in h.region.unique():
                got = ranks_of(h, region, year, levels)
                for indicator in h.indicator.unique():
                    one = rank_of(h, region, indicator, year, levels, known)
                    assert got.get(indicator, (None, 0)) == one, (region, indicator, year, levels)
                    checked += one[0] is not None
    assert checked > 100


def test_compilation_matrix_fills_every_cited_segment(app):
    import json

    at = app("matrix", region="浙江省")
    at.radio(key="matrix_mode").set_value("摘编：地区 × 主题").run()
    assert not at.exception
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    from test_dashboard import _plain

    z = _plain(fig["data"][0]["z"])
    assert sum(v is not None for row in z for v in row) == 43
    assert "空白表示摘编在该主题下未提及该地区" in _texts(at)


def test_practice_comparisons_read_each_regions_latest_documents(store, monkeypatch):
    """A province may have thousands of documents: 对标差距 and 同类做法 read each region's latest few."""
    monkeypatch.setenv("DUIBIAO_STORE", str(store))
    from dashboard import data

    con = open_store(store)
    years = dict(con.execute("SELECT document, max(year) FROM sections WHERE region = '浙江省' AND plan = 0 "
                             "GROUP BY document").fetchall())
    con.close()
    assert len(years) == 3
    latest_two = data.latest_documents(["浙江省"], k=2)
    assert len(latest_two) == 2 and min(years[d] for d in latest_two) >= max(
        y for d, y in years.items() if d not in latest_two)
    assert set(data.latest_documents(["浙江省", "定远县"])) >= set(years)
    practices = data.of_regions("practices", ["浙江省"], latest=True)
    assert set(practices.document) <= set(data.latest_documents(["浙江省"])) and len(practices) > 0


# Tables that grow with the corpus (millions of rows at 100,000 documents): a page may not read one whole.
_LARGE = ("sections", "row_values", "practice_values", "figure_values", "problems", "terms", "law_values",
          "headline_values", "change_values", "practice_change_values", "plan_status_values", "mention_spans")


_KEYWORDS = {"WHERE", "ON", "LEFT", "JOIN", "INDEXED", "CROSS", "ORDER", "GROUP", "LIMIT", "INNER", "USING", "UNION"}


def _tables_of(con, sql: str, out: dict | None = None) -> dict[str, str]:
    """Name or alias → table, for the tables a statement reads, through the views it names."""
    out = {} if out is None else out
    for name, alias in re.findall(r"(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?", sql, re.I):
        view = con.execute("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = ?", (name,)).fetchone()
        if view:
            _tables_of(con, view[0], out)
            continue
        out[name] = name
        if alias and alias.upper() not in _KEYWORDS:
            out[alias] = name
    return out


@pytest.mark.parametrize("page", ["overview", "counties", "changes", "evidence_page", "gaps", "practices"])
def test_a_regions_pages_find_their_rows_by_index(page, store, monkeypatch):
    """Every statement a page runs for one county is answered through an index, not by reading a table
    that grows with the corpus (checked with SQLite's own plan for each statement)."""
    import streamlit as st

    from dashboard import data

    statements: list[str] = []
    real = data.connect

    def traced(path):
        con = real(path)
        con.set_trace_callback(statements.append)
        return con

    monkeypatch.setattr(data, "connect", traced)
    st.cache_data.clear()
    app_opener(store, monkeypatch)(page, region="定远县", level="county")
    assert statements
    con = open_store(store)
    try:
        scans = {}
        for sql in dict.fromkeys(s for s in statements if s.lstrip().upper().startswith("SELECT")):
            for *_ids, detail in con.execute("EXPLAIN QUERY PLAN " + sql):
                m = re.match(r"SCAN (\w+)$", detail)
                if m and _tables_of(con, sql).get(m.group(1), m.group(1)) in _LARGE:
                    scans[sql[:160]] = detail
    finally:
        con.close()
    assert not scans, scans


def test_peers_are_bounded_to_the_province_then_to_the_city(monkeypatch):
    """A district is compared with its city's districts when its province has more than the limit."""
    from dashboard import data

    codes = {f"区{i}": f"32{i // 10 + 1:02d}{i % 10 + 1:02d}000000" for i in range(60)}  # 江苏: 6 cities
    codes |= {f"县{i}": f"34{i // 10 + 1:02d}{i % 10 + 1:02d}000000" for i in range(15)}  # 安徽: 15 counties
    monkeypatch.setattr(data, "filter_options", lambda: {"code_of": codes})
    regions = sorted(codes)
    assert data.nearby(regions[:10], "county", "区0") == regions[:10]  # few: all of them
    assert sorted(data.nearby(regions, "county", "县3")) == sorted(r for r in codes if r.startswith("县"))
    assert sorted(data.nearby(regions, "county", "区12")) == [f"区{i}" for i in range(10, 20)]
    provinces = {f"省{i}": f"{i + 11:02d}0000000000" for i in range(25)}
    monkeypatch.setattr(data, "filter_options", lambda: {"code_of": codes | provinces})
    assert data.nearby(sorted(provinces), "province", "省3") == sorted(provinces)  # a province: every other one


def test_ranking_reads_values_without_sections_and_shows_the_chosen_ones_section(app, store):
    """排名 of each region's latest value leaves the section titles out of its bulk query; the sentence
    shown below the chart still names its section (a compilation's part for 大安市)."""
    con = open_store(store)
    title = con.execute("SELECT s.title FROM headline_values h JOIN row_values r ON r.id = h.row_id JOIN sections s "
                        "ON s.document = r.document AND s.idx = r.section WHERE h.region = '大安市' "
                        "AND h.indicator = 'liaison_stations'").fetchone()[0]
    con.close()
    at = app("ranking", region="大安市", level="county", indicator="liaison_stations", year="最新")
    box = next(s for s in at.selectbox if s.label.startswith("查看依据"))
    box.select("大安市").run()
    assert title and title != "全文"
    assert any(f"分节：{title}" in c.value for c in at.caption), [c.value for c in at.caption]
