"""Readers for the files offices really have, beyond txt/docx/text PDF.

Saved web pages (``html``), old Word files (``doc``), scans and photos (``ocr``)
and archives (``archive``) each live in their own module; ``readers.read_bytes``
dispatches here by suffix.  A reader returns a ``ReadText``: the text, plus how
it was read (``ocr``) and what the file said about itself outside the text
(``hints``: a page's title and date), so that the rest of the pipeline keeps
taking a plain string.
"""
from __future__ import annotations

from typing import Callable

HTML_SUFFIXES = (".html", ".htm", ".mhtml", ".mht")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")
DOC_SUFFIXES = (".doc",)
ARCHIVE_SUFFIXES = (".zip",)
SUFFIXES = HTML_SUFFIXES + IMAGE_SUFFIXES + DOC_SUFFIXES

# progress(done, total, what): called by slow readers (OCR) after each page
Progress = Callable[[int, int, str], None]


class ReadText(str):
    """Decoded text that also says how it was read.

    ``ocr``: the text was recognised from page images, so its numbers should be
    checked against the original; ``hints``: metadata the file carries outside
    its text (``title``, ``date``), weaker than anything the text itself says.
    """

    ocr: bool = False
    hints: dict = {}

    def __new__(cls, text: str, ocr: bool = False, hints: dict | None = None):
        obj = super().__new__(cls, text)
        obj.ocr = ocr
        obj.hints = {k: v for k, v in (hints or {}).items() if v}
        return obj

    def __reduce__(self):  # survives pickling to build's worker processes
        return (ReadText, (str(self), self.ocr, self.hints))


def read(data: bytes, suffix: str, progress: Progress | None = None) -> str:
    """Text of a file whose suffix is in SUFFIXES; every failure is a readers.ReadError."""
    if suffix in HTML_SUFFIXES:
        from .html import read_html, read_mhtml

        return read_mhtml(data) if suffix in (".mhtml", ".mht") else read_html(data)
    if suffix in DOC_SUFFIXES:
        from .doc import read_doc

        return read_doc(data)
    from .ocr import read_image

    return read_image(data, progress)
