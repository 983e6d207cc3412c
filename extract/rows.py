"""The tidy long table: one row per (document, section, indicator value).

``scope`` says what a value may be used for: ``total`` is the one headline
value of a (document, region, year, indicator); ``part`` values are evidence
only; ``term`` values cover several years (``period``) and belong to no year.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from .counts import Hit
from .indicators import IndicatorSet

COLUMNS = ("document", "section", "region", "level", "year", "indicator", "label", "category",
           "value", "qualifier", "unit", "scope", "evidence", "start", "end", "period", "ocr")


@dataclass
class Row:
    document: str
    section: str
    region: str | None
    level: str | None
    year: int | None
    indicator: str
    label: str
    category: str
    value: float
    qualifier: str
    unit: str
    scope: str
    evidence: str
    start: int
    end: int
    period: str = ""
    ocr: int = 0  # 1: the text was recognised from page images (OCR); the value should be checked

    def as_dict(self) -> dict:
        return asdict(self)


assert tuple(f.name for f in fields(Row)) == COLUMNS


def _has_cue(text: str, cues: tuple[str, ...]) -> bool:
    return any(c in text for c in cues)


def hit_to_row(hit: Hit, text: str, document: str, section, indset: IndicatorSet) -> Row:
    ind = hit.indicator
    scope, period, year = "part", "", section.year
    if _has_cue(hit.cue_text, indset.term_cues) and section.year:
        scope, period, year = "term", f"{section.year - 4}-{section.year}", None
    return Row(document, section.title, section.region, section.level, year, ind.id, ind.label,
               ind.category, hit.value, hit.qualifier, hit.unit or ind.unit, scope,
               text[hit.sent_start:hit.sent_end].strip(), hit.start, hit.end, period)


def assign_scope(rows: list[Row], hits_by_row: dict[int, Hit], indset: IndicatorSet) -> None:
    """Mark one headline value per (document, region, year, indicator) as ``total``.

    The headline is the mention with the strongest signs of a year's total: a
    total cue (共, 全年, 一年来 …) before it in its sentence, a summary sentence
    that states several indicators, no part cue (其中 …) just before it; ties go
    to the larger value, then the earlier mention.
    """
    per_sentence: dict[int, set[str]] = {}
    for i, row in enumerate(rows):
        per_sentence.setdefault(hits_by_row[i].sent_start, set()).add(row.indicator)
    groups: dict[tuple, list[int]] = {}
    for i, row in enumerate(rows):
        if row.scope == "term":
            continue
        groups.setdefault((row.document, row.region, row.year, row.indicator), []).append(i)

    def score(i: int) -> tuple:
        hit = hits_by_row[i]
        cue = hit.cue_text
        s = 0.0
        if _has_cue(cue, indset.total_cues):
            s += 3
        s += min(3, len(per_sentence[hit.sent_start]) - 1)
        if _has_cue(cue[-8:], indset.part_cues):
            s -= 4
        return (s, rows[i].value, -rows[i].start)

    for members in groups.values():
        best = max(members, key=score)
        for i in members:
            rows[i].scope = "total" if i == best else "part"
