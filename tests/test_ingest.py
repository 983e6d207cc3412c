"""Adding documents safely: every bad input refused with one Chinese line, store unchanged; duplicates,
replace, delete with a record; two uploads at once; readers during an upload."""
from __future__ import annotations

import io
import shutil
import threading
import zipfile

import docx
import pytest
from pypdf import PdfWriter

from conftest import ROOT, run_cli, site_copy, store_rows
from extract import ingest
from extract.build import rebuild

NEW_REPORT = ("青田县人民代表大会常务委员会工作报告\n——2026年1月10日在青田县第十八届人民代表大会第六次会议上\n各位代表：\n"
              "一、2025年工作回顾\n一年来，县人大常委会共召开常委会会议{n}次，建成代表联络站{s}个，办理代表建议156件。\n")


@pytest.fixture
def env(tmp_path):
    return site_copy(tmp_path)


_rows = store_rows


def _pdf(encrypt: bool = False) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if encrypt:
        writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _docx(text: str) -> bytes:
    d = docx.Document()
    d.add_paragraph(text)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\0" * (210 * 1024 * 1024))
    return out.getvalue()


BAD = {
    "empty.txt": (b"", "文件为空"),
    "random.txt": (bytes(range(256)) * 64, "二进制"),
    "utf32.txt": ("常委会工作报告".encode("utf-32-le") * 50, "不是文本文件"),
    "cut.pdf": (_pdf()[:150], "PDF"),
    "locked.pdf": (_pdf(encrypt=True), "密码"),
    "scan.pdf": (_pdf(), "扫描件"),
    "broken.docx": (b"PK\x03\x04" + b"\x00" * 100, "docx"),
    "bomb.docx": (None, "压缩炸弹"),
    "notes.exe": (b"MZ", "不支持"),
    "../../etc/passwd": (b"x", "不支持"),
}


@pytest.mark.parametrize("name", list(BAD))
def test_bad_input_is_one_clear_message_and_the_store_is_unchanged(env, name):
    data, _config, store = env
    raw, expected = BAD[name]
    raw = _zip_bomb() if raw is None else raw
    before = (store.stat().st_mtime_ns, sorted(p.name for p in data.rglob("*")))
    with pytest.raises(ingest.IngestError) as err:
        ingest.add(raw, name, {}, data, lambda: pytest.fail("no rebuild after a refused file"))
    message = str(err.value)
    assert expected in message and "\n" not in message
    assert (store.stat().st_mtime_ns, sorted(p.name for p in data.rglob("*"))) == before


def test_size_limit_is_a_setting(env, monkeypatch):
    data, _config, _store = env
    monkeypatch.setenv("DUIBIAO_MAX_UPLOAD_MB", "0.001")
    with pytest.raises(ingest.IngestError, match="文件过大"):
        ingest.add(NEW_REPORT.format(n=5, s=9).encode() * 20, "big.txt", {}, data, lambda: None)


def test_file_names_are_made_safe():
    assert ingest.safe_name("../../etc/report.txt") == "report.txt"
    assert ingest.safe_name("..\\..\\x\\报告.DOCX") == "报告.docx"
    assert ingest.safe_name("a\x00b\x1f\u202ec.txt") == "abc.txt"
    for bad in ("..", "", "\x00\x01", "/"):
        with pytest.raises(ingest.IngestError):
            ingest.safe_name(bad)


def test_add_with_corrections_duplicate_replace_delete_and_the_record(env):
    data, config, store = env
    build = lambda: rebuild(config, data, store)  # noqa: E731
    doc = ingest.add(NEW_REPORT.format(n=7, s=21).encode("gb18030"), "青田县报告.txt", {"work_year": 2025},
                     data, build)
    assert doc.startswith("uploads/") and (data / doc).exists()
    assert _rows(store, "SELECT value FROM rows WHERE document=? AND indicator='liaison_stations'", doc) == [(21,)]
    meta = _rows(store, "SELECT region, level, work_year, meta_source FROM documents WHERE document=?", doc)[0]
    assert meta[:3] == ("青田县", "county", 2025) and '"work_year": "configured"' in meta[3]
    with pytest.raises(ingest.IngestError, match="已存在"):
        ingest.add(NEW_REPORT.format(n=7, s=21).encode("gb18030"), "again.txt", {}, data, build)
    new = ingest.add(_docx(NEW_REPORT.format(n=8, s=25)), "青田县报告-修订.docx", {}, data, build, replace=doc)
    assert not (data / doc).exists()
    assert _rows(store, "SELECT value FROM rows WHERE indicator='liaison_stations' AND region='青田县'") == [(25,)]
    ingest.delete(new, data, build)
    assert _rows(store, "SELECT COUNT(*) FROM documents WHERE document LIKE 'uploads/%'") == [(0,)]
    actions = [(r["action"], r["document"]) for r in ingest.history(data)]
    assert actions == [("add", doc), ("replace", new), ("delete", new)]
    assert len(_rows(store, "SELECT * FROM documents")) == 5


def test_two_uploads_at_once_and_readers_during_them(env):
    data, config, store = env
    build = lambda: rebuild(config, data, store)  # noqa: E731
    errors, reads = [], []
    stop = threading.Event()

    def reader():
        while not stop.is_set():
            try:
                reads.append(_rows(store, "SELECT COUNT(*) FROM rows")[0][0])
            except Exception as exc:  # any failure of a reader is a bug
                errors.append(exc)

    def upload(i):
        try:
            ingest.add(NEW_REPORT.format(n=i, s=10 + i).replace("青田县", ["龙泉市", "庆元县"][i]).encode(),
                       f"r{i}.txt", {}, data, build)
        except Exception as exc:
            errors.append(exc)

    readers = [threading.Thread(target=reader) for _ in range(3)]
    writers = [threading.Thread(target=upload, args=(i,)) for i in range(2)]
    for t in readers + writers:
        t.start()
    for t in writers:
        t.join()
    stop.set()
    for t in readers:
        t.join()
    assert not errors, errors
    assert reads and min(reads) > 0
    regions = {r[0] for r in _rows(store, "SELECT region FROM documents WHERE document LIKE 'uploads/%'")}
    assert regions == {"龙泉市", "庆元县"}


def test_catastrophic_pattern_in_config_is_refused(tmp_path):
    config = tmp_path / "config"
    shutil.copytree(ROOT / "config", config)
    path = config / "normalize.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("cut_spans:\n", "cut_spans:\n  - '(a+)+b'\n", 1),
                    encoding="utf-8")
    out = run_cli("--config", str(config), "check")
    assert out.returncode == 1 and "normalize.yaml:" in out.stderr and "灾难性回溯" in out.stderr
