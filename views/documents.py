"""文档: the documents with detected and configured metadata, their sections and what was extracted."""
import json

import streamlit as st

from dashboard import data
from dashboard.safe import md_escape
from analysis import queries as q
from analysis.labels import display_table

FIELD_NAMES = {"kind": "类型", "region": "地区", "level": "层级", "report_date": "报告日期", "work_year": "工作年度",
               "title": "标题"}
SOURCE_NAMES = {"configured": "人工设定", "file name": "文件名", "page": "网页标题/日期"}
PAGE = 50
st.title("文档")
search = st.text_input("搜索文档（文件名或标题）", key="doc_search")
first, n = data.documents_page(search, 0, PAGE)
pages = max(1, (n + PAGE - 1) // PAGE)
if st.session_state.get("doc_page", 1) > pages:  # fewer pages for the new search
    st.session_state["doc_page"] = pages
page = st.number_input(f"页码（共 {n} 个文档，{pages} 页）", 1, pages, 1, key="doc_page") if pages > 1 else 1
docs = first if page == 1 else data.documents_page(search, (page - 1) * PAGE, PAGE)[0]
if docs.empty:
    st.info("没有符合条件的文档。")
    st.stop()
KINDS = {"annual_report": "年度工作报告", "compilation": "经验做法摘编", "journal": "期刊文章",
         "speeches": "讲话发言汇编", "news": "新闻报道"}
meta = docs.assign(类型=docs.kind.map(lambda k: KINDS.get(k, k or "未知")),
                   层级=docs.level.map(lambda l: q.LEVEL_LABELS.get(l, l or "—")),
                   来源=docs.meta_source.map(lambda s: "、".join(f"{FIELD_NAMES.get(k, k)}：{SOURCE_NAMES.get(v, '正文识别')}"
                                                              for k, v in json.loads(s or "{}").items())))
st.dataframe(display_table(meta[["document", "title", "类型", "region", "层级", "report_date", "work_year", "chars", "来源"]].rename(
    columns={"document": "文档", "title": "标题", "region": "地区", "report_date": "报告日期", "work_year": "工作年度",
             "chars": "字数"})), hide_index=True, width="stretch")
failures = data.table("SELECT * FROM failures")
if not failures.empty:
    st.warning("以下文件未能读取：\n" + "\n".join(f"- {md_escape(a)}：{md_escape(b)}" for a, b in zip(failures.file, failures.reason)))
titles = dict(zip(docs.document, docs.title))
doc = st.selectbox("选择文档（本页）", list(docs.document), key="doc_pick",
                   format_func=lambda d: f"{titles.get(d) or d}（{d}）")
rejected = data.query("SELECT field, value, evidence FROM rejected WHERE document = ?", doc)
for r in rejected.itertuples():
    st.warning(f"年度 {r.value} 不合理（早于 1979 年或晚于明年），未采用，不进入任何图表。原文：{md_escape(r.evidence)}")
sections = data.query("SELECT idx, title, region, level, year, plan, theme, start, \"end\" FROM sections"
                      " WHERE document = ? ORDER BY idx", doc)
st.subheader("分节")
sections["level"] = sections.level.map(lambda v: q.LEVEL_LABELS.get(v, v or "—"))
st.dataframe(display_table(sections.assign(计划部分=sections.plan.map({1: "是", 0: ""})).drop(columns=["plan"]).rename(
    columns={"idx": "序号", "title": "标题", "region": "地区", "level": "层级", "year": "年度", "theme": "主题",
             "start": "起", "end": "止"})), hide_index=True, width="stretch")
rows = data.query("SELECT section, region, year, label, value, qualifier, unit, scope, evidence FROM rows"
                  " WHERE document = ? AND category != '主题' ORDER BY start", doc)
st.subheader(f"抽取的指标（{len(rows)}）")
st.dataframe(display_table(rows.assign(数值=[q.value_label(v, qq, u) for v, qq, u in zip(rows.value, rows.qualifier, rows.unit)])[
    ["section", "region", "year", "label", "数值", "scope", "evidence"]].rename(
    columns={"section": "分节", "region": "地区", "year": "年度", "label": "指标", "scope": "口径", "evidence": "原文"})),
    hide_index=True, width="stretch")
with st.expander("规范化全文（显示为纯文本）"):
    st.text(data.doc_text(doc))
