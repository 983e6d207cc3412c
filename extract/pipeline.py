"""One document through all stages: read → normalise → metadata → sections → rows."""
from __future__ import annotations

import datetime as dt
import re

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .counts import SentenceIndex, find_counts
from .figures import FigureConfig, find_figures, load_figure_config
from .documents_config import DocumentsConfig, load_documents_config
from .gazetteer import Gazetteer, load_gazetteer
from .indicators import IndicatorSet, load_indicators
from .metadata import DocMeta, detect_metadata, detect_work_year, region_from_name
from .normalize import NormalizeConfig, load_normalize_config, normalize_parts
from .plans import find_laws, find_problems
from .practice_types import load_practice_types
from .practices import PracticeConfig, find_practices, load_practice_config
from .readers import read_path
from .layout import split_reports
from .rows import Row, assign_scope, hit_to_row, refusal
from .sections import Section, split_sections
from .sources import FIRST_YEAR, Source
from .themes import ThemeConfig, best_theme, intensity, load_theme_config, theme_mentions, tokenize, top_terms


@dataclass(frozen=True)
class Configs:
    normalize: NormalizeConfig
    indicators: IndicatorSet
    documents: DocumentsConfig
    gazetteer: Gazetteer
    practices: PracticeConfig
    themes: ThemeConfig
    figures: FigureConfig | None = None
    practice_types: object = None  # extract.practice_types.PracticeTypes, read by analysis/


def load_configs(config_dir: Path | None = None) -> Configs:
    """Load and validate every config file; raises ConfigError listing all problems."""
    from .config import CONFIG_DIR, ConfigError

    d = config_dir or CONFIG_DIR
    loaded, problems = {}, []
    for key, loader, name in (("normalize", load_normalize_config, "normalize.yaml"),
                              ("indicators", load_indicators, "indicators.yaml"),
                              ("documents", load_documents_config, "documents.yaml"),
                              ("gazetteer", load_gazetteer, "regions.yaml"),
                              ("practices", load_practice_config, "practices.yaml"),
                              ("themes", load_theme_config, "themes.yaml"),
                              ("figures", load_figure_config, "figures.yaml"),
                              ("practice_types", load_practice_types, "practice_types.yaml")):
        try:
            loaded[key] = loader(d / name) if key != "themes" else loader(d / name, d / "terms.yaml")
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
    practices: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    terms: list[dict] = field(default_factory=list)
    laws: list[dict] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # numbers not stored, each with its reason
    rejected: list[dict] = field(default_factory=list)  # implausible years, with their sentences
    ocr: bool = False  # the text was recognised from page images
    masked: dict | None = None  # sources.yaml: what masked names (*县) stand for


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
                 configs: Configs | None = None, text_stats: bool = True) -> Extraction:
    """Text in, sections, tidy rows and the practice catalogue out. Pure: no I/O.

    ``text_stats=False`` skips the jieba stages (themes, terms) for a counts-only scan.
    """
    cfg = configs or default_configs()
    text, chrome = normalize_parts(raw, cfg.normalize)
    return extract_clean(text, chrome, document, source, cfg, text_stats, **read_marks(raw))


def read_marks(raw: str) -> dict:
    """How a reader got the text (formats.ReadText): ``ocr``, and the file's own ``hints`` (page title, date)."""
    return {"ocr": bool(getattr(raw, "ocr", False)), "hints": getattr(raw, "hints", None)}


def extract_documents(raw: str, document: str, source: Source | None = None,
                      configs: Configs | None = None, text_stats: bool = True) -> list[Extraction]:
    """Like ``extract_text``, but a file that holds several reports (a 汇编 of congresses'
    reports) gives one extraction per report, ``name.txt#1``, ``name.txt#2``…, each with its
    own text (offsets point into it), region, level, date and work year. What precedes the
    first report (a cover, a table of contents) gives nothing. A sources.yaml entry for the
    file is not applied to its parts (it describes the whole file)."""
    cfg = configs or default_configs()
    return [run_stages(ex, cfg, STAGES if text_stats else ("counts", "practices"))
            for ex in base_documents(raw, document, source, cfg)]


def base_documents(raw: str, document: str, source: Source | None, cfg: Configs) -> list[Extraction]:
    """The base stage of every report a file holds (see ``extract_documents``)."""
    text, chrome = normalize_parts(raw, cfg.normalize)
    parts = split_reports(text)
    marks = read_marks(raw)
    if not parts:
        return [extract_base(text, chrome, document, source, cfg, **marks)]
    return [extract_base(text[p.start:p.end].rstrip(), chrome, f"{document}#{i}", None, cfg, ocr=marks["ocr"])
            for i, p in enumerate(parts, 1)]


def extract_clean(text: str, chrome: list[str], document: str, source: Source | None,
                  cfg: Configs, text_stats: bool = True, ocr: bool = False, hints: dict | None = None) -> Extraction:
    """The stages after normalisation: ``text`` is already the clean text users see.

    ``ocr`` marks every row as read by OCR; ``hints`` are a saved page's title and date (metadata.detect_metadata).
    """
    ex = extract_base(text, chrome, document, source, cfg, ocr, hints)
    return run_stages(ex, cfg, STAGES if text_stats else ("counts", "practices"))


STAGES = ("counts", "practices", "themes")  # what runs after the base stage (extract/stages.py keys them)


def extract_base(text: str, chrome: list[str], document: str, source: Source | None, cfg: Configs,
                 ocr: bool = False, hints: dict | None = None) -> Extraction:
    """The base stage: metadata, sections, implausible years, laws and problems of a clean text."""
    meta = detect_metadata(text, cfg.gazetteer, cfg.documents, chrome, hints)
    if meta.region is None and meta.kind != "journal":
        region = region_from_name(document, cfg.gazetteer)
        if region:  # 宁波市人大常委会工作报告.docx: the file name says whose it is
            meta.region, meta.level = region.name, region.level
            meta.source.update(region="file name", level="file name")
    apply_source(meta, source, cfg.gazetteer)
    if meta.source.get("work_year") != "configured" and {"kind", "report_date"} & {
            k for k, v in meta.source.items() if v == "configured"}:
        # a person's kind or date changes which year the document reports on
        meta.work_year = detect_work_year(text, meta.kind, meta.report_date, cfg.documents)
        if meta.work_year is not None:
            meta.source["work_year"] = "detected"
    masked = source.masked if source else None
    sections = split_sections(text, meta, cfg.gazetteer, cfg.documents, masked)
    ex = Extraction(document, text, meta, sections, ocr=ocr, masked=masked)
    ex.rejected = reject_implausible_years(text, document, meta, sections)
    ex.laws, ex.problems = _laws_and_problems(text, document, meta, sections, SentenceIndex(text), cfg)
    return ex


def run_stages(ex: Extraction, cfg: Configs, stages: tuple[str, ...]) -> Extraction:
    """Run the optional stages on a base extraction, replacing what they produced before.

    counts: indicator rows (and the numbers refused); practices: named practices and the
    compilation's figures; themes: theme intensity rows, mentions and top terms (jieba).
    """
    text, document, meta, sections = ex.text, ex.document, ex.meta, ex.sections
    sentences = SentenceIndex(text)
    themed = [r for r in ex.rows if r.indicator.startswith("theme:")]
    counted = [r for r in ex.rows if not r.indicator.startswith("theme:")]
    if "counts" in stages:
        ex.refused = []
        counted = _count_rows(text, document, meta, sections, sentences, cfg, ex.refused)
    if "practices" in stages:
        ex.practices = _practices(text, document, sections, sentences, cfg, ex.masked)
        ex.figures = _figures(text, document, meta, sections, sentences, cfg)
    if "themes" in stages:
        themed, ex.mentions, ex.terms = _themes_and_terms(text, document, sections, sentences, cfg)
    ex.rows = counted + themed
    if ex.ocr:  # text recognised from page images: every value should be checked
        for row in ex.rows:
            row.ocr = 1
    return ex


def reject_implausible_years(text: str, document: str, meta: DocMeta, sections: list[Section]) -> list[dict]:
    """A work year outside FIRST_YEAR … this year + 1 (a digit slip: 9823) is dropped, with its sentence.

    The document and its sections then have no year, so no value of theirs is placed in a year.
    """
    last = dt.date.today().year + 1
    out = []

    def bad(year) -> bool:
        return year is not None and not FIRST_YEAR <= int(year) <= last

    def sentence(year: int) -> str:
        for probe in (str(year + 1), str(year)):
            pos = text.find(probe)
            if pos >= 0:
                return _sentence(text, SentenceIndex(text), pos)
        return f"（{meta.source.get('work_year', 'detected')}）{year}"

    if bad(meta.work_year):
        out.append({"document": document, "field": "work_year", "value": meta.work_year,
                    "evidence": sentence(int(meta.work_year))})
        meta.work_year = None
    for s in sections:
        if bad(s.year):
            out.append({"document": document, "field": f"section:{s.title}", "value": s.year,
                        "evidence": sentence(int(s.year))})
            s.year = None
    return out


def _count_rows(text, document, meta, sections, sentences, cfg, refused: list[str]) -> list[Row]:
    rows: list[Row] = []
    hits = {}
    first_session = meta.kind == "annual_report" and getattr(meta, "session", None) == 1
    for section in sections:
        if section.plan:
            continue  # plans are not achievements
        for hit in find_counts(text, cfg.indicators, [(section.start, section.end)], sentences):
            if meta.kind == "annual_report" and _speaks_of_the_year_ahead(hit.cue_text, cfg.indicators.future_cues):
                continue  # 今年将…: a plan inside the review part
            reason = refusal(hit, text)
            if reason:
                refused.append(reason)
                continue
            hits[len(rows)] = hit
            rows.append(hit_to_row(hit, text, document, section, cfg.indicators, first_session))
    assign_scope(rows, hits, cfg.indicators)
    return rows


_CLAUSES = re.compile(r"[，；：“”,;:]")


def _speaks_of_the_year_ahead(cue: str, future_cues: tuple[str, ...]) -> bool:
    """今年将审议法规16件 / 今年，常委会将…: a future cue in the number's clause or in a short
    clause just before it (not in a headline that ran into the sentence)."""
    clauses = _CLAUSES.split(cue)
    near = clauses[-1] + ("".join(clauses[-2:-1]) if len(clauses) > 1 and len(clauses[-2]) <= 8 else "")
    return any(c in near for c in future_cues)


def _sentence(text: str, sentences: SentenceIndex, pos: int) -> str:
    a, b = sentences.around(pos)
    return text[a:b].strip()


def _unmask(name: str, masked: dict[str, str] | None) -> str | None:
    """*市人大… → 丽水市人大… where sources.yaml says what the mask stands for; None while a mask stays."""
    for suffix, full in (masked or {}).items():
        for star in ("*", "＊"):
            name = name.replace(star + suffix, full)
    return None if "*" in name or "＊" in name else name


def _practices(text, document, sections, sentences, cfg, masked=None) -> list[dict]:
    from .practices import name_key

    out = []
    for s in sections:
        if s.plan or not s.region:
            continue
        for p in find_practices(text, s.start, s.end, cfg.practices):
            name = _unmask(p.name, masked)
            if name is None:
                continue  # a name with masked characters is no name
            if name != p.name:
                p.name, p.key = name, name_key(name)
            sentence = _sentence(text, sentences, p.start)
            theme = s.theme or getattr(best_theme(sentence, cfg.themes), "label", None)
            out.append({"document": document, "section": s.title, "region": s.region, "level": s.level,
                        "year": s.year, "theme": theme, "name": p.name, "key": p.key, "kind": p.kind,
                        "evidence": sentence, "start": p.start, "end": p.end})
    return out


def _figures(text, document, meta, sections, sentences, cfg) -> list[dict]:
    """Numbers with the noun they count, for the document kinds config/figures.yaml lists."""
    fc = cfg.figures
    if fc is None or meta.kind not in fc.kinds:
        return []
    out = []
    for s in sections:
        if s.plan or not s.region:
            continue
        for f in find_figures(text, s.start, s.end, fc):
            t = f.type
            out.append({"document": document, "section": s.title, "region": s.region, "level": s.level,
                        "year": s.year, "theme": s.theme, "value": f.value, "qualifier": f.qualifier,
                        "unit": f.unit, "noun": f.noun, "type": t.id if t else None,
                        "type_label": t.label if t else None, "indicator": t.indicator if t else None,
                        "clause": f.clause, "evidence": _sentence(text, sentences, f.start),
                        "start": f.start, "end": f.end})
    return out


def _laws_and_problems(text, document, meta, sections, sentences, cfg) -> tuple[list[dict], list[dict]]:
    if meta.kind != "annual_report":
        return [], []
    laws = []
    for s in sections:
        for law in find_laws(text, s.start, s.end):
            laws.append({"document": document, "region": s.region, "year": s.year,
                         "part": "plan" if s.plan else "review", "stem": law.stem, "name": law.name,
                         "action": law.action, "evidence": _sentence(text, sentences, law.start),
                         "start": law.start, "end": law.end})
    problems = [{"document": document, "region": meta.region, "year": meta.work_year,
                 "text": text[a:b], "start": a, "end": b}
                for a, b in find_problems(text, cfg.documents.problem_markers)]
    return laws, problems


def _themes_and_terms(text, document, sections, sentences, cfg):
    """Theme intensity rows, their mention offsets and top terms, per (region, year) of a document."""
    groups: dict[tuple, list[Section]] = {}
    for s in sections:
        if not s.plan and s.region:
            groups.setdefault((s.region, s.level, s.year), []).append(s)
    rows, mentions, terms = [], [], []
    for (region, level, year), secs in groups.items():
        if sum(s.end - s.start for s in secs) < cfg.themes.min_text_chars:
            continue  # too short for a rate to compare
        toks = []
        for s in secs:  # only the text that is analysed is segmented
            toks.extend(tokenize(text[s.start:s.end], cfg.themes, s.start))
        chars = sum(s.end - s.start for s in secs)
        found: dict[str, list] = {}
        for theme, a, b in theme_mentions(toks, cfg.themes):
            found.setdefault(theme.id, []).append((theme, a, b))
        for tid, hits in found.items():
            theme, a, b = hits[0]
            section = next(s for s in secs if s.start <= a < s.end)
            rows.append(Row(document, section.title if len(secs) == 1 else "全文", region, level, year,
                            f"theme:{tid}", theme.label, "主题", intensity(len(hits), chars), "exact",
                            "次/万字", "total", _sentence(text, sentences, a), a, b))
            mentions.extend({"document": document, "region": region, "year": year, "indicator": f"theme:{tid}",
                             "start": x, "end": y} for _t, x, y in hits)
        for rank, (term, weight) in enumerate(top_terms([t[0] for t in toks], cfg.themes, cfg.gazetteer.names), 1):
            terms.append({"document": document, "region": region, "year": year, "term": term,
                          "weight": weight, "rank": rank})
    return rows, mentions, terms


def extract_file(path: Path, document: str | None = None, source: Source | None = None,
                 configs: Configs | None = None) -> Extraction:
    return extract_text(read_path(path), document or Path(path).name, source, configs)
