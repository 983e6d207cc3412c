"""One document through all stages: read → normalise → metadata → sections → rows."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .counts import SentenceIndex, find_counts
from .documents_config import DocumentsConfig, load_documents_config
from .gazetteer import Gazetteer, load_gazetteer
from .indicators import IndicatorSet, load_indicators
from .metadata import DocMeta, detect_metadata
from .normalize import NormalizeConfig, load_normalize_config, normalize
from .readers import read_path
from .rows import Row, assign_scope, hit_to_row
from .sections import Section, split_sections
from .sources import Source


@dataclass(frozen=True)
class Configs:
    normalize: NormalizeConfig
    indicators: IndicatorSet
    documents: DocumentsConfig
    gazetteer: Gazetteer


def load_configs(config_dir: Path | None = None) -> Configs:
    """Load and validate every config file; raises ConfigError listing all problems."""
    from .config import CONFIG_DIR, ConfigError

    d = config_dir or CONFIG_DIR
    loaded, problems = {}, []
    for key, loader, name in (("normalize", load_normalize_config, "normalize.yaml"),
                              ("indicators", load_indicators, "indicators.yaml"),
                              ("documents", load_documents_config, "documents.yaml"),
                              ("gazetteer", load_gazetteer, "regions.yaml")):
        try:
            loaded[key] = loader(d / name)
        except ConfigError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ConfigError(problems)
    return Configs(**loaded)


@lru_cache(maxsize=1)
def default_configs() -> Configs:
    return load_configs()


@dataclass
class Extraction:
    document: str
    text: str
    meta: DocMeta
    sections: list[Section]
    rows: list[Row] = field(default_factory=list)


def apply_source(meta: DocMeta, source: Source | None, gaz: Gazetteer) -> None:
    """Fields a person set in sources.yaml win over detected ones."""
    if not source:
        return
    for key in ("kind", "region", "level", "report_date", "work_year", "title"):
        value = getattr(source, key)
        if value is not None:
            setattr(meta, key, value)
            meta.source[key] = "configured"
    if source.region and not source.level:
        region = gaz.lookup(source.region)
        if region:
            meta.region, meta.level = region.name, region.level
            meta.source["level"] = "configured"


def extract_text(raw: str, document: str, source: Source | None = None,
                 configs: Configs | None = None) -> Extraction:
    """Text in, sections and tidy rows out. Pure: no I/O."""
    cfg = configs or default_configs()
    text = normalize(raw, cfg.normalize)
    meta = detect_metadata(text, cfg.gazetteer, cfg.documents)
    apply_source(meta, source, cfg.gazetteer)
    sections = split_sections(text, meta, cfg.gazetteer, cfg.documents, source.masked if source else None)
    sentences = SentenceIndex(text)
    rows: list[Row] = []
    hits = {}
    for section in sections:
        if section.plan:
            continue  # plans are not achievements
        for hit in find_counts(text, cfg.indicators, [(section.start, section.end)], sentences):
            if meta.kind == "annual_report" and any(c in hit.cue_text for c in cfg.indicators.future_cues):
                continue  # 今年将…: a plan inside the review part
            hits[len(rows)] = hit
            rows.append(hit_to_row(hit, text, document, section, cfg.indicators))
    assign_scope(rows, hits, cfg.indicators)
    return Extraction(document, text, meta, sections, rows)


def extract_file(path: Path, document: str | None = None, source: Source | None = None,
                 configs: Configs | None = None) -> Extraction:
    return extract_text(read_path(path), document or Path(path).name, source, configs)
