"""Download buttons under a chart: data (CSV, XLSX), interactive HTML, images, and a meeting deck.

Every file is made only when its button is clicked (``data`` is a callable), so
the page itself stays fast.
"""
from __future__ import annotations

import copy
from collections.abc import Callable

import streamlit as st

from present import exports, findings
from present.views import View, annotate


def show(view: View, built_at: str, extra_views: Callable[[], list[View]] | None = None, changes=None) -> None:
    """Export buttons for one view."""
    if view.data.empty:
        return
    from dashboard import data

    def full(v: View) -> View:
        """The view with its rows' sentences (pages read rows without them): only when a file is made.
        A copy, not ``dataclasses.replace``: a trend view carries its ``pivot`` beside the fields."""
        out = copy.copy(v)
        out.data = data.with_evidence(v.data)
        return out

    key = view.kind
    with st.expander("导出与汇报材料", expanded=False):
        c1, c2, c3 = st.columns(3)
        c1.download_button("数据 CSV", lambda: exports.to_csv(full(view)), exports.file_name(view, "csv"), "text/csv",
                           key=f"csv_{key}", on_click="ignore")
        c2.download_button("数据 Excel", lambda: exports.to_xlsx(full(view), built_at), exports.file_name(view, "xlsx"),
                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"xlsx_{key}",
                           on_click="ignore")
        c3.download_button("交互式网页 HTML", lambda: exports.to_html(view), exports.file_name(view, "html"),
                           "text/html", key=f"html_{key}", on_click="ignore")
        if exports.images_available():
            i1, i2 = st.columns(2)
            i1.download_button("图片 PNG（幻灯片分辨率）", lambda: exports.to_image(view, "png"),
                               exports.file_name(view, "png"), "image/png", key=f"png_{key}", on_click="ignore")
            i2.download_button("图片 SVG", lambda: exports.to_image(view, "svg"), exports.file_name(view, "svg"),
                               "image/svg+xml", key=f"svg_{key}", on_click="ignore")
        else:
            st.caption("服务器未安装 Chromium 或中文字体，不提供服务器端图片导出；可用图表右上角的相机按钮下载 PNG。")
        include_trend = extra_views is not None and st.checkbox("汇报 PPT 同时包含趋势图", value=True,
                                                                key=f"deck_trend_{key}")

        def deck() -> bytes:
            views = [full(v) for v in [view] + (extra_views() if include_trend else [])]
            regions = sorted(set(view.data.region))
            ch = changes() if callable(changes) else changes  # a page passes a query run only on click
            facts = (findings.findings(ch, view.filters.get("regions") or regions, view.filters["indicator"])
                     if changes is not None else [])
            return exports.to_pptx(views, facts, f"人大工作对标：{view.label}", regions)

        st.download_button("汇报 PPT", deck, exports.file_name(view, "pptx"),
                           "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                           key=f"pptx_{key}", on_click="ignore")


def figure_downloads(fig, name: str, sources: str, filters: dict, key: str, label: str | None = None) -> None:
    """Image and HTML downloads of any chart (matrix, map), with its title, source line and filters."""
    with st.expander("导出图表", expanded=False):
        final = lambda: annotate(fig, sources, filters, label)  # noqa: E731
        c1, c2, c3 = st.columns(3)
        c1.download_button("交互式网页 HTML", lambda: exports.figure_html(final()), f"{name}.html", "text/html",
                           key=f"fhtml_{key}", on_click="ignore")
        if exports.images_available():
            c2.download_button("图片 PNG（幻灯片分辨率）", lambda: exports.figure_image(final(), "png"), f"{name}.png",
                               "image/png", key=f"fpng_{key}", on_click="ignore")
            c3.download_button("图片 SVG", lambda: exports.figure_image(final(), "svg"), f"{name}.svg",
                               "image/svg+xml", key=f"fsvg_{key}", on_click="ignore")
        else:
            st.caption("服务器未安装 Chromium 或中文字体，不提供服务器端图片导出；可用图表右上角的相机按钮下载 PNG。")


def brief_download(filters: dict) -> None:
    """One click: the 对标分析报告 (.docx) for the current filters, written only when clicked."""
    from dashboard import data
    from present import brief

    st.download_button("下载对标分析报告（Word）", lambda: brief.to_docx(data.frames(), filters, data.colors()),
                       f"{filters['region']}_对标分析报告.docx",
                       "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                       key="brief_docx", on_click="ignore", width="stretch")
