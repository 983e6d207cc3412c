"""``python -m dashboard.serve``: the pages' modules are loaded before the server answers."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _page_imports() -> set[str]:
    """Modules app.py, the pages and dashboard/ import at their top level."""
    names = set()
    for path in [ROOT / "app.py", *(ROOT / "views").glob("*.py"), *(ROOT / "dashboard").glob("*.py")]:
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Import):
                names |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
    return names - {"__future__"}


def test_preload_loads_every_module_the_pages_import_the_gazetteer_and_the_map():
    wanted = sorted(_page_imports())
    code = ("import sys; from dashboard import serve; serve.preload(); "
            "from extract import gazetteer; from analysis import geo; "
            "print(gazetteer.default_gazetteer.cache_info().currsize + geo.provinces.cache_info().currsize); "
            f"print('missing:' + ','.join(m for m in {wanted!r} if m not in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["2", "missing:"], out.stdout
