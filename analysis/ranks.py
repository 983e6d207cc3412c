"""The rank the overview shows, read off exactly the rows the 排名 page draws."""
from __future__ import annotations

import pandas as pd

from .queries import latest_per


def ranks_of(headline: pd.DataFrame, region: str, year: int | None, levels: list[str]) -> dict[str, tuple[int | None, int]]:
    """Each indicator's (rank, how many regions are ranked) of ``region`` among the rows the 排名 page ranks
    with the same filters (``queries.ranking``), all indicators at once (the overview shows a card per
    indicator); rank None when the region is not among them.  Ties share the better rank.  Expects at most
    one row per region, indicator and year, as the overview's rows are."""
    h = headline[headline.level.isin(levels)]
    if year is not None:
        h = h[h.year == year]
    else:
        h = latest_per(h, ["indicator", "region"])
    counts = h.groupby("indicator").size()
    mine = h[h.region == region].drop_duplicates("indicator").set_index("indicator").value
    if mine.empty:
        return {ind: (None, int(n)) for ind, n in counts.items()}
    above = (h.value > h.indicator.map(mine).astype(float)).groupby(h.indicator).sum()
    return {ind: (int(above.get(ind, 0)) + 1 if ind in mine.index else None, int(n)) for ind, n in counts.items()}


def rank_text(rank: int | None, n: int) -> str:
    """同级排名 3/7; with fewer than two regions there is nothing to rank, and it says so."""
    if n < 2:
        return "同级排名：仅 1 个地区有数据，无从排名" if n == 1 else "同级排名：无可比数据"
    if rank is None:
        return f"同级排名：本年度无数据（{n} 个地区有数据）"
    return f"同级排名 {rank}/{n}"
