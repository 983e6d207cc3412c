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

from .grammar import Tok, read_sentence
from .indicators import SENTINEL, Indicator, IndicatorSet
from .numbers import CN_DIGITS, NUMERAL, PREFIX_QUALIFIERS, parse_number

UNITS = "件次|人次|批次|件|部|个|项|次|名|人|条|场|家|期|篇|户|所|座|处|份"
_PREFIX = "|".join(sorted(PREFIX_QUALIFIERS, key=len, reverse=True))
# The leading lookahead lets the engine skip positions that cannot start a number.
TOKEN_RE = re.compile(
    rf"(?=[\d{CN_DIGITS}{''.join(sorted(set(''.join(PREFIX_QUALIFIERS))))}])(?<![\d.*＊第])(?P<tok>(?:{_PREFIX})?{NUMERAL}(?:余|多)?)(?![*＊])(?=(?P<unit>{UNITS})(?P<tail>左右|以上)?)"
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
    rank: int = 0  # how precise the phrasing is: the headline prefers higher ranks
    para_cue: str = ""  # the paragraph up to the match (一年来，…。审议法规案15件)


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
    """All indicator hits in ``text`` (or only inside ``spans``), in text order.

    The grammar (config/grammar.yaml) reads each number in its clause; numbers it
    leaves alone are offered to the optional regex patterns of indicators.yaml.
    """
    sentences = sentences or SentenceIndex(text)
    hits: list[Hit] = []
    for lo, hi in spans or [(0, len(text))]:
        by_sentence: dict[tuple[int, int], list[re.Match]] = {}
        s0 = s1 = -1
        for m in TOKEN_RE.finditer(text, lo, hi):
            if m.start("tok") >= s1:
                s0, s1 = sentences.around(m.start("tok"))
                if text.startswith("其中", s0) and s0 > 0:  # 审议法规案12件。其中，通过7件: one sentence
                    s0 = sentences.around(s0 - 1)[0]
            by_sentence.setdefault((s0, s1), []).append(m)
        for (s0, s1), matches in by_sentence.items():
            hits.extend(_sentence_hits(text, s0, s1, matches, indset, sentences))
    return hits


def _sentence_hits(text, s0, s1, matches, indset, sentences) -> list[Hit]:
    readings = {}
    if indset.grammar is not None:
        toks = [Tok(m.start("tok"), m.end("unit"), "num", unit=m.group("unit")) for m in matches]
        readings = read_sentence(text, s0, s1, toks, indset.grammar)
    out = []
    for m in matches:
        r = readings.get(m.start("tok"))
        if r is None:
            hit = _match_number(text, m, indset, sentences) if indset.by_keyword or indset.always else None
        else:
            hit = _hit_from_reading(text, m, r, indset, s0, s1)
        if hit:
            out.append(hit)
    if indset.grammar is not None and indset.grammar.sum_in_sentence:
        out = _sum_side_by_side(out, indset.grammar.sum_in_sentence, indset)
    return out


def _hit_from_reading(text, m, r, indset, s0, s1) -> Hit | None:
    parsed = parse_number(m.group("tok") + (m.group("tail") or ""))
    if parsed is None:
        return None
    ind = indset.by_id[r.indicator]
    p0 = max(text.rfind("\n", 0, s0) + 1, s0 - 300)
    return Hit(ind, parsed[0], parsed[1], r.start, r.end, s0, s1, text[s0:r.start], m.group("unit"), r.rank,
               text[p0:r.start])


def _sum_side_by_side(hits: list[Hit], summed: frozenset, indset: IndicatorSet) -> list[Hit]:
    """批准设区的市法规20件、单行条例5件: one value of 25 (no 其中 between them)."""
    out: list[Hit] = []
    for hit in hits:
        prev = out[-1] if out else None
        if (prev and hit.indicator.id in summed and prev.indicator.id == hit.indicator.id
                and not any(c in hit.cue_text[len(prev.cue_text):] for c in indset.part_cues)
                and not any(c in prev.cue_text for c in indset.part_cues)):
            qualifier = prev.qualifier if prev.qualifier == hit.qualifier else "at_least"
            out[-1] = Hit(prev.indicator, prev.value + hit.value, qualifier, prev.start, hit.end,
                          prev.sent_start, prev.sent_end, prev.cue_text, prev.unit, max(prev.rank, hit.rank),
                          prev.para_cue)
            continue
        out.append(hit)
    return out


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
