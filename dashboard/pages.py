"""The dashboard's pages: script, title and address.  ``app.py`` makes them into ``st.Page`` objects; the
served HTML shell (``dashboard.shell``) reads the addresses.  Plain data, no Streamlit."""
from __future__ import annotations

# (script under the repository, title in the sidebar, address); the first is the default page
PAGES = (
    ("views/overview.py", "总览", "overview"),
    ("views/ranking.py", "排名", "ranking"),
    ("views/trends.py", "趋势", "trends"),
    ("views/matrix.py", "对标矩阵", "matrix"),
    ("views/map.py", "地图", "map"),
    ("views/gaps.py", "对标差距", "gaps"),
    ("views/practice_types.py", "同类做法", "practice_types"),
    ("views/counties.py", "市县对比", "counties"),
    ("views/practices.py", "做法库", "practices"),
    ("views/changes.py", "变化", "changes"),
    ("views/evidence_page.py", "证据", "evidence"),
    ("views/documents.py", "文档", "documents"),
    ("views/upload.py", "上传文档", "upload"),
)
