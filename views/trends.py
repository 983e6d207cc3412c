"""趋势: an indicator over work years for chosen regions; years without a report are gaps."""
import streamlit as st

from dashboard import charts, data, evidence
from dashboard import queries as q
from dashboard.state import filters

f = filters()
h = data.headline()
labels = data.indicator_labels()
indicator, label = f["indicator"], labels.get(f["indicator"], f["indicator"])
regions = f["regions"] or [f["region"]]
st.title(f"趋势 · {label}")
pivot = q.trend(h, indicator, regions)
if pivot.empty:
    st.info(f"所选地区没有“{label}”的数据。")
    st.stop()
unit = h[h.indicator == indicator].unit.iloc[0] or ""
colors = data.colors()
st.plotly_chart(charts.trend_lines(pivot, label, unit, colors, f"{label}（按工作年度）"), key="trend_chart",
                config={"toImageButtonOptions": {"filename": f"趋势_{label}", "scale": 2}})
used = h[(h.indicator == indicator) & h.region.isin(regions) & h.year.notna()]
gaps = int(pivot.isna().sum().sum())
st.caption(q.sources_note(data.documents(), used.document)
           + (f"　图中断开处为没有报告的年度（共 {gaps} 处），不按 0 计。" if gaps else ""))
table = used[["region", "year", "value", "qualifier", "unit", "document"]].sort_values(["region", "year"])
table = table.assign(数值=[q.value_label(v, qq, u) for v, qq, u in zip(table.value, table.qualifier, table.unit)])
st.dataframe(table[["region", "year", "数值", "document"]].rename(columns={"region": "地区", "year": "年度",
             "document": "文档"}), hide_index=True, width="stretch")
pick = st.selectbox("查看依据", [f"{r} {int(y)}" for r, y in zip(used.region, used.year)], key="trend_evidence")
if pick:
    r, y = pick.rsplit(" ", 1)
    evidence.show(used[(used.region == r) & (used.year == int(y))].iloc[0], key="trend")
