"""Command line: ``python -m extract scan|build|check``."""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from .config import CONFIG_DIR, ConfigError
from .limits import LimitError, printable
from .pipeline import Configs, extract_documents
from .rows import COLUMNS
from .sources import Source
from .build import build_store, data_files, expand, load_configs_and_sources, page_progress, source_for
from .store import DATA_DIR, STORE_PATH


def _extractions(files: list[Path], configs: Configs, sources: dict[str, Source], data_dir: Path,
                 failed: list):
    """Extractions one file at a time, a file named by its name and a zip member by zip name/member
    path (nothing of a file is kept after its rows are written: memory does not grow with the files)."""
    from .formats.archive import read_inputs

    for item in read_inputs(files, page_progress):  # a zip gives one input per member
        label = printable(item.label)
        if item.error:
            print(f"{label}: {item.error}", file=sys.stderr)
            failed.append((item.label, item.error))
            continue
        try:
            exs = extract_documents(item.text, printable(item.document),
                                    source_for(Path(item.label), sources, data_dir), configs)
        except LimitError as exc:  # a config pattern past its time bound on this text
            print(f"{label}: {exc}", file=sys.stderr)
            failed.append((item.label, str(exc)))
            continue
        for ex in exs:  # a file of several reports gives name#1, name#2…
            for note in ex.refused:
                print(f"{label}: {note}", file=sys.stderr)
            yield ex


def cmd_scan(args) -> int:
    """Rows are written as each file is extracted."""
    from .store import OUTPUT_COLUMNS

    configs, sources = load_configs_and_sources(args.config, args.data)
    files = expand([Path(p) for p in args.paths], archives=True)
    failed: list = []
    columns = COLUMNS if args.table == "rows" else OUTPUT_COLUMNS[args.table]
    writer, first = None, True
    if args.format == "json":
        sys.stdout.write("[")
    else:
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
    for ex in _extractions(files, configs, sources, args.data, failed):
        rows = [r.as_dict() for r in ex.rows] if args.table == "rows" else [dict(r) for r in getattr(ex, args.table)]
        if writer:
            writer.writerows(rows)
            continue
        for row in rows:
            sys.stdout.write(("\n" if first else ",\n") + json.dumps(row, ensure_ascii=False))
            first = False
    if not writer:
        sys.stdout.write("\n]\n")
    return 1 if failed else 0


def cmd_build(args) -> int:
    from .ingest import writer_lock

    with writer_lock(args.data):  # queue behind uploads and other builds (data/.write.lock)
        _configs, sources = load_configs_and_sources(args.config, args.data)
        s = build_store(data_files(args.data, sources), args.config, args.store, args.jobs)
    print(f"已写入 {args.store}：{s['documents']} 个文档（重新抽取 {s['extracted']} 个，沿用 {s['reused']} 个，"
          f"只重跑部分阶段 {s['restaged']} 个，删除 {s['deleted']} 个），{s['rows']} 行指标，"
          f"更新 {s['regions']} 个地区的跨文档表，{s['failed']} 个文件失败", file=sys.stderr)
    return 1 if s["failed"] else 0


def cmd_check(args) -> int:
    load_configs_and_sources(args.config, args.data)
    print(f"配置检查通过：{args.config}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extract", description="对标 Duibiao：从人大工作文档中抽取指标")
    parser.add_argument("--config", type=Path, default=CONFIG_DIR, help="配置目录 (default: config/)")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="数据目录 (default: data/)")
    sub = parser.add_subparsers(dest="command", required=True)
    scan = sub.add_parser("scan", help="抽取给定文件或文件夹，输出指标行")
    scan.add_argument("paths", nargs="+")
    scan.add_argument("--format", choices=("csv", "json"), default="csv")
    scan.add_argument("--table", choices=("rows", "practices", "terms", "laws", "problems", "mentions", "figures", "rejected"),
                      default="rows", help="输出哪张表（默认：指标行）")
    build = sub.add_parser("build", help="读取 config/ 与 data/，写入看板使用的数据库")
    build.add_argument("--store", type=Path, default=STORE_PATH)
    build.add_argument("--jobs", type=int, default=None, help="并行进程数（默认：全部核心）")
    sub.add_parser("check", help="校验全部配置文件")
    exp = sub.add_parser("export", help="按筛选条件导出 csv / xlsx / pptx / html / docx（不需浏览器）")
    exp.add_argument("--format", choices=("csv", "xlsx", "pptx", "html", "docx"), required=True)
    exp.add_argument("--out", required=True)
    exp.add_argument("--store", type=Path, default=STORE_PATH)
    exp.add_argument("--region")
    exp.add_argument("--regions", help="对比地区，逗号分隔（趋势图）")
    exp.add_argument("--level", choices=("province", "city", "county"))
    exp.add_argument("--year", type=int)
    exp.add_argument("--indicator")
    exp.add_argument("--theme")
    exp.add_argument("--cross", action="store_true", help="允许跨层级比较")
    exp.add_argument("--view", choices=("ranking", "trend", "both"), default="both")
    args = parser.parse_args(argv)
    try:
        if args.command == "export":
            from present.cli import export  # the present stage: plotly, python-pptx, openpyxl

            return export(args)
        return {"scan": cmd_scan, "build": cmd_build, "check": cmd_check}[args.command](args)
    except ConfigError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
