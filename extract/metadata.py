"""Document metadata read from the text: kind, region, level, report date, work year."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .documents_config import DocumentsConfig
from .gazetteer import Gazetteer, Region

HEAD_CHARS = 600
# Phrases that name the body whose report or document this is, after a region name.
_CONGRESS_ANCHOR = re.compile(r"(?:人民代表大会常务委员会|人大常委会|人民代表大会常委会|人大党委会|人大)")
_SESSION = re.compile(r"在([^\n。，]{2,24}?)第[一二三四五六七八九十]+届人民代表大会第[一二三四五六七八九十]+次会议上")
_REPORT_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日(?:在|于)[^。\n]{0,40}?会议上")
_DATE_LINE = re.compile(r"(?m)^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_CN_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}
_CN_DATE = re.compile(r"([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
_TITLE_YEAR = re.compile(r"(?m)^(\d{4})年[^\n]{0,30}(?:工作报告|摘编|汇编)")


@dataclass
class DocMeta:
    kind: str | None = None
    region: str | None = None
    level: str | None = None
    report_date: str | None = None
    work_year: int | None = None
    title: str = ""
    source: dict = field(default_factory=dict)  # field -> "detected" | "configured"


def detect_kind(text: str, cfg: DocumentsConfig) -> str | None:
    head = text[:HEAD_CHARS]
    best, best_score = None, 0.0
    for kind, (_label, cues) in cfg.kinds.items():
        score = 0.0
        for cue in cues:
            hits = len(cue.regex.findall(head if cue.head else text))
            score += cue.weight * min(hits, 3)
        if score > best_score:
            best, best_score = kind, score
    return best


def region_before(text: str, pos: int, gaz: Gazetteer, reach: int = 16) -> Region | None:
    """The region named immediately before ``pos`` (e.g. 安徽省定远县|人大常委会).

    A masked name (``*市``) or no name gives None.
    """
    lo = max(0, pos - reach)
    chunk = text[lo:pos]
    found = list(gaz.find(chunk))
    ending = [f for f in found if f[1] == len(chunk)]
    if not ending:
        return None
    start, _end, name = ending[0]
    if start > 0 and chunk[start - 1] in "*＊":
        return None
    before = [f for f in found if f[1] == start]  # 杭州市|西湖区, 安徽省|定远县
    parent = gaz.lookup(before[-1][2]) if before else None
    return gaz.lookup(name, within=parent)


def detect_region(text: str, gaz: Gazetteer) -> Region | None:
    """Title first (the congress whose document it is), then the body."""
    region = congress_region(text[:HEAD_CHARS], gaz, _CONGRESS_ANCHOR)
    if region:
        return region
    m = _SESSION.search(text)
    if m:  # 在南京市鼓楼区第十八届人民代表大会第五次会议上
        region = region_before(m.group(1), len(m.group(1)), gaz)
        if region:
            return region
    return congress_region(text, gaz, _CHAIR)


_CONGRESS = re.compile(r"人大常委会|人民代表大会常务委员会")
_CHAIR = re.compile(r"(?:人大常委会|人民代表大会常务委员会)(?:副)?主任")


def congress_region(text: str, gaz: Gazetteer, anchor: re.Pattern = _CONGRESS) -> Region | None:
    """The first region named right before a congress (青田县|人大常委会) in ``text``."""
    for m in anchor.finditer(text):
        region = region_before(text, m.start(), gaz)
        if region:
            return region
    return None


def _cn_small(num: str) -> int:
    """十二 → 12, 八 → 8, 三十一 → 31 (month and day numerals)."""
    if "十" not in num:
        return _CN_DIGIT[num]
    tens, _, ones = num.partition("十")
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)


def _western_dates(text: str) -> str:
    """二〇二五年一月八日 → 2025年1月8日 (same meaning, for the date patterns)."""
    def repl(m: re.Match) -> str:
        year = "".join(str(_CN_DIGIT[c]) for c in m.group(1))
        return f"{year}年{_cn_small(m.group(2))}月{_cn_small(m.group(3))}日"
    return _CN_DATE.sub(repl, text)


def region_from_name(document: str, gaz: Gazetteer) -> Region | None:
    """The region a file name gives: a congress it names, or a full region name it starts with."""
    stem = re.sub(r"\.[A-Za-z0-9]+$", "", document.replace("\\", "/").rsplit("/", 1)[-1])
    stem = re.sub(r"^(?:[0-9a-f]{4,}_|[\d_\-\s]+)", "", stem)  # upload prefixes (3f2a91c0_), numbering
    region = detect_region(stem, gaz)
    if region:
        return region
    name = gaz.match_at(stem, 0)
    found = gaz.lookup(name) if name else None
    return found if found and found.name == name else None


def detect_report_date(text: str) -> str | None:
    text = _western_dates(text[:2000])
    m = _REPORT_DATE.search(text[:2000]) or _DATE_LINE.search(text[:HEAD_CHARS])
    if m:
        y, mo, d = (int(g) for g in m.groups())
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mo:02d}-{d:02d}"
    m = _TITLE_YEAR.search(text[:HEAD_CHARS])
    if m:
        return m.group(1)
    return None


def detect_work_year(text: str, kind: str | None, report_date: str | None, cfg: DocumentsConfig) -> int | None:
    """The year whose work the document reports on.

    An annual report delivered in year N reports on N−1, unless a heading such
    as ``一、2025年主要工作`` says otherwise; a compilation of such reports likewise.
    """
    report_year = int(report_date[:4]) if report_date else None
    if kind in ("annual_report", "compilation", "news"):
        for rx in cfg.work_year_headings:
            for m in rx.finditer(text[: max(len(text) // 2, 2000)]):
                year = int(m.group(1))
                # a report delivered in year N speaks of N−1 (or N for news): other years are history
                if report_year is None or report_year - 1 <= year <= report_year:
                    return year
    if report_year and kind == "annual_report":
        return report_year - 1
    if report_year and kind == "compilation" and "工作报告" in text[:2000]:
        return report_year - 1
    if report_year and kind == "news":
        return report_year
    return None


def title_of(text: str) -> str:
    """The document's title: a head line that names the document, else the first real line."""
    lines = [l.strip() for l in text.split("\n")[:15] if 4 <= len(l.strip()) <= 60]
    for line in lines:
        if re.search(r"报告|摘编|汇编|选编|纪要|发言|讲话", line) and not line.endswith(("：", ":")):
            return line
    return lines[0] if lines else text[:60]


def detect_metadata(text: str, gaz: Gazetteer, cfg: DocumentsConfig, hints: dict | None = None) -> DocMeta:
    """Metadata the text states; ``hints`` (a saved page's ``title`` and ``date``) only fill what it leaves open."""
    meta = DocMeta()
    meta.kind = detect_kind(text, cfg)
    region = None if meta.kind == "journal" else detect_region(text, gaz)
    if region:
        meta.region, meta.level = region.name, region.level
    meta.report_date = detect_report_date(text)
    meta.work_year = detect_work_year(text, meta.kind, meta.report_date, cfg)
    meta.title = title_of(text)
    meta.source = {k: "detected" for k in ("kind", "region", "level", "report_date", "work_year")
                   if getattr(meta, k) is not None}
    if hints:
        from .formats.hints import apply_hints

        apply_hints(meta, hints, text, gaz, cfg)
    return meta
