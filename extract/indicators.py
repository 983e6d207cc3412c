"""The count indicators of ``config/indicators.yaml``: loading and validation."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .config import CONFIG_DIR, Checker, open_config, requires_literal
from .patterns import bounded

SENTINEL = "\ue000"  # stands for the number inside a matching window
FIXED_IDS = (
    "laws_enacted", "laws_amended", "laws_repealed", "legislative_interpretations",
    "draft_laws_reviewed", "laws_approved", "reports_reviewed", "law_inspections",
    "special_inquiries", "normative_docs_reviewed", "resolutions", "appointments",
    "motions", "suggestions", "key_suggestions", "deputies_trained", "petitions",
    "residents_received", "liaison_stations", "deputy_homes", "standing_sessions",
    "study_sessions",
)
CATEGORIES = ("立法", "监督", "决定任免", "代表工作", "联系群众", "自身建设")
_IND_KEYS = {"id", "label", "category", "unit", "keywords", "patterns"}
_SETTING_KEYS = {"window_before", "window_after", "gap_max", "total_cues", "part_cues", "term_cues", "future_cues",
                 "term_patterns"}


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str
    category: str
    unit: str
    keywords: tuple[str, ...]
    regex: re.Pattern | None  # extra patterns (optional) as one alternation, {N} as SENTINEL


@dataclass(frozen=True)
class IndicatorSet:
    indicators: tuple[Indicator, ...]
    window_before: int
    window_after: int
    total_cues: tuple[str, ...]
    part_cues: tuple[str, ...]
    term_cues: tuple[str, ...]
    future_cues: tuple[str, ...] = ()
    grammar: object = None  # extract.grammar.Grammar of grammar.yaml beside indicators.yaml
    term_re: re.Pattern | None = None

    def is_term(self, text: str) -> bool:
        """Whether ``text`` speaks of a whole term (过去五年, 5年来, 本届以来 …)."""
        return any(c in text for c in self.term_cues) or bool(self.term_re and self.term_re.search(text))

    def __post_init__(self):
        keywords = sorted({k for i in self.indicators for k in i.keywords}, key=len, reverse=True)
        by_kw: dict[str, list[Indicator]] = {}
        for ind in self.indicators:
            if ind.regex is None:
                continue
            for k in ind.keywords:
                by_kw.setdefault(k, []).append(ind)
        object.__setattr__(self, "by_keyword", by_kw)
        object.__setattr__(self, "always", tuple(i for i in self.indicators if not i.keywords and i.regex is not None))
        object.__setattr__(self, "by_id", {i.id: i for i in self.indicators})
        pattern = "(?=(" + "|".join(map(re.escape, keywords)) + "))" if keywords else r"(?!)"
        object.__setattr__(self, "keyword_re", re.compile(pattern))

    def candidates(self, window: str) -> list[Indicator]:
        """Indicators whose keywords stand in ``window``, in config order."""
        found = {ind.id for k in set(self.keyword_re.findall(window)) for ind in self.by_keyword[k]}
        return [i for i in self.indicators if i.id in found] + list(self.always)


def expand_pattern(pattern: str, gap_max: int) -> str:
    gap = rf"[^，。；！？：、\n{SENTINEL}]{{0,{gap_max}}}?"
    return pattern.replace("{N}", SENTINEL).replace("{G}", gap)


def load_indicators(path: Path | None = None) -> IndicatorSet:
    path = path or CONFIG_DIR / "indicators.yaml"
    data, check = open_config(path, {"settings", "indicators"}, {"indicators"})
    settings = data.get("settings") or {}
    if settings and check.mapping(settings, data.line_of("settings"), "settings"):
        check.keys(settings, _SETTING_KEYS, set(), "settings")
    ints = {}
    for key, default in (("window_before", 40), ("window_after", 20), ("gap_max", 10)):
        value = settings.get(key, default) if isinstance(settings, dict) else default
        if not isinstance(value, int) or not 0 < value <= 200:
            check.add(settings.line_of(key), f"settings.{key} 应为 1–200 的整数 (expected an integer 1–200)")
            value = default
        ints[key] = value
    cues = {k: tuple(check.string_list(settings, k, "settings")) if isinstance(settings, dict) else ()
            for k in ("total_cues", "part_cues", "term_cues", "future_cues")}
    term_res = check.regex_list(settings, "term_patterns") if isinstance(settings, dict) else ()
    indicators = []
    seen: set[str] = set()
    items = data.get("indicators")
    if not isinstance(items, list):
        check.add(data.line_of("indicators"), "indicators 应为列表 (expected a list)")
        items = []
    for item in items:
        ind = _load_one(check, item, ints["gap_max"], seen)
        if ind:
            indicators.append(ind)
    check.raise_if_any()
    from .grammar import load_grammar

    ids = {i.id for i in indicators}
    grammar_path = path.parent / "grammar.yaml"
    grammar = load_grammar(grammar_path, ids) if grammar_path.exists() else None
    return IndicatorSet(tuple(indicators), ints["window_before"], ints["window_after"], **cues, grammar=grammar,
                        term_re=re.compile("|".join(r.pattern for r in term_res)) if term_res else None)


def _load_one(check: Checker, item, gap_max: int, seen: set[str]) -> Indicator | None:
    line = getattr(item, "line", 0)
    if not check.mapping(item, line, "indicator"):
        return None
    check.keys(item, _IND_KEYS, {"id", "label", "category", "unit"}, f"indicator {item.get('id', '?')}")
    ind_id = item.get("id")
    what = f"indicator {ind_id}"
    if not isinstance(ind_id, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", ind_id):
        check.add(item.line_of("id"), f"{what}: id 应为小写英文标识 (expected a lower-case identifier)")
    elif ind_id in seen:
        check.add(item.line_of("id"), f"{what}: id 重复 (duplicate id)")
    seen.add(ind_id)
    if item.get("category") not in CATEGORIES:
        check.add(item.line_of("category"), f"{what}: 未知类别 '{item.get('category')}' (category must be one of {', '.join(CATEGORIES)})")
    for key in ("label", "unit"):
        if key in item and not isinstance(item[key], str):
            check.add(item.line_of(key), f"{what}: '{key}' 应为字符串 (expected a string)")
    patterns = check.string_list(item, "patterns", what)
    keywords = check.string_list(item, "keywords", what)
    compiled = []
    for i, pattern in enumerate(patterns):
        pline = item["patterns"].line + i if hasattr(item["patterns"], "line") else item.line_of("patterns")
        if pattern.count("{N}") != 1:
            check.add(pline, f"{what}: 每个模式须含且只含一个 {{N}} (each pattern needs exactly one {{N}})")
            continue
        rx = check.regex(expand_pattern(pattern, gap_max), pline, what)
        if rx is not None and not requires_literal(rx.pattern, SENTINEL):
            check.add(pline, f"{what}: {{N}} 须是每次匹配都有的部分（不能可选，也不能只在某个分支里）"
                             f" (the number must be part of every match): {pattern}")
        elif rx is not None:
            compiled.append(rx.pattern)
    if patterns and not compiled:
        return None
    regex = bounded("|".join(f"(?:{p})" for p in compiled), 0, f"{check.file}:{line}") if compiled else None
    return Indicator(ind_id, item.get("label", ind_id), item.get("category", ""), item.get("unit", ""),
                     tuple(keywords), regex)

