"""Charts for printed and projected material (the Word brief, presentation slides): large type, no clipping.

Pure plotly; every chart here is drawn only from two or more data points (callers check).
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .charts import FONT


def _layout(fig: go.Figure, title: str, height: int, font_size: int) -> go.Figure:
    fig.update_layout(title={"text": title, "x": 0.01, "font": {"size": font_size + 6}},
                      font={"family": FONT, "size": font_size}, height=height, plot_bgcolor="white",
                      margin={"l": 20, "r": 40, "t": 40 + 3 * font_size, "b": 20}, showlegend=False)
    fig.update_xaxes(gridcolor="#eee", automargin=True, title_standoff=12)
    fig.update_yaxes(gridcolor="#eee", automargin=True, title_standoff=12)
    return fig


def change_bars(table: pd.DataFrame, title: str, font_size: int = 18) -> go.Figure:
    """Horizontal bars of each indicator's change in percent (label, pct); rises red, falls blue,
    no change grey (Chinese convention: red is up)."""
    t = table.iloc[::-1]
    colors = ["#c0392b" if p > 0 else "#2f6db5" if p < 0 else "#999" for p in t.pct]
    fig = go.Figure(go.Bar(x=t.pct, y=t.label, orientation="h", marker_color=colors, cliponaxis=False,
                           text=[f"{p:+.0f}%" for p in t.pct], textposition="outside"))
    _layout(fig, title, max(360, 46 * len(t) + 160), font_size)
    span = max(abs(t.pct).max(), 1) * 1.35
    fig.update_xaxes(title_text="较上一年度变化（%）", range=[-span if (t.pct < 0).any() else 0, span],
                     zeroline=True, zerolinecolor="#333")
    return fig


def labelled_bars(names: list[str], values: list[float], title: str, axis: str, colors: list[str] | None = None,
                  texts: list[str] | None = None, font_size: int = 18) -> go.Figure:
    """Horizontal bars, highest on top, the name written on the axis and the value at the bar's end."""
    order = list(range(len(names)))[::-1]
    fig = go.Figure(go.Bar(x=[values[i] for i in order], y=[names[i] for i in order], orientation="h",
                           marker_color=[(colors or ["#2f6db5"] * len(names))[i] for i in order],
                           text=[(texts or [f"{v:,.0f}" for v in values])[i] for i in order],
                           textposition="outside", cliponaxis=False))
    _layout(fig, title, max(360, 46 * len(names) + 160), font_size)
    fig.update_xaxes(title_text=axis, range=[0, max(values) * 1.25 if max(values) > 0 else 1])
    return fig


def grouped_bars(categories: list[str], series: dict[str, list[float]], title: str, axis: str,
                 font_size: int = 18) -> go.Figure:
    """Categories down the side, one bar per series (e.g. the region against its peers)."""
    fig = go.Figure()
    palette = ["#c0392b", "#2f6db5", "#7f8c8d"]
    for i, (name, values) in enumerate(series.items()):
        fig.add_trace(go.Bar(x=values[::-1], y=categories[::-1], orientation="h", name=name,
                             marker_color=palette[i % 3], text=[f"{v:,.1f}".rstrip("0").rstrip(".") for v in values[::-1]],
                             textposition="outside", cliponaxis=False))
    _layout(fig, title, max(380, 60 * len(categories) + 180), font_size)
    top = max((max(v) for v in series.values() if v), default=1) or 1
    fig.update_layout(barmode="group", showlegend=True,
                      legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0.01})
    fig.update_xaxes(title_text=axis, range=[0, top * 1.3])
    return fig
