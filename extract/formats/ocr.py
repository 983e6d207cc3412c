"""OCR of scanned PDFs and page photos, offline.

Pages are rendered with pypdfium2 at 200 dpi; text is recognised by
rapidocr-onnxruntime, whose wheel carries the PP-OCRv4 Chinese detection and
recognition models (nothing is downloaded).  Recognised boxes are put back in
reading order (``reading_order``): lines top to bottom, pieces of a line left
to right, and a two-column page column by column between full-width lines.
Broken lines are joined later by ``normalize`` like any other text.
"""
from __future__ import annotations

import hashlib
import io
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache

from ..readers import ReadError
from . import Progress, ReadText

DPI = 200
MAX_PAGES = 150
MAX_PIXELS = 60_000_000
MIN_SCORE = 0.5
_CACHE: OrderedDict[str, ReadText] = OrderedDict()  # sha256 → text: one upload is read up to three times
_CACHE_SIZE = 256  # texts are small; a batch of thirty scans fits


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@lru_cache(maxsize=1)
def _engine():
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR(use_cls=False, print_verbose=False)  # scans are upright; the angle model costs time


def recognise(image) -> list[Box]:
    """Boxes of text found in a PIL image (score ≥ MIN_SCORE)."""
    import numpy as np

    result, _elapsed = _engine()(np.asarray(image.convert("RGB")), use_cls=False)
    boxes = []
    for points, text, score in result or []:
        if score >= MIN_SCORE and text.strip():
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            boxes.append(Box(min(xs), min(ys), max(xs), max(ys), text.strip()))
    return boxes


def _rows(boxes: list[Box]) -> list[list[Box]]:
    """Boxes grouped into printed lines (vertical centres within half a line height), top to bottom."""
    rows: list[list[Box]] = []
    for b in sorted(boxes, key=lambda b: (b.y0 + b.y1) / 2):
        centre = (b.y0 + b.y1) / 2
        if rows:
            last = rows[-1]
            mid = sum((x.y0 + x.y1) / 2 for x in last) / len(last)
            if abs(centre - mid) < 0.5 * min(b.height, max(x.height for x in last)):
                last.append(b)
                continue
        rows.append([b])
    return [sorted(r, key=lambda b: b.x0) for r in rows]


def _gutter(boxes: list[Box], width: float) -> float | None:
    """The x of an empty vertical strip in the middle of the page that splits the text in two columns."""
    if len(boxes) < 6:
        return None
    for frac in (0.5, 0.45, 0.55, 0.4, 0.6):
        x = width * frac
        left = sum(b.x1 < x for b in boxes)
        right = sum(b.x0 > x for b in boxes)
        if left >= 0.3 * len(boxes) and right >= 0.3 * len(boxes) and left + right >= 0.8 * len(boxes):
            return x
    return None


def _lines(rows: list[list[Box]]) -> list[str]:
    """Text lines, with a blank line where the vertical gap is larger than a line (a new paragraph or block)."""
    out, prev = [], None
    for row in rows:
        top, height = min(b.y0 for b in row), max(b.height for b in row)
        if prev is not None and top - prev > 1.2 * height:
            out.append("")
        out.append(" ".join(b.text for b in row))
        prev = max(b.y1 for b in row)
    return out


def reading_order(boxes: list[Box], width: float) -> str:
    """The page's text in reading order."""
    gutter = _gutter(boxes, width)
    if gutter is None:
        return "\n".join(_lines(_rows(boxes)))
    out, block = [], []

    def flush():
        left = [b for b in block if b.x1 <= gutter]
        right = [b for b in block if b.x0 >= gutter]
        out.extend(_lines(_rows(left)) + _lines(_rows(right)))
        block.clear()

    for row in _rows(boxes):
        if any(b.x0 < gutter < b.x1 for b in row):  # a title across both columns
            flush()
            out.extend(_lines([row]))
        else:
            block.extend(row)
    flush()
    return "\n".join(out)


def _cached(data: bytes, read) -> ReadText:
    key = hashlib.sha256(data).hexdigest()
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    text = read()
    _CACHE[key] = text
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return text


def _ocr_pages(images, n: int, progress: Progress | None, what: str) -> ReadText:
    pages = []
    for i, image in enumerate(images, 1):
        pages.append(reading_order(recognise(image), image.width))
        if progress:
            progress(i, n, what)
    text = "\n\n".join(p for p in pages if p.strip())
    if not text.strip():
        raise ReadError(f"{what}中没有识别出文字")
    return ReadText(text, ocr=True)


def read_scanned_pdf(data: bytes, progress: Progress | None = None) -> ReadText:
    """OCR of a PDF without a text layer, page by page (``progress(page, pages, what)`` after each)."""
    import pypdfium2 as pdfium

    def read():
        try:
            doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise ReadError(f"PDF 文件损坏或不完整（{exc}）")
        try:
            n = len(doc)
            if n > MAX_PAGES:
                raise ReadError(f"扫描件页数过多（{n} 页，OCR 上限 {MAX_PAGES} 页），请拆分后上传")
            images = (doc[i].render(scale=DPI / 72, grayscale=True).to_pil() for i in range(n))
            return _ocr_pages(images, n, progress, "扫描件")
        finally:
            doc.close()

    return _cached(data, read)


def read_image(data: bytes, progress: Progress | None = None) -> ReadText:
    """OCR of a photo or scan of one page (.png, .jpg)."""
    from PIL import Image, UnidentifiedImageError

    def read():
        try:
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                raise ReadError(f"图片过大（{image.width}×{image.height} 像素）")
            image.load()
        except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
            raise ReadError(f"不是有效的图片文件（{type(exc).__name__}）")
        return _ocr_pages([image], 1, progress, "图片")

    return _cached(data, read)
