"""The editor password: reading needs nothing; uploading, editing and deleting need it.

The operator sets it as the environment variable ``DUIBIAO_EDITOR_PASSWORD`` or
as ``editor_password`` in ``.streamlit/secrets.toml``.  Without it, editing is off.
"""
from __future__ import annotations

import hmac
import os

import streamlit as st


def configured_password() -> str | None:
    value = os.environ.get("DUIBIAO_EDITOR_PASSWORD")
    if value:
        return value
    try:
        value = st.secrets.get("editor_password")
    except Exception:  # no secrets file at all
        value = None
    return str(value) if value else None


def editor_gate() -> bool:
    """True when this session may edit; otherwise draws why not (and how to enable it)."""
    password = configured_password()
    if not password:
        st.info("编辑功能未启用。管理员可设置环境变量 DUIBIAO_EDITOR_PASSWORD，或在 .streamlit/secrets.toml 中写入 "
                "editor_password = \"…\"，然后重启看板。未启用时本页不会改动任何数据。")
        return False
    if st.session_state.get("editor"):
        if st.button("退出编辑", key="logout"):
            st.session_state["editor"] = False
            st.rerun()
        return True
    typed = st.text_input("编辑密码", type="password", key="editor_password_input")
    if st.button("进入编辑", key="login"):
        if hmac.compare_digest(typed.encode(), password.encode()):
            st.session_state["editor"] = True
            st.rerun()
        st.error("密码不正确。")
    return False
