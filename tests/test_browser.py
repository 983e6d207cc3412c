"""A real browser (Debian's Chromium driven by Playwright) opens every page of the running app."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import ROOT, site_copy

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
    "counties": "[data-testid='stExpander']",
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    _data, _config, store = site_copy(tmp_path_factory.mktemp("browser"))
    port = _free_port()
    env = {**os.environ, "DUIBIAO_STORE": str(store)}
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
                             "--server.port", str(port), "--server.address", "127.0.0.1",
                             "--browser.gatherUsageStats", "false"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                break
        except OSError:
            time.sleep(0.25)
    else:
        proc.kill()
        pytest.fail("streamlit did not start")
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def _click_shows_sentences(page, url: str, summary: str, sentence: str) -> None:
    """Clicking a gap or a group (an expander) shows its sentences, hidden before."""
    page.goto(url)
    head = page.locator("[data-testid='stExpander'] summary", has_text=summary).first
    head.wait_for(timeout=60_000)
    text = page.get_by_text(sentence).first
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
        _click_shows_sentences(page, f"{server}/gaps?region=浙江省", "领导干部以代表身份进站履职",
                               "广西32名自治区省军级领导以人大代表身份进站履职")
        _click_shows_sentences(page, f"{server}/practice_types?region=浙江省", "多级代表混合编组",
                               "推动有关市开展五级人大代表专业混合编组试点工作")
        page.goto(f"{server}/ranking?region=浙江省&indicator=appointments&year=最新")
        page.get_by_text("导出与汇报材料").click()
        for label, check in (("数据 CSV", lambda b: b.startswith(b"\xef\xbb\xbf") and "浙江省" in b.decode("utf-8-sig")),
                             ("汇报 PPT", lambda b: b.startswith(b"PK"))):
            with page.expect_download(timeout=60_000) as info:
                page.get_by_role("button", name=label).click()
            assert check(open(info.value.path(), "rb").read()), label
        page.goto(f"{server}/?present=1&region=浙江省&indicator=appointments&year=最新")
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
        assert page.locator("[data-testid='stSidebar']").is_hidden()
        page.get_by_role("button", name="下一页 ▶").click()
        page.wait_for_timeout(1500)
        page.get_by_role("button", name="下一页 ▶").click()
        page.wait_for_selector(".slide-finding", timeout=60_000)
        assert "下降54%" in page.locator(".slide-finding").inner_text()
        assert "slide=3" in page.url
        page.screenshot(path=str(OUT / "present.png"))
        assert page.locator("[data-testid='stException']").count() == 0
        browser.close()
    assert len(list(OUT.glob("*.png"))) == len(PAGES) + 1
