"""Presentation mode (``?present=1``): no sidebar or controls, one chart or finding per screen, large type."""
from __future__ import annotations

import html

import streamlit as st

from present import findings
from present.views import ranking_view, trend_view

from . import data, state

CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header, footer {display:none !important}
.block-container {padding-top: 1.5rem; max-width: 100% !important}
.slide-finding {font-size: 2.6rem; line-height: 1.6; margin: 3rem 2rem}
.slide-count {font-size: 1.2rem; color: #666}
</style>"""


def slides(f: dict) -> list[tuple[str, object]]:
    """(kind, content) for each screen: the ranking, the trend, then one finding each."""
    frames = data.frames(f["indicator"])
    out: list[tuple[str, object]] = []
    for view in (ranking_view(frames, f, data.colors()), trend_view(frames, f, data.colors())):
        if not view.data.empty:
            view.figure.update_layout(font={"size": 22}, title_font_size=30, height=680)
            out.append(("chart", view))
    regions = f["regions"] or [f["region"]]
    out.extend(("finding", s) for s in findings.findings(data.changes_for(regions), regions, f["indicator"], limit=6))
    return out or [("finding", "所选范围内没有可展示的数据。")]


def run() -> None:
    st.markdown(CSS, unsafe_allow_html=True)
    f = state.sidebar(data.filter_options(), data.themes(), draw=False)
    deck = slides(f)
    st.session_state["present"] = "1"
    try:
        current = int(st.session_state.get("slide") or st.query_params.get("slide", "1"))
    except ValueError:
        current = 1
    current = min(max(current, 1), len(deck))
    left, mid, right, leave = st.columns([1, 6, 1, 1])
    if left.button("◀ 上一页", disabled=current <= 1, key="prev_slide", width="stretch"):
        current -= 1
    if right.button("下一页 ▶", disabled=current >= len(deck), key="next_slide", width="stretch"):
        current += 1
    if leave.button("退出演示", key="leave_presentation", width="stretch"):
        for key in ("present", "slide"):
            st.session_state.pop(key, None)
            st.query_params.pop(key, None)
        st.rerun()
    st.session_state["slide"] = str(current)
    mid.markdown(f"<div class='slide-count'>{current} / {len(deck)}</div>", unsafe_allow_html=True)
    kind, content = deck[current - 1]
    if kind == "chart":
        st.plotly_chart(content.figure, key=f"slide_chart_{current}", config={"displayModeBar": False})
        st.caption(content.sources)
    else:
        st.markdown(f"<div class='slide-finding'>{html.escape(str(content))}</div>", unsafe_allow_html=True)
    state.sync_to_url()
