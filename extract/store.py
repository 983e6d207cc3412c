"""The store the dashboard reads: one SQLite file under ``data/``.

A build writes a complete new database beside the old one and swaps it in with
``os.replace``, so a crash mid-build leaves the previous store whole.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
from pathlib import Path

from .pipeline import Extraction
from .rows import COLUMNS

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
STORE_PATH = DATA_DIR / "duibiao.sqlite"
CODE_VERSION = "0.2"

SCHEMA = f"""
CREATE TABLE documents (
  document TEXT PRIMARY KEY, file TEXT, sha256 TEXT, kind TEXT, region TEXT, level TEXT,
  report_date TEXT, work_year INTEGER, title TEXT, meta_source TEXT, text TEXT);
CREATE TABLE sections (
  document TEXT, idx INTEGER, title TEXT, start INTEGER, "end" INTEGER, region TEXT,
  level TEXT, year INTEGER, plan INTEGER, theme TEXT, PRIMARY KEY (document, idx));
CREATE TABLE rows ({", ".join(f'"{c}"' for c in COLUMNS)});
CREATE INDEX rows_by_indicator ON rows(indicator, region, year);
CREATE TABLE failures (file TEXT, reason TEXT);
CREATE TABLE builds (built_at TEXT, config_hash TEXT, code_version TEXT, documents INTEGER, rows INTEGER);
"""


def config_hash(config_dir: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(Path(config_dir).glob("*.yaml")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def write_store(path: Path, extractions: list[tuple[Extraction, str, bytes]],
                failures: list[tuple[str, str]], config_digest: str) -> None:
    """Write a whole store atomically. ``extractions`` holds (extraction, file, raw bytes)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.executescript(SCHEMA)
        n_rows = 0
        for ex, file, raw in extractions:
            m = ex.meta
            con.execute("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                        (ex.document, file, hashlib.sha256(raw).hexdigest(), m.kind, m.region, m.level,
                         m.report_date, m.work_year, m.title, json.dumps(m.source, ensure_ascii=False), ex.text))
            con.executemany("INSERT INTO sections VALUES (?,?,?,?,?,?,?,?,?,?)",
                            [(ex.document, s.index, s.title, s.start, s.end, s.region, s.level, s.year,
                              int(s.plan), s.theme) for s in ex.sections])
            con.executemany(f"INSERT INTO rows VALUES ({','.join('?' * len(COLUMNS))})",
                            [tuple(r.as_dict()[c] for c in COLUMNS) for r in ex.rows])
            n_rows += len(ex.rows)
        con.executemany("INSERT INTO failures VALUES (?,?)", failures)
        con.execute("INSERT INTO builds VALUES (?,?,?,?,?)",
                    (dt.datetime.now().isoformat(timespec="seconds"), config_digest, CODE_VERSION,
                     len(extractions), n_rows))
        con.commit()
    finally:
        con.close()
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _remove_stale_temporaries(path: Path) -> None:
    """Delete half-written stores left by builds that were killed."""
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
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
