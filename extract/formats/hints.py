"""Metadata a file carries outside its text (a saved page's <title> and publication date).

Hints are weaker than the text: they only fill a field the text left empty,
and such a field's source is ``"page"``.  A person's sources.yaml entry still
wins over both (pipeline.apply_source runs afterwards).
"""
from __future__ import annotations

import re

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def apply_hints(meta, hints: dict, text: str, gaz, cfg) -> None:
    from ..metadata import detect_kind, detect_region, detect_work_year

    title = hints.get("title") or ""
    if meta.region is None and title and meta.kind != "journal":
        region = detect_region(title, gaz)
        if region:
            meta.region, meta.level = region.name, region.level
            meta.source.update(region="page", level="page")
    if meta.kind is None and title:
        meta.kind = detect_kind(title + "\n" + text, cfg)
        if meta.kind:
            meta.source["kind"] = "page"
    m = _DATE.match(hints.get("date") or "")
    if meta.report_date is None and m:
        meta.report_date = "-".join(m.groups())
        meta.source["report_date"] = "page"
    if meta.work_year is None and meta.report_date:
        meta.work_year = detect_work_year(text, meta.kind, meta.report_date, cfg)
        if meta.work_year is not None:
            meta.source["work_year"] = "page"
    if not meta.title.strip() and title:
        meta.title = title
