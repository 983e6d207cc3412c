"""变化: year-over-year change of a region, its practices, its admitted problems; plans against delivery."""
import streamlit as st

from dashboard import data, yoy
from dashboard.safe import md_escape
from analysis import queries as q
from dashboard.state import filters
from analysis.labels import DIRECTION_LABELS, delta_text, display_table, faithful_label

f = filters()
region = f["region"]
st.title(f"变化 · {region}")
yoy.show(region, key="changes_yoy")
mine = data.query("SELECT * FROM changes WHERE region = ?", region)
if mine.empty:
    st.info(f"{region} 只有一个年度的数据，无法比较变化。")
else:
    pairs = sorted({(int(a), int(b)) for a, b in zip(mine.year_from, mine.year_to)}, reverse=True)
    pair = st.selectbox("比较年度", pairs, format_func=lambda p: f"{p[0]} → {p[1]}", key="change_pair")
    h = data.headline_where("region = ?", region, evidence=True)
    part = mine[(mine.year_from == pair[0]) & (mine.year_to == pair[1]) & (mine.category != "主题")]
    table = part.assign(
        前=[q.value_label(v, qq, u) for v, qq, u in zip(part.value_from, part.qualifier_from, part.unit)],
        后=[q.value_label(v, qq, u) for v, qq, u in zip(part.value_to, part.qualifier_to, part.unit)],
        变化=[("—" if d != d or d is None else delta_text(d) or "0") for d in part.delta],
        幅度=[("—" if p != p or p is None else f"{p:+.1f}%") for p in part.pct],
        方向=part.direction.map(DIRECTION_LABELS),
        label=[faithful_label(lab, h[(h.region == region) & (h.indicator == ind)].evidence)
               for lab, ind in zip(part.label, part.indicator)])
    st.subheader(f"工作指标：{pair[0]} 年 → {pair[1]} 年")
    st.dataframe(display_table(table[["label", "前", "后", "变化", "幅度", "方向"]].rename(columns={"label": "指标"})),
                 hide_index=True, width="stretch")
    st.caption("“未再报告”只表示后一年度的报告没有给出该数字，不表示为 0。"
               + md_escape(q.sources_note(data.documents_for(list(part.document_from) + list(part.document_to)),
                                          list(part.document_from) + list(part.document_to))))
    pc = data.query("SELECT * FROM practice_changes WHERE region = ? AND year_from = ? AND year_to = ?",
                    region, pair[0], pair[1])
    st.subheader("品牌做法")
    c1, c2, c3 = st.columns(3)
    for col, status, title in ((c1, "appear", "新出现"), (c2, "continue", "延续"), (c3, "disappear", "未再提及")):
        names = pc[pc.status == status].name.tolist()
        col.markdown(f"**{title}（{len(names)}）**")
        col.text("、".join(names) if names else "无")
    probs = data.query("SELECT year, text FROM problems WHERE region = ? AND year IN (?, ?) ORDER BY year, start",
                       region, pair[0], pair[1])
    st.subheader("存在的问题和不足")
    c1, c2 = st.columns(2)
    for col, y in ((c1, pair[0]), (c2, pair[1])):
        col.markdown(f"**{y} 年**")
        for t in probs[probs.year == y].text:
            col.text(t)
ps = data.query("SELECT * FROM plan_status WHERE region = ? ORDER BY plan_year, status", region)
st.subheader("计划与落实（立法计划对照该计划年度的报告）")
if ps.empty:
    st.info("没有可对照的立法计划。")
else:
    years = sorted(ps.plan_year.unique(), reverse=True)
    py = st.selectbox("计划年度", years, key="plan_year")
    view = ps[ps.plan_year == py]
    if (view.status == "no_later_report").all():  # said once, not as rows of empty cells
        st.info(f"未收录{region} {py} 年工作的报告，无法对照该年度的立法计划。以下为计划所列的 {len(view)} 部法规。")
        st.dataframe(display_table(view[["law", "plan_evidence"]].rename(
            columns={"law": "法规", "plan_evidence": "计划原文"})), hide_index=True, width="stretch")
    else:
        counts = view.status_label.value_counts().to_dict()
        st.caption(f"对照 {py} 年工作报告：" + "　".join(f"{k} {v} 项" for k, v in counts.items()))
        st.dataframe(display_table(view[["law", "status_label", "plan_evidence", "later_evidence"]].rename(
            columns={"law": "法规", "status_label": "状态", "plan_evidence": "计划原文", "later_evidence": "该年度报告原文"})),
            hide_index=True, width="stretch")
