"""The app keeps serving through bad input (issue 10): the upload page, the password, the 文档 and 证据 pages."""
from __future__ import annotations


import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT, site_copy
from serve import streamlit_server
from test_hardening import REPORT, snapshot

TITLE = "青田县工作报告 :red[撤回] ![t](http://127.0.0.1:9/x) $x$"  # short: a title line


@pytest.fixture
def site(tmp_path, monkeypatch):
    data, config, store = site_copy(tmp_path, {"空文件.txt": ""})
    for k, v in {"DUIBIAO_DATA": data, "DUIBIAO_CONFIG": config, "DUIBIAO_STORE": store}.items():
        monkeypatch.setenv(k, str(v))
    monkeypatch.setenv("DUIBIAO_EDITOR_PASSWORD", "pw")
    from dashboard import access

    access.reset_attempts()
    yield data, store
    access.reset_attempts()


def _page(page: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _login(at: AppTest, password: str = "pw") -> None:
    at.text_input(key="editor_password_input").input(password).run()
    at.button(key="login").click().run()


def test_bad_fields_are_refused_on_the_page_and_a_chinese_date_is_saved(site):
    data, store = site
    log = data / "uploads" / "changes.jsonl"
    log.parent.mkdir()
    log.write_text('{"time": "2026-01-01T00:00:00", "action": "add", "document": "uploads/old.txt"}\n{"time": "20',
                   encoding="utf-8")
    at = _page("views/upload.py")
    _login(at)
    assert not at.exception
    name = "青" * 300 + "_**粗体** :red[红].txt"
    at.get("file_uploader")[0].set_value((name, REPORT.format(n=7).encode(), "text/plain")).run()
    assert not at.exception
    assert any("\\*\\*粗体\\*\\* \\:red\\[红\\]" in m.value for m in at.markdown)  # the name as typed
    before = snapshot(data, store)
    at.text_input(key="year_u0").input("99999").run()
    at.button(key="save_0").click().run()
    assert not at.exception and "工作年度" in at.error[0].value
    assert snapshot(data, store) == before
    at.text_input(key="year_u0").input("").run()
    at.text_input(key="date_u0").input("2026年1月10日").run()
    at.button(key="save_0").click().run()
    assert not at.exception and "已保存" in at.success[0].value
    assert "2026-01-10" in (data / "uploads" / "sources.yaml").read_text(encoding="utf-8")
    records = [r for r in at.dataframe if "操作" in r.value.columns]  # the log, newest first, torn line skipped
    assert records and list(records[0].value["操作"]) == ["添加", "添加"]


def test_wrong_passwords_are_limited(site, monkeypatch):
    monkeypatch.setenv("DUIBIAO_LOGIN_ATTEMPTS", "3")
    at = _page("views/upload.py")
    for _ in range(3):
        _login(at, "wrong")
        assert "密码不正确" in at.error[0].value
    _login(at, "pw")  # even the right one waits now
    assert "过多" in at.error[0].value and not at.get("file_uploader")
    fresh = _page("views/upload.py")  # a new session is no way around it
    _login(fresh, "pw")
    assert "过多" in fresh.error[0].value


def test_the_documents_page_shows_no_server_paths(site):
    data, _store = site
    at = _page("views/documents.py")
    shown = " ".join(w.value for w in at.warning)
    assert "空文件" in shown and "文件为空" in shown
    assert str(data) not in shown and str(ROOT) not in shown


@pytest.fixture
def server(tmp_path):
    data, _config, store = site_copy(tmp_path, {"青田县报告.txt": REPORT.format(n=7).replace(
        "青田县人民代表大会常务委员会工作报告", TITLE)})
    with streamlit_server({"DUIBIAO_STORE": str(store), "DUIBIAO_DATA": str(data)}) as (url, _proc):
        yield url


def test_markdown_in_a_title_stays_text_in_the_browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page()
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(f"{server}/evidence?region=青田县&level=county&indicator=standing_sessions&year=最新")
        page.wait_for_selector("mark", timeout=90_000)
        page.wait_for_timeout(1500)
        captions = " ".join(page.locator("[data-testid='stCaptionContainer']").all_inner_texts())
        assert TITLE in captions
        assert page.locator(".stMarkdownColoredText, .katex, img[src*='127.0.0.1:9']").count() == 0
        assert page.locator("[data-testid='stException']").count() == 0
        browser.close()
    assert not [u for u in requests if "127.0.0.1:9/" in u]  # the image was never fetched
