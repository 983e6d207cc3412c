"""Year over year at a glance: every indicator of one region in two years, as a dumbbell chart."""
from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from .charts import _layout
from .queries import fmt_number, value_label


def year_pairs(headline: pd.DataFrame, region: str) -> list[tuple[int, int]]:
    """(earlier, later) pairs of the region's dated years, latest pair first."""
    years = sorted({int(y) for y in headline[(headline.region == region) & headline.year.notna()].year})
    return [(a, b) for i, b in enumerate(years) for a in years[:i]][::-1] if len(years) > 1 else []


def yoy_table(headline: pd.DataFrame, region: str, year_from: int, year_to: int) -> pd.DataFrame:
    """One row per indicator the region reports in either year (theme rates left out).

    Columns: indicator, label, category, unit, value_from, qualifier_from, value_to, qualifier_to,
    pct (change in %, NaN when a year lacks the value or the first is 0), row_from, row_to (the
    headline rows, dicts, for the evidence; None where missing)."""
    h = headline[(headline.region == region) & (headline.category != "主题") & headline.year.isin([year_from, year_to])]
    parts: dict[str, list[dict]] = {}  # a region's two years are a few dozen rows: grouped as plain records
    for rec in h.to_dict("records"):
        parts.setdefault(rec["indicator"], []).append(rec)
    out = []
    for ind, part in parts.items():
        ra = next((r for r in part if r["year"] == year_from), None)
        rb = next((r for r in part if r["year"] == year_to), None)
        ref = rb or ra
        v1 = ra["value"] if ra else math.nan
        v2 = rb["value"] if rb else math.nan
        pct = (v2 - v1) / v1 * 100 if ra and rb and v1 else math.nan
        out.append({"indicator": ind, "label": ref["label"], "category": ref["category"], "unit": ref["unit"],
                    "value_from": v1, "qualifier_from": ra["qualifier"] if ra else None, "value_to": v2,
                    "qualifier_to": rb["qualifier"] if rb else None, "pct": pct, "row_from": ra, "row_to": rb})
    df = pd.DataFrame(out)
    if df.empty:
        return df
    return df.assign(_both=df.pct.notna()).sort_values(["_both", "pct"], ascending=[False, True]).drop(
        columns="_both").reset_index(drop=True)


def pct_label(pct: float) -> str:
    return "—" if pct is None or (isinstance(pct, float) and math.isnan(pct)) else f"{pct:+.1f}%"


def dumbbell(table: pd.DataFrame, region: str, year_from: int, year_to: int) -> go.Figure:
    """Each indicator a row: its value in ``year_from`` (grey) and ``year_to`` (blue) joined by a line,
    the change in % at the right; log scale, since 5 laws and 77,000 visitors share the axis.
    A value missing in one year shows as one dot, and the label says which year lacks it."""
    t = table
    names = [f"{lbl}（{pct_label(p)}）" if not math.isnan(p) else
             f"{lbl}（{year_from if math.isnan(v1) else year_to}年未报告）"
             for lbl, p, v1 in zip(t.label, t.pct, t.value_from)]
    fig = go.Figure()
    for name, v1, v2, p in zip(names, t.value_from, t.value_to, t.pct):
        if not (math.isnan(v1) or math.isnan(v2)):
            color = "#2ca02c" if v2 > v1 else "#d62728" if v2 < v1 else "#888"
            fig.add_trace(go.Scatter(x=[v1, v2], y=[name, name], mode="lines", line={"color": color, "width": 3},
                                     hoverinfo="skip", showlegend=False))
    for year, col, qcol, color in ((year_from, "value_from", "qualifier_from", "#9e9e9e"),
                                   (year_to, "value_to", "qualifier_to", "#1f77b4")):
        fig.add_trace(go.Scatter(
            x=t[col], y=names, mode="markers", name=f"{year}年", marker={"size": 13, "color": color},
            text=[value_label(v, q, u) for v, q, u in zip(t[col], t[qcol], t.unit)],
            customdata=[[ind, year] for ind in t.indicator],
            hovertemplate="%{y}<br>" + f"{year}年：" + "%{text}<extra></extra>"))
    _layout(fig, f"{region}：{year_from} 年与 {year_to} 年的全部工作指标（括号内为变化幅度）",
            height=max(360, 34 * len(t) + 140))
    fig.update_layout(legend_title_text="工作年度")
    fig.update_xaxes(type="log", title_text="数值（对数刻度；单位见各指标）")
    both = [n for n, p in zip(names, t.pct) if not math.isnan(p)]
    missing = [n for n, p in zip(names, t.pct) if math.isnan(p)]
    # bottom to top: values one year lacks, then falls, then rises (the largest rise on top)
    fig.update_yaxes(title_text="", categoryorder="array", categoryarray=missing + both)
    return fig


def summary(table: pd.DataFrame, year_from: int, year_to: int) -> str:
    """'12 项指标两年都有：上升 5 项、下降 6 项、持平 1 项；仅 2023 年有 3 项，仅 2025 年有 2 项。'"""
    both = table[table.pct.notna()]
    up, down = int((both.pct > 0).sum()), int((both.pct < 0).sum())
    only_from = int(table.value_to.isna().sum())
    only_to = int(table.value_from.isna().sum())
    return (f"{len(both)} 项指标两年都有：上升 {up} 项、下降 {down} 项、持平 {len(both) - up - down} 项；"
            f"仅 {year_from} 年有 {only_from} 项，仅 {year_to} 年有 {only_to} 项（未报告不等于为 0）。")


__all__ = ["year_pairs", "yoy_table", "dumbbell", "summary", "pct_label", "fmt_number"]
