"""Configuration of practice types (同类做法): ``config/practice_types.yaml``.

The grouping itself runs over the store's tables in ``analysis/practice_types.py``;
this module only reads and validates the config, so that ``python -m extract
check`` reports its problems as file:line: message like every other file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .config import CONFIG_DIR, open_config


@dataclass(frozen=True)
class PracticeType:
    id: str
    name: str  # the group's name as the dashboard shows it
    terms: tuple[re.Pattern, ...]  # key terms: a statement matching one belongs to the type


@dataclass(frozen=True)
class PracticeTypes:
    similarity: float  # cosine similarity above which two statements of different regions group
    min_regions: int  # a group shows when at least this many regions do it
    boilerplate: tuple[str, ...]  # words every statement shares, removed before comparing
    types: tuple[PracticeType, ...]


def load_practice_types(path: Path | None = None) -> PracticeTypes:
    path = path or CONFIG_DIR / "practice_types.yaml"
    if not Path(path).exists():
        return PracticeTypes(0.45, 2, (), ())
    data, check = open_config(path, {"similarity", "min_regions", "boilerplate", "types"}, {"types"})
    similarity = data.get("similarity", 0.45)
    if not isinstance(similarity, (int, float)) or not 0 < similarity <= 1:
        check.add(data.line_of("similarity"), "'similarity' 应为 0 到 1 之间的数 (expected a number in (0, 1])")
        similarity = 0.45
    min_regions = data.get("min_regions", 2)
    if not isinstance(min_regions, int) or min_regions < 1:
        check.add(data.line_of("min_regions"), "'min_regions' 应为正整数 (expected a positive integer)")
        min_regions = 2
    boiler = sorted(check.string_list(data, "boilerplate", "practice_types.yaml"), key=len, reverse=True)
    types, names = [], {}
    for tid, spec in check.entries(data, "types", "type"):
        check.keys(spec, {"name", "terms"}, {"name", "terms"}, f"type {tid}")
        name = spec.get("name")
        if not isinstance(name, str) or not name.strip():
            check.add(spec.line_of("name"), f"type {tid}: 'name' 应为非空字符串 (expected a non-empty string)")
            continue
        if name in names:
            check.add(spec.line_of("name"), f"type {tid}: 名称“{name}”与 {names[name]} 重复 (duplicate name)")
        names[name] = tid
        terms = check.regex_list(spec, "terms")
        if not terms and "terms" in spec:
            check.add(spec.line_of("terms"), f"type {tid}: 至少需要一个关键词 (needs a key term)")
        types.append(PracticeType(str(tid), name.strip(), terms))
    check.raise_if_any()
    return PracticeTypes(float(similarity), int(min_regions), tuple(boiler), tuple(types))
