"""``python -m extract build``: data/ and config/ in, the store out.

Documents unchanged since the last build (same bytes, config and code) are
copied from the old store; the others are extracted, in parallel across cores.
"""
from __future__ import annotations

import hashlib
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path

from . import compare
from .readers import ReadError, read_bytes
from .store import (CODE_VERSION, config_hash, extraction_tables, load_document_tables, now, reusable,
                    write_store)


@lru_cache(maxsize=4)
def _configs(config_dir: str):
    from .pipeline import load_configs

    return load_configs(Path(config_dir))


def extract_one(job: tuple) -> tuple[str, dict | None, str | None]:
    """Worker: (path, document id, source, config dir) → (document, tables or None, failure reason)."""
    path, document, source, config_dir = job
    from .pipeline import extract_text

    try:
        raw = Path(path).read_bytes()
        text = read_bytes(raw, Path(path).name)
    except ReadError as exc:
        return document, None, str(exc)
    except OSError as exc:
        return document, None, f"无法读取文件（{exc.strerror or exc}）"
    ex = extract_text(text, document, source, _configs(config_dir))
    return document, extraction_tables(ex, str(path), raw), None


def cross_tables(per_document: list[dict]) -> dict[str, list[dict]]:
    rows = [r for t in per_document for r in t["rows"]]
    documents = [d for t in per_document for d in t["documents"]]
    practices = [p for t in per_document for p in t["practices"]]
    laws = [x for t in per_document for x in t["laws"]]
    return {"headline": list(compare.headline_values(rows, documents).values()),
            "changes": compare.indicator_changes(rows, documents),
            "practice_changes": compare.practice_changes(practices),
            "plan_status": compare.plan_status(laws, documents)}


def build_store(files: list[tuple[Path, str, object]], config_dir: Path, store: Path,
                jobs: int | None = None) -> dict:
    """Build the store from (path, document id, source) triples; returns a summary."""
    digest = config_hash(config_dir)
    old = reusable(store, digest)
    reuse, todo = [], []
    for path, document, source in files:
        try:
            sha = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except OSError:
            sha = None
        if sha and old.get(document) == sha:
            reuse.append(document)
        else:
            todo.append((str(path), document, source, str(config_dir)))
    per_document = list(load_document_tables(store, reuse).values()) if reuse else []
    failures = []
    jobs = jobs or os.cpu_count() or 1
    if len(todo) > 1 and jobs > 1:
        with ProcessPoolExecutor(max_workers=min(jobs, len(todo))) as pool:
            results = list(pool.map(extract_one, todo, chunksize=max(1, len(todo) // (jobs * 4))))
    else:
        results = [extract_one(job) for job in todo]
    for (path, *_rest), (document, tables, reason) in zip(todo, results):
        if tables is None:
            print(f"{path}: {reason}", file=sys.stderr)
            failures.append({"file": path, "reason": reason})
        else:
            per_document.append(tables)
    per_document.sort(key=lambda t: t["documents"][0]["document"])
    cross = cross_tables(per_document)
    cross["failures"] = failures
    n_rows = sum(len(t["rows"]) for t in per_document)
    summary = {"built_at": now(), "config_hash": digest, "code_version": CODE_VERSION,
               "documents": len(per_document), "rows": n_rows, "extracted": len(todo) - len(failures),
               "reused": len(reuse)}
    write_store(store, per_document, cross, summary)
    summary["failed"] = len(failures)
    return summary
