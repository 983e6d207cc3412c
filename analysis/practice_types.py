"""Practice types (同类做法): statements of different regions that do the same thing in different words.

Statements come from the store's tables, so uploaded documents group like the
bundled ones: every sentence of a compilation's (region, theme) segment, and
the sentence around each catalogued practice of any other document.  A
statement joins the configured types (``config/practice_types.yaml``) whose key
terms it matches; the rest are grouped by text similarity (TF-IDF over
character 2–3-grams, cosine) between statements of different regions, and such
a group is named by the longest phrase its first two statements share.
"""
from __future__ import annotations

import re

import pandas as pd

_SPLIT = re.compile(r"[^。；;！？\n]+[。；;！？]?")
STATEMENT_COLUMNS = ["document", "section", "region", "level", "year", "theme", "statement", "start", "end"]
GROUP_COLUMNS = ["group", "name", "source", *STATEMENT_COLUMNS]


def statements(sections: pd.DataFrame, documents: pd.DataFrame, practices: pd.DataFrame,
               texts: dict[str, str]) -> pd.DataFrame:
    """Practice statements of every region: compilation segments sentence by sentence, else the
    sentences that hold catalogued practices.  ``documents`` needs columns document, kind;
    ``texts`` maps document → normalised text."""
    kinds = dict(zip(documents.document, documents.kind)) if not documents.empty else {}
    out = []
    comp = sections[sections.document.map(kinds).eq("compilation") & sections.region.notna() & (sections.plan == 0)]
    for s in comp.itertuples():
        text = texts.get(s.document, "")
        for m in _SPLIT.finditer(text, int(s.start), int(s.end)):
            sent = m.group().strip()
            if len(sent) >= 8:
                out.append((s.document, s.title, s.region, s.level, s.year, s.theme, sent, m.start(), m.end()))
    other = practices[~practices.document.map(kinds).eq("compilation") & practices.region.notna()]
    for p in other.drop_duplicates(["document", "region", "evidence"]).itertuples():
        out.append((p.document, p.section, p.region, p.level, p.year, p.theme, p.evidence, int(p.start), int(p.end)))
    return pd.DataFrame(out, columns=STATEMENT_COLUMNS)


def _strip(text: str, words: tuple[str, ...], region: str) -> str:
    for w in (region, region[:2], *words):
        if w:
            text = text.replace(w, " ")
    return re.sub(r"[^\u4e00-\u9fffA-Za-z0-9]+", " ", text)


def _similar_groups(st: pd.DataFrame, threshold: float, boilerplate: tuple[str, ...]) -> list[list[int]]:
    """Indices of ``st`` joined when two statements of different regions are similar enough (union-find)."""
    if len(st) < 2:
        return []
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    docs = [_strip(t, boilerplate, r) for t, r in zip(st.statement, st.region)]
    try:
        matrix = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3), sublinear_tf=True).fit_transform(docs)
    except ValueError:  # nothing left to compare
        return []
    sim = cosine_similarity(matrix, dense_output=False).tocoo()  # sparse: large stores stay small
    parent = list(range(len(st)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    regions = st.region.tolist()
    for i, j, v in zip(sim.row, sim.col, sim.data):
        if i < j and v >= threshold and regions[i] != regions[j]:
            parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(st)):
        groups.setdefault(find(i), []).append(i)
    return [g for g in groups.values() if len(g) > 1]


def _shared_name(texts: list[str], regions: list[str], boilerplate: tuple[str, ...]) -> str:
    """The longest phrase at least half of a group's statements (and two of them) share, boilerplate aside."""
    pieces = [[p for p in re.split(r"[|，。；、“”‘’·—\s]+", _strip_words(t.replace(r, "|").replace(r[:2], "|"),
                                                                   boilerplate)) if p]
              for t, r in zip(texts, regions)]
    need = max(2, (len(texts) + 1) // 2)
    for n in range(10, 1, -1):
        seen: dict[str, int] = {}
        for parts in pieces:
            for gram in {p[i:i + n] for p in parts for i in range(len(p) - n + 1)}:
                seen[gram] = seen.get(gram, 0) + 1
        best = sorted((g for g, c in seen.items() if c >= need), key=lambda g: (-seen[g], g))
        if best:
            return best[0]
    return texts[0][:12]


def _strip_words(text: str, words: tuple[str, ...]) -> str:
    for w in words:
        text = text.replace(w, "|")
    return text


def group_practices(st: pd.DataFrame, cfg) -> pd.DataFrame:
    """One row per (group, statement); groups done by at least ``cfg.min_regions`` regions.

    Columns: group (type id, or ``sim:N``), name (from config, or the shared phrase),
    source (``config`` | ``similarity``), then the statement's document, section, region,
    level, year, theme, statement, start, end.
    """
    rows, claimed = [], set()
    for t in cfg.types:
        hit = st[st.statement.map(lambda s, t=t: any(p.search(s) for p in t.terms))]
        claimed.update(hit.index)
        rows.extend((t.id, t.name, "config", *r) for r in hit[STATEMENT_COLUMNS].itertuples(index=False))
    rest = st.drop(index=list(claimed)).reset_index(drop=True)
    for n, members in enumerate(_similar_groups(rest, cfg.similarity, cfg.boilerplate), 1):
        part = rest.iloc[members]
        name = _shared_name(part.statement.tolist(), part.region.tolist(), cfg.boilerplate)
        rows.extend((f"sim:{n}", name, "similarity", *r) for r in part[STATEMENT_COLUMNS].itertuples(index=False))
    out = pd.DataFrame(rows, columns=GROUP_COLUMNS)
    if out.empty:
        return out
    spread = out.groupby("group").region.nunique()
    return out[out.group.isin(spread[spread >= cfg.min_regions].index)].reset_index(drop=True)


def group_summary(groups: pd.DataFrame) -> pd.DataFrame:
    """One row per group: name, source, regions (list, in text order), count of regions and statements."""
    if groups.empty:
        return pd.DataFrame(columns=["group", "name", "source", "regions", "n_regions", "n_statements"])
    return (groups.groupby(["group", "name", "source"], sort=False)
            .agg(regions=("region", lambda r: list(dict.fromkeys(r))), n_regions=("region", "nunique"),
                 n_statements=("statement", "size"))
            .reset_index().sort_values(["n_regions", "name"], ascending=[False, True]).reset_index(drop=True))


def types_mentioned(texts: list[str], cfg) -> set[str]:
    """Ids of the configured types whose key terms occur anywhere in ``texts`` (a region's documents):
    a type a region mentions outside its catalogued sentences is not a gap."""
    return {t.id for t in cfg.types if any(p.search(text) for p in t.terms for text in texts)}


def region_texts(sections: pd.DataFrame, texts: dict[str, str], region: str) -> list[str]:
    """The parts of the documents that speak for ``region`` (its sections; plans left out)."""
    own = sections[(sections.region == region) & (sections.plan == 0)]
    return [texts.get(d, "")[int(a):int(b)] for d, a, b in zip(own.document, own.start, own.end)]
