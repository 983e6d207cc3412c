"""Presentation mode (``?present=1``): no sidebar or controls, one chart or finding per screen, large type.

The slides come from ``present.slides`` (most informative first, never a chart of fewer than
two values).  ← / → (and PageUp / PageDown) turn pages; the page number is in the address.
"""
from __future__ import annotations

import html

import streamlit as st

from present import slides as slides_mod

from . import data, state

CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header, footer {display:none !important}
.block-container {padding-top: 1.5rem; max-width: 100% !important}
.slide-finding {font-size: 2.6rem; line-height: 1.6; margin: 3rem 2rem}
.slide-count {font-size: 1.2rem; color: #666}
.slide-caption {font-size: 18px; color: #555}
</style>"""

# Arrow keys press the page buttons.  Added once to the page (not in an iframe), so it works
# offline and survives reruns; ignored while typing in a field.
KEYS = """<script>
(function () {
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  const win = doc.defaultView;
  if (win.__duibiaoSlideKeys) return;
  win.__duibiaoSlideKeys = true;
  doc.addEventListener('keydown', function (e) {
    if (e.target && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName)) return;
    const next = ['ArrowRight', 'PageDown'].includes(e.key), prev = ['ArrowLeft', 'PageUp'].includes(e.key);
    if (!next && !prev) return;
    const label = next ? '下一页' : '上一页';
    const button = Array.from(doc.querySelectorAll('button')).find(b => b.innerText.includes(label) && !b.disabled);
    if (button) { e.preventDefault(); button.click(); }
  });
})();
</script>"""


@st.cache_data(show_spinner=False, max_entries=16)
def _deck(key: tuple, f: dict) -> list:
    return slides_mod.build(data.frames(), f, data.colors())


def slides(f: dict) -> list:
    return _deck(data._key(), f)


def run() -> None:
    st.markdown(CSS, unsafe_allow_html=True)
    st.html(KEYS, unsafe_allow_javascript=True)
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
    slide = deck[current - 1]
    mid.markdown(f"<div class='slide-count'>{current} / {len(deck)}　{html.escape(slide.title)}"
                 "　（← → 键翻页）</div>", unsafe_allow_html=True)
    if slide.kind == "chart":
        st.plotly_chart(slide.figure, key=f"slide_chart_{current}", config={"displayModeBar": False})
        st.markdown(f"<div class='slide-caption'>{html.escape(slide.caption)}</div>", unsafe_allow_html=True)
    else:
        st.markdown(f"<div class='slide-finding'>{html.escape(slide.text)}</div>", unsafe_allow_html=True)
    state.sync_to_url()
