"""Themes (``config/themes.yaml``) and top terms (``config/terms.yaml``) from jieba tokens.

A document is segmented once (``tokenize``); theme mentions and TF-IDF terms
are both read off those tokens.  Theme keywords join jieba's user dictionary so
that they come out whole.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .config import CONFIG_DIR, Checker, load_yaml
from .lexicon import lexicon

_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class ThemeConfig:
    themes: tuple[Theme, ...]
    top_n: int
    min_chars: int
    stopwords: frozenset[str]
    min_text_chars: int = 400  # shorter texts give no theme rates or terms: too few words to compare
    user_words: tuple[str, ...] = ()  # names jieba must keep whole (八八战略, 一号工程)
    exclude_tags: frozenset[str] = frozenset()  # jieba dictionary tags never shown as top terms (v, d …)

    def keyword_theme(self) -> dict[str, list[Theme]]:
        out: dict[str, list[Theme]] = {}
        for t in self.themes:
            for k in t.keywords:
                out.setdefault(k, []).append(t)
        return out


def load_theme_config(themes_path: Path | None = None, terms_path: Path | None = None) -> ThemeConfig:
    themes_path = themes_path or CONFIG_DIR / "themes.yaml"
    terms_path = terms_path or CONFIG_DIR / "terms.yaml"
    data = load_yaml(themes_path)
    check = Checker(themes_path)
    themes, min_text = [], 400
    if check.mapping(data, 1, "themes.yaml"):
        check.keys(data, {"themes", "min_text_chars"}, {"themes"}, "themes.yaml")
        min_text = data.get("min_text_chars", 400)
        if not isinstance(min_text, int) or min_text < 0:
            check.add(data.line_of("min_text_chars"), "'min_text_chars' 应为非负整数 (expected a non-negative integer)")
            min_text = 400
        for tid, spec in check.entries(data, "themes", "theme"):
            check.keys(spec, {"label", "keywords"}, {"label", "keywords"}, f"theme {tid}")
            keywords = check.string_list(spec, "keywords", f"theme {tid}")
            if not keywords and "keywords" in spec:
                check.add(spec.line_of("keywords"), f"theme {tid}: 至少需要一个关键词 (needs a keyword)")
            themes.append(Theme(str(tid), str(spec.get("label", tid)), tuple(keywords)))
    terms = load_yaml(terms_path)
    tcheck = Checker(terms_path)
    top_n, min_chars, stop, user_words, tags = 15, 2, [], [], []
    if tcheck.mapping(terms, 1, "terms.yaml"):
        tcheck.keys(terms, {"top_n", "min_chars", "stopwords", "user_words", "exclude_tags"}, set(), "terms.yaml")
        user_words = tcheck.string_list(terms, "user_words", "terms.yaml")
        tags = tcheck.string_list(terms, "exclude_tags", "terms.yaml")
        for word in user_words:
            if len(word) < 2 or re.search(r"\s", word):
                tcheck.add(terms.line_of("user_words"), f"user_words: “{word}” 应为不含空白、至少两个字的词 (expected a word)")
        top_n, min_chars = terms.get("top_n", 15), terms.get("min_chars", 2)
        for key, value in (("top_n", top_n), ("min_chars", min_chars)):
            if not isinstance(value, int) or value < 1:
                tcheck.add(terms.line_of(key), f"'{key}' 应为正整数 (expected a positive integer)")
        stop = tcheck.string_list(terms, "stopwords", "terms.yaml")
    check.problems.extend(tcheck.problems)
    check.raise_if_any()
    return ThemeConfig(tuple(themes), int(top_n), int(min_chars), frozenset(stop),
                       min_text if isinstance(data, dict) and isinstance(min_text, int) else 400,
                       tuple(user_words), frozenset(tags))


_added: set[str] = set()


def tokenize(text: str, cfg: ThemeConfig, offset: int = 0) -> list[tuple[str, int, int]]:
    """jieba tokens with offsets, theme keywords kept whole (HMM off: faster, dictionary words only).

    Segmentation runs in rjieba (jieba-rs: jieba's algorithm and dictionary in Rust, the same tokens
    as ``jieba.lcut(HMM=False)`` and about 25× faster); word frequencies, IDF and part-of-speech
    tags come from jieba's own files (``extract.lexicon``).  The pieces concatenate to the text,
    so offsets are running sums.
    """
    import rjieba

    for k in [k for theme in cfg.themes for k in theme.keywords] + list(cfg.user_words):
        if k not in _added:
            rjieba.add_word(k, lexicon().freq_for_user_word(k), None)
            _added.add(k)
    out, pos = [], offset
    for word in rjieba.cut(text, hmm=False):
        out.append((word, pos, pos + len(word)))
        pos += len(word)
    return out


def top_terms(tokens: list[str], cfg: ThemeConfig, also_skip: frozenset[str] = frozenset()) -> list[tuple[str, float]]:
    """TF-IDF terms of a token list, boilerplate (and ``also_skip``, e.g. place names) removed."""
    lex = lexicon()
    idf, median = lex.idf, lex.median_idf
    tagged = _tagged(cfg.exclude_tags)
    words = [w for w in tokens if len(w) >= cfg.min_chars and w not in cfg.stopwords and w not in also_skip
             and _CJK.search(w) and w not in tagged]
    if not words:
        return []
    counts = Counter(words)
    total = sum(counts.values())
    scored = {w: c / total * idf.get(w, median) for w, c in counts.items()}
    best = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))[: cfg.top_n]
    return [(w, round(s, 5)) for w, s in best]


@lru_cache(maxsize=4)
def _tagged(tags: frozenset[str]) -> frozenset[str]:
    """The words jieba's dictionary tags with one of ``tags`` (v verb, d adverb …).
    Words added as user words carry no tag and are kept."""
    return lexicon().words_tagged(tags) if tags else frozenset()


def theme_mentions(tokens: list[tuple[str, int, int]], cfg: ThemeConfig) -> list[tuple[Theme, int, int]]:
    """(theme, start, end) for every token that is a theme keyword."""
    index = cfg.keyword_theme()
    return [(theme, s, e) for w, s, e in tokens if w in index for theme in index[w]]


def best_theme(sentence: str, cfg: ThemeConfig) -> Theme | None:
    """The theme whose keywords a sentence names most often (practices without a heading)."""
    best, best_n = None, 0
    for theme in cfg.themes:
        n = sum(sentence.count(k) for k in theme.keywords)
        if n > best_n:
            best, best_n = theme, n
    return best


def intensity(mentions: int, chars: int) -> float:
    """Mentions per 10,000 characters."""
    return round(mentions / chars * 10_000, 2) if chars else math.nan
