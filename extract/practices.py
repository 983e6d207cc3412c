"""Named practices: quoted brands (“三推两助”, “124N”, “心连心”代表工作室) and named measures.

The rule that tells a brand from other quoted text lives in
``config/practices.yaml``: titles in 《》, quoted speech (sentence punctuation
inside) and slogans every report quotes are not brands; a quoted phrase is a
brand when it is built on numbers, or a practice noun follows it, or a verb of
launching introduces it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .config import CONFIG_DIR, open_config

_QUOTES = (re.compile(r"“([^“”\n]{1,60})”"), re.compile(r"‘([^‘’\n]{1,60})’"))  # nested quotes: two passes


@dataclass(frozen=True)
class PracticeConfig:
    max_chars: int
    numeric: re.Pattern
    suffixes: tuple[str, ...]
    verbs_before: tuple[str, ...]
    exclude: frozenset[str]
    speech: re.Pattern
    measure: re.Pattern | None
    exclude_patterns: tuple[re.Pattern, ...] = ()
    bad_starts: re.Pattern | None = None
    stop_patterns: tuple[re.Pattern, ...] = ()  # names that are no practice of the congress, any kind
    stop_names: frozenset[str] = frozenset()
    bare_code: re.Pattern | None = None  # a quoted code (“2342”, “12345”) is no name without a practice noun
    measure_min_chars: int = 0


@dataclass
class Practice:
    name: str  # as shown: “心连心”代表工作室
    key: str  # merge key: 心连心
    kind: str  # brand | measure
    start: int
    end: int


_KEY_DROP = {ord(c): None for c in " \t\n\u3000“”‘’\"'「」『』"}


def practice_key(text: str) -> str:
    """The same brand written differently gets one key (quotes, spaces, full-width letters and digits)."""
    from .normalize import _FULLWIDTH

    return text.translate(_FULLWIDTH).translate(_KEY_DROP)


def load_practice_config(path: Path | None = None) -> PracticeConfig:
    path = path or CONFIG_DIR / "practices.yaml"
    data, check = open_config(path, {"brands", "measures", "stop"}, {"brands"})
    brands = data.get("brands") or {}
    numeric = speech = measure = bad_starts = None
    exclude_patterns: list[re.Pattern] = []
    if check.mapping(brands, data.line_of("brands"), "brands"):
        check.keys(brands, {"max_chars", "numeric", "suffixes", "verbs_before", "exclude", "speech_chars",
                            "exclude_patterns"}, {"numeric"}, "brands")
        for i, pat in enumerate(check.string_list(brands, "exclude_patterns", "brands")):
            rx = check.regex(pat, brands.line_of("exclude_patterns"), "brands.exclude_patterns")
            if rx is not None:
                exclude_patterns.append(rx)
        numeric = check.regex(str(brands.get("numeric", "")), brands.line_of("numeric"), "brands.numeric")
        speech = check.regex(str(brands.get("speech_chars", "[，。！？；：]")), brands.line_of("speech_chars"),
                             "brands.speech_chars")
    measures = data.get("measures") or {}
    if measures and check.mapping(measures, data.line_of("measures"), "measures"):
        check.keys(measures, {"verbs", "nouns", "max_chars", "bad_starts"}, {"verbs", "nouns"}, "measures")
        if "bad_starts" in measures:
            bad_starts = check.regex(str(measures["bad_starts"]), measures.line_of("bad_starts"), "measures.bad_starts")
        verbs = sorted(check.string_list(measures, "verbs", "measures"), key=len, reverse=True)
        nouns = sorted(check.string_list(measures, "nouns", "measures"), key=len, reverse=True)
        limit = measures.get("max_chars", 40)
        if verbs and nouns:
            first = "".join(sorted({v[0] for v in verbs}))  # lets the engine skip other positions fast
            measure = re.compile(f"(?=[{re.escape(first)}])(?:{'|'.join(map(re.escape, verbs))})(?:了)?"
                                 f"([^，。；！？：\n]{{2,{int(limit)}}}(?:{'|'.join(map(re.escape, nouns))}))(?![化性])")
    stop = data.get("stop") or {}
    stop_patterns, stop_names, bare_code, min_chars = (), frozenset(), None, 0
    if stop and check.mapping(stop, data.line_of("stop"), "stop"):
        check.keys(stop, {"patterns", "names", "bare_code", "measure_min_chars"}, set(), "stop")
        stop_patterns = check.regex_list(stop, "patterns")
        stop_names = frozenset(practice_key(n) for n in check.string_list(stop, "names", "stop"))
        if "bare_code" in stop:
            bare_code = check.regex(str(stop["bare_code"]), stop.line_of("bare_code"), "stop.bare_code")
        min_chars = stop.get("measure_min_chars", 0)
        if not isinstance(min_chars, int) or min_chars < 0:
            check.add(stop.line_of("measure_min_chars"), "'measure_min_chars' 应为非负整数 (expected a non-negative integer)")
            min_chars = 0
    max_chars = brands.get("max_chars", 24) if isinstance(brands, dict) else 24
    cfg = PracticeConfig(int(max_chars), numeric or re.compile("(?!)"),
                         tuple(sorted(check.string_list(brands, "suffixes", "brands") if isinstance(brands, dict) else [],
                                      key=len, reverse=True)),
                         tuple(check.string_list(brands, "verbs_before", "brands") if isinstance(brands, dict) else []),
                         frozenset(str(x) for x in brands.get("exclude") or []) if isinstance(brands, dict) else frozenset(),
                         speech or re.compile("(?!)"), measure, tuple(exclude_patterns), bad_starts,
                         stop_patterns, stop_names, bare_code, int(min_chars))
    check.raise_if_any()
    return cfg


@lru_cache(maxsize=1)
def default_practice_config() -> PracticeConfig:
    return load_practice_config()


def _inside_book_title(text: str, pos: int) -> bool:
    opened = text.rfind("《", max(0, pos - 60), pos)
    return opened != -1 and text.find("》", opened, pos) == -1


def is_brand(text: str, start: int, end: int, inner: str, cfg: PracticeConfig) -> str | None:
    """The brand's display name if the quote at text[start:end] is a brand, else None."""
    key = practice_key(inner)
    after = text[end:end + 8]
    suffix = next((s for s in cfg.suffixes if after.startswith(s)), "")
    limit = cfg.max_chars * 2 if suffix else cfg.max_chars  # named activities run long
    if not 2 <= len(inner) <= limit or key in cfg.exclude or any(p.search(key) for p in cfg.exclude_patterns):
        return None
    if _inside_book_title(text, start):
        return None
    if cfg.speech.search(inner) and not suffix:
        return None
    if not suffix and ("、" in inner or (cfg.bare_code is not None and cfg.bare_code.match(key))):
        return None  # a slogan of listed words, or a bare number code (“2342”, “12345”)
    before = text[max(0, start - 6):start]
    introduced = any(before.endswith(v) or before[:-1].endswith(v) for v in cfg.verbs_before)
    if cfg.numeric.match(inner) or suffix or introduced:
        return text[start:end] + suffix
    return None


def find_practices(text: str, lo: int, hi: int, cfg: PracticeConfig) -> list[Practice]:
    """Brands and named measures in text[lo:hi], in text order."""
    out: list[Practice] = []
    for quote in _QUOTES:
        for m in quote.finditer(text, lo, hi):
            name = is_brand(text, m.start(), m.end(), m.group(1), cfg)
            if name:
                out.append(Practice(name, practice_key(m.group(1)), "brand", m.start(), m.start() + len(name)))
    if cfg.measure is not None:
        for m in _measures(text, lo, hi, cfg):
            name = m.group(1)
            if name.count("“") != name.count("”") or "《" in name and "》" not in name:
                continue  # a name cut inside quotes or a title
            if len(name) < cfg.measure_min_chars or "等" in name:
                continue  # a fragment (实施意见, 控制机制) or an enumeration (调查研究、督办等制度)
            if not any(p.start <= m.start(1) < p.end for p in out):
                out.append(Practice(name, name_key(name), "measure", m.start(1), m.end(1)))
    out = [p for p in out if not stopped(p, cfg)]
    out.sort(key=lambda p: p.start)
    return out


def _measures(text: str, lo: int, hi: int, cfg: PracticeConfig):
    """Matches of the measure pattern; where a name starts wrongly (迭代升级建设…: 升级 is a second verb)
    the search resumes inside it, so that the inner verb (建设) can open the name instead."""
    pos = lo
    while True:
        m = cfg.measure.search(text, pos, hi)
        if m is None:
            return
        if cfg.bad_starts is not None and cfg.bad_starts.search(m.group(1)):
            pos = m.start(1)
            continue
        yield m
        pos = m.end()


def name_key(name: str) -> str:
    """The merge key of a written name: its last quoted part where it has one
    (交办“双组长”协调机制 and “双组长” are one practice), else the whole name."""
    quoted = re.findall(r"[“‘]([^“”‘’]{2,})[”’]", name)
    return practice_key(quoted[-1] if quoted else name)


def stopped(p: Practice, cfg: PracticeConfig) -> bool:
    """Names that are no practice of the congress: party or national boilerplate, what it supervises,
    generic words (``stop`` in config/practices.yaml)."""
    return p.key in cfg.stop_names or p.key in cfg.exclude or practice_key(p.name) in cfg.stop_names or any(
        rx.search(p.name) for rx in cfg.stop_patterns)
