"""Benchmark: scan throughput in MB/s next to jieba.lcut on the same text, same run.

Usage: python bench/bench_scan.py [--mb 6]
The seeds are processed as separate documents, repeated until --mb of UTF-8
text; figures are single-process wall times (best of --repeat).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.counts import SentenceIndex, find_counts  # noqa: E402
from extract.normalize import normalize  # noqa: E402
from extract.pipeline import default_configs, extract_text  # noqa: E402


def corpus(mb: float) -> list[str]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "seeds").glob("*.txt"))]
    docs, size = [], 0
    while size < mb * 1_000_000:
        for s in seeds:
            docs.append(s)
            size += len(s.encode("utf-8"))
    return docs


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def bench_build(docs: list[str], repeat: int) -> dict[str, float]:
    """The full build (counts, themes, practices, terms, store) through build_store."""
    import os
    import tempfile

    from extract.build import build_store
    from extract.config import CONFIG_DIR

    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        files = []
        for i, d in enumerate(docs):
            path = data / f"doc_{i:04d}.txt"
            path.write_text(d, encoding="utf-8")
            files.append((path, path.name, None))
        cores = os.cpu_count() or 1
        for jobs, name in ((1, "build: full (counts, themes, practices, terms), 1 process"),
                           (cores, f"build: full, {cores} processes")):
            def run(jobs=jobs):
                store = Path(tmp) / "store.sqlite"
                store.unlink(missing_ok=True)
                build_store(files, CONFIG_DIR, store, jobs)
            out[name] = best_of(run, repeat)
        store = Path(tmp) / "store.sqlite"
        t = time.perf_counter()
        files[0][0].write_text(docs[0] + "\n一年来，召开常委会会议9次。", encoding="utf-8")
        summary = build_store(files, CONFIG_DIR, store, cores)
        rebuild = time.perf_counter() - t
        print(f"rebuild after one changed document: {rebuild:.2f} s "
              f"(extracted {summary['extracted']}, reused {summary['reused']})")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=6.0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    cfg = default_configs()
    docs = corpus(args.mb)
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1_000_000
    clean = [normalize(d, cfg.normalize) for d in docs]
    results = {
        "jieba.lcut (HMM on)": best_of(lambda: [jieba.lcut(d) for d in docs], 1),
        "scan: counts (normalise, metadata, sections, counts, practices)":
            best_of(lambda: [extract_text(d, "bench", None, cfg, text_stats=False) for d in docs], args.repeat),
        "scan: all stages (also themes and terms through jieba)":
            best_of(lambda: [extract_text(d, "bench", None, cfg) for d in docs], args.repeat),
        "normalise only": best_of(lambda: [normalize(d, cfg.normalize) for d in docs], args.repeat),
        "counts only (on normalised text)":
            best_of(lambda: [find_counts(c, cfg.indicators, None, SentenceIndex(c)) for c in clean], args.repeat),
    }
    results.update(bench_build(docs, args.repeat))
    jieba_rate = mb / results["jieba.lcut (HMM on)"]
    print(f"corpus: {len(docs)} documents, {mb:.2f} MB UTF-8, one process")
    print(f"{'method':62s} {'MB/s':>8s} {'× jieba':>8s}")
    for name, secs in results.items():
        rate = mb / secs
        print(f"{name:62s} {rate:8.2f} {rate / jieba_rate:8.1f}")


if __name__ == "__main__":
    main()
