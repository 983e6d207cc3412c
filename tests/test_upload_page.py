"""The upload page: the editor password gate, and an upload that appears in the 排名 chart."""
from __future__ import annotations

import json
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT, site_copy

REPORT = ("青田县人民代表大会常务委员会工作报告\n——2026年1月10日在青田县第十八届人民代表大会第六次会议上\n各位代表：\n"
          "一、2025年工作回顾\n一年来，县人大常委会共召开常委会会议7次，建成代表联络站36个，办理代表建议156件。\n")


@pytest.fixture
def site(tmp_path, monkeypatch):
    data, config, store = site_copy(tmp_path)
    for k, v in {"DUIBIAO_DATA": data, "DUIBIAO_CONFIG": config, "DUIBIAO_STORE": store}.items():
        monkeypatch.setenv(k, str(v))
    monkeypatch.delenv("DUIBIAO_EDITOR_PASSWORD", raising=False)
    return data, store


def _app(**params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    at.switch_page("views/upload.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_without_a_password_editing_is_off(site):
    data, store = site
    before = store.stat().st_mtime_ns
    at = _app()
    assert "编辑功能未启用" in at.info[0].value and "DUIBIAO_EDITOR_PASSWORD" in at.info[0].value
    assert not at.get("file_uploader") and not at.button
    assert store.stat().st_mtime_ns == before


def test_password_gate_and_an_upload_in_the_ranking(site, monkeypatch):
    data, _store = site
    monkeypatch.setenv("DUIBIAO_EDITOR_PASSWORD", "对标-2026")
    at = _app(level="county", indicator="liaison_stations", year="最新")
    assert not at.get("file_uploader")
    at.text_input(key="editor_password_input").input("wrong").run()
    at.button(key="login").click().run()
    assert at.error and "密码不正确" in at.error[0].value and not at.get("file_uploader")
    at.text_input(key="editor_password_input").input("对标-2026").run()
    at.button(key="login").click().run()
    uploader = at.get("file_uploader")[0]
    uploader.set_value(("青田县报告.txt", REPORT.encode("utf-8"), "text/plain")).run()
    assert not at.exception
    assert at.text_input(key="region_u0").value == "青田县"
    at.button(key="save_0").click().run()
    assert not at.exception and "已保存" in at.success[0].value
    at.switch_page("views/ranking.py").run()
    assert not at.exception
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    labels = fig["data"][0]["y"]
    assert "青田县（2025）" in labels
    assert any(r["action"] == "add" for r in __import__("extract.ingest", fromlist=["history"]).history(data))


def test_a_broken_config_is_reported_and_nothing_changes(site, monkeypatch, tmp_path):
    data, store = site
    broken = tmp_path / "broken_config"
    shutil.copytree(ROOT / "config", broken)
    (broken / "indicators.yaml").write_text("indicators: [\n", encoding="utf-8")
    monkeypatch.setenv("DUIBIAO_CONFIG", str(broken))
    monkeypatch.setenv("DUIBIAO_EDITOR_PASSWORD", "pw")
    before = store.stat().st_mtime_ns
    at = _app()
    at.text_input(key="editor_password_input").input("pw").run()
    at.button(key="login").click().run()
    assert not at.exception
    shown = at.error[0].value.replace("\\", "")  # document and config strings are Markdown-escaped
    assert "配置文件有误" in shown and "indicators.yaml:" in shown
    assert store.stat().st_mtime_ns == before
