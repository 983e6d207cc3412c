"""``python -m dashboard.serve``: the pages' modules are loaded before the server answers."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _page_imports() -> set[str]:
    """Modules app.py, the pages and dashboard/ import at their top level."""
    names = set()
    for path in [ROOT / "app.py", *(ROOT / "views").glob("*.py"), *(ROOT / "dashboard").glob("*.py")]:
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Import):
                names |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
    return names - {"__future__"}


def test_preload_loads_every_module_the_pages_import_the_gazetteer_and_the_map():
    wanted = sorted(_page_imports())
    code = ("import sys; from dashboard import serve; serve.preload(); "
            "from extract import gazetteer; from analysis import geo; "
            "print(gazetteer.default_gazetteer.cache_info().currsize + geo.provinces.cache_info().currsize); "
            f"print('missing:' + ','.join(m for m in {wanted!r} if m not in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["2", "missing:"], out.stdout


def test_warm_caches_fill_what_the_first_page_reads(tmp_path):
    """After the warm-up the filters' options, colours and labels come from the cache: the store is not
    opened again for them (Streamlit keeps a cached function's cache for the process)."""
    from conftest import site_copy

    store = site_copy(tmp_path)[2]
    code = ("import sys; from dashboard import serve, data; serve.warm_caches(); opened = []; real = data.connect\n"
            "data.connect = lambda p: opened.append(p) or real(p)\n"
            "o = data.filter_options(); data.colors(); data.indicator_labels(); data.regions_with_documents()\n"
            "print(len(opened), len(o['regions']))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={**__import__("os").environ, "DUIBIAO_STORE": str(store)})
    opened, regions = map(int, out.stdout.split())
    assert opened == 0 and regions > 10, out.stdout


def test_prefetch_reads_the_tables_a_ranking_of_one_year_looks_up(tmp_path):
    """The warm-up reads row_values, headline_values and its index by indicator whole (so that the system
    keeps their pages in memory): each statement is a full scan of that table or index of the real store."""
    import os

    from conftest import site_copy
    from dashboard import data
    from extract.store import connect

    store = site_copy(tmp_path)[2]
    os.environ["DUIBIAO_STORE"] = str(store)
    try:
        data.prefetch_store()
    finally:
        del os.environ["DUIBIAO_STORE"]
    con = connect(store)
    plans = [" ".join(r[3] for r in con.execute("EXPLAIN QUERY PLAN " + sql)) for sql in data.PREFETCH]
    con.close()
    assert plans[0] == "SCAN row_values" and plans[1] == "SCAN headline_values", plans
    assert plans[2] == "SCAN headline_values USING COVERING INDEX headline_by_indicator", plans
