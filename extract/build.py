"""``python -m extract build``: data/ and config/ in, the store out, one document at a time.

A document whose file (size and modification time, else its sha256) and stage
keys are unchanged is not touched.  One whose base key (normalisation,
metadata, gazetteer, its sources entry, the code) or bytes changed is extracted
again; one whose only changed keys are of the optional stages (counts,
practices, themes) has only those stages re-run, on the normalised text and
sections kept in the store.  Workers extract in parallel; the parent writes each
result in its own transaction as it arrives, so memory does not grow with the
corpus.  Then the cross-document tables of the touched regions are recomputed.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import zlib
import os
import sys
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from functools import lru_cache
from pathlib import Path

from .limits import LimitError, printable
from .readers import SUFFIXES, ReadError, read_file
from .sources import Source
from .codes import display_names
from .stages import OPTIONAL_STAGES, document_keys, labels, stage_hashes, stale_stages
from .store import CODE_VERSION, CROSS_VERSION, DOC_TABLES, STAGES, Writer, connect, document_text, now


_LOADED: dict[str, object] = {}  # config folder → its configs, loaded once per process (forked workers inherit it)


def _configs(config_dir: str):
    from .pipeline import load_configs

    key = str(Path(config_dir))
    if key not in _LOADED:
        _LOADED[key] = load_configs(Path(config_dir))
    return _LOADED[key]


def page_progress(path):
    """Progress of a slow read (OCR), one stderr line per page: ``a.pdf: OCR 扫描件第 3/12 页``."""
    def report(done: int, total: int, what: str) -> None:
        print(f"{path}: OCR {what}第 {done}/{total} 页", file=sys.stderr, flush=True)
    return report


@lru_cache(maxsize=4)
def _resolver(config_dir: str):
    from .codes import Resolver

    resolver = Resolver(_configs(config_dir).gazetteer)
    resolver.display = {code: shown for code, _n, _l, _p, shown in display_names(resolver.gaz)}
    return resolver


def tables_of(ex, resolver=None) -> dict[str, list[dict]]:
    """An extraction as the lists the store's per-document tables are filled from (see store.DOC_TABLES);
    with a ``resolver`` (extract/codes.py), every row naming a region gets its division code."""
    rows = [r.as_dict() for r in ex.rows]
    out = {"sections": [{"document": ex.document, "idx": s.index, "title": s.title, "start": s.start, "end": s.end,
                         "region": s.region, "level": s.level, "year": s.year, "plan": int(s.plan),
                         "theme": s.theme} for s in ex.sections],
           "rows": [r for r in rows if not r["indicator"].startswith("theme:")],
           "theme_rows": [r for r in rows if r["indicator"].startswith("theme:")]}
    for t in DOC_TABLES:
        if t.source not in out:
            out[t.source] = [dict(r) for r in getattr(ex, t.source, [])]
    if resolver is not None:
        head = ex.text[:300]
        own = resolver.region(resolver.code(ex.meta.region, ex.meta.level, text=head))
        ex.meta_region_code = own.code if own else resolver.code(ex.meta.region, ex.meta.level)
        display = getattr(resolver, "display", {})
        ex.meta_region_name = display.get(ex.meta_region_code, ex.meta.region)
        cache: dict[tuple, str | None] = {}
        for table in out.values():
            for r in table:
                if r.get("region"):
                    key = (r["region"], r.get("level"))
                    if key not in cache:
                        cache[key] = resolver.code(r["region"], r.get("level"), own, head)
                    r["region_code"] = cache[key]
                    # a name that several divisions share is stored with its city: 鼓楼区（南京市）
                    r["region"] = display.get(r["region_code"], r["region"])
    return out


def _document_row(ex, source: str, path: Path, raw: bytes, keys: dict) -> dict:
    m, st = ex.meta, path.stat()
    state = {"meta": dataclasses.asdict(m), "sections": [dataclasses.asdict(s) for s in ex.sections],
             "masked": ex.masked}
    return {"document": ex.document, "source": source, "file": str(path), "sha256": hashlib.sha256(raw).hexdigest(),
            "size": st.st_size, "mtime_ns": st.st_mtime_ns, "kind": m.kind,
            "region": getattr(ex, "meta_region_name", m.region),
            "region_code": getattr(ex, "meta_region_code", None), "level": m.level,
            "report_date": m.report_date, "work_year": m.work_year, "title": m.title,
            "meta_source": json.dumps(m.source, ensure_ascii=False), "chars": len(ex.text), "ocr": int(ex.ocr),
            "state": zlib.compress(json.dumps(state, ensure_ascii=False).encode("utf-8")), "extracted_at": now(),
            **keys}


def _stored_extraction(con, document: str):
    """The base stage of a document as the store keeps it: text, metadata and sections."""
    from .metadata import DocMeta
    from .pipeline import Extraction
    from .sections import Section

    d = con.execute("SELECT state, ocr FROM documents WHERE document = ?", (document,)).fetchone()
    state = json.loads(zlib.decompress(d["state"]))
    return Extraction(document, document_text(con, document), DocMeta(**state["meta"]),
                      [Section(**s) for s in state["sections"]], ocr=bool(d["ocr"]), masked=state.get("masked"))


def extract_one(job: tuple) -> tuple:
    """Worker: a job → (path, file id, [(documents row, tables, text)], stages, failure reason).

    A job is (path, file id under data/, sources entry, config dir, stage keys, stages to run, store,
    the file's documents); stages ``None`` means a full extraction from the file (which may hold
    several reports: name#1, name#2…).
    """
    path, source_id, source, config_dir, keys, stages, store, documents = job
    from .pipeline import base_documents, run_stages

    cfg = _configs(config_dir)
    try:
        if stages is not None:
            con = connect(Path(store))
            try:
                out = []
                for document in documents:
                    ex = run_stages(_stored_extraction(con, document), cfg, stages)
                    doc = {"document": document, **{f"key_{s}": keys[f"key_{s}"] for s in stages}}
                    out.append((doc, tables_of(ex, _resolver(config_dir)), ex.text))
            finally:
                con.close()
            return path, source_id, out, stages, None
        raw, text = read_file(Path(path), progress=page_progress(path))
        out = []
        for ex in base_documents(text, source_id, source, cfg):
            run_stages(ex, cfg, OPTIONAL_STAGES)
            for note in ex.refused:
                print(f"{printable(path)}: {note}", file=sys.stderr)
            tables = tables_of(ex, _resolver(config_dir))
            out.append((_document_row(ex, source_id, Path(path), raw, keys), tables, ex.text))
        return path, source_id, out, STAGES, None
    except (ReadError, LimitError) as exc:  # unreadable, or a config pattern past its time bound
        return path, source_id, None, None, str(exc)


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
        if is_dir:  # names as strings, sorted as strings: pathlib is several times slower on 100,000 files
            out.extend(Path(f) for f in sorted(_files_under(str(p), suffixes)))
        else:
            out.append(p)
    return out


def _files_under(folder: str, suffixes: tuple[str, ...]) -> list[str]:
    """Paths of the files under a folder with one of ``suffixes``, hidden ones left out.
    ``os.scandir`` knows a file from a folder without a ``stat`` per name."""
    out, stack = [], [folder]
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:
            continue
        for e in entries:
            if e.name.startswith("."):
                continue
            try:
                if e.is_dir():
                    stack.append(e.path)
                elif e.is_file() and os.path.splitext(e.name)[1].lower() in suffixes:
                    out.append(e.path)
            except OSError:
                continue
    return out


def source_for(path: Path, sources: dict[str, Source], data_dir: Path, rel: str | None = None,
               names: dict[str, list] | None = None) -> Source | None:
    """The sources.yaml entry of a file: by its path under data/, else by its file name."""
    if rel is None:
        try:
            rel = path.resolve().relative_to(data_dir.resolve()).as_posix()
        except ValueError:
            rel = None
    return _entry(rel, path.name, sources, names if names is not None else _by_name(sources))


def _entry(rel: str | None, name: str, sources: dict[str, Source], names: dict[str, list]) -> Source | None:
    """By the path under data/, else by the file name when only one entry has that name."""
    if rel is not None and rel in sources:
        return sources[rel]
    by_name = names.get(name, [])
    return by_name[0] if len(by_name) == 1 else None


def _by_name(sources: dict[str, Source]) -> dict[str, list]:
    out: dict[str, list] = {}
    for key, s in sources.items():
        out.setdefault(Path(key).name, []).append(s)
    return out


def data_files(data_dir: Path, sources: dict[str, Source]) -> list[tuple[str, str, Source | None]]:
    """(path, document id, sources entry) of every supported file under data/; paths as strings
    (100,000 ``Path`` objects cost a third of a second that a one-document rebuild cannot spare)."""
    root = str(data_dir.resolve())
    cut, names, out = len(root) + 1, _by_name(sources), []
    for p in sorted(_files_under(root, SUFFIXES)):  # found under the resolved folder: relative by slicing
        rel = p[cut:].replace(os.sep, "/")
        out.append((p, rel, _entry(rel, os.path.basename(p), sources, names)))
    return out


def load_configs_and_sources(config_dir: Path, data_dir: Path):
    """Every config file and the sources entries, reporting the problems of all of them at once."""
    from .config import ConfigError
    from .gazetteer import load_gazetteer
    from .pipeline import load_configs
    from .sources import load_all_sources

    problems, configs, sources = [], None, {}
    try:
        configs = _LOADED[str(Path(config_dir))] = load_configs(config_dir)
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


def _sha(path: Path) -> str | None:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()


def _plan(files, known: dict, hashes: dict, writer: Writer, config_dir: Path, store: Path) -> tuple[list, int]:
    """The jobs of a build (full or partial extractions) and how many documents are left alone."""
    todo, untouched, keys_of = [], 0, {}
    for path, source_id, source in files:
        keys = keys_of.get(id(source))  # most files share one entry (none): its keys are hashed once
        if keys is None:
            keys = keys_of[id(source)] = document_keys(hashes, source)
        light = known.get(source_id, [])
        if source is None and light and all(equal for *_, equal in light) and _same_stat(path, light[0]):
            untouched += len(light)  # the common case: same bytes, same keys (compared in SQL)
            continue
        olds = writer.known_rows(source_id) if light else []
        stale = None  # None: extract everything
        if olds and all(d["key_base"] == keys["key_base"] for d in olds) and _unchanged(path, olds, writer):
            stale = tuple(dict.fromkeys(x for d in olds for x in stale_stages(d, keys)))
            if not stale:
                untouched += len(olds)
                continue
        todo.append((str(path), source_id, source, str(config_dir), keys, stale, str(store),
                     [d["document"] for d in olds]))
    return todo, untouched


def _same_stat(path: str, known: tuple) -> bool:
    """Whether a file has the size and time its stored document was read at."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    return (known[1], known[2]) == (st.st_size, st.st_mtime_ns)


def _unchanged(path, olds: list, writer: Writer) -> bool:
    """Whether a file holds the bytes its stored documents were read from (size and time, else hash)."""
    old = olds[0]
    try:
        st = os.stat(path)
    except OSError:
        return False
    if (old["size"], old["mtime_ns"]) == (st.st_size, st.st_mtime_ns):
        return True
    if old["size"] == st.st_size and _sha(path) == old["sha256"]:
        writer.update_stat([d["document"] for d in olds], st.st_size, st.st_mtime_ns)  # touched, not changed
        return True
    return False


def _results(todo: list[tuple], jobs: int):
    """Results as workers finish them; never more than a few jobs in flight per worker."""
    if len(todo) <= 1 or jobs <= 1:
        yield from map(extract_one, todo)
        return
    pending, it = set(), iter(todo)
    with ProcessPoolExecutor(max_workers=min(jobs, len(todo))) as pool:
        for job in it:
            pending.add(pool.submit(extract_one, job))
            if len(pending) >= jobs * 4:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for f in done:
                    yield f.result()
        for f in pending:
            yield f.result()


WARM_TODO = 3  # at most this many files to extract: the warm worker does them, one after another


def _warm(config_dir: str) -> None:
    """A worker's start: the configs (inherited when forked after loading them) and the segmenter's
    dictionaries, loaded by segmenting a few words."""
    from .themes import tokenize

    tokenize("人民代表大会常务委员会", _configs(config_dir).themes)


def _warm_worker(config_dir: Path, jobs: int):
    """One worker, forked now, that gets ready to extract while this process looks at every file and
    stored key (a second or so at 100,000 documents): a rebuild of one changed document then waits for
    neither.  None with one core, where the two would only take turns."""
    if jobs < 2:
        return None
    import multiprocessing

    try:
        return multiprocessing.get_context("fork").Pool(1, initializer=_warm, initargs=(str(config_dir),))
    except (OSError, ValueError):
        return None


def _bulk_min() -> int:
    """Documents to write before the reader indexes are better built after them than during."""
    return int(os.environ.get("DUIBIAO_BULK_MIN", "200"))


def build_store(files: list[tuple[Path, str, object]], config_dir: Path, store: Path,
                jobs: int | None = None) -> dict:
    """Bring the store up to date with (path, document id, source) triples; returns a summary."""
    configs = _configs(str(config_dir))
    hashes = stage_hashes(config_dir, CODE_VERSION)
    jobs = jobs or os.cpu_count() or 1
    warm = _warm_worker(config_dir, jobs)  # forked before the store is opened
    writer = Writer(store)
    try:
        writer.write_indicators(labels(configs))
        writer.write_regions(display_names(configs.gazetteer))
        known = writer.known(document_keys(hashes, None))
        if known and writer.get("cross_version") != CROSS_VERSION:
            writer.queue_all_regions()
        present = {source_id for _p, source_id, _s in files}
        deleted = sum(writer.delete_source(source_id) for source_id in sorted(set(known) - present))
        todo, untouched = _plan(files, known, hashes, writer, config_dir, store)
        bulk = len(todo) >= _bulk_min() and len(todo) >= untouched  # most of the store written anew
        if bulk:
            writer.drop_reader_indexes()
        counts = {"extracted": 0, "restaged": 0}
        failures = []
        if warm and len(todo) <= WARM_TODO:
            results = (warm.apply(extract_one, (job,)) for job in todo)
        else:
            results = _results(todo, jobs)
            if warm:
                warm.terminate()
        for path, source_id, documents, stages, reason in results:
            if reason is not None:
                print(f"{printable(path)}: {reason}", file=sys.stderr)
                failures.append({"file": source_id, "reason": reason})  # relative to data/: no server path shown
                if source_id in known:
                    writer.delete_source(source_id)
                continue
            writer.write_source(source_id, documents, stages)
            counts["restaged" if "base" not in stages else "extracted"] += len(documents)
        if bulk:
            writer.ensure_indexes()
        regions = writer.refresh_pending_regions()
        n_docs, n_rows = writer.con.execute("SELECT COUNT(*) FROM documents").fetchone()[0], writer.row_count()
        summary = {"built_at": now(), "config_hash": hashlib.sha256(json.dumps(hashes, sort_keys=True).encode())
                   .hexdigest()[:16], "code_version": CODE_VERSION, "documents": n_docs, "rows": n_rows,
                   "extracted": counts["extracted"], "reused": untouched}
        writer.finish(summary, failures)
        if bulk:
            writer.compact()
    finally:
        if warm:
            warm.terminate()
        writer.close()
    return {**summary, "restaged": counts["restaged"], "failed": len(failures), "regions": regions,
            "deleted": deleted}
