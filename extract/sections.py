"""Cutting a document into sections, each with its own region, level and year.

- annual reports and news: one section per heading; the plan part is flagged;
- compilations: per theme heading, one section per run of sentences that
  begins with a region name (``上海制定…``, ``广西32名…``);
- journal pages: one section per article (``■ 作者（省份）`` bylines), the
  region read from the article body (``安徽省定远县人大常委会``);
- speech collections: one section per speech, titles found through the table
  of contents; masked names (``*县``) are resolved only by ``sources.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .documents_config import DocumentsConfig
from .gazetteer import Gazetteer, Region
from .metadata import DocMeta, congress_region, region_before

_THEME = re.compile(r"(?m)^[一二三四五六七八九十]+、(?:关于)?([^\n]{2,40})$")
_SENTENCE_START = re.compile(r"(?:^|(?<=[。；！？\n]))")
_BYLINE = re.compile(r"(?m)^■\s*([^\n（(]{1,20})[（(]([^\n）)]{2,10})[）)]\s*$")
_YEAR = re.compile(r"(20\d{2})年(?![—\-－~至到])")
_TERMINAL = "。！？；：，、"


@dataclass
class Section:
    index: int
    title: str
    start: int
    end: int
    region: str | None
    level: str | None
    year: int | None
    plan: bool = False
    theme: str | None = None
    term_period: str | None = None  # years a term review in this section covers (2018-2022), if any


def split_sections(text: str, meta: DocMeta, gaz: Gazetteer, cfg: DocumentsConfig,
                   masked: dict[str, str] | None = None) -> list[Section]:
    kind = meta.kind
    if kind == "compilation":
        sections = _compilation(text, meta, gaz)
    elif kind == "journal":
        sections = _journal(text, meta, gaz)
    elif kind == "speeches":
        sections = _speeches(text, meta, gaz, masked or {})
    else:
        sections = _report(text, meta, cfg)
    return sections or [Section(0, meta.title or "全文", 0, len(text), meta.region, meta.level, meta.work_year)]


def _plan_start(text: str, cfg: DocumentsConfig) -> int | None:
    floor = len(text) // 3
    starts = [m.start() for rx in cfg.plan_markers for m in rx.finditer(text) if m.start() >= floor]
    return min(starts) if starts else None


def _report(text: str, meta: DocMeta, cfg: DocumentsConfig) -> list[Section]:
    plan = _plan_start(text, cfg) if meta.kind == "annual_report" else None
    plan_paras = _news_plan_paragraphs(text, cfg) if meta.kind in ("news", "annual_report") else []
    cuts = sorted({m.start() for rx in cfg.section_headings for m in rx.finditer(text)} | {0}
                  | ({plan} if plan is not None else set()) | {p for span in plan_paras for p in span})
    sections = []
    for i, start in enumerate(cuts):
        end = cuts[i + 1] if i + 1 < len(cuts) else len(text)
        if end <= start:
            continue
        title = text[start:text.find("\n", start) if "\n" in text[start:end] else end][:60]
        is_plan = (plan is not None and start >= plan) or any(a <= start < b for a, b in plan_paras)
        sections.append(Section(len(sections), title if start else (meta.title or title), start, end,
                                meta.region, meta.level, meta.work_year, plan=is_plan,
                                term_period=meta.term_period))
    return sections


def _news_plan_paragraphs(text: str, cfg: DocumentsConfig) -> list[tuple[int, int]]:
    """Paragraphs of a news digest about this year's plans (今年，省人大常委会将…): (start, end)."""
    spans = []
    for rx in cfg.news_plan_markers:
        for m in rx.finditer(text):
            end = text.find("\n", m.start())
            spans.append((m.start(), len(text) if end == -1 else end))
    return sorted(set(spans))


def _compilation(text: str, meta: DocMeta, gaz: Gazetteer) -> list[Section]:
    themes = list(_THEME.finditer(text))
    sections: list[Section] = []
    if not themes:  # no theme headings: the whole text is one run of regions
        for start, end, region in _region_runs(text, 0, len(text), gaz):
            sections.append(Section(len(sections), region.short or region.name, start, end, region.name,
                                    region.level, meta.work_year))
        return sections
    for t_i, tm in enumerate(themes):
        theme = tm.group(1).strip()
        body_start = tm.end()
        body_end = themes[t_i + 1].start() if t_i + 1 < len(themes) else len(text)
        runs = _region_runs(text, body_start, body_end, gaz)
        for start, end, region in runs:
            sections.append(Section(len(sections), f"{theme}·{region.short or region.name}", start, end,
                                    region.name, region.level, meta.work_year, theme=theme))
    return sections


def _region_runs(text: str, lo: int, hi: int, gaz: Gazetteer) -> list[tuple[int, int, Region]]:
    """Runs of sentences in text[lo:hi] that each begin with a region name."""
    starts: list[tuple[int, Region]] = []
    pos = lo
    while pos < hi:
        while pos < hi and text[pos] in "\n ":
            pos += 1
        name = gaz.match_at(text, pos)
        region = gaz.lookup(name) if name else None
        # a county's short form (合作, 安宁, 东方) is too often an ordinary word to open a section
        if region and region.level == "county" and name != region.name:
            region = None
        if region and (not starts or starts[-1][1] != region):
            starts.append((pos, region))
        nxt = min((i for i in (text.find(c, pos, hi) for c in "。；\n") if i != -1), default=-1)
        if nxt == -1:
            break
        pos = nxt + 1
    runs = []
    for i, (start, region) in enumerate(starts):
        if i + 1 < len(starts):
            end = starts[i + 1][0]
        else:  # the last run ends with its paragraph: what follows is a footer
            para_end = text.find("\n", start, hi)
            end = hi if para_end == -1 else para_end
        runs.append((start, end, region))
    return [(s, _rstrip(text, s, e), r) for s, e, r in runs]


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in "\n ":
        end -= 1
    return end


def latest_year(chunk: str, ceiling: int | None = None) -> int | None:
    years = [int(y) for y in _YEAR.findall(chunk)]
    if ceiling:
        years = [y for y in years if y <= ceiling]
    return max(years) if years else None


def _article_region(body: str, gaz: Gazetteer) -> Region | None:
    """Whose work an article reports: the first 'province + city/county' pair in its body
    (安徽省定远县), else a congress it names (湖北省人大常委会), else nobody — an essay by an
    author from a province is not that province's report, so the byline alone gives no region."""
    for _s, end, name in gaz.find_provinces(body):
        prov = gaz.province_of(name)
        inner = gaz.match_at(body, end)
        if prov and inner:
            region = gaz.lookup(inner, province=prov.name)
            if region and region.level != "province":
                return region
    return congress_region(body, gaz)


def _journal(text: str, meta: DocMeta, gaz: Gazetteer) -> list[Section]:
    bylines = list(_BYLINE.finditer(text))
    starts = []
    for bm in bylines:
        prev_end = bm.start() - 1
        prev_start = text.rfind("\n", 0, max(prev_end, 0)) + 1
        title = text[prev_start:prev_end].strip()
        is_title = 0 < len(title) <= 40 and title[-1] not in _TERMINAL
        starts.append((prev_start if is_title else bm.start(), title if is_title else bm.group(1), bm))
    sections = []
    for i, (start, title, bm) in enumerate(starts):
        end = _rstrip(text, start, starts[i + 1][0] if i + 1 < len(starts) else len(text))
        body = text[bm.end():end]
        region = _article_region(body, gaz)
        sections.append(Section(len(sections), f"{title}（{bm.group(1).strip()}·{bm.group(2).strip()}）", start, end,
                                region.name if region else None, region.level if region else None,
                                latest_year(body) or meta.work_year))
    if sections and sections[0].start > 0:
        sections.insert(0, Section(0, "刊头", 0, sections[0].start, None, None, None))
        for i, s in enumerate(sections):
            s.index = i
    return sections


def _toc_text(text: str) -> str:
    m = re.search(r"目\s*录", text[:400])
    if not m:
        return ""
    end = m.end()
    for line in text[m.end():].split("\n")[:40]:
        if re.search(r"\d\s*$", line) or re.match(r"^\d{1,2}[.、．]?", line):
            end = text.find(line, end) + len(line)
        else:
            break
    return text[m.start():end]


def _speeches(text: str, meta: DocMeta, gaz: Gazetteer, masked: dict[str, str]) -> list[Section]:
    toc = _toc_text(text)
    body_from = text.find("\n", len(toc)) + 1 if toc else 0
    starts = []
    pos = body_from
    for line in text[body_from:].split("\n"):
        stripped = line.strip()
        looks_title = 6 <= len(stripped) <= 60 and stripped[-1] not in _TERMINAL
        if looks_title and (stripped in toc if toc else not re.match(r"^[一二三四五六七八九十\d]", stripped)):
            starts.append((pos, stripped))
        pos += len(line) + 1
    sections = []
    for i, (start, title) in enumerate(starts):
        end = _rstrip(text, start, starts[i + 1][0] if i + 1 < len(starts) else len(text))
        region = _speech_region(text[start:end], meta, gaz, masked)
        sections.append(Section(len(sections), title, start, end, region[0], region[1],
                                latest_year(text[start:end]) or meta.work_year))
    if sections and sections[0].start > 0:
        sections.insert(0, Section(0, "目录", 0, sections[0].start, meta.region, meta.level, None))
        for i, s in enumerate(sections):
            s.index = i
    return sections


def _speech_region(body: str, meta: DocMeta, gaz: Gazetteer, masked: dict[str, str]) -> tuple[str | None, str | None]:
    """Whose speech: the congress it calls itself (县人大常委会 or 市人大常委会)."""
    for m in re.finditer(r"人大常委会", body):
        region = region_before(body, m.start(), gaz)
        if region and region.level != "province":
            return region.name, region.level
    county = len(re.findall(r"县人大常委会|县人大代表|全县", body))
    city = len(re.findall(r"市人大常委会|市人大代表|全市", body))
    suffix = "县" if county > city else "市" if city > county else None
    name = masked.get(suffix) if suffix else None
    if name:
        region = gaz.lookup(name)
        if region:
            return region.name, region.level
    return meta.region, meta.level
