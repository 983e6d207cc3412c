"""Laws named with a verb (制定/修订/继续审议 …条例), and the problems a report admits.

In a report's plan part they are what it plans; in its review part, what was
done.  ``match_plans`` sets each planned law of one report against a later
report of the same region.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

ACTIONS = {"继续审议": "review", "审议": "review", "制定修订": "make", "制定": "make", "出台": "make",
           "修订修改": "revise", "修订": "revise", "修改": "revise", "修正": "revise", "废止": "repeal"}
_VERBS = "|".join(sorted(ACTIONS, key=len, reverse=True))
LAW_RE = re.compile(rf"(?=[{''.join(sorted({v[0] for v in ACTIONS}))}])({_VERBS})(?:了)?([^，。；：！？\n]{{2,120}})(等)?(条例草案|条例|法规|实施办法|办法|规定)")
_GENERIC_STEMS = {"地方性", "相关", "有关", "配套", "各项", "一批", "本级"}
_SUFFIXES = ("条例草案", "条例", "实施办法", "办法", "规定", "法规")
STATUS_LABELS = {"delivered": "已出台", "under_review": "审议中", "not_mentioned": "未提及",
                 "no_later_report": "尚无后续报告"}


@dataclass
class LawMention:
    stem: str  # 旅游, 城镇社区建设
    name: str  # 旅游条例
    action: str  # make | revise | review | repeal
    start: int
    end: int


def _stem(item: str) -> str:
    item = re.sub(r"[“”‘’《》\s]", "", item)
    item = re.sub(r"^(?:省|市|县|我省|我市|本省|本市)", "", item)
    item = re.sub(r"等$", "", item)
    for suffix in _SUFFIXES:
        if item.endswith(suffix):
            item = item[: -len(suffix)]
            break
    return item


_LAW_NAME = re.compile(r"^[^的等草]{2,30}(?:条例|法实施办法|选举办法)$")


def is_law_name(name: str) -> bool:
    """A law's name: …条例, …法实施办法, …选举办法.  A topic with 法规 (统计法规: 'regulations on
    statistics'), an internal rule (工作评议办法, 立法论证规定) or a phrase cut wrongly is not one."""
    return bool(_LAW_NAME.match(name))


def find_laws(text: str, lo: int, hi: int) -> list[LawMention]:
    """Every law named with a verb in text[lo:hi]: 制定A、B等条例 gives A条例 and B条例."""
    out = []
    for m in LAW_RE.finditer(text, lo, hi):
        verb, items, _etc, suffix = m.groups()
        action = "review" if suffix.endswith("草案") or ACTIONS[verb] == "review" else ACTIONS[verb]
        pos = m.start(2)
        parts = [items] if "的" in items else items.split("、")  # 关于……的规定 is one name
        for item in parts:
            stem = _stem(item)
            if (2 <= len(stem) <= 30 and stem[-1] not in "的了在对为" and stem[0] not in "前后"
                    and stem not in _GENERIC_STEMS and not re.search(r"\d", stem)):
                name = stem + (suffix.replace("草案", "") if suffix != "法规" else "法规")
                if is_law_name(name):
                    out.append(LawMention(stem, name, action, pos, m.end()))
            pos += len(item) + 1
    return out


def same_law(a: str, b: str) -> bool:
    """Stems of one law written two ways: equal, one inside or at the end of the other, or a shared 4-character start."""
    if a == b or (len(a) >= 3 and a in b) or (len(b) >= 3 and b in a):
        return True
    if min(len(a), len(b)) >= 2 and (a.endswith(b) or b.endswith(a)):
        return True  # 各级人大常委会监督 / 监督
    return len(a) >= 4 and len(b) >= 4 and a[:4] == b[:4]


def law_status(stem: str, later_done: list[LawMention], later_plan: list[LawMention]) -> tuple[str, LawMention | None]:
    """delivered / under_review / not_mentioned, with the later mention that decides it."""
    done = [m for m in later_done if same_law(stem, m.stem)]
    made = [m for m in done if m.action in ("make", "revise")]
    if made:
        return "delivered", made[0]
    if done:
        return "under_review", done[0]
    pending = [m for m in later_plan if m.action == "review" and same_law(stem, m.stem)]
    if pending:
        return "under_review", pending[0]
    return "not_mentioned", None


_PROBLEM_LIST = re.compile(r"(?:主要有|主要是|表现在)[：:]")


def find_problems(text: str, markers: tuple[re.Pattern, ...]) -> list[tuple[int, int]]:
    """Spans of the shortcomings a report admits (存在的问题和不足 …：A；B；C。)."""
    spans = []
    for rx in markers:
        for m in rx.finditer(text):
            para_end = text.find("\n", m.end())
            para_end = len(text) if para_end == -1 else para_end
            lm = _PROBLEM_LIST.search(text, m.end(), para_end)
            start = lm.end() if lm else m.end()
            stop = text.find("。", start, para_end)
            stop = para_end if stop == -1 else stop
            pos = start
            for part in text[start:stop].split("；"):
                if part.strip():
                    spans.append((pos, pos + len(part)))
                pos += len(part) + 1
        if spans:
            break
    return spans
