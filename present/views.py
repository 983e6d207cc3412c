"""A view = the filtered rows behind a chart, the chart, its title and its sources."""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from analysis import charts
from analysis import queries as q
from analysis.labels import faithful_label
from extract.store import connect

LEVELS = ["province", "city", "county"]
# A ranking of many regions (2,800 counties make no readable chart) draws its top and the chosen region
# with its neighbours in the ranking; the data behind it, in tables and exports, stays whole.
TOP_BARS = 15
AROUND = 4  # places above and below the chosen region


@dataclass
class Frames:
    """The store's tables a view needs, read once."""

    headline: pd.DataFrame
    documents: pd.DataFrame
    regions_known: pd.DataFrame
    changes: pd.DataFrame
    built_at: str = ""
    practices: pd.DataFrame | None = None  # read by the Word brief (gap analysis, practices worth learning)
    sections: pd.DataFrame | None = None  # the compilation's (region, theme) segments
    labels: dict | None = None  # indicator → label, for an indicator the rows at hand do not have

    @classmethod
    def load(cls, store: Path) -> "Frames":
        con = connect(store)
        try:
            read = lambda sql: pd.read_sql_query(sql, con)  # noqa: E731
            built = read("SELECT built_at FROM builds")
            return cls(read("SELECT * FROM headline"),
                       read("SELECT document, kind, region, level, work_year, title FROM documents"),
                       read("SELECT DISTINCT region, level FROM sections WHERE region IS NOT NULL AND plan = 0"),
                       read("SELECT * FROM changes"),
                       built.built_at.iloc[0] if len(built) else "",
                       read("SELECT * FROM practices"),
                       read("SELECT document, region, theme FROM sections"))
        finally:
            con.close()


@dataclass
class View:
    kind: str  # ranking | trend
    title: str
    label: str
    unit: str
    data: pd.DataFrame  # the headline rows behind the chart, with evidence
    figure: go.Figure
    sources: str
    filters: dict = field(default_factory=dict)
    missing: list = field(default_factory=list)


def _label(frames: Frames, indicator: str) -> tuple[str, str]:
    """The indicator's label and unit; units as the texts write them (人次/名 when they differ)."""
    h = frames.headline[frames.headline.indicator == indicator]
    if not len(h):
        return (frames.labels or {}).get(indicator, indicator), ""
    units = [u for u in h.unit.value_counts().index if u]
    if h.evidence.isna().all() and frames.labels:  # rows read without their sentences: the store-wide labels
        return frames.labels.get(indicator, h.label.iloc[0]), "/".join(units[:3])
    return faithful_label(h.label.iloc[0], h.evidence), "/".join(units[:3])


def ranking_levels(f: dict) -> list[str]:
    """The levels a ranking compares: the chosen one, or all three across levels."""
    return LEVELS if f.get("cross") else [f.get("level") or "province"]


def ranking_view(frames: Frames, f: dict, colors: dict | None = None) -> View:
    label, unit = _label(frames, f["indicator"])
    levels = ranking_levels(f)
    data, missing = q.ranking(frames.headline, f["indicator"], f.get("year"), levels, frames.regions_known)
    scope = "、".join(q.LEVEL_LABELS[lv] for lv in levels)
    year_text = f"{f['year']} 年" if f.get("year") else "各地区最新年度"
    title = f"{label}排名（{scope}，{year_text}）"
    colors = colors or q.color_map(frames.regions_known.region.tolist() + frames.headline.region.tolist())
    shown, part = top_and_neighbours(data, f.get("region"))
    if part:
        title = f"{title[:-1]}，{part}，共 {len(data)} 个地区）"
    fig = charts.ranking_bar(shown, label, unit, colors, title, ranks=bool(part))
    return View("ranking", title, label, unit, data, fig, q.sources_note(frames.documents, data.document), f, missing)


def top_and_neighbours(data: pd.DataFrame, region: str | None) -> tuple[pd.DataFrame, str]:
    """The bars of a long ranking (``data`` sorted, best first, with its ranks): the top ``TOP_BARS`` and the
    chosen region with ``AROUND`` places on either side; and what the title says of them ("" when all)."""
    if len(data) <= TOP_BARS + 2 * AROUND + 1:
        return data, ""
    at = data.index[data.region == region]
    keep = data.index < TOP_BARS
    if len(at) and at[0] >= TOP_BARS:
        keep |= (data.index >= at[0] - AROUND) & (data.index <= at[0] + AROUND)
        return data[keep], f"前 {TOP_BARS} 名及本地区前后各 {AROUND} 名"
    if len(at):  # the region is among the top: the top, a little longer
        return data[data.index < TOP_BARS + AROUND], f"前 {TOP_BARS + AROUND} 名"
    return data[keep], f"前 {TOP_BARS} 名"


def trend_view(frames: Frames, f: dict, colors: dict | None = None) -> View:
    label, unit = _label(frames, f["indicator"])
    regions = f.get("regions") or [f["region"]]
    pivot = q.trend(frames.headline, f["indicator"], regions)
    h = frames.headline
    data = h[(h.indicator == f["indicator"]) & h.region.isin(regions) & h.year.notna()].sort_values(["region", "year"])
    title = f"{label}（按工作年度）"
    colors = colors or q.color_map(frames.regions_known.region.tolist() + h.region.tolist())
    fig = charts.trend_lines(pivot, label, unit, colors, title) if not pivot.empty else go.Figure()
    v = View("trend", title, label, unit, data, fig, q.sources_note(frames.documents, data.document), f)
    v.pivot = pivot
    return v


def export_figure(view: View) -> go.Figure:
    """The chart as it leaves the dashboard: its title and a source line on the image."""
    return annotate(view.figure, view.sources, view.filters, view.label)


SLIDE_FONT = 18  # px at 1600×900: legible on a projected slide


def _wrap(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


def _axis_space(axis, font: int) -> int:
    """Pixels the x axis needs under the plot: its tick labels (wrapped ones take more lines) and title."""
    if axis.visible is False:
        return 10
    lines = max((str(t).count("<br>") + 1 for t in (axis.ticktext or [])), default=1)
    title = font + 24 if axis.title and axis.title.text else 0
    return int(lines * font * 1.3) + 14 + title


def _level_heatmap_labels(fig: go.Figure, font: int, width: int = 1600) -> None:
    """A matrix's column names written level and wrapped to the column's width (slanted names collide
    at slide type size); the colour bar's title turned along the bar, clear of its tick labels."""
    columns = [str(c) for t in fig.data if t.type == "heatmap" for c in (t.x if t.x is not None else [])]
    rows = [str(c) for t in fig.data if t.type == "heatmap" for c in (t.y if t.y is not None else [])]
    left = font * max((len(r) for r in rows), default=4) + 60
    per_column = (width - left - 220) / max(len(columns), 1)
    chars = max(2, int(per_column // (font * 1.08)))
    wrapped = ["<br>".join(_wrap(c, chars)) for c in columns]
    fig.update_xaxes(tickangle=0, tickvals=columns, ticktext=wrapped)
    fig.update_traces(colorbar={"title": {"side": "right"}}, selector={"type": "heatmap"})


def annotate(figure: go.Figure, sources: str, filters: dict, label: str | None = None) -> go.Figure:
    """A copy of a figure at slide type size with the source line and the filters (in Chinese words)
    written under it, placed in pixels below the x axis so that it never overlaps the axis title."""
    from analysis.labels import filters_text

    fig = go.Figure(figure)
    font = SLIDE_FONT
    fig.update_layout(font={"size": font}, title={"font": {"size": font + 8}, "x": 0.01, "xanchor": "left",
                                                    "y": 0.98, "yanchor": "top", "yref": "container"})
    fig.update_xaxes(automargin=True, title_standoff=14, tickfont_size=font)
    fig.update_yaxes(automargin=True, title_standoff=14, tickfont_size=font)
    if any(t.type == "heatmap" for t in fig.data):
        _level_heatmap_labels(fig, font)
    lines = _wrap(sources, 80) + _wrap("筛选：" + filters_text(filters, label), 80)
    caption = 14
    below = _axis_space(fig.layout.xaxis, font)
    # plotly reads <b>, <a href> … in text: the strings of documents and filters are escaped
    fig.add_annotation(text="<br>".join(html.escape(line) for line in lines), xref="paper", yref="paper", x=0, y=0, xanchor="left",
                       yanchor="top", yshift=-below, showarrow=False, align="left",
                       font={"size": caption, "color": "#555"})
    fig.update_layout(margin={"b": below + int(len(lines) * caption * 1.5) + 24, "l": 24, "r": 60,
                              "t": font * 2 + 60})
    return fig
