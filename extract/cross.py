"""The cross-document tables of one region, recomputed inside the store's transaction.

Only what a region's own documents say is read (from the stored tables: the cross tables keep row ids, not sentences): the headline values and changes
from its ``total`` rows, brand changes from its practices, plans against delivery
from its annual reports and their laws.
"""
from __future__ import annotations

import sqlite3

from . import compare

CHANGE_COLUMNS = ("region_code", "year_from", "year_to", "indicator", "unit", "value_from", "value_to", "qualifier_from",
                  "qualifier_to", "delta", "pct", "direction", "document_from", "document_to")
PRACTICE_CHANGE_COLUMNS = ("region_code", "year_from", "year_to", "key", "status", "id_from", "id_to")
PLAN_COLUMNS = ("region_code", "plan_document", "plan_year", "law_id", "later_document", "later_year", "status",
                "status_label", "later_law_id")


def _dicts(con: sqlite3.Connection, sql: str, params: tuple) -> list[dict]:
    cur = con.execute(sql, params)
    names = [c[0] for c in cur.description]
    return [dict(zip(names, r)) for r in cur]


def _put(con: sqlite3.Connection, table: str, cols: tuple[str, ...], rows: list[dict], code: str) -> None:
    if rows:
        con.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({','.join('?' * len(cols))})",
                        [tuple(code if c == "region_code" else r.get(c) for c in cols) for r in rows])


def _put_stats(con: sqlite3.Connection, code: str, best: dict[tuple, dict]) -> None:
    """The region's headline values summed up for the filters: per indicator how many values, the latest
    year, whether one is undated and the row of the latest value; the years it has a value for."""
    per_indicator: dict[str, dict] = {}
    years: dict[int, tuple] = {}
    for (region, year, indicator), row in best.items():
        s = per_indicator.setdefault(indicator, {"region": region, "level": row["level"], "n": 0, "latest": None,
                                                 "undated": 0, "row": None})
        s["n"] += 1
        if year is None:
            s["undated"] = 1
            s["row"] = row["id"] if s["latest"] is None else s["row"]
        elif s["latest"] is None or year > s["latest"]:
            s["latest"], s["row"] = year, row["id"]
        if year is not None:
            years[year] = (region, row["level"])
    con.executemany("INSERT INTO region_indicators VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [(code, s["region"], s["level"], ind, s["n"], s["latest"], s["undated"], s["row"])
                     for ind, s in per_indicator.items()])
    con.executemany("INSERT INTO region_years VALUES (?, ?, ?, ?)",
                    [(code, region, level, year) for year, (region, level) in years.items()])


def _put_sections(con: sqlite3.Connection, code: str) -> None:
    """How many report sections speak for the region (through the index of sections by region name: a
    region's stored name is its display name, one per division code)."""
    name = con.execute("SELECT display FROM regions WHERE code = ?", (code,)).fetchone()
    where, key = ("region = ?", name[0]) if name else ("region_code = ?", code)
    con.execute(f"INSERT INTO region_sections SELECT ?, region, level, COUNT(*) FROM sections WHERE plan = 0 "
                f"AND {where} AND region_code = ? GROUP BY region, level", (code, key, code))


def refresh_region(con: sqlite3.Connection, code: str) -> None:
    """Everything cross-document of one region (by division code: two 鼓楼区 are two regions)."""
    for table in ("headline_values", "region_indicators", "region_years", "region_sections", "change_values",
                  "practice_change_values", "plan_status_values"):
        con.execute(f"DELETE FROM {table} WHERE region_code = ?", (code,))
    _put_sections(con, code)
    rows = _dicts(con, "SELECT r.id, r.document, r.region, r.level, r.year, r.indicator, r.value, r.qualifier, r.unit, "
                       "r.scope, d.kind FROM row_values r JOIN documents d ON d.document = r.document "
                       "WHERE r.region_code = ? AND r.scope = 'total' ORDER BY r.document, r.id", (code,))
    kinds = [{"document": r["document"], "kind": r["kind"]} for r in rows]
    best = compare.headline_values(rows, kinds)
    con.executemany("INSERT INTO headline_values VALUES (?, ?, ?, ?, ?, ?)",
                    [(reg, code, r["level"], year, ind, r["id"]) for (reg, year, ind), r in best.items()])
    _put_stats(con, code, best)
    _put(con, "change_values", CHANGE_COLUMNS, compare.indicator_changes(rows, kinds, best), code)
    practices = _dicts(con, "SELECT id, region, year, key, name, kind FROM practice_values WHERE region_code = ? "
                            "AND (kind = 'brand' OR name LIKE '%“%') AND year IS NOT NULL ORDER BY document, id", (code,))
    _put(con, "practice_change_values", PRACTICE_CHANGE_COLUMNS, compare.practice_changes(practices), code)
    reports = _dicts(con, "SELECT document, kind, region, work_year FROM documents WHERE region_code = ? "
                          "AND kind = 'annual_report' AND work_year IS NOT NULL", (code,))
    if reports:
        marks = ",".join("?" * len(reports))
        laws = _dicts(con, f"SELECT * FROM law_values WHERE document IN ({marks}) ORDER BY document, id",
                      tuple(d["document"] for d in reports))
        _put(con, "plan_status_values", PLAN_COLUMNS, compare.plan_status(laws, reports), code)
