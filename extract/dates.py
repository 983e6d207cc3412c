"""Which year: the report's date, a page's posting date, the session and term, the work year
and the span a term review covers. Pure functions on normalised text."""
from __future__ import annotations

import re

from .congress_terms import aligned_term_start, term_period, years_in
from .documents_config import DocumentsConfig
from .layout import SESSION, SESSION_SHORT, cn_small, without_toc

HEAD_CHARS = 600
REGION_HEAD_CHARS = 1500  # where a report names itself (title, session line, speaker, mandate)
_REPORT_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日(?:在|于)[^。\n]{0,40}?(?:\n[^。\n]{0,12}?)?会议上")
# a date on its own line, maybe after a source (某某新闻 2023年1月12日) or before 召开
_DATE_LINE = re.compile(r"(?m)^(?:[^\n。，；\d]{1,12}\s?)?(\d{4})年(\d{1,2})月(\d{1,2})日(?:\s?(?:召开|开幕|举行|发布))?[）)]?$")
_MONTH_LINE = re.compile(r"(?m)^[（(]?(\d{4})年(\d{1,2})月[）)]?$")  # a report dated by month only: 二〇二四年一月
_CN_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "○": 0, "Ｏ": 0, "O": 0}
_CN_DATE = re.compile(r"([〇○ＯO零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?")
_TITLE_YEAR = re.compile(r"(?m)^(\d{4})年[^\n]{0,30}(?:工作报告|摘编|汇编)")
_POSTED = re.compile(r"(\d{4})\s?[-年/.]\s?(\d{1,2})\s?[-月/.]\s?(\d{1,2})")
_POSTED_DMY = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)")  # 27.04.2017
_SAME_DAY = re.compile(r"(?:^|[，。\n])(?:\d{1,2}日|昨日|昨天|今天|今日)(?:上午|下午|晚上?)")  # 22日上午, 昨日上午
_DIGEST_DAY = re.compile(r"(?:昨天|昨日|今天|今日|前天)?[（(]?(\d{1,2})月(\d{1,2})日[）)]?")


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
        day = f"{_cn_small(m.group(3))}日" if m.group(3) else ""
        return f"{year}年{_cn_small(m.group(2))}月{day}"
    return _CN_DATE.sub(repl, text)


_UNDATED_SOURCE = re.compile(r"网友上传|网友投稿|范文|文库|不代表本站观点")


def posting_date(chrome: list[str] | tuple) -> str | None:
    """The date a page was posted, from its chrome lines (发布时间：2024-01-18, 2024-01-31 07:39 来源：…).

    A sample-essay site's date (本文来源于网友上传, 范文) says nothing of the text: None."""
    if any(_UNDATED_SOURCE.search(line) for line in chrome[:20]):
        return None
    for line in chrome[:20]:
        m = _POSTED.search(line)
        dmy = None if m else _POSTED_DMY.search(line)
        if m or dmy:
            y, mo, d = (int(g) for g in m.groups()) if m else (int(dmy.group(3)), int(dmy.group(2)), int(dmy.group(1)))
            if 1990 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def detect_report_date(text: str, posted: str | None = None, kind: str | None = "news") -> str | None:
    """The date the report was delivered: the session line's date, a date line, a year in the
    title; for a digest without them, the day it names (昨天（1月17日）…) in its posting year."""
    head = _western_dates(without_toc(text[:2000]))
    m = _REPORT_DATE.search(head) or _DATE_LINE.search(head[:HEAD_CHARS])
    if m:
        y, mo, d = (int(g) for g in m.groups())
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mo:02d}-{d:02d}"
    m = _MONTH_LINE.search(head[:HEAD_CHARS])
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
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
        if kind == "annual_report" and int(posted[5:7]) > 4 and not _SAME_DAY.search(head[:800]):
            return None  # a report reposted later in the year: the posting date says nothing of its year
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
    if not (terms and province and term and session):
        return None
    start = terms.start_year(province, term)
    if not start:
        return None
    if session <= terms.max_session:
        return start + session - 1
    if terms.last_year_session and session >= terms.last_year_session:
        return start + terms.term_years - 1  # a sixth or later session: the term's last year
    return None


# 省十三届人大二次会议以来 / 圆满完成省十四届人大一次会议确定的目标任务: the work reported on began
# at the previous session, so its year is the work year
_SINCE_SESSION = re.compile(r"([一二三四五六七八九十]{1,3})届人大([一二三四五六七八九十]{1,3})次会议(?:以来|确定的)")


def year_since_session(text: str, province: str | None, cfg: DocumentsConfig) -> int | None:
    """The work year from the previous session a text names (…次会议以来, …次会议确定的任务), for a
    provincial congress whose term calendar is known; None otherwise."""
    m = _SINCE_SESSION.search(text[:3000])
    if not m:
        return None
    return year_of_session(province, cn_small(m.group(1)), cn_small(m.group(2)), cfg)


_DIGEST_OF_REPORT = re.compile(r"(?:常委会|常务委员会)工作报告|向大会(?:作|报告)工作|作工作报告|人大[一二三四五六七八九十]{1,3}次会议")
_LAST_YEAR = re.compile(r"过去(?:的)?一年|一年来|去年|上一年|过去五年|五年来|本届以来|回眸|回顾|综述")
_THIS_YEAR = re.compile(r"今年以来|今年|全年|一年来|年内|本年度")
_PLAN_AFTER = re.compile(r"[^。；\n]{0,24}?(?:将|拟|计划|预安排)")


def _year_headings(text: str, cfg: DocumentsConfig) -> list[tuple[int, int]]:
    """(position, year) of the year cues in the first half of the text, plan sentences left out."""
    found = []
    scope = text[: max(len(text) // 2, 2000)]
    for rx in cfg.work_year_headings:
        for m in rx.finditer(scope):
            if _PLAN_AFTER.match(scope, m.end()):
                continue  # 2025年，常委会将…: a plan
            found.append((m.start(1), int(m.group(1))))
    return sorted(found)


def detect_work_year(text: str, kind: str | None, report_date: str | None, cfg: DocumentsConfig) -> int | None:
    """The year whose work the document reports on.

    An annual report delivered in year N reports on N−1 (on N when delivered from
    October on), unless a year cue such as ``一、2025年主要工作`` or ``2024年是…`` says
    otherwise; a compilation of such reports likewise. News (and pages of no clear
    kind) that look back on the past year early in a year, or digest a report, report
    on N−1; other news on N when it speaks of this year (今年以来, 全年), else on no year.
    """
    if kind in ("journal", "speeches"):
        return None
    report_year = int(report_date[:4]) if report_date else None
    month = int(report_date[5:7]) if report_date and len(report_date) >= 7 else None
    head = text[:3000]
    looking_back = bool(_LAST_YEAR.search(head))
    newsy = kind in ("news", None)
    digest = newsy and looking_back and (bool(_DIGEST_OF_REPORT.search(text[:1500])) or (month or 13) <= 3)
    late = kind == "annual_report" and month is not None and month >= 10  # a December report speaks of its own year
    low = report_year - (0 if late else 1) if report_year else None
    high = report_year - (1 if digest else 0) if report_year else None
    for _pos, year in _year_headings(text, cfg):
        if report_year is None or low <= year <= high:
            return year
    if report_year is None:
        return None
    if kind == "annual_report":
        return report_year if late else report_year - 1
    if kind == "compilation":
        return report_year - 1 if "工作报告" in text[:2000] else None
    if digest:
        return report_year - 1
    if newsy and _THIS_YEAR.search(head):
        return report_year
    return None


_COMMITTEE_TERM = re.compile(r"第?([一二三四五六七八九十]{1,3})届(?:[^\n。，]{0,4}?)(?:人民代表大会常务委员会|人大常委会)")


def document_term_period(text: str, meta, cfg: DocumentsConfig) -> str | None:
    """The years a report's term review covers, when the report has one (过去五年, 四年来, 本届以来).

    The term's start comes from the committee's term number (受××第十三届…常务委员会委托,
    青海省第十四届人大常委会履职以来) through config/documents.yaml ``congress_terms``, or, for a
    province, from the provincial terms' common calendar; see congress_terms.term_period.
    """
    cues = [m for rx in cfg.term_review_markers for m in rx.finditer(text)]
    if not cues:
        return None
    cues.sort(key=lambda m: m.start())
    chosen = next((m for m in cues if (years_in(m.group(0)) or 5) in (4, 5, 6)), cues[0])
    report_year = int(meta.report_date[:4]) if meta.report_date else None
    work = meta.work_year
    if work is None and report_year is not None and meta.kind in ("news", None):
        work = report_year  # a feature on the term so far, dated within its year
    if work is None and report_year is None:
        return None
    start = None
    if meta.level == "province" and cfg.terms and meta.region:
        committee = _COMMITTEE_TERM.search(without_toc(text[:REGION_HEAD_CHARS]))
        if committee and cn_small(committee.group(1)):
            start = cfg.terms.start_year(meta.region, cn_small(committee.group(1)))
        elif meta.term and meta.session and meta.session > 1:
            start = cfg.terms.start_year(meta.region, meta.term)
        else:
            start = aligned_term_start(work if work is not None else report_year - 1,
                                       cfg.terms.reference_year, cfg.terms.term_years)
    return term_period(chosen.group(0), report_year, meta.session, work, start)
