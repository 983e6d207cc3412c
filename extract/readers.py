"""Reading documents: bytes in, decoded text out (txt, docx, pdf; the other formats in ``formats``).

Every failure is a ``ReadError`` whose message is one plain Chinese line, so
that a batch can report the file and go on.  Decoding uses charset-normalizer,
.docx python-docx and .pdf pypdf; nothing here is hand-written decoding.
"""
from __future__ import annotations

import errno
import io
import re
import zipfile
from pathlib import Path

from . import formats, limits


def max_bytes_setting() -> int:
    """The size limit of one document: DUIBIAO_MAX_UPLOAD_MB megabytes (default 20), read at each call."""
    return limits.max_upload_bytes()


MAX_UNZIPPED = 200 * 1024 * 1024  # all members, media included (the markup has its own bound: limits)
SUFFIXES = (".txt", ".docx", ".pdf") + formats.SUFFIXES
SUPPORTED = "txt、docx、doc、pdf（含扫描件）、html、mhtml、png、jpg"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
_CJK = re.compile(r"[\u4e00-\u9fff]")


_OS_REASONS = {errno.ENAMETOOLONG: "文件名过长", errno.ENOENT: "文件不存在", errno.EACCES: "没有读取权限",
               errno.ENOTDIR: "路径中有一段不是文件夹", errno.ELOOP: "符号链接循环"}


class ReadError(Exception):
    """A document that cannot be read; the message says why, in one line."""


def read_file(path: Path, progress: formats.Progress | None = None) -> tuple[bytes, str]:
    """(original bytes, decoded text) of a file; every failure is a ReadError."""
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError:
        raise ReadError("是文件夹，不是文件")
    except OSError as exc:
        reason = _OS_REASONS.get(exc.errno, exc.strerror or type(exc).__name__)
        raise ReadError(f"无法读取文件（{reason}）")
    return data, read_bytes(data, Path(path).name, progress=progress)


def read_path(path: Path) -> str:
    return read_file(path)[1]


def read_bytes(data: bytes, name: str, max_bytes: int | None = None,
               progress: formats.Progress | None = None) -> str:
    """Decoded text of a document's bytes; every failure, bounds included, is a ReadError.

    ``progress(page, pages, what)`` is called by OCR after each page.
    """
    try:
        text = _read_bytes(data, name, max_bytes, progress)
        limits.check_text(text)
    except limits.LimitError as exc:
        raise ReadError(str(exc)) from None
    return text


def _read_bytes(data: bytes, name: str, max_bytes: int | None = None, progress=None) -> str:
    max_bytes = max_bytes or max_bytes_setting()
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise ReadError(f"不支持的文件类型“{suffix or '无扩展名'}”，只支持 {SUPPORTED}")
    if not data:
        raise ReadError("文件为空")
    if len(data) > max_bytes:
        raise ReadError(f"文件过大（{len(data) / 1048576:.1f} MB，上限 {max_bytes / 1048576:g} MB）")
    if suffix == ".docx":
        text = _docx(data)
    elif suffix == ".pdf":
        text = _pdf(data, progress)
    elif suffix in formats.SUFFIXES:
        text = formats.read(data, suffix, progress)
    else:
        text = decode_text(data)
    if not text.strip():
        raise ReadError("文件中没有文字内容")
    return text


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else the best guess of charset-normalizer."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return _checked(data.decode(codec))
            except UnicodeDecodeError:
                raise ReadError(f"文本编码损坏（{codec}）")
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5", "utf_16_le", "utf_16_be", "utf_8"]).best()
    if best is None or best.chaos > 0.25:
        raise ReadError("无法识别文本编码，或不是文本文件（可能是二进制文件）")
    return _checked(str(best))


def _checked(text: str) -> str:
    """Reject decoded text that is not a document: control bytes or no Chinese."""
    sample = text[:200_000]
    if sample and len(_CONTROL.findall(sample)) > max(3, len(sample) // 200):
        raise ReadError("含有大量控制字符，不是文本文件（可能是二进制文件）")
    if sample.strip() and not _CJK.search(sample):
        raise ReadError("没有中文内容，不是可分析的中文文档")
    return text


def _docx(data: bytes) -> str:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ReadError("不是有效的 docx 文件（文件损坏或格式不对）")
    with zf:
        total = sum(i.file_size for i in zf.infolist())
        if total > MAX_UNZIPPED or any(i.compress_size and i.file_size / i.compress_size > 200 for i in zf.infolist() if i.file_size > 1_000_000):
            raise ReadError("docx 解压后体积异常（疑似压缩炸弹），已拒绝")
        if "word/document.xml" not in zf.namelist():
            raise ReadError("不是有效的 docx 文件（缺少正文）")
        limits.check_unzipped(zf, [i.filename for i in zf.infolist() if not i.filename.startswith("word/media/")])
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on broken files
        raise ReadError(f"不是有效的 docx 文件（{type(exc).__name__}）")
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _pdf(data: bytes, progress=None) -> str:
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise ReadError("PDF 有密码保护，无法读取")
            except ReadError:
                raise
            except Exception:
                raise ReadError("PDF 有密码保护，无法读取")
        pages = [page.extract_text() or "" for page in reader.pages]
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(f"PDF 文件损坏或不完整（{type(exc).__name__}）")
    text = "\n".join(pages)
    if not _CJK.search(text) and not text.strip():
        from .formats.ocr import read_scanned_pdf

        return read_scanned_pdf(data, progress)  # no text layer: a scan (a PDF with one is never OCR'd)
    return text
