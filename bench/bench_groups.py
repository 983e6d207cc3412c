"""Time the practice-type grouping (TF-IDF + sparse cosine + union-find) on the seeds' statements repeated N times.

    python bench/bench_groups.py [--times 20]
"""
import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.practice_types import group_practices, statements  # noqa: E402
from extract.build import rebuild  # noqa: E402
from extract.practice_types import load_practice_types  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("--times", type=int, default=20)
args = parser.parse_args()
with tempfile.TemporaryDirectory() as tmp:
    store = Path(tmp) / "s.sqlite"
    rebuild(ROOT / "config", ROOT / "data", store)
    con = sqlite3.connect(store)
    t = {n: pd.read_sql_query(f"SELECT * FROM {n}", con) for n in ("sections", "documents", "practices")}
    con.close()
st = statements(t["sections"], t["documents"], t["practices"], dict(zip(t["documents"].document, t["documents"].text)))
big = pd.concat([st.assign(region=st.region + f"#{i}") for i in range(args.times)], ignore_index=True)
cfg = load_practice_types()
for name, frame in (("seeds", st), (f"seeds x{args.times}", big)):
    t0 = time.perf_counter()
    g = group_practices(frame, cfg)
    print(f"{name}: {len(frame)} statements -> {g.group.nunique()} groups in {time.perf_counter() - t0:.2f} s")
