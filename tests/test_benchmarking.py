"""对标 on the bundled documents: the compilation complete, its figures, practice types and gaps."""
from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from conftest import ROOT, site_copy, open_store

COMPILATION = "seeds/002_644b1edbf20d8be7.txt"


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    """The store's tables of a fresh build of the seeds, as the dashboard reads them."""
    _data, config, store = site_copy(tmp_path_factory.mktemp("bench"))
    from extract.store import document_text

    con = open_store(store)
    try:
        out = {t: pd.read_sql_query(f"SELECT * FROM {t}", con)
               for t in ("sections", "practices", "figures", "headline", "documents")}
        out["texts"] = {d: document_text(con, d) for d in out["documents"].document}
    finally:
        con.close()
    out["config"] = config
    return out


@pytest.fixture(scope="module")
def groups(tables):
    from analysis.practice_types import group_practices, statements
    from extract.practice_types import load_practice_types

    st = statements(tables["sections"], tables["documents"], tables["practices"], tables["texts"])
    return st, group_practices(st, load_practice_types(tables["config"] / "practice_types.yaml"))


def _short(region: str) -> str:
    return region[:2] if not region.startswith("内蒙古") and not region.startswith("黑龙江") else region[:3]


def test_all_43_compilation_segments_in_the_region_theme_matrix(tables, gold):
    from analysis.queries import compilation_matrix

    pivot = compilation_matrix(tables["sections"], tables["practices"], COMPILATION)
    present = {(theme, _short(region)) for region in pivot.index for theme in pivot.columns
               if pd.notna(pivot.loc[region, theme])}
    expected = {(theme, prov) for theme, provs in gold["compilation_002"].items() for prov in provs}
    assert len(expected) == 43
    assert present == expected  # every cited segment filled, nothing the compilation does not cite
    assert pivot.loc["广西壮族自治区", "国家机关联系代表、代表联系群众"] == 0  # cited, no named practice


def test_compilation_figures_come_with_region_and_noun(tables):
    f = tables["figures"]
    comp = f[f.document == COMPILATION]
    assert len(comp) >= 10
    assert comp.region.notna().all() and (comp.noun.str.len() >= 2).all()
    got = {(r, int(v)): n for r, v, n in zip(comp.region, comp.value, comp.noun)}
    assert "实践站" in got[("安徽省", 1306)]
    assert "观察点" in got[("江苏省", 2093)]
    assert "领导" in got[("广西壮族自治区", 32)] and "领导" in got[("河南省", 26)]
    assert got[("浙江省", 7500)] == "“一府一委两院”进站协商"
    kinds = dict(zip(zip(comp.region, comp.value.astype(int)), comp.type))
    assert kinds[("广西壮族自治区", 32)] == kinds[("河南省", 26)] == "leaders_in_stations"  # like beside like
    mapped = f[f.indicator.notna()]
    assert set(mapped.indicator) <= {"liaison_stations", "deputy_homes", "key_suggestions", "deputies_trained"}
    assert ("大安市", "liaison_stations", 51) in set(zip(mapped.region, mapped.indicator, mapped.value.astype(int)))


def _together(groups: pd.DataFrame, a: str, b: str) -> bool:
    return any({a, b} <= set(part.region) for _g, part in groups.groupby("group"))


# Pairs the compilation itself cites for the same kind of work.
PAIRS = [("广西壮族自治区", "河南省"),  # provincial leaders enter liaison stations as deputies
         ("宁夏回族自治区", "海南省"),  # evaluation of deputies' performance
         ("江苏省", "四川省"),  # deputies report on their work to voters
         ("贵州省", "陕西省"),  # "…代表在行动" campaigns
         ("山东省", "广西壮族自治区")]  # mixed-level deputy groups


def test_practice_types_group_what_the_compilation_puts_together(groups):
    _st, g = groups
    found = [p for p in PAIRS if _together(g, *p)]
    assert len(found) >= 3, found
    assert len(found) == len(PAIRS), set(PAIRS) - set(found)
    assert not _together(g[g.group == "leaders_in_stations"], "云南省", "河南省")
    names = dict(zip(g.group, g.name))
    assert names["leaders_in_stations"] == "领导干部以代表身份进站履职"  # the name from config/


def test_text_similarity_alone_groups_without_configured_types(tables, groups):
    from analysis.practice_types import group_practices
    from extract.practice_types import load_practice_types

    st, _g = groups
    cfg = dataclasses.replace(load_practice_types(tables["config"] / "practice_types.yaml"), types=())
    g = group_practices(st, cfg)
    assert (g.source == "similarity").all()
    found = [p for p in PAIRS if _together(g, *p)]
    assert len(found) >= 3, found
    names = set(g.name)
    assert "履职评价激励" in names and "报告履职情况" in names


def test_group_names_are_edited_in_config(tmp_path):
    from extract.config import ConfigError
    from extract.practice_types import load_practice_types

    bad = tmp_path / "practice_types.yaml"
    bad.write_text("similarity: 2\ntypes:\n  a_type:\n    name: 甲\n    terms: ['(']\n  b_type:\n    name: 甲\n"
                   "    terms: [x]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_practice_types(bad)
    text = str(exc.value)
    assert "practice_types.yaml:1:" in text and "practice_types.yaml:5:" in text and "practice_types.yaml:7:" in text


def test_gap_analysis_of_zhejiang_names_what_to_learn_from_whom(tables, groups):
    from analysis.gaps import practice_gaps
    from analysis.practice_types import types_mentioned
    from extract.practice_types import load_practice_types

    _st, g = groups
    sec = tables["sections"]
    provinces = sorted(set(sec[sec.level == "province"].region) - {"浙江省"})
    own = sec[(sec.region == "浙江省") & (sec.plan == 0)]
    texts = [tables["texts"][d][a:b] for d, a, b in zip(own.document, own.start, own.end)]
    mentioned = types_mentioned(texts, load_practice_types(tables["config"] / "practice_types.yaml"))
    gaps = practice_gaps(g, tables["practices"], "浙江省", provinces, mentioned)
    learn = gaps[gaps.kind == "learn"]
    assert "leaders_in_stations" in set(learn.group)
    assert len(learn) >= 3
    for row in learn.itertuples():
        assert row.peers_having and "浙江省" not in row.peers_having
        assert row.sentences and all(s["region"] in row.peers_having and s["statement"] for s in row.sentences)
        for s in row.sentences:  # each sentence stands in the document at its offsets
            assert s["statement"] in tables["texts"][s["document"]][s["start"] - 1:s["end"] + 1]
        assert not any(p.search(t) for t in texts for tid in [row.group]
                       for typ in load_practice_types(tables["config"] / "practice_types.yaml").types
                       if typ.id == tid for p in typ.terms)  # Zhejiang's own texts never mention it
    leaders = learn[learn.group == "leaders_in_stations"].iloc[0]
    assert {"广西壮族自治区", "河南省"} <= set(leaders.peers_having)
    assert (gaps.kind == "own").any()


def test_indicator_gaps_of_counties_flag_unknown_years(tables):
    from analysis.gaps import indicator_gaps

    gaps = indicator_gaps(tables["headline"], "定远县", ["大安市", "高县"]).set_index("indicator")
    row = gaps.loc["liaison_stations"]
    assert row.value == 22 and row.peer_median == 49 and row.best_value == 51 and row.best_region == "大安市"
    assert "51个代表联络站" in row.best_evidence and "22个乡镇代表联络站" in row.evidence
    assert row.unknown_year  # 大安市 and 高县 do not say their year: flagged, not mixed silently
    assert not row.other_level
    homes = gaps.loc["deputy_homes"]
    assert pd.isna(homes.value) and homes.best_region == "大安市"  # a gap, not a zero
    cross = indicator_gaps(tables["headline"], "定远县", ["浙江省"]).set_index("indicator")
    assert cross.loc["liaison_stations"].other_level if "liaison_stations" in cross.index else True
    assert cross.other_level.any()


def test_figure_gaps_put_like_beside_like(tables):
    from analysis.gaps import figure_gaps

    sec = tables["sections"]
    provinces = sorted(set(sec[sec.level == "province"].region) - {"浙江省"})
    fg = figure_gaps(tables["figures"], "浙江省", provinces).set_index("type")
    leaders = fg.loc["leaders_in_stations"]
    assert not leaders.region_figures  # Zhejiang gives no such figure: listed first, as a gap
    assert {(x["region"], int(x["value"])) for x in leaders.peer_figures} == {("广西壮族自治区", 32), ("河南省", 26)}
    assert leaders.best_region == "广西壮族自治区"
    assert fg.index[0] in {t for t in fg.index if not fg.loc[t].region_figures}
    consult = fg.loc["agencies_consult_in_stations"]
    assert [int(x["value"]) for x in consult.region_figures] == [7500]


def test_figures_config_problems_name_file_and_line(tmp_path):
    import shutil

    from conftest import run_cli

    cfg = tmp_path / "config"
    shutil.copytree(ROOT / "config", cfg)
    (cfg / "figures.yaml").write_text("kinds: [compilation]\ntypes:\n  stations:\n    label: 站\n    match: ['(']\n"
                                      "    indicator: no_such_indicator\n", encoding="utf-8")
    out = run_cli("--config", str(cfg), "check")
    assert out.returncode == 1
    assert "figures.yaml:5:" in out.stderr and "figures.yaml:6:" in out.stderr


def test_practice_gaps_from_tables_equal_the_dashboard_path(tables, groups):
    from analysis.gaps import practice_gaps, practice_gaps_from_tables
    from analysis.practice_types import region_texts, types_mentioned
    from extract.practice_types import load_practice_types

    cfg = load_practice_types(tables["config"] / "practice_types.yaml")
    peers = ["广西壮族自治区", "河南省", "山东省", "江苏省"]
    direct = practice_gaps_from_tables(tables["sections"], tables["documents"], tables["practices"], tables["texts"],
                                       cfg, "浙江省", peers)
    mentioned = types_mentioned(region_texts(tables["sections"], tables["texts"], "浙江省"), cfg)
    cached = practice_gaps(groups[1], tables["practices"], "浙江省", peers, mentioned)
    assert direct[["kind", "group"]].values.tolist() == cached[["kind", "group"]].values.tolist()
    assert {"leaders_in_stations", "mixed_groups"} <= set(direct[direct.kind == "learn"].group)
