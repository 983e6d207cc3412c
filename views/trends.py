"""趋势: an indicator over work years for chosen regions; years without a report are gaps."""
import streamlit as st

from analysis import charts
from dashboard import data, evidence, export_panel
from dashboard.safe import md_escape
from analysis import queries as q
from dashboard.state import filters
from analysis.labels import display_table
from present.views import trend_view

f = filters()
frames = data.frames(f["indicator"], f["regions"] or [f["region"]])
view = trend_view(frames, f, data.colors())
st.title(f"趋势 · {view.label}")
if view.data.empty:
    st.info(f"所选地区没有“{view.label}”的数据。")
    st.stop()
st.plotly_chart(view.figure, key="trend_chart",
                config=charts.download_config(f"趋势_{view.label}"))
gaps = int(view.pivot.isna().sum().sum())
st.caption(md_escape(view.sources) + (f"　图中断开处为没有报告的年度（共 {gaps} 处），不按 0 计。" if gaps else ""))
used = view.data
table = used.assign(数值=[q.value_label(v, qq, u) for v, qq, u in zip(used.value, used.qualifier, used.unit)])
st.dataframe(display_table(table[["region", "year", "数值", "document"]].rename(columns={"region": "地区", "year": "年度",
             "document": "文档"})), hide_index=True, width="stretch")
names = [f"{r} {int(y)}" for r, y in zip(used.region, used.year)]
pick = st.selectbox("查看依据", range(len(names)), format_func=lambda i: names[i], key="trend_evidence")
if pick is not None:
    evidence.show(used.iloc[pick], key="trend")
export_panel.show(view, frames.built_at, changes=lambda: data.changes_for(f["regions"] or [f["region"]]))
