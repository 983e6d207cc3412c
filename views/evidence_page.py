"""证据: every value of the chosen region, year and indicator with its sentence, document and paragraph."""
import streamlit as st

from dashboard import data, evidence
from analysis import queries as q
from dashboard.state import ALL, filters

f = filters()
st.title("证据")
only_indicator = st.toggle("只看当前指标", value=True, key="evidence_only_indicator")
sql = "SELECT * FROM rows WHERE region = ?"
params = [f["region"]]
if f["year"] is not None:
    sql += " AND year = ?"
    params.append(f["year"])
if only_indicator:
    sql += " AND indicator = ?"
    params.append(f["indicator"])
elif f["category"] != ALL:
    sql += " AND category = ?"
    params.append(f["category"])
rows = data.query(sql + " ORDER BY document, start", *params)
st.caption(f"{f['region']} · {f['year'] or '全部年度'} · 共 {len(rows)} 条记录；“年度总数”参与排名，“分项”只作依据。")
if rows.empty:
    st.info("没有符合条件的记录。")
    st.stop()
for i, r in rows.head(50).iterrows():
    tag = {"total": "年度总数", "part": "分项", "term": f"届内合计 {r.period}"}.get(r.scope, r.scope)
    st.markdown(f"**{r.label}** · {tag}")
    evidence.show(r.to_dict(), key=f"ev{i}")
if len(rows) > 50:
    st.caption(f"只显示前 50 条，共 {len(rows)} 条。")
st.caption(q.sources_note(data.documents_for(rows.document), rows.document))
