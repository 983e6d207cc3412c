"""对标差距: a region against its peers — indicators (median, best, who) and practices (学什么、向谁学；特色)."""
import html

import pandas as pd
import streamlit as st

from analysis import queries as q
from analysis.gaps import default_peers, figure_gaps, indicator_gaps, practice_gaps
from analysis.labels import display_table
from analysis.practice_types import types_mentioned
from dashboard import data, evidence, groups
from dashboard.state import filters

f = filters()
options = data.filter_options()
levels = options["levels_of"]
regions = options["regions"]
st.title("对标差距")
if not regions:
    st.info("数据库中还没有任何地区的文档。")
    st.stop()
c1, c2 = st.columns([1, 3])
region = c1.selectbox("本地区", regions, index=regions.index(f["region"]) if f["region"] in regions else 0,
                      key="gap_region")
same_level = data.nearby(default_peers(levels, region), levels.get(region), region)
peers = c2.multiselect("对标地区（默认为同级地区，多时取同省、再取同市的，可任选）", [r for r in regions if r != region],
                       default=same_level, key=f"gap_peers_{region}")
st.caption(f"{region}（{q.LEVEL_LABELS.get(levels.get(region), '层级不详')}）对比 {len(peers)} 个地区。")
if not peers:
    st.info("请选择至少一个对标地区。")
    st.stop()


def _sentence_html(region_name: str, text: str) -> str:
    return f"<div class='evidence'><b>{html.escape(region_name)}</b>：{html.escape(text)}</div>"


st.header("工作指标：与对标地区的中位数和最高值相比")
scope = [region, *peers]
gaps = indicator_gaps(data.of_regions("headline", scope), region, peers, f["year"])
if gaps.empty:
    st.info("本地区和所选对标地区都没有可比较的工作指标。")
else:
    def flags(r) -> str:
        out = []
        if r.unknown_year:
            out.append("含年度不详的数值")
        if r.other_level:
            out.append("含不同层级")
        if r.other_year:
            out.append("含其他年度")
        return "⚠ " + "、".join(out) if out else ""

    table = pd.DataFrame({
        "指标": gaps.label,
        "本地区": [q.value_label(v, qq, u) for v, qq, u in zip(gaps.value, gaps.qualifier, gaps.unit)],
        "年度": [q.year_label(y) for y in gaps.year],
        "对标中位数": [q.value_label(v, None, u) for v, u in zip(gaps.peer_median, gaps.unit)],
        "有数据的对标地区": gaps.peer_count,
        "最高": [q.value_label(v, qq, u) for v, qq, u in zip(gaps.best_value, gaps.best_qualifier, gaps.unit)],
        "最高地区": [f"{r}（{q.year_label(y)}）" for r, y in zip(gaps.best_region, gaps.best_year)],
        "提示": [flags(r) for r in gaps.itertuples()],
        "各地数值": gaps.peer_values})
    st.dataframe(display_table(table), hide_index=True, width="stretch", key="gap_indicator_table")
    st.caption("“无数据”表示本地区文档未给出该数字（不按 0 计）。标 ⚠ 的行混有年度不详、其他年度或不同层级的数值，"
               "比较时请留意。" + q.sources_note(data.documents_for(list(gaps.document.dropna()) + list(gaps.best_document)),
                                           list(gaps.document.dropna()) + list(gaps.best_document)))
    pick = st.selectbox("查看依据", range(len(gaps)), format_func=lambda i: gaps.label.iloc[i], key="gap_indicator")
    row = gaps.iloc[pick]
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{region}**")
        if pd.notna(row.value):
            evidence.show({"document": row.document, "start": row.start, "end": row.end, "label": row.label,
                           "value": row.value, "qualifier": row.qualifier, "unit": row.unit, "region": region,
                           "year": row.year}, key="gap_own")
        else:
            st.info(f"{region} 的文档没有给出“{row.label}”。")
    with right:
        st.markdown(f"**最高：{row.best_region}**")
        evidence.show({"document": row.best_document, "start": row.best_start, "end": row.best_end,
                       "label": row.label, "value": row.best_value, "qualifier": row.best_qualifier,
                       "unit": row.unit, "region": row.best_region, "year": row.best_year}, key="gap_best")

fg = figure_gaps(data.of_regions("figures", scope, latest=True), region, peers)
if not fg.empty:
    st.subheader("同类数字（摘编、期刊、讲话中给出的数字，按计数对象归类）")
    for r in fg.itertuples():
        mine = "、".join(q.value_label(x["value"], x["qualifier"], x["unit"]) + x["noun"] for x in r.region_figures)
        theirs = "；".join(f"{x['region']} {q.value_label(x['value'], x['qualifier'], x['unit'])}{x['noun']}"
                          for x in r.peer_figures)
        head = f"{r.type_label}：{region} {mine or '未给出'}" + (f" —— {theirs}" if theirs else "")
        with st.expander(head):
            for x in r.region_figures + r.peer_figures:
                st.markdown(_sentence_html(x["region"], x["evidence"]), unsafe_allow_html=True)

st.header("做法：学什么、向谁学")
g = groups.groups(scope)
pg = practice_gaps(g, data.of_regions("practices", scope, latest=True), region, peers, types_mentioned(groups.region_texts(region), groups.config()))
learn = pg[pg.kind == "learn"] if not pg.empty else pg
if learn.empty:
    st.info("对标地区的同类做法，本地区文档都已提及（或对标地区没有可归类的做法）。")
else:
    st.caption(f"对标地区做、而{region}的文档未提及的同类做法 {len(learn)} 类（各地区取最近 {data.LATEST_DOCUMENTS} "
               "份文档比较）；点开查看各地原文。")
    for theme, part in learn.groupby(learn.theme.fillna("其他"), sort=False):
        st.subheader(theme)
        for r in part.itertuples():
            with st.expander(f"{r.practice_type} —— {'、'.join(r.peers_having)}"):
                for s in r.sentences:
                    st.markdown(_sentence_html(s["region"], s["statement"]), unsafe_allow_html=True)
own = pg[pg.kind == "own"] if not pg.empty else pg
st.header(f"特色：{region}有、对标地区没有的做法")
if own.empty:
    st.info("没有对标地区未提及的本地区做法。")
else:
    st.caption(f"共 {len(own)} 项（做法库中本地区的做法，对标地区既无同名做法，也无同类做法）。")
    with st.expander(f"展开 {len(own)} 项特色做法"):
        for r in own.itertuples():
            st.markdown(f"**{html.escape(r.practice_type)}**（{html.escape(r.theme if isinstance(r.theme, str) and r.theme else '未分主题')}）")
            st.markdown(_sentence_html(region, r.sentences[0]["statement"]), unsafe_allow_html=True)
