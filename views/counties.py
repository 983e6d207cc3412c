"""县级对比: county-level documents side by side, by theme — figures, practices, sentences."""
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
st.caption(f"{len(cols_data)} 个市、县级地区并列：工作指标、数字和做法，按主题排列；每项附原文。"
           "被 * 遮蔽的地名只有在 config/sources.yaml 写明时才显示。")
themes = sorted({t for c in cols_data for t in c["themes"]}, key=lambda t: (t == "其他", t))
columns = st.columns(len(cols_data))
for col, c in zip(columns, cols_data):
    with col:
        st.subheader(c["region"])
        st.caption(c["caption"])
        for theme in themes:
            items = c["themes"].get(theme, [])
            if not items:
                continue
            st.markdown(f"**{html.escape(theme)}**")
            for item in items:
                with st.expander(item["label"]):
                    st.markdown(f"<div class='evidence'>{html.escape(item['sentence'])}</div>", unsafe_allow_html=True)
st.caption(qualifier_note())
