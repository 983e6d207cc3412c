"""市县对比: city- and county-level documents side by side, one row per theme — figures, practices, sentences."""
import html

import streamlit as st

from analysis.charts import qualifier_note
from analysis.counties import county_columns
from dashboard import data

st.title("市县对比")
cols_data = county_columns(data.sections(), data.headline(), data.figures(), data.practices(), data.documents())
if not cols_data:
    st.info("数据库中没有市、县级地区的文档。")
    st.stop()
st.caption(f"{len(cols_data)} 个市、县级地区并列：工作指标、数字和做法，每行一个主题；点开看原文。"
           "被 * 遮蔽的地名只有在 config/sources.yaml 写明时才显示。")
kind_order = {"指标": 0, "数字": 1, "做法": 2}
themes = sorted({t for c in cols_data for t in c["themes"]},
                key=lambda t: (kind_order.get(t.split("·")[0], 3), t.endswith("其他"), t))
for col, c in zip(st.columns(len(cols_data)), cols_data):
    col.subheader(c["region"])
    col.caption(c["caption"])
for theme in themes:
    st.markdown(f"**{html.escape(theme)}**")
    for col, c in zip(st.columns(len(cols_data)), cols_data):
        with col:
            items = c["themes"].get(theme, [])
            if not items:
                st.caption("—")
            for item in items:
                with st.expander(item["label"]):
                    st.markdown(f"<div class='evidence'>{html.escape(item['sentence'])}</div>", unsafe_allow_html=True)
st.caption(qualifier_note())
