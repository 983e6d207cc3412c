"""Download buttons under a chart: data (CSV, XLSX), interactive HTML, images, and a meeting deck."""
from __future__ import annotations

import hashlib

import streamlit as st

from present import exports, findings
from present.views import View


def _signature(view: View) -> str:
    return hashlib.sha1(f"{view.kind}|{sorted(view.filters.items(), key=str)}".encode()).hexdigest()[:12]


def show(view: View, built_at: str, extra_views: list[View] | None = None, changes=None) -> None:
    """Export buttons for one view; images and decks are made on request (they take seconds)."""
    if view.data.empty:
        return
    sig = _signature(view)
    with st.expander("导出与汇报材料", expanded=False):
        c1, c2, c3 = st.columns(3)
        c1.download_button("数据 CSV", exports.to_csv(view), exports.file_name(view, "csv"), "text/csv",
                           key=f"csv_{sig}")
        c2.download_button("数据 Excel", exports.to_xlsx(view, built_at), exports.file_name(view, "xlsx"),
                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"xlsx_{sig}")
        c3.download_button("交互式网页 HTML", exports.to_html(view), exports.file_name(view, "html"), "text/html",
                           key=f"html_{sig}")
        if exports.images_available():
            if st.button("生成图片（PNG / SVG）", key=f"img_{sig}"):
                st.session_state[f"png_{sig}"] = exports.to_image(view, "png")
                st.session_state[f"svg_{sig}"] = exports.to_image(view, "svg")
            if f"png_{sig}" in st.session_state:
                i1, i2 = st.columns(2)
                i1.download_button("下载 PNG（幻灯片分辨率）", st.session_state[f"png_{sig}"],
                                   exports.file_name(view, "png"), "image/png", key=f"dpng_{sig}")
                i2.download_button("下载 SVG", st.session_state[f"svg_{sig}"], exports.file_name(view, "svg"),
                                   "image/svg+xml", key=f"dsvg_{sig}")
        else:
            st.caption("服务器未安装 Chromium 或中文字体，不提供服务器端图片导出；可用图表右上角的相机按钮下载 PNG。")
        options = {"排名": view} | {("趋势" if v.kind == "trend" else v.title): v for v in (extra_views or [])}
        chosen = st.multiselect("汇报材料包含的图表", list(options), default=list(options), key=f"deck_views_{sig}")
        if st.button("生成汇报 PPT", key=f"deck_{sig}"):
            views = [options[c] for c in chosen] or [view]
            regions = sorted(set(view.data.region))
            facts = findings.findings(changes, view.filters.get("regions") or regions, view.filters["indicator"]) \
                if changes is not None else []
            st.session_state[f"pptx_{sig}"] = exports.to_pptx(views, facts, f"人大工作对标：{view.label}", regions)
        if f"pptx_{sig}" in st.session_state:
            st.download_button("下载汇报 PPT", st.session_state[f"pptx_{sig}"], exports.file_name(view, "pptx"),
                               "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                               key=f"dpptx_{sig}")
