"""The store the dashboard reads: one SQLite file under ``data/``.

A build writes a complete new database beside the old one and swaps it in with
``os.replace``, so a crash mid-build leaves the previous store whole.  A
document whose bytes, config and code are unchanged since the last build is
copied from the old store instead of being extracted again.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import os
import sqlite3
import sys
from pathlib import Path

from .rows import COLUMNS

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
STORE_PATH = DATA_DIR / "duibiao.sqlite"


def _code_version() -> str:
    """Changes whenever the extraction code changes, so that a build never reuses stale results."""
    h = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parent.rglob("*.py")):  # formats/ too
        h.update(path.read_bytes())
    return "0.3-" + h.hexdigest()[:12]


CODE_VERSION = _code_version()

# Per-document tables: each row carries its ``document``.
DOC_TABLES: dict[str, tuple[str, ...]] = {
    "documents": ("document", "file", "sha256", "kind", "region", "level", "report_date", "work_year",
                  "title", "meta_source", "text", "raw", "config_key", "extracted_at"),
    "sections": ("document", "idx", "title", "start", "end", "region", "level", "year", "plan", "theme"),
    "rows": COLUMNS,
    "practices": ("document", "section", "region", "level", "year", "theme", "name", "key", "kind",
                  "evidence", "start", "end"),
    "mentions": ("document", "region", "year", "indicator", "start", "end"),
    "terms": ("document", "region", "year", "term", "weight", "rank"),
    "laws": ("document", "region", "year", "part", "stem", "name", "action", "evidence", "start", "end"),
    "problems": ("document", "region", "year", "text", "start", "end"),
    "figures": ("document", "section", "region", "level", "year", "theme", "value", "qualifier", "unit", "noun",
                "type", "type_label", "indicator", "clause", "evidence", "start", "end"),
}
# Tables computed across documents at every build.
CROSS_TABLES: dict[str, tuple[str, ...]] = {
    "headline": ("region", "level", "year", "indicator", "label", "category", "unit", "value", "qualifier",
                 "document", "section", "evidence", "start", "end", "ocr"),
    "changes": ("region", "year_from", "year_to", "indicator", "label", "category", "unit", "value_from",
                "value_to", "qualifier_from", "qualifier_to", "delta", "pct", "direction", "document_from",
                "document_to"),
    "practice_changes": ("region", "year_from", "year_to", "key", "name", "status", "evidence_from",
                         "evidence_to"),
    "plan_status": ("region", "plan_document", "plan_year", "law", "stem", "action", "plan_evidence",
                    "later_document", "later_year", "status", "status_label", "later_evidence"),
    "failures": ("file", "reason"),
    "builds": ("built_at", "config_hash", "code_version", "documents", "rows", "extracted", "reused"),
}
INDEXES = ("CREATE INDEX headline_by_indicator ON headline(indicator, year)",
           "CREATE INDEX rows_by_indicator ON rows(indicator, region, year)",
           "CREATE INDEX rows_by_document ON rows(document)",
           "CREATE INDEX practices_by_region ON practices(region, year)")


def _create(con: sqlite3.Connection) -> None:
    for name, cols in {**DOC_TABLES, **CROSS_TABLES}.items():
        con.execute(f'CREATE TABLE {name} ({", ".join(chr(34) + c + chr(34) for c in cols)})')
    for sql in INDEXES:
        con.execute(sql)


def config_hash(config_dir: Path) -> str:
    """Hash of the config that every document depends on (sources.yaml is per document: see ``config_key``)."""
    h = hashlib.sha256()
    for path in sorted(Path(config_dir).glob("*.yaml")):
        if path.name != "sources.yaml":
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def config_key(base: str, source) -> str:
    """What one document's extraction depends on: the shared config and its own sources entry."""
    import dataclasses

    entry = json.dumps(dataclasses.asdict(source) if source else {}, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(f"{base}|{CODE_VERSION}|{entry}".encode()).hexdigest()[:16]


def extraction_tables(ex, file: str, raw: bytes, key: str = "") -> dict[str, list[dict]]:
    """One document's extraction as rows of the per-document tables."""
    m = ex.meta
    doc = {"document": ex.document, "file": file, "sha256": hashlib.sha256(raw).hexdigest(), "kind": m.kind,
           "region": m.region, "level": m.level, "report_date": m.report_date, "work_year": m.work_year,
           "title": m.title, "meta_source": json.dumps(m.source, ensure_ascii=False), "text": ex.text,
           "raw": raw, "config_key": key, "extracted_at": now()}
    sections = [{"document": ex.document, "idx": s.index, "title": s.title, "start": s.start, "end": s.end,
                 "region": s.region, "level": s.level, "year": s.year, "plan": int(s.plan), "theme": s.theme}
                for s in ex.sections]
    return {"documents": [doc], "sections": sections, "rows": [r.as_dict() for r in ex.rows],
            "practices": ex.practices, "mentions": ex.mentions, "terms": ex.terms, "laws": ex.laws,
            "problems": ex.problems, "figures": ex.figures}


def reusable(path: Path) -> dict[str, tuple[str, str]]:
    """document → (sha256, config key) of the old store's documents."""
    if not Path(path).exists():
        return {}
    try:
        con = connect(path)
        try:
            return {r[0]: (r[1], r[2]) for r in con.execute("SELECT document, sha256, config_key FROM documents")}
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return {}


def load_document_tables(path: Path, documents: list[str]) -> dict[str, dict[str, list[dict]]]:
    """The per-document tables of some documents, read back from an old store."""
    out: dict[str, dict[str, list[dict]]] = {d: {t: [] for t in DOC_TABLES} for d in documents}
    if not documents:
        return out
    con = connect(path)
    try:
        marks = ",".join("?" * len(documents))
        for table in DOC_TABLES:
            for r in con.execute(f"SELECT * FROM {table} WHERE document IN ({marks})", documents):
                out[r["document"]][table].append(dict(r))
    finally:
        con.close()
    return out


def write_store(path: Path, per_document: list[dict[str, list[dict]]], cross: dict[str, list[dict]],
                build: dict) -> None:
    """Write a whole store atomically from per-document tables and cross-document tables."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        _create(con)
        for tables in per_document:
            for name, cols in DOC_TABLES.items():
                _insert(con, name, cols, tables.get(name, []))
        for name, cols in CROSS_TABLES.items():
            _insert(con, name, cols, cross.get(name, []))
        _insert(con, "builds", CROSS_TABLES["builds"], [build])
        con.commit()
    finally:
        con.close()
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _storable(value) -> bool:
    """The last guard: a number SQLite keeps exactly (finite, within ±2**53); extraction refuses far less."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return True
    return math.isfinite(value) and abs(value) <= 2 ** 53


def _insert(con: sqlite3.Connection, name: str, cols: tuple[str, ...], rows: list[dict]) -> None:
    values = [tuple(r.get(c) for c in cols) for r in rows]
    kept = [v for v in values if all(map(_storable, v))]
    if len(kept) < len(values):
        print(f"{name}: {len(values) - len(kept)} 行的数值超出可存储范围，未写入", file=sys.stderr)
    if kept:
        con.executemany(f"INSERT INTO {name} VALUES ({','.join('?' * len(cols))})", kept)


def now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def _remove_stale_temporaries(path: Path) -> None:
    """Delete half-written stores (and their SQLite ``-journal``) left by builds that were killed."""
    for tmp in path.parent.glob(f".{path.name}.*.tmp*"):
        try:
            pid = int(tmp.name.rsplit(".", 2)[-2])
            os.kill(pid, 0)  # still running: leave it alone
        except ProcessLookupError:
            tmp.unlink(missing_ok=True)
        except (ValueError, PermissionError):
            pass


def connect(path: Path = STORE_PATH) -> sqlite3.Connection:
    """Open the store read-only."""
    con = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    return con


def query(path: Path, sql: str, params: tuple = ()) -> list[dict]:
    con = connect(path)
    try:
        return [dict(r) for r in con.execute(sql, params)]
    finally:
        con.close()
