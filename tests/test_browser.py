"""A real browser (Debian's Chromium driven by Playwright) opens every page of the running app."""
from __future__ import annotations

import os
import re
import shutil

import pytest

from conftest import ROOT, site_copy, open_store
from serve import streamlit_server

OUT = ROOT / "test-output" / "browser"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PAGES = {  # url path → what must render there
    "": "[data-testid='stMetric']",
    "ranking": ".js-plotly-plot .main-svg",
    "trends": ".js-plotly-plot .main-svg",
    "matrix": ".js-plotly-plot .main-svg",
    "map": ".js-plotly-plot .main-svg",
    "practices": "[data-testid='stDataFrame']",
    "changes": "[data-testid='stDataFrame']",
    "evidence": "mark",
    "documents": "[data-testid='stDataFrame']",
    "gaps": "[data-testid='stExpander']",
    "practice_types": "[data-testid='stExpander']",
    "counties": ".cc-grid details",
}


EDITOR_PASSWORD = "ceshi-mima"
# Words a Chinese reader knows as names: file formats, the map data's package, the text-weighting method.
KNOWN_WORDS = {"CSV", "Excel", "HTML", "PNG", "SVG", "PPT", "Word", "PDF", "txt", "docx", "pdf", "MB", "TF", "IDF",
               "doc", "html", "mhtml", "png", "jpg", "zip", "OCR",  # file formats the upload page names
               "cnmaps", "data"}
PATHS = re.compile(r"[\w./-]*[\w-]+\.(?:txt|docx|pdf|yaml|toml|sqlite)\b|[a-z_]+/[\w./-]+")


STORES: dict[str, object] = {}


def server_store(url: str):
    """The store a running test server reads (proper nouns of its documents may be Latin words)."""
    return str(STORES[url])


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    _data, _config, store = site_copy(tmp_path_factory.mktemp("browser"))
    with streamlit_server({"DUIBIAO_STORE": str(store), "DUIBIAO_EDITOR_PASSWORD": EDITOR_PASSWORD}) as (url, _p):
        STORES[url] = store
        yield url


def _click_shows_sentences(page, url: str, summary: str, sentence: str) -> None:
    """Clicking a gap or a group (an expander) shows its sentences, hidden before."""
    page.goto(url)
    box = page.locator("[data-testid='stExpander']", has=page.locator("summary", has_text=summary)).first
    head = box.locator("summary")
    head.wait_for(timeout=60_000)
    text = box.get_by_text(sentence).first
    assert not text.is_visible()
    head.click()
    text.wait_for(state="visible", timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0


def test_every_page_renders_in_chromium(server):
    from playwright.sync_api import sync_playwright

    assert os.path.exists(CHROMIUM), "Debian's chromium is needed: apt-get install -y chromium fonts-noto-cjk"
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        for path, selector in PAGES.items():
            page.goto(f"{server}/{path}?region=浙江省&indicator=suggestions&year=最新")
            page.wait_for_selector(selector, timeout=60_000)
            page.wait_for_timeout(500)
            page.screenshot(path=str(OUT / f"{path or 'overview'}.png"))
            assert page.locator("[data-testid='stException']").count() == 0, path
            assert "region=" in page.url, f"{path}: filters are not in the address"
        page.goto(f"{server}/ranking?region=定远县&level=county&indicator=liaison_stations&year=最新")
        page.wait_for_selector(".js-plotly-plot .bars path", timeout=60_000)
        assert page.locator("mark").first.inner_text() == "51个代表联络站"  # the top bar's evidence
        page.locator(".js-plotly-plot .bars path").nth(0).click(force=True)  # the lowest bar: 定远县
        page.wait_for_function("document.querySelector('mark') && "
                               "document.querySelector('mark').innerText.includes('22个乡镇代表联络站')", timeout=60_000)
        _click_shows_sentences(page, f"{server}/gaps?region=浙江省", "领导干部以代表身份进站履职 ——",
                               "广西32名自治区省军级领导以人大代表身份进站履职")
        _click_shows_sentences(page, f"{server}/practice_types?region=浙江省", "多级代表混合编组（",
                               "推动有关市开展五级人大代表专业混合编组试点工作")
        page.goto(f"{server}/ranking?region=浙江省&indicator=appointments&year=最新")
        page.get_by_text("导出与汇报材料").click()
        for label, check in (("数据 CSV", lambda b: b.startswith(b"\xef\xbb\xbf") and "浙江省" in b.decode("utf-8-sig")),
                             ("汇报 PPT", lambda b: b.startswith(b"PK"))):
            with page.expect_download(timeout=60_000) as info:
                page.get_by_role("button", name=label).click()
            assert check(open(info.value.path(), "rb").read()), label
        browser.close()
    assert all((OUT / f"{path or 'overview'}.png").exists() for path in PAGES)


def _english_words(text: str) -> set[str]:
    """Latin-letter words a reader sees, leaving out file names and paths (data) and known names."""
    return {w for w in re.findall(r"[A-Za-z]{2,}", PATHS.sub(" ", text)) if w not in KNOWN_WORDS}


def _visible_text(page) -> str:
    """All text on screen, including the cells of data tables (drawn on a canvas, read from their
    accessible copy) and the labels of charts."""
    return page.evaluate("""() => {
      const parts = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!el || !node.textContent.trim() || el.closest('script, style, noscript, svg')) continue;
        const style = getComputedStyle(el);
        if (style.fontFamily.includes('Material')) continue;  // an icon drawn from a ligature, not a word
        const range = document.createRange();
        range.selectNodeContents(node);
        const r = range.getBoundingClientRect();
        if (r.width > 1 && r.height > 1 && r.right > 0 && r.bottom > 0 && style.visibility !== 'hidden' && style.opacity !== '0') parts.push(node.textContent);
      }
      document.querySelectorAll('[data-testid="stDataFrame"] [role="gridcell"], [data-testid="stDataFrame"] th,'
        + ' [data-testid="stDataFrame"] [role="columnheader"], .js-plotly-plot text').forEach(e => parts.push(e.textContent));
      return parts.join('\\n');
    }""")


def test_every_page_is_in_chinese(server):
    """No English word and no `None` anywhere a reader looks, on every page and on the upload page
    once signed in (where Streamlit's own uploader text is replaced)."""
    from playwright.sync_api import sync_playwright

    pages = list(PAGES) + ["upload"]
    problems = []
    con = open_store(server_store(server))
    from extract.store import document_text

    in_data = {w for (d,) in con.execute("SELECT document FROM documents")
               for w in re.findall(r"[A-Za-z]{2,}", document_text(con, d))}
    con.close()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        for params in ("region=浙江省&indicator=laws_enacted&year=最新", "region=高县&level=county&year=最新"):
            for path in pages:
                page.goto(f"{server}/{path}?{params}")
                page.wait_for_selector("h1", timeout=60_000)
                if path == "upload":
                    page.wait_for_selector("input[type='password'], [data-testid='stFileUploaderDropzone']")
                if path == "upload" and page.get_by_label("编辑密码").count():
                    page.get_by_label("编辑密码").fill(EDITOR_PASSWORD)
                    page.get_by_role("button", name="进入编辑").click()
                    page.wait_for_selector("[data-testid='stFileUploaderDropzone']", timeout=60_000)
                idle = "!document.querySelector('[data-testid=\"stStatusWidget\"]')"
                page.wait_for_function(idle, timeout=60_000)
                page.wait_for_timeout(800)
                page.wait_for_function(idle, timeout=60_000)
                text = _visible_text(page)
                english = _english_words(text) - in_data
                if english:
                    problems.append(f"{path}?{params}: {sorted(english)}")
                if re.search(r"\bNone\b|\bnan\b|\bNaN\b", text):
                    problems.append(f"{path}?{params}: None/nan shown")
                if path == "upload":
                    assert "不超过 20 MB" in text and "选择文件" in text
        page.goto(f"{server}/?region=浙江省&year=最新")
        page.wait_for_selector("[data-testid='stMetric']", timeout=60_000)
        page.wait_for_function(idle, timeout=60_000)  # every card drawn, not only the first
        assert page.get_by_text("制定（修订）地方性法规").count() >= 1  # the text says 制定修订地方性法规10件
        assert page.get_by_text("Deploy").count() == 0
        browser.close()
    assert not problems, "\n".join(problems)


SLIDE_STATE = """() => {
  const gd = document.querySelector('.js-plotly-plot');
  let points = null;
  if (gd && gd._fullData) {
    points = 0;
    for (const t of gd._fullData) {  // plotly's decoded copy of the chart's data
      const num = v => typeof v === 'number' && !Number.isNaN(v);
      if (t.type === 'heatmap') {
        const rows = Array.from(t.text && t.text.length ? t.text : (t.z || []));
        for (const row of rows) for (const v of Array.from(row)) if (String(v ?? '').trim() && (t.text || num(v))) points++;
      } else if (t.type === 'bar') {
        for (const v of Array.from((t.orientation === 'h' ? t.x : t.y) || [])) if (num(v)) points++;
      } else if (t.type === 'scatter' && t.fill !== 'toself') {
        for (const v of Array.from(t.y || [])) if (num(v)) points++;
      }
    }
  }
  const sizes = Array.from(document.querySelectorAll('.js-plotly-plot text'))
    .filter(t => t.textContent.trim()).map(t => parseFloat(getComputedStyle(t).fontSize));
  const count = document.querySelector('.slide-count');
  return {points, minFont: sizes.length ? Math.min(...sizes) : null, counter: count ? count.innerText : '',
          finding: !!document.querySelector('.slide-finding')};
}"""


def test_presentation_walks_with_the_keyboard(server):
    """→ turns every page to the last, ← back; no chart has fewer than two values or type under 18 px;
    the page number follows in the address."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        for params in ("region=浙江省&indicator=appointments&year=最新", "region=定远县&level=county&year=最新"):
            page.goto(f"{server}/?present=1&{params}")
            page.wait_for_selector(".slide-count", timeout=60_000)
            assert page.locator("[data-testid='stSidebar']").is_hidden()
            total = int(page.locator(".slide-count").inner_text().split("/")[1].split()[0])
            assert total >= 3
            seen = []
            for n in range(1, total + 1):
                page.wait_for_function(f"document.querySelector('.slide-count') && "
                                       f"document.querySelector('.slide-count').innerText.startsWith('{n} /')",
                                       timeout=60_000)
                page.wait_for_selector(".js-plotly-plot .main-svg, .slide-finding", timeout=60_000)
                page.wait_for_function(f"location.href.includes('slide={n}')", timeout=60_000)  # the page in the URL
                page.wait_for_timeout(400)
                state = page.evaluate(SLIDE_STATE)
                if not state["finding"]:
                    assert state["points"] is not None and state["points"] >= 2, (n, state)
                    assert state["minFont"] >= 18, (n, state)
                seen.append(state["counter"])
                page.screenshot(path=str(OUT / f"present-{params[7:10]}-{n}.png"))
                if n < total:
                    page.keyboard.press("ArrowRight")
            assert "同比变化" in seen[0] or "差距分析" in seen[0]  # the most informative first
            page.keyboard.press("ArrowLeft")
            page.wait_for_function(f"document.querySelector('.slide-count').innerText.startsWith('{total - 1} /')",
                                   timeout=60_000)
            page.wait_for_function(f"location.href.includes('slide={total - 1}')", timeout=60_000)
            assert page.locator("[data-testid='stException']").count() == 0
        browser.close()


def test_first_page_fetches_chart_code_at_once_and_finds_the_app_address_without_a_probe(server, tmp_path):
    """The served shell (dashboard.shell): the chart module is requested with Streamlit's own code, before
    the page connects; a page address (/ranking) gives the app's address at once (no /ranking/_stcore/health
    probe); and under a base path (as behind a proxy) the same rule finds /duibiao/ and the chart draws."""
    from playwright.sync_api import sync_playwright

    _data, _config, store = site_copy(tmp_path)
    with streamlit_server({"DUIBIAO_STORE": str(store)}, base="duibiao") as (proxied, _p), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        for app in (server, proxied):
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            requested: list[str] = []
            page.on("request", lambda r: requested.append(r.url))
            page.goto(f"{app}/ranking?region=浙江省&indicator=suggestions&year=最新")
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
            assert page.locator("[data-testid='stException']").count() == 0
            assert page.evaluate("window.__streamlit.BACKEND_BASE_URL") == app + "/"
            assert not [u for u in requested if "/ranking/_stcore/" in u], requested
            chart = next(i for i, u in enumerate(requested) if "/static/js/PlotlyChart." in u)
            health = next(i for i, u in enumerate(requested) if u.endswith("/_stcore/health"))
            assert chart < health, requested
            page.close()
        browser.close()
