"""排名: one indicator across regions, same-level peers by default; missing values shown as missing."""
import streamlit as st

from analysis import charts
from dashboard import data, evidence, export_panel
from dashboard.safe import md_escape
from dashboard.state import filters
from present.views import ranking_levels, ranking_view, trend_view

f = filters()
frames = data.ranking_frames(f["indicator"], f["year"], ranking_levels(f))
view = ranking_view(frames, f, data.colors())
st.title(f"排名 · {view.label}")
if f["cross"]:
    st.warning("注意：当前为跨层级比较（省、市、县放在一起排名），各级人大职权和规模不同，数字不宜直接对比。")
if view.data.empty:
    st.info(f"所选层级的地区没有“{view.label}”的数据。")
    st.stop()
event = st.plotly_chart(view.figure, on_select="rerun", selection_mode="points", key="ranking_chart",
                        config=charts.download_config(f"排名_{view.label}"))
st.caption(md_escape(view.sources) + "　" + charts.qualifier_note())
if view.missing:
    more = f" 等 {len(view.missing)} 个地区" if len(view.missing) > 60 else ""
    st.markdown("**无数据（未计为 0）：** " + md_escape("、".join(view.missing[:60])) + more)
points = (event or {}).get("selection", {}).get("points", []) if event else []
picked = points[0].get("customdata", [None])[0] if points else None
options = list(view.data.region)[:100]  # bounded: the top of the ranking (a clicked bar is always there)
if picked is not None and (view.data.region == picked).any():  # a clicked bar wins over the list
    choice = picked
else:
    choice = st.selectbox("查看依据（或点选柱子）", options, key="ranking_evidence")
evidence.show(view.data[view.data.region == choice].iloc[0], key="ranking")
export_panel.show(view, frames.built_at,
                  lambda: [trend_view(data.frames(f["indicator"], f["regions"] or [f["region"]]), f, data.colors())],
                  lambda: data.changes_for(f["regions"] or view.data.region))
