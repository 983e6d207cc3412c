"""Which config each extraction stage reads, and the key that says when to run it again.

A stage's key is the hash of the config it reads (and of the extraction code):

- ``base`` (normalise, metadata, sections, laws and problems): normalize.yaml, documents.yaml,
  regions.yaml and the document's own sources.yaml entry.  A change re-runs every stage.
- ``counts``: indicators.yaml without labels and categories, and grammar.yaml.
- ``practices`` (named practices and a compilation's figures): practices.yaml, themes.yaml (a
  practice is tagged with its theme's label) and figures.yaml.
- ``themes`` (theme intensity, mentions, top terms: the jieba stages): themes.yaml without labels,
  and terms.yaml.

Labels and categories are read by no stage: the store's ``indicators`` table is
rewritten from the config at each build and joined in at read time, so a label
edit re-extracts nothing.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

import yaml

from . import config

STAGE_FILES = {
    "base": ("normalize.yaml", "documents.yaml", "regions.yaml"),
    "counts": ("indicators.yaml", "grammar.yaml"),
    "practices": ("practices.yaml", "themes.yaml", "figures.yaml"),
    "themes": ("themes.yaml", "terms.yaml"),
}
# Keys left out of a stage's hash: the stage does not read them.
IGNORED_KEYS = {"counts": {"label", "category"}, "themes": {"label"}}
OPTIONAL_STAGES = ("counts", "practices", "themes")  # base is always run with a full extraction


def _strip(value, ignored: set[str]):
    if isinstance(value, dict):
        return {str(k): _strip(v, ignored) for k, v in value.items() if str(k) not in ignored}
    if isinstance(value, list):
        return [_strip(v, ignored) for v in value]
    return value


def _file_digest(path: Path, ignored: set[str]) -> str:
    """The file's content as the stage sees it: parsed YAML (comments and layout do not count)."""
    if not path.exists():
        return "-"
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=config.YAML_LOADER)
    except yaml.YAMLError:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    return json.dumps(_strip(data, ignored), ensure_ascii=False, sort_keys=True, default=str)


def stage_hashes(config_dir: Path, code_version: str) -> dict[str, str]:
    """stage → hash of the config it reads and of the extraction code."""
    out = {}
    for stage, names in STAGE_FILES.items():
        h = hashlib.sha256(code_version.encode())
        for name in names:
            h.update(name.encode() + b"\0" + _file_digest(Path(config_dir) / name, IGNORED_KEYS.get(stage, set())).encode())
        out[stage] = h.hexdigest()[:16]
    return out


def document_keys(hashes: dict[str, str], source) -> dict[str, str]:
    """A document's stage keys: the base key also covers its own sources.yaml entry."""
    entry = json.dumps(dataclasses.asdict(source) if source else {}, ensure_ascii=False, sort_keys=True)
    base = hashlib.sha256(f"{hashes['base']}|{entry}".encode()).hexdigest()[:16]
    return {"key_base": base, **{f"key_{s}": hashes[s] for s in OPTIONAL_STAGES}}


def stale_stages(old: dict, keys: dict[str, str]) -> tuple[str, ...]:
    """The optional stages whose key changed (the caller handles a changed base key)."""
    return tuple(s for s in OPTIONAL_STAGES if old[f"key_{s}"] != keys[f"key_{s}"])


def labels(configs) -> list[tuple[str, str, str]]:
    """(indicator, label, category) of every count indicator and theme."""
    out = [(i.id, i.label, i.category) for i in configs.indicators.indicators]
    out += [(f"theme:{t.id}", t.label, "主题") for t in configs.themes.themes]
    return out
