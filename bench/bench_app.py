"""Benchmark: the dashboard on a generated store of 10,000 documents (Streamlit AppTest, server time).

Usage: python bench/bench_app.py [--documents 10000]
The seeds are extracted once; their tables are copied under other regions and
years (same-level regions from the gazetteer) until the store holds the
requested number of documents. Prints the cold start (first page with its
chart) and the server time of a filter change.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.build import build_store, cross_tables  # noqa: E402
from extract.config import CONFIG_DIR  # noqa: E402
from extract.gazetteer import default_gazetteer  # noqa: E402
from extract.store import load_document_tables, now, write_store  # noqa: E402


def generate(store: Path, n_docs: int, tmp: Path) -> None:
    data = tmp / "data"
    shutil.copytree(ROOT / "data" / "seeds", data)
    seed_store = tmp / "seed.sqlite"
    files = [(p, p.name, None) for p in sorted(data.glob("*.txt"))]
    build_store(files, CONFIG_DIR, seed_store, 1)
    seeds = load_document_tables(seed_store, [p.name for p, _, _ in files])
    by_level: dict[str, list[str]] = {}
    for r in default_gazetteer().regions:
        by_level.setdefault(r.level, []).append(r.name)
    rng = random.Random(1)
    per_document = []
    templates = list(seeds.values())
    for i in range(n_docs):
        t = templates[i % len(templates)]
        doc = f"gen/{i:05d}.txt"
        shift = rng.randint(-3, 2)
        renamed: dict[str, str] = {}

        def region_of(name, level):
            if not name:
                return name
            if name not in renamed:
                renamed[name] = rng.choice(by_level.get(level or "county", by_level["county"]))
            return renamed[name]

        out = {}
        for table, rows in t.items():
            copied = []
            for r in rows:
                r = dict(r, document=doc)
                if "region" in r:
                    r["region"] = region_of(r["region"], r.get("level"))
                for key in ("year", "work_year"):
                    if r.get(key) is not None:
                        r[key] = int(r[key]) + shift
                if "value" in r and r.get("value") is not None and table == "rows":
                    r["value"] = round(r["value"] * rng.uniform(0.5, 1.6)) if r["category"] != "主题" else r["value"]
                copied.append(r)
            out[table] = copied
        per_document.append(out)
    cross = cross_tables(per_document)
    write_store(store, per_document, cross, {"built_at": now(), "config_hash": "bench", "code_version": "bench",
                                              "documents": n_docs, "rows": sum(len(t["rows"]) for t in per_document),
                                              "extracted": 0, "reused": 0})


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--documents", type=int, default=10_000)
    ap.add_argument("--changes", type=int, default=5)
    args = ap.parse_args()
    from streamlit.testing.v1 import AppTest

    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        store = tmp / "store.sqlite"
        t = time.perf_counter()
        generate(store, args.documents, tmp)
        print(f"generated store: {args.documents} documents, {store.stat().st_size / 1e6:.0f} MB, "
              f"{time.perf_counter() - t:.1f} s")
        os.environ["DUIBIAO_STORE"] = str(store)
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        at.query_params["indicator"] = "suggestions"
        t = time.perf_counter()
        at.run()
        at.switch_page("views/ranking.py").run()
        cold = time.perf_counter() - t
        assert not at.exception and at.get("plotly_chart"), at.exception
        print(f"cold start to first chart (排名, server time): {cold:.2f} s")
        times = []
        options = ["appointments", "motions", "laws_enacted", "suggestions", "reports_reviewed"]
        for i in range(args.changes):
            t = time.perf_counter()
            at.selectbox(key="indicator").select(options[i % len(options)]).run()
            times.append(time.perf_counter() - t)
            assert not at.exception
        print(f"filter change (指标), server time: median {statistics.median(times) * 1000:.0f} ms, "
              f"max {max(times) * 1000:.0f} ms over {len(times)} changes")


if __name__ == "__main__":
    main()
