"""Text normalisation: raw decoded text in, the clean text users see out.

Steps, in order: strip reading annotations (pinyin after characters in
Traditional-script mirrors: ``會(huì)``); unify line breaks and odd spaces; drop page chrome and cut
pasted advertisements (``config/normalize.yaml``); convert Traditional to
Simplified script; fold full-width digits and letters; give punctuation next to
Chinese its Chinese form; remove white space inside Chinese words and around
numbers; join paragraphs broken by column or page breaks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .config import CONFIG_DIR, open_config
from .patterns import bounded

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = "\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018-\u201f\u2026\u2014\u00b7"
TERMINAL = "。！？；：…"
CLOSERS = "”’」』）)"

_ODD_SPACES = re.compile("[\u00a0\u2002-\u200a\u202f\u205f\u3000\t]")
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff]")
# Each pattern opens with a cheap lookahead so that the regex engine can skip
# most positions at once (a leading lookbehind would be tried everywhere).
_SPACE_IN_CJK = re.compile(rf"(?= )(?:(?<=[{CJK}{CJK_PUNCT}]) +(?=[{CJK}{CJK_PUNCT}0-9])|(?<=[0-9%]) +(?=[{CJK}{CJK_PUNCT}]))")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_ASCII_TO_CJK_PUNCT = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"})
_ASCII_PUNCT_NEAR_CJK = re.compile(rf"(?=[,;:!?()])(?:(?<=[{CJK}{CJK_PUNCT}])[,;:!?()]|[,;:!?()](?=[{CJK}{CJK_PUNCT}]))")
_HEADING_START = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十百]+[章节条部分篇]|\d{1,2}[.、．](?!\d)|■|[-–•●◆▪]\s)")


# PDF text layers often carry radical forms instead of ideographs (⼈⺠⼤会 for 人民大会).
# Kangxi radicals and compatibility ideographs have NFKC mappings; the CJK radicals
# supplement has none, so its simplified-form radicals are mapped here.
_RADICALS_SUPPLEMENT = dict(zip(
    "⺌⺍⺕⺠⺧⺪⺮⺳⺷⺼⻁⻄⻅⻆⻈⻉⻋⻏⻐⻓⻔⻘⻚⻛⻜⻝⻟⻠⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳",
    "小小彐民牛疋竹网羊月虎西见角讠贝车阝钅长门青页风飞食饣饣马骨鬼鱼鸟卤麦黄黾齐齿龙龟"))
_RADICAL_RE = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff]")


@lru_cache(maxsize=1)
def _radical_table() -> dict[int, str]:
    import unicodedata

    table = {ord(k): v for k, v in _RADICALS_SUPPLEMENT.items()}
    for cp in list(range(0x2F00, 0x2FD6)) + list(range(0xF900, 0xFB00)):
        mapped = unicodedata.normalize("NFKC", chr(cp))
        if mapped != chr(cp) and len(mapped) == 1:
            table[cp] = mapped
    return table


def unify_radicals(text: str) -> str:
    """⼈⺠⼤会 → 人民大会: radical and compatibility forms to ordinary ideographs."""
    return text.translate(_radical_table()) if _RADICAL_RE.search(text) else text


@dataclass(frozen=True)
class NormalizeConfig:
    drop_lines: tuple[re.Pattern, ...] = ()
    annotations: tuple[re.Pattern, ...] = ()
    cut_spans: tuple[re.Pattern, ...] = ()
    join_min_chars: int = 50
    furniture_max_chars: int = 12
    drop_lines_max_chars: int = 120


def load_normalize_config(path: Path | None = None) -> NormalizeConfig:
    path = path or CONFIG_DIR / "normalize.yaml"
    data, check = open_config(path, {"drop_lines", "cut_spans", "join_min_chars", "furniture_max_chars",
                                     "drop_lines_max_chars", "annotations"}, set())
    patterns = {key: check.regex_list(data, key) for key in ("drop_lines", "cut_spans", "annotations")}
    ints = {}
    for key, default in (("join_min_chars", 50), ("furniture_max_chars", 12), ("drop_lines_max_chars", 120)):
        value = data.get(key, default)
        if not isinstance(value, int) or value < 0:
            check.add(data.line_of(key), f"'{key}' 应为非负整数 (expected a non-negative integer)")
            value = default
        ints[key] = value
    check.raise_if_any()
    return NormalizeConfig(patterns["drop_lines"], patterns["annotations"], patterns["cut_spans"], **ints)


@lru_cache(maxsize=1)
def default_config() -> NormalizeConfig:
    return load_normalize_config()


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _traditional_chars() -> frozenset[str]:
    """Characters that t2s changes: a line without any of them is left alone, which keeps the
    common case (already Simplified) fast.  OpenCC ships binary dictionaries only, so the
    common CJK block is converted once to find them."""
    block = "".join(chr(c) for c in range(0x4E00, 0x9FA6))
    out = _t2s().convert(block)
    if len(out) != len(block):  # pragma: no cover - t2s maps characters one to one here
        return frozenset()
    return frozenset(a for a, b in zip(block, out) if a != b)


@lru_cache(maxsize=1)
def _traditional_re() -> re.Pattern:
    return re.compile("[" + "".join(sorted(map(re.escape, _traditional_chars()))) + "]")


def to_simplified(text: str) -> str:
    """Traditional → Simplified, converting only lines that need it."""
    trad = _traditional_re()
    if not trad.search(text):
        return text
    conv = _t2s()
    lines = text.split("\n")
    return "\n".join(conv.convert(line) if trad.search(line) else line for line in lines)


def fold_width(text: str) -> str:
    """Full-width ASCII → ASCII, then ASCII punctuation beside Chinese → Chinese punctuation."""
    if _FULLWIDTH_RE.search(text):
        text = text.translate(_FULLWIDTH)
    text = _THOUSANDS.sub("", text)
    text = _ASCII_PUNCT_NEAR_CJK.sub(lambda m: m.group(0).translate(_ASCII_TO_CJK_PUNCT), text)
    return _pair_quotes(text)


_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if chr(cp) not in "，；：（）！？＂＇"}
_FULLWIDTH[0xFF02] = ord('"')
_FULLWIDTH_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in _FULLWIDTH) + "]")


def _pair_quotes(text: str) -> str:
    """Straight double quotes become “ ” in order, line by line."""
    if '"' not in text:
        return text
    out_lines = []
    for line in text.split("\n"):
        if '"' in line:
            parts = line.split('"')
            line = parts[0] + "".join(("“" if i % 2 == 0 else "”") + p for i, p in enumerate(parts[1:]))
        out_lines.append(line)
    return "\n".join(out_lines)


def _is_heading(line: str) -> bool:
    return bool(_HEADING_START.match(line))


def _ends_sentence(line: str) -> bool:
    if not line:
        return True
    last = line[-1]
    if last in TERMINAL:
        return True
    return last in CLOSERS and len(line) > 1 and line[-2] in TERMINAL + CLOSERS


def _has_punct(line: str) -> bool:
    return any(ch in "。，、；：！？,.;:!?“”（）()" for ch in line)


def wrap_width(lines: list[str]) -> int | None:
    """The line width of hard-wrapped text (PDF text layers, e-mail), or None.

    Hard-wrapped text has many lines of (nearly) one length; that length is
    the most common long line length, and at least a third of lines sit near it.
    """
    lengths = [len(line) for line in lines if line]
    if len(lengths) < 8:
        return None
    top = sorted(lengths)[int(len(lengths) * 0.9)]
    near = sum(1 for n in lengths if top - 3 <= n <= top + 1)
    return top if top >= 15 and near >= len(lengths) / 3 else None


def join_broken_lines(lines: list[str], cfg: NormalizeConfig) -> list[str]:
    """Join paragraphs that a column or page break (or a hard wrap) cut in the middle of a sentence."""
    width = wrap_width(lines)
    long_line = min(cfg.join_min_chars, width - 3) if width else cfg.join_min_chars
    out: list[str] = []
    pending = False  # the last paragraph in ``out`` is broken and awaits its rest
    for line in lines:
        if not line:
            continue
        if pending and not _is_heading(line):
            if not _has_punct(line) and len(line) <= cfg.furniture_max_chars:
                continue  # running head or footer inside a broken sentence
            if not _has_punct(line) and len(line) < 2 * cfg.furniture_max_chars + 6:
                out.append(line)  # a short heading after a truncated column
            else:
                out[-1] += line
        else:
            out.append(line)
        last = out[-1]
        # A broken paragraph: long, or holding a comma (headings and titles have none), with no sentence end.
        pending = ((len(last) >= long_line or "，" in last)
                   and not _ends_sentence(last) and not _is_heading(last))
    return out


def normalize(raw: str, cfg: NormalizeConfig | None = None) -> str:
    """Return the clean text users see; all evidence offsets point into it."""
    return normalize_parts(raw, cfg)[0]


def normalize_parts(raw: str, cfg: NormalizeConfig | None = None) -> tuple[str, list[str]]:
    """The clean text, and the page chrome lines dropped from it (bylines, posting dates,
    ``来源：`` lines…), which metadata may read but users never see as report text."""
    cfg = cfg or default_config()
    text = strip_annotations(raw, cfg)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _ZERO_WIDTH.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    text = unify_radicals(text)
    text = to_simplified(text)
    text = fold_width(text)
    drop = _combined(cfg.drop_lines)
    limit = cfg.drop_lines_max_chars
    kept, dropped = [], []
    for line in text.split("\n"):
        if len(line) <= limit and any(p.search(line) for p in drop):
            if line.strip():
                dropped.append(line.strip())
        else:
            kept.append(line)
    text = "\n".join(kept)
    for cut in _combined(cfg.cut_spans):
        text = cut.sub("", text)
    text = _SPACE_IN_CJK.sub("", text)
    return "\n".join(join_broken_lines([line.strip() for line in text.split("\n")], cfg)), dropped


def strip_annotations(text: str, cfg: NormalizeConfig) -> str:
    """國(guó)家機(jī)關(guān) → 國家機關: readings in brackets after characters, removed before anything else."""
    for rx in _combined(cfg.annotations):
        text = rx.sub("", text)
    return text


@lru_cache(maxsize=16)
def _combined(patterns: tuple[re.Pattern, ...]) -> tuple[re.Pattern, ...]:
    """One alternation of several patterns, so that a line is searched once.

    Patterns that cannot be joined (inline global flags) stay separate.
    """
    if len(patterns) < 2:
        return patterns
    try:
        joined = "|".join(f"(?:{p.pattern})" for p in patterns)
        re.compile(joined)  # inline global flags cannot be joined: keep such patterns separate
        return (bounded(joined),)
    except re.error:
        return patterns
