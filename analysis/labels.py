"""How values and labels are shown to a reader: Chinese words for codes, labels true to the text's verb.

Indicator ids and their configured labels stay as they are (external tools use them);
these functions only decide what a page, a chart or an export prints.
"""
from __future__ import annotations

import math
import re

SCOPE_LABELS = {"total": "年度合计", "part": "分项", "term": "届内"}
DIRECTION_LABELS = {"up": "上升", "down": "下降", "same": "持平", "new": "新出现", "gone": "未再报告"}
FILTER_NAMES = {"region": "地区", "level": "层级", "year": "年度", "category": "类别", "indicator": "指标",
                "regions": "对比地区", "theme": "主题", "cross": "跨层级比较", "document": "文档"}
_LEVELS = {"province": "省级", "city": "市级", "county": "县级"}
# 制定修订 / 制定、修改 / 制定和修订: the text names two acts; the label must not keep only the first.
_COMPOUND = re.compile(r"(制定|修改|修订|审查|审议|听取)(?:、|和|及|并)?(修订|修改|废止|审议|审查|批准)")


def missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def dash(value, unknown: str = "—") -> str:
    """A cell as text: None/NaN become ``unknown`` (— by default, 年度不详 for years)."""
    if missing(value):
        return unknown
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def scope_label(scope) -> str:
    return SCOPE_LABELS.get(scope, dash(scope))


def faithful_label(label: str, evidences) -> str:
    """The indicator's label with the verbs its sources use: 制定地方性法规 → 制定（修订）地方性法规
    when a source says 制定修订地方性法规10件."""
    if isinstance(evidences, str):
        evidences = [evidences]
    for text in evidences:
        if not isinstance(text, str):
            continue
        for m in _COMPOUND.finditer(text):
            first, second = m.group(1), m.group(2)
            if label.startswith(first) and second not in label:
                return f"{first}（{second}）{label[len(first):]}"
    return label


def faithful_labels(con, sample: int = 20) -> dict[str, str]:
    """Every indicator's shown label, from a sample of its sources: the ``sample`` latest headline
    sentences of each indicator, found by the store's index (indicator, year).  ``con`` is a connection
    from ``extract.store.connect`` (it reads sentences from the documents' texts)."""
    from extract.store import EVIDENCE

    ids = [i for (ind,) in con.execute("SELECT DISTINCT indicator FROM region_indicators").fetchall()
           for (i,) in con.execute("SELECT row_id FROM headline_values WHERE indicator = ? ORDER BY year DESC "
                                   "LIMIT ?", (ind, sample)).fetchall()]
    found: dict[str, tuple[str, list]] = {}
    for ind, label, evidence in con.execute(
            "SELECT r.indicator, coalesce(i.label, r.indicator), " + EVIDENCE.format(p="r.") + " FROM row_values r "
            "LEFT JOIN indicators i ON i.indicator = r.indicator "
            f"WHERE r.id IN ({','.join(str(int(i)) for i in ids) or 'NULL'}) ORDER BY r.document").fetchall():
        found.setdefault(ind, (label, []))[1].append(evidence)
    return {ind: faithful_label(label, evidences) for ind, (label, evidences) in found.items()}


def delta_text(diff) -> str | None:
    """A change for a metric card: None (neutral, no arrow) when nothing changed."""
    if missing(diff) or diff == 0:
        return None
    return f"{diff:+,.0f}" if float(diff).is_integer() else f"{diff:+,.2f}"


def filter_value(key: str, value) -> str:
    if key == "level":
        return _LEVELS.get(value, dash(value))
    if key == "year":
        return "各地区最新年度" if missing(value) or value in ("", "最新") else f"{value}年"
    if key == "cross":
        return "是" if value in (True, "1", 1) else "否"
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return dash(value)


def filters_text(filters: dict, indicator_label: str | None = None) -> str:
    """地区：浙江省；层级：省级；年度：各地区最新年度；指标：任免国家机关工作人员 (Chinese words only)."""
    parts = []
    for key, name in FILTER_NAMES.items():
        value = filters.get(key)
        if key != "year" and (value in (None, "", [], "全部") or (key == "cross" and not value)):
            continue
        if key == "year" and key not in filters:
            continue
        shown = indicator_label if key == "indicator" and indicator_label else filter_value(key, value)
        if key == "indicator" and shown == value and not indicator_label and re.fullmatch(r"[a-z_:]+", str(value)):
            continue  # an id with no label at hand: better unsaid than shown raw
        parts.append(f"{name}：{shown}")
    return "；".join(parts)


def region_sort_key(name) -> tuple:
    """Regions in the order of the national division code (北京市 110000 first), unknown names last."""
    from extract.gazetteer import default_gazetteer

    if not isinstance(name, str):
        return ("9" * 12, "")
    region = default_gazetteer().lookup(name)
    return ((region.code if region and region.code else "9" * 12), name)


def by_division_code(names) -> list:
    return sorted(names, key=region_sort_key)


YEAR_COLUMNS = ("年度", "工作年度", "对照年度", "计划年度")
LOG_COLUMNS = {"time": "时间", "action": "操作", "document": "文档", "file_name": "文件名", "sha256": "内容哈希",
               "replaced": "被替换的文档", "metadata": "人工设定的元数据"}
LOG_ACTIONS = {"add": "添加", "replace": "替换", "delete": "删除"}


def year_text(value) -> str:
    if missing(value) or value == "":
        return "年度不详"
    try:
        return str(int(float(value)))
    except (TypeError, ValueError):
        return str(value)


def display_table(df, years: tuple[str, ...] = YEAR_COLUMNS):
    """A copy of a table as the reader sees it: years as 2025 or 年度不详, other empty cells as —,
    codes in 口径 as 年度合计/分项/届内.  Call after the columns have their Chinese names."""
    out = df.copy()
    for col in out.columns:
        if col in years:
            out[col] = out[col].map(year_text)
        elif col == "口径":
            out[col] = out[col].map(scope_label)
        elif out[col].dtype == object or out[col].isna().any():
            out[col] = out[col].map(lambda v: "—" if missing(v) or v == "" else (
                str(int(v)) if isinstance(v, float) and v.is_integer() else v))
    return out
