"""上传文档: add reports from the browser, correct what was detected, delete or replace (editors only)."""
import pandas as pd
import streamlit as st

from dashboard import access, data
from analysis import queries as q
from extract import ingest
from extract.build import rebuild
from extract.config import ConfigError
from extract.formats.archive import expand_uploads
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


TYPES = ["txt", "docx", "doc", "pdf", "html", "htm", "mhtml", "mht", "png", "jpg", "jpeg", "zip"]
OCR_NOTE = "此文件是扫描件或图片，文字经 OCR（光学字符识别）读取，数字可能有误：请与原件核对后再保存。"


def read_uploads(uploads) -> list[tuple[str, bytes | None, str | None, str | None]]:
    """(name, bytes, safe name, text) or a refusal reason per file (zip members each), with a progress bar."""
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


uploads = st.file_uploader("选择文件（txt、docx、doc、pdf（含扫描件）、网页 html/mhtml、图片 png/jpg，或 zip 压缩包；可多选）",
                           type=TYPES, accept_multiple_files=True, key="uploads")
try:
    configs = load_configs(data.config_dir())
except ConfigError as exc:  # the dashboard keeps serving; nothing is written
    st.error("配置文件有误，暂不能添加文档：\n" + "\n".join(f"- {p}" for p in exc.problems))
    st.stop()
read = read_uploads(uploads) if uploads else []
if read:
    st.dataframe(summary_table(read), hide_index=True, width="stretch", key="upload_summary")
good = [(i, item) for i, item in enumerate(read) if item[1] is not None]
if len(good) > 1 and st.button(f"全部保存（{len(good)} 个可读取的文件，按识别结果）", key="save_all"):
    results = ingest.add_many([(raw, name.rsplit("/", 1)[-1]) for _i, (name, raw, _s, _t) in good],
                              data.data_dir(), do_rebuild)
    st.dataframe(pd.DataFrame([{"文件": n, "结果": "已保存" if d else "未保存", "文档或原因": d or r}
                               for n, d, r in results]), hide_index=True, width="stretch", key="save_all_result")
    saved = sum(d is not None for _n, d, _r in results)
    if saved:
        st.success(f"已保存 {saved} 个文件，各页面已更新。")
    else:
        st.error("没有保存任何文件。")
for i, (name, raw, safe, text) in good:
    with st.container(border=True):
        st.markdown(f"**{name}**")
        if getattr(text, "ocr", False):
            st.warning(OCR_NOTE)
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
                    doc = ingest.add(raw, name.rsplit("/", 1)[-1], overrides, data.data_dir(), do_rebuild)
                    st.success(f"已保存为 {doc}，各页面已更新。")
                except ingest.IngestError as exc:
                    st.error(f"无法添加：{exc}")

st.subheader("管理已有文档")
docs = data.documents()
if docs.empty:
    st.info("还没有文档。")
else:
    doc = st.selectbox("文档", list(docs.document), key="manage_doc",
                       format_func=lambda d: f"{docs.set_index('document').title.get(d, d)}（{d}）")
    confirm = st.checkbox("我确认要删除或替换这个文档", key="manage_confirm")
    c1, c2 = st.columns(2)
    if c1.button("删除", key="delete_doc", disabled=not confirm):
        try:
            ingest.delete(doc, data.data_dir(), do_rebuild)
            st.success(f"已删除 {doc}（已记入变更记录）。")
        except ingest.IngestError as exc:
            st.error(str(exc))
    replacement = c2.file_uploader("用新文件替换", type=TYPES[:-1], key="replace_file")
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
