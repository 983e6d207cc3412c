"""Where things stand on a page: tables of contents, session lines, and the
starts of the reports in a file that holds several (a 汇编 of congresses' reports).

Pure functions on normalised text; positions are offsets into it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

CN_NUM = "〇零一二三四五六七八九十"
_CN_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}

# 在××省第十四届人民代表大会第三次会议上 / 在第十五届人民代表大会第三次会议上
SESSION = re.compile(rf"(?:(\d{{4}})年(\d{{1,2}})月(\d{{1,2}})日)?\s?(?:在|于)?([^\n。，；、]{{0,24}}?)"
                     rf"第([{CN_NUM}]{{1,3}})届人民代表大会\n?第([{CN_NUM}]{{1,3}})次(?:全体)?会议")
# 省十四届人大三次会议 / 十四届全国人大二次会议 / 县十六届人大常委会 (no session)
# Only a session being held (举行, 开幕, 上, 听取…): 省十四届人大一次会议以来 / 确定的任务 name an earlier one.
SESSION_SHORT = re.compile(rf"([^\n。，；、]{{0,12}}?)([{CN_NUM}]{{1,3}})届(?:全国)?人大([{CN_NUM}]{{1,3}})次会议"
                           rf"(?=[^\n。，；]{{0,3}}(?:上|举行|开幕|召开|闭幕|第[{CN_NUM}]{{1,3}}次全体会议|听取|审议|期间|主席团|作|的代表))")
# A session line opening a report: ——2025年1月9日在…第…届人民代表大会第…次会议上
SESSION_LINE = re.compile(rf"(?m)^[—\-－─]{{0,4}}\s?(?:[(（])?(?:\d{{4}}年\d{{1,2}}月(?:\d{{1,2}}日)?|[{CN_NUM}]{{4}}年[{CN_NUM}]{{1,3}}月[{CN_NUM}]{{1,3}}日)"
                          rf"[^\n]{{0,40}}?人民代表大会\n?第[{CN_NUM}]{{1,3}}次(?:全体)?会议上")
# A report's own title line: 北京市人民代表大会常务委员会工作报告 (an entry of a compilation, 三、…工作报告)
TITLE_LINE = re.compile(r"(?m)^(?:[一二三四五六七八九十\d]{1,3}[、.．]\s?)?[^\n。，；：]{2,24}?"
                        r"(?:人民代表大会常务委员会|人大常委会)工作报告(?:[（(][^\n）)]{1,8}[）)])?\s*$")
# What a report says near its start: 各位代表 / 受…委托 / 向大会报告工作
_REPORT_OPENING = re.compile(r"各位代表|委托|向大会报告|一年来|过去(?:的)?一年|\d{4}年[，,]\S{0,6}?人大常委会")
_COVER = re.compile(r"汇编|摘编|选编|目\s*录|资料|^[（(].*[）)]$")  # a compilation's own cover lines
_REPORT_TITLE = re.compile(r"(?:人民代表大会常务委员会|人大常委会|人民代表大会常委会)工作报告")
_PAGE_NUMBER_END = re.compile(r"(?:[.．·…\s]{0,120}|[—\-]{0,2})(\d{1,4})\s*$")
_LEADERS = re.compile(r"(?:[.．·…]{3,}|[-—－]{3,})\s*\d{0,4}\s*$")  # 工作报告……19, 工作报告-----
_TOC_HEAD = re.compile(r"^\s*目\s*录\s*$")
_SENTENCE_PUNCT = re.compile(r"[。；！？]")
_TITLE_WORD = re.compile(r"报告|工作|讲话|发言|决议|决定|条例|附件|目录|摘编|汇编|纪要")


def cn_small(num: str) -> int | None:
    """十二 → 12, 八 → 8, 三十一 → 31 (term, session, month and day numerals)."""
    if not num or any(c not in _CN_DIGIT and c != "十" for c in num):
        return None
    if "十" not in num:
        return int("".join(str(_CN_DIGIT[c]) for c in num)) if len(num) <= 2 else None
    tens, _, ones = num.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)


def is_toc_line(line: str) -> bool:
    """A table-of-contents entry: a title followed by a page number, or a line listing several reports."""
    s = line.strip()
    if not s or _SENTENCE_PUNCT.search(s):
        return False
    if len(_REPORT_TITLE.findall(s)) >= 2:
        return True
    if _LEADERS.search(s) and len(s) > 6:
        return True
    m = _PAGE_NUMBER_END.search(s)
    if not m or m.start() == 0:
        return False
    head = s[:m.start()]
    if re.search(r"\d{4}年$|第$|[年月日]$", head):  # 2024年, 第3, dates are not page numbers
        return False
    return bool(_TITLE_WORD.search(head)) and len(head) >= 4


def toc_spans(text: str, limit: int | None = None) -> list[tuple[int, int]]:
    """Spans of table-of-contents lines (entries, and the 目录 heading above them)."""
    spans = []
    pos = 0
    end_at = len(text) if limit is None else min(len(text), limit)
    in_toc = False
    while pos < end_at:
        nl = text.find("\n", pos)
        nl = len(text) if nl == -1 else nl
        line = text[pos:nl]
        if _TOC_HEAD.match(line):
            spans.append((pos, nl))
            in_toc = True
        elif is_toc_line(line):
            spans.append((pos, nl))
            in_toc = True
        elif in_toc and line.strip() and len(line.strip()) <= 40 and not _SENTENCE_PUNCT.search(line) \
                and _next_is_toc(text, nl):
            spans.append((pos, nl))  # an entry without a page number inside a list of entries
        else:
            in_toc = False
        pos = nl + 1
    return spans


def _next_is_toc(text: str, nl: int) -> bool:
    nxt_end = text.find("\n", nl + 1)
    return is_toc_line(text[nl + 1: len(text) if nxt_end == -1 else nxt_end])


def without_toc(text: str) -> str:
    """``text`` with its table-of-contents lines blanked (same length, so offsets hold)."""
    spans = toc_spans(text)
    if not spans:
        return text
    parts, last = [], 0
    for a, b in spans:
        parts.append(text[last:a])
        parts.append(" " * (b - a))
        last = b
    parts.append(text[last:])
    return "".join(parts)


@dataclass(frozen=True)
class ReportPart:
    start: int
    end: int


def report_starts(text: str, min_chars: int = 300) -> list[int]:
    """Where each report of a file that holds several begins.

    A report begins at its session line (——2024年1月15日在…会议上), or at the title
    line(s) just above it; table-of-contents lines never start a report.
    """
    toc = toc_spans(text)
    in_toc = lambda p: any(a <= p < b for a, b in toc)  # noqa: E731
    starts = []
    for m in SESSION_LINE.finditer(text):
        if in_toc(m.start()):
            continue
        starts.append(_back_over_titles(text, m.start(), toc))
    for m in TITLE_LINE.finditer(text):  # titled reports without a session line
        if not in_toc(m.start()) and _REPORT_OPENING.search(text, m.end(), m.end() + 300):
            starts.append(m.start())
    starts = sorted(s for s in set(starts) if _REPORT_OPENING.search(text, s, s + 600))
    kept: list[int] = []
    for s in starts:  # a session line under its report's title, or quoted inside a report, is not a new start
        if kept and not _has_body(text[kept[-1]:s], min_chars):
            continue
        kept.append(s)
    return kept


def _has_body(chunk: str, min_chars: int) -> bool:
    """Whether a stretch holds a report's body: its address and some sentences, or enough text."""
    return ("各位代表" in chunk and chunk.count("。") >= 2) or len(chunk) >= min_chars


def _back_over_titles(text: str, pos: int, toc: list[tuple[int, int]]) -> int:
    """Move a start back over up to three short title lines above a session line."""
    start = pos
    for _ in range(3):
        if start == 0:
            break
        prev_end = start - 1
        prev_start = text.rfind("\n", 0, prev_end) + 1
        line = text[prev_start:prev_end].strip()
        if not line or len(line) > 60 or _SENTENCE_PUNCT.search(line) or line.endswith(("：", ":")) \
                or any(a <= prev_start < b for a, b in toc) or _COVER.search(line):
            break
        start = prev_start
    return start


def split_reports(text: str, min_chars: int = 300) -> list[ReportPart]:
    """The reports of a file holding several, each from its start to the next one's.

    Fewer than two reports: an empty list (the file is one document). What precedes the
    first report (a cover, a table of contents) belongs to none.
    """
    starts = report_starts(text, min_chars)
    if len(starts) < 2:
        return []
    parts = [ReportPart(s, starts[i + 1] if i + 1 < len(starts) else len(text)) for i, s in enumerate(starts)]
    return parts
