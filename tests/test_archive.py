"""Many reports at once: a zip with nested folders, and folders given to scan and build."""
from __future__ import annotations

import csv
import io
import zipfile
from collections import defaultdict

import pytest

from conftest import ROOT, SEEDS, run_cli, open_store
from seed_formats import docx_bytes, html_page, mhtml, zip_bytes

SEED = SEEDS / "000_d6ebec99ba972d28.txt"
TEXT = SEED.read_text(encoding="utf-8")
DOC = ROOT / "tests" / "fixtures" / "000_zhejiang_2026_report.doc"
FORMATS = {"txt": TEXT.encode("utf-8"), "html": html_page(TEXT, "gbk"), "mhtml": mhtml(html_page(TEXT, "gbk")),
           "docx": docx_bytes(TEXT), "doc": DOC.read_bytes()}


def _by_document(output: str) -> dict[str, list[dict]]:
    out = defaultdict(list)
    for r in csv.DictReader(io.StringIO(output)):
        out[r.pop("document")].append(r)
    return dict(out)


@pytest.fixture(scope="module")
def original_rows():
    out = run_cli("scan", str(SEED))
    assert out.returncode == 0, out.stderr
    return next(iter(_by_document(out.stdout).values()))


def test_a_zip_with_nested_folders_gives_each_documents_rows(tmp_path, original_rows):
    members = {"2026/浙江/report.txt": FORMATS["txt"], "2026/浙江/网页/report.html": FORMATS["html"],
               "2026/saved.mhtml": FORMATS["mhtml"], "word/新/report.docx": FORMATS["docx"],
               "word/旧/report.doc": FORMATS["doc"], "../../escape.txt": FORMATS["txt"],
               "/etc/absolute.txt": FORMATS["txt"], "tools/setup.exe": b"MZ\x90\x00", "__MACOSX/._report.txt": b"x"}
    archive = tmp_path / "报告合集.zip"
    archive.write_bytes(zip_bytes(members))
    out = run_cli("scan", str(archive))
    assert out.returncode == 1  # some members refused
    got = _by_document(out.stdout)
    assert sorted(got) == sorted(f"报告合集.zip/{m}" for m in list(members)[:5])
    for document, rows in got.items():
        assert rows == original_rows, document
    refused = dict(line.rsplit(": ", 1) for line in out.stderr.strip().split("\n"))
    assert refused.keys() == {f"{archive}/../../escape.txt", f"{archive}//etc/absolute.txt", f"{archive}/tools/setup.exe"}
    assert "路径不安全" in refused[f"{archive}/../../escape.txt"] and "不支持的文件类型" in refused[f"{archive}/tools/setup.exe"]
    assert not (tmp_path.parent / "escape.txt").exists()


def test_windows_gbk_member_names_are_decoded():
    from extract.formats.archive import members

    name = "浙江省报告.txt".encode("gbk")  # what a Chinese Windows zip writes: GBK, no UTF-8 flag
    placeholder = b"x" * (len(name) - 4) + b".txt"
    data = zip_bytes({placeholder.decode(): TEXT.encode("utf-8")}).replace(placeholder, name)
    assert not zipfile.ZipFile(io.BytesIO(data)).infolist()[0].flag_bits & 0x800
    assert [m.name for m in members(data)] == ["浙江省报告.txt"]


def test_a_zip_bomb_is_refused_whole():
    from extract.formats.archive import members
    from extract.readers import ReadError

    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("report.txt", "报告".encode() + b"\0" * 50_000_000)  # 50 MB of zeros in about 50 KB
    assert len(bomb.getvalue()) < 200_000
    with pytest.raises(ReadError, match="压缩炸弹"):
        members(bomb.getvalue())


def test_too_many_or_too_much_is_refused(monkeypatch):
    from extract.formats import archive
    from extract.readers import ReadError

    data = zip_bytes({f"r{i}.txt": FORMATS["txt"] for i in range(4)})
    monkeypatch.setenv("DUIBIAO_MAX_ZIP_FILES", "3")
    with pytest.raises(ReadError, match="文件过多"):
        archive.members(data)
    monkeypatch.delenv("DUIBIAO_MAX_ZIP_FILES")
    monkeypatch.setenv("DUIBIAO_MAX_ZIP_MB", "0.1")
    with pytest.raises(ReadError, match="解压后体积异常"):
        archive.members(data)
    monkeypatch.delenv("DUIBIAO_MAX_ZIP_MB")
    assert len(archive.members(data)) == 4


@pytest.mark.parametrize("data, reason", [(b"PK\x03\x04broken", "不是有效的 zip"), (zip_bytes({}), "没有文件"),
                                          (zip_bytes({"inner.zip": zip_bytes({"a.txt": b"x"})}), "压缩包中的压缩包")])
def test_bad_zips(data, reason):
    from extract.formats.archive import members
    from extract.readers import ReadError

    try:
        found = members(data)
    except ReadError as exc:
        assert reason in str(exc)
    else:
        assert reason in found[0].reason


def test_scan_and_build_read_nested_folders(tmp_path, original_rows):
    data = tmp_path / "data"
    for i, (fmt, raw) in enumerate(FORMATS.items()):
        path = data / f"level{i % 2}" / fmt / f"report_{fmt}.{fmt}"
        path.parent.mkdir(parents=True)
        path.write_bytes(raw)
    out = run_cli("scan", str(data))
    assert out.returncode == 0, out.stderr
    got = _by_document(out.stdout)
    assert sorted(got) == sorted(f"report_{fmt}.{fmt}" for fmt in FORMATS)
    assert all(rows == original_rows for rows in got.values())
    store = tmp_path / "store.sqlite"
    out = run_cli("--data", str(data), "build", "--store", str(store), "--jobs", "1")
    assert out.returncode == 0, out.stderr
    with open_store(store) as con:
        docs = [r[0] for r in con.execute("SELECT document FROM documents ORDER BY document")]
        counts = {d: n for d, n in con.execute("SELECT document, COUNT(*) FROM rows WHERE category != '主题' "
                                               "GROUP BY document")}
    assert docs == sorted(f"level{i % 2}/{fmt}/report_{fmt}.{fmt}" for i, fmt in enumerate(FORMATS))
    assert set(counts.values()) == {sum(r["category"] != "主题" for r in original_rows)}
