"""Views of the tidy table as plain pandas functions: no Streamlit here, so they test alone."""
from __future__ import annotations

import html
import math

import pandas as pd

from .labels import by_division_code

QUALIFIER_MARK = {"at_least": "≥", "approx": "≈", "exact": ""}
LEVEL_LABELS = {"province": "省级", "city": "市级", "county": "县级"}
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
           "#bcbd22", "#7f7f7f", "#393b79", "#ad494a", "#637939", "#8c6d31", "#843c39", "#7b4173",
           "#3182bd", "#e6550d", "#31a354", "#756bb1", "#636363", "#6baed6", "#fd8d3c", "#74c476")


def fmt_number(value: float) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def value_label(value: float, qualifier: str | None, unit: str | None = "") -> str:
    """7.7万余人次 → ≥77,000人次; 近300件 → ≈300件."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "无数据"
    return f"{QUALIFIER_MARK.get(qualifier or 'exact', '')}{fmt_number(value)}{unit or ''}"


def color_map(regions) -> dict[str, str]:
    """One colour per region, the same on every chart (order: sorted names of the whole store)."""
    names = sorted({r for r in regions if isinstance(r, str)})
    colors = {}
    for i, name in enumerate(names):
        if i < len(PALETTE):
            colors[name] = PALETTE[i]
        else:  # beyond the palette: a stable hue from the position
            colors[name] = f"hsl({(i * 137) % 360}, 55%, 45%)"
    return colors


def year_label(year) -> str:
    return "年度不详" if year is None or (isinstance(year, float) and math.isnan(year)) else f"{int(year)}"


def previous(headline: pd.DataFrame, region: str, year: int, indicator: str) -> pd.Series | None:
    """The same region's value in its previous available year."""
    h = headline[(headline.region == region) & (headline.indicator == indicator) & (headline.year < year)]
    if h.empty:
        return None
    return h.sort_values("year").iloc[-1]


def peer_rank(headline: pd.DataFrame, region: str, year: int, indicator: str, level: str) -> tuple[int, int] | None:
    """Rank (1 = highest) among regions of the same level with a value for that year."""
    peers = headline[(headline.indicator == indicator) & (headline.year == year) & (headline.level == level)]
    if region not in set(peers.region):
        return None
    ordered = peers.sort_values("value", ascending=False).reset_index(drop=True)
    rank = int(ordered.index[ordered.region == region][0]) + 1
    return rank, len(ordered)


def latest_per(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Each ``keys`` group's row of its latest year; a row of unknown year only where the group has no dated one."""
    return rows.sort_values("year", na_position="first", kind="stable").drop_duplicates(keys, keep="last")


def ranking(headline: pd.DataFrame, indicator: str, year: int | None, levels: list[str],
            regions_with_documents: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Values of one indicator across regions (a year, or each region's latest), and regions without one.

    ``regions_with_documents`` (region, level) lists who could have a value: those
    without one are returned as missing, never as zero.
    """
    h = headline[(headline.indicator == indicator) & (headline.level.isin(levels))]
    if year is not None:
        h = h[h.year == year]
    else:
        h = latest_per(h, ["region"])
    h = h.sort_values("value", ascending=False).reset_index(drop=True)
    h["rank"] = h.value.rank(method="min", ascending=False).fillna(len(h)).astype(int)  # ties share the better
    known = regions_with_documents.region[regions_with_documents.level.isin(levels)]
    missing = sorted(set(known.tolist()) - set(h.region.tolist()))  # tolist: arrow strings in one step
    return h, missing


def trend(headline: pd.DataFrame, indicator: str, regions: list[str]) -> pd.DataFrame:
    """Years × regions of one indicator; a year without a report is NaN (a gap), never 0."""
    h = headline[(headline.indicator == indicator) & (headline.region.isin(regions)) & headline.year.notna()]
    if h.empty:
        return pd.DataFrame()
    years = range(int(h.year.min()), int(h.year.max()) + 1)
    return h.pivot_table(index="year", columns="region", values="value", aggfunc="first").reindex(years)


def matrix(headline: pd.DataFrame, regions: list[str], indicators: list[str], labels: dict[str, str],
           year: int | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Regions × indicators: raw values and values scaled by each column's maximum (0–1)."""
    h = headline[headline.region.isin(regions) & headline.indicator.isin(indicators)]
    if year is not None:
        h = h[h.year == year]
    else:
        h = latest_per(h, ["region", "indicator"])
    raw = h.pivot_table(index="region", columns="indicator", values="value", aggfunc="first")
    raw = raw.reindex(index=by_division_code(raw.index), columns=[i for i in indicators if i in raw.columns])
    scaled = raw / raw.max(axis=0).replace(0, math.nan)
    raw.columns = [labels.get(c, c) for c in raw.columns]
    scaled.columns = raw.columns
    return raw, scaled


def compilation_matrix(sections: pd.DataFrame, practices: pd.DataFrame, document: str) -> pd.DataFrame:
    """Regions × the compilation's own themes, from its (region, theme) segments: the number of
    practices catalogued in each segment, 0 where the segment cites the region without a named
    practice, NaN only where the compilation does not mention the region under that theme."""
    seg = sections[(sections.document == document) & sections.theme.notna() & sections.region.notna()]
    if seg.empty:
        return pd.DataFrame()
    themes = list(dict.fromkeys(seg.theme))
    regions = list(dict.fromkeys(seg.region))
    p = practices[(practices.document == document) & practices.theme.notna()]
    counts = p.groupby(["region", "theme"]).size()
    present = seg.groupby(["region", "theme"]).size()
    out = pd.DataFrame(index=regions, columns=themes, dtype=float)
    for (region, theme) in present.index:
        out.loc[region, theme] = float(counts.get((region, theme), 0))
    out = out.reindex(by_division_code(out.index))
    out.index.name = "region"
    return out


def sources_note(documents: pd.DataFrame, names) -> str:
    """'数据来源：…' under a chart: the documents it draws on, by title."""
    names = [n for n in dict.fromkeys(names) if isinstance(n, str)]
    if not names:
        return "数据来源：无"
    titles = documents.set_index("document")["title"].to_dict() if not documents.empty else {}
    shown = [f"{titles.get(n) or n}（{n}）" for n in names[:6]]
    more = f" 等 {len(names)} 份文档" if len(names) > 6 else ""
    return "数据来源：" + "；".join(shown) + more


def highlight(text: str, start: int, end: int, context: int | None = None) -> str:
    """HTML of text (or ``context`` characters around the mark) with [start:end] marked; all escaped."""
    lo, hi = (0, len(text)) if context is None else (max(0, start - context), min(len(text), end + context))
    return (html.escape(text[lo:start]) + "<mark>" + html.escape(text[start:end]) + "</mark>"
            + html.escape(text[end:hi]))


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return lo, (len(text) if hi == -1 else hi)



PICKER_LIMIT = 50  # options a region picker lists at once (the rest are found by the search box)


def same_division(regions: list[str], code_of: dict[str, str], region: str, digits: int) -> list[str]:
    """The ``regions`` whose division code starts as ``region``'s does: 2 digits its province, 4 its city."""
    mine = code_of.get(region) or ""
    return [r for r in regions if mine and (code_of.get(r) or "")[:digits] == mine[:digits]]


def region_choices(regions: list[str], code_of: dict[str, str], provinces: list[str], keep: list[str],
                   matches: list[str] | None = None, limit: int = PICKER_LIMIT) -> list[str]:
    """A bounded list for a region picker (``regions`` in division-code order): all of them when few; else
    the first ``matches`` of a search, or without one the provinces and the regions of the first kept
    region's city, then its province; always the ``keep`` ones (the current choice), in division-code order."""
    if len(regions) <= limit:
        return regions
    kept = [r for r in keep if r]
    if matches is not None:
        wanted = matches[:limit]
    else:
        mine = kept[0] if kept else ""
        wanted = list(dict.fromkeys(provinces + same_division(regions, code_of, mine, 4)
                                    + same_division(regions, code_of, mine, 2)))[:limit]
    chosen = set(wanted) | set(kept)
    return [r for r in regions if r in chosen]
