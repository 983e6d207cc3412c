"""Saved web pages (.html/.htm) and single-file saves (.mhtml/.mht): the article text only.

The page is decoded in the charset it declares (GB2312 and GBK are read as their
superset GB18030), else guessed like a .txt; trafilatura then keeps the article
and drops navigation, breadcrumbs, share buttons, related links, footers,
scripts and styles.  The page's <title> and publication date become hints for
metadata detection.  Measured on a seed turned into a page with all of that
furniture (tests/seed_formats.html_page): trafilatura kept all 54 report lines
and nothing else, also when the lines were <br>-separated or inside a layout
table; readability-lxml kept the share bar in the <br> case; BeautifulSoup's
get_text kept 28 navigation and footer lines.  ``favor_precision`` keeps
trafilatura from falling back to the whole page when the article is short (a
three-line page came back with its menus without it); all five seeds still give
their text unchanged with it.
"""
from __future__ import annotations

import email
import email.policy
import re

from ..readers import ReadError, decode_text
from . import ReadText

_GB = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030", "euc-cn": "gb18030"}
MIN_ARTICLE_CJK = 50  # fewer Chinese characters than this is menus and footers, not a report
_CJK = re.compile(r"[\u4e00-\u9fff]")
_TITLE_SITE = re.compile(r"\s*(?:[_|｜]|--?|—+|–)\s*")


def _declared(data: bytes) -> str | None:
    from bs4.dammit import EncodingDetector

    enc = EncodingDetector.find_declared_encoding(data[:4096], is_html=True, search_entire_document=False)
    return _GB.get(enc.lower(), enc.lower()) if enc else None


def decode_page(data: bytes, charset: str | None = None) -> str:
    """The page as text, in the charset given (MIME header) or declared (<meta>), else guessed."""
    for enc in (charset and _GB.get(charset.lower(), charset.lower()), _declared(data)):
        if enc:
            try:
                return data.decode(enc)
            except (LookupError, UnicodeDecodeError):
                continue  # a wrong declaration: fall back to guessing
    return decode_text(data)


def page_title(title: str | None) -> str | None:
    """报告标题_某某人大网 → 报告标题 (the site's name after a separator is dropped)."""
    if not title:
        return None
    parts = [p for p in _TITLE_SITE.split(title.strip()) if p]
    return max(parts, key=len) if parts else None


def article(page: str) -> ReadText:
    """The article text of a decoded page, with its title and date as hints."""
    import trafilatura
    from lxml.etree import ParserError

    try:
        text = trafilatura.extract(page, include_tables=True, include_comments=False, include_links=False,
                                   include_images=False, deduplicate=False, favor_precision=True)
        meta = trafilatura.extract_metadata(page)
    except (ParserError, ValueError, TypeError) as exc:
        raise ReadError(f"网页无法解析（{type(exc).__name__}）")
    if not text or len(_CJK.findall(text)) < MIN_ARTICLE_CJK:
        raise ReadError("网页中没有找到正文（可能只有导航、目录或图片）")
    hints = {"title": page_title(meta.title) if meta else None, "date": meta.date if meta else None}
    return ReadText(text, hints=hints)


def read_html(data: bytes) -> ReadText:
    if b"\0" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError("不是网页文件（含二进制内容）")
    return article(decode_page(data))


def read_mhtml(data: bytes) -> ReadText:
    """The first text/html part of a browser's single-file save, in the charset its MIME header gives."""
    msg = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if payload:
                return article(decode_page(payload, part.get_content_charset()))
    raise ReadError("不是有效的 mhtml 文件（没有网页部分）")
