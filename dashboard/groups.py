"""Practice types of some regions (or of the whole store), computed once per store, config and scope (cached)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from . import data


def _config_path() -> Path:
    return data.config_dir() / "practice_types.yaml"


def texts(documents) -> dict[str, str]:
    """document → normalised text, for some documents (each read once and cached)."""
    return {d: data.doc_text(d) for d in dict.fromkeys(documents)}


def _scope(regions: tuple[str, ...] | None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Sections, practices and documents of some regions, from each one's latest documents (None: the
    whole store)."""
    if regions is None:
        return data.sections(), data.practices(), data.documents()
    secs, prac = data.of_regions("sections", regions, latest=True), data.of_regions("practices", regions, latest=True)
    return secs, prac, data.documents_of(set(secs.document) | set(prac.document))


@st.cache_data(show_spinner="正在归并同类做法……", max_entries=16)
def _groups(path: str, gen: int, cfg_path: str, cfg_mtime: float, regions: tuple[str, ...] | None) -> pd.DataFrame:
    from analysis.practice_types import group_practices, statements

    secs, prac, docs = _scope(regions)
    compilations = docs[docs.kind == "compilation"].document  # only their sections are read from the text
    return group_practices(statements(secs, docs, prac, texts(compilations)), config())


def config():
    from extract.practice_types import load_practice_types

    return load_practice_types(_config_path())


def groups(regions=None) -> pd.DataFrame:
    """Practice statements of ``regions`` (default: the whole store) grouped into types
    (see analysis.practice_types.group_practices)."""
    path, cfg = data.store_path(), _config_path()
    scope = tuple(sorted(set(regions))) if regions is not None else None
    return _groups(str(path), data.current_generation(path), str(cfg), cfg.stat().st_mtime if cfg.exists() else 0.0, scope)


def region_texts(region: str) -> list[str]:
    """The parts of the region's latest documents that speak for it (plans left out)."""
    from analysis.practice_types import region_texts as texts_of

    secs = data.of_regions("sections", [region], latest=True)
    return texts_of(secs, texts(secs.document), region)
