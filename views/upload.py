"""上传文档: add reports from the browser, correct what was detected, delete or replace (editors only)."""
import pandas as pd
import streamlit as st

from dashboard import access, data
from dashboard.safe import md_escape
from analysis import queries as q
from analysis.labels import LOG_ACTIONS, LOG_COLUMNS, display_table, scope_label
from extract import ingest
from extract.build import rebuild
from extract.config import ConfigError
from extract.formats.archive import expand_uploads
from extract.limits import LimitError
from extract.gazetteer import default_gazetteer
from extract.pipeline import extract_text, load_configs
from extract.readers import max_bytes_setting

KINDS = {"annual_report": "年度工作报告", "compilation": "经验做法摘编", "journal": "期刊文章",
         "speeches": "讲话发言汇编", "news": "新闻报道"}

UPLOADER_CSS = """<style>
[data-testid="stFileUploaderDropzoneInstructions"] {display: none}
[data-testid="stFileUploaderDropzone"] button > * {display: none}
[data-testid="stFileUploaderDropzone"] button::after {content: "选择文件"; font-size: 1rem}
</style>"""
FIELDS = {"kind": "类型", "region": "地区", "level": "层级", "report_date": "报告日期", "work_year": "工作年度"}
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
    try:
        ingest.clean_overrides(overrides, default_gazetteer(), tuple(KINDS))
    except ingest.IngestError as exc:
        return str(exc)
    return None


limit_mb = min(max_bytes_setting() / 1024 / 1024, float(st.get_option("server.maxUploadSize")))
TYPES = ["txt", "docx", "doc", "pdf", "html", "htm", "mhtml", "mht", "png", "jpg", "jpeg", "zip"]
OCR_NOTE = "此文件是扫描件或图片，文字经 OCR（光学字符识别）读取，数字可能有误：请与原件核对后再保存。"


def read_uploads(uploads) -> list[tuple[str, bytes | None, str | None, str | None]]:
    """(name, bytes, safe name, text) or (name, None, None, refusal reason) per file (zip members each),
    with a progress bar (per file, and per page while OCR runs)."""
    files = expand_uploads([(up.name, up.getvalue()) for up in uploads])
    bar = st.progress(0.0, text="正在读取…")
    out = []
    for i, member in enumerate(files):
        bar.progress(i / len(files), text=f"正在读取 {member.name}（{i + 1}/{len(files)}）")

        def page(done, total, what, i=i, name=member.name):
            bar.progress((i + done / total) / len(files), text=f"{name}：OCR 识别{what}第 {done}/{total} 页")

        if member.reason:
            out.append((member.name, None, None, member.reason))
            continue
        try:
            safe, text = ingest.check_file(member.data, member.name, progress=page)
            out.append((member.name, member.data, safe, text))
        except ingest.IngestError as exc:
            out.append((member.name, None, None, str(exc)))
    readable = sum(raw is not None for _n, raw, _s, _t in out)
    bar.progress(1.0, text=f"读取完成：{readable} 个可读取，{len(out) - readable} 个未读取")
    return out


def summary_table(read: list) -> pd.DataFrame:
    rows = []
    for name, raw, _safe, text in read:
        if raw is None:
            rows.append({"文件": name, "结果": "未读取", "原因或说明": text})
        else:
            note = "OCR 识别，数字需核对" if getattr(text, "ocr", False) else f"{len(text):,} 字"
            rows.append({"文件": name, "结果": "已读取", "原因或说明": note})
    return pd.DataFrame(rows)


st.markdown(UPLOADER_CSS, unsafe_allow_html=True)  # Streamlit's own dropzone text is English: ours instead
uploads = st.file_uploader("选择文件（txt、docx、doc、pdf（含扫描件）、网页 html/mhtml、图片 png/jpg，或 zip 压缩包；"
                           f"可多选，也可拖放到下框；单个文件不超过 {limit_mb:g} MB）",
                           type=TYPES, accept_multiple_files=True, key="uploads")
try:
    configs = load_configs(data.config_dir())
except ConfigError as exc:  # the dashboard keeps serving; nothing is written
    st.error("配置文件有误，暂不能添加文档：\n" + "\n".join(f"- {md_escape(p)}" for p in exc.problems))
    st.stop()
read = read_uploads(uploads) if uploads else []
if read:
    st.dataframe(summary_table(read), hide_index=True, width="stretch")
good = [(i, item) for i, item in enumerate(read) if item[1] is not None]
if len(good) > 1 and st.button(f"全部保存（{len(good)} 个可读取的文件，按识别结果）", key="save_all"):
    try:
        results = ingest.add_many([(raw, name.rsplit("/", 1)[-1]) for _i, (name, raw, _s, _t) in good],
                                  data.data_dir(), do_rebuild)
    except Exception as exc:  # a refused rebuild: nothing saved
        st.error(f"未能保存：{md_escape(ingest.reason(exc))}")
        results = []
    if results:
        st.dataframe(pd.DataFrame([{"文件": n, "结果": "已保存" if d else "未保存", "文档或原因": d or r}
                                   for n, d, r in results]), hide_index=True, width="stretch")
        saved = sum(d is not None for _n, d, _r in results)
        if saved:
            st.success(f"已保存 {saved} 个文件，各页面已更新。")
        else:
            st.error("没有保存任何文件。")
for i, (name, raw, safe, text) in good:
    with st.container(border=True):
        st.markdown(f"**{md_escape(name)}**")
        if getattr(text, "ocr", False):
            st.warning(OCR_NOTE)
        try:
            ex = extract_text(text, f"uploads/{safe}", None, configs)
        except LimitError as exc:  # a config pattern past its time bound on this text
            st.error(f"无法添加：{md_escape(exc)}")
            continue
        for note in ex.refused:
            st.warning(md_escape(note))
        overrides = metadata_form(ex, f"u{i}")
        sections = pd.DataFrame([{"分节": s.title, "地区": s.region, "年度": s.year, "计划部分": "是" if s.plan else ""}
                                 for s in ex.sections])
        counts = [r for r in ex.rows if r.category != "主题"]
        st.caption(f"识别出 {len(ex.sections)} 个分节、{len(counts)} 个数字。")
        with st.expander("分节与抽取结果"):
            st.dataframe(display_table(sections), hide_index=True, width="stretch")
            st.dataframe(pd.DataFrame([{"指标": r.label, "数值": q.value_label(r.value, r.qualifier, r.unit),
                                        "口径": scope_label(r.scope), "原文": r.evidence} for r in counts]),
                         hide_index=True, width="stretch")
        if st.button("保存", key=f"save_{i}"):
            problem = validate(overrides)
            if problem:
                st.error(md_escape(problem))
            else:
                try:
                    doc = ingest.add(raw, name.rsplit("/", 1)[-1], overrides, data.data_dir(), do_rebuild)
                    st.success(f"已保存为 {md_escape(doc)}，各页面已更新。")
                except Exception as exc:  # IngestError says why; anything else: one line, never a traceback
                    st.error(f"无法添加：{md_escape(ingest.reason(exc))}")

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
            st.success(f"已删除 {md_escape(doc)}（已记入变更记录）。")
        except Exception as exc:
            st.error(md_escape(ingest.reason(exc)))
    replacement = c2.file_uploader(f"用新文件替换（单个文件不超过 {limit_mb:g} MB）", type=TYPES[:-1],
                                   key="replace_file")
    if replacement is not None and c2.button("替换", key="replace_doc", disabled=not confirm):
        try:
            new = ingest.add(replacement.getvalue(), replacement.name, {}, data.data_dir(), do_rebuild, replace=doc)
            st.success(f"已用 {md_escape(new)} 替换 {md_escape(doc)}（已记入变更记录）。")
        except Exception as exc:
            st.error(f"无法替换：{md_escape(ingest.reason(exc))}")
log = ingest.history(data.data_dir())
if log:
    st.subheader("变更记录")
    shown = pd.DataFrame(log[::-1]).rename(columns=LOG_COLUMNS)
    shown["操作"] = shown["操作"].map(lambda a: LOG_ACTIONS.get(a, a))
    if "人工设定的元数据" in shown:
        shown["人工设定的元数据"] = shown["人工设定的元数据"].map(
            lambda m: "；".join(f"{FIELDS.get(k, k)}：{KINDS.get(v, q.LEVEL_LABELS.get(v, v))}" for k, v in m.items()) if isinstance(m, dict) else m)
    st.dataframe(display_table(shown), hide_index=True, width="stretch")
