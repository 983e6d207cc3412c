"""总览: a region's headline indicators for a year, change against its previous year, rank among peers."""
import pandas as pd
import streamlit as st

from dashboard import data, yoy
from dashboard.safe import md_escape
from analysis import queries as q
from analysis.charts import qualifier_note
from analysis.labels import delta_text, faithful_label
from analysis.ranks import rank_text, ranks_of
from dashboard.state import filters

f = filters()
region = f["region"]
mine = data.headline_where("region = ? AND category != '主题'", region)  # sentences: only the shown year's
st.title(f"总览 · {region}")
if mine.empty:
    st.info(f"{region} 暂无可比较的指标数据。")
    st.stop()
dated = mine[mine.year.notna()]
if dated.empty:  # only values whose year the documents do not say
    year = None
    rows = mine.sort_values(["category", "indicator"])
    st.warning(f"{region} 的数据来自未注明年度的文档，显示为“年度不详”，不参与年度排名。")
else:
    year = f["year"] if f["year"] in set(dated.year) else int(dated.year.max())
    if f["year"] is not None and f["year"] != year:
        st.warning(f"{region} 没有 {f['year']} 年的数据，显示其最近年度 {year} 年。")
    rows = dated[dated.year == year].sort_values(["category", "indicator"])
rows = data.with_evidence(rows)
level = rows.level.iloc[0]
if yoy.show(region, key="overview_yoy", heading="逐年对比"):  # two years: the overview leads with them
    st.subheader("各项指标")
levels = ["province", "city", "county"] if f["cross"] else [f["level"]]
# the region's own rows (previous years) and its peers' rows the 排名 page ranks: what the cards compare with
h = pd.concat([mine, data.peer_headline(levels, f["year"])]).drop_duplicates(["region", "year", "indicator"])
st.caption(f"{q.LEVEL_LABELS.get(level, level)} · {q.year_label(year)} 年工作 · 共 {len(rows)} 项指标；"
           f"排名与“排名”页相同（{'跨层级' if f['cross'] else q.LEVEL_LABELS.get(f['level'], '')}，"
           f"{'各地区最新年度' if f['year'] is None else str(f['year']) + ' 年'}）")
ranks = ranks_of(h, region, f["year"], levels)  # each card ranks within its own indicator's rows
cols = st.columns(4)
for i, (_, r) in enumerate(rows.iterrows()):
    prev = q.previous(mine, region, year, r.indicator) if year is not None else None  # the region's own rows
    delta, same = None, ""
    if prev is not None:  # an unchanged value gets no arrow and no colour: 与2023年持平
        change = delta_text(r.value - prev.value)
        delta = f"{change} 较{int(prev.year)}年" if change else None
        same = "" if change else f"与{int(prev.year)}年持平　"
    rank = ranks.get(r.indicator, (None, 0))
    help_text = f"原文：{r.evidence}"
    with cols[i % 4]:
        st.metric(faithful_label(r.label, r.evidence), q.value_label(r.value, r.qualifier, r.unit), delta=delta,
                  help=help_text, border=True)
        st.caption(same + rank_text(*rank))
st.caption(qualifier_note())
st.caption(md_escape(q.sources_note(data.documents_for(rows.document), rows.document)))
terms = data.query("SELECT term, weight, document FROM terms WHERE region = ? AND (year = ? OR ? IS NULL) ORDER BY rank",
                   region, year, year)
if not terms.empty:
    st.subheader("高频特色词")
    st.markdown("　".join(f"**{md_escape(t)}**" for t in dict.fromkeys(terms.term)))
    st.caption("按 TF\\-IDF 排序，已去掉各地报告共有的套话（config/terms.yaml）。"
               + md_escape(q.sources_note(data.documents_for(terms.document), terms.document)))
