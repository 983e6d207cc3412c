"""Document metadata read from the text: kind, region (whose report), level, title; the dates and
years come from ``dates``."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import (HEAD_CHARS, REGION_HEAD_CHARS, detect_report_date, detect_work_year,  # noqa: F401
                    document_term_period, posting_date, session_of, year_of_session, year_since_session)
from .documents_config import DocumentsConfig
from .gazetteer import Gazetteer, Region
from .layout import SESSION, SESSION_SHORT, is_toc_line, without_toc

# Phrases that name the body whose report or document this is, after a region name.
_STRONG_ANCHOR = re.compile(r"(?:人民代表大会常务委员会|人大常委会|人民代表大会常委会|人大常务委员会)")
_CONGRESS_ANCHOR = re.compile(r"(?:人民代表大会常务委员会|人大常委会|人民代表大会常委会|人大党委会|人大)")
_BODY = r"(?:人民代表大会常务委员会|人大常委会|人民代表大会常委会|人大常务委员会)"
# 受××省人民代表大会常务委员会委托 / 我代表××市第十七届人民代表大会常务委员会
# the mandate to report: …委托，(我/某某)向大会报告 / 在会上作…报告 (not 受…委托开展执法检查)
_MANDATE = re.compile(rf"(?:受|代表)([^\n。，；：“”]{{2,30}}?){_BODY}(?:的)?(?:委托[，,]?\s?[^。\n]{{0,10}}?"
                      rf"(?:向大会|向本次会议|向[^。\n]{{2,16}}会议|在会上|在大会上)|[，,]?\s?向大会报告)")
_CHAIR_LINE = re.compile(rf"{_BODY}(?:党组书记、)?(?:常务)?(?:副)?主任")
# a news dateline: 新华社福州1月17日电 / 本报福州1月17日讯 / （记者 某某）
_DATELINE = re.compile(r"(?:新华社|中新社|中新网|本报|本台|本网)([^\s\d（(，。]{2,6}?)\d{1,2}月\d{1,2}日(?:电|讯)")
# an unnamed congress or place a digest uses after naming it once: 省人大常委会, 我省, 全市
_UNNAMED = re.compile(r"(?<![\u4e00-\u9fff])(?:我|全|本)?(自治区|自治州|[省市县区州旗])(?:人大常委会|人民代表大会常务委员会|人大)"
                      r"|(?:我|全)(自治区|自治州|[省市县区州旗])")
_MASTHEAD = re.compile(r"([^\s>＞»:：，。（(]{2,8})(?:日报|晚报|都市报|新闻网|融媒体中心|新闻)")
_BODY_PLACE = re.compile(r"(?:推进|推动|促进|服务|助力|建设)([^\s，。、；]{2,6}?)(?=经济|社会|高质量|发展|人民|城乡|大地)")
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


_BYLINE = re.compile(r"记者|通讯员|本报讯|新华社|特派")


def detect_kind(text: str, cfg: DocumentsConfig, chrome: list[str] | tuple = ()) -> str | None:
    """The kind whose cues score highest; bylines set aside as page chrome count as head text."""
    head = text[:HEAD_CHARS]
    bylines = [line for line in chrome[:12] if _BYLINE.search(line)]
    if bylines:  # a byline set aside as chrome still says "news" (other chrome says nothing of the kind)
        head = "\n".join(bylines) + "\n" + head
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
    for find in (_mandate_region, _session_region, _title_region, _chair_region, _head_region, _weak_region):
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
    return congress_region(_title_lines(head), gaz, _STRONG_ANCHOR)


def _weak_region(head: str, gaz: Gazetteer) -> Region | None:
    """A region before a bare 人大 (洛阳人大, a site's or column's name) is the weakest clue."""
    return congress_region(head[:HEAD_CHARS], gaz, _CONGRESS_ANCHOR)


def _chair_region(head: str, gaz: Gazetteer) -> Region | None:
    return congress_region(head, gaz, _CHAIR_LINE)


def _head_region(head: str, gaz: Gazetteer) -> Region | None:
    return congress_region(head[:HEAD_CHARS], gaz, _STRONG_ANCHOR)


def _digest_region(head: str, gaz: Gazetteer, chrome) -> Region | None:
    """A digest names its place once (headline 福建：…, dateline 新华社福州…电) and then says
    省人大常委会 or 我省: the place at the level the text speaks of."""
    said = [m.group(1) or m.group(2) for m in _UNNAMED.finditer(head)]
    if not said:
        return None
    # the level the text speaks of most (在省人大常委会指导下，市人大常委会… speaks of the city)
    suffix = max(dict.fromkeys(said), key=said.count)
    places = []
    for dm in _DATELINE.finditer(head[:400] + "\n" + "\n".join(chrome[:12])):
        places.append(dm.group(1))
    places.extend(name for _s, _e, name in gaz.find(_title_lines(head)))
    for line in chrome[:12]:  # a newspaper's masthead or source: 黑龙江日报, 来源：某某晚报 (never a breadcrumb)
        for mm in _MASTHEAD.finditer(line):
            places.extend(name for _s, _e, name in gaz.find(mm.group(1)))
    for mm in _BODY_PLACE.finditer(head[:600]):  # 推进远安经济社会发展: the place the text works for
        places.extend(name for s, e, name in gaz.find(mm.group(1)) if e == len(mm.group(1)))
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
    meta.report_date = detect_report_date(text, meta.posted, meta.kind)
    if meta.report_date is None and region is not None:
        year = year_of_session(region.province if region.level == "province" else None,
                               meta.term, meta.session, cfg)
        if year:
            meta.report_date = str(year)
    meta.work_year = detect_work_year(text, meta.kind, meta.report_date, cfg)
    if meta.work_year is None and region is not None and region.level == "province" and meta.kind != "journal":
        meta.work_year = year_since_session(text, region.province, cfg)
    meta.term_period = document_term_period(text, meta, cfg)
    meta.title = title_of(text)
    meta.source = {k: "detected" for k in ("kind", "region", "level", "report_date", "work_year")
                   if getattr(meta, k) is not None}
    if hints:
        from .formats.hints import apply_hints

        apply_hints(meta, hints, text, gaz, cfg)
    return meta
