"""市县对比: city- and county-level documents side by side, one row per theme — figures, practices, sentences."""
import html

import streamlit as st

from analysis.charts import qualifier_note
from analysis.counties import county_columns
from dashboard import data
from dashboard.state import filters

SHOWN = 12  # columns side by side
PER_CELL = 5  # items of one theme in one column; the rest counted (a county of 30 years has hundreds)

f = filters()
st.title("市县对比")
below = data.query("SELECT region, sum(n) AS n FROM region_sections WHERE level IN ('county', 'city') "
                   "GROUP BY region ORDER BY n DESC, region").region.tolist()
chosen = [r for r in f["regions"] if r in set(below)] or data.nearby(below, None, f["region"], limit=SHOWN)
chosen = chosen[:SHOWN]
sections = data.report_sections(chosen)
# rows without their sentences: only the few shown per theme are read from their documents' texts
cols_data = county_columns(sections, data.of_regions("headline", chosen), data.light_of_regions("figures", chosen),
                           data.light_of_regions("practices", chosen), data.documents_of(sections.document),
                           per_theme=PER_CELL)
data.fill_sentences([i for c in cols_data for items in c["themes"].values() for i in items])
if not cols_data:
    st.info("数据库中没有市、县级地区的文档。")
    st.stop()
more = f"（共 {len(below)} 个，显示 {len(cols_data)} 个：侧边栏“对比地区”可换）" if len(below) > len(cols_data) else ""
st.caption(f"{len(cols_data)} 个市、县级地区并列{more}：工作指标、数字和做法，每行一个主题；点开看原文。"
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
            if theme in c["more"]:
                st.caption(f"另有 {c['more'][theme]} 项（“做法库”和“证据”页可查全部）")
st.caption(qualifier_note())
