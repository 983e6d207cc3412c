"""Recall and precision of headline figures on the development set (tests/devset/*.yaml).

The development set is made of small documents written by this team in the shape
of real report pages (official pages, newspaper digests, reposts, Traditional
mirrors, compilations), each with every headline figure read by hand.

    python bench/bench_devset.py [-v] [FILE.yaml ...]

Prints, over all documents:
  recall (right region and year): gold values found as a headline row (scope total,
      or term with its period) with the same indicator, value, qualifier, region and year;
  recall (value only): the same, ignoring region and year;
  precision: headline rows (total and term) that are a gold value of their document;
  decoys: headline rows taken from a phrase the gold file lists as a decoy.
Documents with the same `group` are concatenated in order into one file (a
compilation of several reports) and read as one.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.normalize import normalize  # noqa: E402
from extract.pipeline import extract_documents  # noqa: E402

DEVSET = ROOT / "tests" / "devset"


def load(paths: list[Path]) -> list[dict]:
    docs = []
    for p in paths:
        for d in yaml.safe_load(p.read_text(encoding="utf-8"))["documents"]:
            d["file"] = p.name
            docs.append(d)
    return docs


def units(docs: list[dict]) -> list[tuple[str, list[dict]]]:
    """(text, member documents): a grouped compilation is one text of several documents."""
    out, groups = [], defaultdict(list)
    for d in docs:
        if d.get("group"):
            groups[(d["file"], d["group"])].append(d)
        else:
            out.append((d["text"], [d]))
    for members in groups.values():
        out.append(("\n\n".join(m["text"] for m in members), members))
    return out


def headline(rows):
    return [r for r in rows if r.scope in ("total", "term") and r.category != "主题"]


def _same(r, v) -> bool:
    return (r.indicator == v["indicator"] and float(r.value) == float(v["value"])
            and r.qualifier == v.get("qualifier", "exact") and r.scope == v.get("scope", "total"))


def _placed(r, v, doc) -> bool:
    exp = doc.get("expect") or {}
    if r.region != exp.get("region"):
        return False
    if v.get("scope") == "term":
        return not v.get("period") or r.period == v["period"]
    return r.year == exp.get("work_year")


def _inside(text: str, start: int, end: int, decoy: str) -> bool:
    """Whether the matched phrase lies within an occurrence of the decoy in the text."""
    i = text.find(decoy)
    while i >= 0:
        if i <= start and end <= i + len(decoy):
            return True
        i = text.find(decoy, i + 1)
    return False


def evaluate(docs: list[dict], verbose: bool = False) -> dict:
    stats = Counter()
    by_kind = defaultdict(Counter)
    for i, (text, members) in enumerate(units(docs)):
        name = members[0]["id"] + ".txt"
        exs = extract_documents(text, name, text_stats=False)
        rows = [r for ex in exs for r in headline(ex.rows)]
        texts = {r.document: ex.text for ex in exs for r in ex.rows}
        ex = exs[0]
        used = set()
        for doc in members:
            kind = doc.get("source_kind", "?")
            for v in doc.get("values", []):
                stats["gold"] += 1
                by_kind[kind]["gold"] += 1
                match = [j for j, r in enumerate(rows) if _same(r, v)]
                placed = [j for j in match if _placed(rows[j], v, doc)]
                used.update(match)
                if match:
                    stats["value"] += 1
                if placed:
                    stats["placed"] += 1
                    by_kind[kind]["placed"] += 1
                elif verbose:
                    got = [(r.indicator, r.value, r.scope, r.region, r.year, r.period) for r in rows
                           if r.indicator == v["indicator"]]
                    print(f"  MISS {doc['id']}: {v['indicator']}={v['value']} ({v.get('scope', 'total')}) "
                          f"«{v['quote']}» got {got}; meta {ex.meta.region} {ex.meta.work_year}")
        decoys = [normalize(d) for doc in members for d in doc.get("decoys", []) or []]
        for j, r in enumerate(rows):
            stats["rows"] += 1
            if j in used:
                stats["correct"] += 1
                continue
            phrase = texts[r.document][r.start:r.end]
            if any(_inside(texts[r.document], r.start, r.end, d) for d in decoys):
                stats["decoys"] += 1
            if verbose:
                print(f"  EXTRA {members[0]['id']}: {r.indicator}={r.value} {r.scope} «{phrase}» | {r.evidence[:60]}")
    stats["docs"] = sum(1 for _ in docs)
    return {"stats": stats, "by_kind": by_kind}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    paths = args.files or sorted(DEVSET.glob("*.yaml"))
    docs = load(paths)
    result = evaluate(docs, args.verbose)
    s = result["stats"]
    regions = {d.get("region_seen") or (d.get("expect") or {}).get("region") for d in docs}
    levels = Counter(d.get("level") for d in docs)
    years = sorted({(d.get("expect") or {}).get("work_year") for d in docs} - {None})
    print(f"development set: {s['docs']} documents, {len(regions)} regions "
          f"({levels['province']} provincial, {levels['city']} city, {levels['county']} county documents), "
          f"work years {years[0] if years else '-'}–{years[-1] if years else '-'}, {s['gold']} gold values")
    print(f"recall (right region and year): {s['placed'] / max(1, s['gold']):.3f}  ({s['placed']}/{s['gold']})")
    print(f"recall (value only):            {s['value'] / max(1, s['gold']):.3f}  ({s['value']}/{s['gold']})")
    print(f"precision:                      {s['correct'] / max(1, s['rows']):.3f}  ({s['correct']}/{s['rows']})")
    print(f"decoy values taken:             {s['decoys']}")
    for kind, c in sorted(result["by_kind"].items()):
        print(f"  {kind:12s} recall {c['placed'] / max(1, c['gold']):.3f} ({c['placed']}/{c['gold']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
