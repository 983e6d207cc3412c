"""Reading the store for the dashboard, cached with ``st.cache_data``.

Every loader takes the store's path and its generation (a counter that every
commit to the store increments), so a rebuilt document invalidates the cache by itself.  The dashboard never parses documents.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import streamlit as st

from extract.config import CONFIG_DIR
from extract.store import DATA_DIR, STORE_PATH, connect, document_text, generation

ROOT = Path(__file__).resolve().parent.parent


def store_path() -> Path:
    return Path(os.environ.get("DUIBIAO_STORE", STORE_PATH))


def data_dir() -> Path:
    return Path(os.environ.get("DUIBIAO_DATA", DATA_DIR))


def config_dir() -> Path:
    return Path(os.environ.get("DUIBIAO_CONFIG", CONFIG_DIR))


def ensure_store() -> bool:
    """Build the store from the bundled data if it is missing; True when a store is there."""
    path = store_path()
    if not path.exists():
        subprocess.run([sys.executable, "-m", "extract", "--config", str(config_dir()), "--data", str(data_dir()),
                        "build", "--store", str(path)], cwd=ROOT, check=False, capture_output=True)
    return path.exists()


def _key() -> tuple[str, int]:
    path = store_path()
    return str(path), generation(path)


@st.cache_data(show_spinner=False, max_entries=8)
def _table(path: str, gen: int, sql: str) -> pd.DataFrame:
    con = connect(Path(path))
    try:
        return pd.read_sql_query(sql, con)
    finally:
        con.close()


def table(sql: str) -> pd.DataFrame:
    return _table(*_key(), sql)


def headline() -> pd.DataFrame:
    return table("SELECT * FROM headline")


def documents() -> pd.DataFrame:
    return table("SELECT document, file, kind, region, level, report_date, work_year, title, meta_source,"
                 " chars FROM documents ORDER BY document")


def regions_with_documents() -> pd.DataFrame:
    """Every (region, level) that some document speaks for: who could have a value."""
    return table("SELECT DISTINCT region, level FROM sections WHERE region IS NOT NULL AND plan = 0")


def practices() -> pd.DataFrame:
    return table("SELECT * FROM practices")


def changes() -> pd.DataFrame:
    return table("SELECT * FROM changes")


@st.cache_data(show_spinner=False, max_entries=64)
def _doc_text(path: str, gen: int, document: str) -> str:
    con = connect(Path(path))
    try:
        return document_text(con, document)
    finally:
        con.close()


def doc_text(document: str) -> str:
    return _doc_text(*_key(), document)


@st.cache_data(show_spinner=False, max_entries=64)
def _query(path: str, gen: int, sql: str, params: tuple) -> pd.DataFrame:
    con = connect(Path(path))
    try:
        return pd.read_sql_query(sql, con, params=params)
    finally:
        con.close()


def query(sql: str, *params) -> pd.DataFrame:
    return _query(*_key(), sql, tuple(params))


def indicator_labels() -> dict[str, str]:
    h = headline()
    return dict(zip(h.indicator, h.label))


def themes() -> list[str]:
    return table("SELECT DISTINCT theme FROM practices WHERE theme IS NOT NULL ORDER BY theme").theme.tolist()


@st.cache_data(show_spinner=False, max_entries=4)
def _filter_options(path: str, gen: int) -> dict:
    """Everything the shared filters offer, computed once per store."""
    h = _table(path, gen, "SELECT * FROM headline")
    known = _table(path, gen, "SELECT DISTINCT region, level FROM sections WHERE region IS NOT NULL AND plan = 0")
    counts = h[h.category != "主题"]
    levels_of = dict(zip(known.region, known.level))
    levels_of.update(h.drop_duplicates("region").set_index("region").level.to_dict())
    per_indicator = h.groupby(["category", "indicator", "label"]).size().reset_index(name="n")
    return {"regions": sorted(levels_of), "levels_of": levels_of,
            "by_count": counts.region.value_counts().to_dict(),
            "years": sorted({int(y) for y in h.year.dropna()}, reverse=True),
            "region_latest": h.dropna(subset=["year"]).groupby("region").year.max().astype(int).to_dict(),
            "indicators": per_indicator.to_dict("records"),
            "documents": int(_table(path, gen, "SELECT COUNT(*) AS n FROM documents").n.iloc[0]),
            "built_at": next(iter(_table(path, gen, "SELECT built_at FROM builds").built_at), "")}


def filter_options() -> dict:
    return _filter_options(*_key())


@st.cache_data(show_spinner=False, max_entries=4)
def _colors(path: str, gen: int) -> dict[str, str]:
    from analysis.queries import color_map

    return color_map(_filter_options(path, gen)["regions"])


def colors() -> dict[str, str]:
    """One colour per region of the store, the same on every page."""
    return _colors(*_key())


def frames():
    """The tables the present stage's views need, from the cached reads."""
    from present.views import Frames

    built = table("SELECT built_at FROM builds")
    return Frames(headline(), documents(), regions_with_documents(), changes(),
                  built.built_at.iloc[0] if len(built) else "")
