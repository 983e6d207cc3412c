"""What an editor types or uploads, or a config holds, cannot break data/ (issue 10).

Each test builds its bad input itself; after every refusal the files under data/ and the store are
byte for byte what they were, and nothing prints a traceback.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time
import zipfile

import docx
import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pytest
import yaml
from pypdf import PdfReader, PdfWriter

from conftest import ROOT, run_cli, site_copy, open_store
from extract import ingest
from extract.build import rebuild

REPORT = ("青田县人民代表大会常务委员会工作报告\n——2026年1月10日在青田县第十八届人民代表大会第六次会议上\n各位代表：\n"
          "一、2025年工作回顾\n一年来，县人大常委会共召开常委会会议{n}次，建成代表联络站36个，办理代表建议156件。\n")


@pytest.fixture
def site(tmp_path):
    return site_copy(tmp_path)


def snapshot(*roots) -> dict:
    """Every file under the roots (the write lock aside) with the hash of its bytes."""
    out = {}
    for root in roots:
        paths = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for p in paths:
            if p.name != ".write.lock":
                out[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def _rebuilder(config, data, store):
    return lambda: rebuild(config, data, store)


def _cli(*args, env=None, timeout=300):
    return subprocess.run([sys.executable, "-m", "extract", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})})


# 1 ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, stored", [("2026年1月10日", "2026-01-10"), ("2026-1-10", "2026-01-10"),
                                           ("2026.01.10", "2026-01-10"), ("２０２６/1/9", "2026-01-09")])
def test_dates_are_taken_as_people_type_them(typed, stored):
    assert ingest.clean_overrides({"report_date": typed, "work_year": "2025年"}) == {
        "report_date": stored, "work_year": 2025}


@pytest.mark.parametrize("field, value", [("work_year", "99999"), ("work_year", "1900"), ("work_year", "二〇二五"),
                                          ("report_date", "2026年2月30日"), ("report_date", "明年"),
                                          ("report_date", "99999-01-01")])
def test_a_bad_date_or_year_is_refused_before_anything_is_written(site, field, value):
    data, config, store = site
    before = snapshot(data, store)
    with pytest.raises(ingest.IngestError) as exc:
        ingest.add(REPORT.format(n=7).encode(), "青田县报告.txt", {field: value}, data, _rebuilder(config, data, store))
    assert "\n" not in str(exc.value) and ("工作年度" in str(exc.value) or "报告日期" in str(exc.value))
    assert snapshot(data, store) == before


def test_a_chinese_date_is_saved_and_later_uploads_and_builds_still_work(site):
    data, config, store = site
    ingest.add(REPORT.format(n=7).encode(), "青田县报告.txt", {"report_date": "2026年1月10日"}, data,
               _rebuilder(config, data, store))
    manifest = yaml.safe_load((data / "uploads" / "sources.yaml").read_text(encoding="utf-8"))
    assert manifest["documents"][0]["report_date"] == "2026-01-10"
    ingest.add(REPORT.format(n=8).encode(), "青田县报告2.txt", {}, data, _rebuilder(config, data, store))
    out = run_cli("--config", str(config), "--data", str(data), "build", "--store", str(store))
    assert out.returncode == 0, out.stderr


def test_a_refused_rebuild_puts_data_back_as_it_was(site):
    from extract.config import ConfigError, ConfigProblem

    data, config, store = site
    ingest.add(REPORT.format(n=7).encode(), "青田县报告.txt", {}, data, _rebuilder(config, data, store))
    doc = ingest.history(data)[-1]["document"]
    before = snapshot(data, store)

    def refusing():
        raise ConfigError([ConfigProblem("data/uploads/sources.yaml", 3, "work_year 应为年份整数")])

    with pytest.raises(ingest.IngestError, match="数据未改动"):
        ingest.add(REPORT.format(n=9).encode(), "另一份.txt", {"region": "青田县"}, data, refusing)
    with pytest.raises(ingest.IngestError):
        ingest.add(REPORT.format(n=9).encode(), "替换.txt", {}, data, refusing, replace=doc)
    with pytest.raises(ingest.IngestError):
        ingest.delete(doc, data, refusing)
    assert snapshot(data, store) == before
    assert len(ingest.history(data)) == 1


def test_sources_yaml_refuses_years_outside_the_plausible_range(site):
    data, config, _store = site
    (config / "sources.yaml").write_text(
        "documents:\n  - file: seeds/x.txt\n    work_year: 1900\n  - file: seeds/y.txt\n    report_date: 2026年1月10日\n",
        encoding="utf-8")
    out = run_cli("--config", str(config), "--data", str(data), "check")
    assert out.returncode == 1 and "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "sources.yaml:3:" in lines[0] and "work_year" in lines[0]


# 2 ------------------------------------------------------------------------------------------------

HUGE = ("青田县人民代表大会常务委员会工作报告\n一、2025年工作回顾\n一年来，县人大常委会共召开常委会会议99999999999999999999次，"
        "办理代表建议999999999999999999件，建成代表联络站" + "1" * 400 + "个，听取审议专项工作报告12个。\n")


def test_huge_numbers_are_refused_with_a_reason_and_json_stays_valid(tmp_path):
    path = tmp_path / "青田县报告.txt"
    path.write_text(HUGE, encoding="utf-8")
    out = run_cli("scan", "--format", "json", str(path))
    assert out.returncode == 0 and "Traceback" not in out.stderr
    rows = json.loads(out.stdout, parse_constant=lambda c: pytest.fail(f"invalid JSON constant {c}"))
    assert [(r["indicator"], r["value"]) for r in rows if not r["indicator"].startswith("theme:")] == [
        ("reports_reviewed", 12)]
    notes = out.stderr.strip().splitlines()
    assert len(notes) == 3 and all("超出" in n and "未计入" in n for n in notes)


def test_a_huge_number_never_reaches_the_store(site):
    data, config, store = site
    ingest.add(HUGE.encode(), "青田县报告.txt", {}, data, _rebuilder(config, data, store))
    con = open_store(store)
    try:
        assert con.execute("SELECT max(value) FROM rows WHERE category != '主题'").fetchone()[0] < 1e8
    finally:
        con.close()
    ingest.add(REPORT.format(n=7).encode(), "后一份.txt", {}, data, _rebuilder(config, data, store))  # still works


def test_the_store_skips_values_it_cannot_keep(tmp_path, capsys):
    from extract.store import Writer

    rows = [{"document": "a", "indicator": "x", "value": v} for v in (10 ** 30, float("inf"), 5)]
    writer = Writer(tmp_path / "s.sqlite")
    writer.write_source("a", [({"document": "a", "source": "a"}, {"rows": rows}, "")], ("base", "counts"))
    writer.close()
    con = open_store(tmp_path / "s.sqlite")
    assert con.execute("SELECT value FROM rows").fetchall() == [(5,)]
    con.close()
    assert "2 行" in capsys.readouterr().err


# 4 ------------------------------------------------------------------------------------------------

def _docx_with_markup(mb: float) -> bytes:
    """A docx whose document.xml is ``mb`` MB of varied Chinese (so it compresses only a few times)."""
    d = docx.Document()
    d.add_paragraph("青田县人民代表大会常务委员会工作报告")
    buf = io.BytesIO()
    d.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    rnd = random.Random(10)
    chars = [chr(c) for c in range(0x4E00, 0x9FA5)]
    para = "".join(f"<w:p><w:r><w:t>{''.join(rnd.choices(chars, k=60))}</w:t></w:r></w:p>" for _ in range(200))
    xml = src.read("word/document.xml").decode()
    body = xml.replace("<w:body>", "<w:body>" + para * int(mb * 1024 * 1024 / len(para.encode())), 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info.filename, body if info.filename == "word/document.xml" else src.read(info.filename))
    return out.getvalue()


def test_a_docx_that_expands_too_far_is_refused_at_once(site):
    data, config, store = site
    raw = _docx_with_markup(12)
    assert len(raw) < 20 * 1024 * 1024
    before = snapshot(data, store)
    t = time.perf_counter()
    with pytest.raises(ingest.IngestError) as exc:
        ingest.add(raw, "大文件.docx", {}, data, _rebuilder(config, data, store))
    assert time.perf_counter() - t < 5
    assert "解压后" in str(exc.value) and "DUIBIAO_MAX_UNZIPPED_MB" in str(exc.value)
    assert snapshot(data, store) == before


def test_the_bounds_are_settings(tmp_path):
    path = tmp_path / "长文.txt"
    path.write_text("青田县人大常委会工作报告。" * 200, encoding="utf-8")
    out = _cli("scan", str(path), env={"DUIBIAO_MAX_TEXT_CHARS": "1000"})
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert out.stderr.strip().count("\n") == 0 and "文字过长" in out.stderr
    small = tmp_path / "小.docx"
    small.write_bytes(_docx_with_markup(0.3))
    out = _cli("scan", str(small), env={"DUIBIAO_MAX_UNZIPPED_MB": "0.1"})
    assert out.returncode == 1 and "解压后" in out.stderr and out.stderr.strip().count("\n") == 0
    assert _cli("scan", str(small), env={"DUIBIAO_MAX_UNZIPPED_MB": "oops"}).returncode == 0  # default kept


# 5 ------------------------------------------------------------------------------------------------

def test_a_long_file_name_is_stored_under_a_short_enough_name(site):
    data, config, store = site
    doc = ingest.add(REPORT.format(n=7).encode(), "青" * 300 + ".txt", {}, data, _rebuilder(config, data, store))
    path = data / doc
    assert path.exists() and len(path.name.encode()) <= 200
    assert ingest.history(data)[-1]["file_name"] == "青" * 300 + ".txt"


def test_scan_of_a_name_too_long_reports_it_and_keeps_the_batch(tmp_path):
    good = tmp_path / "青田县报告.txt"
    good.write_text(REPORT.format(n=7), encoding="utf-8")
    out = run_cli("scan", str(tmp_path / ("青" * 300 + ".txt")), str(good))
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert out.stderr.strip().count("\n") == 0 and "文件名过长" in out.stderr
    assert "standing_sessions" in out.stdout


# 6 ------------------------------------------------------------------------------------------------

def test_build_waits_for_the_write_lock(site):
    data, config, store = site
    before = snapshot(store)
    release = threading.Event()
    held = threading.Event()

    def writer():
        with ingest.writer_lock(data):
            held.set()
            release.wait(60)

    thread = threading.Thread(target=writer)
    thread.start()
    held.wait(10)
    proc = subprocess.Popen([sys.executable, "-m", "extract", "--config", str(config), "--data", str(data), "build",
                             "--store", str(store)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        time.sleep(4)
        assert proc.poll() is None, "build ran although a writer held data/.write.lock"
        assert snapshot(store) == before
    finally:
        release.set()
        thread.join()
    assert proc.wait(timeout=300) == 0
    assert snapshot(store) != before


# 7 ------------------------------------------------------------------------------------------------

def _same_short_hash() -> tuple[bytes, bytes]:
    """Two different reports whose sha256 share their first 8 hex digits (a birthday search)."""
    seen = {}
    for n in range(2_000_000):
        raw = REPORT.format(n=n).encode()
        key = hashlib.sha256(raw).hexdigest()[:8]
        if key in seen:
            return seen[key], raw
        seen[key] = raw
    raise AssertionError("no collision found")


def test_two_files_with_the_same_name_and_short_hash_both_stay(site):
    data, config, store = site
    a, b = _same_short_hash()
    assert a != b and hashlib.sha256(a).hexdigest()[:8] == hashlib.sha256(b).hexdigest()[:8]
    doc_a = ingest.add(a, "报告.txt", {}, data, _rebuilder(config, data, store))
    doc_b = ingest.add(b, "报告.txt", {}, data, _rebuilder(config, data, store))
    assert doc_a != doc_b
    assert (data / doc_a).read_bytes() == a and (data / doc_b).read_bytes() == b
    con = open_store(store)
    try:
        docs = {r[0] for r in con.execute("SELECT document FROM documents")}
    finally:
        con.close()
    assert {doc_a, doc_b} <= docs


# 8 ------------------------------------------------------------------------------------------------

def test_a_torn_last_line_of_the_change_log_is_skipped_and_the_next_record_is_whole(site):
    data, config, store = site
    log = data / "uploads" / "changes.jsonl"
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text(json.dumps({"time": "2026-01-01T00:00:00", "action": "add", "document": "uploads/a.txt"},
                              ensure_ascii=False) + "\n" + '{"time": "2026-01-02T0', encoding="utf-8")
    assert [r["document"] for r in ingest.history(data)] == ["uploads/a.txt"]
    doc = ingest.add(REPORT.format(n=7).encode(), "青田县报告.txt", {}, data, _rebuilder(config, data, store))
    assert [r["document"] for r in ingest.history(data)] == ["uploads/a.txt", doc]
    assert json.loads(log.read_text(encoding="utf-8").splitlines()[-1])["document"] == doc


# 9 ------------------------------------------------------------------------------------------------

def _config_copy(tmp_path):
    config = tmp_path / "config"
    shutil.copytree(ROOT / "config", config)
    return config


def _append_to_list(path, key: str, item: str) -> int:
    """Add ``- item`` as the first entry of the top-level list ``key``; returns its line number."""
    lines = path.read_text(encoding="utf-8").splitlines()
    at = lines.index(f"{key}:") + 1
    lines.insert(at, f"  - '{item}'")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return at + 1


@pytest.mark.parametrize("file, key, pattern", [("normalize.yaml", "drop_lines", "x*"),
                                                ("documents.yaml", "plan_markers", "(?m)^"),
                                                ("documents.yaml", "problem_markers", "\\d*\\d*\\d*\\d*\\d*\\d*x")])
def test_check_refuses_patterns_that_match_empty_or_run_slow(tmp_path, file, key, pattern):
    config = _config_copy(tmp_path)
    line = _append_to_list(config / file, key, pattern)
    t = time.perf_counter()
    out = run_cli("--config", str(config), "check")
    assert time.perf_counter() - t < 60
    assert out.returncode == 1 and "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and f"{file}:{line}:" in lines[0]


@pytest.mark.parametrize("pattern, says", [("{N}|", "空字符串"), ("召开|{N}次", "每次匹配"), ("(?:{N})?次", "每次匹配"),
                                           ("会议(?:{N})?次", "每次匹配")])
def test_check_refuses_an_indicator_pattern_that_can_match_without_its_number(tmp_path, pattern, says):
    config = _config_copy(tmp_path)
    text = (config / "indicators.yaml").read_text(encoding="utf-8").rstrip("\n") + "\n"
    block = ("  - id: field_visits\n    label: 视察\n    category: 监督\n    unit: 次\n    keywords: [视察]\n"
             f"    patterns:\n      - '{pattern}'\n")
    (config / "indicators.yaml").write_text(text + block, encoding="utf-8")
    line = text.count("\n") + 7
    out = run_cli("--config", str(config), "check")
    assert out.returncode == 1 and out.stderr.strip().count("\n") == 0, out.stderr
    assert f"indicators.yaml:{line}:" in out.stderr and says in out.stderr


def test_every_config_pattern_runs_under_a_time_bound(monkeypatch):
    from extract.limits import LimitError
    from extract.patterns import bounded

    monkeypatch.setenv("DUIBIAO_REGEX_TIMEOUT_S", "0.2")
    rx = bounded(r"\d*\d*\d*\d*\d*\d*x", 0, "config/documents.yaml:57")
    t = time.perf_counter()
    with pytest.raises(LimitError, match="documents.yaml:57"):
        list(rx.finditer("1" * 3000 + " x"))
    assert time.perf_counter() - t < 10


def _alias_bomb() -> str:
    lines = ['a: &a ["哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈"]']
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("case", ["alias_bomb", "nested", "folder"])
def test_check_answers_broken_yaml_in_one_line(tmp_path, case):
    config = _config_copy(tmp_path)
    if case == "alias_bomb":
        (config / "sources.yaml").write_text(_alias_bomb(), encoding="utf-8")
        where = "sources.yaml:"
    elif case == "nested":
        (config / "sources.yaml").write_text("documents: " + "[" * 20000 + "]" * 20000 + "\n", encoding="utf-8")
        where = "sources.yaml:1:"
    else:
        (config / "practices.yaml").unlink()
        (config / "practices.yaml").mkdir()
        where = "practices.yaml:0:"
    t = time.perf_counter()
    out = run_cli("--config", str(config), "check")
    assert time.perf_counter() - t < 30
    assert out.returncode == 1 and "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and where in lines[0], lines


def test_an_alias_bomb_in_the_upload_manifest_is_refused(site):
    data, config, store = site
    (data / "uploads").mkdir()
    (data / "uploads" / "sources.yaml").write_text(_alias_bomb(), encoding="utf-8")
    before = snapshot(data, store)
    with pytest.raises(ingest.IngestError, match="别名"):
        ingest.add(REPORT.format(n=7).encode(), "青田县报告.txt", {}, data, _rebuilder(config, data, store))
    assert snapshot(data, store) == before


# 10 -----------------------------------------------------------------------------------------------

def _view(evidence: list[str]):
    from present.views import View

    data = pd.DataFrame({"region": "青田县", "level": "county", "year": 2025, "label": "代表建议", "value": 1,
                         "qualifier": "exact", "unit": "件", "evidence": evidence, "document": "uploads/a.txt",
                         "section": "一"})
    return View("ranking", "排名", "代表建议", "件", data, go.Figure(), "数据来源：=cmd|' /C calc'!A0",
                {"region": "@SUM(1+1)"})


BAD = ["=HYPERLINK(\"http://127.0.0.1:9/\",\"点击\")", "+1+1", "-2+3", "@SUM(1,1)", "\t=1", "正常的句子。"]


def test_csv_cells_that_would_be_formulas_are_defused():
    from present import exports

    back = pd.read_csv(io.BytesIO(exports.to_csv(_view(BAD))), encoding="utf-8-sig", dtype=str)
    assert list(back["原文"]) == ["'" + s for s in BAD[:5]] + [BAD[5]]


def test_xlsx_keeps_formula_like_cells_as_text():
    from present import exports

    book = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx(_view(BAD), "2026-11-24T10:00:00")))
    cells = [row[7] for row in book["数据"].iter_rows(min_row=2)]
    assert [c.value for c in cells] == BAD and all(c.data_type == "s" for c in cells)
    every = [c for ws in book for row in ws.iter_rows() for c in row]
    assert not [c for c in every if c.data_type == "f"]


def test_html_export_holds_the_chinese_as_text():
    from present import exports

    fig = go.Figure(go.Bar(x=[1], y=["青田县"]), layout={"title": {"text": "任免国家机关工作人员"}})
    html = exports.figure_html(fig).decode("utf-8")
    assert "任免国家机关工作人员" in html and "青田县" in html
    assert "\\u4efb" not in html.lower()


# 11 -----------------------------------------------------------------------------------------------

def test_an_aes_pdf_with_an_empty_user_password_is_read():
    from extract.readers import read_bytes

    source = ROOT / "tests" / "fixtures" / "000_zhejiang_2026_report.pdf"
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    assert PdfReader(io.BytesIO(out.getvalue())).is_encrypted
    assert "常务委员会" in read_bytes(out.getvalue(), "加密.pdf")  # AES needs cryptography


def test_scan_escapes_control_characters_of_file_names(tmp_path):
    path = tmp_path / "坏\x1b[31m名\x07.txt"
    path.write_bytes(b"")
    out = run_cli("scan", str(path))
    assert out.returncode == 1
    assert "\x1b" not in out.stderr and "\x07" not in out.stderr and "\\x1b[31m" in out.stderr


def test_a_killed_builds_journal_is_removed(site):
    data, config, store = site
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    leftovers = [store.with_name(f".{store.name}.{dead.pid}.tmp"), store.with_name(f".{store.name}.{dead.pid}.tmp-journal")]
    for p in leftovers:
        p.write_bytes(b"half")
    rebuild(config, data, store)
    assert not any(p.exists() for p in leftovers)
