"""Filters shared by every page, kept in the URL so that copying the address reproduces the view.

On the first run of a session the URL's query parameters seed the filters;
after every run the current filters are written back to ``st.query_params``.
"""
from __future__ import annotations

import streamlit as st

from extract.indicators import FIXED_IDS

from analysis.queries import LEVEL_LABELS, PICKER_LIMIT, region_choices
from dashboard.safe import md_escape

LATEST = "最新"
ALL = "全部"
KEYS = ("region", "level", "year", "category", "indicator", "regions", "theme", "cross", "present", "slide")
LIST_KEYS = {"regions"}
CATEGORIES = ("立法", "监督", "决定任免", "代表工作", "联系群众", "自身建设", "主题")


def _from_url(key: str):
    if key not in st.query_params:
        return None
    if key in LIST_KEYS:
        raw = st.query_params.get(key, "")
        return [v for v in raw.split(",") if v]
    return st.query_params.get(key)


def _seed(key: str, options: list, default):
    """Put a valid value for ``key`` into session state before its widget is drawn."""
    if key in st.session_state and _valid(st.session_state[key], options, key):
        return
    url = _from_url(key) if not st.session_state.get("_seeded_" + key) else None
    st.session_state["_seeded_" + key] = True
    if key in LIST_KEYS:
        url = [v for v in (url or []) if v in options] if url is not None else None
    st.session_state[key] = url if url is not None and _valid(url, options, key) else default


def _valid(value, options: list, key: str) -> bool:
    if key in LIST_KEYS:
        return isinstance(value, list) and all(v in options for v in value)
    return value in options


def sync_to_url() -> None:
    """Write the filters to the address bar (only what differs from nothing)."""
    params = {}
    for key in KEYS:
        value = st.session_state.get(key)
        if value in (None, "", []):
            continue
        params[key] = ",".join(value) if key in LIST_KEYS else str(value)
    if dict(st.query_params) != params:
        st.query_params.from_dict(params)


class _NoWidgets:
    """Stands in for the sidebar when filters are only resolved (presentation mode)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def __getattr__(self, name):
        return lambda *a, **k: None


def _richest(options: dict, level: str, region: str | None = None, n: int = 8) -> list[str]:
    """Up to n regions of a level with the most values (``region`` first), in division-code order."""
    peers = options["level_regions"].get(level, [])  # in division-code order
    ranked = options["level_richest"].get(level, [])  # most values first (sorted once per store)
    mine = [region] if region in options["levels_of"] and options["levels_of"][region] == level else []
    chosen = set(mine + [r for r in ranked[:n + 1] if r != region][:n - len(mine)])
    return [r for r in peers if r in chosen]


def follow_level(options: dict) -> None:
    """After 层级 changed: move region, comparison regions, indicator and year to ones with data at
    that level, and leave a note saying so (shown once)."""
    level = st.session_state["level"]
    changed = []
    if options["levels_of"].get(st.session_state.get("region")) != level:
        pool = _richest(options, level, n=1)
        if pool:
            st.session_state["region"] = pool[0]
            changed.append(f"地区改为{pool[0]}")
    st.session_state["regions"] = _richest(options, level, st.session_state.get("region"))
    changed.append("对比地区改为该级有数据的地区")
    have = options.get("level_indicators", {}).get(level, {})  # indicator → regions of the level with a value
    if have and st.session_state.get("indicator") not in have:
        order = {ind: n for n, ind in enumerate(FIXED_IDS)}
        best = sorted(have, key=lambda i: (i.startswith("theme:"), -have[i], order.get(i, 99)))[0]  # most comparable
        st.session_state["indicator"] = best
        st.session_state["category"] = ALL
        changed.append("指标改为该级有数据的指标")
    year = st.session_state.get("year")
    years = [str(y) for y in options.get("level_years", {}).get(level, [])]
    if year != LATEST and (year not in years or options.get("level_undated", {}).get(level)):
        st.session_state["year"] = LATEST
        changed.append("年度改为各地区最新年度（含年度不详的数据）")
    st.session_state["_level_note"] = f"已切换到{LEVEL_LABELS[level]}：" + "，".join(changed) + "。"


def _region_changed(options: dict) -> None:
    """Choosing a region of another level brings 层级 (and the filters that follow it) along."""
    level = options["levels_of"].get(st.session_state.get("region"))
    if level and level != st.session_state.get("level"):
        st.session_state["level"] = level
        follow_level(options)


def sidebar(options: dict, themes: list[str], draw: bool = True) -> dict:
    """Draw the shared filters (or, with ``draw=False``, only resolve them from the URL and session);
    return their values (year as int or None for the latest)."""
    ui = st if draw else _NoWidgets()
    regions, levels_of, by_count = options["regions"], options["levels_of"], options["by_count"]
    default_region = max(by_count, key=by_count.get) if by_count else (regions[0] if regions else "")

    with (st.sidebar if draw else _NoWidgets()):
        ui.header("筛选")
        _seed("region", regions, default_region)
        # thousands of regions: the pickers list a bounded few, the search box finds the others
        search = (ui.text_input("查找地区", key="region_search", placeholder="输入地名，如：鼓楼") or "").strip() \
            if len(regions) > PICKER_LIMIT else ""
        matches = [r for r in regions if search in r] if search else None
        provinces = options["level_regions"].get("province", [])
        picks = lambda keep: region_choices(regions, options["code_of"], provinces, keep, matches)  # noqa: E731
        if matches and len(matches) > PICKER_LIMIT:
            ui.caption(f"找到 {len(matches)} 个地区，下面列出前 {PICKER_LIMIT} 个；请输入更多字缩小范围。")
        elif matches == []:
            ui.caption(f"没有名称含“{md_escape(search)}”的地区。")
        ui.selectbox("地区", picks([st.session_state["region"]]), key="region", on_change=_region_changed,
                     args=(options,))
        region = st.session_state["region"]
        level_options = ["province", "city", "county"]
        _seed("level", level_options, levels_of.get(region, "province"))
        ui.selectbox("层级（对标同级）", level_options, key="level", format_func=lambda v: LEVEL_LABELS[v],
                     on_change=follow_level, args=(options,))
        note = st.session_state.pop("_level_note", None)
        if note and draw:
            st.sidebar.info(note)
        year_options = [LATEST] + [str(y) for y in options["years"]]
        latest = options["region_latest"].get(region)
        _seed("year", year_options, str(latest) if latest else LATEST)
        ui.selectbox("工作年度", year_options, key="year")
        _seed("category", [ALL, *CATEGORIES], ALL)
        ui.selectbox("类别", [ALL, *CATEGORIES], key="category")
        category = st.session_state["category"]
        pool = [i for i in options["indicators"] if category == ALL or i["category"] == category]
        order = {ind: n for n, ind in enumerate(FIXED_IDS)}  # the config's order: laws first
        pool.sort(key=lambda i: (i["indicator"].startswith("theme:"), order.get(i["indicator"], 99), -i["n"],
                                 i["indicator"]))
        labels = {i["indicator"]: i["label"] for i in pool}
        indicator_options = list(labels) or ["laws_enacted"]
        _seed("indicator", indicator_options, indicator_options[0])
        ui.selectbox("指标", indicator_options, key="indicator", format_func=lambda i: labels.get(i, i))
        _seed("regions", regions, _richest(options, st.session_state["level"], region) or regions[:8])
        ui.multiselect("对比地区", picks([region, *st.session_state["regions"]]), key="regions",
                       placeholder="选择对比地区（可先在“查找地区”中搜索）")
        _seed("theme", [ALL, *themes], ALL)
        ui.selectbox("主题", [ALL, *themes], key="theme")
        _seed("cross", ["0", "1"], "0")
        ui.toggle("允许跨层级比较", key="_cross_toggle", value=st.session_state["cross"] == "1")
        if draw:
            st.session_state["cross"] = "1" if st.session_state["_cross_toggle"] else "0"
        if options.get("built_at"):
            ui.caption(f"数据库：{options['documents']} 个文档，生成于 {options['built_at']}")
    sync_to_url()
    year = st.session_state["year"]
    return {"region": region, "level": st.session_state["level"],
            "year": None if year == LATEST else int(year), "category": category,
            "indicator": st.session_state["indicator"], "regions": st.session_state["regions"],
            "theme": st.session_state["theme"], "cross": st.session_state["cross"] == "1"}


def filters() -> dict:
    """The filters as the sidebar left them (for pages)."""
    return st.session_state["_filters"]
