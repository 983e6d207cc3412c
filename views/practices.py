"""做法库: the practice catalogue as a searchable, filterable table."""
import streamlit as st

from dashboard import data, evidence
from dashboard.safe import md_escape
from analysis import queries as q
from dashboard.state import ALL, filters
from analysis.labels import display_table, region_sort_key

f = filters()
st.title("做法库")
p = data.practices()
if p.empty:
    st.info("暂无做法。")
    st.stop()
c1, c2, c3 = st.columns([2, 1, 1])
text = c1.text_input("搜索（做法名称或原文）", key="practice_search")
kind = c2.selectbox("类型", ["品牌做法", "全部", "具体举措"], key="practice_kind")
scope = c3.selectbox("范围", ["当前层级", "当前地区", "全部地区"], key="practice_scope")
view = p.copy()
if kind != "全部":
    view = view[view.kind == ("brand" if kind == "品牌做法" else "measure")]
if scope == "当前层级" and not f["cross"]:
    view = view[view.level == f["level"]]
elif scope == "当前地区":
    view = view[view.region == f["region"]]
if f["year"] is not None:
    view = view[view.year == f["year"]]
if f["theme"] != ALL:
    view = view[view.theme == f["theme"]]
if text:
    view = view[view.name.str.contains(text, regex=False) | view.evidence.str.contains(text, regex=False)]
view = view.assign(_order=view.region.map(region_sort_key)).sort_values(["_order", "year", "start"])
st.caption(f"共 {len(view)} 条（同一做法多种写法已合并计数：{view.key.nunique()} 个）")
shown = view.assign(层级=view.level.map(q.LEVEL_LABELS))[["region", "层级", "year", "theme", "name", "evidence", "document"]]
table = st.dataframe(display_table(shown.rename(columns={"region": "地区", "year": "年度", "theme": "主题", "name": "做法",
                                           "evidence": "原文", "document": "文档"})), hide_index=True, width="stretch",
                     on_select="rerun", selection_mode="single-row", key="practice_table")
st.caption(md_escape(q.sources_note(data.documents(), view.document)))
if not view.empty:
    labels = [f"{r} · {n}" for r, n in zip(view.region, view.name)]
    selected = (table or {}).get("selection", {}).get("rows", []) if table else []
    if selected:  # a clicked row wins over the list
        pick = selected[0]
    else:
        pick = st.selectbox("查看依据（或点选表格中的一行）", range(len(labels)), format_func=lambda i: labels[i],
                            key="practice_evidence")
    row = view.iloc[pick].to_dict()
    row.update(label=row["name"], value=None)
    evidence.show(row, key="practice")
