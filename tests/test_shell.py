"""The HTML shell with the first page's hints (dashboard.shell), made from a small stand-in of
Streamlit's static folder."""
from __future__ import annotations

from dashboard import shell

INDEX = ('<!DOCTYPE html><html><head><title>Streamlit</title>\n<script type="module" src="./static/js/index.A.js">'
         '</script>\n<link rel="stylesheet" href="./static/css/index.css">\n</head><body></body></html>')


def _static(tmp_path):
    static = tmp_path / "static"
    (static / "static" / "js").mkdir(parents=True)
    (static / "static" / "js" / "PlotlyChart.X1.js").write_text("export{}")
    (static / "favicon.png").write_bytes(b"png")
    (static / "index.html").write_text(INDEX, encoding="utf-8")
    return static


def test_hints_put_the_address_script_before_streamlit_and_the_preload_in_the_head():
    html = shell.hints(INDEX, "PlotlyChart.X1.js", ["overview", "ranking", "practice_types"])
    assert html.index("BACKEND_BASE_URL") < html.index('<script type="module"')
    assert '<link rel="modulepreload" crossorigin href="./static/js/PlotlyChart.X1.js">\n</head>' in html
    assert "/^(.*\\/)(overview|ranking|practice_types)$/" in html
    assert html.count("<script") == 2


def test_hints_leave_an_unknown_shell_alone():
    odd = "<html><head></head><body><script src='x.js'></script></body></html>"
    assert shell.hints(odd, "PlotlyChart.X1.js", ["ranking"]) == odd


def test_build_links_every_other_file_and_writes_the_hinted_shell(tmp_path):
    static, into = _static(tmp_path), tmp_path / "served"
    into.mkdir()
    assert shell.build(static, into)
    assert (into / "static" / "js" / "PlotlyChart.X1.js").read_text() == "export{}"  # through the link
    assert (into / "favicon.png").is_symlink() and (into / "static").is_symlink()
    served = (into / "index.html").read_text(encoding="utf-8")
    assert "modulepreload" in served and "|ranking|" in served and "|upload)$/" in served  # every page's path
    assert (static / "index.html").read_text(encoding="utf-8") == INDEX  # Streamlit's own file untouched


def test_build_declines_a_folder_without_the_chart_module(tmp_path):
    static, into = _static(tmp_path), tmp_path / "served"
    into.mkdir()
    (static / "static" / "js" / "PlotlyChart.X1.js").unlink()
    assert not shell.build(static, into)
