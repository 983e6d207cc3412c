"""Figures a text gives with the thing they count: ``安徽 … 实践站1306个`` → (1306, 个, 实践站).

Compilations, journal pages and speeches quote many numbers that no fixed
indicator pattern knows.  Each number followed by a counting unit becomes one
figure row with its noun phrase: the words after the unit up to a stop word
(``32名自治区省军级领导以人大代表身份…`` → 自治区省军级领导), or, when the
unit ends the clause, the words before the number back to a leading verb
(``建设…实践站1306个`` → 实践站).  Types in ``config/figures.yaml`` name what
the clause is about and map it to a fixed indicator where one fits.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .config import CONFIG_DIR, open_config
from .counts import TOKEN_RE
from .numbers import parse_number

_CLAUSE = re.compile(r"[，,。；;：:！？\n（(）)]")
_TRIM = "、 "


@dataclass(frozen=True)
class FigureType:
    id: str
    label: str
    match: tuple[re.Pattern, ...]
    indicator: str | None


@dataclass(frozen=True)
class FigureConfig:
    kinds: frozenset[str]
    stop_words: tuple[str, ...]
    lead_verbs: tuple[str, ...]
    max_noun_chars: int
    types: tuple[FigureType, ...]


def load_figure_config(path: Path | None = None) -> FigureConfig:
    """Read and validate ``config/figures.yaml`` (problems as file:line: message)."""
    from .indicators import FIXED_IDS

    path = path or CONFIG_DIR / "figures.yaml"
    if not Path(path).exists():  # an older config directory without the file: no figures
        return FigureConfig(frozenset(), (), (), 20, ())
    data, check = open_config(path, {"kinds", "stop_words", "lead_verbs", "max_noun_chars", "types"}, {"types"})
    kinds = check.string_list(data, "kinds", "figures.yaml")
    stops = sorted(check.string_list(data, "stop_words", "figures.yaml"), key=len, reverse=True)
    leads = sorted(check.string_list(data, "lead_verbs", "figures.yaml"), key=len, reverse=True)
    limit = data.get("max_noun_chars", 20)
    if not isinstance(limit, int) or limit < 2:
        check.add(data.line_of("max_noun_chars"), "'max_noun_chars' 应为不小于 2 的整数 (expected an integer ≥ 2)")
        limit = 20
    types = []
    for tid, spec in check.entries(data, "types", "type"):
        check.keys(spec, {"label", "match", "indicator"}, {"label", "match"}, f"type {tid}")
        indicator = spec.get("indicator")
        if indicator is not None and indicator not in FIXED_IDS:
            check.add(spec.line_of("indicator"), f"type {tid}: 未知指标 '{indicator}' (not a fixed indicator id)")
            indicator = None
        types.append(FigureType(str(tid), str(spec.get("label", tid)), check.regex_list(spec, "match"), indicator))
    check.raise_if_any()
    return FigureConfig(frozenset(kinds), tuple(stops), tuple(leads), int(limit), tuple(types))


@lru_cache(maxsize=1)
def default_figure_config() -> FigureConfig:
    return load_figure_config()


@dataclass
class Figure:
    value: float
    qualifier: str
    unit: str
    noun: str
    clause: str
    type: FigureType | None
    start: int  # the number and its unit
    end: int


def _clause_bounds(text: str, lo: int, hi: int, pos: int) -> tuple[int, int]:
    a = max((m.end() for m in _CLAUSE.finditer(text, max(lo, pos - 80), pos)), default=max(lo, pos - 80))
    m = _CLAUSE.search(text, pos, min(hi, pos + 80))
    return a, (m.start() if m else min(hi, pos + 80))


def _cut_at(words: tuple[str, ...], phrase: str) -> str:
    cut = min((i for i in (phrase.find(w) for w in words) if i > 0), default=len(phrase))
    return phrase[:cut]


def _balanced(phrase: str) -> str:
    """Put back the opening quote a cut removed (一府一委两院”进站协商 → “一府一委两院”进站协商)."""
    for o, c in ("“”", "‘’"):
        if phrase.count(c) > phrase.count(o):
            phrase = o + phrase
        elif phrase.count(o) > phrase.count(c):
            phrase = phrase.replace(o, "", 1) if phrase.endswith(o) else phrase + c
    return phrase


def _noun(text: str, clause: tuple[int, int], num_start: int, unit_end: int, cfg: FigureConfig) -> str:
    after = _balanced(_cut_at(cfg.stop_words + ("、",), text[unit_end:clause[1]]).strip(_TRIM))
    if len(after) >= 2 and not after[0].isdigit():
        return after[:cfg.max_noun_chars]
    before = text[clause[0]:num_start]
    lead = max((before.rfind(v) + len(v) for v in cfg.lead_verbs if v in before), default=0)
    before = before[max(lead, before.rfind("、") + 1):].strip(_TRIM)
    before = _balanced(before[-cfg.max_noun_chars:])
    return before if len(before) >= 2 else ""


def find_figures(text: str, lo: int, hi: int, cfg: FigureConfig) -> list[Figure]:
    """Figures written with Arabic digits in text[lo:hi] (ordinals such as 第1期 and masked numbers left out)."""
    out = []
    for m in TOKEN_RE.finditer(text, lo, hi):
        tok = m.group("tok")
        if not re.search(r"\d", tok) or text[max(lo, m.start() - 1):m.start()] == "第":
            continue
        parsed = parse_number(tok + (m.group("tail") or ""))
        if parsed is None:
            continue
        unit_end = m.end("unit") + len(m.group("tail") or "")
        clause = _clause_bounds(text, lo, hi, m.start())
        noun = _noun(text, clause, m.start(), unit_end, cfg)
        if not noun:
            continue
        ctext = text[clause[0]:clause[1]]
        ftype = next((t for where in (noun, ctext) for t in cfg.types if any(p.search(where) for p in t.match)), None)
        out.append(Figure(parsed[0], parsed[1], m.group("unit"), noun, ctext, ftype, m.start(), unit_end))
    return out
