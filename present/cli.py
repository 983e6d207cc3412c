"""``python -m extract export``: the dashboard's exports without a browser."""
from __future__ import annotations

import sys
from pathlib import Path

from . import exports, findings
from .views import Frames, ranking_view, trend_view


def filters_from_args(args, frames: Frames) -> dict:
    h = frames.headline
    region = args.region or (h[h.category != "主题"].region.value_counts().index[0] if len(h) else None)
    levels = dict(zip(frames.regions_known.region, frames.regions_known.level))
    indicator = args.indicator or "appointments"
    return {"region": region, "level": args.level or levels.get(region, "province"), "year": args.year,
            "indicator": indicator, "regions": args.regions.split(",") if args.regions else [region],
            "theme": args.theme, "cross": bool(args.cross)}


def export(args) -> int:
    store = Path(args.store)
    if not store.exists():
        print(f"{store}: 数据库不存在，请先运行 python -m extract build", file=sys.stderr)
        return 1
    frames = Frames.load(store)
    f = filters_from_args(args, frames)
    if f["indicator"] not in set(frames.headline.indicator):
        print(f"未知指标或无数据：{f['indicator']}", file=sys.stderr)
        return 1
    if args.format == "docx":  # the 对标分析报告 covers every indicator; --indicator picks its lead finding
        from .brief import to_docx

        data = to_docx(frames, f)
        Path(args.out).write_bytes(data)
        print(f"已导出 {args.out}（{len(data):,} 字节）", file=sys.stderr)
        return 0
    views = {"ranking": [ranking_view(frames, f)], "trend": [trend_view(frames, f)],
             "both": [ranking_view(frames, f), trend_view(frames, f)]}[args.view]
    main = views[0]
    if args.format == "csv":
        data = exports.to_csv(main)
    elif args.format == "xlsx":
        data = exports.to_xlsx(main, frames.built_at)
    elif args.format == "html":
        data = exports.to_html(main)
    else:
        facts = findings.findings(frames.changes, f["regions"], f["indicator"])
        data = exports.to_pptx(views, facts, f"人大工作对标：{main.label}", sorted(set(main.data.region)))
    Path(args.out).write_bytes(data)
    print(f"已导出 {args.out}（{len(data):,} 字节）", file=sys.stderr)
    return 0
