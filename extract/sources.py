"""``config/sources.yaml``: what a person says about the documents under ``data/``.

Every field is optional; what is given overrides what is detected.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .config import CONFIG_DIR, Checker, load_yaml
from .gazetteer import LEVELS, Gazetteer

_FIELDS = {"file", "kind", "region", "level", "report_date", "work_year", "title", "masked"}


@dataclass
class Source:
    file: str
    kind: str | None = None
    region: str | None = None
    level: str | None = None
    report_date: str | None = None
    work_year: int | None = None
    title: str | None = None
    masked: dict[str, str] = field(default_factory=dict)


def load_sources(path: Path | None = None, gaz: Gazetteer | None = None,
                 kinds: tuple[str, ...] = ()) -> dict[str, Source]:
    """Sources keyed by their path relative to ``data/`` (with forward slashes)."""
    path = path or CONFIG_DIR / "sources.yaml"
    data = load_yaml(path) or {}
    check = Checker(path)
    out: dict[str, Source] = {}
    if not check.mapping(data, 1, "sources.yaml"):
        check.raise_if_any()
    check.keys(data, {"documents"}, set(), "sources.yaml")
    items = data.get("documents") or []
    if not isinstance(items, list):
        check.add(data.line_of("documents"), "documents 应为列表 (expected a list)")
        items = []
    for item in items:
        line = getattr(item, "line", 0)
        if not check.mapping(item, line, "document"):
            continue
        check.keys(item, _FIELDS, {"file"}, f"document {item.get('file', '?')}")
        src = Source(file=str(item.get("file", "")).replace("\\", "/"))
        what = f"document {src.file}"
        for key in ("kind", "region", "level", "title"):
            value = item.get(key)
            if value is not None and not isinstance(value, str):
                check.add(item.line_of(key), f"{what}: '{key}' 应为字符串 (expected a string)")
            else:
                setattr(src, key, value)
        if src.kind and kinds and src.kind not in kinds:
            check.add(item.line_of("kind"), f"{what}: 未知文档类型 '{src.kind}' (kind must be one of {', '.join(kinds)})")
        if src.level and src.level not in LEVELS:
            check.add(item.line_of("level"), f"{what}: level 应为 {'/'.join(LEVELS)} 之一")
        if src.region and gaz and not gaz.lookup(src.region):
            check.add(item.line_of("region"), f"{what}: 地名录中没有 '{src.region}' (unknown region; add it to config/regions.yaml)")
        date = item.get("report_date")
        if isinstance(date, dt.date):
            date = date.isoformat()
        if date is not None:
            if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", str(date)):
                check.add(item.line_of("report_date"), f"{what}: report_date 应为 YYYY、YYYY-MM 或 YYYY-MM-DD")
            src.report_date = str(date)
        year = item.get("work_year")
        if year is not None:
            if not isinstance(year, int) or not 1949 <= year <= 2100:
                check.add(item.line_of("work_year"), f"{what}: work_year 应为年份整数 (expected a year)")
            else:
                src.work_year = year
        masked = item.get("masked") or {}
        if not isinstance(masked, dict):
            check.add(item.line_of("masked"), f"{what}: masked 应为映射，如 {{市: 丽水市}}")
        else:
            src.masked = {str(k): str(v) for k, v in masked.items()}
        if src.file in out:
            check.add(item.line_of("file"), f"{what}: 文件重复列出 (listed twice)")
        out[src.file] = src
    check.raise_if_any()
    return out


UPLOAD_DIR = "uploads"
UPLOAD_SOURCES = "uploads/sources.yaml"


def load_all_sources(config_dir: Path, data_dir: Path, gaz: Gazetteer | None = None,
                     kinds: tuple[str, ...] = ()) -> dict[str, Source]:
    """config/sources.yaml, plus what editors set through the dashboard (data/uploads/sources.yaml).

    Both are what a person says; an entry of the second wins for its file.
    """
    from .config import ConfigError

    problems = []
    merged: dict[str, Source] = {}
    for path in (Path(config_dir) / "sources.yaml", Path(data_dir) / UPLOAD_SOURCES):
        if path.name and (path.exists() or path.parent == Path(config_dir)):
            try:
                merged.update(load_sources(path, gaz, kinds))
            except ConfigError as exc:
                problems.extend(exc.problems)
    if problems:
        raise ConfigError(problems)
    return merged
