"""上传文档: add reports from the browser, correct what was detected, delete or replace (editors only)."""
import pandas as pd
import streamlit as st

from dashboard import access, data
from analysis import queries as q
from extract import ingest
from extract.build import rebuild
from extract.config import ConfigError
from extract.gazetteer import default_gazetteer
from extract.pipeline import extract_text, load_configs

KINDS = {"annual_report": "年度工作报告", "compilation": "经验做法摘编", "journal": "期刊文章",
         "speeches": "讲话发言汇编", "news": "新闻报道"}

st.title("上传文档")
if not access.editor_gate():
    st.stop()


def do_rebuild():
    rebuild(data.config_dir(), data.data_dir(), data.store_path(), jobs=1)


def metadata_form(ex, key: str) -> dict:
    """Detected metadata, editable; returns what the editor set (only fields that differ from detected)."""
    m = ex.meta
    c1, c2, c3, c4, c5 = st.columns(5)
    kinds = list(KINDS)
    kind = c1.selectbox("类型", kinds, index=kinds.index(m.kind) if m.kind in kinds else 0,
                        format_func=KINDS.get, key=f"kind_{key}")
    region = c2.text_input("地区（全称）", m.region or "", key=f"region_{key}")
    levels = ["", "province", "city", "county"]
    level = c3.selectbox("层级", levels, index=levels.index(m.level or ""),
                         format_func=lambda v: q.LEVEL_LABELS.get(v, "未识别"), key=f"level_{key}")
    report_date = c4.text_input("报告日期", m.report_date or "", key=f"date_{key}")
    work_year = c5.text_input("工作年度", str(m.work_year or ""), key=f"year_{key}")
    values = {"kind": kind, "region": region.strip(), "level": level, "report_date": report_date.strip(),
              "work_year": work_year.strip()}
    detected = {"kind": m.kind or "", "region": m.region or "", "level": m.level or "",
                "report_date": m.report_date or "", "work_year": str(m.work_year or "")}
    return {k: v for k, v in values.items() if v != detected[k]}


def validate(overrides: dict) -> str | None:
    if overrides.get("region") and not default_gazetteer().lookup(overrides["region"]):
        return f"地名录中没有“{overrides['region']}”，请填写地区全称（如 青田县）。"
    if overrides.get("work_year") and not overrides["work_year"].isdigit():
        return "工作年度应为四位数字年份。"
    return None


uploads = st.file_uploader("选择文件（txt、docx、pdf，可多选）", type=["txt", "docx", "pdf"],
                           accept_multiple_files=True, key="uploads")
try:
    configs = load_configs(data.config_dir())
except ConfigError as exc:  # the dashboard keeps serving; nothing is written
    st.error("配置文件有误，暂不能添加文档：\n" + "\n".join(f"- {p}" for p in exc.problems))
    st.stop()
for i, up in enumerate(uploads or []):
    raw = up.getvalue()
    with st.container(border=True):
        st.markdown(f"**{up.name}**")
        try:
            safe, text = ingest.check_file(raw, up.name)
        except ingest.IngestError as exc:
            st.error(f"无法添加：{exc}")
            continue
        ex = extract_text(text, f"uploads/{safe}", None, configs)
        overrides = metadata_form(ex, f"u{i}")
        sections = pd.DataFrame([{"分节": s.title, "地区": s.region, "年度": s.year, "计划部分": "是" if s.plan else ""}
                                 for s in ex.sections])
        counts = [r for r in ex.rows if r.category != "主题"]
        st.caption(f"识别出 {len(ex.sections)} 个分节、{len(counts)} 个数字。")
        with st.expander("分节与抽取结果"):
            st.dataframe(sections, hide_index=True, width="stretch")
            st.dataframe(pd.DataFrame([{"指标": r.label, "数值": q.value_label(r.value, r.qualifier, r.unit),
                                        "口径": r.scope, "原文": r.evidence} for r in counts]),
                         hide_index=True, width="stretch")
        if st.button("保存", key=f"save_{i}"):
            problem = validate(overrides)
            if problem:
                st.error(problem)
            else:
                try:
                    doc = ingest.add(raw, up.name, overrides, data.data_dir(), do_rebuild)
                    st.success(f"已保存为 {doc}，各页面已更新。")
                except ingest.IngestError as exc:
                    st.error(f"无法添加：{exc}")

st.subheader("管理已有文档")
search = st.text_input("查找文档（文件名或标题）", key="manage_search")
docs, n_docs = data.documents_page(search, 0, 100)
if docs.empty:
    st.info("还没有文档。" if not search else "没有符合条件的文档。")
else:
    titles = dict(zip(docs.document, docs.title))
    doc = st.selectbox(f"文档（共 {n_docs} 个匹配，列出前 {len(docs)} 个）", list(docs.document), key="manage_doc",
                       format_func=lambda d: f"{titles.get(d) or d}（{d}）")
    confirm = st.checkbox("我确认要删除或替换这个文档", key="manage_confirm")
    c1, c2 = st.columns(2)
    if c1.button("删除", key="delete_doc", disabled=not confirm):
        try:
            ingest.delete(doc, data.data_dir(), do_rebuild)
            st.success(f"已删除 {doc}（已记入变更记录）。")
        except ingest.IngestError as exc:
            st.error(str(exc))
    replacement = c2.file_uploader("用新文件替换", type=["txt", "docx", "pdf"], key="replace_file")
    if replacement is not None and c2.button("替换", key="replace_doc", disabled=not confirm):
        try:
            new = ingest.add(replacement.getvalue(), replacement.name, {}, data.data_dir(), do_rebuild, replace=doc)
            st.success(f"已用 {new} 替换 {doc}（已记入变更记录）。")
        except ingest.IngestError as exc:
            st.error(f"无法替换：{exc}")
log = ingest.history(data.data_dir())
if log:
    st.subheader("变更记录")
    st.dataframe(pd.DataFrame(log[::-1]), hide_index=True, width="stretch")
