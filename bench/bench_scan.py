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
        "scan: full pipeline (normalise, metadata, sections, counts)":
            best_of(lambda: [extract_text(d, "bench", None, cfg) for d in docs], args.repeat),
        "normalise only": best_of(lambda: [normalize(d, cfg.normalize) for d in docs], args.repeat),
        "counts only (on normalised text)":
            best_of(lambda: [find_counts(c, cfg.indicators, None, SentenceIndex(c)) for c in clean], args.repeat),
    }
    jieba_rate = mb / results["jieba.lcut (HMM on)"]
    print(f"corpus: {len(docs)} documents, {mb:.2f} MB UTF-8, one process")
    print(f"{'method':62s} {'MB/s':>8s} {'× jieba':>8s}")
    for name, secs in results.items():
        rate = mb / secs
        print(f"{name:62s} {rate:8.2f} {rate / jieba_rate:8.1f}")


if __name__ == "__main__":
    main()
