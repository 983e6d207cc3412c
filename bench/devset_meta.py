"""Agreement of detected metadata (region, level, work year) with a development set.

Usage: python bench/devset_meta.py [DIR] [--show]
DIR (default tests/devset) holds YAML files of made-up documents with hand-read values:
each document has ``text`` and ``expect: {region, level, work_year}`` (a file may hold
one document, a list of them, or a mapping with a ``documents`` list). For each
document the script runs ``extract.pipeline.extract_documents`` (a file of several
reports gives several parts; a document then agrees if its expected region is among them)
and prints, per field, how many agree; ``--show`` lists the disagreements.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.pipeline import default_configs, extract_documents  # noqa: E402

FIELDS = ("region", "level", "work_year")


def documents(path: Path) -> list[tuple[str, dict]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if isinstance(data, dict) and "documents" in data:
        data = data["documents"]
    if isinstance(data, dict) and "text" in data:
        data = [data]
    if isinstance(data, dict):  # id -> document
        data = [dict(v, id=k) for k, v in data.items() if isinstance(v, dict)]
    out = []
    for i, doc in enumerate(data or []):
        if isinstance(doc, dict) and doc.get("text") and isinstance(doc.get("expect"), dict):
            out.append((f"{path.name}:{doc.get('id', doc.get('name', i))}", doc))
    return out


def _units(docs: list[tuple[str, dict]]) -> list[tuple[str, list[tuple[str, dict]]]]:
    """Documents with the same ``group`` are concatenated in order into one file (a compilation)."""
    units, groups = [], {}
    for name, doc in docs:
        group = doc.get("group")
        if group:
            if group not in groups:
                groups[group] = []
                units.append((group, groups[group]))
            groups[group].append((name, doc))
        else:
            units.append((name, [(name, doc)]))
    return units


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("dir", nargs="?", default=str(ROOT / "tests" / "devset"))
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    cfg = default_configs()
    agree = {f: 0 for f in FIELDS}
    seen = {f: 0 for f in FIELDS}
    total, all_right, misses = 0, 0, []
    docs = [d for path in sorted(Path(args.dir).glob("*.y*ml")) for d in documents(path)]
    for unit, members in _units(docs):
        text = "\n".join(doc["text"] for _n, doc in members)
        exs = extract_documents(text, unit, None, cfg, text_stats=False)
        for i, (name, doc) in enumerate(members):
            total += 1
            want = doc["expect"]
            if len(members) > 1:  # a compilation: the part of the same place, else the part in the same order
                got = next((e.meta for e in exs if e.meta.region == want.get("region")),
                           exs[min(i, len(exs) - 1)].meta)
            else:
                got = exs[0].meta
            right = True
            for f in FIELDS:
                if f not in want:
                    continue
                seen[f] += 1
                value = getattr(got, f)
                if value == want[f] or (f == "work_year" and str(value) == str(want[f])):
                    agree[f] += 1
                else:
                    right = False
                    misses.append((name, f, want[f], value))
            all_right += right
    print(f"documents: {total}")
    for f in FIELDS:
        share = agree[f] / seen[f] if seen[f] else 0.0
        print(f"{f:10s} {agree[f]:4d}/{seen[f]:<4d} {share:.3f}")
    print(f"{'all three':10s} {all_right:4d}/{total:<4d} {all_right / total if total else 0:.3f}")
    if args.show:
        for name, f, want, got in misses:
            print(f"  {name}  {f}: expected {want!r}, got {got!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
