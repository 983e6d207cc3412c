"""Themes, top terms and the practice catalogue."""
from __future__ import annotations

import pytest

from extract.pipeline import extract_text
from extract.practices import default_practice_config, find_practices, practice_key


def _brands(text: str) -> list[str]:
    cfg = default_practice_config()
    return [p.key for p in find_practices(text, 0, len(text), cfg) if p.kind == "brand"]


@pytest.mark.parametrize("text,key", [
    ("县人大常委会创新推出“三推两助”工作法，成效明显。", "三推两助"),
    ("探索推进“心连心”代表工作室建设。", "心连心"),
    ("深化“六访六促”活动。", "六访六促"),
    ("打造“民呼我应”品牌。", "民呼我应"),
])
def test_brands_are_found(text, key):
    assert key in _brands(text)


@pytest.mark.parametrize("text", [
    "认真贯彻《关于“十四五”规划的决定》，推动落实。",
    "习近平总书记强调：“民主不是装饰品，不是用来做摆设的。”",
    "守护好老百姓的“钱袋子”。",
    "坚定拥护“两个确立”、坚决做到“两个维护”。",
    "拧紧政府债务“安全阀”。",
    "打造“五个方面”的标志性成果。",
])
def test_other_quoted_text_is_not_a_brand(text):
    assert _brands(text) == []


@pytest.mark.parametrize("text", ["部署“2342”实践路径。", "建立与“12345”热线的联动。", "推进“132”总体工作部署。"])
def test_bare_number_codes_are_no_brands(text):
    """A quoted number names a plan or a hotline, not a practice (issue 11)."""
    assert _brands(text) == []


def test_a_code_inside_a_named_measure_is_its_key():
    cfg = default_practice_config()
    text = "建设“124N”基层单元矩阵体系。"
    assert [p.key for p in find_practices(text, 0, len(text), cfg)] == ["124N"]


def test_the_same_brand_written_differently_merges():
    assert practice_key("“三推两助”") == practice_key('"三推两助"') == practice_key("“三推 两助”") == "三推两助"
    a = _brands("推行“三推两助”机制。")
    b = extract_text('青田县人大常委会工作报告\n推行"三推两助"机制。', "x.txt").practices
    assert a == [p["key"] for p in b if p["kind"] == "brand"] == ["三推两助"]


def test_hunan_catalogue_has_every_region_under_its_theme(gold, seed_extractions):
    from extract.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    ex = seed_extractions["002_644b1edbf20d8be7.txt"]
    by_region = {}
    for s in ex.sections:  # every (region, theme) segment, named practice or not (issue 11)
        by_region.setdefault(s.region, set()).add(s.theme)
    for theme, provinces in gold["compilation_002"].items():
        for province in provinces:
            region = gaz.lookup(province).name
            assert theme in by_region.get(region, set()), (region, theme)
    assert len(by_region) == 24
    themes = set(gold["compilation_002"])
    assert all(p["theme"] in themes for p in ex.practices)
    zj = {p["key"] for p in ex.practices if p["region"] == "浙江省" and p["theme"] == "代表主题活动"}
    assert "三推两助" in zj
    cq = [p for p in ex.practices if p["region"] == "重庆市"]
    assert any(p["key"] == "124N" and p["theme"] == "全过程人民民主实践" for p in cq)


def test_report_practices_get_a_keyword_theme(seed_extractions):
    ex = seed_extractions["000_d6ebec99ba972d28.txt"]
    found = [p for p in ex.practices if p["key"] == "四主八好"]
    assert found and found[0]["theme"] == "全过程人民民主" and found[0]["year"] == 2025


def test_theme_intensity_rows_with_every_mention(seed_extractions):
    ex = seed_extractions["000_d6ebec99ba972d28.txt"]
    themes = {r.indicator: r for r in ex.rows if r.category == "主题"}
    row = themes["theme:common_prosperity"]
    mentions = [m for m in ex.mentions if m["indicator"] == "theme:common_prosperity"]
    review_chars = sum(s.end - s.start for s in ex.sections if not s.plan)
    assert row.value == round(len(mentions) / review_chars * 10_000, 2)
    assert all(ex.text[m["start"]:m["end"]] in ("共同富裕", "共富", "缩小三大差距", "示范区") for m in mentions)
    assert row.unit == "次/万字" and row.region == "浙江省" and row.year == 2025


def test_top_terms_drop_boilerplate_and_place_names(seed_extractions):
    terms = [t["term"] for t in seed_extractions["000_d6ebec99ba972d28.txt"].terms]
    assert len(terms) == 15
    assert not {"习近平", "坚决", "深入", "推动", "浙江", "浙江省"} & set(terms)


GENERIC = {"做好", "及时", "执行", "部署", "提出", "指导", "推进", "加强", "全力", "认真落实", "积极", "进一步"}


def test_top_terms_tell_regions_apart(seed_extractions):
    """No generic verbs or adverbs; names stay whole (issue 11)."""
    by_doc = {name: [t["term"] for t in ex.terms] for name, ex in seed_extractions.items()}
    for name, terms in by_doc.items():
        assert not GENERIC & set(terms), (name, GENERIC & set(terms))
    zj2023 = by_doc["001_8918d32ee0bb7af5.txt"]
    assert "八八战略" in zj2023 and "一号工程" in zj2023
    assert not {"八八", "一号"} & {t for terms in by_doc.values() for t in terms}


def test_top_terms_user_words_and_tags_are_config(tmp_path):
    from extract.config import ConfigError
    from extract.themes import load_theme_config

    terms = tmp_path / "terms.yaml"
    terms.write_text("top_n: 5\nuser_words: [八八战略, 'a b']\nexclude_tags: [v, 3]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_theme_config(ROOT_CONFIG / "themes.yaml", terms)
    assert "terms.yaml:2:" in str(exc.value) and "terms.yaml:3:" in str(exc.value)


ROOT_CONFIG = __import__("pathlib").Path(__file__).resolve().parent.parent / "config"
