"""证据: every value of the chosen region, year and indicator with its sentence, document and paragraph."""
import streamlit as st

from dashboard import data, evidence
from dashboard.safe import md_escape
from analysis import queries as q
from dashboard.state import ALL, filters
from analysis.labels import faithful_label, scope_label

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
st.caption(f"{md_escape(f['region'])} · {f['year'] or '全部年度'} · 共 {len(rows)} 条记录；“年度合计”参与排名，“分项”只作依据。")
if rows.empty:
    st.info("没有符合条件的记录。")
    st.stop()
for i, r in rows.head(50).iterrows():
    tag = scope_label(r.scope) + (f" {r.period}" if r.scope == "term" and isinstance(r.period, str) else "")
    st.markdown(f"**{md_escape(faithful_label(r.label, r.evidence))}** · {md_escape(tag)}")
    evidence.show(r.to_dict(), key=f"ev{i}")
if len(rows) > 50:
    st.caption(f"只显示前 50 条，共 {len(rows)} 条。")
st.caption(md_escape(q.sources_note(data.documents_for(rows.document), rows.document)))
