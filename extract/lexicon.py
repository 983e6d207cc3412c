"""jieba's dictionary as plain data: word frequencies, part-of-speech tags and IDF weights.

Segmentation runs in rjieba; what the themes and terms stages still need from
jieba is three look-ups, read here straight from jieba's own files
(``dict.txt``: word, frequency, tag; ``analyse/idf.txt``: word, IDF) without
importing jieba, whose start-up (prefix dictionary, POS table, TF-IDF object)
costs about 1.4 s.  The parsed tables are kept in a pickle in the temporary
folder (as jieba keeps its own prefix cache there), keyed by the files' sizes
and times, so a one-document rebuild loads them in about 0.2 s.
"""
from __future__ import annotations

import importlib.util
import os
import pickle
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

FREQ_FLOOR = 100_000  # theme keywords join the user dictionary at least this frequent
_FORMAT = "1"


@dataclass(frozen=True)
class Lexicon:
    idf: dict[str, float]
    median_idf: float
    by_tag: dict[str, tuple[str, ...]]  # tag -> its words
    frequent: dict[str, int]  # the words above FREQ_FLOOR and their frequencies

    def freq_for_user_word(self, word: str) -> int:
        """jieba's frequency of a word, raised to FREQ_FLOOR: what a theme keyword is added with."""
        return max(self.frequent.get(word, 0), FREQ_FLOOR)

    def words_tagged(self, tags: frozenset[str]) -> frozenset[str]:
        return frozenset(w for t in tags for w in self.by_tag.get(t, ()))


def _jieba_dir() -> Path:
    spec = importlib.util.find_spec("jieba")
    return Path(next(iter(spec.submodule_search_locations)))


def _parse(dict_path: Path, idf_path: Path) -> Lexicon:
    tags: dict[str, str] = {}
    freq: dict[str, int] = {}
    with open(dict_path, encoding="utf-8") as fh:
        for line in fh:  # a word listed twice: the last line wins, as in jieba
            parts = line.split()
            if len(parts) < 2:
                continue
            freq[parts[0]] = int(parts[1])
            if len(parts) > 2:
                tags[parts[0]] = parts[2]
    by_tag: dict[str, list[str]] = {}
    for word, tag in tags.items():
        by_tag.setdefault(tag, []).append(word)
    frequent = {w: f for w, f in freq.items() if f > FREQ_FLOOR}
    idf: dict[str, float] = {}
    with open(idf_path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 2:
                idf[parts[0]] = float(parts[1])
    median = sorted(idf.values())[len(idf) // 2] if idf else 0.0  # as jieba.analyse's IDFLoader takes it
    return Lexicon(idf, median, {t: tuple(ws) for t, ws in by_tag.items()}, frequent)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon of the installed jieba, from the cache when its files have not changed."""
    root = _jieba_dir()
    files = (root / "dict.txt", root / "analyse" / "idf.txt")
    stamp = "-".join(f"{os.stat(f).st_size}.{os.stat(f).st_mtime_ns}" for f in files)
    cache = Path(tempfile.gettempdir()) / f"duibiao-lexicon-{_FORMAT}-{stamp}.pickle"
    try:
        with open(cache, "rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    lex = _parse(*files)
    try:  # written whole, then renamed: a parallel worker never reads half a cache
        fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=cache.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(lex, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache)
    except OSError:
        pass  # a read-only temporary folder: parse again next time
    return lex
