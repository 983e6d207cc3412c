"""Taking views out of the dashboard: chart images, HTML, CSV/XLSX, PowerPoint decks, findings.

Plain functions over the store's tables; used by the dashboard's download
buttons, its presentation mode and ``python -m extract export``.
"""
