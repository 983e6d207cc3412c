"""The year-over-year dumbbell with its evidence on click, shared by 总览 and 变化."""
from __future__ import annotations

import streamlit as st

from analysis import yoy
from analysis.charts import download_config, qualifier_note
from analysis.queries import sources_note

from . import data, evidence


def show(region: str, key: str, heading: str | None = None) -> bool:
    """Draw the chart (under ``heading``) for the region's latest pair of years (or a chosen pair);
    draw nothing and return False when the region has fewer than two dated years."""
    h = data.headline_where("region = ?", region, evidence=True)
    pairs = yoy.year_pairs(h, region)
    if not pairs:
        return False
    if heading:
        st.subheader(heading)
    pair = pairs[0] if len(pairs) == 1 else st.selectbox(
        "比较年度", pairs, format_func=lambda p: f"{p[0]} → {p[1]}", key=f"{key}_pair")
    table = yoy.yoy_table(h, region, *pair)
    if table.empty:
        return False
    event = st.plotly_chart(yoy.dumbbell(table, region, *pair), on_select="rerun", selection_mode="points",
                            key=f"{key}_chart", config=download_config(f"逐年对比_{region}"))
    docs = [r["document"] for col in ("row_from", "row_to") for r in table[col] if r]
    st.caption(yoy.summary(table, *pair) + qualifier_note() + sources_note(data.documents_for(docs), docs))
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    clicked = points[0].get("customdata") if points else None
    labels = list(table.label)
    if clicked and clicked[0] in set(table.indicator):
        pick = list(table.indicator).index(clicked[0])
    else:
        pick = st.selectbox("查看依据（或点选图中的点）", range(len(labels)), format_func=lambda i: labels[i],
                            key=f"{key}_evidence")
    row = table.iloc[pick]
    left, right = st.columns(2)
    for col, year, ref in ((left, pair[0], row.row_from), (right, pair[1], row.row_to)):
        with col:
            if ref:
                evidence.show(ref, key=f"{key}_{year}")
            else:
                st.info(f"{year} 年的报告没有给出“{row.label}”（不按 0 计）。")
    return True
