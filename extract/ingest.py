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

from .readers import SUFFIXES, ReadError, read_bytes
from .sources import UPLOAD_DIR, UPLOAD_SOURCES

LOG = "uploads/changes.jsonl"
FIELDS = ("kind", "region", "level", "report_date", "work_year")


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
        raise IngestError(f"不支持的文件类型“{suffix or '无扩展名'}”，只支持 txt、docx、pdf")
    return stem[:80] + suffix.lower()


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
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
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
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("documents") or []


def _write_manifest(data_dir: Path, entries: list[dict]) -> None:
    text = ("# 由看板“上传文档”页维护：编辑在网页上为文档设定的元数据（与 config/sources.yaml 同一格式）。\n"
            + yaml.safe_dump({"documents": entries}, allow_unicode=True, sort_keys=False))
    _atomic_write(data_dir / UPLOAD_SOURCES, text.encode("utf-8"))


def _log(data_dir: Path, action: str, **fields) -> None:
    record = {"time": dt.datetime.now().isoformat(timespec="seconds"), "action": action, **fields}
    path = data_dir / LOG
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def history(data_dir: Path) -> list[dict]:
    path = data_dir / LOG
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def check_file(raw: bytes, name: str) -> tuple[str, str]:
    """(safe name, decoded text) of an upload, or an IngestError saying why not."""
    safe = safe_name(name)
    try:
        return safe, read_bytes(raw, safe)
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


def _clean_overrides(overrides: dict) -> dict:
    out = {}
    for key in FIELDS:
        value = overrides.get(key)
        if value in (None, ""):
            continue
        out[key] = int(value) if key == "work_year" else str(value)
    return out


def add(raw: bytes, name: str, overrides: dict, data_dir: Path, rebuild, replace: str | None = None) -> str:
    """Save an upload under data/uploads/ with the metadata an editor set, then rebuild.

    ``rebuild`` is called inside the writer lock (the caller decides how the
    store is built); ``replace`` names a document that the upload takes the place of.
    Returns the new document id.
    """
    safe, _text = check_file(raw, name)
    sha = hashlib.sha256(raw).hexdigest()
    with writer_lock(data_dir):
        known = known_hashes(data_dir)
        if sha in known and known[sha] != replace:
            raise IngestError(f"该文件已存在（文档 {known[sha]}），未重复添加")
        document = f"{UPLOAD_DIR}/{sha[:8]}_{safe}"
        _atomic_write(_inside(data_dir, document), raw)
        entries = [e for e in _manifest(data_dir) if e.get("file") not in (document, replace)]
        meta = _clean_overrides(overrides)
        if meta:
            entries.append({"file": document, **meta})
        if replace and replace != document:
            _remove_file(data_dir, replace)
        _write_manifest(data_dir, entries)
        _log(data_dir, "replace" if replace else "add", document=document, file_name=name, sha256=sha,
             replaced=replace, metadata=meta)
        rebuild()
    return document


def _remove_file(data_dir: Path, document: str) -> None:
    path = _inside(data_dir, document)
    if not path.exists():
        raise IngestError(f"文档不存在：{document}")
    path.unlink()


def delete(document: str, data_dir: Path, rebuild) -> None:
    """Remove a document's file and its metadata, keep a record, rebuild."""
    with writer_lock(data_dir):
        path = _inside(data_dir, document)
        sha = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None
        _remove_file(data_dir, document)
        entries = [e for e in _manifest(data_dir) if e.get("file") != document]
        _write_manifest(data_dir, entries)
        _log(data_dir, "delete", document=document, sha256=sha)
        rebuild()
