"""Counties side by side: each county-level region's indicators, figures and practices, by theme."""
from __future__ import annotations

import pandas as pd

from .queries import value_label, year_label


def county_columns(sections: pd.DataFrame, headline: pd.DataFrame, figures: pd.DataFrame,
                   practices: pd.DataFrame, documents: pd.DataFrame,
                   levels: tuple[str, ...] = ("county", "city"), per_theme: int | None = None) -> list[dict]:
    """One dict per region of ``levels`` (below the province) that some document speaks for, richest first:
    ``{"region", "caption", "themes": {theme: [{"label", "sentence", "document", "start", "end", "view"}]},
    "more": {theme: items left out}}``: latest first, at most ``per_theme`` items of a theme (all without).

    Themes: a headline indicator stands under its category (立法, 代表工作 …), a figure under the
    kind of thing it counts (config/figures.yaml, else 其他数字), a practice under its theme.
    """
    regions = sections[sections.level.isin(levels) & sections.region.notna() & (sections.plan == 0)]
    out = []
    for region, secs in regions.groupby("region"):
        themes: dict[str, list[dict]] = {}
        seen: set[tuple[str, str]] = set()

        def add(theme, label, sentence, document, start, end, view):
            items = themes.setdefault(theme, [])
            if (theme, label) not in seen:
                seen.add((theme, label))
                items.append({"label": label, "sentence": sentence, "document": document, "start": int(start),
                              "end": int(end), "view": view})

        # latest first: a page shows the first few items of each theme
        h = headline[(headline.region == region) & (headline.category != "主题")].sort_values(
            "year", ascending=False, kind="stable")
        for r in h.itertuples():
            add(f"指标·{r.category}", f"{r.label} {value_label(r.value, r.qualifier, r.unit)}（{year_label(r.year)}）",
                r.evidence, r.document, r.start, r.end, "headline")
        fg = figures[figures.region == region].sort_values("year", ascending=False, kind="stable")
        for r in fg[fg.indicator.isna()].itertuples():  # mapped ones are already headline indicators
            add(f"数字·{r.type_label}" if isinstance(r.type_label, str) else "数字·其他",
                f"{value_label(r.value, r.qualifier, r.unit)} {r.noun}", r.evidence, r.document, r.start, r.end,
                "figures")
        pr = practices[practices.region == region].sort_values("year", ascending=False, kind="stable")
        for r in pr.drop_duplicates("key").itertuples():
            add(f"做法·{r.theme}" if isinstance(r.theme, str) else "做法·其他", r.name, r.evidence, r.document,
                r.start, r.end, "practices")
        named = [t for t in dict.fromkeys(secs.title) if t not in ("全文", "目录", "刊头")]
        caption = "来源：" + "；".join(named[:3]) + (f" 等 {len(named)} 篇" if len(named) > 3 else "")
        out.append({"region": region, "caption": caption, "_n": sum(len(v) for v in themes.values()),
                    "themes": {t: v[:per_theme] for t, v in themes.items()},
                    "more": {t: len(v) - per_theme for t, v in themes.items() if per_theme and len(v) > per_theme}})
    out.sort(key=lambda c: (-c["_n"], c["region"]))
    for c in out:
        c.pop("_n")
    return out
