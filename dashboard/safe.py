"""Strings from documents (titles, names, sections, file names) shown as text, never as markup.

Streamlit renders Markdown (and its own :red[…], :material/…:, $…$) in captions, markdown, alerts and
st.write; a title such as ``报告 :red[已撤回] ![t](http://…/x.png)`` must appear as typed, colour- and
image-free.  ``md_escape`` puts a backslash before every ASCII punctuation mark, which CommonMark
reads as the mark itself.
"""
from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$=^&\"'/@%;,?])")


def md_escape(text) -> str:
    """``text`` as literal Markdown: every ASCII punctuation mark escaped, line breaks kept as spaces."""
    return _SPECIAL.sub(r"\\\1", str(text if text is not None else "")).replace("\n", " ")
