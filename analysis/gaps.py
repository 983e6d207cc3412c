"""对标差距 (gap analysis): where a region stands against its peers, and what the peers do that it does not.

Pure pandas over the store's tables (no Streamlit), shared by the dashboard page,
the Word brief and presentation mode.  Two entry points:

- ``indicator_gaps(rows_df, region, peers)``: per indicator, the region's value
  against the peers' median and best, each with its sentence;
- ``practice_gaps(groups, practices, region, peers)``: per practice type, what
  peers do that the region's documents never mention (学什么、向谁学), and the
  region's own practices no peer has (特色).
"""
from __future__ import annotations

import math

import pandas as pd

INDICATOR_GAP_COLUMNS = [
    "indicator", "label", "category", "unit", "value", "qualifier", "year", "evidence", "document", "start", "end",
    "peer_median", "peer_count", "best_value", "best_qualifier", "best_region", "best_year", "best_evidence",
    "best_document", "best_start", "best_end", "gap", "unknown_year", "other_level", "other_year", "peer_values"]
PRACTICE_GAP_COLUMNS = ["kind", "theme", "group", "practice_type", "peers_having", "sentences", "region_sentences"]


def default_peers(levels: dict[str, str], region: str) -> list[str]:
    """Regions of the same level as ``region`` (``levels``: region → level), itself excluded."""
    level = levels.get(region)
    return sorted(r for r, lv in levels.items() if lv == level and r != region)


def _pick(rows: pd.DataFrame, year) -> pd.DataFrame:
    """One row per (region, indicator): the given year where there is one, else the latest (unknown year last)."""
    if rows.empty:
        return rows
    r = rows.assign(_same=(rows.year == year) if year is not None else False,
                    _y=rows.year.fillna(-1))
    r = r.sort_values(["_same", "_y"]).groupby(["region", "indicator"], as_index=False).tail(1)
    return r.drop(columns=["_same", "_y"])


def _is_missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def indicator_gaps(rows_df: pd.DataFrame, region: str, peers: list[str], year: int | None = None) -> pd.DataFrame:
    """The region's value of each indicator against its peers.

    ``rows_df``: headline rows (one total per region, year, indicator: columns region, level, year,
    indicator, label, category, unit, value, qualifier, evidence, document, start, end); theme
    intensities (category 主题) are left out.  ``year``: the region's year (default: its latest);
    each peer contributes its value of that year, or its latest where it has none.

    Returns one row per indicator that the region or a peer has, columns:

    - indicator, label, category, unit: the indicator;
    - value, qualifier, year, evidence, document, start, end: the region's own value and its
      sentence (NaN/None when the region's documents give none: a gap to close, not a zero);
    - peer_median, peer_count: median over the peers that have a value, and how many do;
    - best_value, best_qualifier, best_region, best_year, best_evidence, best_document,
      best_start, best_end: the highest value among region and peers, with its sentence;
    - gap: value − peer_median (NaN when either is missing);
    - unknown_year: some compared value comes from a document that does not say its year;
    - other_level: some peer value is of another level (province/city/county) than the region;
    - other_year: some peer value is of a different year than the region's;
    - peer_values: '定远县 22（2024）；高县 47（年度不详）' — every peer value, for the record.
    """
    h = rows_df[rows_df.category != "主题"] if "category" in rows_df else rows_df
    mine_all = h[h.region == region]
    if year is None and mine_all.year.notna().any():
        year = int(mine_all.year.max())
    mine = _pick(mine_all, year).set_index("indicator")
    others = _pick(h[h.region.isin([p for p in peers if p != region])], year)
    level = mine_all.level.iloc[0] if not mine_all.empty else None
    out = []
    for ind in list(dict.fromkeys(list(mine.index) + list(others.indicator))):
        own = mine.loc[ind] if ind in mine.index else None
        peer = others[others.indicator == ind]
        both = pd.concat([peer, own.to_frame().T.assign(indicator=ind)]) if own is not None else peer
        best = both.sort_values("value", ascending=False).iloc[0]
        meta = own if own is not None else peer.iloc[0]
        value = own["value"] if own is not None else math.nan
        median = float(peer.value.median()) if len(peer) else math.nan
        years = [own["year"]] if own is not None else []
        out.append({
            "indicator": ind, "label": meta["label"], "category": meta.get("category"), "unit": meta.get("unit"),
            "value": value, "qualifier": own["qualifier"] if own is not None else None,
            "year": own["year"] if own is not None else None,
            "evidence": own["evidence"] if own is not None else None,
            "document": own["document"] if own is not None else None,
            "start": own["start"] if own is not None else None, "end": own["end"] if own is not None else None,
            "peer_median": median, "peer_count": len(peer),
            "best_value": best["value"], "best_qualifier": best["qualifier"], "best_region": best["region"],
            "best_year": best["year"], "best_evidence": best["evidence"], "best_document": best["document"],
            "best_start": best["start"], "best_end": best["end"],
            "gap": value - median if not (_is_missing(value) or math.isnan(median)) else math.nan,
            "unknown_year": any(_is_missing(y) for y in list(peer.year) + years),
            "other_level": bool(level) and bool((peer.level != level).any()),
            "other_year": year is not None and any(not _is_missing(y) and int(y) != year for y in peer.year),
            "peer_values": "；".join(f"{r} {_fmt(v)}（{_year(y)}）" for r, v, y in zip(peer.region, peer.value,
                                                                                   peer.year)),
        })
    df = pd.DataFrame(out, columns=INDICATOR_GAP_COLUMNS)
    if df.empty:
        return df
    return df.assign(_missing=df.value.isna()).sort_values(["_missing", "category", "indicator"]).drop(
        columns="_missing").reset_index(drop=True)


def _fmt(v) -> str:
    return "—" if _is_missing(v) else (f"{int(v):,}" if float(v).is_integer() else f"{v:,.2f}")


def _year(y) -> str:
    return "年度不详" if _is_missing(y) else f"{int(y)}"


def _sentences(part: pd.DataFrame) -> list[dict]:
    return [{"region": r, "statement": s, "document": d, "start": int(a), "end": int(b)}
            for r, s, d, a, b in part[["region", "statement", "document", "start", "end"]]
            .drop_duplicates(["region", "statement"]).itertuples(index=False)]


def practice_gaps(groups: pd.DataFrame, practices: pd.DataFrame, region: str, peers: list[str],
                  mentioned: set[str] | frozenset = frozenset()) -> pd.DataFrame:
    """What peers do that the region does not, and what only the region does.

    ``groups``: the output of ``analysis.practice_types.group_practices`` over the whole store (columns
    group, name, region, theme, statement, document, start, end); ``practices``: the store's practices
    table; ``mentioned``: type ids the region's texts mention anywhere (``types_mentioned``), which are
    therefore no gap.  Returns one row per finding, columns:

    - kind: ``learn`` (a practice type some peers have and the region's documents never mention:
      学什么、向谁学) or ``own`` (a practice of the region that no peer has: 特色);
    - theme: the theme most of the type's statements stand under (the compilation's own headings
      where there are any);
    - group: the practice type's id (``learn``; for ``own`` the type id or the practice key);
    - practice_type: the type's name (``learn``) or the practice's name (``own``);
    - peers_having: the peers doing it, in text order (empty for ``own``);
    - sentences: list of dicts (region, statement, document, start, end), the peers' sentences
      (``learn``) or the region's own sentence (``own``);
    - region_sentences: for ``learn`` always empty (the region never mentions it).
    """
    peers = [p for p in peers if p != region]
    rows = []
    mine_groups = (set(groups[groups.region == region].group) if not groups.empty else set()) | set(mentioned)
    for gid, part in (groups.groupby("group", sort=False) if not groups.empty else []):
        having = [r for r in dict.fromkeys(part.region) if r in peers]
        if gid in mine_groups or not having:
            continue
        peer_part = part[part.region.isin(having)]
        themes = peer_part.theme.dropna()
        rows.append({"kind": "learn", "theme": themes.mode().iloc[0] if len(themes) else None, "group": gid,
                     "practice_type": part.name.iloc[0], "peers_having": having,
                     "sentences": _sentences(peer_part), "region_sentences": []})
    peer_groups = set(groups[groups.region.isin(peers)].group) if not groups.empty else set()
    peer_keys = set(practices[practices.region.isin(peers)].key)
    own = practices[(practices.region == region) & ~practices.key.isin(peer_keys)].drop_duplicates("key")
    grouped = groups[groups.region == region] if not groups.empty else groups
    for p in own.itertuples():
        in_peer_group = not grouped.empty and bool(
            grouped[(grouped.statement == p.evidence) & grouped.group.isin(peer_groups)].shape[0])
        if in_peer_group:
            continue
        rows.append({"kind": "own", "theme": p.theme, "group": p.key, "practice_type": p.name, "peers_having": [],
                     "sentences": [{"region": region, "statement": p.evidence, "document": p.document,
                                    "start": int(p.start), "end": int(p.end)}], "region_sentences": []})
    df = pd.DataFrame(rows, columns=PRACTICE_GAP_COLUMNS)
    if df.empty:
        return df
    df["_n"] = df.peers_having.map(len)
    return df.sort_values(["kind", "_n", "theme"], ascending=[True, False, True],
                          na_position="last").drop(columns="_n").reset_index(drop=True)


FIGURE_GAP_COLUMNS = ["type", "type_label", "indicator", "region_figures", "peer_figures", "best_region", "best_value",
                      "best_unit"]


def figure_gaps(figures: pd.DataFrame, region: str, peers: list[str]) -> pd.DataFrame:
    """The figures (config/figures.yaml types) the region and its peers give, type by type.

    ``figures``: the store's figures table.  Returns one row per figure type that the region or a peer
    has, those the region lacks first; columns: type, type_label, indicator (fixed id or None),
    region_figures and peer_figures (lists of dicts: region, value, qualifier, unit, noun, evidence,
    document, start, end), best_region, best_value, best_unit (the largest figure of the type; units
    of one type may differ, so compare them as the sentences say).
    """
    peers = [p for p in peers if p != region]
    f = figures[figures.type.notna() & figures.region.isin([region, *peers])]
    rows = []
    cols = ["region", "value", "qualifier", "unit", "noun", "evidence", "document", "start", "end"]
    for tid, part in f.groupby("type", sort=False):
        best = part.sort_values("value", ascending=False).iloc[0]
        rows.append({"type": tid, "type_label": part.type_label.iloc[0],
                     "indicator": part.indicator.dropna().iloc[0] if part.indicator.notna().any() else None,
                     "region_figures": part[part.region == region][cols].to_dict("records"),
                     "peer_figures": part[part.region != region][cols].to_dict("records"),
                     "best_region": best.region, "best_value": best.value, "best_unit": best.unit})
    df = pd.DataFrame(rows, columns=FIGURE_GAP_COLUMNS)
    if df.empty:
        return df
    df["_has"] = df.region_figures.map(bool)
    return df.sort_values(["_has", "type_label"]).drop(columns="_has").reset_index(drop=True)


def practice_gaps_from_tables(sections: pd.DataFrame, documents: pd.DataFrame, practices: pd.DataFrame,
                              texts: dict[str, str], cfg, region: str, peers: list[str]) -> pd.DataFrame:
    """``practice_gaps`` straight from the store's tables (for callers without the dashboard's cache,
    e.g. the Word brief): groups the statements with ``cfg`` (extract.practice_types.load_practice_types)
    and checks the region's own texts for the configured types.  Same columns as ``practice_gaps``."""
    from .practice_types import group_practices, region_texts, statements, types_mentioned

    groups = group_practices(statements(sections, documents, practices, texts), cfg)
    return practice_gaps(groups, practices, region, peers, types_mentioned(region_texts(sections, texts, region), cfg))
