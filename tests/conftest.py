"""Shared fixtures: the seeds under data/, the gold file under ../shared (tests only)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "data" / "seeds"
GOLD = ROOT.parent / "shared" / "gold" / "seeds.yaml"

sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def gold() -> dict:
    assert GOLD.exists(), f"gold file missing: {GOLD}"
    return yaml.safe_load(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_extractions() -> dict:
    from extract.cli import source_for
    from extract.pipeline import default_configs, extract_file
    from extract.sources import load_sources

    configs = default_configs()
    sources = load_sources(gaz=configs.gazetteer)
    return {p.name: extract_file(p, p.name, source_for(p, sources, ROOT / "data"), configs)
            for p in sorted(SEEDS.glob("*.txt"))}


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extract", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


def site_copy(tmp_path: Path, extra: dict[str, str] | None = None) -> tuple[Path, Path, Path]:
    """A private data/ (the seeds, plus ``extra`` files by name), config/ and a built store,
    so that a test may change them."""
    import shutil

    from extract.build import rebuild

    data = tmp_path / "data"
    shutil.copytree(SEEDS, data / "seeds")
    for name, text in (extra or {}).items():
        (data / name).write_text(text, encoding="utf-8")
    config = tmp_path / "config"
    shutil.copytree(ROOT / "config", config)
    store = tmp_path / "store.sqlite"
    rebuild(config, data, store)
    return data, config, store


def app_opener(store, monkeypatch, timeout: int = 180):
    """A function that opens the dashboard (optionally one page, with URL parameters) on ``store``
    through Streamlit's AppTest and checks that it raised nothing."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("DUIBIAO_STORE", str(store))

    def make(page: str | None = None, **params):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
        for k, v in params.items():
            at.query_params[k] = v
        at.run()
        if page:
            at.switch_page(f"views/{page}.py").run()
        assert not at.exception, [e.value for e in at.exception]
        return at
    return make


def page_texts(at) -> str:
    """Every piece of text an AppTest page shows: markdown, captions, titles, alerts, expanders, headers."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [t.value for t in at.title]
    parts += [w.value for w in at.warning] + [i.value for i in at.info] + [e.label for e in at.expander]
    parts += [h.value for h in at.header] + [h.value for h in at.subheader]
    return "\n".join(str(p) for p in parts)


def scan_rows(output: str) -> list[dict]:
    """The rows of ``scan``'s CSV output without their document name (to compare formats of one report)."""
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(output)))
    for r in rows:
        r.pop("document")
    return rows


@pytest.fixture(scope="module")
def original_rows():
    """The rows of seed 000 as plain text: what every other format of it must give."""
    out = run_cli("scan", str(SEEDS / "000_d6ebec99ba972d28.txt"))
    assert out.returncode == 0, out.stderr
    rows = scan_rows(out.stdout)
    assert len(rows) >= 15
    return rows


def open_store(path):
    """The store read as the dashboard reads it (its views need ``evidence_text``), rows as plain tuples."""
    from extract.store import connect

    con = connect(path)
    con.row_factory = None
    return con


def store_rows(path, sql: str, *params) -> list[tuple]:
    """The rows of one query on the store (read as the dashboard reads it)."""
    con = open_store(path)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()
