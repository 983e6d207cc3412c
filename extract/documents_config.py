"""``config/documents.yaml``: document kinds, plan markers, section headings."""
from __future__ import annotations

import re
from dataclasses import dataclass
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



def load_documents_config(path: Path | None = None) -> DocumentsConfig:
    path = path or CONFIG_DIR / "documents.yaml"
    data, check = open_config(path, {"kinds", "plan_markers", "work_year_headings", "section_headings",
                                     "problem_markers"}, {"kinds"})
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
                          check.regex_list(data, "section_headings"), check.regex_list(data, "problem_markers"))
    check.raise_if_any()
    return cfg

