"""Print the practice catalogue's precision on the hand-labelled seeds (labels in tests/test_practice_precision.py)."""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from extract.cli import source_for  # noqa: E402
from extract.pipeline import default_configs, extract_file  # noqa: E402
from extract.sources import load_sources  # noqa: E402
from test_practice_precision import LABELS, _catalogue  # noqa: E402

configs = default_configs()
sources = load_sources(gaz=configs.gazetteer)
ex = {p.name: extract_file(p, p.name, source_for(p, sources, ROOT / "data"), configs)
      for p in sorted((ROOT / "data" / "seeds").glob("*.txt"))}
listed = [(r, n) for r, n, _k in _catalogue(ex)]
correct = sum(1 for i in listed if LABELS.get(i) is True)
print(f"listed practices (one per region and key): {len(listed)}")
print(f"labelled true: {correct}, labelled false: {sum(1 for i in listed if LABELS.get(i) is False)}, "
      f"unlabelled: {sum(1 for i in listed if i not in LABELS)}")
print(f"precision: {correct / len(listed):.1%}")
for item in listed:
    if item not in LABELS:
        print("unlabelled:", item)
