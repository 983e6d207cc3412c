"""市县对比: city- and county-level documents side by side, one row per theme — figures, practices, sentences."""
import html

import streamlit as st

from analysis.charts import qualifier_note
from analysis.counties import county_columns
from dashboard import data
from dashboard.state import filters

SHOWN = 12  # columns side by side
PER_CELL = 5  # items of one theme in one column; the rest counted (a county of 30 years has hundreds)

f = filters()
st.title("市县对比")
below = data.query("SELECT region, sum(n) AS n FROM region_sections WHERE level IN ('county', 'city') "
                   "GROUP BY region ORDER BY n DESC, region").region.tolist()
chosen = [r for r in f["regions"] if r in set(below)] or data.nearby(below, None, f["region"], limit=SHOWN)
chosen = chosen[:SHOWN]
sections = data.report_sections(chosen)
# rows without their sentences: only the few shown per theme are read from their documents' texts
cols_data = county_columns(sections, data.of_regions("headline", chosen), data.light_of_regions("figures", chosen),
                           data.light_of_regions("practices", chosen), data.documents_of(sections.document),
                           per_theme=PER_CELL)
data.fill_sentences([i for c in cols_data for items in c["themes"].values() for i in items])
if not cols_data:
    st.info("数据库中没有市、县级地区的文档。")
    st.stop()
more = f"（共 {len(below)} 个，显示 {len(cols_data)} 个：侧边栏“对比地区”可换）" if len(below) > len(cols_data) else ""
st.caption(f"{len(cols_data)} 个市、县级地区并列{more}：工作指标、数字和做法，每行一个主题；点开看原文。"
           "被 * 遮蔽的地名只有在 config/sources.yaml 写明时才显示。")
kind_order = {"指标": 0, "数字": 1, "做法": 2}
themes = sorted({t for c in cols_data for t in c["themes"]},
                key=lambda t: (kind_order.get(t.split("·")[0], 3), t.endswith("其他"), t))


def _cell(c: dict, theme: str) -> str:
    """One region's items of a theme: each a label that opens on its sentence (an HTML details element)."""
    items = c["themes"].get(theme, [])
    parts = [f"<details><summary>{html.escape(i['label'])}</summary><div class='evidence'>"
             f"{html.escape(i['sentence'])}</div></details>" for i in items] or ["<span class='cc-muted'>—</span>"]
    if theme in c["more"]:
        parts.append(f"<div class='cc-muted'>另有 {c['more'][theme]} 项（“做法库”和“证据”页可查全部）</div>")
    return "<div>" + "".join(parts) + "</div>"


# The whole grid is one piece of HTML: hundreds of Streamlit elements (a column and an expander per item)
# took the browser over a second to lay out
head = "".join(f"<div><h3 class='cc-region'>{html.escape(c['region'])}</h3><div class='cc-muted'>"
               f"{html.escape(c['caption'])}</div></div>" for c in cols_data)
rows = "".join(f"<div class='cc-theme'>{html.escape(t)}</div>" + "".join(_cell(c, t) for c in cols_data)
               for t in themes)
st.markdown(f"<style>.cc-grid{{display:grid;grid-template-columns:repeat({len(cols_data)},minmax(0,1fr));gap:.4rem 1rem}}"
            ".cc-theme{grid-column:1/-1;font-weight:600;border-top:1px solid #ddd;padding-top:.4rem}"
            ".cc-muted{color:#777;font-size:.85rem}.cc-region{font-size:1.1rem;margin:0}"
            ".cc-grid summary{cursor:pointer}</style>"
            f"<div class='cc-grid'>{head}{rows}</div>", unsafe_allow_html=True)
st.caption(qualifier_note())
