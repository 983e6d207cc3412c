"""The tidy long table: one row per (document, section, indicator value).

``scope`` says what a value may be used for: ``total`` is the one headline
value of a (document, region, year, indicator); ``part`` values are evidence
only; ``term`` values cover several years (``period``) and belong to no year.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from .counts import Hit
from .indicators import IndicatorSet
from .numbers import MAX_COUNT, plausible_count

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


def _last_cue(line: str, indset: IndicatorSet) -> str | None:
    """``term`` or ``year``: whichever cue stands last in ``line`` (五年来…。过去一年，… → year)."""
    term = max((line.rfind(c) for c in indset.term_cues), default=-1)
    if indset.term_re is not None:
        term = max([term] + [m.start() for m in indset.term_re.finditer(line)])
    year = max((line.rfind(c) for c in indset.total_cues[1:]), default=-1)
    year = max([year] + [m.start() for m in _YEAR_HEADING.finditer(line)])
    if term < 0 and year < 0:
        return None
    return "term" if term > year else "year"


def _heading_context(text: str, pos: int, indset: IndicatorSet, lo: int = 0) -> str | None:
    """``term`` or ``year`` from the paragraph before ``pos``, or else from the nearest heading
    above it that says which (过去五年 / 一年来).

    Headings are short lines without a full stop; at most 80 lines are walked.
    """
    end = pos
    for _ in range(80):
        start = text.rfind("\n", lo, end) + 1
        line = text[start:end]
        if end == pos or (len(line) <= 40 and "。" not in line):
            found = _last_cue(line, indset)
        else:  # a paragraph that opens with 五年来 / 2023年 sets the period of those after it
            found = _last_cue(line.lstrip()[:12], indset)
        if found:
            return found
        if start <= lo:
            return None
        end = start - 1
    return None


_YEAR_HEADING = __import__("re").compile(
    r"(?:19|20)\d\d年(?:的)?(?:主要)?工作|(?:19|20)\d\d年(?:是|共|全年|以来|度|，)|过去的一年|一年来|过去一年")


def refusal(hit: Hit, text: str) -> str | None:
    """Why a hit's number is not stored (beyond any count a report can mean), or None."""
    if plausible_count(hit.value):
        return None
    phrase = text[hit.start:hit.end]
    phrase = phrase if len(phrase) <= 40 else phrase[:18] + "…" + phrase[-18:]
    return (f"“{phrase}”中的数字超出{hit.indicator.label}的合理范围（应小于 {MAX_COUNT:,}），"
            f"未计入")


def hit_to_row(hit: Hit, text: str, document: str, section, indset: IndicatorSet,
               term_by_default: bool = False) -> Row:
    """The row of a hit. ``term_by_default``: the report was given at the first session of a new
    congress, so a figure no cue places in one year belongs to the outgoing committee's term."""
    ind = hit.indicator
    scope, period, year = "part", "", section.year
    context = _last_cue(hit.cue_text + text[hit.start:hit.end], indset) or _heading_context(
        text, hit.sent_start, indset, section.start)
    if context == "term" or (context is None and term_by_default):
        scope, year = "term", None
        period = getattr(section, "term_period", None) or (
            f"{section.year - 4}-{section.year}" if section.year else "")
    return Row(document, section.title, section.region, section.level, year, ind.id, ind.label,
               ind.category, hit.value, hit.qualifier, hit.unit or ind.unit, scope,
               text[hit.sent_start:hit.sent_end].strip(), hit.start, hit.end, period)


def assign_scope(rows: list[Row], hits_by_row: dict[int, Hit], indset: IndicatorSet) -> None:
    """Mark one headline value per (document, region, year, indicator) as ``total``.

    The headline is the mention with the most precise phrasing (the grammar's
    rank: 制定17件 over 审议通过法规58件次), then the strongest signs of a year's total: a
    total cue (共, 全年, 一年来 …) before it in its sentence, a summary sentence
    that states several indicators, no part cue (其中 …) just before it; ties go
    to the larger value, then the earlier mention.
    """
    per_sentence: dict[int, set[str]] = {}
    for i, row in enumerate(rows):
        per_sentence.setdefault(hits_by_row[i].sent_start, set()).add(row.indicator)
    groups: dict[tuple, list[int]] = {}
    for i, row in enumerate(rows):
        groups.setdefault((row.document, row.region, row.year, row.indicator, row.scope == "term", row.period),
                          []).append(i)

    def score(i: int) -> tuple:
        hit = hits_by_row[i]
        cue = hit.cue_text
        s = 0.0
        if _has_cue(cue, indset.total_cues):
            s += 3
        elif _has_cue(hit.para_cue, indset.total_cues):
            s += 2
        s += min(3, len(per_sentence[hit.sent_start]) - 1)
        if _has_cue(cue[-8:], indset.part_cues):
            s -= 4
        return (hit.rank, s, rows[i].value, -rows[i].start)

    for members in groups.values():
        # within a sentence the most precise phrasing wins (其中制定17件 over 审议通过法规58件次);
        # across sentences the strongest signs of a year's total do (a summary over a bullet)
        by_sentence: dict[int, list[int]] = {}
        for i in members:
            by_sentence.setdefault(hits_by_row[i].sent_start, []).append(i)
        finalists = [max(part, key=score) for part in by_sentence.values()]
        best = max(finalists, key=lambda i: (score(i)[1], score(i)[0]) + score(i)[2:])
        headline = "term" if rows[best].scope == "term" else "total"
        for i in members:
            rows[i].scope = headline if i == best else "part"
