"""对标分析报告: a Word brief written from the store for the current filters.

Title and scope, 主要发现, then year-over-year change, ranking among peers, gap analysis
and practices worth learning — each with a table, a chart and numbered references
to the source sentences collected in the appendix.  Fonts as official documents use
them: 仿宋 for body text, 宋体 in tables, 黑体 for headings (set for East Asian text).
"""
from __future__ import annotations

import datetime as dt
import io

import pandas as pd

from analysis import report_charts
from analysis.gaps import indicator_gaps
from analysis.labels import DIRECTION_LABELS, faithful_label, filters_text, region_sort_key
from analysis.queries import LEVEL_LABELS, fmt_number, latest_per, value_label, year_label

from . import findings as findings_mod
from .views import Frames

BODY_FONT, TABLE_FONT, HEADING_FONT, LATIN_FONT = "仿宋", "宋体", "黑体", "Times New Roman"
NUMERALS = "一二三四五六七八九十"


# --- data for each section ----------------------------------------------------------------------

def _latest(headline: pd.DataFrame) -> pd.DataFrame:
    """Each region's latest row per indicator (a dated value wins over one of unknown year)."""
    h = headline[headline.category != "主题"]
    return latest_per(h, ["region", "indicator"])


def peers_of(frames: Frames, f: dict) -> list[str]:
    """The regions the brief compares with: the chosen comparison regions, else every region
    of the same level that the store knows (never the region itself)."""
    region = f["region"]
    chosen = [r for r in (f.get("regions") or []) if r != region]
    if chosen:
        return chosen
    level = f.get("level") or "province"
    known = set(frames.regions_known[frames.regions_known.level == level].region)
    known |= set(frames.headline[frames.headline.level == level].region)
    if frames.practices is not None:
        known |= set(frames.practices[frames.practices.level == level].region.dropna())
    return sorted(known - {region}, key=region_sort_key)


def _gap_rows(headline: pd.DataFrame, region: str, peers: list[str]) -> pd.DataFrame:
    """For each indicator the region reports: its value against the peers' median and best
    (``analysis.gaps.indicator_gaps``), only where some peer has a value too."""
    g = indicator_gaps(headline, region, peers)
    if g.empty:
        return g
    g = g[g.value.notna() & (g.peer_count > 0)]
    return g.rename(columns={"peer_median": "median", "best_value": "best", "peer_count": "peers"}).assign(
        region=region).reset_index(drop=True)


def _theme_gaps(practices: pd.DataFrame, region: str, peers: list[str]) -> pd.DataFrame:
    """Themes in which peers cite practices and the region cites none (or fewer than the peers' average).

    A count per theme; the practice types peers have and the region lacks are ``analysis.gaps.practice_gaps``.
    """
    p = practices[practices.theme.notna()]
    mine = p[p.region == region].groupby("theme").size()
    theirs = p[p.region.isin(peers)]
    if theirs.empty:
        return pd.DataFrame()
    by = theirs.groupby("theme").agg(peer_count=("name", "size"), peer_regions=("region", "nunique"))
    by["mine"] = [int(mine.get(t, 0)) for t in by.index]
    by["peer_mean"] = by.peer_count / max(len(peers), 1)
    gaps = by[by.mine < by.peer_mean].sort_values(["mine", "peer_regions", "peer_count"], ascending=[True, False, False])
    return gaps.reset_index()


# --- the document ---------------------------------------------------------------------------------

class Sources:
    """Source sentences, numbered in order of first citation; the appendix lists them."""

    def __init__(self, titles: dict[str, str]):
        self.titles = titles
        self.items: list[tuple[str, str]] = []
        self._index: dict[tuple, int] = {}

    def cite(self, region, year, evidence, document) -> str:
        if not isinstance(evidence, str) or not evidence:
            return "—"
        key = (document, evidence)
        if key not in self._index:
            title = self.titles.get(document) or document
            self.items.append((f"{region or '未知地区'} · {year_label(year)} · {title}", evidence))
            self._index[key] = len(self.items)
        return f"[{self._index[key]}]"


def _font(run_or_style, east_asian: str, size=None, bold=None) -> None:
    from docx.oxml.ns import qn

    font = run_or_style.font
    font.name = LATIN_FONT
    if size is not None:
        from docx.shared import Pt

        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    rpr = (run_or_style.element if hasattr(run_or_style, "type") else run_or_style._r).get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi"):
        fonts.set(qn(attr), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asian)


def _styles(doc) -> None:
    from docx.shared import Pt, RGBColor

    _font(doc.styles["Normal"], BODY_FONT, size=14)
    doc.styles["Normal"].paragraph_format.line_spacing = 1.4
    for name, size in (("Title", 22), ("Heading 1", 16), ("Heading 2", 14)):
        style = doc.styles[name]
        _font(style, HEADING_FONT, size=size, bold=name != "Heading 1")
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(12)
    _font(doc.styles["Caption"], BODY_FONT, size=10.5)
    doc.styles["Caption"].font.color.rgb = RGBColor(0x44, 0x44, 0x44)


def _para(doc, text: str, style: str | None = None):
    p = doc.add_paragraph(style=style)
    run = p.add_run(text)
    _font(run, HEADING_FONT if style in ("Title", "Heading 1", "Heading 2") else BODY_FONT)
    return p


def _heading(doc, text: str, level: int = 1) -> None:
    h = doc.add_heading(level=level)
    _font(h.add_run(text), HEADING_FONT)


def _table(doc, header: list[str], rows: list[list[str]], widths_cm: list[float] | None = None) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Cm

    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = ""
        _font(cell.paragraphs[0].add_run(text), HEADING_FONT, size=10.5, bold=False)
        cell._tc.get_or_add_tcPr().append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:fill="E8EEF5"/>'))
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = ""
            _font(cell.paragraphs[0].add_run(str(text)), TABLE_FONT, size=10.5)
    if widths_cm:
        for column, w in zip(table.columns, widths_cm):
            column.width = Cm(w)
        for row in table.rows:
            for cell, w in zip(row.cells, widths_cm):
                cell.width = Cm(w)


def _chart(doc, fig, caption: str, images: bool) -> None:
    """The chart as a PNG picture with its caption; a sentence saying why where images cannot be made."""
    from docx.shared import Cm

    if not images:
        _para(doc, f"（{caption}：服务器未安装 Chromium 或中文字体，未能生成图片。）", "Caption")
        return
    png = fig.to_image(format="png", width=900, height=fig.layout.height or 500, scale=2)
    doc.add_picture(io.BytesIO(png), width=Cm(15.5))
    _para(doc, caption, "Caption")


# --- sections ---------------------------------------------------------------------------------------

def _scope(doc, frames: Frames, f: dict, peers: list[str], docs_used: list[str]) -> None:
    titles = frames.documents.set_index("document").title.to_dict() if len(frames.documents) else {}
    level = LEVEL_LABELS.get(f.get("level"), "—")
    _heading(doc, "一、对标范围")
    _para(doc, f"本地区：{f['region']}（{level}）。")
    _para(doc, "对标地区：" + ("、".join(peers[:20]) + (f" 等 {len(peers)} 个地区" if len(peers) > 20 else "")
                           if peers else "无同级地区数据") + "。")
    _para(doc, "年度：" + (f"{f['year']} 年" if f.get("year") else "各地区最新可得年度") + "。")
    _para(doc, f"依据文档（{len(docs_used)} 份）：" + "；".join(titles.get(d) or d for d in docs_used[:12])
          + ("等" if len(docs_used) > 12 else "") + "。")
    _para(doc, f"筛选条件：{filters_text(f, _indicator_label(frames, f.get('indicator')))}。数据库生成于 "
          f"{frames.built_at or '—'}，报告生成于 {dt.date.today().isoformat()}。")


def _indicator_label(frames: Frames, indicator) -> str | None:
    h = frames.headline[frames.headline.indicator == indicator]
    return faithful_label(h.label.iloc[0], h.evidence) if len(h) else None


def _changes(frames: Frames, region: str) -> pd.DataFrame:
    ch = frames.changes[(frames.changes.region == region) & (frames.changes.category != "主题")]
    if ch.empty:
        return ch
    last = ch.sort_values(["year_to", "year_from"]).iloc[-1]
    return ch[(ch.year_from == last.year_from) & (ch.year_to == last.year_to)]


def _change_section(doc, n: str, frames: Frames, region: str, src: Sources, images: bool) -> list[str]:
    _heading(doc, f"{n}、同比变化")
    ch = _changes(frames, region)
    if ch.empty:
        _para(doc, f"{region}只有一个年度的数据，无法比较变化。")
        return []
    y0, y1 = int(ch.year_from.iloc[0]), int(ch.year_to.iloc[0])
    _para(doc, f"{region} {y1} 年与 {y0} 年工作报告中同一指标的对比（“未再报告”只表示后一年度报告未给出该数字，不表示为 0）。")
    h = frames.headline
    rows = []
    for _, c in ch.iterrows():
        ev = h[(h.region == region) & (h.indicator == c.indicator) & h.year.isin([c.year_from, c.year_to])]
        refs = " ".join(src.cite(region, e.year, e.evidence, e.document) for _, e in ev.iterrows())
        rows.append([faithful_label(c.label, ev.evidence), value_label(c.value_from, c.qualifier_from, c.unit),
                     value_label(c.value_to, c.qualifier_to, c.unit),
                     "—" if pd.isna(c.pct) else ("0%" if round(c.pct) == 0 else f"{c.pct:+.0f}%"),  # no sign when unchanged
                     DIRECTION_LABELS.get(c.direction, "—"), refs])
    _table(doc, ["指标", f"{y0} 年", f"{y1} 年", "幅度", "方向", "依据"], rows, [4.6, 2.4, 2.4, 1.6, 2.2, 2.0])
    both = ch[ch.pct.notna()].copy()
    if len(both) >= 2:
        both["label"] = [faithful_label(c.label, h[(h.region == region) & (h.indicator == c.indicator)].evidence)
                         for _, c in both.iterrows()]
        both = both.reindex(both.pct.abs().sort_values(ascending=False).index).head(12)
        _chart(doc, report_charts.change_bars(both[["label", "pct"]], f"{region} {y1} 年较 {y0} 年各项指标变化"),
               f"图：{region}各项指标较 {y0} 年的变化幅度（红色为增长，蓝色为下降）", images)
    return [s for s in (findings_mod.change_sentence(c.to_dict()) for _, c in
                        ch.reindex(ch.pct.abs().sort_values(ascending=False).index).iterrows()) if s][:3]


def _ranking_section(doc, n: str, frames: Frames, f: dict, peers: list[str], src: Sources, images: bool,
                     colors: dict) -> list[str]:
    region = f["region"]
    _heading(doc, f"{n}、同级排名")
    latest = _latest(frames.headline)
    pool = latest[latest.region.isin([region, *peers])]
    mine = latest[latest.region == region]
    rows, facts, best_ind, best_n = [], [], None, 1
    for _, r in mine.iterrows():
        same = pool[pool.indicator == r.indicator].sort_values("value", ascending=False)
        if len(same) < 2:
            continue
        rank = list(same.region).index(region) + 1
        top = same.iloc[0]
        label = faithful_label(r.label, same.evidence)
        rows.append([label, value_label(r.value, r.qualifier, r.unit), f"{rank} / {len(same)}",
                     f"{top.region} {value_label(top.value, top.qualifier, top.unit)}",
                     src.cite(region, r.year, r.evidence, r.document)])
        if rank == 1:
            facts.append(f"{region}{label}{value_label(r.value, r.qualifier, r.unit)}，在 {len(same)} 个对标地区中居首位")
        if len(same) > best_n or (len(same) == best_n and r.indicator == f.get("indicator")):
            best_ind, best_n = r.indicator, len(same)
    if not rows:
        _para(doc, "对标地区中没有其他地区报告与本地区相同的指标，暂无法排名（无数据不按 0 计）。")
        return []
    _para(doc, "各地区取最新可得年度的数值；排名只在报告了该指标的地区之间进行，未报告的地区不计为 0。")
    _table(doc, ["指标", "本地区", "位次", "最高", "依据"], rows, [4.6, 2.6, 1.8, 4.0, 2.2])
    same = pool[pool.indicator == best_ind].sort_values("value", ascending=False)
    label = faithful_label(same.label.iloc[0], same.evidence)
    for _, r in same.iterrows():
        src.cite(r.region, r.year, r.evidence, r.document)
    names = [f"{r}（{year_label(y)}）" for r, y in zip(same.region, same.year)]
    fig = report_charts.labelled_bars(names, list(same.value), f"{label}：对标地区排名", f"{label}（{same.unit.iloc[0]}）",
                                      [("#c0392b" if r == region else "#7f9fc7") for r in same.region],
                                      [value_label(v, q, "") for v, q in zip(same.value, same.qualifier)])
    _chart(doc, fig, f"图：{label}的对标地区排名（红色为{region}）", images)
    return facts[:3]


def _gap_section(doc, n: str, frames: Frames, region: str, peers: list[str], src: Sources, images: bool) -> list[str]:
    _heading(doc, f"{n}、差距分析")
    facts = []
    gaps = _gap_rows(frames.headline, region, peers)
    _heading(doc, "（一）工作指标", 2)
    if gaps.empty:
        _para(doc, "对标地区没有报告与本地区相同的工作指标，无法逐项比较。")
    else:
        rows = []
        for _, g in gaps.sort_values("gap").iterrows():
            label = faithful_label(g.label, g.evidence)
            rows.append([label, value_label(g.value, g.qualifier, g.unit), f"{fmt_number(g['median'])}{g.unit}",
                         f"{g.best_region} {fmt_number(g.best)}{g.unit}", str(g.peers),
                         src.cite(region, g.year, g.evidence, g.document)])
            if g.gap < 0:
                facts.append(f"{region}{label}{value_label(g.value, g.qualifier, g.unit)}，低于对标地区中位数 "
                             f"{fmt_number(g['median'])}{g.unit}")
        _table(doc, ["指标", "本地区", "对标中位数", "对标最高", "对标地区数", "依据"], rows, [4.2, 2.4, 2.4, 3.4, 1.8, 1.6])
    _heading(doc, "（二）工作做法（按主题）", 2)
    p = frames.practices if frames.practices is not None else pd.DataFrame(columns=["theme", "region", "name"])
    themes = _theme_gaps(p, region, peers)
    if themes.empty:
        _para(doc, "对标地区在各主题下引用的做法不多于本地区，未发现做法上的差距。")
        return facts
    _para(doc, "下表列出对标地区有做法、而本地区没有或少于对标地区平均数的主题（做法来自工作报告、经验摘编等文档）。")
    rows = []
    for _, t in themes.head(12).iterrows():
        examples = p[(p.theme == t.theme) & p.region.isin(peers)].sort_values("region", key=lambda s: s.map(region_sort_key))
        ex = examples.iloc[0]
        rows.append([t.theme, str(t.mine), f"{t.peer_count}（{t.peer_regions} 个地区）", f"{ex.region}：{ex['name']}",
                     src.cite(ex.region, ex.year, ex.evidence, ex.document)])
    _table(doc, ["主题", "本地区做法数", "对标地区做法数", "对标地区做法示例", "依据"], rows, [3.6, 2.0, 3.2, 5.2, 1.6])
    missing = themes[themes.mine == 0]
    if len(missing):
        facts.append(f"对标地区在{'、'.join(missing.theme.head(4))}等主题有做法，{region}的文档中未见")
    top = themes.head(8)
    if len(top) >= 2:
        fig = report_charts.grouped_bars(list(top.theme), {region: [float(v) for v in top.mine],
                                                            "对标地区平均": [float(v) for v in top.peer_mean]},
                                         "各主题引用的做法数：本地区与对标地区平均", "做法数（项）")
        _chart(doc, fig, f"图：{region}与对标地区平均在各主题下的做法数", images)
    return facts


def _practice_section(doc, n: str, frames: Frames, region: str, peers: list[str], src: Sources,
                      images: bool) -> list[str]:
    _heading(doc, f"{n}、值得借鉴的做法")
    p = frames.practices if frames.practices is not None else pd.DataFrame()
    if p.empty:
        _para(doc, "数据库中没有做法记录。")
        return []
    theirs = p[p.region.isin(peers) & (p.kind == "brand")]
    if theirs.empty:
        theirs = p[p.region.isin(peers)]
    if theirs.empty:
        _para(doc, "对标地区的文档中没有识别出品牌做法。")
        return []
    gap_themes = list(_theme_gaps(p, region, peers).get("theme", []))
    rank = {t: i for i, t in enumerate(gap_themes)}
    theirs = theirs.drop_duplicates(subset=["region", "key"]).copy()
    theirs["order"] = [rank.get(t, len(rank)) for t in theirs.theme]
    theirs["region_order"] = theirs.region.map(region_sort_key)
    chosen = theirs.sort_values(["order", "region_order"]).head(15)
    _para(doc, "对标地区文档中的品牌做法，本地区尚无做法的主题排在前面；原文见附录。")
    rows = [[r.region, r.theme if isinstance(r.theme, str) else "—", r["name"],
             src.cite(r.region, r.year, r.evidence, r.document)] for _, r in chosen.iterrows()]
    _table(doc, ["地区", "主题", "做法", "依据"], rows, [3.4, 4.0, 6.4, 1.8])
    counts = theirs.groupby("region").size().sort_values(ascending=False).head(10)
    if len(counts) >= 2:
        fig = report_charts.labelled_bars(list(counts.index), [float(v) for v in counts.values],
                                          "对标地区文档中的品牌做法数", "品牌做法（项）")
        _chart(doc, fig, "图：各对标地区的品牌做法数（同一做法多次提及只计一次）", images)
    first = chosen.iloc[0]
    return [f"可借鉴{first.region}的{first['name']}" + (f"（{first.theme}）" if isinstance(first.theme, str) else "")]


def _appendix(doc, src: Sources) -> None:
    _heading(doc, "附录：原文依据")
    if not src.items:
        _para(doc, "（无）")
    for i, (where, sentence) in enumerate(src.items, 1):
        p = doc.add_paragraph()
        _font(p.add_run(f"[{i}] {where}："), HEADING_FONT, size=10.5)
        _font(p.add_run(sentence), BODY_FONT, size=10.5)


def to_docx(frames: Frames, f: dict, colors: dict | None = None) -> bytes:
    """The brief as .docx bytes for the filters ``f`` (region, level, year, indicator, regions …)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    from .exports import image_session, images_available

    region = f["region"]
    peers = peers_of(frames, f)
    titles = frames.documents.set_index("document").title.to_dict() if len(frames.documents) else {}
    src = Sources(titles)
    doc = Document()
    for section in doc.sections:
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.left_margin = section.right_margin = Cm(2.6)
        section.top_margin, section.bottom_margin = Cm(3.0), Cm(2.5)
    _styles(doc)
    title = _para(doc, f"{region}人大常委会工作对标分析报告", "Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub = _para(doc, f"{dt.date.today().year} 年 {dt.date.today().month} 月")
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    docs_used = sorted(set(frames.headline[frames.headline.region.isin([region, *peers])].document))
    _scope(doc, frames, f, peers, docs_used)
    _heading(doc, "二、主要发现")
    anchor = doc.add_paragraph()  # 主要发现 summarise the sections below, so they are written last
    images = images_available()
    with image_session(images):
        facts = findings_mod.findings(frames.changes, [region], f.get("indicator") or "", limit=2)
        facts += _change_section(doc, "三", frames, region, src, images)
        facts += _ranking_section(doc, "四", frames, f, peers, src, images, colors or {})
        facts += _gap_section(doc, "五", frames, region, peers, src, images)
        facts += _practice_section(doc, "六", frames, region, peers, src, images)
    for fact in list(dict.fromkeys(facts))[:8] or ["所选范围内没有可比较的数据"]:
        _font(anchor.insert_paragraph_before(style="List Bullet").add_run(fact.rstrip("。") + "。"), BODY_FONT)
    anchor._element.getparent().remove(anchor._element)
    _appendix(doc, src)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()

