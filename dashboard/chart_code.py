"""Load the browser's chart code while the first page is still being computed.

Streamlit's front end loads plotly (a 4.7 MB module) only when the first chart arrives; on a small
machine the browser then needs 1–2 s to fetch, compile and run it.  A script sent before the page's
queries run imports that same module at once (the browser keeps one copy per address), so the chart
finds it loaded.  The element draws nothing.  Under ``dashboard.serve`` the HTML shell has already asked
for the module (``dashboard.shell``), so the import finds it fetched and compiled and only runs it.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import streamlit as st

# The module's address is taken relative to Streamlit's own entry script (so a base path is kept).
_SCRIPT = """<script>
(() => {{
  if (window.__duibiaoChartCode) return;
  const entry = document.querySelector('script[type="module"][src*="static/js/"]');
  if (entry) window.__duibiaoChartCode = import(new URL({name}, entry.src).href).catch(() => null);
}})();
</script>"""


def module_in(static: Path) -> str | None:
    """The file name of the chart module in a Streamlit static folder (its hash changes with Streamlit's version)."""
    found = sorted((static / "static" / "js").glob("PlotlyChart.*.js"))
    return found[0].name if found else None


@lru_cache(maxsize=1)
def _module_name() -> str | None:
    return module_in(Path(st.__file__).parent / "static")


def preload() -> None:
    name = _module_name()
    if name:
        st.html(_SCRIPT.format(name=json.dumps(name)), unsafe_allow_javascript=True)
