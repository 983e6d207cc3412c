"""Bounds on what one input may cost: the settings, and the checks every reader shares.

Each setting is an environment variable read at each call (so a test or an
operator can change it without a restart), with a default that a real report
never reaches:

| variable                     | default   | bounds                                            |
|------------------------------|-----------|---------------------------------------------------|
| DUIBIAO_MAX_UPLOAD_MB        | 20        | bytes of one file as uploaded or found in data/   |
| DUIBIAO_MAX_UNZIPPED_MB      | 10        | bytes of markup a container (docx, zip …) expands to |
| DUIBIAO_MAX_TEXT_CHARS       | 3000000   | characters of text extracted from one document    |
| DUIBIAO_LOGIN_ATTEMPTS       | 5         | wrong editor passwords per minute (then wait)     |
| DUIBIAO_REGEX_TIMEOUT_S      | 2         | seconds one config pattern may run on one text    |
| DUIBIAO_MAX_ZIP_FILES        | 500       | files in one .zip of reports                      |
| DUIBIAO_MAX_ZIP_MB           | 500       | bytes all files of one .zip expand to             |

API for readers (docx here; zip, html … of other modules):

- ``max_upload_bytes()``, ``max_unzipped_bytes()``, ``max_text_chars()``: the current bounds.
- ``check_size(n)``, ``check_unzipped(zipfile, names=None)``, ``check_text(text)``: return
  ``None`` or raise ``LimitError`` whose message is one plain Chinese line.  ``check_unzipped``
  sums the declared sizes of the members a reader will open (all by default); zipfile never
  inflates a member past its declared size, so the sum bounds what reading can cost.
"""
from __future__ import annotations

import os
import zipfile

MB = 1024 * 1024


class LimitError(Exception):
    """An input beyond a bound; the message is one plain Chinese line."""


def _setting(name: str, default: float) -> float:
    """A positive number from the environment, else the default (a typo must not lift a bound)."""
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        return default
    return value if value > 0 else default


def max_upload_bytes() -> int:
    return int(_setting("DUIBIAO_MAX_UPLOAD_MB", 20) * MB)


def max_unzipped_bytes() -> int:
    return int(_setting("DUIBIAO_MAX_UNZIPPED_MB", 10) * MB)


def max_text_chars() -> int:
    return int(_setting("DUIBIAO_MAX_TEXT_CHARS", 3_000_000))


def login_attempts_per_minute() -> int:
    return int(_setting("DUIBIAO_LOGIN_ATTEMPTS", 5))


def regex_timeout() -> float:
    return _setting("DUIBIAO_REGEX_TIMEOUT_S", 2)


def max_zip_files() -> int:
    """Files in one uploaded or scanned .zip (formats/archive.py)."""
    return int(_setting("DUIBIAO_MAX_ZIP_FILES", 500))


def max_zip_bytes() -> int:
    """Bytes all files of one .zip expand to: documents, so far above the docx markup bound."""
    return int(_setting("DUIBIAO_MAX_ZIP_MB", 500) * MB)


def check_size(n: int) -> None:
    limit = max_upload_bytes()
    if n > limit:
        raise LimitError(f"文件过大（{n / MB:.1f} MB，上限 {limit / MB:g} MB，见 DUIBIAO_MAX_UPLOAD_MB）")


def check_unzipped(zf: zipfile.ZipFile, names: list[str] | None = None) -> None:
    """Refuse a container whose members (``names``, default all) expand beyond the bound."""
    infos = zf.infolist() if names is None else [zf.getinfo(n) for n in names]
    total = sum(i.file_size for i in infos)
    limit = max_unzipped_bytes()
    if total > limit:
        raise LimitError(f"解压后 {total / MB:.0f} MB，超过上限 {limit / MB:g} MB（疑似压缩炸弹，"
                         f"见 DUIBIAO_MAX_UNZIPPED_MB），已拒绝")


def check_text(text: str) -> None:
    limit = max_text_chars()
    if len(text) > limit:
        raise LimitError(f"文字过长（{len(text):,} 字，上限 {limit:,} 字，见 DUIBIAO_MAX_TEXT_CHARS），已拒绝")


def printable(name) -> str:
    """A file name as a terminal may show it: control characters (ESC, BEL, CR …) as \\xNN escapes."""
    return "".join(ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in str(name))
