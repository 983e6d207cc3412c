"""The source behind a number: its sentence with the matched phrase marked, and where it stands."""
from __future__ import annotations

import streamlit as st

from . import data
from .safe import md_escape
from analysis.queries import highlight, paragraph_bounds, value_label, year_label


def show(row, key: str) -> None:
    """Evidence panel for one row of the tidy table (a dict or Series with document/start/end)."""
    text = data.doc_text(row["document"])
    start, end = int(row["start"]), int(row["end"])
    docs = data.documents_for([row["document"]])
    title = (docs.title.iloc[0] if len(docs) else None) or row["document"]
    with st.container(border=True):
        value = row.get("value")
        shown = "" if value is None else f"　{value_label(value, row.get('qualifier'), row.get('unit'))}"
        st.markdown(f"**{md_escape(row.get('label', ''))}**{md_escape(shown)}"
                    f"　·　{md_escape(row.get('region') or '未知地区')}　·　{year_label(row.get('year'))}")
        lo, hi = paragraph_bounds(text, start, end)
        sent_lo = max(text.rfind(c, lo, start) for c in "。！？") + 1
        sent_lo = max(sent_lo, lo)
        sent_hi = min([i + 1 for i in (text.find(c, end, hi) for c in "。！？") if i != -1] or [hi])
        st.markdown(f"<div class='evidence'>{highlight(text[sent_lo:sent_hi], start - sent_lo, end - sent_lo)}</div>",
                    unsafe_allow_html=True)
        if row.get("ocr") == 1:
            st.warning("该数值来自扫描件或图片的 OCR 识别，可能有误，请与原件核对。")
        section = row.get("section")
        if not isinstance(section, str):  # rows read in bulk leave it out: looked up for this one
            section = data.section_of(row["document"], start)
        st.caption(f"文档：{md_escape(title)}（{md_escape(row['document'])}）　分节：{md_escape(section or '—')}"
                   f"　位置：{start}–{end}")
        with st.expander("所在段落", expanded=False):
            st.markdown(highlight(text[lo:hi], start - lo, end - lo), unsafe_allow_html=True)
