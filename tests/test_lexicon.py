"""The lexicon read from jieba's files is jieba's own: tags, IDF, median, user-word frequencies."""
from __future__ import annotations

import logging

import jieba
import jieba.analyse
import jieba.posseg

from extract import lexicon as lx


def test_the_lexicon_is_what_jieba_loads():
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    lex = lx._parse(*(lx._jieba_dir() / "dict.txt", lx._jieba_dir() / "analyse" / "idf.txt"))
    tfidf = jieba.analyse.default_tfidf
    assert lex.idf == tfidf.idf_freq and lex.median_idf == tfidf.median_idf
    tags = frozenset({"v", "d", "p"})
    assert lex.words_tagged(tags) == {w for w, t in jieba.posseg.dt.word_tag_tab.items() if t in tags}
    for word in ("的", "人大", "立法", "常委会", "备案审查", "不在词典里的词"):
        assert lex.freq_for_user_word(word) == max(jieba.get_FREQ(word) or 0, lx.FREQ_FLOOR), word


def test_the_cached_lexicon_equals_a_fresh_parse(tmp_path, monkeypatch):
    monkeypatch.setattr(lx.tempfile, "gettempdir", lambda: str(tmp_path))
    lx.lexicon.cache_clear()
    try:
        first = lx.lexicon()  # parsed and written
        assert len(list(tmp_path.glob("duibiao-lexicon-*.pickle"))) == 1
        lx.lexicon.cache_clear()
        again = lx.lexicon()  # read from the cache
        assert again == first and again is not first
    finally:
        lx.lexicon.cache_clear()
