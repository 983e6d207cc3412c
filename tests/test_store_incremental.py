"""The incremental store: one transaction per document, kills at random points, invalidation by stage."""
from __future__ import annotations

import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from conftest import ROOT, SEEDS, run_cli, store_rows

COPY = "000_d6ebec99ba972d28.txt"
PHRASE = "任免国家机关工作人员97人次"


_q = store_rows


def _build(config, data, store):
    out = run_cli("--config", str(config), "--data", str(data), "build", "--store", str(store))
    assert out.returncode == 0, out.stderr
    return out.stderr


def _stats_agree(store) -> None:
    """The per-region sums the filters read agree with the headline values they sum up."""
    kept = _q(store, "SELECT region_code, indicator, n, latest, undated FROM region_indicators")
    summed = _q(store, "SELECT region_code, indicator, COUNT(*), max(year), max(year IS NULL) FROM headline_values "
                       "GROUP BY region_code, indicator")
    assert sorted(kept) == sorted(summed) and kept
    # the row a ranking of the latest values reads: the latest year's value, the undated one only without a dated one
    latest = _q(store, "SELECT region_code, indicator, latest_row FROM region_indicators")
    expected = _q(store, "SELECT h.region_code, h.indicator, h.row_id FROM headline_values h JOIN region_indicators ri "
                         "ON ri.region_code = h.region_code AND ri.indicator = h.indicator "
                         "AND coalesce(h.year, -1) = coalesce(ri.latest, -1)")
    assert sorted(latest) == sorted(expected) and all(r for _, _, r in latest)
    assert sorted(_q(store, "SELECT region_code, year FROM region_years")) == \
        sorted(_q(store, "SELECT DISTINCT region_code, year FROM headline_values WHERE year IS NOT NULL"))
    assert sorted(_q(store, "SELECT region_code, region, level, n FROM region_sections")) == sorted(_q(
        store, "SELECT region_code, region, level, COUNT(*) FROM sections WHERE plan = 0 AND region IS NOT NULL "
               "GROUP BY region_code, region, level"))


def _consistent(store, copies: int) -> dict[str, set]:
    """Checks a store a reader sees: whole, and every document entirely of one version."""
    assert _q(store, "PRAGMA integrity_check")[0][0] == "ok"
    docs = {d for (d,) in _q(store, "SELECT document FROM documents")}
    assert docs == {d for (d,) in _q(store, "SELECT document FROM texts")}, "a document without its text"
    assert docs == {d for (d,) in _q(store, "SELECT DISTINCT document FROM sections")}, "a document without sections"
    assert _q(store, "SELECT value FROM meta WHERE key = 'row_count'")[0][0] == \
        _q(store, "SELECT COUNT(*) FROM row_values")[0][0], "the kept row count is the count of the rows"
    _stats_agree(store)
    values: dict[str, set] = {}
    for doc, value in _q(store, "SELECT document, value FROM row_values WHERE indicator='appointments' "
                                "AND document LIKE 'copy_%'"):
        values.setdefault(doc, set()).add(value)
    assert len(values) == copies
    for doc, vs in values.items():  # old text (97) or new text (98), never both halves
        assert vs in ({97.0}, {98.0}), (doc, vs)
    return values


def test_kills_at_random_points_leave_the_last_committed_state(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SEEDS, data / "seeds")
    copies = 24
    for i in range(copies):
        shutil.copy(SEEDS / COPY, data / f"copy_{i:02d}.txt")
    store = tmp_path / "store.sqlite"
    _build(ROOT / "config", data, store)
    assert all(v == {97.0} for v in _consistent(store, copies).values())
    for i in range(copies):  # every copy changes: the next build rewrites each in its own transaction
        path = data / f"copy_{i:02d}.txt"
        path.write_text(path.read_text(encoding="utf-8").replace(PHRASE, "任免国家机关工作人员98人次"),
                        encoding="utf-8")
    rng = random.Random(13)
    seen_new = []
    for round_ in range(5):
        proc = subprocess.Popen([sys.executable, "-m", "extract", "--data", str(data), "build", "--store", str(store),
                                 "--jobs", "1"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # the first kill at a random time (often before any commit), the others once a random number of
        # documents is committed, plus a random fraction of the next document's extraction
        target = (seen_new[-1] + rng.randint(1, 3)) if round_ else copies + 1
        deadline = time.monotonic() + (rng.uniform(0.2, 2.0) if not round_ else 120)
        while time.monotonic() < deadline and proc.poll() is None:
            new = _q(store, "SELECT COUNT(DISTINCT document) FROM row_values WHERE indicator='appointments' "
                            "AND document LIKE 'copy_%' AND value = 98")[0][0]  # a reader during the build
            if new >= target:
                time.sleep(rng.uniform(0, 0.05))
                break
            time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        values = _consistent(store, copies)
        seen_new.append(sum(v == {98.0} for v in values.values()))
    assert seen_new == sorted(seen_new), "committed documents stay committed"
    assert 0 < seen_new[-1] < copies, seen_new
    out = _build(ROOT / "config", data, store)
    assert all(v == {98.0} for v in _consistent(store, copies).values())
    assert f"沿用 {5 + seen_new[-1]} 个" in out, out
    # the headline and changes of 浙江省 (the copies' region) are those a fresh build computes
    fresh = tmp_path / "fresh.sqlite"
    _build(ROOT / "config", data, fresh)
    for sql in ("SELECT region, year, indicator, value, document FROM headline ORDER BY 1, 2, 3",
                "SELECT * FROM changes ORDER BY region, year_to, indicator",
                "SELECT * FROM practice_changes ORDER BY 1, 2, 3, 4",
                "SELECT * FROM plan_status ORDER BY 1, 2, 4"):
        assert _q(store, sql) == _q(fresh, sql), sql
    assert not _q(store, "SELECT * FROM pending_regions")


def test_a_deleted_document_leaves_only_its_regions_recomputed(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SEEDS, data / "seeds")
    store = tmp_path / "store.sqlite"
    _build(ROOT / "config", data, store)
    before = _q(store, "SELECT id FROM row_values WHERE document LIKE '%002_%' ORDER BY id")
    assert _q(store, "SELECT COUNT(*) FROM changes WHERE region='浙江省'")[0][0] > 0
    years = set(_q(store, "SELECT year FROM region_years WHERE region = '浙江省'"))
    (data / "seeds" / "001_8918d32ee0bb7af5.txt").unlink()  # 浙江省's 2024 report
    out = _build(ROOT / "config", data, store)
    assert "删除 1 个" in out and "重新抽取 0 个，沿用 4 个" in out, out
    assert not _q(store, "SELECT * FROM row_values WHERE document LIKE '%001_%'")
    assert _q(store, "SELECT id FROM row_values WHERE document LIKE '%002_%' ORDER BY id") == before
    assert not _q(store, "SELECT * FROM plan_status WHERE plan_document LIKE '%001_%'")
    assert not _q(store, "SELECT * FROM headline WHERE document LIKE '%001_%'")
    assert not _q(store, "SELECT * FROM changes WHERE document_from LIKE '%001_%' OR document_to LIKE '%001_%'")
    assert _q(store, "SELECT value FROM meta WHERE key = 'row_count'") == _q(store, "SELECT COUNT(*) FROM row_values")
    _stats_agree(store)
    assert len(set(_q(store, "SELECT year FROM region_years WHERE region = '浙江省'"))) == len(years) - 1


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("stages")
    data, config = tmp / "data", tmp / "config"
    shutil.copytree(SEEDS, data / "seeds")
    shutil.copytree(ROOT / "config", config)
    store = tmp / "store.sqlite"
    assert "重新抽取 5 个" in _build(config, data, store)
    return data, config, store


def _ids(store, where):
    return _q(store, f"SELECT id FROM row_values WHERE {where} ORDER BY id")


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_label_edit_reextracts_nothing(site):
    data, config, store = site
    rows_before = _ids(store, "1")
    _edit(config / "indicators.yaml", "label: 制定地方性法规", "label: 新制定的地方性法规")
    out = _build(config, data, store)
    assert "重新抽取 0 个，沿用 5 个，只重跑部分阶段 0 个" in out, out
    assert _ids(store, "1") == rows_before
    assert {r[0] for r in _q(store, "SELECT label FROM headline WHERE indicator='laws_enacted'")} == {"新制定的地方性法规"}
    assert {r[0] for r in _q(store, "SELECT label FROM rows WHERE indicator='laws_enacted'")} == {"新制定的地方性法规"}


def test_a_pattern_edit_reruns_counts_only(site):
    data, config, store = site
    themes_before = _ids(store, "indicator LIKE 'theme:%'")
    terms_before = _q(store, "SELECT rowid FROM terms ORDER BY rowid")
    counts_before = _ids(store, "indicator NOT LIKE 'theme:%'")
    assert _q(store, "SELECT COUNT(*) FROM rows WHERE indicator='appointments'")[0][0] > 0
    _edit(config / "grammar.yaml", "appoint: [任免, 任命, 依法任免, 决定任免, 免去]", "appoint: [任命, 免去]")
    out = _build(config, data, store)
    assert "重新抽取 0 个，沿用 0 个，只重跑部分阶段 5 个" in out, out
    assert _ids(store, "indicator LIKE 'theme:%'") == themes_before, "themes were not re-run"
    assert _q(store, "SELECT rowid FROM terms ORDER BY rowid") == terms_before
    counts_after = _ids(store, "indicator NOT LIKE 'theme:%'")
    assert not set(counts_after) & set(counts_before), "counts were re-run"
    assert not _q(store, "SELECT * FROM rows WHERE indicator='appointments' AND document LIKE '%000_%'")


def test_a_stop_list_edit_reruns_themes_and_terms_only(site):
    data, config, store = site
    counts_before = _ids(store, "indicator NOT LIKE 'theme:%'")
    practices_before = _q(store, "SELECT rowid FROM practices ORDER BY rowid")
    top = _q(store, "SELECT term FROM terms WHERE rank = 1 AND region='浙江省' ORDER BY year")[0][0]
    _edit(config / "terms.yaml", "stopwords: [", f"stopwords: [{top}, ")
    out = _build(config, data, store)
    assert "只重跑部分阶段" in out and "重新抽取 0 个" in out, out
    assert _ids(store, "indicator NOT LIKE 'theme:%'") == counts_before
    assert _q(store, "SELECT rowid FROM practices ORDER BY rowid") == practices_before
    assert not _q(store, "SELECT * FROM terms WHERE term = ?", top)


@pytest.mark.parametrize("name, old, new", [
    ("normalize.yaml", "join_min_chars: 50", "join_min_chars: 51"),
    ("regions.yaml", "exclude: [苏鲁交界]", "exclude: [苏鲁交界, 某不存在地名]"),
])
def test_normalisation_or_gazetteer_edits_rerun_everything(site, name, old, new):
    data, config, store = site
    _edit(config / name, old, new)
    assert "重新抽取 5 个，沿用 0 个" in _build(config, data, store)


def test_an_implausible_work_year_is_rejected_with_its_sentence(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "report.txt").write_text(
        "浙江省人民代表大会常务委员会工作报告\n——9824年1月8日在浙江省第十四届人民代表大会第三次会议上\n各位代表：\n"
        "一年来，共召开常委会会议8次，任免国家机关工作人员61人次，制定地方性法规12件。", encoding="utf-8")
    store = tmp_path / "store.sqlite"
    _build(ROOT / "config", data, store)
    rejected = _q(store, "SELECT field, value, evidence FROM rejected")
    assert rejected and rejected[0][:2] == ("work_year", 9823) and "9824年1月8日" in rejected[0][2], rejected
    assert _q(store, "SELECT work_year FROM documents") == [(None,)]
    assert _q(store, "SELECT COUNT(*) FROM rows WHERE indicator='appointments' AND year IS NULL")[0][0] == 1
    assert not _q(store, "SELECT * FROM headline WHERE year > 2100 OR year < 1979")
    out = run_cli("scan", str(data / "report.txt"), "--table", "rejected", "--format", "json")
    assert out.returncode == 0 and "9823" in out.stdout


def test_two_districts_of_one_name_are_two_regions(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for city, n, day in (("南京市", 61, 8), ("福州市", 43, 9)):
        (data / f"{city}.txt").write_text(
            f"{city}鼓楼区人民代表大会常务委员会工作报告\n——2025年1月{day}日在{city}鼓楼区第十八届人民代表大会第五次会议上\n"
            f"各位代表：\n一年来，共召开常委会会议8次，任免国家机关工作人员{n}人次。\n", encoding="utf-8")
    store = tmp_path / "store.sqlite"
    _build(ROOT / "config", data, store)
    rows = _q(store, "SELECT h.region_code, g.display, h.value FROM headline h JOIN regions g ON g.code = h.region_code "
                     "WHERE h.indicator = 'appointments' ORDER BY h.value")
    assert rows == [("350102000000", "鼓楼区（福州市）", 43), ("320106000000", "鼓楼区（南京市）", 61)]
    assert _q(store, "SELECT display FROM regions WHERE code = '330000000000'") == [("浙江省",)]
    # every table names them apart (with their city), so that pages, filters and exports keep them apart
    assert _q(store, "SELECT DISTINCT region, region_code FROM rows ORDER BY 1") == [
        ("鼓楼区（南京市）", "320106000000"), ("鼓楼区（福州市）", "350102000000")]
    from present.views import Frames, ranking_view

    view = ranking_view(Frames.load(store), {"indicator": "appointments", "year": None, "level": "county"})
    assert dict(zip(view.data.region, view.data.value)) == {"鼓楼区（南京市）": 61, "鼓楼区（福州市）": 43}
    from streamlit.testing.v1 import AppTest

    import os
    os.environ["DUIBIAO_STORE"] = str(store)
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.query_params.update({"region": "鼓楼区（福州市）", "indicator": "appointments"})
        at.run()
        at.switch_page("views/overview.py").run()
        assert not at.exception
        assert [m.value for m in at.metric if m.label == "任免国家机关工作人员"] == ["43人次"]
    finally:
        del os.environ["DUIBIAO_STORE"]


def test_indexes_follow_the_schema_on_the_next_build_without_reextracting(site):
    """An index the store lacks is made; one an earlier release made and no query uses any more is dropped."""
    from extract.store import RETIRED_INDEXES, SCHEMA_INDEXES

    data, config, store = site
    con = sqlite3.connect(store)
    con.execute("DROP INDEX sections_latest")
    con.execute("CREATE INDEX sections_by_code ON sections(region_code)")
    con.close()
    out = _build(config, data, store)
    assert "重新抽取 0 个" in out, out
    names = {n for (n,) in _q(store, "SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert not names & set(RETIRED_INDEXES) and set(SCHEMA_INDEXES) <= names and "sections_latest" in names


def test_a_bulk_build_makes_the_reader_indexes_after_the_documents_and_gives_the_same_store(tmp_path, monkeypatch):
    """When most of the store is written anew the reader indexes are dropped and made once at the end:
    the store has every index and the same rows as one built document by document."""
    data = tmp_path / "data"
    shutil.copytree(SEEDS, data / "seeds")
    stores = {}
    for bulk in ("1", "100000"):
        monkeypatch.setenv("DUIBIAO_BULK_MIN", bulk)
        stores[bulk] = tmp_path / f"store{bulk}.sqlite"
        _build(ROOT / "config", data, stores[bulk])
    indexes = [set(_q(s, "SELECT name, sql FROM sqlite_master WHERE type = 'index'")) for s in stores.values()]
    assert indexes[0] == indexes[1] and ("rows_by_indicator",) in {(n,) for n, _ in indexes[0]}
    columns = {"region_indicators": "region_code, region, level, indicator, n, latest, undated"}  # no row ids
    for table in ("rows", "headline", "changes", "region_indicators", "region_years"):
        rows = [sorted(map(repr, _q(s, f"SELECT {columns.get(table, '*')} FROM {table}"))) for s in stores.values()]
        assert rows[0] == rows[1] and rows[0], table
    _stats_agree(stores["1"])
    # and the bulk build compacts the file: no free pages, not larger than the one built document by document
    assert _q(stores["1"], "PRAGMA freelist_count") == [(0,)]
    assert stores["1"].stat().st_size <= stores["100000"].stat().st_size


def test_a_cross_table_of_an_older_layout_is_made_anew_and_refilled_without_reextracting(site):
    """Schema 9 kept region names in the cross tables and had no region_sections; a build remakes such
    tables in this release's layout and refills them from the per-document tables: the views give the
    same rows, the per-region sums agree."""
    data, config, store = site
    views = ("changes", "practice_changes", "plan_status")
    before = {v: sorted(map(repr, _q(store, f"SELECT * FROM {v}"))) for v in views}
    assert before["changes"] and before["plan_status"]
    con = sqlite3.connect(store)
    con.execute("DROP TABLE change_values")
    con.execute("CREATE TABLE change_values (region, region_code, year_from, year_to, indicator, unit, value_from, "
                "value_to, qualifier_from, qualifier_to, delta, pct, direction, document_from, document_to)")
    con.execute("CREATE INDEX changes_by_region ON change_values(region, year_to)")
    con.execute("DROP TABLE region_sections")
    con.commit()
    con.close()
    out = _build(config, data, store)
    assert "重新抽取 0 个" in out, out
    assert {v: sorted(map(repr, _q(store, f"SELECT * FROM {v}"))) for v in views} == before
    assert not _q(store, "SELECT name FROM sqlite_master WHERE name = 'changes_by_region'")
    _stats_agree(store)


def test_the_dashboard_brings_an_older_layout_up_to_date_before_it_reads(site, monkeypatch):
    """A store an older release wrote (no region_sections) is upgraded when the dashboard starts:
    the cross tables refilled from the stored rows, nothing extracted, the filters' sums right."""
    from dashboard import data
    from extract.store import layout_is_current

    _data, _config, store = site
    con = sqlite3.connect(store)
    con.execute("DROP TABLE region_sections")
    con.commit()
    con.close()
    assert not layout_is_current(store)
    documents = _q(store, "SELECT document, extracted_at FROM documents ORDER BY document")
    monkeypatch.setenv("DUIBIAO_STORE", str(store))
    assert data.ensure_store() and layout_is_current(store)
    assert _q(store, "SELECT document, extracted_at FROM documents ORDER BY document") == documents
    _stats_agree(store)


def test_the_dashboards_cache_key_follows_every_commit_while_a_reader_has_it(site):
    """The dashboard reads the generation again only when the store's file or WAL changed: a commit by
    another process (the WAL kept, as while a build runs) and a finished build are both seen."""
    from dashboard.data import current_generation
    from extract.store import Writer, generation

    data, config, store = site
    first = current_generation(store)
    assert first == generation(store) and current_generation(store) == first
    writer = Writer(store)
    try:
        with writer.transaction():
            pass
        assert current_generation(store) == generation(store) == first + 1
    finally:
        writer.close()
    (data / "seeds" / "new.txt").write_text("某县人大常委会工作报告\n一年来，审议议案3件。\n", encoding="utf-8")
    _build(config, data, store)
    second = current_generation(store)
    assert second == generation(store) > first + 1
    (data / "seeds" / "new.txt").unlink()  # the module's store as the other tests expect it
    _build(config, data, store)
    assert current_generation(store) == generation(store) > second
