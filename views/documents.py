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
st.title("文档")
docs = data.documents()
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
doc = st.selectbox("选择文档", list(docs.document), key="doc_pick",
                   format_func=lambda d: f"{docs.set_index('document').title.get(d, d)}（{d}）")
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
