"""Start the dashboard: ``python -m dashboard.serve [streamlit options]``.

The same as ``streamlit run app.py``, except that the modules every page needs (pandas, plotly, the
store's and the pages' code) and the gazetteer are loaded before the server answers: Streamlit runs the
pages in this process, so the first user after a start does not wait for them (about 2 s of the first
page's 3–4 s on a 100,000-document store).
"""
from __future__ import annotations

import importlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What the pages import (app.py, views/, dashboard/; tests/test_serve.py keeps this list whole).
PRELOAD = ("streamlit.emojis", "pandas", "plotly.graph_objects", "plotly.express", "pyarrow", "analysis.charts", "analysis.queries",
           "analysis.labels", "analysis.gaps", "analysis.practice_types", "analysis.counties", "analysis.geo",
           "analysis.yoy", "analysis.ranks", "present.views", "extract.build", "extract.pipeline", "extract.readers",
           "extract.formats.archive", "dashboard.data", "dashboard.state", "dashboard.evidence",
           "dashboard.export_panel", "dashboard.groups", "dashboard.pages", "dashboard.yoy", "dashboard.chart_code",
           "present.brief",
           "streamlit.runtime.scriptrunner.magic_funcs",
           "sklearn.feature_extraction.text", "sklearn.metrics.pairwise")  # 对标差距, 同类做法 group with it


def preload() -> None:
    for name in PRELOAD:
        importlib.import_module(name)
    from analysis.geo import provinces
    from extract.gazetteer import default_gazetteer

    default_gazetteer()  # the division codes regions are sorted by
    provinces()  # the map's outlines, read and simplified once per process
    warm_figures()
    from present import exports

    exports.images_available()  # kaleido, a Chromium, a Chinese font: looked up once per process (~0.1 s)
    # Streamlit's first element of a process asks whether it runs in a REPL by walking the script thread's stack
    # (~0.15 s of the first page); under ``streamlit run`` it does not, so the question is answered here.
    import streamlit.delta_generator as dg

    dg._use_warning_has_been_displayed = True


def warm_figures() -> None:
    """plotly loads parts of itself (trace and layout classes, its JSON encoder, the data-frame adapter) when a
    figure is first made and sent: one small ranking, turned into JSON as ``st.plotly_chart`` does, loads them."""
    import pandas as pd
    import plotly.io
    import plotly.tools

    from analysis import charts

    demo = pd.DataFrame({"region": ["甲", "乙"], "year": [2024, None], "value": [3.0, 1.0], "qualifier": ["", ""],
                         "document": ["a", "b"]})
    fig = plotly.tools.return_figure_from_figure_or_data(charts.ranking_bar(demo, "件数", "件", {}, "排名"), True)
    plotly.io.to_json(fig, validate=False)


def warm_caches() -> None:
    """The store made or brought up to date (``data.ensure_store``), then what every first page reads of
    it (the filters' options, labels, colours, the regions with documents) computed into the dashboard's
    caches: Streamlit keeps a cached function's cache for the life of the process, so its sessions find
    these filled."""
    import logging

    from dashboard import data

    if not data.ensure_store():
        return
    # "no runtime found" / "missing ScriptRunContext": true, and meant
    quiet = [logging.getLogger(n) for n in ("streamlit.runtime.caching.cache_data_api",
                                            "streamlit.runtime.scriptrunner_utils.script_run_context")]
    levels = [q.level for q in quiet]
    for q in quiet:
        q.setLevel(logging.ERROR)
    try:
        data.filter_options()
        data.colors()
        data.indicator_labels()
        data.regions_with_documents()
        data.themes()
        data.latest_of_levels(data.filter_options()["level_regions"])  # what a ranking of the latest values reads
        data.prefetch_store()  # and the pages a ranking of one year reads
    finally:
        for q, level in zip(quiet, levels):
            q.setLevel(level)


def main() -> None:
    sys.path.insert(0, str(ROOT))
    preload()
    try:
        warm_caches()
    except Exception as exc:  # the pages report a broken store in Chinese; starting must not fail on it
        print(f"warm-up skipped: {exc}", file=sys.stderr)
    import gc

    gc.collect()
    gc.freeze()  # what start-up loaded lives as long as the server: later collections leave it alone
    from dashboard import shell

    shell.install()  # the first page's HTML hints at the chart code and the app's address
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
