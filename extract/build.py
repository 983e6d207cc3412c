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
from .limits import LimitError, printable
from .readers import SUFFIXES, ReadError, read_file
from .sources import Source
from .store import (CODE_VERSION, config_hash, config_key, extraction_tables, load_document_tables, now,
                    reusable, write_store)


@lru_cache(maxsize=4)
def _configs(config_dir: str):
    from .pipeline import load_configs

    return load_configs(Path(config_dir))


def page_progress(path):
    """Progress of a slow read (OCR), one stderr line per page: ``a.pdf: OCR 扫描件第 3/12 页``."""
    def report(done: int, total: int, what: str) -> None:
        print(f"{path}: OCR {what}第 {done}/{total} 页", file=sys.stderr, flush=True)
    return report


def extract_one(job: tuple) -> tuple[str, dict | None, str | None]:
    """Worker: (path, document id, source, config dir, key) → (document, tables or None, failure reason)."""
    path, document, source, config_dir, key = job
    from .pipeline import extract_documents

    try:
        raw, text = read_file(Path(path), progress=page_progress(path))
    except ReadError as exc:
        return document, None, str(exc)
    tables: dict[str, list] = {}
    try:
        exs = extract_documents(text, document, source, _configs(config_dir))  # several reports: name#1, name#2…
    except LimitError as exc:  # a config pattern past its time bound on this text
        return document, None, str(exc)
    for ex in exs:
        for note in ex.refused:
            print(f"{printable(path)}: {note}", file=sys.stderr)
        for table, rows in extraction_tables(ex, str(path), raw, key).items():
            tables.setdefault(table, []).extend(rows)
    return document, tables, None


def expand(paths: list[Path], archives: bool = False) -> list[Path]:
    """Files named, and supported files inside folders named (and subfolders), in a stable order.

    ``archives``: also the .zip files in folders (scan reads their members; build does not).
    """
    suffixes = SUFFIXES + ((".zip",) if archives else ())
    out = []
    for p in paths:
        try:
            is_dir = p.is_dir()
        except OSError:  # a name too long for the system …: read_file says so, the batch goes on
            is_dir = False
        if is_dir:
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in suffixes
                              and not f.name.startswith(".")))
        else:
            out.append(p)
    return out


def source_for(path: Path, sources: dict[str, Source], data_dir: Path) -> Source | None:
    """The sources.yaml entry of a file: by its path under data/, else by its file name."""
    try:
        rel = path.resolve().relative_to(data_dir.resolve()).as_posix()
        if rel in sources:
            return sources[rel]
    except ValueError:
        pass
    by_name = [s for key, s in sources.items() if Path(key).name == path.name]
    return by_name[0] if len(by_name) == 1 else None


def data_files(data_dir: Path, sources: dict[str, Source]) -> list[tuple[Path, str, Source | None]]:
    """(path, document id, sources entry) of every supported file under data/."""
    return [(p, p.resolve().relative_to(data_dir.resolve()).as_posix(), source_for(p, sources, data_dir))
            for p in expand([data_dir])]


def load_configs_and_sources(config_dir: Path, data_dir: Path):
    """Every config file and the sources entries, reporting the problems of all of them at once."""
    from .config import ConfigError
    from .gazetteer import load_gazetteer
    from .pipeline import load_configs
    from .sources import load_all_sources

    problems, configs, sources = [], None, {}
    try:
        configs = load_configs(config_dir)
    except ConfigError as exc:
        problems.extend(exc.problems)
    gaz, kinds = (configs.gazetteer, tuple(configs.documents.kinds)) if configs else (None, ())
    if gaz is None:
        try:
            gaz = load_gazetteer(config_dir / "regions.yaml")
        except ConfigError:
            pass  # already reported
    try:
        sources = load_all_sources(config_dir, data_dir, gaz, kinds)
    except ConfigError as exc:
        problems.extend(exc.problems)
    if problems:
        raise ConfigError(problems)
    return configs, sources


def rebuild(config_dir: Path, data_dir: Path, store: Path, jobs: int | None = 1) -> dict:
    """Build the store from everything under data/ (used after an upload or a deletion)."""
    _configs_loaded, sources = load_configs_and_sources(config_dir, data_dir)
    return build_store(data_files(data_dir, sources), config_dir, store, jobs)


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
    old = reusable(store)
    reuse, todo = [], []
    for path, document, source in files:
        try:
            sha = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except OSError:
            sha = None
        key = config_key(digest, source)
        if sha and old.get(document) == (sha, key):
            reuse.append(document)  # same bytes, same config, same code: copy, do not re-read
        else:
            todo.append((str(path), document, source, str(config_dir), key))
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
            print(f"{printable(path)}: {reason}", file=sys.stderr)
            failures.append({"file": document, "reason": reason})  # relative to data/: no server path shown
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
