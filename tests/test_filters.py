"""Filters that follow each other: changing 层级 moves the others to data; regions in division-code order."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT, site_copy


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return site_copy(tmp_path_factory.mktemp("filters"))[2]


@pytest.fixture
def app(store, monkeypatch):
    monkeypatch.setenv("DUIBIAO_STORE", str(store))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params.update({"region": "浙江省", "indicator": "laws_enacted", "year": "2025"})
    at.run()
    assert not at.exception
    return at


def _codes(names):
    from extract.gazetteer import default_gazetteer

    return [default_gazetteer().lookup(n).code for n in names]


def test_regions_follow_the_national_division_code(app):
    regions = app.selectbox(key="region").options
    assert regions.index("北京市") == 0 and regions.index("浙江省") < regions.index("安徽省") < regions.index("定远县")
    assert _codes(regions) == sorted(_codes(regions))
    chosen = app.multiselect(key="regions").value
    assert chosen[0] == "北京市" or _codes(chosen) == sorted(_codes(chosen))


def test_changing_the_level_moves_the_other_filters_to_data(app):
    assert len(app.multiselect(key="regions").value) == 8
    app.selectbox(key="level").set_value("county").run()
    assert not app.exception
    s = app.session_state
    counties = {"定远县", "大安市", "高县", "青田县"}
    assert s["region"] in counties and set(s["regions"]) <= counties and len(s["regions"]) >= 3
    assert s["indicator"] == "liaison_stations"  # county reports have no 制定地方性法规; 代表联络站 they have
    assert s["year"] == "最新"  # county values of unknown year are not hidden by a year filter
    notes = [i.value for i in app.sidebar.info]
    assert len(notes) == 1 and notes[0].startswith("已切换到县级")
    app.run()  # said once
    assert not [i.value for i in app.sidebar.info if i.value.startswith("已切换到")]
    app.switch_page("views/matrix.py").run()
    assert not app.exception and not [i for i in app.info if "没有数据" in i.value]


def test_choosing_a_region_of_another_level_brings_its_level(app):
    app.selectbox(key="region").set_value("高县").run()
    assert app.session_state["level"] == "county" and "高县" in app.session_state["regions"]


def test_region_pickers_list_a_bounded_few_and_the_search_box_finds_the_others():
    """3,000 regions make a picker of 3,000 options (sent and drawn on every page): the pickers list at
    most 50 (the provinces and the current region's city and province) plus the current choice; typing in
    查找地区 lists the regions whose name contains it."""
    from analysis.queries import PICKER_LIMIT, region_choices

    def sidebar():
        from dashboard import state

        provinces = [f"省{p}" for p in range(10, 40)]
        counties = [f"{n}区（市{p}{c}）" for p in range(10, 40) for c in range(1, 5) for n in ("鼓楼", "东湖", "西山")]
        regions = provinces + counties
        code_of = {r: f"{p}0000000000" for p, r in zip(range(10, 40), provinces)}
        code_of.update({r: f"{r[-4:-2]}{r[-2]}1{r[0]}00000000"[:12] for r in counties})
        levels_of = {**{r: "province" for r in provinces}, **{r: "county" for r in counties}}
        options = {"regions": sorted(regions, key=lambda r: code_of[r]), "levels_of": levels_of, "code_of": code_of,
                   "by_count": {"鼓楼区（市123）": 5}, "years": [2024], "region_latest": {}, "indicators": [],
                   "level_regions": {"county": counties, "province": provinces}, "level_richest": {}}
        state.sidebar(options, [])

    at = AppTest.from_function(sidebar, default_timeout=60).run()
    assert not at.exception
    picker = at.selectbox(key="region")
    assert picker.value == "鼓楼区（市123）" and len(picker.options) <= PICKER_LIMIT + 1
    assert {"省10", "省39", "东湖区（市123）"} <= set(picker.options) and "东湖区（市304）" not in picker.options
    at.text_input(key="region_search").input("东湖").run()  # 120 of them: the first 50, and a word on narrowing
    assert len(at.selectbox(key="region").options) == PICKER_LIMIT + 1 and "找到 120 个" in at.sidebar.caption[0].value
    at.text_input(key="region_search").input("东湖区（市30").run()
    picker = at.selectbox(key="region")
    assert "东湖区（市304）" in picker.options and "鼓楼区（市123）" in picker.options  # the current choice stays
    assert len(picker.options) == 5 and all("东湖" in r for r in picker.options if r != "鼓楼区（市123）")
    picker.set_value("东湖区（市304）").run()
    assert not at.exception and at.session_state["region"] == "东湖区（市304）"
    assert len(at.multiselect(key="regions").options) <= PICKER_LIMIT + 9

    few = [f"县{i}" for i in range(20)]
    assert region_choices(few, {}, [], ["县3"]) == few  # a small store: every region, as before
