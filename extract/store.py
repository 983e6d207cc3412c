"""The store the dashboard reads: one SQLite file under ``data/``, in WAL mode.

Writing is incremental: each added, changed or deleted document is written in
its own transaction (its old rows deleted, its new rows inserted), so a reader
never sees half a document and a build killed at any point leaves the last
committed state.  Nothing of the other documents is read or rewritten.  The
cross-document tables (headline values, changes, plans against delivery) are
recomputed only for the regions a written document touched: the document's
transaction queues them in ``pending_regions`` and each region is then
refreshed in its own transaction, so a kill between the two is repaired by the
next build.

Labels and categories of indicators are not stored with the rows: the table
``indicators`` is rewritten from the config at each build and the views
``rows``, ``headline`` and ``changes`` join them in at read time.

Reading API: ``connect(path)`` (read-only connection, rows as ``sqlite3.Row``),
``generation(path)`` (changes with every commit: a cache key),
``document_text(con, document)`` and ``document_raw(con, document)``.
"""
from __future__ import annotations

import datetime as dt
import bz2
import re
import hashlib
import json
import math
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from .rows import COLUMNS

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
STORE_PATH = DATA_DIR / "duibiao.sqlite"
SCHEMA_VERSION = "9"
# Modules whose code decides what is extracted (the writers and readers of the store are not among them).
_NOT_EXTRACTION = {"store.py", "build.py", "cli.py", "__main__.py", "ingest.py", "compare.py", "cross.py", "__init__.py"}


def _code_version(names=None) -> str:
    """Changes whenever the extraction code changes, so that a build never reuses stale results."""
    h = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for path in sorted(here.rglob("*.py")):  # formats/ too
        name = path.relative_to(here).as_posix()
        if (name in names) if names else (name not in _NOT_EXTRACTION):
            h.update(path.read_bytes())
    return h.hexdigest()[:12]


CODE_VERSION = "0.4-" + _code_version()
CROSS_VERSION = _code_version({"compare.py", "plans.py", "cross.py"})  # the code of the cross-document tables


@dataclass(frozen=True)
class Table:
    """A per-document table: written by one extraction stage, every row carries its ``document``.

    ``output`` names the list of the extraction that fills it (default: the table's name);
    ``owns`` selects the stage's rows when two stages share a table.
    """

    name: str
    stage: str  # base | counts | practices | themes  (see extract/stages.py)
    columns: tuple[str, ...]
    output: str = ""
    owns: str = ""
    ids: bool = False  # rows get a never-reused ``id`` that cross-document tables point at
    key: tuple[str, ...] = ()  # a primary key starting with ``document``: rows clustered by document, no index
    view: str = ""  # the view that shows the rows as extraction gave them (the table stores them smaller)
    packed: tuple[str, ...] = ()  # columns kept as one JSON list ``spans`` per value of the other columns

    @property
    def stored(self) -> tuple[str, ...]:
        """The stored columns: the evidence sentence as ``ev_start``/``ev_end``; packed columns as ``spans``."""
        if self.packed:
            return tuple(c for c in self.columns if c not in self.packed) + ("spans",)
        return self.columns + (("ev_start", "ev_end") if self.view and "evidence" in self.columns else ())

    def view_sql(self) -> str:
        if self.packed:
            rest = ", ".join(f't."{c}"' for c in self.columns if c not in self.packed)
            spans = ", ".join(f"json_extract(j.value, '$[{i}]') AS \"{c}\"" for i, c in enumerate(self.packed))
            return f"CREATE VIEW {self.view} AS SELECT {rest}, {spans} FROM {self.name} t, json_each(t.spans) j;"
        shown = ", ".join(EVIDENCE.format(p="t.") + " AS evidence" if c == "evidence" else
                          SECTION.format(p="t.") + " AS section" if c == "section" else f't."{c}"'
                          for c in ("id",) * self.ids + self.columns)
        return f"CREATE VIEW {self.view} AS SELECT {shown} FROM {self.name} t;"

    def storable_rows(self, rows: list[dict], text: str, sections: dict[str, int]) -> list[dict]:
        """Rows as stored: evidence as offsets into ``text``, section titles as indexes (``sections``)."""
        if self.packed:
            return _packed(rows, [c for c in self.columns if c not in self.packed], self.packed)
        if self.view and "evidence" in self.columns:
            rows = [_with_offsets(r, text) for r in rows]
        if self.view and "section" in self.columns:
            rows = [{**r, "section": sections.get(r.get("section"), r.get("section"))} for r in rows]
        return rows

    @property
    def source(self) -> str:
        return self.output or self.name


ROW_COLUMNS = tuple(c for c in COLUMNS if c not in ("label", "category")) + ("region_code",)
# Adding a per-document table is one line here (and the stage filling the list of that name).
DOC_TABLES: tuple[Table, ...] = (
    Table("sections", "base", ("document", "idx", "title", "start", "end", "region", "level", "year", "plan",
                               "theme", "region_code")),
    Table("law_values", "base", ("document", "region", "year", "part", "stem", "name", "action", "evidence",
                                 "start", "end", "region_code"), "laws", ids=True, view="laws"),
    Table("problems", "base", ("document", "region", "year", "text", "start", "end", "region_code")),
    Table("rejected", "base", ("document", "field", "value", "evidence")),
    Table("figure_values", "practices", ("document", "section", "region", "level", "year", "theme", "value",
                                         "qualifier", "unit", "noun", "type", "type_label", "indicator", "clause",
                                         "evidence", "start", "end", "region_code"), "figures", view="figures"),
    Table("row_values", "counts", ROW_COLUMNS, "rows", "indicator NOT LIKE 'theme:%'", view="rows"),
    Table("row_values", "themes", ROW_COLUMNS, "theme_rows", "indicator LIKE 'theme:%'", view="rows"),
    Table("practice_values", "practices", ("document", "section", "region", "level", "year", "theme", "name", "key",
                                           "kind", "evidence", "start", "end", "region_code"), "practices", ids=True,
          view="practices"),
    # region and year of a mention are its section's: the store keeps a document's offsets per theme
    Table("mention_spans", "themes", ("document", "indicator", "start", "end"), "mentions",
          key=("document", "indicator"), view="mentions", packed=("start", "end")),
    Table("terms", "themes", ("document", "region", "year", "term", "weight", "rank", "region_code")),
)
STAGES = ("base", "counts", "practices", "themes")
# ``source`` is the file's id under data/ (a file of several reports gives several documents, name#1…);
# ``state`` is the base stage as compressed JSON (metadata and sections), from which the other stages re-run.
DOCUMENT_COLUMNS = ("document", "source", "file", "sha256", "size", "mtime_ns", "kind", "region", "region_code",
                    "level", "report_date", "work_year", "title", "meta_source", "chars", "ocr", "state",
                    "extracted_at") + tuple(f"key_{s}" for s in STAGES)
# What a build reads of every document to decide what to do: a covering index, so that the check reads
# neither the documents' metadata nor their state.
KNOWN_COLUMNS = ("document", "source", "sha256", "size", "mtime_ns") + tuple(f"key_{s}" for s in STAGES)
# Columns of each output list (``scan --table`` prints them).
OUTPUT_COLUMNS = {t.source: t.columns for t in DOC_TABLES} | {"rows": COLUMNS, "mentions": (
    "document", "region", "year", "indicator", "start", "end", "region_code")}
# The stored evidence: NULL when the sentence is text[ev_start:ev_end] of the document (nearly always).
EVIDENCE = "coalesce({p}evidence, evidence_text({p}document, {p}ev_start, {p}ev_end))"
# The stored section: the index of the document's section of that title (an integer), else the title itself
# (全文 for a report that is not split).  A title is kept once per section, not once per row.
SECTION = ("CASE WHEN typeof({p}section) = 'integer' THEN (SELECT title FROM sections s WHERE s.document = "
           "{p}document AND s.idx = {p}section) ELSE {p}section END")

_SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;
CREATE TABLE documents ({", ".join(f'"{c}"' for c in DOCUMENT_COLUMNS)}, PRIMARY KEY (document));
CREATE INDEX documents_by_region ON documents(region_code, work_year);
CREATE INDEX documents_by_source ON documents(source);
-- what a build reads of every document to decide what to do: a covering index (no metadata, no state read)
CREATE INDEX documents_known ON documents({", ".join(KNOWN_COLUMNS)});
CREATE TABLE texts (document TEXT PRIMARY KEY, text BLOB);
CREATE TABLE row_values (id INTEGER PRIMARY KEY AUTOINCREMENT, {", ".join(f'"{c}"' for c in ROW_COLUMNS)},
                         ev_start INTEGER, ev_end INTEGER);
CREATE INDEX rows_by_document ON row_values(document);
CREATE INDEX rows_by_indicator ON row_values(indicator, region, year);
CREATE INDEX rows_total_by_region ON row_values(region_code) WHERE scope = 'total';
CREATE INDEX sections_by_region ON sections(region, level) WHERE plan = 0;
-- a county's figures and a year's problems, by the region the pages ask for
CREATE INDEX figures_by_region ON figure_values(region);
CREATE INDEX problems_by_region ON problems(region, year);
-- a region's latest documents, newest first, without reading its (possibly thousands of) sections
CREATE INDEX sections_latest ON sections(region, year, document) WHERE plan = 0;
CREATE INDEX practices_by_region ON practice_values(region, year);
CREATE INDEX practices_by_code ON practice_values(region_code, year);
CREATE INDEX practices_by_theme ON practice_values(theme);
CREATE INDEX practices_by_level ON practice_values(level, year);  -- 做法库 over a level
CREATE INDEX terms_by_region ON terms(region, year);
CREATE TABLE indicators (indicator TEXT PRIMARY KEY, label, category) WITHOUT ROWID;
CREATE TABLE regions (code TEXT PRIMARY KEY, name, level, province, display) WITHOUT ROWID;
CREATE TABLE headline_values (region, region_code, level, year, indicator, row_id INTEGER);
-- a region's rows by division code: the cross refresh replaces them region by region (and a region's value of one
-- indicator in one year is one lookup)
CREATE INDEX headline_by_code_year ON headline_values(region_code, year, indicator);
CREATE INDEX headline_by_indicator ON headline_values(indicator, year);
CREATE INDEX headline_by_region ON headline_values(region, year);
CREATE INDEX headline_by_year ON headline_values(year);
-- What the shared filters offer, kept per region by the cross refresh (small: read whole by every page)
-- latest_row: the row of the region's latest value (its undated one where it has no dated one): what a
-- ranking of the latest values reads, one lookup by row id per region
CREATE TABLE region_indicators (region_code, region, level, indicator, n INTEGER, latest INTEGER, undated INTEGER,
                                latest_row INTEGER);
CREATE INDEX region_indicators_by_code ON region_indicators(region_code);
CREATE INDEX region_indicators_by_indicator ON region_indicators(indicator, level);
CREATE TABLE region_years (region_code, region, level, year INTEGER);
CREATE INDEX region_years_by_code ON region_years(region_code);
-- how many report sections (not plans) speak for each region: who could have a value, without reading sections
CREATE TABLE region_sections (region_code, region, level, n INTEGER);
CREATE INDEX region_sections_by_code ON region_sections(region_code);
-- The cross tables keep a region's division code, not its name: the views take the name from regions, read
-- first (CROSS JOIN), so that a page's condition on the name finds the rows by the index of codes
CREATE TABLE change_values (region_code, year_from, year_to, indicator, unit, value_from, value_to, qualifier_from,
                            qualifier_to, delta, pct, direction, document_from, document_to);
CREATE INDEX changes_by_code ON change_values(region_code, year_to);
CREATE TABLE practice_change_values (region_code, year_from, year_to, key, status, id_from INTEGER, id_to INTEGER);
CREATE INDEX practice_changes_by_code ON practice_change_values(region_code, year_to);
CREATE TABLE plan_status_values (region_code, plan_document, plan_year, law_id INTEGER, later_document, later_year,
                                 status, status_label, later_law_id INTEGER);
CREATE INDEX plan_status_by_code ON plan_status_values(region_code);
CREATE TABLE pending_regions (region_code TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE failures (file, reason);
CREATE TABLE builds (built_at, config_hash, code_version, documents, rows, extracted, reused);
CREATE VIEW rows AS SELECT r.document, {SECTION.format(p="r.")} AS section, r.region, r.level, r.year, r.indicator,
    coalesce(i.label, r.indicator) AS label, coalesce(i.category, '') AS category, r.value, r.qualifier, r.unit,
    r.scope, {EVIDENCE.format(p="r.")} AS evidence, r.start, r."end", r.period, r.ocr, r.region_code
    FROM row_values r LEFT JOIN indicators i ON i.indicator = r.indicator;
CREATE VIEW headline AS SELECT h.region, h.region_code, r.level, h.year, h.indicator, coalesce(i.label, h.indicator) AS label,
    coalesce(i.category, '') AS category, r.unit, r.value, r.qualifier, r.document, {SECTION.format(p="r.")} AS section,
    {EVIDENCE.format(p="r.")} AS evidence, r.start, r."end", r.ocr
    FROM headline_values h JOIN row_values r ON r.id = h.row_id LEFT JOIN indicators i ON i.indicator = h.indicator;
CREATE VIEW changes AS SELECT g.display AS region, c.region_code, c.year_from, c.year_to, c.indicator,
    coalesce(i.label, c.indicator) AS label, coalesce(i.category, '') AS category, c.unit, c.value_from, c.value_to,
    c.qualifier_from, c.qualifier_to, c.delta, c.pct, c.direction, c.document_from, c.document_to
    FROM regions g CROSS JOIN change_values c ON c.region_code = g.code LEFT JOIN indicators i ON i.indicator = c.indicator;
CREATE VIEW practice_changes AS SELECT g.display AS region, c.region_code, c.year_from, c.year_to, c.key,
    coalesce(b.name, a.name) AS name, c.status, a.evidence AS evidence_from, b.evidence AS evidence_to
    FROM regions g CROSS JOIN practice_change_values c ON c.region_code = g.code LEFT JOIN practices a ON a.id = c.id_from
    LEFT JOIN practices b ON b.id = c.id_to;
CREATE VIEW plan_status AS SELECT g.display AS region, p.region_code, p.plan_document, p.plan_year, l.name AS law, l.stem,
    l.action, l.evidence AS plan_evidence, p.later_document, p.later_year, p.status, p.status_label,
    k.evidence AS later_evidence
    FROM regions g CROSS JOIN plan_status_values p ON p.region_code = g.code JOIN laws l ON l.id = p.law_id
    LEFT JOIN laws k ON k.id = p.later_law_id;
"""


# The schema's statements, comments left out (the indexes, cross tables and views are looked up by name)
_STATEMENTS = [x for x in ("\n".join(ln for ln in part.splitlines() if not ln.strip().startswith("--")).strip()
                           for part in _SCHEMA.split(";")) if x]
# Every index of the schema (a build makes those a store lacks: an index changes no row, so a store of
# this schema written before an index existed is kept).  Writing a document needs those by document, by
# source and the build's covering index; the others only readers and the cross refresh use: a bulk
# build drops them first and makes them again before the cross refresh.
SCHEMA_INDEXES = {m.group(1): x for x in _STATEMENTS if (m := re.match(r"CREATE INDEX (\w+) ON", x))}
READER_INDEXES = {name: sql for name, sql in SCHEMA_INDEXES.items()
                  if name not in ("rows_by_document", "documents_by_source", "documents_known")}
# Indexes of earlier releases that no query uses any more (found by EXPLAIN QUERY PLAN over every statement
# the pages, exports and builds run): a build drops them from a store that has them.
RETIRED_INDEXES = ("sections_by_code", "documents_by_name", "regions_by_name", "headline_by_code")


# Tables the cross refresh fills, region by region, from the per-document tables
CROSS_TABLES = ("headline_values", "region_indicators", "region_years", "region_sections", "change_values",
                "practice_change_values", "plan_status_values")
_SCHEMA_TABLES = {t: (next(x for x in _STATEMENTS if x.startswith(f"CREATE TABLE {t} (")),
                      [x for x in _STATEMENTS if re.match(rf"CREATE INDEX \w+ ON {t}\(", x)]) for t in CROSS_TABLES}
_SCHEMA_VIEWS = {m.group(1): x for x in _STATEMENTS if (m := re.match(r"CREATE VIEW (\w+) AS", x))}


def _norm(sql: str | None) -> str | None:
    """SQL text compared as SQLite keeps it in sqlite_master (runs of white space are one space)."""
    return " ".join(sql.split()) if sql else None


def _layout_changes(con: sqlite3.Connection) -> tuple[list[str], list[str]]:
    """The cross tables and the views whose definition in a store differs from this release's."""
    have = {n: _norm(sql) for n, sql in con.execute("SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'view')")}
    return ([t for t in CROSS_TABLES if have.get(t) != _norm(_SCHEMA_TABLES[t][0])],
            [v for v, sql in _SCHEMA_VIEWS.items() if have.get(v) != _norm(sql)])


def now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def _create_per_document_tables() -> str:
    done, sql = {"row_values"}, []  # row_values and its views (rows, headline) are in _SCHEMA
    for t in DOC_TABLES:
        if t.name in done:
            continue
        done.add(t.name)
        cols = ", ".join(chr(34) + c + chr(34) for c in t.stored)
        if t.key:
            sql.append(f'CREATE TABLE {t.name} ({cols}, PRIMARY KEY ({", ".join(t.key)})) WITHOUT ROWID;')
        else:
            ident = "id INTEGER PRIMARY KEY AUTOINCREMENT, " if t.ids else ""
            sql.append(f"CREATE TABLE {t.name} ({ident}{cols});")
            sql.append(f"CREATE INDEX {t.name}_by_document ON {t.name}(document);")
        if t.view:
            sql.append(t.view_sql())
    return "\n".join(sql)


def _remove_stale_temporaries(path: Path) -> None:
    """Delete half-written stores (and their ``-journal``) that builds of older versions left when killed."""
    import os

    for tmp in path.parent.glob(f".{path.name}.*.tmp*"):
        try:
            pid = int(tmp.name.split(".tmp")[0].rsplit(".", 1)[-1])
            os.kill(pid, 0)  # still running: leave it alone
        except ProcessLookupError:
            tmp.unlink(missing_ok=True)
        except (ValueError, PermissionError, OSError):
            continue


def _pack(data: bytes) -> bytes:
    """Texts are stored bz2-compressed: a tenth smaller than zlib on these reports, still under a ms to read."""
    return bz2.compress(data, 9)


# ----------------------------------------------------------------------------------------------- writing


class Writer:
    """The one writing connection of a build (the caller holds ``data/.write.lock``)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._drop_if_other_schema()
        _remove_stale_temporaries(self.path)
        self.con = sqlite3.connect(self.path, isolation_level=None, timeout=60)
        self.con.row_factory = sqlite3.Row
        self.texts = _register(self.con)
        self.con.execute("PRAGMA journal_mode=WAL")
        self.con.execute("PRAGMA synchronous=NORMAL")  # WAL: a process kill never loses a commit
        if not self.con.execute("SELECT 1 FROM sqlite_master WHERE name='meta'").fetchone():
            with self.transaction():
                for statement in (_create_per_document_tables() + _SCHEMA).split(";"):
                    if statement.strip():
                        self.con.execute(statement)
                self._set("schema", SCHEMA_VERSION)
                self._set("generation", 0)
        self._ensure_cross_tables()
        self.ensure_indexes()
        self._rows_delta = 0  # indicator rows written minus deleted in the open transaction
        if self.get("row_count") is None:  # kept up to date by each transaction: no COUNT(*) per build
            with self.transaction():
                self._set("row_count", self.con.execute("SELECT COUNT(*) FROM row_values").fetchone()[0])

    def _ensure_cross_tables(self) -> None:
        """The cross-document tables and the views as this release defines them.  A cross table whose
        definition changed is made anew, empty, and every region queued for the cross refresh: they are
        derived from the per-document tables, so nothing is re-extracted.  A changed view is replaced."""
        tables, views = _layout_changes(self.con)
        if not tables and not views:
            return
        with self.transaction() as con:
            for table in tables:
                con.execute(f"DROP TABLE IF EXISTS {table}")  # its indexes go with it
                for sql in (_SCHEMA_TABLES[table][0], *_SCHEMA_TABLES[table][1]):
                    con.execute(sql)
            for view in views:
                con.execute(f"DROP VIEW IF EXISTS {view}")
                con.execute(_SCHEMA_VIEWS[view])
        if tables and self.con.execute("SELECT 1 FROM documents LIMIT 1").fetchone():
            self.queue_all_regions()

    def ensure_indexes(self) -> None:
        """Every index of the schema (a store of an older release, or one whose bulk build was killed,
        may lack some)."""
        have = {n for (n,) in self.con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        for name in have.intersection(RETIRED_INDEXES):
            self.con.execute(f"DROP INDEX {name}")
        for name, sql in SCHEMA_INDEXES.items():
            if name not in have:
                self.con.execute(sql)

    def drop_reader_indexes(self) -> None:
        """Before writing most of the store anew: the indexes only readers and the cross refresh use are
        built once after the documents are written (sorted, pages full) instead of row by row (random
        inserts leave index pages about two-thirds full, and cost more)."""
        for name in READER_INDEXES:
            self.con.execute(f"DROP INDEX IF EXISTS {name}")

    def _drop_if_other_schema(self) -> None:
        """A store written by an older version (one file swapped in whole) is rebuilt from scratch."""
        if not self.path.exists():
            return
        try:
            con = sqlite3.connect(self.path)
            try:
                row = con.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            finally:
                con.close()
        except sqlite3.DatabaseError:
            row = None
        if row is None or str(row[0]) != SCHEMA_VERSION:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def close(self) -> None:
        self.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.con.close()

    # one transaction ---------------------------------------------------------------------------------
    class _Tx:
        def __init__(self, writer):
            self.writer, self.con = writer, writer.con

        def __enter__(self):
            self.con.execute("BEGIN IMMEDIATE")
            self.writer._rows_delta = 0
            return self.con

        def __exit__(self, exc_type, *_):
            if exc_type is None:
                self.con.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")
                if self.writer._rows_delta:
                    self.con.execute("UPDATE meta SET value = value + ? WHERE key = 'row_count'",
                                     (self.writer._rows_delta,))
                self.con.execute("COMMIT")
            else:
                self.con.execute("ROLLBACK")
            self.writer._rows_delta = 0

    def transaction(self):
        return self._Tx(self)

    def row_count(self) -> int:
        """Indicator rows in the store (``row_values``), as counted by the writes."""
        return int(self.get("row_count") or 0)

    def _set(self, key: str, value) -> None:
        self.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def get(self, key: str):
        row = self.con.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def known(self, keys: dict[str, str]) -> dict[str, list[tuple]]:
        """file id under data/ → its documents as (document, size, mtime_ns, whether every stage key is
        ``keys``): the keys are compared in SQL, so that 100,000 unchanged documents cost tuples of four
        small values (reading every key into Python took most of a one-document rebuild's second)."""
        out: dict[str, list] = {}
        same = " AND ".join(f"key_{s} = ?" for s in STAGES)
        cur = self.con.cursor()
        cur.row_factory = None
        for d, source, size, mtime, equal in cur.execute(
                f"SELECT document, source, size, mtime_ns, {same} FROM documents ORDER BY document",
                tuple(keys[f"key_{s}"] for s in STAGES)):
            out.setdefault(source or d, []).append((d, size, mtime, equal))
        return out

    def known_rows(self, source: str) -> list[sqlite3.Row]:
        """The documents of one file with everything that decides whether to extract again (stat, hash, keys)."""
        return self.con.execute(f"SELECT {', '.join(KNOWN_COLUMNS)} FROM documents WHERE source = ? OR "
                                f"(coalesce(source, '') = '' AND document = ?) ORDER BY document", (source, source)).fetchall()

    # documents -----------------------------------------------------------------------------------------
    def _touched(self, document: str) -> set[str]:
        """Regions whose cross-document tables may depend on a document."""
        regions = {r[0] for r in self.con.execute(
            "SELECT DISTINCT region_code FROM sections WHERE document = ? UNION SELECT region_code FROM documents "
            "WHERE document = ? UNION SELECT DISTINCT region_code FROM row_values WHERE document = ?",
            (document, document, document))}
        return {r for r in regions if r}

    def _queue(self, regions: set[str]) -> None:
        self.con.executemany("INSERT OR IGNORE INTO pending_regions VALUES (?)", [(r,) for r in regions if r])

    def write_source(self, source: str, documents: list[tuple[dict, dict[str, list[dict]], str | None]],
                     stages: tuple[str, ...]) -> None:
        """Replace what ``stages`` produce for the documents of one file, in one transaction.

        ``documents`` are (documents row, tables, normalised text) — for a partial re-run the row holds
        only the stage keys to update (the text, if given, only places evidence; None: read from the store).  With the base stage, documents the file no
        longer gives (a compilation that now splits differently) are deleted.
        """
        with self.transaction() as con:
            if "base" in stages:
                keep = {doc["document"] for doc, _t, _x in documents}
                for (old,) in con.execute("SELECT document FROM documents WHERE source = ?", (source,)).fetchall():
                    if old not in keep:
                        self._delete(old)
            for doc, tables, text in documents:
                self._write(doc, tables, stages, text)

    def _write(self, doc: dict, tables: dict[str, list[dict]], stages: tuple[str, ...], text: str | None) -> None:
        document, con = doc["document"], self.con
        touched = self._touched(document)
        self.texts.clear()
        if text is None and any("evidence" in t.columns and t.view and t.stage in stages for t in DOC_TABLES):
            text = document_text(con, document)
        if "base" in stages:
            sections = {r["title"]: r["idx"] for r in reversed(tables.get("sections", [])) if r.get("title")}
        else:
            sections = dict(con.execute("SELECT title, idx FROM sections WHERE document = ? AND title IS NOT NULL "
                                        "ORDER BY idx DESC", (document,)).fetchall())
        for t in DOC_TABLES:
            if t.stage in stages:
                where = f" AND {t.owns}" if t.owns else ""
                gone = con.execute(f"DELETE FROM {t.name} WHERE document = ?{where}", (document,)).rowcount
                added = _insert(con, t.name, t.stored, t.storable_rows(tables.get(t.source, []), text or "", sections))
                if t.name == "row_values":
                    self._rows_delta += added - gone
        if "base" in stages:
            con.execute("INSERT OR REPLACE INTO documents VALUES (%s)" % ",".join("?" * len(DOCUMENT_COLUMNS)),
                        tuple(doc.get(c) for c in DOCUMENT_COLUMNS))
            con.execute("INSERT OR REPLACE INTO texts VALUES (?, ?)", (document, _pack((text or "").encode("utf-8"))))
        else:
            sets = {k: v for k, v in doc.items() if k != "document"}
            con.execute(f"UPDATE documents SET {', '.join(f'{k} = ?' for k in sets)} WHERE document = ?",
                        (*sets.values(), document))
        self._queue(touched | self._touched(document))

    def update_stat(self, documents: list[str], size: int, mtime_ns: int) -> None:
        """Same bytes under a new modification time: remember it, extract nothing."""
        with self.transaction() as con:
            con.executemany("UPDATE documents SET size = ?, mtime_ns = ? WHERE document = ?",
                            [(size, mtime_ns, d) for d in documents])

    def delete_source(self, source: str) -> int:
        """Delete every document of a file (gone from data/, or no longer readable); how many."""
        with self.transaction() as con:
            olds = [r[0] for r in con.execute("SELECT document FROM documents WHERE source = ?", (source,))]
            for old in olds:
                self._delete(old)
        return len(olds)

    def _delete(self, document: str) -> None:
        self._queue(self._touched(document))
        for name in {t.name for t in DOC_TABLES} | {"documents", "texts"}:
            gone = self.con.execute(f"DELETE FROM {name} WHERE document = ?", (document,)).rowcount
            if name == "row_values":
                self._rows_delta -= gone

    # config-derived and cross-document tables -------------------------------------------------------
    def write_indicators(self, labels: list[tuple[str, str, str]]) -> bool:
        """(indicator, label, category) from the config; True when something changed."""
        old = {tuple(r) for r in self.con.execute("SELECT indicator, label, category FROM indicators")}
        if old == set(labels):
            return False
        with self.transaction() as con:
            con.execute("DELETE FROM indicators")
            con.executemany("INSERT OR REPLACE INTO indicators VALUES (?, ?, ?)", labels)
        return True

    def write_regions(self, regions: list[tuple]) -> None:
        """(code, name, level, province, display) of the gazetteer, rewritten when it changed."""
        if {tuple(r) for r in self.con.execute("SELECT * FROM regions")} == set(regions):
            return
        with self.transaction() as con:
            con.execute("DELETE FROM regions")
            con.executemany("INSERT OR REPLACE INTO regions VALUES (?, ?, ?, ?, ?)", regions)

    def queue_all_regions(self) -> None:
        """The code that computes cross-document tables changed: every region is recomputed."""
        with self.transaction() as con:
            con.execute("INSERT OR IGNORE INTO pending_regions SELECT DISTINCT region_code FROM sections "
                        "WHERE region_code IS NOT NULL UNION SELECT region_code FROM documents "
                        "WHERE region_code IS NOT NULL")

    def refresh_pending_regions(self) -> int:
        """Recompute the cross-document tables of every queued region, one transaction per region."""
        from .cross import refresh_region

        n = 0
        while True:
            batch = [r[0] for r in self.con.execute("SELECT region_code FROM pending_regions LIMIT 200")]
            if not batch:
                return n
            for region in batch:
                with self.transaction() as con:
                    refresh_region(con, region)
                    con.execute("DELETE FROM pending_regions WHERE region_code = ?", (region,))
                n += 1

    def compact(self) -> None:
        """Rewrite the file with full pages and no free ones (SQLite's VACUUM): after a build that wrote
        most of the store, tables written document by document leave pages partly empty (a few per cent
        of the file).  Readers keep reading meanwhile (WAL); a kill leaves the store as it was."""
        self.con.execute("VACUUM")

    def finish(self, build: dict, failures: list[dict]) -> None:
        with self.transaction() as con:
            con.execute("DELETE FROM failures")
            _insert(con, "failures", ("file", "reason"), failures)
            con.execute("DELETE FROM builds")
            _insert(con, "builds", ("built_at", "config_hash", "code_version", "documents", "rows", "extracted",
                                    "reused"), [build])
            self._set("cross_version", CROSS_VERSION)


def _with_offsets(row: dict, text: str) -> dict:
    """The row with its evidence sentence as offsets into the text (the literal kept when it is not there)."""
    ev = row.get("evidence")
    if not ev:
        return row
    start = row.get("start")
    near = max(0, start - len(ev)) if isinstance(start, int) else 0
    at = text.find(ev, near)
    if at < 0:
        at = text.find(ev)
    if at < 0:
        return row
    return {**row, "evidence": None, "ev_start": at, "ev_end": at + len(ev)}


def _packed(rows: list[dict], keys: list[str], packed: tuple[str, ...]) -> list[dict]:
    """Rows grouped by ``keys``, the ``packed`` columns of each group as one JSON list ``spans``."""
    groups: dict[tuple, list] = {}
    for r in rows:
        groups.setdefault(tuple(r.get(k) for k in keys), []).append([r.get(c) for c in packed])
    return [dict(zip(keys, k)) | {"spans": json.dumps(v, separators=(",", ":"))} for k, v in groups.items()]


def _storable(value) -> bool:
    """The last guard: a number SQLite keeps exactly (finite, within ±2**53); extraction refuses far less."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return True
    return math.isfinite(value) and abs(value) <= 2 ** 53


def _insert(con: sqlite3.Connection, name: str, cols: tuple[str, ...], rows: list[dict]) -> int:
    """Insert the rows whose values SQLite can store; how many were inserted."""
    values = [tuple(r.get(c) for c in cols) for r in rows]
    kept = [v for v in values if all(map(_storable, v))]
    if len(kept) < len(values):
        print(f"{name}: {len(values) - len(kept)} 行的数值超出可存储范围，未写入", file=sys.stderr)
    if kept:
        con.executemany(f"INSERT INTO {name} ({', '.join(chr(34) + c + chr(34) for c in cols)}) "
                        f"VALUES ({','.join('?' * len(cols))})", kept)
    return len(kept)


# ----------------------------------------------------------------------------------------------- reading


class _Texts:
    """Decompressed texts of the last documents whose evidence a connection read (evidence_text's cache)."""

    def __init__(self, con: sqlite3.Connection, size: int = 64):
        self.con, self.size, self.cache = con, size, {}

    def clear(self) -> None:
        self.cache.clear()

    def sentence(self, document, start, end):
        if document is None or start is None or end is None:
            return None
        text = self.cache.pop(document, None)
        if text is None:
            text = document_text(self.con, document)
            if len(self.cache) >= self.size:
                self.cache.pop(next(iter(self.cache)))
        self.cache[document] = text
        return text[start:end]


def _register(con: sqlite3.Connection) -> _Texts:
    """``evidence_text(document, start, end)``: the SQL function the views read evidence sentences with."""
    texts = _Texts(con)
    con.create_function("evidence_text", 3, texts.sentence, deterministic=True)
    return texts


def connect(path: Path = STORE_PATH) -> sqlite3.Connection:
    """Open the store read-only (readers never wait for a build: WAL).

    Evidence sentences are stored as offsets into the documents' compressed texts; the views
    (``rows``, ``headline``, ``practices``, ``laws``, ``figures`` …) read them through the SQL function
    ``evidence_text`` that this connection defines — a plain ``sqlite3.connect`` reads the ``*_values``
    tables but not those views.
    """
    con = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True, timeout=30)
    con.row_factory = sqlite3.Row
    _register(con)
    return con


def layout_is_current(path: Path) -> bool:
    """Whether a store has this release's cross tables and views (read from sqlite_master only)."""
    con = connect(path)
    try:
        tables, views = _layout_changes(con)
    except sqlite3.DatabaseError:
        return True  # not a store this code can read: the build reports it
    finally:
        con.close()
    return not tables and not views


def upgrade_layout(path: Path) -> int:
    """Remake the cross tables and views an older release defined otherwise and refill them from the
    per-document tables (nothing is extracted); the number of regions refreshed."""
    writer = Writer(path)
    try:
        return writer.refresh_pending_regions()
    finally:
        writer.close()


def generation(path: Path = STORE_PATH) -> int:
    """A number that changes with every commit to the store: the key of the dashboard's caches."""
    con = connect(path)
    try:
        return int(con.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0])
    except (sqlite3.DatabaseError, TypeError):
        return int(Path(path).stat().st_mtime_ns)
    finally:
        con.close()


def document_text(con: sqlite3.Connection, document: str) -> str:
    """The normalised full text of a document (the text that ``start:end`` offsets index)."""
    row = con.execute("SELECT text FROM texts WHERE document = ?", (document,)).fetchone()
    return bz2.decompress(row[0]).decode("utf-8") if row else ""


def document_raw(con: sqlite3.Connection, document: str) -> bytes | None:
    """The bytes of the file as it was read: kept once, in data/ (None when the file changed since)."""
    row = con.execute("SELECT file, sha256 FROM documents WHERE document = ?", (document,)).fetchone()
    try:
        raw = Path(row[0]).read_bytes() if row else b""
    except OSError:
        return None
    return raw if row and hashlib.sha256(raw).hexdigest() == row[1] else None


def query(path: Path, sql: str, params: tuple = ()) -> list[dict]:
    con = connect(path)
    try:
        return [dict(r) for r in con.execute(sql, params)]
    finally:
        con.close()
