"""Reading the store for the dashboard, cached with ``st.cache_data``.

Every loader takes the store's path and its generation (a counter that every
commit to the store increments), so a rebuilt document invalidates the cache by itself.  The dashboard never parses documents.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import streamlit as st

from extract.config import CONFIG_DIR
from extract.store import (DATA_DIR, STORE_PATH, connect, document_text, generation, layout_is_current,
                           upgrade_layout)

ROOT = Path(__file__).resolve().parent.parent


def store_path() -> Path:
    return Path(os.environ.get("DUIBIAO_STORE", STORE_PATH))


def data_dir() -> Path:
    return Path(os.environ.get("DUIBIAO_DATA", DATA_DIR))


def config_dir() -> Path:
    return Path(os.environ.get("DUIBIAO_CONFIG", CONFIG_DIR))


def ensure_store() -> bool:
    """Build the store from the bundled data if it is missing, bring an older release's cross tables to
    this one's layout (no extraction); True when a store is there."""
    path = store_path()
    if not path.exists():
        subprocess.run([sys.executable, "-m", "extract", "--config", str(config_dir()), "--data", str(data_dir()),
                        "build", "--store", str(path)], cwd=ROOT, check=False, capture_output=True)
    elif not layout_is_current(path):
        upgrade_layout(path)
    return path.exists()


_GENERATIONS: dict[str, tuple[tuple, int]] = {}


def current_generation(path: Path) -> int:
    """The store's generation, read again only when the file or its WAL changed: every commit writes
    one of them, and a page asks for the key of its caches a few dozen times per run (opening the store
    each time cost 1–2 ms)."""
    stamp = []
    for p in (path, path.with_name(path.name + "-wal")):
        try:
            st = os.stat(p)
            stamp.append((st.st_mtime_ns, st.st_size, st.st_ino))
        except OSError:
            stamp.append(None)
    known = _GENERATIONS.get(str(path))
    if known and known[0] == tuple(stamp):
        return known[1]
    gen = generation(path)
    _GENERATIONS[str(path)] = (tuple(stamp), gen)
    return gen


def _key() -> tuple[str, int]:
    path = store_path()
    return str(path), current_generation(path)


@st.cache_data(show_spinner=False, max_entries=32)
def _table(path: str, gen: int, sql: str) -> pd.DataFrame:
    con = connect(Path(path))
    try:
        return pd.read_sql_query(sql, con)
    finally:
        con.close()


def table(sql: str) -> pd.DataFrame:
    return _table(*_key(), sql)


def headline() -> pd.DataFrame:
    return table("SELECT * FROM headline")


def documents() -> pd.DataFrame:
    return table("SELECT document, file, kind, region, level, report_date, work_year, title, meta_source,"
                 " chars FROM documents ORDER BY document")


def regions_with_documents() -> pd.DataFrame:
    """Every (region, level) that some document speaks for: who could have a value."""
    return table("SELECT region, level FROM region_sections")


def practices() -> pd.DataFrame:
    return table("SELECT * FROM practices")


def sections() -> pd.DataFrame:
    return table("SELECT * FROM sections")


def figures() -> pd.DataFrame:
    """Figures with the noun they count (compilations, journals, speeches); empty on an older store."""
    try:
        return table("SELECT * FROM figures")
    except Exception:  # a store built before the figures table existed
        return pd.DataFrame(columns=["document", "section", "region", "level", "year", "theme", "value",
                                     "qualifier", "unit", "noun", "type", "type_label", "indicator", "clause",
                                     "evidence", "start", "end"])


def changes() -> pd.DataFrame:
    return table("SELECT * FROM changes")


@st.cache_data(show_spinner=False, max_entries=64)
def _doc_text(path: str, gen: int, document: str) -> str:
    con = connect(Path(path))
    try:
        return document_text(con, document)
    finally:
        con.close()


def doc_text(document: str) -> str:
    return _doc_text(*_key(), document)


# Pages ask for a few dozen results each: room for every page's of a few sessions (a small cache made a
# second visit after the other pages recompute what it had)
@st.cache_data(show_spinner=False, max_entries=1000)
def _query(path: str, gen: int, sql: str, params: tuple) -> pd.DataFrame:
    con = connect(Path(path))
    try:
        return pd.read_sql_query(sql, con, params=params)
    finally:
        con.close()


def query(sql: str, *params) -> pd.DataFrame:
    return _query(*_key(), sql, tuple(params))


@st.cache_data(show_spinner=False, max_entries=4)
def _faithful_labels(path: str, gen: int) -> dict[str, str]:
    from analysis.labels import faithful_labels

    con = connect(Path(path))
    try:
        return faithful_labels(con)
    finally:
        con.close()


def indicator_labels() -> dict[str, str]:
    """Labels true to the texts' verbs (制定（修订）地方性法规 where a source says 制定修订)."""
    return _faithful_labels(*_key())


# The headline view without its sentences (``evidence`` NULL): a sentence is read from its document's
# compressed text, so bulk queries (every region of a level, every year of an indicator) leave it out.
_HEADLINE_COLUMNS = ("region", "region_code", "level", "year", "indicator", "label", "category", "unit", "value",
                     "qualifier", "document", "section")
_HEADLINE_LIGHT = ", ".join(_HEADLINE_COLUMNS) + ', NULL AS evidence, start, "end", ocr'


def headline_where(where: str, *params, evidence: bool = False) -> pd.DataFrame:
    """Headline rows matching a condition (indexed: indicator, region, year), cached per filter; their
    sentences only with ``evidence`` (the evidence panel reads a row's sentence from document/start/end)."""
    return query(f"SELECT {'*' if evidence else _HEADLINE_LIGHT} FROM headline WHERE {where}", *params)


def with_evidence(rows: pd.DataFrame) -> pd.DataFrame:
    """Headline rows read without their sentences, with them (for exports: the data, the deck's appendix)."""
    if rows.empty or "evidence" in rows and rows.evidence.notna().all():
        return rows
    docs = tuple(dict.fromkeys(rows.document.dropna()))
    # through rows (found by document; the headline view has no index by document), of which headline
    # values are the region totals
    found = query(f"SELECT document, indicator, start, evidence FROM rows WHERE scope = 'total' AND document IN "
                  f"({','.join('?' * len(docs)) or 'NULL'})", *docs).drop_duplicates(["document", "indicator", "start"])
    return rows.drop(columns="evidence", errors="ignore").merge(found, on=["document", "indicator", "start"],
                                                                  how="left")


LATEST_DOCUMENTS = 5  # documents per region that practice comparisons read (a province may have thousands)


@st.cache_data(show_spinner=False, max_entries=20_000)
def _latest_of(path: str, gen: int, region: str, k: int) -> tuple[str, ...]:
    con = connect(Path(path))
    try:
        found: dict[str, None] = {}
        # walks the index sections_latest from the newest year down, and stops at the k-th document
        for (document,) in con.execute("SELECT document FROM sections WHERE plan = 0 AND region = ? "
                                       "ORDER BY year DESC, document DESC", (region,)):
            found.setdefault(document)
            if len(found) == k:
                break
        return tuple(found)
    finally:
        con.close()


def latest_documents(regions, k: int = LATEST_DOCUMENTS) -> tuple[str, ...]:
    """The ``k`` latest documents (by the year they speak of) that speak for each of some regions (found
    and cached region by region: the pages ask for overlapping sets)."""
    key = _key()
    return tuple(sorted({d for r in dict.fromkeys(regions) if isinstance(r, str) for d in _latest_of(*key, r, k)}))


def _in_regions(regions) -> tuple[tuple[str, ...], str]:
    """Region names (each once) and the SQL condition that keeps their rows."""
    regions = tuple(dict.fromkeys(r for r in regions if isinstance(r, str)))
    return regions, (f"region IN ({','.join('?' * len(regions))})" if regions else "0")


def of_regions(view: str, regions, evidence: bool = False, latest: bool = False) -> pd.DataFrame:
    """The rows of ``headline``, ``practices``, ``figures`` or ``sections`` for some regions only; with
    ``latest``, only from each region's latest documents (``latest_documents``; not for headline)."""
    regions, where = _in_regions(regions)
    if view == "headline":
        return headline_where(where, *regions, evidence=evidence)
    if latest:
        docs = latest_documents(regions)
        return query(f"SELECT * FROM {view} WHERE {where} AND document IN ({','.join('?' * len(docs)) or 'NULL'})",
                     *regions, *docs)
    return query(f"SELECT * FROM {view} WHERE {where}", *regions)


@st.cache_data(show_spinner=False, max_entries=8)
def _columns(path: str, gen: int, view: str) -> list[str]:
    con = connect(Path(path))
    try:
        return [r[1] for r in con.execute(f"PRAGMA table_info({view})")]
    finally:
        con.close()


def report_sections(regions) -> pd.DataFrame:
    """The sections (not plans) that speak for some regions: found by the index (region, level) of
    reports' sections, where every section would be read."""
    regions, where = _in_regions(regions)
    return query(f"SELECT * FROM sections WHERE plan = 0 AND {where}", *regions)


def light_of_regions(view: str, regions) -> pd.DataFrame:
    """``of_regions`` of ``practices`` or ``figures`` with ``evidence`` NULL: a sentence is read from its
    document's compressed text, so a page that shows a few of many rows fills in only those
    (``fill_sentences``)."""
    regions, where = _in_regions(regions)
    cols = ", ".join("NULL AS evidence" if c == "evidence" else f'"{c}"' for c in _columns(*_key(), view))
    return query(f"SELECT {cols} FROM {view} WHERE {where}", *regions)


def fill_sentences(items: list[dict]) -> None:
    """Sets ``sentence`` of each item (a dict with view, document, start) from its view's evidence."""
    wanted: dict[str, set] = {}
    for item in items:
        wanted.setdefault(item["view"], set()).add(item["document"])
    found = {}
    for view, docs in wanted.items():
        docs = tuple(sorted(docs))
        table = "rows" if view == "headline" else view  # a headline value is a row: found by document
        rows = query(f"SELECT document, start, evidence FROM {table} WHERE document IN ({','.join('?' * len(docs))})",
                     *docs)
        found.update({(view, d, int(a)): e for d, a, e in zip(rows.document, rows.start, rows.evidence)})
    for item in items:
        item["sentence"] = found.get((item["view"], item["document"], item["start"])) or ""


def documents_of(names, limit: int | None = None) -> pd.DataFrame:
    """Metadata of some documents (the first ``limit`` of them)."""
    names = tuple(n for n in dict.fromkeys(names) if isinstance(n, str))[:limit]
    return query(f"SELECT document, file, kind, region, level, report_date, work_year, title, meta_source, chars "
                 f"FROM documents WHERE document IN ({','.join('?' * len(names)) or 'NULL'})", *names)


def nearby(regions: list[str], level: str | None, region: str, limit: int = 20) -> list[str]:
    """``regions`` bounded for a comparison: all of them when few, else those in ``region``'s province,
    and when those are still many, those in its city (by division code): a district of 南京市 is
    compared with 南京市's districts, not with 2,800 counties or the hundred of 江苏省; a province with
    the other provinces."""
    if len(regions) <= limit:
        return regions
    from analysis.queries import same_division

    code_of = filter_options()["code_of"]
    same: list[str] = []
    for digits in (2, 4):  # province, then city
        within = same_division(regions, code_of, region, digits)
        if not [r for r in within if r != region]:
            break  # nobody else there (a province among provinces): the wider set stands
        same = within
        if len(same) <= limit:
            break
    return same or regions


def _light_columns(t: str, year: str) -> str:
    """The headline columns without sentences or section titles, for a query over the cross table aliased ``t``
    (whose region, indicator and year lead), ``row_values r`` and ``indicators i``."""
    return (f"{t}.region, {t}.region_code, r.level, {year} AS year, {t}.indicator, coalesce(i.label, {t}.indicator) "
            f"AS label, coalesce(i.category, '') AS category, r.unit, r.value, r.qualifier, r.document, NULL AS section, "
            f"NULL AS evidence, r.start, r.\"end\", r.ocr")


def _latest_rows(where: str) -> str:
    """SQL: each region's latest headline value per indicator (its undated one where it has no dated one) for
    the ``region_indicators`` rows matching ``where``.  The cross refresh keeps the latest value's row id in
    ``region_indicators``, so a ranking of 3,000 counties is a range of that table and one lookup by row id
    per region."""
    return (f"SELECT {_light_columns('ri', 'ri.latest')} FROM region_indicators ri JOIN row_values r ON r.id = ri.latest_row "
            f"LEFT JOIN indicators i ON i.indicator = ri.indicator WHERE {where}")


def _year_rows(where: str) -> str:
    """SQL: headline values (of the ``headline_values`` rows matching ``where``: indexed by indicator and year),
    as ``_latest_rows`` reads them.  The ``headline`` view would look up each row's section title and filter
    the level only after joining every level's rows (~100 ms for a county ranking of one year at 100,000
    documents; this ~20 ms)."""
    return (f"SELECT {_light_columns('h', 'h.year')} FROM headline_values h JOIN row_values r ON r.id = h.row_id "
            f"LEFT JOIN indicators i ON i.indicator = h.indicator WHERE {where}")


def peer_headline(levels: list[str], year: int | None) -> pd.DataFrame:
    """The headline rows the overview ranks its region among (one level or several; no themes): those of
    ``year``, or with no year each region's latest dated value of each indicator (from the per-level table
    every session shares, ``_latest_of_level``); without sentences or section titles, which ranks do not need."""
    marks = ",".join("?" * len(levels))
    if year is not None:
        return query(_year_rows(f"h.year = ? AND h.level IN ({marks}) AND coalesce(i.category, '') != '主题'"),
                     year, *levels)
    rows = _latest_parts(levels, lambda _indicator, part: part.category.iloc[0] != "主题")
    return rows[rows.year.notna()].reset_index(drop=True)  # dated values only


def documents_for(names) -> pd.DataFrame:
    """Titles and metadata of the documents a chart or table draws on (a source line names 50 at most)."""
    return documents_of(names, 50)


def documents_page(search: str = "", offset: int = 0, limit: int = 50, kind: str | None = None) -> tuple[pd.DataFrame, int]:
    """One page of the documents (searched by name or title in the database) and how many match."""
    where, params = "1", []
    if search:
        where += " AND (document LIKE ? OR title LIKE ?)"
        params += [f"%{search}%"] * 2
    if kind:
        where += " AND kind = ?"
        params.append(kind)
    n = int(query(f"SELECT COUNT(*) AS n FROM documents WHERE {where}", *params).n.iloc[0])
    page = query(f"SELECT document, file, kind, region, level, report_date, work_year, title, meta_source, chars "
                 f"FROM documents WHERE {where} ORDER BY document LIMIT ? OFFSET ?", *params, limit, offset)
    return page, n


def practices_page(where: str, params: tuple, offset: int, limit: int) -> tuple[pd.DataFrame, int, int]:
    """One page of practices matching a condition, the number of matches and of distinct practices."""
    counts = query(f"SELECT COUNT(*) AS n, COUNT(DISTINCT key) AS k FROM practices WHERE {where}", *params)
    page = query(f"SELECT * FROM practices WHERE {where} ORDER BY region_code, year, start LIMIT ? OFFSET ?",
                 *params, limit, offset)
    return page, int(counts.n.iloc[0]), int(counts.k.iloc[0])


def changes_for(regions) -> pd.DataFrame:
    """Every indicator's changes of some regions (what the findings of a report need)."""
    regions = tuple(dict.fromkeys(r for r in regions if r))
    if not regions:
        return query("SELECT * FROM changes WHERE 0")
    return query(f"SELECT * FROM changes WHERE region IN ({','.join('?' * len(regions))})", *regions)


def themes() -> list[str]:
    return table("SELECT DISTINCT theme FROM practice_values WHERE theme IS NOT NULL ORDER BY theme").theme.tolist()


@st.cache_data(show_spinner=False, max_entries=4)
def _filter_options(path: str, gen: int) -> dict:
    """Everything the shared filters offer, computed once per store by aggregate queries."""
    from analysis.labels import by_division_code

    known = _table(path, gen, "SELECT region, level FROM region_sections")  # summed up at build time
    # region_indicators and region_years: the headline values summed up per region at build time
    per_region = _table(path, gen, "SELECT region, level, max(latest) AS latest, max(region_code) "
                                   "AS code, sum(CASE WHEN indicator NOT LIKE 'theme:%' THEN n ELSE 0 END) AS n "
                                   "FROM region_indicators GROUP BY region")
    per_level = _table(path, gen, "SELECT level, indicator, COUNT(DISTINCT region) AS regions, max(undated) AS undated "
                                  "FROM region_indicators GROUP BY level, indicator")
    level_years = _table(path, gen, "SELECT DISTINCT level, year FROM region_years")
    levels_of = dict(zip(known.region, known.level))
    levels_of.update(dict(zip(per_region.region, per_region.level)))
    per_indicator = _table(path, gen, "SELECT coalesce(i.category, '') AS category, h.indicator, "
                                      "coalesce(i.label, h.indicator) AS label, sum(h.n) AS n FROM region_indicators h "
                                      "LEFT JOIN indicators i ON i.indicator = h.indicator "
                                      "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3")
    per_indicator["label"] = per_indicator.indicator.map(_faithful_labels(path, gen)).fillna(per_indicator.label)
    counted = per_region[per_region.n > 0].sort_values(["n", "region"], ascending=[False, True])
    latest = per_region.dropna(subset=["latest"])
    counts = per_level[~per_level.indicator.str.startswith("theme:")]
    regions = by_division_code(levels_of)
    level_regions = {lv: [r for r in regions if levels_of[r] == lv] for lv in set(levels_of.values())}
    by_count = dict(zip(counted.region, counted.n.astype(int)))
    return {"regions": regions, "levels_of": levels_of, "level_regions": level_regions,
            # each level's regions, most values first (division-code order among equals): the default peers
            "level_richest": {lv: sorted(rs, key=lambda r: -by_count.get(r, 0)) for lv, rs in level_regions.items()},
            "code_of": dict(zip(per_region.region, per_region.code)),
            # what each level has, so that changing 层级 can move the other filters to data
            "level_indicators": {lv: dict(zip(g.indicator, g.regions.astype(int))) for lv, g in per_level.groupby("level")},
            "level_years": {lv: sorted({int(y) for y in g.year}, reverse=True) for lv, g in level_years.groupby("level")},
            "level_undated": {lv: bool(g.undated.any()) for lv, g in counts.groupby("level")},
            "by_count": by_count,
            "years": sorted({int(y) for y in level_years.year}, reverse=True),
            "region_latest": dict(zip(latest.region, latest.latest.astype(int))),
            "indicators": per_indicator.to_dict("records"),
            "documents": int(_table(path, gen, "SELECT COUNT(*) AS n FROM documents").n.iloc[0]),
            "built_at": next(iter(_table(path, gen, "SELECT built_at FROM builds").built_at), "")}


def filter_options() -> dict:
    return _filter_options(*_key())


@st.cache_data(show_spinner=False, max_entries=4)
def _colors(path: str, gen: int) -> dict[str, str]:
    from analysis.queries import color_map

    return color_map(_filter_options(path, gen)["regions"])


def colors() -> dict[str, str]:
    """One colour per region of the store, the same on every page."""
    return _colors(*_key())


@st.cache_resource(show_spinner=False, max_entries=6)
def _latest_of_level(path: str, gen: int, level: str) -> tuple[list[str], dict[str, pd.DataFrame]]:
    """Each region's latest value of every indicator on one level (rows without sentences or section
    titles), by indicator: read once per store generation (``dashboard.serve`` does it at start: ~1.3 s and
    ~25 MB for 3,000 counties) and shared by every session, so a ranking of the latest values, which a
    filter change redraws, is a copy of one part of it.  Callers get copies: the parts are never changed."""
    con = connect(Path(path))
    try:
        rows = pd.read_sql_query(_latest_rows("ri.level = ?"), con, params=(level,))
    finally:
        con.close()
    return list(rows.columns), {ind: part.reset_index(drop=True) for ind, part in rows.groupby("indicator", sort=False)}


# What a filter change looks rows up in (a ranking of one year: ``headline_values`` by its index, then each
# value's row by id): read once at start, in file order, so that the operating system keeps their pages in
# memory.  At 100,000 documents ~430 MB; a year's county ranking then reads in ~15 ms instead of ~250 ms
# from a cold disk.
PREFETCH = ("SELECT sum(length(unit)) FROM row_values",
            "SELECT sum(row_id) FROM headline_values",
            "SELECT count(indicator) FROM headline_values INDEXED BY headline_by_indicator")  # count(*) takes any index


def prefetch_store() -> None:
    """Read the tables of ``PREFETCH`` through once (the server's warm-up)."""
    con = connect(store_path())
    try:
        for sql in PREFETCH:
            con.execute(sql).fetchall()
    finally:
        con.close()


def _latest_parts(levels: list[str], wanted) -> pd.DataFrame:
    """A copy of the parts of the shared per-level tables that ``wanted(indicator, part)`` picks, level by
    level (each part is one indicator of one level)."""
    parts = [_latest_of_level(*_key(), level) for level in levels]
    found = [part for _, by in parts for ind, part in by.items() if wanted(ind, part)]
    if not found:
        return pd.DataFrame(columns=parts[0][0] if parts else [])
    return pd.concat(found, ignore_index=True) if len(found) > 1 else found[0].copy()


def latest_of_levels(levels) -> None:
    """Read the latest values of ``levels`` into the shared cache (the server's warm-up)."""
    for level in levels:
        _latest_of_level(*_key(), level)


def ranking_headline(indicator: str, year: int | None, levels: list[str]) -> pd.DataFrame:
    """The rows one ranking shows: an indicator's values of ``year`` on some levels, or each region's
    latest (a value of unknown year only where a region has no dated one), without their sentences."""
    if year is not None:
        marks = ",".join("?" * len(levels))
        return query(_year_rows(f"h.indicator = ? AND h.year = ? AND h.level IN ({marks})"), indicator, year, *levels)
    return _latest_parts(levels, lambda ind, _part: ind == indicator)


def section_of(document: str, start) -> str | None:
    """The section title of a document's row at ``start`` (for the one row whose sentence a page shows)."""
    found = query("SELECT section FROM rows WHERE document = ? AND start = ? LIMIT 1", document, int(start))
    return found.section.iloc[0] if len(found) else None


def ranking_frames(indicator: str, year: int | None, levels: list[str]):
    """What the 排名 page ranks: only the rows of its year (or the latest), not every year's."""
    from present.views import Frames

    built = table("SELECT built_at FROM builds")
    h = ranking_headline(indicator, year, levels)
    return Frames(h, documents_for(h.document), regions_with_documents(), query("SELECT * FROM changes WHERE 0"),
                  built.built_at.iloc[0] if len(built) else "", labels=indicator_labels())


def frames(indicator: str | None = None, regions=None):
    """The tables the present stage's views need: with ``indicator`` (and ``regions``), only their rows
    (and no practices or sections)."""
    from present.views import Frames

    built = table("SELECT built_at FROM builds")
    built_at = built.built_at.iloc[0] if len(built) else ""
    if indicator is None:
        return Frames(headline(), documents(), regions_with_documents(), changes(), built_at, practices(), sections())
    if regions:
        regions = tuple(dict.fromkeys(regions))
        marks = ",".join("?" * len(regions))
        h = headline_where(f"indicator = ? AND region IN ({marks})", indicator, *regions)
        ch = query(f"SELECT * FROM changes WHERE indicator = ? AND region IN ({marks})", indicator, *regions)
    else:
        h = headline_where("indicator = ?", indicator)
        ch = query("SELECT * FROM changes WHERE indicator = ?", indicator)
    return Frames(h, documents_for(h.document), regions_with_documents(), ch, built_at, labels=indicator_labels())
