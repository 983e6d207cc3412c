"""The command line: scan on bad input, build writing the store atomically."""
from __future__ import annotations

import json
import shutil

from conftest import ROOT, SEEDS, run_cli, open_store


def test_bad_files_are_reported_and_the_batch_goes_on(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "random.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "fake.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "notes.xls").write_bytes(b"x")
    shutil.copy(SEEDS / "001_8918d32ee0bb7af5.txt", tmp_path / "good.txt")
    out = run_cli("scan", str(tmp_path), str(tmp_path / "notes.xls"), "--format", "json")
    assert out.returncode == 1
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 4
    assert any("empty.txt: 文件为空" in l for l in lines)
    assert any("random.txt:" in l and "二进制" in l for l in lines)
    assert any("fake.docx:" in l and "docx" in l for l in lines)
    assert any("notes.xls:" in l and "不支持" in l for l in lines)
    rows = json.loads(out.stdout)
    assert {r["document"] for r in rows} == {"good.txt"}
    assert {r["region"] for r in rows} == {"浙江省"}


def test_scan_detects_metadata_of_an_unknown_report(tmp_path):
    path = tmp_path / "某市人大常委会工作报告.txt"
    path.write_text("工作报告\n——2025年1月8日在定远县第十八届人民代表大会第五次会议上\n各位代表：\n"
                    "一年来，共召开常委会会议8次，任免国家机关工作人员61人次。", encoding="gb18030")
    out = run_cli("scan", str(path), "--format", "json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert {(r["region"], r["level"], r["year"]) for r in rows} == {("定远县", "county", 2024)}


def test_build_writes_the_store_and_keeps_it_on_failure(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SEEDS, data / "seeds")
    store = tmp_path / "store.sqlite"
    out = run_cli("--data", str(data), "build", "--store", str(store))
    assert out.returncode == 0, out.stderr
    con = open_store(store)
    assert con.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 5
    n_rows = con.execute("SELECT COUNT(*) FROM rows").fetchone()[0]
    assert n_rows >= 40
    assert con.execute("SELECT value FROM rows WHERE region='浙江省' AND year=2023 AND indicator='appointments'"
                       " AND scope='total'").fetchone()[0] == 212
    con.close()
    broken = tmp_path / "config"
    shutil.copytree(ROOT / "config", broken)
    (broken / "indicators.yaml").write_text("indicators: [", encoding="utf-8")
    out = run_cli("--config", str(broken), "--data", str(data), "build", "--store", str(store))
    assert out.returncode == 1 and "indicators.yaml:" in out.stderr
    con = open_store(store)
    assert con.execute("SELECT COUNT(*) FROM rows").fetchone()[0] == n_rows
    con.close()
    assert not list(tmp_path.glob(".*.tmp"))


def test_build_killed_part_way_leaves_the_previous_store(tmp_path):
    import random
    import signal
    import subprocess
    import sys
    import time

    data = tmp_path / "data"
    shutil.copytree(SEEDS, data / "seeds")
    for i in range(30):  # enough documents that a build takes a while
        shutil.copy(SEEDS / "000_d6ebec99ba972d28.txt", data / f"copy_{i}.txt")
    store = tmp_path / "store.sqlite"
    assert run_cli("--data", str(data), "build", "--store", str(store)).returncode == 0
    con = open_store(store)
    before = con.execute("SELECT COUNT(*), SUM(value) FROM rows").fetchone()
    con.close()
    rng = random.Random(7)
    for _ in range(4):
        proc = subprocess.Popen([sys.executable, "-m", "extract", "--data", str(data), "build", "--store", str(store)],
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 1.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        con = open_store(store)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT COUNT(*), SUM(value) FROM rows").fetchone() == before
        con.close()
    assert run_cli("--data", str(data), "build", "--store", str(store)).returncode == 0
    assert not list(tmp_path.glob(".store.sqlite.*.tmp")), "a later build removes what killed builds left"


def test_scan_other_tables():
    out = run_cli("scan", str(SEEDS / "002_644b1edbf20d8be7.txt"), "--table", "practices", "--format", "json")
    assert out.returncode == 0, out.stderr
    practices = json.loads(out.stdout)
    assert any(p["key"] == "124N" and p["region"] == "重庆市" for p in practices)
    out = run_cli("scan", str(SEEDS / "001_8918d32ee0bb7af5.txt"), "--table", "laws")
    assert out.returncode == 0 and "城镇社区建设条例" in out.stdout
