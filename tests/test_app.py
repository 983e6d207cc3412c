"""The dashboard page opens on the bundled data (Streamlit AppTest)."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from conftest import ROOT


def test_app_shows_the_bundled_headlines():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not at.exception, at.exception
    assert at.title[0].value.startswith("对标")
    frames = [df.value for df in at.dataframe]
    evidence = frames[-1]
    assert {"浙江省", "定远县", "高县"} <= set(evidence["region"])
    zj = evidence[(evidence["region"] == "浙江省") & (evidence["label"] == "任免国家机关工作人员")]
    assert sorted(zj["value"]) == [97, 212]
