"""同类做法: practices that do the same thing in different words, grouped across regions; the figures
each region gives, with the thing they count, like beside like."""
import html
from bisect import bisect_left

import pandas as pd
import streamlit as st

from analysis import queries as q
from analysis.labels import display_table
from analysis.practice_types import group_summary
from dashboard import data, groups
from dashboard.state import filters

PER_GROUP = 20  # statements shown in one group's panel
f = filters()
st.title("同类做法")
levels = ["province", "city", "county"] if f["cross"] else [f["level"]]
scope = st.radio("范围", ["当前层级", "全部地区"], horizontal=True, key="types_scope",
                 help=f"当前层级：同级地区多时只取本省（按行政区划代码），各地区取最近 {data.LATEST_DOCUMENTS} 份文档；"
                 "全部地区：整个数据库的全部文档，文档多时很慢。")
if scope == "当前层级":
    level_of = data.filter_options()["levels_of"]
    peers = data.nearby(sorted(r for r, lv in level_of.items() if lv in levels), f["level"], f["region"])
    g, figs = groups.groups(peers), data.of_regions("figures", peers, latest=True)
    g = g[g.level.isin(levels)]
    figs = figs[figs.level.isin(levels)]
    spread = g.groupby("group").region.nunique()
    g = g[g.group.isin(spread[spread >= groups.config().min_regions].index)]
else:
    g, figs = groups.groups(), data.figures()
summary = group_summary(g)
if summary.empty:
    st.info("所选范围内没有两个以上地区共有的同类做法。")
else:
    st.caption(f"{len(summary)} 类做法由两个以上地区共同开展；按关键词（config/practice_types.yaml，可改名称）"
               "和文字相似度（TF-IDF）归并。点开查看各地的数字和原文。")
    # each document's figures by position: a statement shows those inside it (no table filter per statement)
    figures_at: dict[str, list[tuple[int, str]]] = {}
    for d, a, v, qq, u, n in zip(figs.document, figs.start, figs.value, figs.qualifier, figs.unit, figs.noun):
        figures_at.setdefault(d, []).append((int(a), f"{q.value_label(v, qq, u)}{n}"))
    for found in figures_at.values():
        found.sort()
    parts = dict(tuple(g.groupby("group", sort=False)))
    for r in summary.itertuples():
        part = parts[r.group]
        how = "关键词" if r.source == "config" else "文字相似"
        with st.expander(f"{r.name}（{r.n_regions} 个地区，{how}）：{'、'.join(r.regions)}"):
            said = part.drop_duplicates(["region", "statement"])
            said = said.iloc[said.groupby("region", sort=False).cumcount().argsort(kind="stable")]  # regions in turn
            # one block per group: a page of 24 groups was ~330 elements for the browser to draw
            block = []
            for s in said.head(PER_GROUP).itertuples():
                at = figures_at.get(s.document, [])
                shown = "；".join(label for a, label in at[bisect_left(at, (int(s.start), "")):]
                                 if a < s.end) if at else ""
                extra = f"<br><small>数字：{html.escape(shown)}</small>" if shown else ""
                block.append(f"<div class='evidence'><b>{html.escape(s.region)}</b>：{html.escape(s.statement)}{extra}</div>")
            if len(said) > PER_GROUP:
                block.append(f"<p><small>另有 {len(said) - PER_GROUP} 条（同一类做法的其余地区原文）</small></p>")
            block.append(f"<p><small>{html.escape(q.sources_note(data.documents_for(part.document), part.document))}</small></p>")
            st.markdown("\n".join(block), unsafe_allow_html=True)

st.header("各地给出的数字（计数对象）")
if figs.empty:
    st.info("没有摘编、期刊或讲话中的数字。")
    st.stop()
labels = data.indicator_labels()
table = pd.DataFrame({
    "归类": figs.type_label.fillna("未归类"), "地区": figs.region,
    "数字": [q.value_label(v, qq, u) for v, qq, u in zip(figs.value, figs.qualifier, figs.unit)],
    "计数对象": figs.noun, "对应指标": figs.indicator.map(lambda i: labels.get(i, i) if isinstance(i, str) else ""),
    "主题": figs.theme.fillna(""), "原文": figs.evidence}).sort_values(["归类", "地区"], kind="stable")
st.dataframe(display_table(table), hide_index=True, width="stretch", key="figures_table")
st.caption("同一归类的数字放在一起比较（归类规则见 config/figures.yaml）；“对应指标”为可与工作报告指标并列的固定指标。"
           + q.sources_note(data.documents_for(figs.document), figs.document))
