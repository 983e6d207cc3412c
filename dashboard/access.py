"""The editor password: reading needs nothing; uploading, editing and deleting need it.

The operator sets it as the environment variable ``DUIBIAO_EDITOR_PASSWORD`` or
as ``editor_password`` in ``.streamlit/secrets.toml``.  Without it, editing is off.
"""
from __future__ import annotations

import hmac
import os
import threading
import time

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
        client = _client()
        wait = _wait(client)
        if wait:
            st.error(f"密码错误次数过多，请 {wait} 秒后再试。")
            return False
        if hmac.compare_digest(typed.encode(), password.encode()):
            st.session_state["editor"] = True
            st.rerun()
        _failed(client)
        st.error("密码不正确。")
    return False


# Wrong passwords per client (its address; one bucket when unknown) over the last minute, shared by every
# session of this server process: a new browser session does not reset them.
_FAILURES: dict[str, list[float]] = {}
_LOCK = threading.Lock()
WINDOW_S = 60


def _client() -> str:
    try:
        ip = st.context.ip_address
    except Exception:
        ip = None
    return ip if isinstance(ip, str) and ip else "?"


def _recent(client: str, now: float) -> list[float]:
    times = [t for t in _FAILURES.get(client, []) if now - t < WINDOW_S]
    _FAILURES[client] = times
    return times


def _wait(client: str) -> int:
    """Seconds until this client may try again (0: now); limits.login_attempts_per_minute() per minute."""
    from extract.limits import login_attempts_per_minute

    now = time.monotonic()
    with _LOCK:
        times = _recent(client, now)
        if len(times) < login_attempts_per_minute():
            return 0
        return max(1, int(WINDOW_S - (now - times[0])) + 1)


def _failed(client: str) -> None:
    now = time.monotonic()
    with _LOCK:
        if len(_FAILURES) > 10_000:  # many addresses: keep only those with recent failures
            for key in [k for k, v in _FAILURES.items() if not v or now - v[-1] >= WINDOW_S]:
                del _FAILURES[key]
        _recent(client, now).append(now)


def reset_attempts() -> None:
    """Forget every wrong password (tests; an operator restarts the server instead)."""
    with _LOCK:
        _FAILURES.clear()
