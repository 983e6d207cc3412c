"""Across documents: year-over-year change of a region, and plans against delivery.

Pure functions over the store's per-document tables (lists of dicts); the store calls them
for one region at a time (extract/cross.py).
"""
from __future__ import annotations

import bisect
from collections import defaultdict

from .plans import LawMention, STATUS_LABELS, law_status

# Which document speaks for a (region, year) when several state a headline.
KIND_PRIORITY = {"annual_report": 0, "news": 1, "compilation": 2, "speeches": 3, "journal": 4}
DIRECTION_LABELS = {"up": "上升", "down": "下降", "same": "持平", "new": "新出现", "gone": "未再报告"}
PRACTICE_STATUS_LABELS = {"appear": "新出现", "continue": "延续", "disappear": "未再提及"}


def headline_values(rows: list[dict], documents: list[dict]) -> dict[tuple, dict]:
    """(region, year, indicator) → the headline row, from the highest-priority document.

    A value whose year is unknown (year None) is kept under year None: it can be
    shown as a region's latest value, never placed in a year.
    """
    kinds = {d["document"]: d.get("kind") for d in documents}
    best: dict[tuple, dict] = {}
    for r in rows:
        if r["scope"] != "total" or not r["region"]:
            continue
        key = (r["region"], r["year"], r["indicator"])
        rank = KIND_PRIORITY.get(kinds.get(r["document"]), 9)
        if key not in best or rank < KIND_PRIORITY.get(kinds.get(best[key]["document"]), 9):
            best[key] = r
    return best


def _consecutive_years(years: set) -> list[tuple[int, int]]:
    ys = sorted(y for y in years if y is not None)
    return list(zip(ys, ys[1:]))


def indicator_changes(rows: list[dict], documents: list[dict], best: dict | None = None) -> list[dict]:
    """Deltas between consecutive available years of each region, with direction and percent.

    ``best`` is ``headline_values(rows, documents)`` when the caller has it already.
    """
    best = headline_values(rows, documents) if best is None else best
    by_region: dict[str, dict[int, dict[str, dict]]] = defaultdict(lambda: defaultdict(dict))
    for (region, year, indicator), r in best.items():
        by_region[region][year][indicator] = r
    out = []
    for region, years in sorted(by_region.items()):
        for y1, y2 in _consecutive_years(set(years)):
            for indicator in sorted(set(years[y1]) | set(years[y2])):
                a, b = years[y1].get(indicator), years[y2].get(indicator)
                v1, v2 = (a or {}).get("value"), (b or {}).get("value")
                if a and b:
                    direction = "up" if v2 > v1 else "down" if v2 < v1 else "same"
                    delta = v2 - v1
                    pct = round(delta / v1 * 100, 1) if v1 else None
                else:
                    direction, delta, pct = ("new" if b else "gone"), None, None
                ref = b or a
                out.append({"region": region, "year_from": y1, "year_to": y2, "indicator": indicator,
                            "label": ref.get("label"), "category": ref.get("category"), "unit": ref["unit"],
                            "value_from": v1, "value_to": v2, "qualifier_from": (a or {}).get("qualifier"),
                            "qualifier_to": (b or {}).get("qualifier"), "delta": delta, "pct": pct,
                            "direction": direction, "document_from": (a or {}).get("document"),
                            "document_to": (b or {}).get("document")})
    return out


def practice_changes(practices: list[dict]) -> list[dict]:
    """Brands that appear, continue or disappear between consecutive years of a region (a named measure
    built on a brand, 迭代“1+X”立法工作制度体系, counts as that brand)."""
    seen: dict[str, dict[int, dict[str, dict]]] = defaultdict(lambda: defaultdict(dict))
    for p in practices:
        if (p["kind"] == "brand" or "“" in p["name"]) and p["region"] and p["year"] is not None:
            seen[p["region"]][p["year"]].setdefault(p["key"], p)
    out = []
    for region, years in sorted(seen.items()):
        for y1, y2 in _consecutive_years(set(years)):
            for key in sorted(set(years[y1]) | set(years[y2])):
                a, b = years[y1].get(key), years[y2].get(key)
                status = "continue" if a and b else "appear" if b else "disappear"
                ref = b or a
                out.append({"region": region, "year_from": y1, "year_to": y2, "key": key, "name": ref["name"],
                            "status": status, "evidence_from": (a or {}).get("evidence"),
                            "evidence_to": (b or {}).get("evidence"), "id_from": (a or {}).get("id"),
                            "id_to": (b or {}).get("id")})
    return out


def _mention(law: dict) -> LawMention:
    return LawMention(law["stem"], law["name"], law["action"], law["start"], law["end"])


def _next_reports(documents: list[dict]) -> list[tuple[dict, dict | None]]:
    """Each annual report of a region with the report on the next work year, if any (linear per region)."""
    by_region: dict[str, list[dict]] = defaultdict(list)
    for d in documents:
        if d.get("kind") == "annual_report" and d.get("region") and d.get("work_year"):
            by_region[d["region"]].append(d)
    out = []
    for reports in by_region.values():
        reports.sort(key=lambda d: (d["work_year"], d["document"]))
        years = [d["work_year"] for d in reports]
        for d in reports:
            i = bisect.bisect_left(years, d["work_year"] + 1)
            found = i < len(reports) and years[i] == d["work_year"] + 1
            out.append((d, reports[i] if found else None))
    out.sort(key=lambda pair: (pair[0]["work_year"], pair[0]["document"]))
    return out


def plan_status(laws: list[dict], documents: list[dict]) -> list[dict]:
    """Each law a report plans, against the report on the plan's own year (the work year after the
    planning report's); where that report is missing, status ``no_later_report`` and no later fields."""
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for law in laws:
        by_doc[law["document"]].append(law)
    out = []
    for plan_doc, later in _next_reports(documents):
        planned = [law for law in by_doc[plan_doc["document"]] if law["part"] == "plan"]
        later_laws = by_doc[later["document"]] if later else []
        done = [_mention(x) for x in later_laws if x["part"] == "review"]
        pending = [_mention(x) for x in later_laws if x["part"] == "plan"]
        later_by_start = {(x["start"], x["stem"]): x for x in later_laws}
        for law in planned:
            if later is None:
                status, hit = "no_later_report", None
            else:
                status, hit = law_status(law["stem"], done, pending)
            hit_row = later_by_start.get((hit.start, hit.stem)) if hit else None
            out.append({"region": plan_doc["region"], "plan_document": plan_doc["document"],
                        "plan_year": plan_doc["work_year"] + 1, "law": law["name"], "stem": law["stem"],
                        "action": law["action"], "plan_evidence": law["evidence"],
                        "later_document": later["document"] if later else None,
                        "later_year": later["work_year"] if later else None,
                        "status": status, "status_label": STATUS_LABELS[status],
                        "later_evidence": hit_row["evidence"] if hit_row else None,
                        "law_id": law.get("id"), "later_law_id": hit_row.get("id") if hit_row else None})
    return out
