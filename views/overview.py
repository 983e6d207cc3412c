"""总览: a region's headline indicators for a year, change against its previous year, rank among peers."""
import pandas as pd
import streamlit as st

from dashboard import data
from analysis import queries as q
from analysis.charts import qualifier_note
from dashboard.state import filters

f = filters()
region = f["region"]
mine = data.headline_where("region = ? AND category != '主题'", region)
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
level = rows.level.iloc[0]
# the region's own rows (previous years) and its peers in the shown year: what the cards compare with
h = mine if year is None else pd.concat([mine, data.headline_where("year = ? AND level = ?", year, level)]).drop_duplicates(
    ["region", "year", "indicator"])
st.caption(f"{q.LEVEL_LABELS.get(level, level)} · {q.year_label(year)} 年工作 · 共 {len(rows)} 项指标；"
           f"排名为同级地区同年度中的位次")
cols = st.columns(4)
for i, (_, r) in enumerate(rows.iterrows()):
    prev = q.previous(h, region, year, r.indicator) if year is not None else None
    delta = None
    if prev is not None:
        diff = r.value - prev.value
        delta = f"{diff:+,.0f} 较{int(prev.year)}年" if float(diff).is_integer() else f"{diff:+,.2f} 较{int(prev.year)}年"
    rank = q.peer_rank(h, region, year, r.indicator, level) if year is not None else None
    help_text = f"原文：{r.evidence}"
    with cols[i % 4]:
        st.metric(r.label, q.value_label(r.value, r.qualifier, r.unit), delta=delta, help=help_text,
                  border=True)
        st.caption(f"同级排名 {rank[0]}/{rank[1]}" if rank else "同级排名：无可比数据")
st.caption(qualifier_note())
st.caption(q.sources_note(data.documents_for(rows.document), rows.document))
terms = data.query("SELECT term, weight, document FROM terms WHERE region = ? AND (year = ? OR ? IS NULL) ORDER BY rank",
                   region, year, year)
if not terms.empty:
    st.subheader("高频特色词")
    st.markdown("　".join(f"**{t}**" for t in dict.fromkeys(terms.term)))
    st.caption("按 TF-IDF 排序，已去掉各地报告共有的套话（config/terms.yaml）。" + q.sources_note(data.documents_for(terms.document), terms.document))
