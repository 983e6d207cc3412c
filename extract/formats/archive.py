"""Many reports at once: the members of a .zip, bounded like a docx.

A zip is refused whole when it declares more files than ``limits.max_zip_files()``
or more bytes in all than ``limits.max_zip_bytes()`` (a zip bomb; settings
DUIBIAO_MAX_ZIP_FILES, DUIBIAO_MAX_ZIP_MB), or when its members inflate far beyond
their compressed size; zipfile never inflates a member past its declared size,
so the declared sizes bound what reading costs.  One member is refused (and the
others read) when its path leaves the archive (``../``, absolute, drive letter),
it is encrypted, a nested archive, too large, or of an unsupported type.
Members are read into memory only; nothing is written to disk under their names.
"""
from __future__ import annotations

from collections.abc import Iterator

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .. import limits
from ..readers import SUFFIXES, SUPPORTED, ReadError, max_bytes_setting

MAX_RATIO = 200  # inflated / compressed, for members over 1 MB
_SKIP = re.compile(r"(^|/)(__MACOSX|\.DS_Store|Thumbs\.db|desktop\.ini)(/|$)|(^|/)\.")


@dataclass
class Member:
    name: str  # path inside the archive, with "/"
    data: bytes | None = None
    reason: str | None = None  # why it is not read


def _name(info: zipfile.ZipInfo) -> str:
    """The member's name: Windows zips of Chinese file names use GBK without saying so."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _unsafe(name: str) -> bool:
    path = name.replace("\\", "/")
    return (path.startswith("/") or re.match(r"^[A-Za-z]:", path) is not None
            or ".." in PurePosixPath(path).parts or any(ord(c) < 32 for c in path))


def _open(data: bytes) -> zipfile.ZipFile:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError):
        raise ReadError("不是有效的 zip 文件（文件损坏或格式不对）")
    files = [i for i in zf.infolist() if not i.is_dir()]
    if len(files) > limits.max_zip_files():
        raise ReadError(f"压缩包内文件过多（{len(files)} 个，上限 {limits.max_zip_files()} 个，见 DUIBIAO_MAX_ZIP_FILES）")
    total = sum(i.file_size for i in files)
    if total > limits.max_zip_bytes() or any(i.file_size > 1_000_000 and i.file_size > MAX_RATIO * max(i.compress_size, 1)
                                   for i in files):
        raise ReadError(f"压缩包解压后体积异常（{total / 1048576:.0f} MB，疑似压缩炸弹，见 DUIBIAO_MAX_ZIP_MB），已拒绝")
    return zf


def members(data: bytes) -> list[Member]:
    """Every file of the archive, in its order, with its bytes or the reason it is not read."""
    out = []
    with _open(data) as zf:
        for info in zf.infolist():
            name = _name(info)
            if info.is_dir() or (_SKIP.search(name) and not _unsafe(name)):
                continue  # folders, and what macOS and Windows leave behind
            out.append(_member(zf, info, name))
    if not out:
        raise ReadError("压缩包中没有文件")
    return out


def _member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> Member:
    suffix = Path(name).suffix.lower()
    if _unsafe(name):
        return Member(name, reason="路径不安全（含 ../、绝对路径或控制字符），已跳过")
    if info.flag_bits & 0x1:
        return Member(name, reason="文件有密码保护，无法读取")
    if suffix == ".zip":
        return Member(name, reason="压缩包中的压缩包不读取，请解压后再上传")
    if suffix not in SUFFIXES:
        return Member(name, reason=f"不支持的文件类型“{suffix or '无扩展名'}”，只支持 {SUPPORTED}")
    if info.file_size > max_bytes_setting():
        return Member(name, reason=f"文件过大（{info.file_size / 1048576:.1f} MB）")
    try:
        return Member(name, data=zf.read(info))
    except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError) as exc:
        return Member(name, reason=f"压缩包中该文件损坏（{type(exc).__name__}）")


@dataclass
class Input:
    label: str  # what a message names: the file, or archive/member
    document: str  # the document id
    raw: bytes | None
    text: str | None
    error: str | None = None


def read_inputs(files: list[Path], progress_for) -> Iterator[Input]:
    """Every file read, each member of each zip read as its own document (``a.zip/folder/b.docx``).

    ``progress_for(label)`` gives the page-progress callback of one input (OCR). A generator: one
    input is read at a time, so a caller that does not keep them holds one file's text at most.
    """
    from ..readers import read_bytes, read_file

    for path in files:
        if path.suffix.lower() != ".zip":
            try:
                raw, text = read_file(path, progress=progress_for(path))
                yield Input(str(path), path.name, raw, text)
            except ReadError as exc:
                yield Input(str(path), path.name, None, None, str(exc))
            continue
        try:
            found = members(path.read_bytes())
        except (ReadError, OSError) as exc:
            yield Input(str(path), path.name, None, None, str(exc) if isinstance(exc, ReadError)
                        else f"无法读取文件（{exc.strerror or exc}）")
            continue
        for m in found:
            label, document = f"{path}/{m.name}", f"{path.name}/{m.name}"
            if m.reason:
                yield Input(label, document, None, None, m.reason)
                continue
            try:
                yield Input(label, document, m.data, read_bytes(m.data, m.name, progress=progress_for(label)))
            except ReadError as exc:
                yield Input(label, document, None, None, str(exc))


def expand_uploads(files: list[tuple[str, bytes]]) -> list[Member]:
    """Uploaded (name, bytes), each zip replaced by its members (named ``a.zip/folder/b.docx``)."""
    out = []
    for name, data in files:
        if Path(name).suffix.lower() != ".zip":
            out.append(Member(name, data))
            continue
        try:
            found = members(data)
        except ReadError as exc:
            out.append(Member(name, reason=str(exc)))
            continue
        out.extend(Member(f"{name}/{m.name}", m.data, m.reason) for m in found)
    return out
