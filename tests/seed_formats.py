"""One report made into the files offices really have (shared by tests and bench/bench_ocr.py).

Every maker takes the report's text (or its text PDF) and returns bytes; nothing
here is copied from a real site: the page furniture is made up.
"""
from __future__ import annotations

import html
import io
import subprocess
import tempfile
import zipfile
from pathlib import Path

NAV = ["首页", "人大概况", "新闻中心", "立法工作", "监督工作", "代表工作", "理论研究", "专题专栏"]


def html_page(text: str, encoding: str = "gbk", title: str = "浙江省人民代表大会常务委员会工作报告",
              date: str = "2026-01-20") -> bytes:
    """A saved article page: navigation, breadcrumbs, share buttons, related links, footer,
    scripts and styles around the report, one <p> per line, in ``encoding``."""
    paras = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())
    nav = "".join(f'<li><a href="/c{i}.html">{n}</a></li>' for i, n in enumerate(NAV))
    related = "".join(f'<li><a href="/r{i}.html">相关链接：第{i}期人大工作通讯</a></li>' for i in range(1, 6))
    page = f"""<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset={encoding}">
<title>{html.escape(title)}_人大网</title>
<meta name="PubDate" content="{date}">
<style>body {{ font-family: 宋体; }} .nav li {{ display: inline; }}</style>
<script>var menu = "导航菜单脚本"; function share() {{ return "分享"; }}</script>
</head><body>
<div class="header"><div class="logo">人大网</div><ul class="nav">{nav}</ul>
<form class="search"><input name="q" value="请输入关键字"><button>搜索</button></form></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/news">新闻中心</a> &gt; 正文</div>
<div class="main"><div class="article">
<div class="info">发布时间：{date}　来源：人大网　字号：<a>大</a> <a>中</a> <a>小</a></div>
<div class="content" id="zoom">
{paras}
</div>
<div class="share">分享到：<a onclick="share()">微信</a> <a>微博</a> <a>QQ空间</a>【打印本页】【关闭窗口】</div>
</div>
<div class="related"><h3>相关新闻</h3><ul>{related}</ul></div></div>
<div class="footer"><p>主办单位：人大网编辑部　版权所有　未经许可不得转载</p><p>备案号：示例ICP备00000000号</p></div>
<script>document.write("<div>统计代码</div>");</script>
</body></html>"""
    return page.encode(encoding)


def mhtml(page: bytes, encoding: str = "gbk", url: str = "http://www.example.cn/news/report.html") -> bytes:
    """What a browser's "save as single file" writes: a MIME multipart/related with the page
    (quoted-printable, its charset in the part header) and an image."""
    import base64
    import quopri

    boundary = "----MultipartBoundary--duibiaoTest----"
    head = (f"From: <Saved by Blink>\r\nSnapshot-Content-Location: {url}\r\nSubject: saved page\r\n"
            f"MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n"
            f"\tboundary=\"{boundary}\"\r\n\r\n")
    html_part = (f"--{boundary}\r\nContent-Type: text/html; charset=\"{encoding}\"\r\n"
                 f"Content-Transfer-Encoding: quoted-printable\r\nContent-Location: {url}\r\n\r\n")
    image_part = (f"\r\n--{boundary}\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
                  f"Content-Location: http://www.example.cn/logo.png\r\n\r\n")
    png = base64.encodebytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    return (head.encode() + html_part.encode() + quopri.encodestring(page) + image_part.encode() + png
            + f"\r\n--{boundary}--\r\n".encode())


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def doc_bytes(text: str) -> bytes:
    """An old Word 97–2003 .doc: the report as .docx, converted by LibreOffice (headless)."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "report.docx"
        src.write_bytes(docx_bytes(text))
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                        "--convert-to", "doc", "--outdir", tmp, str(src)],
                       check=True, capture_output=True, timeout=180)
        return (Path(tmp) / "report.doc").read_bytes()


def scanned_pdf(pdf: bytes, dpi: int = 200, pages: int | None = None) -> bytes:
    """A PDF of page images only (no text layer): ``pdf``'s pages rendered at ``dpi``, like a scanner."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    n = len(doc) if pages is None else min(pages, len(doc))
    images = [doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for i in range(n)]
    doc.close()
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()
