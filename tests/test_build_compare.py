"""The store after a build: year-over-year change, plans against delivery, YAML edits, incremental rebuild."""
from __future__ import annotations

import shutil
import sqlite3

import pytest

from conftest import ROOT, SEEDS, run_cli, open_store


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("built")
    data = tmp / "data"
    shutil.copytree(SEEDS, data / "seeds")
    config = tmp / "config"
    shutil.copytree(ROOT / "config", config)
    store = tmp / "store.sqlite"
    out = run_cli("--config", str(config), "--data", str(data), "build", "--store", str(store))
    assert out.returncode == 0, out.stderr
    return tmp, data, config, store


def _q(store, sql, *params):
    con = open_store(store)
    con.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in con.execute(sql, params)]
    finally:
        con.close()


def test_indicator_changes_between_zhejiang_years(built):
    store = built[3]
    rows = {r["indicator"]: r for r in _q(store, "SELECT * FROM changes WHERE region='浙江省'")}
    a = rows["appointments"]
    assert (a["year_from"], a["year_to"], a["value_from"], a["value_to"]) == (2023, 2025, 212, 97)
    assert a["direction"] == "down" and a["pct"] == -54.2
    assert rows["suggestions"]["direction"] == "up" and rows["laws_enacted"]["direction"] == "same"
    assert rows["study_sessions"]["direction"] == "new" and rows["study_sessions"]["value_from"] is None


def test_practices_appear_continue_disappear(built):
    store = built[3]
    status = {r["key"]: r["status"] for r in _q(store, "SELECT * FROM practice_changes WHERE region='浙江省'")}
    assert status["三推两助"] == "appear"
    assert status["1+X"] == "continue"
    assert status["四张清单"] == "disappear"


def test_problems_of_each_year(built):
    store = built[3]
    probs = _q(store, "SELECT year, text FROM problems WHERE region='浙江省' ORDER BY year, start")
    assert [p["year"] for p in probs].count(2023) == 5 and [p["year"] for p in probs].count(2025) == 5
    assert probs[0]["text"].startswith("“小切口”立法还不够有力")


def test_plans_against_delivery(built):
    """A plan is set against the report on the plan's own year: the report of January 2024 plans 2024,
    and the bundled documents hold no report on 2024 (issue 11), so nothing is compared."""
    store = built[3]
    plan = {r["law"]: r for r in _q(store, "SELECT * FROM plan_status WHERE plan_document LIKE '%001_%'")}
    assert {"发展规划条例", "民用航空条例", "城镇社区建设条例", "旅游条例"} <= set(plan)
    assert all(r["plan_year"] == 2024 and r["status"] == "no_later_report" and r["later_year"] is None
               for r in plan.values())
    assert all(r["law"].endswith(("条例", "实施办法", "选举办法")) for r in _q(store, "SELECT * FROM plan_status"))


def test_plan_against_the_report_of_its_own_year():
    from extract.compare import plan_status

    docs = [{"document": "a", "kind": "annual_report", "region": "浙江省", "work_year": 2023},
            {"document": "b", "kind": "annual_report", "region": "浙江省", "work_year": 2024},
            {"document": "c", "kind": "annual_report", "region": "浙江省", "work_year": 2025}]
    law = {"stem": "旅游", "name": "旅游条例", "action": "revise", "start": 0, "end": 4, "evidence": "修改旅游条例。"}
    laws = [{**law, "document": "a", "part": "plan"}, {**law, "document": "c", "part": "review"}]
    (row,) = plan_status(laws, docs)
    assert row["later_year"] == 2024 and row["status"] == "not_mentioned"  # 2025's report does not count


def test_theme_keyword_and_brand_rule_from_yaml_only(built, tmp_path):
    _tmp, data, config, _store = built
    cfg = tmp_path / "config"
    shutil.copytree(config, cfg)
    themes = (cfg / "themes.yaml").read_text(encoding="utf-8")
    (cfg / "themes.yaml").write_text(themes + "  maritime:\n    label: 海洋经济\n    keywords: [海洋经济]\n",
                                     encoding="utf-8")
    practices = (cfg / "practices.yaml").read_text(encoding="utf-8")
    (cfg / "practices.yaml").write_text(practices.replace("一体化, 一线,", "一体化, 一线, 2342,"), encoding="utf-8")
    store = tmp_path / "s.sqlite"
    out = run_cli("--config", str(cfg), "--data", str(data), "build", "--store", str(store))
    assert out.returncode == 0, out.stderr
    assert _q(store, "SELECT value FROM rows WHERE indicator='theme:maritime' AND region='浙江省' AND year=2025")
    assert not _q(store, "SELECT * FROM practices WHERE key='2342'")


def test_rebuild_after_one_changed_document_rereads_only_it(built, tmp_path):
    _tmp, data, config, _store = built
    data2 = tmp_path / "data"
    shutil.copytree(data, data2)
    store = tmp_path / "s.sqlite"
    first = run_cli("--config", str(config), "--data", str(data2), "build", "--store", str(store))
    assert "重新抽取 5 个，沿用 0 个" in first.stderr
    seed = data2 / "seeds" / "001_8918d32ee0bb7af5.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("任免国家机关工作人员212人次", "任免国家机关工作人员213人次"),
                    encoding="utf-8")
    second = run_cli("--config", str(config), "--data", str(data2), "build", "--store", str(store))
    assert "重新抽取 1 个，沿用 4 个" in second.stderr, second.stderr
    assert _q(store, "SELECT value_from FROM changes WHERE region='浙江省' AND indicator='appointments'")[0][
        "value_from"] == 213
    assert len(_q(store, "SELECT * FROM documents")) == 5


def test_a_sources_entry_change_reextracts_only_its_document(built, tmp_path):
    _tmp, data, config, _store = built
    cfg = tmp_path / "config"
    shutil.copytree(config, cfg)
    store = tmp_path / "s.sqlite"
    assert "重新抽取 5 个" in run_cli("--config", str(cfg), "--data", str(data), "build", "--store", str(store)).stderr
    sources = cfg / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").replace(
        "  - file: seeds/004_fa84669f0571bdbb.txt", "  - file: seeds/004_fa84669f0571bdbb.txt\n    work_year: 2024"),
        encoding="utf-8")
    out = run_cli("--config", str(cfg), "--data", str(data), "build", "--store", str(store))
    assert "重新抽取 1 个，沿用 4 个" in out.stderr, out.stderr
    assert _q(store, "SELECT work_year FROM documents WHERE document LIKE '%004_%'")[0]["work_year"] == 2024


@pytest.mark.parametrize("view", ["rows", "practices", "figures"])
def test_the_stores_views_give_the_rows_scan_gives(built, view):
    """Sections are stored as indexes into each document's sections: reading them back through the views
    gives every row's own section title, the same as ``scan`` of the same files."""
    import json

    _, data, config, store = built
    out = run_cli("--config", str(config), "scan", str(data), "--table", view, "--format", "json")
    assert out.returncode == 0, out.stderr
    keys = ("document", "section", "region", "year", "start")
    scanned = sorted(tuple(str(r.get(k)) for k in keys) for r in json.loads(out.stdout))
    stored = sorted(tuple(str(r.get(k)) for k in keys) for r in _q(store, f"SELECT * FROM {view}"))
    assert len(scanned) > 20 and len({s[1] for s in scanned}) > 3
    stored = sorted((d.rsplit("/", 1)[-1], *rest) for d, *rest in stored)  # scan names a file by its name
    assert stored == scanned
