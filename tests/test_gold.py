"""The seeds against the hand-read gold file: values, metadata, compilation table, traps."""
from __future__ import annotations

import re


from conftest import GOLD  # noqa: F401  (documents where the gold lives)


def _fold(s: str) -> str:
    """Compare as users see text: normalised, without white space."""
    from extract.normalize import normalize

    return re.sub(r"\s+", "", normalize(s))


def test_every_gold_value_is_the_headline(gold, seed_extractions):
    missing = []
    for g in gold["values"]:
        ex = seed_extractions[g["doc"]]
        found = [r for r in ex.rows if r.indicator == g["indicator"] and r.region == g["region"]
                 and r.value == g["value"] and r.qualifier == g["qualifier"] and r.scope == "total"
                 and ("year" not in g or r.year == g["year"])]
        ok = [r for r in found if _fold(g["quote"]) in _fold(r.evidence)]
        if not ok:
            missing.append(g)
    assert not missing, f"{len(missing)} gold values not found as headline rows: {missing}"


def test_evidence_offsets_point_at_the_matched_phrase(seed_extractions):
    for ex in seed_extractions.values():
        for r in ex.rows:
            phrase = ex.text[r.start:r.end]
            assert phrase and phrase in r.evidence
            if r.category == "主题":
                assert r.indicator.startswith("theme:") and r.value > 0
            else:
                assert re.search(r"\d|[一二两三四五六七八九十百千万]", phrase)


def test_document_metadata(gold, seed_extractions):
    for name, g in gold["documents"].items():
        meta = seed_extractions[name].meta
        assert meta.kind == g["kind"], name
        if "region" in g:
            assert meta.region == g["region"], name
            assert meta.level == g["level"], name
        if "work_year" in g:
            assert meta.work_year == g["work_year"], name
        if "report_date" in g:
            assert str(meta.report_date).startswith(str(g["report_date"])[:4]), name
    assert seed_extractions["000_d6ebec99ba972d28.txt"].meta.report_date == "2026-01-15"
    assert seed_extractions["002_644b1edbf20d8be7.txt"].meta.report_date == "2026-02-26"


def test_hunan_compilation_region_theme_table(gold, seed_extractions):
    from extract.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    ex = seed_extractions["002_644b1edbf20d8be7.txt"]
    table: dict[str, list[str]] = {}
    for s in ex.sections:
        if s.theme:
            table.setdefault(s.theme, [])
            if s.region not in table[s.theme]:
                table[s.theme].append(s.region)
    expected = {theme: [gaz.lookup(p).name for p in provinces]
                for theme, provinces in gold["compilation_002"].items()}
    assert table == expected
    regions = {r for provinces in table.values() for r in provinces}
    assert len(regions) == 24
    assert all(s.level == "province" and s.year == 2025 for s in ex.sections if s.theme)


def test_journal_sections_are_counties_from_the_body(seed_extractions):
    ex = seed_extractions["004_fa84669f0571bdbb.txt"]
    counties = {s.region: s for s in ex.sections if s.level == "county"}
    assert set(counties) == {"定远县", "大安市", "高县"}
    assert counties["定远县"].year == 2024
    essays = [s for s in ex.sections if "张强" in s.title or "妥占荣" in s.title]
    assert len(essays) == 2 and all(s.region is None for s in essays), "an author's province is not a report"
    assert "湖北" in essays[0].title


def test_speeches_resolve_masked_names_only_from_sources(seed_extractions):
    from extract.pipeline import extract_text
    from conftest import SEEDS

    ex = seed_extractions["003_54f79b84766740ff.txt"]
    speeches = [s for s in ex.sections if s.title != "目录"]
    assert len(speeches) == 10
    assert {s.region for s in speeches} == {"丽水市", "青田县"}
    assert [s.region for s in speeches[-2:]] == ["青田县", "青田县"]
    bare = extract_text((SEEDS / "003_54f79b84766740ff.txt").read_text(encoding="utf-8"), "003")
    assert bare.meta.region is None
    assert {s.region for s in bare.sections} == {None}


def test_traps_give_nothing(gold, seed_extractions):
    for trap in gold["must_not_extract"]:
        ex = seed_extractions[trap["doc"]]
        for r in ex.rows:
            assert trap["text"] not in ex.text[r.start:r.end], trap
            assert "*" not in ex.text[r.start:r.end]
    ad = seed_extractions["003_54f79b84766740ff.txt"]
    assert "1503991601" not in ad.text, "the advertisement line must be cut from the text"
    assert [r for r in ad.rows if r.category != "主题"] == [], "the masked speeches give no count"


def test_plan_parts_give_no_counts(seed_extractions):
    for name in ("000_d6ebec99ba972d28.txt", "001_8918d32ee0bb7af5.txt"):
        ex = seed_extractions[name]
        plan = [s for s in ex.sections if s.plan]
        assert len(plan) == 1, name
        assert all(r.start < plan[0].start for r in ex.rows)


def test_hard_wrapped_text_like_a_pdf_gives_the_same_values(gold, seed_extractions):
    """A text layer wraps every line at the page width; the values must not change."""
    import textwrap

    from conftest import SEEDS
    from extract.pipeline import extract_text

    name = "000_d6ebec99ba972d28.txt"
    paragraphs = (SEEDS / name).read_text(encoding="utf-8").split("\n")
    wrapped = "\n".join(line for p in paragraphs for line in (textwrap.wrap(p, 38) or [""]))
    ex = extract_text(wrapped, name)
    got = {(r.indicator, r.value, r.qualifier) for r in ex.rows if r.scope == "total"}
    for g in gold["values"]:
        if g["doc"] == name:
            assert (g["indicator"], g["value"], g["qualifier"]) in got, g
    assert ex.meta.work_year == 2025 and ex.meta.region == "浙江省"
    appointments = next(r for r in ex.rows if r.indicator == "appointments")
    assert appointments.evidence.startswith("各位代表，过去一年") and appointments.evidence.endswith("职能作用。")
