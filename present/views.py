"""A view = the filtered rows behind a chart, the chart, its title and its sources."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from analysis import charts
from analysis import queries as q
from extract.store import connect

LEVELS = ["province", "city", "county"]
MAX_BARS = 60  # bars of a ranking chart (the data behind it, in tables and exports, stays whole)


@dataclass
class Frames:
    """The store's tables a view needs, read once."""

    headline: pd.DataFrame
    documents: pd.DataFrame
    regions_known: pd.DataFrame
    changes: pd.DataFrame
    built_at: str = ""

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
                       built.built_at.iloc[0] if len(built) else "")
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
        return indicator, ""
    units = [u for u in h.unit.value_counts().index if u]
    return h.label.iloc[0], "/".join(units[:3])


def ranking_view(frames: Frames, f: dict, colors: dict | None = None) -> View:
    label, unit = _label(frames, f["indicator"])
    levels = LEVELS if f.get("cross") else [f.get("level") or "province"]
    data, missing = q.ranking(frames.headline, f["indicator"], f.get("year"), levels, frames.regions_known)
    scope = "、".join(q.LEVEL_LABELS[lv] for lv in levels)
    year_text = f"{f['year']} 年" if f.get("year") else "各地区最新年度"
    title = f"{label}排名（{scope}，{year_text}）"
    colors = colors or q.color_map(frames.regions_known.region.tolist() + frames.headline.region.tolist())
    shown = data
    if len(data) > MAX_BARS:  # 2,800 counties make no readable chart: the top, and the chosen region
        shown = data[(data.index < MAX_BARS) | (data.region == f.get("region"))]
        title = f"{title[:-1]}，前 {MAX_BARS} 名，共 {len(data)} 个地区）"
    fig = charts.ranking_bar(shown, label, unit, colors, title)
    return View("ranking", title, label, unit, data, fig, q.sources_note(frames.documents, data.document), f, missing)


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
    return annotate(view.figure, view.sources, view.filters)


def annotate(figure: go.Figure, sources: str, filters: dict) -> go.Figure:
    """A copy of a figure with the source line and the filters written under it."""
    fig = go.Figure(figure)
    shown = "；".join(f"{k}={v}" for k, v in filters.items() if v not in (None, "", [], "全部"))
    fig.add_annotation(text=f"{sources}<br>筛选：{shown}", xref="paper", yref="paper", x=0, y=-0.2,
                       yanchor="top", showarrow=False, align="left", font={"size": 13, "color": "#555"})
    fig.update_layout(margin={"b": 190, "l": 20, "r": 40, "t": 70})
    return fig
