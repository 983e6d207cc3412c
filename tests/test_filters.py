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
