"""排名: one indicator across regions, same-level peers by default; missing values shown as missing."""
import streamlit as st

from dashboard import charts, data, evidence
from dashboard import queries as q
from dashboard.state import filters

f = filters()
h = data.headline()
labels = data.indicator_labels()
indicator, label = f["indicator"], labels.get(f["indicator"], f["indicator"])
levels = ["province", "city", "county"] if f["cross"] else [f["level"]]
st.title(f"排名 · {label}")
if f["cross"]:
    st.warning("注意：当前为跨层级比较（省、市、县放在一起排名），各级人大职权和规模不同，数字不宜直接对比。")
data_, missing = q.ranking(h, indicator, f["year"], levels, data.regions_with_documents())
year_text = f"{f['year']} 年" if f["year"] else "各地区最新年度"
scope = "、".join(q.LEVEL_LABELS[l] for l in levels)
if data_.empty:
    st.info(f"{scope}地区在{year_text}没有“{label}”的数据。")
else:
    unit = data_.unit.iloc[0] or ""
    colors = data.colors()
    fig = charts.ranking_bar(data_, label, unit, colors, f"{label}排名（{scope}，{year_text}）")
    event = st.plotly_chart(fig, on_select="rerun", selection_mode="points", key="ranking_chart",
                            config={"toImageButtonOptions": {"filename": f"排名_{label}", "scale": 2}})
    st.caption(q.sources_note(data.documents(), data_.document) + "　" + charts.qualifier_note())
    if missing:
        more = f" 等 {len(missing)} 个地区" if len(missing) > 60 else ""
        st.markdown("**无数据（未计为 0）：** " + "、".join(missing[:60]) + more)
    picked = None
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    if points:
        picked = points[0].get("customdata", [None])[0]
    options = list(data_.region)
    choice = st.selectbox("查看依据", options, index=options.index(picked) if picked in options else 0,
                          key="ranking_evidence")
    evidence.show(data_[data_.region == choice].iloc[0], key="ranking")
