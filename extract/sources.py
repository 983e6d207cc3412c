"""``config/sources.yaml``: what a person says about the documents under ``data/``.

Every field is optional; what is given overrides what is detected.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .config import CONFIG_DIR, Checker, load_yaml
from .gazetteer import LEVELS, Gazetteer

_FIELDS = {"file", "kind", "region", "level", "report_date", "work_year", "title", "masked"}
FIRST_YEAR = 1979  # the first year of local standing committees: no work report is older
_DATE = re.compile(r"(\d{4})(?:\s*[-./年]\s*(\d{1,2})(?:\s*[-./月]\s*(\d{1,2})\s*日?)?\s*月?)?\s*年?")


def last_year() -> int:
    """The latest work year a document can have: next year (a report may be dated ahead)."""
    return dt.date.today().year + 1


def parse_year(value) -> int | None:
    """A work year as people type it (2025, 2025年, ２０２５), or None when it is not a plausible one."""
    text = unicodedata.normalize("NFKC", str(value)).strip().removesuffix("年").strip()
    if isinstance(value, bool) or not re.fullmatch(r"\d{4}", text):
        return None
    year = int(text)
    return year if FIRST_YEAR <= year <= last_year() else None


def parse_date(value) -> str | None:
    """A report date as people type it (2026年1月10日, 2026-1-10, 2026.01.10, 2026/1/10, 2026年1月, 2026)
    as YYYY, YYYY-MM or YYYY-MM-DD; None when it is not a real date in the plausible years."""
    if isinstance(value, dt.date):
        value = value.isoformat()
    m = _DATE.fullmatch(unicodedata.normalize("NFKC", str(value)).strip())
    if not m or not FIRST_YEAR <= int(m.group(1)) <= last_year():
        return None
    year, month, day = (int(g) if g else None for g in m.groups())
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return "-".join([f"{year:04d}"] + [f"{x:02d}" for x in (month, day) if x])



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
            src.report_date = parse_date(date)
            if src.report_date is None:
                check.add(item.line_of("report_date"), f"{what}: report_date 应为 {FIRST_YEAR}–{last_year()} 年间的"
                          f"日期，如 2026-01-10、2026年1月10日 (expected a date)")
        year = item.get("work_year")
        if year is not None:
            src.work_year = parse_year(year) if isinstance(year, int) and not isinstance(year, bool) else None
            if src.work_year is None:
                check.add(item.line_of("work_year"), f"{what}: work_year 应为 {FIRST_YEAR}–{last_year()} 的年份整数"
                          f" (expected a year)")
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
