"""Key findings written from the data, as sentences for a meeting."""
from __future__ import annotations

import pandas as pd

from analysis.queries import fmt_number

QUAL_WORD = {"at_least": "余", "approx": "约"}


def _amount(value, qualifier, unit) -> str:
    if qualifier == "approx":
        return f"约 {fmt_number(value)} {unit}".strip()
    return f"{fmt_number(value)}{QUAL_WORD.get(qualifier, '')} {unit}".strip()


def change_sentence(c: dict) -> str | None:
    """浙江省 2025 年任免国家机关工作人员 97 人次，较 2023 年 212 人次下降 54%."""
    if c["value_from"] is None or c["value_to"] is None or pd.isna(c["value_from"]) or pd.isna(c["value_to"]):
        return None
    unit = c["unit"] or ""
    head = (f"{c['region']} {int(c['year_to'])} 年{c['label']} {_amount(c['value_to'], c['qualifier_to'], unit)}，"
            f"较 {int(c['year_from'])} 年 {_amount(c['value_from'], c['qualifier_from'], unit)}")
    if c["direction"] == "same":
        return head + "持平"
    word = "增长" if c["direction"] == "up" else "下降"
    if c["pct"] is None or pd.isna(c["pct"]):
        return head + word
    return f"{head}{word}{abs(c['pct']):.0f}%"


def findings(changes: pd.DataFrame, regions: list[str], indicator: str, limit: int = 8) -> list[str]:
    """The chosen indicator's change for each region, then the region's largest other changes."""
    out = []
    ch = changes[changes.region.isin(regions) & (changes.category != "主题")]
    latest = ch.sort_values("year_to").groupby(["region", "indicator"]).tail(1)
    for _, c in latest[latest.indicator == indicator].iterrows():
        s = change_sentence(c.to_dict())
        if s:
            out.append(s)
    others = latest[(latest.indicator != indicator) & latest.pct.notna()]
    others = others.reindex(others.pct.abs().sort_values(ascending=False).index)
    for _, c in others.iterrows():
        if len(out) >= limit:
            break
        s = change_sentence(c.to_dict())
        if s:
            out.append(s)
    return out
