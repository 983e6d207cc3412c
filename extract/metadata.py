"""Document metadata read from the text: kind, region, level, report date, work year."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .documents_config import DocumentsConfig
from .congress_terms import term_period
from .gazetteer import Gazetteer, Region
from .layout import SESSION, SESSION_SHORT, cn_small, is_toc_line, without_toc

HEAD_CHARS = 600
REGION_HEAD_CHARS = 1500  # where the reporting congress names itself (title, session, speaker, mandate)
# Phrases that name the body whose report or document this is, after a region name.
_CONGRESS_ANCHOR = re.compile(r"(?:人民代表大会常务委员会|人大常委会|人民代表大会常委会|人大党委会|人大)")
_REPORT_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日(?:在|于)[^。\n]{0,40}?(?:\n[^。\n]{0,12}?)?会议上")
_DATE_LINE = re.compile(r"(?m)^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_CN_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "○": 0, "Ｏ": 0, "O": 0}
_CN_DATE = re.compile(r"([〇○ＯO零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
_TITLE_YEAR = re.compile(r"(?m)^(\d{4})年[^\n]{0,30}(?:工作报告|摘编|汇编)")
_TERM = r"(?:第?[一二三四五六七八九十]{1,3}届)?"
_BODY = r"(?:人民代表大会常务委员会|人大常委会|人民代表大会常委会|人大常务委员会)"
# 受××省人民代表大会常务委员会委托 / 我代表××市第十七届人民代表大会常务委员会
_MANDATE = re.compile(rf"(?:受|代表)([^\n。，；：“”]{{2,30}}?){_BODY}(?:的)?(?:委托[^。\n]{{0,24}}?报告|[，,]?\s?向大会报告)")
_CHAIR_LINE = re.compile(rf"{_BODY}(?:党组书记、)?(?:常务)?(?:副)?主任")
# a news dateline: 新华社福州1月17日电 / 本报福州1月17日讯 / （记者 某某）
_DATELINE = re.compile(r"(?:新华社|中新社|中新网|本报|本台|本网)([^\s\d（(，。]{2,6}?)\d{1,2}月\d{1,2}日(?:电|讯)")
# an unnamed congress or place a digest uses after naming it once: 省人大常委会, 我省, 全市
_UNNAMED = re.compile(r"(?<![\u4e00-\u9fff])(?:我|全|本)?(自治区|自治州|[省市县区州旗])(?:人大常委会|人民代表大会常务委员会|人大)"
                      r"|(?:我|全)(自治区|自治州|[省市县区州旗])")
_POSTED = re.compile(r"(\d{4})\s?[-年/.]\s?(\d{1,2})\s?[-月/.]\s?(\d{1,2})")
_DIGEST_DAY = re.compile(r"(?:昨天|昨日|今天|今日|前天)?[（(]?(\d{1,2})月(\d{1,2})日[）)]?")
_LEVEL_OF_SUFFIX = {"省": "province", "自治区": "province", "市": None, "县": "county", "区": "county",
                    "州": "city", "自治州": "city", "旗": "county"}


@dataclass
class DocMeta:
    kind: str | None = None
    region: str | None = None
    level: str | None = None
    report_date: str | None = None
    work_year: int | None = None
    title: str = ""
    source: dict = field(default_factory=dict)  # field -> "detected" | "configured"
    posted: str | None = None  # a web page's or digest's posting date (YYYY-MM-DD), from its chrome
    term: int | None = None  # congress term of the session line (十四届 → 14)
    session: int | None = None  # session number (第三次会议 → 3)
    term_period: str | None = None  # years a term review covers (2018-2022), see congress_terms.term_period


def detect_kind(text: str, cfg: DocumentsConfig, chrome: list[str] | tuple = ()) -> str | None:
    """The kind whose cues score highest; page chrome (bylines, 来源 lines) counts as head text."""
    head = text[:HEAD_CHARS]
    if chrome:
        head = "\n".join(chrome[:12]) + "\n" + head
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


def _place_at_end(chunk: str, gaz: Gazetteer) -> Region | None:
    """The region a phrase ends with, after dropping a term number (北京市第十五届 → 北京市)."""
    chunk = re.sub(r"第?[一二三四五六七八九十]{1,3}届\s*$", "", chunk.rstrip())
    return region_before(chunk, len(chunk), gaz) if chunk else None


def _shared_name(region: Region, head: str, gaz: Gazetteer) -> Region:
    """A district whose name several cities share (鼓楼区) is told apart by a city named nearby."""
    if region.level != "county":
        return region
    same = [r for r in gaz.by_name.get(region.name, []) if r.level == "county" and r.name == region.name]
    if len(same) < 2:
        return region
    for _s, _e, name in gaz.find(head):
        place = gaz.lookup(name)
        if place is None or place.level == "county" or not place.code:
            continue
        prefix = place.code[:4] if place.level == "city" else place.code[:2]
        inside = [r for r in same if r.code.startswith(prefix)]
        if len(inside) == 1:
            return inside[0]
    return region


def _title_lines(head: str) -> str:
    lines = [l.strip() for l in head.split("\n")[:8] if l.strip()]
    return "\n".join(l for l in lines[:4] if len(l) <= 80)


def detect_region(text: str, gaz: Gazetteer, chrome: list[str] | tuple = ()) -> Region | None:
    """The congress that reports, from the strongest statement it makes of itself.

    In order: the mandate (受××人民代表大会常务委员会委托), the session line
    (在××省第十四届人民代表大会第三次会议上), the title, the speaker
    (××市人大常委会主任), a congress named in the head; for a news digest that
    names the place once (headline, dateline) and then says 省人大常委会 or 我省,
    that place at the level it speaks of; last, a chairman named in the body.
    Tables of contents and page navigation give nothing.
    """
    head = without_toc(text[:REGION_HEAD_CHARS])
    for find in (_mandate_region, _session_region, _title_region, _chair_region, _head_region):
        region = find(head, gaz)
        if region:
            return _shared_name(region, head, gaz)
    region = _digest_region(head, gaz, chrome)
    if region:
        return region
    region = congress_region(without_toc(text), gaz, _CHAIR)
    return _shared_name(region, head, gaz) if region else None


def _mandate_region(head: str, gaz: Gazetteer) -> Region | None:
    for m in _MANDATE.finditer(head):
        region = _place_at_end(m.group(1), gaz)
        if region:
            return region
    return None


def _session_region(head: str, gaz: Gazetteer) -> Region | None:
    """在××省第十四届人民代表大会第三次会议上, or a digest's 广东省十四届人大五次会议."""
    for m in SESSION.finditer(head):
        region = _place_at_end(m.group(4), gaz)
        if region:
            return region
    for m in SESSION_SHORT.finditer(head):
        region = _place_at_end(m.group(1), gaz)
        if region:
            return region
    return None


def _title_region(head: str, gaz: Gazetteer) -> Region | None:
    return congress_region(_title_lines(head), gaz, _CONGRESS_ANCHOR)


def _chair_region(head: str, gaz: Gazetteer) -> Region | None:
    return congress_region(head, gaz, _CHAIR_LINE)


def _head_region(head: str, gaz: Gazetteer) -> Region | None:
    return congress_region(head[:HEAD_CHARS], gaz, _CONGRESS_ANCHOR)


def _digest_region(head: str, gaz: Gazetteer, chrome) -> Region | None:
    """A digest names its place once (headline 福建：…, dateline 新华社福州…电) and then says
    省人大常委会 or 我省: the place at the level the text speaks of."""
    m = _UNNAMED.search(head)
    if not m:
        return None
    suffix = m.group(1) or m.group(2)
    places = []
    for dm in _DATELINE.finditer(head[:400] + "\n" + "\n".join(chrome[:12])):
        places.append(dm.group(1))
    places.extend(name for _s, _e, name in gaz.find(_title_lines(head)))
    for name in places:
        region = gaz.lookup(name)
        if region is None:
            continue
        want = _LEVEL_OF_SUFFIX.get(suffix)
        if suffix in ("省", "自治区") and region.level != "province":
            region = gaz.lookup(region.province)
        elif suffix == "市" and not region.name.endswith("市"):
            continue  # 全市 speaks of a city (or a county-level city, 余姚市), not of a county
        elif want and region.level != want:
            continue
        if region:
            return region
    return None


_CONGRESS = re.compile(r"人大常委会|人民代表大会常务委员会")
_CHAIR = re.compile(r"(?:人大常委会|人民代表大会常务委员会)(?:副)?主任")


def congress_region(text: str, gaz: Gazetteer, anchor: re.Pattern = _CONGRESS) -> Region | None:
    """The first region named right before a congress (青田县|人大常委会) in ``text``."""
    for m in anchor.finditer(text):
        region = _place_at_end(text[max(0, m.start() - 24):m.start()], gaz)
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
    stem = re.sub(r"#\d+$", "", stem)
    stem = re.sub(r"^(?:[0-9a-f]{4,}_|[\d_\-\s]+)", "", stem)  # upload prefixes (3f2a91c0_), numbering
    region = detect_region(stem, gaz)
    if region:
        return region
    name = gaz.match_at(stem, 0)
    found = gaz.lookup(name) if name else None
    return found if found and found.name == name else None


def posting_date(chrome: list[str] | tuple) -> str | None:
    """The date a page was posted, from its chrome lines (发布时间：2024-01-18, 2024-01-31 07:39 来源：…)."""
    for line in chrome[:20]:
        m = _POSTED.search(line)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            if 1990 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def detect_report_date(text: str, posted: str | None = None) -> str | None:
    """The date the report was delivered: the session line's date, a date line, a year in the
    title; for a digest without them, the day it names (昨天（1月17日）…) in its posting year."""
    head = _western_dates(without_toc(text[:2000]))
    m = _REPORT_DATE.search(head) or _DATE_LINE.search(head[:HEAD_CHARS])
    if m:
        y, mo, d = (int(g) for g in m.groups())
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mo:02d}-{d:02d}"
    m = _TITLE_YEAR.search(head[:HEAD_CHARS])
    if m:
        year = int(m.group(1))
        if posted and int(posted[:4]) == year + 1 and int(posted[5:7]) <= 6:
            return str(year + 1)  # 2021年…工作报告 posted early 2022: the title names the year of work
        return m.group(1)
    if posted:
        py, pm, pd = (int(x) for x in posted.split("-"))
        for dm in _DIGEST_DAY.finditer(head[:800]):
            mo, d = int(dm.group(1)), int(dm.group(2))
            if 1 <= mo <= 12 and 1 <= d <= 31:
                year = py if (mo, d) <= (pm, pd) else py - 1  # a day after posting is last year's
                return f"{year:04d}-{mo:02d}-{d:02d}"
        return posted
    return None


def session_of(text: str) -> tuple[int | None, int | None, str]:
    """(term, session, place words) of the first session line in ``text``: 第十四届…第三次会议."""
    head = without_toc(text[:REGION_HEAD_CHARS])
    m = SESSION.search(head)
    if m:
        return cn_small(m.group(5)), cn_small(m.group(6)), m.group(4)
    m = SESSION_SHORT.search(head)
    if m:
        return cn_small(m.group(2)), cn_small(m.group(3)), m.group(1)
    return None, None, ""


def year_of_session(province: str | None, term: int | None, session: int | None,
                    cfg: DocumentsConfig) -> int | None:
    """The year a provincial congress held session ``session`` of term ``term`` (first sessions
    only: see congress_terms.max_session in config/documents.yaml)."""
    terms = cfg.terms
    if not (terms and province and term and session) or session > terms.max_session:
        return None
    start = terms.start_year(province, term)
    return start + session - 1 if start else None


_DIGEST_OF_REPORT = re.compile(r"(?:常委会|常务委员会)工作报告")
_LAST_YEAR = re.compile(r"过去(?:的)?一年|一年来|去年|上一年")


def detect_work_year(text: str, kind: str | None, report_date: str | None, cfg: DocumentsConfig) -> int | None:
    """The year whose work the document reports on.

    An annual report delivered in year N reports on N−1, unless a heading such
    as ``一、2025年主要工作`` says otherwise; a compilation of such reports likewise;
    a news digest of a report (出炉的…工作报告, 过去一年) likewise, other news on N.
    """
    report_year = int(report_date[:4]) if report_date else None
    last_year = bool(_LAST_YEAR.search(text[:3000]))
    early = report_date is not None and len(report_date) >= 7 and int(report_date[5:7]) <= 3
    # news that looks back on "the past year": a digest of a report, or an article of the first quarter
    digest = kind == "news" and last_year and (bool(_DIGEST_OF_REPORT.search(text[:1500])) or early)
    if kind in ("annual_report", "compilation", "news"):
        for rx in cfg.work_year_headings:
            for m in rx.finditer(text[: max(len(text) // 2, 2000)]):
                year = int(m.group(1))
                # a report delivered in year N speaks of N−1 (or N for news): other years are history
                if report_year is None or report_year - 1 <= year <= report_year - (1 if digest else 0):
                    return year
    if report_year and (kind == "annual_report" or digest):
        return report_year - 1
    if report_year and kind == "compilation" and "工作报告" in text[:2000]:
        return report_year - 1
    if report_year and kind == "news":
        return report_year
    return None


def title_of(text: str) -> str:
    """The document's title: a head line that names the document, else the first real line."""
    lines = [l.strip() for l in text.split("\n")[:15] if 4 <= len(l.strip()) <= 60 and not is_toc_line(l)]
    for plain in (True, False):  # a line without sentence punctuation first: 我受…委托，向大会报告工作 is no title
        for line in lines:
            if plain and re.search(r"[，。；]", line):
                continue
            if re.search(r"报告|摘编|汇编|选编|纪要|发言|讲话", line) and not line.endswith(("：", ":")):
                return line
    return lines[0] if lines else text[:60]


def detect_metadata(text: str, gaz: Gazetteer, cfg: DocumentsConfig, chrome: list[str] | tuple = (),
                    hints: dict | None = None) -> DocMeta:
    """Kind, region, level, dates, work year, session and term span of a normalised text.

    ``chrome`` holds the page chrome lines normalisation dropped (bylines, posting dates);
    ``hints`` (a saved page's ``title`` and ``date``) only fill what the text leaves open.
    """
    meta = DocMeta()
    meta.kind = detect_kind(text, cfg, chrome)
    region = None if meta.kind == "journal" else detect_region(text, gaz, chrome)
    if region:
        meta.region, meta.level = region.name, region.level
    meta.posted = posting_date(chrome)
    meta.term, meta.session, _place = session_of(text)
    meta.report_date = detect_report_date(text, meta.posted)
    if meta.report_date is None and region is not None:
        year = year_of_session(region.province if region.level == "province" else None,
                               meta.term, meta.session, cfg)
        if year:
            meta.report_date = str(year)
    meta.work_year = detect_work_year(text, meta.kind, meta.report_date, cfg)
    meta.term_period = document_term_period(text, meta, cfg)
    meta.title = title_of(text)
    meta.source = {k: "detected" for k in ("kind", "region", "level", "report_date", "work_year")
                   if getattr(meta, k) is not None}
    if hints:
        from .formats.hints import apply_hints

        apply_hints(meta, hints, text, gaz, cfg)
    return meta


def document_term_period(text: str, meta: DocMeta, cfg: DocumentsConfig) -> str | None:
    """The years a report's term review covers, when the report has one (过去五年, 本届以来)."""
    found = None
    for rx in cfg.term_review_markers:
        found = rx.search(text)
        if found:
            break
    if not found or not meta.report_date:
        return None
    start = None
    if cfg.terms and meta.level == "province" and meta.term and meta.region:
        start = cfg.terms.start_year(meta.region, meta.term)
    return term_period(found.group(0), int(meta.report_date[:4]), meta.session, meta.work_year, start)
