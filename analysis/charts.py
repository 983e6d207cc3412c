"""Plotly figures with Chinese titles, axis labels and units, one colour per region."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .queries import QUALIFIER_MARK, fmt_number, value_label, year_label

FONT = "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, SimHei, sans-serif"


def download_config(name: str) -> dict:
    """The browser's own PNG download: a Chinese file name and slide resolution (1600×900 at scale 2)."""
    return {"displaylogo": False, "toImageButtonOptions": {"format": "png", "filename": name, "width": 1600,
                                                           "height": 900, "scale": 2}}


def _base_layout(title: str, height: int = 460) -> dict:
    """The layout every chart starts from: Chinese fonts, a white plot, light grid lines."""
    return {"title": {"text": title, "x": 0.01}, "font": {"family": FONT, "size": 14}, "height": height,
            "margin": {"l": 10, "r": 10, "t": 60, "b": 40}, "hoverlabel": {"font": {"family": FONT}},
            "plot_bgcolor": "white", "legend": {"title": {"text": "地区"}},
            "xaxis": {"gridcolor": "#eee"}, "yaxis": {"gridcolor": "#eee"}}


def _layout(fig: go.Figure, title: str, height: int = 460) -> go.Figure:
    """``_base_layout`` on a figure made elsewhere; the grid only on the axes it has (a map has none)."""
    layout = _base_layout(title, height)
    fig.update_xaxes(layout.pop("xaxis"))
    fig.update_yaxes(layout.pop("yaxis"))
    fig.update_layout(layout)
    return fig


TICK_FONT = 13  # px of a ranking's names (its left margin is computed from them)
X_AXIS_BOTTOM = 64  # px under a ranking's plot: its tick numbers and the x-axis title


def ranking_bar(data: pd.DataFrame, label: str, unit: str, colors: dict[str, str], title: str,
                ranks: bool = False) -> go.Figure:
    """Horizontal bars, highest on top; with ``ranks`` each name carries its rank (a part of a long ranking).
    Made in one step from a whole layout (each ``update_*`` call validates again: 15 ms → 3 ms, a filter
    change redraws it)."""
    data = data.iloc[::-1]  # highest on top
    names = _names(data, ranks)
    bar = go.Bar(
        x=data.value, y=names, orientation="h",
        marker_color=[colors.get(r, "#888") for r in data.region],
        text=[value_label(v, q, "") for v, q in zip(data.value, data.qualifier)], textposition="auto",
        texttemplate="%{customdata[0]}  %{text}", insidetextanchor="end", cliponaxis=False,  # the name on its bar
        customdata=list(zip(data.region, data.year, data.document)),
        hovertemplate="%{y}<br>" + label + "：%{text}" + unit + "<extra></extra>")
    layout = _base_layout(title, height=max(320, 42 * len(data) + 120))
    top = float(data.value.max()) if len(data) else 1.0
    # Both margins are set here, not measured by the browser: automargin measures every label and draws
    # the chart again (~0.1 s of each redraw of a 60-bar ranking; the x-axis's alone ~60 ms of an
    # indicator change); exports turn it back on.  Below: tick numbers and the axis title, one line each.
    layout["margin"].update(l=int(max((text_width(t, TICK_FONT) for t in names), default=0)) + 48, b=X_AXIS_BOTTOM)
    layout["xaxis"].update(title={"text": f"{label}（{unit}）"}, range=[0, top * 1.18 or 1], automargin=False)
    layout["yaxis"].update(title={"text": "地区（工作年度）"}, automargin=False, tickfont={"size": TICK_FONT})
    return go.Figure(data=[bar], layout=layout)


def _names(data: pd.DataFrame, ranks: bool) -> list[str]:
    """A bar's name: the region and its year, after its rank where asked (a long ranking skips places)."""
    names = [f"{r}（{year_label(y)}）" for r, y in zip(data.region, data.year)]
    if not ranks:
        return names
    return [f"{k}. {n}" for k, n in zip(data["rank"], names)]


def text_width(text: str, size: int) -> float:
    """Pixels a label takes: a Chinese character (or full-width sign) a square, others about half."""
    return sum(size if ord(c) >= 0x2E80 else size * 0.6 for c in str(text))


def trend_lines(pivot: pd.DataFrame, label: str, unit: str, colors: dict[str, str], title: str,
                qualifiers: dict | None = None) -> go.Figure:
    fig = go.Figure()
    for region in pivot.columns:
        fig.add_trace(go.Scatter(x=list(pivot.index), y=pivot[region], mode="lines+markers", name=region,
                                 connectgaps=False, line={"color": colors.get(region, "#888")}, marker={"size": 9},
                                 hovertemplate=f"{region} %{{x}}年：%{{y}}{unit}<extra></extra>"))
    _layout(fig, title)
    fig.update_xaxes(title_text="工作年度", dtick=1, tickformat="d")
    fig.update_yaxes(title_text=f"{label}（{unit}）", rangemode="tozero")
    return fig


def heatmap(raw: pd.DataFrame, scaled: pd.DataFrame, title: str, scale_note: str) -> go.Figure:
    hover = [[("无数据" if pd.isna(v) else fmt_number(v)) for v in row] for row in raw.values]
    fig = go.Figure(go.Heatmap(z=scaled.values, x=list(raw.columns), y=list(raw.index), text=hover,
                               colorscale="Blues", zmin=0, zmax=1, hoverongaps=False,
                               colorbar={"title": {"text": scale_note}},
                               hovertemplate="%{y} · %{x}<br>原始值：%{text}<extra></extra>"))
    _layout(fig, title, height=max(360, 36 * len(raw.index) + 160))
    fig.update_xaxes(title_text="指标", tickangle=-30)
    fig.update_yaxes(title_text="地区", autorange="reversed")
    return fig


def count_heatmap(pivot: pd.DataFrame, title: str) -> go.Figure:
    text = [["" if pd.isna(v) else str(int(v)) for v in row] for row in pivot.values]
    # a blank cell (NaN) is "not mentioned"; 0 (mentioned, no named practice) still gets a light colour
    fig = go.Figure(go.Heatmap(z=pivot.values.astype(float), x=list(pivot.columns), y=list(pivot.index), text=text,
                               texttemplate="%{text}", colorscale="Oranges", zmin=-1, hoverongaps=False,
                               colorbar={"title": {"text": "做法数"}},
                               hovertemplate="%{y} · %{x}<br>摘编提及；具名做法：%{text} 项<extra></extra>"))
    _layout(fig, title, height=max(360, 28 * len(pivot.index) + 160))
    fig.update_xaxes(title_text="摘编主题")
    fig.update_yaxes(title_text="地区", autorange="reversed")
    return fig


def qualifier_note() -> str:
    return f"标注：{QUALIFIER_MARK['at_least']} 表示“余/多/超”（至少），{QUALIFIER_MARK['approx']} 表示“近/约”（约数）。"


def _rings(geometry: dict) -> list:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    return [poly[0] for poly in geometry["coordinates"]]


def _blend(value: float, lo: float, hi: float) -> str:
    """A blue from light to dark for value in [lo, hi]."""
    t = 1.0 if hi <= lo else (value - lo) / (hi - lo)
    light, dark = (222, 235, 247), (8, 81, 156)
    r, g, b = (round(a + (c - a) * t) for a, c in zip(light, dark))
    return f"rgb({r},{g},{b})"


def province_map(provinces: dict, maritime: list, ranked: pd.DataFrame, label: str) -> go.Figure:
    """Provinces drawn as filled outlines on plain axes (no basemap, nothing fetched from the web)."""
    values = dict(zip(ranked.region, ranked.value)) if not ranked.empty else {}
    quals = dict(zip(ranked.region, ranked.qualifier)) if not ranked.empty else {}
    unit = ranked.unit.iloc[0] if not ranked.empty else ""
    lo, hi = (min(values.values()), max(values.values())) if values else (0, 1)
    fig = go.Figure()
    for feat in provinces["features"]:
        name = feat["properties"]["name"]
        xs, ys = [], []
        for ring in _rings(feat["geometry"]):
            xs += [p[0] for p in ring] + [None]
            ys += [p[1] for p in ring] + [None]
        # as float arrays (None → NaN, still a break in the outline): plotly checks a list point by point,
        # an array at once (0.6 s → a few ms for the 35 outlines)
        xs, ys = np.array(xs, dtype=float), np.array(ys, dtype=float)
        has = name in values
        shown = value_label(values[name], quals.get(name), unit) if has else "无数据"
        fig.add_trace(go.Scatter(x=xs, y=ys, fill="toself", mode="lines", line={"color": "#666", "width": 0.6},
                                 fillcolor=_blend(values[name], lo, hi) if has else "#f0f0f0",
                                 name=name, hoveron="fills", text=f"{name}：{shown}", hoverinfo="text",
                                 showlegend=False))
    for line in maritime:
        fig.add_trace(go.Scatter(x=np.array([p[0] for p in line], dtype=float),
                                 y=np.array([p[1] for p in line], dtype=float), mode="lines",
                                 line={"color": "#555", "width": 1}, hoverinfo="skip", showlegend=False))
    if values:
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", showlegend=False, hoverinfo="skip",
                                 marker={"colorscale": [[0, _blend(0, 0, 1)], [1, _blend(1, 0, 1)]], "cmin": lo,
                                         "cmax": hi, "color": [lo], "showscale": True,
                                         "colorbar": {"title": {"text": f"{label}（{unit}）"}}}))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1.22)  # ≈ 1/cos(35°)
    return fig
