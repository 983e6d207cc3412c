"""Benchmark at scale: generate a corpus, build it, rebuild it after edits, open every page in Chromium.

Usage: python bench/bench_scale.py [N] [--jobs 1,2] [--edits label,pattern,stoplist] [--no-browser]
       [--keep DIR [--browser-only]]

The corpus is made from the bundled seeds: each generated document takes a seed,
moves it to a region drawn from the whole gazetteer (annual reports) and to a
work year in 1996–2025, varies its numbers and drops some of its paragraphs.
Printed (all measured in this run): build MB/s against ``jieba.lcut`` on the same
texts, peak memory of the build (the sum over its processes), store size against
the input, the rebuild time after one changed document and after config edits,
and in Chromium through Playwright: the first chart, every page's load (first and
second visit), the time a change of indicator, work year or region takes to redraw
the ranking, and Streamlit's memory.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
from serve import streamlit_server  # noqa: E402  (the browser tests start the dashboard the same way)
PY = sys.executable
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SEEDS = sorted((ROOT / "data" / "seeds").glob("*.txt"))
REPORTS = {"000_d6ebec99ba972d28.txt": ("浙江省", "浙江", 2025), "001_8918d32ee0bb7af5.txt": ("浙江省", "浙江", 2023)}
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=\s*(?:年|-))")
_COUNT = re.compile(r"(?<![\d.])(\d{1,4})(?=(?:件|人次|次|个|项|名|部|家|条|场|万))")


# ----------------------------------------------------------------------------------------- corpus


def generate(data: Path, n: int, seed: int = 1) -> int:
    """n documents under data/gen/; returns their total bytes."""
    from extract.gazetteer import default_gazetteer

    regions = [r for r in default_gazetteer().regions if r.code]
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS}
    others = [name for name in texts if name not in REPORTS]
    rng, total = random.Random(seed), 0
    for i in range(n):
        name = rng.choice(list(REPORTS)) if rng.random() < 0.8 else rng.choice(others)
        text = texts[name]
        if name in REPORTS:
            full, short, work_year = REPORTS[name]
            region = rng.choice(regions)
            text = text.replace(full, region.name).replace(short, region.short or region.name)
            delta = rng.randint(1996, 2025) - work_year
        else:
            delta = -rng.randint(0, 20)
        text = _YEAR.sub(lambda m: str(int(m.group(1)) + delta), text)
        text = _COUNT.sub(lambda m: str(max(1, round(int(m.group(1)) * rng.uniform(0.5, 1.6)))), text)
        lines = text.split("\n")
        kept = lines[:12] + [ln for ln in lines[12:] if rng.random() > 0.15]
        path = data / "gen" / f"{i // 1000:03d}" / f"{i:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        raw = "\n".join(kept).encode("utf-8")
        path.write_bytes(raw)
        total += len(raw)
    return total


# ----------------------------------------------------------------------------------------- measuring


def _tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def run_measured(cmd: list[str], env: dict | None = None) -> tuple[float, int, str]:
    """(seconds, peak memory of the process tree in bytes, stderr)."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak, err = 0, []
    reader = threading.Thread(target=lambda: err.append(proc.stderr.read()), daemon=True)
    reader.start()
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.2)
    reader.join()
    return time.perf_counter() - t, peak, "".join(err).strip()


JIEBA = """
import sys, time
t0 = time.perf_counter()
import jieba
jieba.initialize()
paths = sys.argv[1:]
t1 = time.perf_counter()
n = 0
for p in paths:
    text = open(p, encoding="utf-8").read()
    n += len(text.encode("utf-8"))
    jieba.lcut(text)
t2 = time.perf_counter()
print(n, t2 - t0, t2 - t1)
"""


def jieba_rate(files: list[Path], mb: float) -> tuple[float, float, float]:
    """jieba.lcut over the first ``mb`` MB of the corpus: (MB, MB/s whole process, MB/s lcut only)."""
    chosen, size = [], 0
    for f in files:
        chosen.append(str(f))
        size += f.stat().st_size
        if size >= mb * 1e6:
            break
    out = subprocess.run([PY, "-c", JIEBA, *chosen], capture_output=True, text=True, check=True).stdout.split()
    n, whole, lcut = int(out[0]), float(out[1]), float(out[2])
    return n / 1e6, n / 1e6 / whole, n / 1e6 / lcut


def build(data: Path, config: Path, store: Path, jobs: int) -> tuple[float, int, str]:
    return run_measured([PY, "-m", "extract", "--config", str(config), "--data", str(data), "build", "--store",
                         str(store), "--jobs", str(jobs)])


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS = {  # name → (file, old, new, what it should re-run)
    "label": ("indicators.yaml", "label: 制定地方性法规", "label: 制定的地方性法规", "nothing"),
    "pattern": ("grammar.yaml", "appoint: [任免, 任命, 依法任免, 决定任免, 免去]",
                "appoint: [任免, 任命, 依法任免, 决定任免, 免去, 任用]", "counts"),
    "stoplist": ("terms.yaml", "stopwords: [", "stopwords: [示范区, ", "themes and terms"),
}


# ----------------------------------------------------------------------------------------- browser

PAGES = {"overview": "[data-testid='stMetric']", "ranking": ".js-plotly-plot .main-svg",
         "trends": ".js-plotly-plot .main-svg", "matrix": ".js-plotly-plot .main-svg",
         "map": ".js-plotly-plot .main-svg", "gaps": ".js-plotly-plot .main-svg, [data-testid='stDataFrame'], [data-testid='stAlert'], [data-testid='stMetric']", "practice_types": ".js-plotly-plot .main-svg, [data-testid='stDataFrame'], [data-testid='stAlert'], [data-testid='stMetric']", "counties": ".cc-grid details, [data-testid='stAlert']",
         "practices": "[data-testid='stDataFrame']",
         "changes": "[data-testid='stMarkdown']", "evidence": "mark", "documents": "[data-testid='stDataFrame']"}


TITLES = {"overview": "总览", "ranking": "排名", "trends": "趋势", "matrix": "对标矩阵", "map": "地图",
          "gaps": "对标差距", "practice_types": "同类做法", "counties": "市县对比", "practices": "做法库", "changes": "变化", "evidence": "证据", "documents": "文档"}


def _idle(page) -> None:
    """Streamlit has finished the script run (its running indicator is gone)."""
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=300_000)


def _pick(page, name: str, text: str) -> float:
    """Type ``text`` into the sidebar's ``name`` picker and choose the first match; the time of Enter."""
    page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").filter(has_text=name).first.click()
    page.keyboard.type(text)
    t = time.perf_counter()
    page.keyboard.press("Enter")
    return t


def _until(page, selector: str, text: str) -> None:
    """Wait until an element of ``selector`` contains ``text`` (the chart redrawn for a new filter)."""
    page.wait_for_function("([s, l]) => [...document.querySelectorAll(s)].some(e => e.textContent.includes(l))",
                           arg=[selector, text], timeout=300_000)


def browser(store: Path, data: Path, config: Path, region: str, labels: list[str], years: list[str],
            peers: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    env = {"DUIBIAO_STORE": str(store), "DUIBIAO_DATA": str(data), "DUIBIAO_CONFIG": str(config)}
    with streamlit_server(env) as (url, proc), sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = b.new_page(viewport={"width": 1400, "height": 1000})
        query = f"?region={region}&indicator=suggestions&year=最新"
        t = time.perf_counter()
        page.goto(f"{url}/ranking{query}")
        page.wait_for_selector(PAGES["ranking"], timeout=300_000)
        print(f"first chart (排名, cold server, new session): {time.perf_counter() - t:.2f} s")
        _idle(page)
        times = []
        for path, selector in PAGES.items():  # each page opened from its address: a new session
            t = time.perf_counter()
            page.goto(f"{url}/{path}{query}")
            page.wait_for_selector(selector, timeout=300_000)
            _idle(page)
            times.append((path, time.perf_counter() - t))
        print("page loads from the address bar, new session each (s): "
              + ", ".join(f"{p} {s:.2f}" for p, s in times))
        for visit in ("first", "second"):  # in-app navigation, as a user clicks through the sidebar
            times = []
            for path, selector in PAGES.items():
                title = TITLES[path]
                t = time.perf_counter()
                page.locator("[data-testid='stSidebarNav']").get_by_role("link", name=title, exact=True).click()
                page.wait_for_function("t => [...document.querySelectorAll('h1')].some(e => e.textContent"
                                       ".startsWith(t))", arg=title, timeout=300_000)
                page.wait_for_selector(selector, timeout=300_000)
                _idle(page)
                times.append((path, time.perf_counter() - t))
            print(f"page loads by sidebar navigation, {visit} visit in the session (s): "
                  + ", ".join(f"{p} {s:.2f}" for p, s in times))
        page.goto(f"{url}/ranking{query}")
        page.wait_for_selector(PAGES["ranking"], timeout=300_000)
        _idle(page)
        changes = []
        for label in labels:
            t = _pick(page, "指标", label)
            _until(page, ".gtitle", label)
            changes.append(time.perf_counter() - t)
            _idle(page)
        print("indicator change to redrawn ranking (ms): " + ", ".join(f"{c * 1000:.0f}" for c in changes))
        page.goto(f"{url}/ranking{query}")  # a new session again: each first change of a filter
        page.wait_for_selector(PAGES["ranking"], timeout=300_000)
        _idle(page)
        for name, values, where, shown in (
                ("工作年度", years, ".gtitle", lambda y: "各地区最新年度" if y == "最新" else f"{y} 年"),
                ("地区", peers, ".ytick text", lambda r: r + "（")):  # the chosen region's bar: "名称（年度）"
            changes = []
            for value in values:
                t = _pick(page, name, value)
                _until(page, where, shown(value))
                changes.append(time.perf_counter() - t)
                _idle(page)
            print(f"{name} change to redrawn ranking ({', '.join(values)}; ms): "
                  + ", ".join(f"{c * 1000:.0f}" for c in changes))
        print(f"streamlit memory after visiting every page: {_tree_rss(proc.pid) / 1e6:.0f} MB")
        b.close()


# ----------------------------------------------------------------------------------------- main


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int, nargs="?", default=100_000, help="documents to generate")
    ap.add_argument("--jobs", default="2", help="comma-separated worker counts to build with, e.g. 1,2")
    ap.add_argument("--edits", default="label,pattern,stoplist")
    ap.add_argument("--jieba-mb", type=float, default=5.0, help="MB of the corpus that jieba.lcut is timed on")
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--keep", type=Path, help="work in this folder and keep it")
    ap.add_argument("--browser-only", action="store_true", help="only the browser part, on the store kept in --keep")
    args = ap.parse_args()
    tmp = args.keep or Path(tempfile.mkdtemp(prefix="duibiao-bench-"))
    try:
        run(args, tmp)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


def run(args, tmp: Path) -> None:
    data, config = tmp / "data", tmp / "config"
    if args.browser_only:
        return open_pages(tmp / "store.sqlite", data, config)
    if config.exists():
        shutil.rmtree(config)
    shutil.copytree(ROOT / "config", config)
    (config / "sources.yaml").write_text("documents: []\n", encoding="utf-8")
    t = time.perf_counter()
    if data.exists():
        shutil.rmtree(data)
    size = generate(data, args.n)
    files = sorted((data / "gen").rglob("*.txt"))
    print(f"corpus: {args.n} documents, {size / 1e6:.1f} MB, generated in {time.perf_counter() - t:.1f} s")
    mb, whole, lcut = jieba_rate(files, args.jieba_mb)
    print(f"jieba.lcut on {mb:.1f} MB of it, one process: {whole:.2f} MB/s whole process, {lcut:.2f} MB/s lcut only")
    store = tmp / "store.sqlite"
    for jobs in [int(j) for j in args.jobs.split(",")]:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{store}{suffix}").unlink(missing_ok=True)
        secs, peak, err = build(data, config, store, jobs)
        rate = size / 1e6 / secs
        print(f"full build, {jobs} process(es): {secs:.1f} s, {rate:.2f} MB/s = {rate / whole:.2f}× jieba.lcut "
              f"(whole process), peak memory {peak / 1e6:.0f} MB")
        print(f"  {err.splitlines()[-1] if err else ''}")
    store_size = sum(Path(f"{store}{s}").stat().st_size for s in ("", "-wal", "-shm") if Path(f"{store}{s}").exists())
    print(f"store: {store_size / 1e6:.1f} MB = {store_size / size:.2f}× the input")
    secs, peak, err = build(data, config, store, 2)
    print(f"rebuild, nothing changed: {secs:.2f} s")
    victim = files[len(files) // 2]
    victim.write_text(victim.read_text(encoding="utf-8") + "\n一年来，共召开常委会会议9次。\n", encoding="utf-8")
    secs, peak, err = build(data, config, store, 2)
    print(f"rebuild, one document changed: {secs:.2f} s, peak memory {peak / 1e6:.0f} MB ({err.splitlines()[-1]})")
    for name in [e for e in args.edits.split(",") if e]:
        file, old, new, what = EDITS[name]
        _edit(config / file, old, new)
        secs, peak, err = build(data, config, store, 2)
        print(f"rebuild after a {name} edit ({file}; re-runs {what}): {secs:.2f} s, peak memory {peak / 1e6:.0f} MB "
              f"({err.splitlines()[-1]})")
    if not args.no_browser:
        open_pages(store, data, config)


def open_pages(store: Path, data: Path, config: Path) -> None:
    """The browser part: the region with most headline values, the three most common indicators (by the
    labels the dashboard shows, which follow the sources' verbs)."""
    from analysis.labels import faithful_labels
    from extract.store import connect

    con = connect(store)
    region = con.execute("SELECT region FROM region_indicators GROUP BY region ORDER BY sum(n) DESC").fetchone()[0]
    shown = faithful_labels(con)
    labels = [shown.get(ind, label) for ind, label in con.execute(
        "SELECT h.indicator, i.label FROM region_indicators h JOIN indicators i USING (indicator) "
        "WHERE i.category != '主题' AND h.indicator != 'suggestions' GROUP BY h.indicator ORDER BY sum(n) DESC LIMIT 3")]
    code, level = con.execute("SELECT region_code, level FROM region_indicators WHERE region = ? LIMIT 1",
                              (region,)).fetchone()
    years = [str(y) for (y,) in con.execute(
        "SELECT year FROM headline_values WHERE indicator = 'suggestions' AND level = ? AND year IS NOT NULL "
        "GROUP BY year ORDER BY count(*) DESC LIMIT 2", (level,))] + ["最新"]
    prefix = "" if level == "province" else code[:4]  # peers its 地区 picker lists: same city (or provinces)
    peers = [r for (r,) in con.execute(
        "SELECT region FROM region_indicators WHERE indicator = 'suggestions' AND level = ? AND region != ? "
        "AND region_code LIKE ? AND latest IS NOT NULL ORDER BY region_code LIMIT 3", (level, region, prefix + "%"))]
    con.close()
    browser(store, data, config, region, labels, years, peers)


if __name__ == "__main__":
    main()
