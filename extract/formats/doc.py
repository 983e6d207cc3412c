"""Old Word 97–2003 files (.doc): antiword (Debian package), else LibreOffice headless.

Both run as a subprocess on a temporary copy, with a time limit; without either
the message says what to install.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..readers import ReadError, decode_text

TIMEOUT = 120
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound-file signature every .doc starts with
INSTALL = "无法读取 .doc 文件：服务器未安装 antiword 或 LibreOffice，请管理员执行 apt-get install -y antiword"


def _antiword(path: Path, exe: str) -> str:
    # -w 0: one paragraph per line (no wrapping); -m UTF-8.txt: output encoding
    done = subprocess.run([exe, "-w", "0", "-m", "UTF-8.txt", str(path)], capture_output=True, timeout=TIMEOUT)
    if done.returncode != 0:
        raise ReadError("不是有效的 .doc 文件（antiword 无法读取，文件可能损坏或加密）")
    return done.stdout.decode("utf-8", errors="replace")


def _soffice(path: Path, exe: str) -> str:
    out = path.parent
    done = subprocess.run([exe, f"-env:UserInstallation=file://{out}/profile", "--headless",
                           "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(out), str(path)],
                          capture_output=True, timeout=TIMEOUT)
    txt = path.with_suffix(".txt")
    if done.returncode != 0 or not txt.exists():
        raise ReadError("不是有效的 .doc 文件（LibreOffice 无法转换，文件可能损坏或加密）")
    return decode_text(txt.read_bytes())


def read_doc(data: bytes) -> str:
    if not data.startswith(_OLE):
        raise ReadError("不是有效的 .doc 文件（不是 Word 97–2003 格式；若是 docx 请改扩展名）")
    antiword = shutil.which("antiword")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not (antiword or soffice):
        raise ReadError(INSTALL)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "document.doc"
        path.write_bytes(data)
        try:
            text = _antiword(path, antiword) if antiword else _soffice(path, soffice)
        except subprocess.TimeoutExpired:
            raise ReadError(f".doc 文件读取超时（超过 {TIMEOUT} 秒）")
    return text.replace("\r\n", "\n").replace("\x0c", "\n")
