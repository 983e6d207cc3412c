"""The years a term review covers (过去五年, 五年来, 本届以来).

A report delivered at the first session of a new congress reviews the outgoing
committee's five years; one delivered later in a term may review the term so far
(本届以来), from the year the term began.  Pure: numbers in, a period out.
"""
from __future__ import annotations

import re

_SO_FAR = re.compile(r"本届以来|本届任期以来|任期以来|本届常委会")


def term_period(cue: str, report_year: int | None, session: int | None = None,
                work_year: int | None = None, term_start: int | None = None) -> str | None:
    """``"2018-2022"``: the years a term figure introduced by ``cue`` covers, or None.

    - ``report_year``: the year the report was delivered (None: no period);
    - ``session``: the session it was delivered at (第三次会议 → 3);
    - ``work_year``: the last year reported on (default ``report_year − 1``);
    - ``term_start``: the year the current term began, when known (congress_terms config).

    At a first session, or for ``过去五年``/``五年来``, the period is the five years that end
    with the work year; ``本届以来`` later in a term runs from the term's start.
    """
    if report_year is None:
        return None
    end = work_year if work_year is not None else report_year - 1
    if _SO_FAR.search(cue) and session and session > 1:
        start = term_start if term_start is not None else report_year - (session - 1)
        if start <= end:
            return f"{start}-{end}"
    return f"{end - 4}-{end}"
