"""Practice types over the whole store, computed once per store and config (cached)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from . import data
from extract.store import connect, generation


def _config_path() -> Path:
    return data.config_dir() / "practice_types.yaml"


@st.cache_data(show_spinner=False, max_entries=4)
def _texts(path: str, gen: int) -> dict[str, str]:
    import zlib

    con = connect(Path(path))
    try:
        return {d: zlib.decompress(t).decode("utf-8") for d, t in con.execute("SELECT document, text FROM texts")}
    finally:
        con.close()


def texts() -> dict[str, str]:
    """document → normalised text of every document of the store."""
    path = data.store_path()
    return _texts(str(path), generation(path))


@st.cache_data(show_spinner="正在归并同类做法……", max_entries=4)
def _groups(path: str, gen: int, cfg_path: str, cfg_mtime: float) -> pd.DataFrame:
    from analysis.practice_types import group_practices, statements

    st_ = statements(data.sections(), data.documents(), data.practices(), _texts(path, gen))
    return group_practices(st_, config())


def config():
    from extract.practice_types import load_practice_types

    return load_practice_types(_config_path())


def groups() -> pd.DataFrame:
    """The store's practice statements grouped into types (see analysis.practice_types.group_practices)."""
    path, cfg = data.store_path(), _config_path()
    return _groups(str(path), generation(path), str(cfg), cfg.stat().st_mtime if cfg.exists() else 0.0)


def region_texts(region: str) -> list[str]:
    """The parts of the store's documents that speak for ``region`` (plans left out)."""
    from analysis.practice_types import region_texts as texts_of

    return texts_of(data.sections(), texts(), region)
