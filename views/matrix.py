"""对标矩阵: regions × indicators (or themes) scaled per column; the Hunan compilation's regions × themes."""
import streamlit as st

from analysis import charts
from dashboard import data, evidence, export_panel
from dashboard.safe import md_escape
from analysis import queries as q
from dashboard.state import ALL, filters

f = filters()
st.title("对标矩阵")
mode = st.radio("矩阵", ["工作指标", "主题强度", "摘编：地区 × 主题"], horizontal=True, key="matrix_mode")
if mode == "摘编：地区 × 主题":
    compilations = data.query("SELECT document, title FROM documents WHERE kind = 'compilation' "
                              "ORDER BY document LIMIT 500")
    if compilations.empty:
        st.info("没有经验做法摘编类文档。")
        st.stop()
    titles = dict(zip(compilations.document, compilations.title))
    doc = st.selectbox("摘编文档", list(compilations.document), key="matrix_doc",
                       format_func=lambda d: titles.get(d) or d)
    pivot = q.compilation_matrix(data.query("SELECT * FROM sections WHERE document = ?", doc),
                                 data.query("SELECT * FROM practices WHERE document = ?", doc), doc)
    st.plotly_chart(charts.count_heatmap(pivot, "各地做法在摘编主题中的分布"), key="compilation_chart",
                    config=charts.download_config("摘编_地区×主题"))
    note = q.sources_note(data.documents_for([doc]), [doc])
    st.caption(f"数值为该地区在该主题下被摘编的具名做法数（0 表示摘编提到该地区但未给出具名做法）；"
               f"空白表示摘编在该主题下未提及该地区。{note}")
    export_panel.figure_downloads(charts.count_heatmap(pivot, "各地做法在摘编主题中的分布"), "摘编_地区×主题", note,
                                  {"document": titles.get(doc) or doc}, "compilation")
    st.stop()
levels = ["province", "city", "county"] if f["cross"] else [f["level"]]
known = data.regions_with_documents()
options = data.filter_options()
of_level = set(known[known.level.isin(levels)].region) | {r for r, lv in options["levels_of"].items() if lv in levels}
regions = [r for r in (f["regions"] or sorted(of_level)) if f["cross"] or r in of_level]
MAX_REGIONS = 40
if not f["regions"] and len(regions) > MAX_REGIONS:  # a readable matrix: the regions with most values
    regions = sorted(sorted(regions, key=lambda r: -options["by_count"].get(r, 0))[:MAX_REGIONS])
    st.caption(f"未选对比地区：显示数据最多的 {MAX_REGIONS} 个地区（在侧边栏“对比地区”中可自选）。")
h = (data.headline_where(f"region IN ({','.join('?' * len(regions))})", *regions) if regions
     else data.headline_where("0"))
pool = h[h.category == "主题"] if mode == "主题强度" else h[h.category != "主题"]
if mode == "工作指标" and f["category"] not in (ALL, "主题"):
    pool = pool[pool.category == f["category"]]
indicators = sorted(pool.indicator.unique())
raw, scaled = q.matrix(pool, regions, indicators, data.indicator_labels(), f["year"])
if raw.empty:
    st.info("所选地区和年度没有数据。")
    st.stop()
note = "按列最大值归一化（0–1）"
event = st.plotly_chart(charts.heatmap(raw, scaled, f"{'主题强度（次/万字）' if mode == '主题强度' else '工作指标'}对标矩阵",
                                       note), key="matrix_chart", on_select="rerun", selection_mode="points",
                        config=charts.download_config(f"对标矩阵_{mode}"))
used = pool[pool.region.isin(regions)].document
sources = q.sources_note(data.documents_for(used), used)
st.caption(f"颜色：每列除以该列最大值（{note}），各地区在同一指标上可比；悬停显示原始值；空白为无数据（不按 0 计）。" + md_escape(sources))
export_panel.figure_downloads(charts.heatmap(raw, scaled, f"{mode}对标矩阵", note), f"对标矩阵_{mode}", sources, f,
                              "matrix")
cells = pool[pool.region.isin(regions)].sort_values(["region", "indicator"])
names = [f"{r} · {l} · {q.year_label(y)}" for r, l, y in zip(cells.region, cells.label, cells.year)]
points = (event or {}).get("selection", {}).get("points", []) if event else []
clicked = next((i for i, (r, l) in enumerate(zip(cells.region, cells.label))
                if points and r == points[0].get("y") and l == points[0].get("x")), 0)
if points:  # a clicked cell wins over the list
    pick = clicked
else:
    pick = st.selectbox("查看依据（或点选矩阵中的格子）", range(len(names)), format_func=names.__getitem__,
                        key="matrix_evidence")
if pick is not None and names:
    evidence.show(cells.iloc[pick], key="matrix")
