"""对标 Duibiao dashboard (placeholder page until the dashboard issue).

Reads only the store written by ``python -m extract build``; builds it first if
it is missing.  Never parses documents itself.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import streamlit as st

from extract.store import STORE_PATH, query

st.set_page_config(page_title="对标 Duibiao", layout="wide")


def ensure_store(path: Path = STORE_PATH) -> None:
    if not path.exists():
        subprocess.run([sys.executable, "-m", "extract", "build"], check=False,
                       cwd=Path(__file__).resolve().parent)


@st.cache_data
def load_rows(path: str, mtime: float) -> pd.DataFrame:
    return pd.DataFrame(query(Path(path), "SELECT * FROM rows"))


ensure_store()
st.title("对标 · 人大工作指标")
if not STORE_PATH.exists():
    st.error("数据库尚未生成，请运行 python -m extract build")
    st.stop()
rows = load_rows(str(STORE_PATH), STORE_PATH.stat().st_mtime)
totals = rows[rows["scope"] == "total"]
st.caption(f"共 {rows['document'].nunique()} 个文档，{len(rows)} 条指标记录（其中年度总数 {len(totals)} 条）")
table = totals.pivot_table(index=["region", "year"], columns="label", values="value", aggfunc="first")
st.dataframe(table, width="stretch")
st.subheader("原文依据")
st.dataframe(totals[["region", "year", "label", "value", "qualifier", "unit", "evidence", "document"]],
             width="stretch", hide_index=True)
