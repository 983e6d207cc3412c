"""Numbers as Chinese reports write them: 12, 1.5万, 十二, 两百, 3500多, 近1万, 超9800万.

``parse_number`` returns ``(value, qualifier)``: qualifier is ``exact``,
``at_least`` (余/多/超/逾/以上) or ``approx`` (近/约/左右/大约).  A masked
numeral (``**``, ``1*5``) is not a number: it gives ``None``, never zero.
"""
from __future__ import annotations

import re
from functools import cache

EXACT, AT_LEAST, APPROX = "exact", "at_least", "approx"

PREFIX_QUALIFIERS = {"超过": AT_LEAST, "超": AT_LEAST, "逾": AT_LEAST, "多达": AT_LEAST,
                     "近": APPROX, "约": APPROX, "大约": APPROX, "将近": APPROX}
SUFFIX_QUALIFIERS = {"余": AT_LEAST, "多": AT_LEAST, "以上": AT_LEAST, "左右": APPROX}

CN_DIGITS = "零〇○一二两三四五六七八九十百千"
NUMERAL = rf"(?:\d+(?:\.\d+)?(?:[万亿]{{1,2}})?|[{CN_DIGITS}]+(?:[万亿][{CN_DIGITS}]*)?)"
_PREFIX = "|".join(sorted(PREFIX_QUALIFIERS, key=len, reverse=True))
NUMBER_RE = re.compile(rf"^(?P<pre>{_PREFIX})?(?P<num>{NUMERAL})(?P<post>余|多|以上|左右)?$")

_MULT = {"万": 10_000, "亿": 100_000_000}


def _arabic(num: str) -> float:
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([万亿]*)", num)
    if not m:
        raise ValueError(num)
    value = float(m.group(1))
    for ch in m.group(2):
        value *= _MULT[ch]
    return value


def _chinese(num: str) -> float:
    num = num.replace("两", "二").replace("〇", "零").replace("○", "零")
    if re.fullmatch(r"[零一二三四五六七八九]{2,}", num):
        # digit-by-digit form such as 二〇二五
        return float("".join(str("零一二三四五六七八九".index(c)) for c in num))
    return float(_cn2an().cn2an(num, "smart"))


@cache
def _cn2an():
    """cn2an compiles its patterns when imported (~0.3 s): loaded when a numeral first needs it, so a
    build with one changed document does not pay for it in the process that only plans and writes."""
    import cn2an

    return cn2an


def numeral_value(num: str) -> float | None:
    """Value of a bare numeral (no qualifiers); None where it cannot be read."""
    if not num or "*" in num or "＊" in num:
        return None
    try:
        value = _arabic(num) if num[0].isdigit() else _chinese(num)
    except (ValueError, KeyError, IndexError):
        return None
    return value


def parse_number(text: str) -> tuple[float, str] | None:
    """Parse a numeral with optional qualifiers; None where it is masked or not a number."""
    text = text.strip()
    m = NUMBER_RE.match(text)
    if not m:
        return None
    value = numeral_value(m.group("num"))
    if value is None:
        return None
    qualifier = EXACT
    if m.group("pre"):
        qualifier = PREFIX_QUALIFIERS[m.group("pre")]
    if m.group("post"):
        qualifier = SUFFIX_QUALIFIERS[m.group("post")]
    return clean(value), qualifier


def clean(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 6)


MAX_COUNT = 100_000_000  # 1亿: no count of a people's congress report (件, 人次, 个 …) comes near it


def plausible_count(value) -> bool:
    """True when a value can be a count a report means: finite, not negative, below 1亿."""
    try:
        return 0 <= float(value) < MAX_COUNT
    except (TypeError, ValueError, OverflowError):
        return False
