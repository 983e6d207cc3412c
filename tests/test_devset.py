"""The development set (tests/devset/*.yaml) as a regression guard.

Made-up documents in the shape of real report pages from all 31 provincial-level
units, cities and counties, each with every headline figure read by hand.
`python bench/bench_devset.py -v` prints the misses; these floors only keep
what has been reached.
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import bench_devset  # noqa: E402


def test_the_development_set_is_well_formed():
    docs = bench_devset.load(sorted(bench_devset.DEVSET.glob("*.yaml")))
    ids = [d["id"] for d in docs]
    assert len(ids) == len(set(ids))
    levels = {}
    for d in docs:
        levels.setdefault(d["level"], set()).add(d.get("region_seen") or d["expect"]["region"])
        for v in d.get("values", []):
            assert v["quote"] in d["text"], (d["id"], v["quote"])
        for decoy in d.get("decoys") or []:
            assert decoy in d["text"], (d["id"], decoy)
    assert len(levels["province"]) == 31 and len(levels["city"]) >= 15 and len(levels["county"]) >= 15


def test_recall_and_precision_do_not_fall():
    docs = bench_devset.load(sorted(bench_devset.DEVSET.glob("*.yaml")))
    s = bench_devset.evaluate(docs)["stats"]
    assert s["value"] / s["gold"] >= 0.94
    assert s["placed"] / s["gold"] >= 0.77
    assert s["correct"] / s["rows"] >= 0.975
