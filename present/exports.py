"""Files that leave the dashboard: CSV, XLSX, standalone HTML, PNG/SVG, PPTX with native charts."""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
import shutil
import subprocess
import warnings

import pandas as pd
import plotly.graph_objects as go

from analysis.labels import filters_text
from analysis.queries import LEVEL_LABELS, value_label, year_label

from .views import View, export_figure

CJK_FONT = "Microsoft YaHei"  # what Chinese offices have; LibreOffice falls back to Noto Sans CJK
EXPORT_COLUMNS = {"region": "地区", "level": "层级", "year": "年度", "label": "指标", "value": "数值",
                  "qualifier": "限定", "unit": "单位", "evidence": "原文", "document": "文档", "section": "分节"}
QUALIFIER_WORDS = {"exact": "确数", "at_least": "至少（余/多/超）", "approx": "约数（近/约）"}


def table(view: View) -> pd.DataFrame:
    """The exact rows behind a view, with Chinese column names."""
    d = view.data.copy()
    d["level"] = d["level"].map(lambda v: LEVEL_LABELS.get(v, v))
    d["year"] = d["year"].map(year_label)
    d["qualifier"] = d["qualifier"].map(lambda v: QUALIFIER_WORDS.get(v, v))
    d["value"] = d["value"].map(lambda v: int(v) if float(v).is_integer() else v).astype(object)
    return d[list(EXPORT_COLUMNS)].rename(columns=EXPORT_COLUMNS)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may read as the start of a formula


def defuse(value):
    """A text cell that a spreadsheet would run as a formula, prefixed with ' (OWASP's CSV-injection advice)."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def to_csv(view: View) -> bytes:
    """UTF-8 with BOM, so that Excel opens the Chinese correctly; no cell starts a formula."""
    return table(view).map(defuse).to_csv(index=False).encode("utf-8-sig")


def _as_text(sheet) -> None:
    """openpyxl stores a str beginning with = as a formula: store every such cell as the text it is."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"


def to_xlsx(view: View, built_at: str) -> bytes:
    out = io.BytesIO()
    shown = [part.split("：", 1) for part in filters_text(view.filters, view.label).split("；") if part]
    filters = pd.DataFrame(shown, columns=["筛选项", "取值"])
    meta = pd.DataFrame([("视图", view.title), ("数据库生成时间", built_at),
                         ("导出时间", dt.datetime.now().isoformat(timespec="seconds")), ("来源", view.sources)],
                        columns=["筛选项", "取值"])
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        table(view).to_excel(writer, sheet_name="数据", index=False)
        pd.concat([filters, meta]).to_excel(writer, sheet_name="筛选条件", index=False)
        for ws in writer.sheets.values():
            _as_text(ws)
        sheet = writer.sheets["数据"]
        for col, width in zip("ABCDEFGHIJ", (14, 8, 8, 18, 10, 16, 8, 80, 30, 30)):
            sheet.column_dimensions[col].width = width
    return out.getvalue()


def to_html(view: View) -> bytes:
    """A standalone page that opens offline: plotly.js is embedded."""
    return figure_html(export_figure(view))


def figure_html(fig) -> bytes:
    """The chart filling the browser window (its title, axes and source line scale with it)."""
    import plotly.io as pio

    pio.json.config.default_engine = "orjson"  # in requirements.txt: Chinese as UTF-8 text, not \u escapes
    fig = go.Figure(fig)
    fig.update_layout(height=None, width=None, autosize=True)
    page = fig.to_html(include_plotlyjs=True, full_html=True, config={"displaylogo": False, "responsive": True},
                       default_width="100%", default_height="100%")
    style = "<style>html,body{margin:0;padding:0;height:100%;overflow:hidden}body>div{height:100%}</style>"
    return page.replace("<head>", "<head><meta charset=\"utf-8\"><title>人大工作对标图表</title>" + style, 1).encode("utf-8")


@functools.lru_cache(maxsize=1)
def images_available() -> bool:
    """Server-side images only where Chinese renders: kaleido, a Chromium and a CJK font."""
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return False
    if not (shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")):
        return False
    try:
        fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(fonts.strip())


def to_image(view: View, fmt: str = "png") -> bytes:
    """PNG at slide resolution (1600×900, scale 2) or SVG, with title and source line."""
    return figure_image(export_figure(view), fmt)


@contextlib.contextmanager
def image_session(enabled: bool = True):
    """One Chromium for a batch of images (about 0.2 s each instead of several seconds)."""
    if not enabled:
        yield
        return
    import kaleido

    kaleido.start_sync_server(silence_warnings=True)
    try:
        with warnings.catch_warnings():  # plotly notes that kaleido's options are ignored by a server
            warnings.filterwarnings("ignore", message="The kopts argument is ignored")
            yield
    finally:
        kaleido.stop_sync_server(silence_warnings=True)


def figure_image(fig, fmt: str = "png") -> bytes:
    if not images_available():
        raise RuntimeError("图片导出不可用：需要 Chromium 和中文字体")
    return fig.to_image(format=fmt, width=1600, height=900, scale=2 if fmt == "png" else 1)


# --- PowerPoint -----------------------------------------------------------------------------

def _ea(rpr, typeface: str = CJK_FONT) -> None:
    """Set the East Asian typeface of a run's properties (python-pptx sets only the Latin one)."""
    from pptx.oxml.ns import qn

    for tag in ("a:latin", "a:ea"):
        el = rpr.find(qn(tag))
        if el is None:
            el = rpr.makeelement(qn(tag), {})
            rpr.append(el)
        el.set("typeface", typeface)


def _text(frame, lines: list[str], size: int, bold: bool = False) -> None:
    from pptx.util import Pt

    frame.clear()
    frame.word_wrap = True
    for i, line in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = para.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        _ea(run._r.get_or_add_rPr())


def _textbox(slide, left, top, width, height, lines, size, bold=False):
    from pptx.util import Inches

    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    _text(box.text_frame, lines, size, bold)
    return box


def _chart_slide(prs, view: View) -> None:
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
    from pptx.util import Inches, Pt

    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _textbox(slide, 0.5, 0.3, 12.3, 0.8, [view.title], 26, bold=True)
    data = CategoryChartData()
    if view.kind == "ranking":
        d = view.data.iloc[::-1]
        data.categories = [f"{r}（{year_label(y)}）" for r, y in zip(d.region, d.year)]
        data.add_series(f"{view.label}（{view.unit}）", [float(v) for v in d.value])
        kind = XL_CHART_TYPE.BAR_CLUSTERED
    else:
        pivot = view.pivot
        data.categories = [str(y) for y in pivot.index]
        for region in pivot.columns:
            data.add_series(region, [None if pd.isna(v) else float(v) for v in pivot[region]])
        kind = XL_CHART_TYPE.LINE_MARKERS
    frame = slide.shapes.add_chart(kind, Inches(0.6), Inches(1.2), Inches(12.1), Inches(5.3), data)
    chart = frame.chart
    chart.font.size = Pt(14)
    _ea(chart.font._rPr if hasattr(chart.font, "_rPr") else chart.font._element)
    chart.has_legend = view.kind != "ranking"
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
    plot = chart.plots[0]
    plot.has_data_labels = True
    plot.data_labels.font.size = Pt(12)
    plot.data_labels.number_format = "#,##0"
    plot.data_labels.number_format_is_linked = False
    _textbox(slide, 0.6, 6.6, 12.1, 0.8, [view.sources, "≥ 表示“余/多/超”，≈ 表示“近/约”；无数据不计为 0。"], 11)


def _findings_slide(prs, findings: list[str]) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _textbox(slide, 0.5, 0.3, 12.3, 0.8, ["主要发现"], 28, bold=True)
    _textbox(slide, 0.8, 1.3, 11.8, 5.8, [f"• {s}" for s in findings] or ["（所选范围内没有可比较的两个年度）"], 18)


def _appendix_slides(prs, rows: pd.DataFrame, per_slide: int = 8) -> None:
    from pptx.util import Inches, Pt

    rows = rows.reset_index(drop=True)
    for start in range(0, max(len(rows), 1), per_slide):
        chunk = rows.iloc[start:start + per_slide]
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        _textbox(slide, 0.5, 0.2, 12.3, 0.7, [f"附录：原文依据（{start + 1}–{start + len(chunk)} / {len(rows)}）"], 20, True)
        shape = slide.shapes.add_table(len(chunk) + 1, 4, Inches(0.4), Inches(0.9), Inches(12.5), Inches(6.2))
        tbl = shape.table
        for i, w in enumerate((1.6, 1.6, 7.3, 2.0)):
            tbl.columns[i].width = Inches(w)
        for j, head in enumerate(("地区·年度", "数值", "原文", "文档")):
            _text(tbl.cell(0, j).text_frame, [head], 12, True)
        for i, (_, r) in enumerate(chunk.iterrows(), 1):
            cells = (f"{r.region} {year_label(r.year)}", value_label(r.value, r.qualifier, r.unit), r.evidence,
                     str(r.document))
            for j, text in enumerate(cells):
                _text(tbl.cell(i, j).text_frame, [text], 10)
                for p in tbl.cell(i, j).text_frame.paragraphs:
                    for run in p.runs:
                        run.font.size = Pt(10)


def to_pptx(views: list[View], findings: list[str], topic: str, regions: list[str]) -> bytes:
    """A meeting deck: title, one native chart per view, findings, appendix of evidence sentences."""
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    title = prs.slides.add_slide(prs.slide_layouts[6])
    _textbox(title, 0.8, 2.2, 11.7, 1.2, [topic], 36, bold=True)
    _textbox(title, 0.8, 3.6, 11.7, 1.6, [f"日期：{dt.date.today().isoformat()}",
                                          "地区：" + ("、".join(regions[:12]) + (" 等" if len(regions) > 12 else ""))], 18)
    for view in views:
        if not view.data.empty:
            _chart_slide(prs, view)
    _findings_slide(prs, findings)
    evidence = pd.concat([v.data for v in views]).drop_duplicates(subset=["document", "start", "indicator"])
    _appendix_slides(prs, evidence)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def file_name(view: View, ext: str) -> str:
    bits = [view.kind == "ranking" and "排名" or "趋势", view.label]
    if view.filters.get("year"):
        bits.append(str(view.filters["year"]))
    return "_".join(bits) + f".{ext}"
