"""Count indicators: one pass over the numbers of a text, patterns tried around each.

Every number followed by a counting unit is a candidate.  A short window of
its sentence is cut around it, the number is replaced by a sentinel, and only
indicators whose keywords stand in the window try their patterns there.  This
keeps the cost proportional to the count of numbers, not of patterns × text.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .indicators import SENTINEL, Indicator, IndicatorSet
from .numbers import CN_DIGITS, NUMERAL, PREFIX_QUALIFIERS, parse_number

UNITS = "件次|人次|批次|件|部|个|项|次|名|人|条|场|家|期|篇|户|所|座|处|份"
_PREFIX = "|".join(sorted(PREFIX_QUALIFIERS, key=len, reverse=True))
# The leading lookahead lets the engine skip positions that cannot start a number.
TOKEN_RE = re.compile(
    rf"(?=[\d{CN_DIGITS}{''.join(sorted(set(''.join(PREFIX_QUALIFIERS))))}])(?<![\d.*＊])(?P<tok>(?:{_PREFIX})?{NUMERAL}(?:余|多)?)(?![*＊])(?=(?P<unit>{UNITS})(?P<tail>左右|以上)?)"
)
SENTENCE_END = re.compile(r"[。！？\n]")


@dataclass
class Hit:
    """One indicator value found in a text; offsets are into that text."""

    indicator: Indicator
    value: float
    qualifier: str
    start: int  # matched phrase
    end: int
    sent_start: int
    sent_end: int
    cue_text: str  # the sentence up to the match, for scope decisions
    unit: str = ""  # the unit as the text writes it (名, 人次, 件次 …)


class SentenceIndex:
    """Finds the sentence around an offset with one regex pass and bisect."""

    def __init__(self, text: str):
        self.ends = [m.end() for m in SENTENCE_END.finditer(text)]
        self.length = len(text)

    def around(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.ends, pos)
        start = self.ends[i - 1] if i > 0 else 0
        end = self.ends[i] if i < len(self.ends) else self.length
        return start, end


def find_counts(text: str, indset: IndicatorSet, spans: list[tuple[int, int]] | None = None,
                sentences: SentenceIndex | None = None) -> list[Hit]:
    """All indicator hits in ``text`` (or only inside ``spans``), in text order."""
    sentences = sentences or SentenceIndex(text)
    hits: list[Hit] = []
    for lo, hi in spans or [(0, len(text))]:
        for m in TOKEN_RE.finditer(text, lo, hi):
            hit = _match_number(text, m, indset, sentences)
            if hit:
                hits.append(hit)
    return hits


def _match_number(text: str, m: re.Match, indset: IndicatorSet, sentences: SentenceIndex) -> Hit | None:
    s, e = m.span("tok")
    sent_start, sent_end = sentences.around(s)
    ws = max(sent_start, s - indset.window_before)
    we = min(sent_end, e + indset.window_after)
    window = text[ws:s] + SENTINEL + text[e:we]
    best = None
    for ind in indset.candidates(window):
        mm = ind.regex.search(window)
        if mm and (best is None or mm.end() - mm.start() > best[1].end() - best[1].start()):
            best = (ind, mm)
    if best is None:
        return None
    parsed = parse_number(m.group("tok") + (m.group("tail") or ""))
    if parsed is None:
        return None
    ind, mm = best
    shift = (e - s) - 1
    sent_pos = s - ws  # sentinel index in window

    def to_text(i: int) -> int:
        return ws + i if i <= sent_pos else ws + i + shift

    start, end = to_text(mm.start()), to_text(mm.end())
    return Hit(ind, parsed[0], parsed[1], start, end, sent_start, sent_end, text[sent_start:start], m.group("unit"))
