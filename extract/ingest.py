"""Adding, replacing and deleting documents of ``data/`` (what the dashboard's upload page calls).

Writers take a lock on ``data/.write.lock``, so two uploads run one after the
other; readers never wait (the store is in WAL mode and a build commits one document at a time).  Every file
write goes to a temporary file first and is renamed into place.  An uploaded
file keeps its original bytes under ``data/uploads/``; what an editor sets is
kept in ``data/uploads/sources.yaml``; every change is appended to
``data/uploads/changes.jsonl``.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import re
import unicodedata
from pathlib import Path

import yaml

from .readers import SUFFIXES, SUPPORTED, ReadError, read_bytes
from .sources import FIRST_YEAR, UPLOAD_DIR, UPLOAD_SOURCES, last_year, parse_date, parse_year

LOG = "uploads/changes.jsonl"
FIELDS = ("kind", "region", "level", "report_date", "work_year")
LEVELS = ("province", "city", "county")
STEM_BYTES = 120  # of a stored name's stem: with the hash and a temporary suffix, far below 255 bytes


class IngestError(Exception):
    """A change that cannot be made; the message is one plain Chinese line."""


def safe_name(name: str) -> str:
    """A file name that can live under data/: no folders, no control characters, a known suffix."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    base = re.sub(r"[<>:\"|?*]", "_", base).strip().lstrip(".")
    if not base or base in (".", ".."):
        raise IngestError(f"文件名无效：{name!r}")
    stem, suffix = os.path.splitext(base)
    if suffix.lower() not in SUFFIXES:
        raise IngestError(f"不支持的文件类型“{suffix or '无扩展名'}”，只支持 {SUPPORTED}")
    stem = stem.encode("utf-8")[:STEM_BYTES].decode("utf-8", "ignore").strip() or "文档"
    return stem + suffix.lower()


@contextlib.contextmanager
def writer_lock(data_dir: Path):
    """One writer at a time across processes and sessions."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir / ".write.lock", "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{os.getpid()}.{os.urandom(4).hex()}.tmp")  # short: the name may be long
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _inside(data_dir: Path, document: str) -> Path:
    path = (data_dir / document).resolve()
    if data_dir.resolve() not in path.parents:
        raise IngestError(f"文档路径无效：{document}")
    return path


def _manifest(data_dir: Path) -> list[dict]:
    path = data_dir / UPLOAD_SOURCES
    if not path.exists():
        return []
    from .config import ConfigError, load_yaml

    try:
        data = load_yaml(path)
    except ConfigError as exc:
        raise IngestError(f"请先修正 {UPLOAD_SOURCES}：{exc.problems[0]}") from None
    entries = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise IngestError(f"请先修正 {UPLOAD_SOURCES}：应含 documents 列表")
    return [dict(e) for e in entries if isinstance(e, dict)]


def _write_manifest(data_dir: Path, entries: list[dict]) -> None:
    text = ("# 由看板“上传文档”页维护：编辑在网页上为文档设定的元数据（与 config/sources.yaml 同一格式）。\n"
            + yaml.safe_dump({"documents": entries}, allow_unicode=True, sort_keys=False))
    _atomic_write(data_dir / UPLOAD_SOURCES, text.encode("utf-8"))


def _log(data_dir: Path, action: str, **fields) -> None:
    """Append one record with a single write(2) on an O_APPEND file, so that a kill leaves either the
    whole line or a torn one; a torn last line is ended first, so that it spoils no later record."""
    record = {"time": dt.datetime.now().isoformat(timespec="seconds"), "action": action, **fields}
    path = data_dir / LOG
    path.parent.mkdir(parents=True, exist_ok=True)
    line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            line = b"\n" + line
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


def history(data_dir: Path) -> list[dict]:
    """The change records; a line that is not a whole record (a write cut by a kill) is skipped."""
    path = data_dir / LOG
    if not path.exists():
        return []
    out = []
    for line in path.read_bytes().decode("utf-8", "replace").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict):
            out.append(record)
    return out


def check_file(raw: bytes, name: str, progress=None) -> tuple[str, str]:
    """(safe name, decoded text) of an upload, or an IngestError saying why not (``progress``: OCR pages)."""
    safe = safe_name(name)
    try:
        return safe, read_bytes(raw, safe, progress=progress)
    except ReadError as exc:
        raise IngestError(str(exc)) from None


def known_hashes(data_dir: Path) -> dict[str, str]:
    """sha256 → document id of every supported file under data/ (duplicates are refused)."""
    out = {}
    for path in sorted(data_dir.rglob("*")):
        if path.is_file() and path.suffix.lower() in SUFFIXES and not path.name.startswith("."):
            out.setdefault(hashlib.sha256(path.read_bytes()).hexdigest(),
                           path.relative_to(data_dir).as_posix())
    return out


def clean_overrides(overrides: dict, gaz=None, kinds: tuple[str, ...] = ()) -> dict:
    """What an editor set, checked and in the form sources.yaml holds, or an IngestError saying why not.

    Dates are accepted as people type them (2026年1月10日, 2026-1-10, 2026.01.10); the region is
    checked against the gazetteer when one is given, the kind against ``kinds`` when given.
    """
    out = {}
    for key in FIELDS:
        value = overrides.get(key)
        if value is None or not str(value).strip():
            continue
        value = str(value).strip()
        if key == "work_year":
            out[key] = parse_year(value)
            if out[key] is None:
                raise IngestError(f"工作年度“{value}”无效：应为 {FIRST_YEAR}–{last_year()} 之间的四位年份，如 2025")
        elif key == "report_date":
            out[key] = parse_date(value)
            if out[key] is None:
                raise IngestError(f"报告日期“{value}”无效：应为 {FIRST_YEAR}–{last_year()} 年间的真实日期，"
                                  "如 2026年1月10日、2026-1-10 或 2026.01.10")
        elif key == "level" and value not in LEVELS:
            raise IngestError(f"层级“{value}”无效")
        elif key == "kind" and kinds and value not in kinds:
            raise IngestError(f"文档类型“{value}”无效")
        elif key == "region" and (len(value) > 40 or (gaz is not None and not gaz.lookup(value))):
            raise IngestError(f"地名录中没有“{value[:40]}”，请填写地区全称（如 青田县）。")
        else:
            out[key] = value
    return out


@contextlib.contextmanager
def _undo_on_failure(data_dir: Path, paths: list[Path]):
    """Put ``paths`` back as they were when the block fails (a refused rebuild included): a refusal
    leaves data/ as it found it."""
    saved = {p: (p.read_bytes() if p.exists() else None) for p in paths}
    try:
        yield
    except BaseException as exc:
        for path, content in saved.items():
            if content is None:
                path.unlink(missing_ok=True)
            elif not path.exists() or path.read_bytes() != content:
                _atomic_write(path, content)
        if isinstance(exc, IngestError):
            raise
        if not isinstance(exc, Exception):
            raise
        raise IngestError(f"未能保存，数据未改动（{reason(exc)}）") from exc


def reason(exc: Exception) -> str:
    """One line for a failure: an IngestError's own, config problems their first place, others their kind."""
    if isinstance(exc, IngestError):
        return str(exc)
    problems = getattr(exc, "problems", None)
    if problems:
        return f"配置或元数据有误：{problems[0]}" + (f" 等 {len(problems)} 处" if len(problems) > 1 else "")
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text[:120]}" if text else type(exc).__name__


def add(raw: bytes, name: str, overrides: dict, data_dir: Path, rebuild, replace: str | None = None) -> str:
    """Save an upload under data/uploads/ with the metadata an editor set, then rebuild.

    ``rebuild`` is called inside the writer lock (the caller decides how the
    store is built); ``replace`` names a document that the upload takes the place of.
    Returns the new document id.
    """
    safe, _text = check_file(raw, name)
    meta = clean_overrides(overrides)
    sha = hashlib.sha256(raw).hexdigest()
    replace = file_of(replace) if replace else replace
    with writer_lock(data_dir):
        known = known_hashes(data_dir)
        if sha in known and known[sha] != replace:
            raise IngestError(f"该文件已存在（文档 {known[sha]}），未重复添加")
        # The whole hash makes the name unique: the same bytes are never stored twice.
        document = f"{UPLOAD_DIR}/{sha}_{safe}"
        target = _inside(data_dir, document)
        touched = [target, data_dir / UPLOAD_SOURCES] + ([_inside(data_dir, replace)] if replace else [])
        with _undo_on_failure(data_dir, touched):
            entries = [e for e in _manifest(data_dir) if e.get("file") not in (document, replace)]
            _atomic_write(target, raw)
            if meta:
                entries.append({"file": document, **meta})
            if replace and replace != document:
                _remove_file(data_dir, replace)
            _write_manifest(data_dir, entries)
            rebuild()
        _log(data_dir, "replace" if replace else "add", document=document, file_name=name, sha256=sha,
             replaced=replace, metadata=meta)
    return document


def _remove_file(data_dir: Path, document: str) -> None:
    path = _inside(data_dir, document)
    if not path.exists():
        raise IngestError(f"文档不存在：{document}")
    path.unlink()


def file_of(document: str) -> str:
    """The file a document comes from: ``uploads/a.txt#2`` (one report of a compilation) → ``uploads/a.txt``."""
    return re.sub(r"#\d+$", "", document)


def delete(document: str, data_dir: Path, rebuild) -> None:
    """Remove a document's file and its metadata, keep a record, rebuild.

    A report split out of a compilation (``a.txt#2``) removes the whole file."""
    document = file_of(document)
    with writer_lock(data_dir):
        path = _inside(data_dir, document)
        sha = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None
        with _undo_on_failure(data_dir, [path, data_dir / UPLOAD_SOURCES]):
            entries = [e for e in _manifest(data_dir) if e.get("file") != document]
            _remove_file(data_dir, document)
            _write_manifest(data_dir, entries)
            rebuild()
        _log(data_dir, "delete", document=document, sha256=sha)


def add_many(files: list[tuple[bytes, str]], data_dir: Path, rebuild) -> list[tuple[str, str | None, str | None]]:
    """Save several uploads with their detected metadata, then rebuild once, all under one lock.

    Returns (name, document or None, reason or None) per file: a duplicate or unreadable file
    is left out and the others are saved; when the rebuild fails, none is (data/ as it was).
    """
    results, todo = [], []
    with writer_lock(data_dir):
        known = known_hashes(data_dir)
        for raw, name in files:
            try:
                safe, _text = check_file(raw, name)
            except IngestError as exc:
                results.append((name, None, str(exc)))
                continue
            sha = hashlib.sha256(raw).hexdigest()
            if sha in known:
                results.append((name, None, f"该文件已存在（文档 {known[sha]}），未重复添加"))
                continue
            known[sha] = document = f"{UPLOAD_DIR}/{sha}_{safe}"
            todo.append((raw, name, sha, document))
            results.append((name, document, None))
        if not todo:
            return results
        with _undo_on_failure(data_dir, [_inside(data_dir, doc) for *_x, doc in todo]):
            for raw, _name, _sha, document in todo:
                _atomic_write(_inside(data_dir, document), raw)
            rebuild()
        for _raw, name, sha, document in todo:
            _log(data_dir, "add", document=document, file_name=name, sha256=sha, replaced=None, metadata={})
    return results
