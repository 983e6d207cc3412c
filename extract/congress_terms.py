"""The years a term review covers (过去五年, 五年来, 四年来, 本届以来).

A report delivered at the first session of a new congress reviews the outgoing
committee's years (five, or as many as the cue says: 任期的四年, 过去六年); one
delivered later in a term may review the term so far (本届以来), from the year the
term began.  Pure: numbers in, a period out.
"""
from __future__ import annotations

import re

from .layout import cn_small

_SO_FAR = re.compile(r"本届以来|本届任期以来|任期以来|履职以来|本届常委会")
_SPAN = re.compile(r"([两二三四五六七八九十\d]{1,2})年(?:来|间|以来|任期|的)?|任期的([两二三四五六七八九十\d]{1,2})年")


def years_in(cue: str) -> int | None:
    """四年来 → 4, 过去六年 → 6, 任期的五年 → 5; None when the cue names no span."""
    m = _SPAN.search(cue)
    if not m:
        return None
    num = (m.group(1) or m.group(2)).replace("两", "二")
    n = int(num) if num.isdigit() else cn_small(num)
    return n if n and 2 <= n <= 8 else None


def aligned_term_start(year: int, reference_year: int = 2023, term_years: int = 5) -> int:
    """The year the provincial term holding ``year`` began (all provincial terms began in 2023, 2018, …)."""
    return reference_year + term_years * ((year - reference_year) // term_years)


def term_period(cue: str, report_year: int | None, session: int | None = None,
                work_year: int | None = None, term_start: int | None = None) -> str | None:
    """``"2018-2022"``: the years a term figure introduced by ``cue`` covers, or None.

    - ``report_year``: the year the report was delivered (None: no period unless ``work_year``);
    - ``session``: the session it was delivered at (第三次会议 → 3);
    - ``work_year``: the last year reported on (default ``report_year − 1``);
    - ``term_start``: the year the term under review began, when known (congress_terms config).

    ``本届以来`` runs from the term's start (given, or counted back from a later session) to the
    work year; a span the cue names (四年来 → 4) or else five years ends with the work year.
    """
    if work_year is None and report_year is None:
        return None
    end = work_year if work_year is not None else report_year - 1
    if _SO_FAR.search(cue):
        start = term_start
        if start is None and session and session > 1 and report_year:
            start = report_year - (session - 1)
        if start is not None and start <= end:
            return f"{start}-{end}"
    span = years_in(cue) or 5
    return f"{end - span + 1}-{end}"
