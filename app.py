"""对标 Duibiao: the dashboard's entry point.

Reads only the store written by ``python -m extract build`` (building it first
if it is missing); never parses documents.  The shared filters live in the
sidebar and in the URL; each page is a short script under ``views/``.
"""
from __future__ import annotations

import streamlit as st

from dashboard import chart_code, data, pages, state

PRESENTING = st.query_params.get("present") == "1"
st.set_page_config(page_title="对标 · 人大工作对标看板", layout="wide",
                   initial_sidebar_state="collapsed" if PRESENTING else "auto")
st.markdown("<style>mark{background:#ffe58f;padding:0 2px}.evidence{font-size:1.05rem;line-height:1.8}"
            # Streamlit's keyboard skip link says "Skip to main content": the same link, in Chinese
            "[data-testid='stSkipToContent']{font-size:0}[data-testid='stSkipToContent']::after"
            "{content:'跳到正文';font-size:1rem}</style>", unsafe_allow_html=True)

with st.sidebar:
    chart_code.preload()  # first: the browser loads the chart code while the page is computed

PAGES = [st.Page(script, title=title, url_path=path, default=i == 0)
         for i, (script, title, path) in enumerate(pages.PAGES)]

if not data.ensure_store():
    st.error("数据库尚未生成，且自动生成失败。请运行：python -m extract build")
    st.stop()
if PRESENTING:  # meeting-room screen: no sidebar, no controls, one screen at a time
    from dashboard import presentation

    presentation.run()
    st.stop()
page = st.navigation(PAGES, expanded=True)  # every page listed: no English "View more"
st.session_state["_filters"] = state.sidebar(data.filter_options(), data.themes())
with st.sidebar:
    from dashboard import export_panel

    export_panel.brief_download(st.session_state["_filters"])
page.run()
