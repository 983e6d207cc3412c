"""The slides of presentation mode, most informative first, for the current filters.

Year-over-year change, gap analysis, the compilation matrix, rankings (only where at least
three regions have a value), the trend, then one finding per slide.  Every chart is checked
to draw at least two data points; type is at least 18 px.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import plotly.graph_objects as go

from analysis import charts, report_charts
from analysis import queries as q

from . import findings
from .brief import _changes, _gap_rows, _theme_gaps, peers_of
from .views import Frames, ranking_view, trend_view

SLIDE_FONT = 22
MIN_RANKED = 3  # a ranking of two is a comparison, of one nothing


@dataclass
class Slide:
    kind: str  # chart | finding
    title: str
    figure: go.Figure | None = None
    caption: str = ""
    text: str = ""


def _numbers(values) -> int:
    if values is None:
        return 0
    flat = []
    for v in values:
        flat.extend(v if isinstance(v, (list, tuple)) else [v])
    return sum(1 for v in flat if isinstance(v, (int, float)) and not (isinstance(v, float) and math.isnan(v)))


def data_points(fig: go.Figure) -> int:
    """How many values a chart draws: bar lengths, line points, filled matrix cells."""
    total = 0
    for t in fig.data:
        if t.type == "heatmap":  # a cell counts when it shows a value (blank text = not mentioned)
            if t.text is not None:
                total += sum(1 for row in t.text for v in row if str(v).strip())
            else:
                total += _numbers([list(row) for row in (t.z if t.z is not None else [])])
        elif t.type == "bar":
            total += _numbers(list(t.x if t.orientation == "h" else t.y))
        elif t.type == "scatter" and t.x is not None and t.y is not None and t.fill != "toself":
            total += _numbers(list(t.y))
    return total


def big(fig: go.Figure, height: int = 680) -> go.Figure:
    """Type for a room: every label at least 18 px (body 22 px, title 30 px)."""
    fig = go.Figure(fig)
    fig.update_layout(font={"size": SLIDE_FONT}, title_font_size=SLIDE_FONT + 8, height=height,
                      uniformtext={"minsize": 18, "mode": "show"}, legend_font_size=SLIDE_FONT)
    fig.update_xaxes(tickfont_size=SLIDE_FONT - 2, title_font_size=SLIDE_FONT, automargin=True)
    fig.update_yaxes(tickfont_size=SLIDE_FONT - 2, title_font_size=SLIDE_FONT, automargin=True)
    fig.update_traces(textfont_size=SLIDE_FONT - 2, selector={"type": "bar"})
    fig.update_traces(textfont_size=18, colorbar={"tickfont": {"size": 18}, "title": {"font": {"size": 18}}},
                      selector={"type": "heatmap"})
    return fig


def _change_slide(frames: Frames, region: str) -> Slide | None:
    ch = _changes(frames, region)
    both = ch[ch.pct.notna()]
    if len(both) < 2:
        return None
    both = both.reindex(both.pct.abs().sort_values(ascending=False).index).head(10)
    y0, y1 = int(both.year_from.iloc[0]), int(both.year_to.iloc[0])
    fig = report_charts.change_bars(both[["label", "pct"]], f"{region}：{y1} 年较 {y0} 年的变化", SLIDE_FONT)
    note = q.sources_note(frames.documents, list(both.document_from) + list(both.document_to))
    return Slide("chart", "同比变化", fig, note + "　红色为增长，蓝色为下降；只比较两年都报告了的指标。")


def _gap_slides(frames: Frames, region: str, peers: list[str]) -> list[Slide]:
    out = []
    if frames.practices is not None and peers:
        themes = _theme_gaps(frames.practices, region, peers).head(8)
        if len(themes) >= 2:
            fig = report_charts.grouped_bars(list(themes.theme), {region: [float(v) for v in themes.mine],
                                                                   "对标地区平均": [float(v) for v in themes.peer_mean]},
                                             f"差距分析：{region}与对标地区在各主题下的做法数", "做法数（项）", SLIDE_FONT)
            out.append(Slide("chart", "差距分析（做法）", fig, f"对标地区：{len(peers)} 个；做法来自工作报告、摘编等文档。"))
    gaps = _gap_rows(frames.headline, region, peers)
    gaps = gaps[gaps["median"] > 0] if len(gaps) else gaps
    if len(gaps) >= 2:
        ratio = [float(v) / float(m) * 100 for v, m in zip(gaps.value, gaps["median"])]
        fig = report_charts.labelled_bars(list(gaps.label), ratio, f"差距分析：{region}各项指标相当于对标中位数的百分比",
                                          "对标地区中位数 = 100", texts=[f"{r:.0f}" for r in ratio], font_size=SLIDE_FONT)
        out.append(Slide("chart", "差距分析（指标）", fig, "各地区取最新可得年度；只比较双方都报告了的指标。"))
    return out


def _compilation_slides(frames: Frames, region: str, peers: list[str]) -> list[Slide]:
    out = []
    if frames.practices is None or frames.sections is None:
        return out
    for doc in frames.documents[frames.documents.kind == "compilation"].document:
        pivot = q.compilation_matrix(frames.sections, frames.practices, doc)
        if pivot.empty:
            continue
        mine = pivot[pivot.index.isin([region, *peers])]
        pivot = mine if mine.notna().sum().sum() >= 2 and len(mine) >= 2 else pivot
        fig = charts.count_heatmap(pivot, "摘编：各地做法在各主题中的分布")
        out.append(Slide("chart", "摘编矩阵", fig, q.sources_note(frames.documents, [doc])
                         + "　数值为该地区在该主题下被摘编的做法数，0 为提及但未列出做法，空白为未提及。"))
    return out


def _ranking_slides(frames: Frames, f: dict, colors: dict | None, limit: int = 3) -> list[Slide]:
    """The chosen indicator's ranking, then others with the most regions — only where ≥ 3 regions have values."""
    levels = ["province", "city", "county"] if f.get("cross") else [f.get("level") or "province"]
    h = frames.headline[(frames.headline.category != "主题") & frames.headline.level.isin(levels)]
    counts = h.groupby("indicator").region.nunique()
    order = [f.get("indicator")] + [i for i in counts.sort_values(ascending=False).index if i != f.get("indicator")]
    out = []
    for indicator in order:
        if len(out) >= limit or counts.get(indicator, 0) < MIN_RANKED:
            continue
        view = ranking_view(frames, {**f, "indicator": indicator}, colors)
        if len(view.data) >= MIN_RANKED:
            out.append(Slide("chart", "排名", view.figure, view.sources))
    return out


def _trend_slide(frames: Frames, f: dict, colors: dict | None) -> Slide | None:
    view = trend_view(frames, f, colors)
    if view.data.empty or view.pivot.notna().sum().sum() < 2:
        return None
    return Slide("chart", "趋势", view.figure, view.sources)


def build(frames: Frames, f: dict, colors: dict | None = None, max_findings: int = 6) -> list[Slide]:
    """Every slide for the filters ``f``, charts with fewer than two data points left out."""
    region = f["region"]
    peers = peers_of(frames, f)
    candidates: list[Slide | None] = [_change_slide(frames, region), *_gap_slides(frames, region, peers),
                                      *_compilation_slides(frames, region, peers), *_ranking_slides(frames, f, colors),
                                      _trend_slide(frames, f, colors)]
    slides = []
    for s in candidates:
        if s is not None and data_points(s.figure) >= 2:
            s.figure = big(s.figure, height=max(680, int(s.figure.layout.height or 0)))
            slides.append(s)
    regions = f.get("regions") or [region]
    for sentence in findings.findings(frames.changes, regions, f.get("indicator") or "", limit=max_findings):
        slides.append(Slide("finding", "主要发现", text=sentence))
    return slides or [Slide("finding", "说明", text="所选范围内没有可展示的数据。")]

