"""The HTML shell Streamlit sends first, with two hints that shorten a new visitor's first page.

1. ``<link rel="modulepreload">`` of Streamlit's chart module (plotly, 4.7 MB): the browser fetches and
   compiles it while Streamlit's own code boots, instead of after the first chart arrives.  It is run only
   when imported (``dashboard.chart_code`` imports it as soon as the page starts).
2. The app's base address, when the address ends with one of the dashboard's page paths (``/ranking``,
   ``/foo/ranking`` behind a proxy): Streamlit's front end otherwise guesses it by first asking
   ``/ranking/_stcore/health`` (a 404, ~0.13 s before the WebSocket opens).  Any other address is left
   to Streamlit's guess.

The shell is Streamlit's ``index.html`` with the two tags added, served from a folder of links to the
rest of Streamlit's static files (``install`` points Streamlit's ``get_static_dir`` at it).  If anything is
missing (another Streamlit layout, no symbolic links), Streamlit's own folder is served unchanged.
"""
from __future__ import annotations

import atexit
import json
import shutil
import tempfile
from pathlib import Path

from dashboard.chart_code import module_in
from dashboard.pages import PAGES

_BASE_HINT = """<script>
(() => {{
  const m = location.pathname.match({pattern});
  if (m) window.__streamlit = Object.assign({{}}, window.__streamlit, {{BACKEND_BASE_URL: location.origin + m[1]}});
}})();
</script>
"""


def hints(html: str, module: str, paths: list[str]) -> str:
    """``html`` with the base-address script before Streamlit's first module script and the chart
    module's preload link at the end of the head.  Unchanged when either anchor is missing."""
    entry = '<script type="module"'
    if entry not in html or "</head>" not in html:
        return html
    pattern = "/^(.*\\/)(" + "|".join(paths) + ")$/"
    base = _BASE_HINT.format(pattern=pattern)
    preload = f'<link rel="modulepreload" crossorigin href={json.dumps("./static/js/" + module)}>\n'
    html = html.replace(entry, base + entry, 1)
    return html.replace("</head>", preload + "</head>", 1)


def build(static: Path, into: Path) -> bool:
    """Fill ``into`` with links to ``static``'s entries and the shell with hints; False if it cannot."""
    module = module_in(static)
    index = static / "index.html"
    if not module or not index.is_file():
        return False
    try:
        for entry in static.iterdir():
            if entry.name != "index.html":
                (into / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    except OSError:
        return False
    html = index.read_text(encoding="utf-8")
    (into / "index.html").write_text(hints(html, module, [p for _, _, p in PAGES]), encoding="utf-8")
    return True


def install() -> Path | None:
    """Serve the hinted shell from this process's Streamlit server; the folder is removed at exit."""
    from streamlit import file_util

    static = Path(file_util.get_static_dir())
    folder = Path(tempfile.mkdtemp(prefix="duibiao-shell-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    if not build(static, folder):
        return None
    file_util.get_static_dir = lambda: str(folder)
    return folder
