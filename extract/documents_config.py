"""``config/documents.yaml``: document kinds, plan markers, section headings."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .config import CONFIG_DIR, open_config


@dataclass(frozen=True)
class Cue:
    regex: re.Pattern
    weight: float
    head: bool


@dataclass(frozen=True)
class DocumentsConfig:
    kinds: dict[str, tuple[str, tuple[Cue, ...]]]  # kind -> (label, cues)
    plan_markers: tuple[re.Pattern, ...]
    work_year_headings: tuple[re.Pattern, ...]
    section_headings: tuple[re.Pattern, ...]
    problem_markers: tuple[re.Pattern, ...] = ()
    terms: "CongressTerms | None" = None
    term_review_markers: tuple[re.Pattern, ...] = ()
    news_plan_markers: tuple[re.Pattern, ...] = ()


@dataclass(frozen=True)
class CongressTerms:
    """Provincial congress terms: which term number began in ``reference_year``."""
    reference_year: int = 2023
    term_years: int = 5
    max_session: int = 3
    last_year_session: int = 0  # a session with this number or higher is held in the term's last year (0: never)
    current: dict = field(default_factory=dict)  # province full name or "default" -> term number

    def start_year(self, province: str | None, term: int) -> int | None:
        """The year term ``term`` of ``province``'s congress began (None if unknown)."""
        if not province:
            return None
        current = self.current.get(province, self.current.get("default"))
        if current is None or term <= 0:
            return None
        return self.reference_year - (current - term) * self.term_years



def load_documents_config(path: Path | None = None) -> DocumentsConfig:
    path = path or CONFIG_DIR / "documents.yaml"
    data, check = open_config(path, {"kinds", "plan_markers", "work_year_headings", "section_headings",
                                     "problem_markers", "congress_terms", "term_review_markers",
                                     "news_plan_markers"}, {"kinds"})
    kinds = {}
    raw_kinds = data.get("kinds") or {}
    if check.mapping(raw_kinds, data.line_of("kinds"), "kinds"):
        for kind, spec in raw_kinds.items():
            line = raw_kinds.line_of(kind)
            if not check.mapping(spec, line, f"kind {kind}"):
                continue
            check.keys(spec, {"label", "cues"}, {"label", "cues"}, f"kind {kind}")
            cues = []
            for cue in spec.get("cues") or []:
                cline = getattr(cue, "line", line)
                if not check.mapping(cue, cline, f"kind {kind} cue"):
                    continue
                check.keys(cue, {"pattern", "weight", "head"}, {"pattern"}, f"kind {kind} cue")
                weight = cue.get("weight", 1)
                if not isinstance(weight, (int, float)):
                    check.add(cue.line_of("weight"), f"kind {kind}: weight 应为数字 (expected a number)")
                    continue
                rx = check.regex(str(cue.get("pattern", "")), cue.line_of("pattern"), f"kind {kind}")
                if rx is not None:
                    cues.append(Cue(rx, float(weight), bool(cue.get("head", False))))
            kinds[str(kind)] = (str(spec.get("label", kind)), tuple(cues))
    cfg = DocumentsConfig(kinds, check.regex_list(data, "plan_markers"), check.regex_list(data, "work_year_headings"),
                          check.regex_list(data, "section_headings"), check.regex_list(data, "problem_markers"),
                          _congress_terms(data, check), check.regex_list(data, "term_review_markers"),
                          check.regex_list(data, "news_plan_markers"))
    check.raise_if_any()
    return cfg



def _congress_terms(data, check) -> CongressTerms | None:
    raw = data.get("congress_terms")
    if raw is None:
        return None
    line = data.line_of("congress_terms")
    if not check.mapping(raw, line, "congress_terms"):
        return None
    check.keys(raw, {"reference_year", "term_years", "max_session", "last_year_session", "current"},
               {"reference_year", "current"}, "congress_terms")
    ints = {}
    for key, default in (("reference_year", 2023), ("term_years", 5), ("max_session", 3), ("last_year_session", 6)):
        value = raw.get(key, default)
        if not isinstance(value, int) or value <= 0:
            check.add(raw.line_of(key), f"congress_terms: '{key}' 应为正整数 (expected a positive integer)")
            value = default
        ints[key] = value
    current = {}
    cur = raw.get("current") or {}
    if check.mapping(cur, raw.line_of("current"), "congress_terms.current"):
        for name, term in cur.items():
            if not isinstance(term, int) or term <= 0:
                check.add(cur.line_of(name), f"congress_terms.current: '{name}' 应为届次数字 (expected a term number)")
            else:
                current[str(name)] = term
    return CongressTerms(current=current, **ints)
