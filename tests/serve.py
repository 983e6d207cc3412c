"""The dashboard in its own Streamlit process on a free port, for the browser tests and bench/ (no pytest here)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(env: dict[str, str], wait: float = 180.0, base: str = ""):
    """Yield (address, process) once the server answers its health check; stop it afterwards.  The
    server loads the pages' modules and fills its caches before it answers (dashboard.serve): seconds,
    more on a busy machine.  ``base``: the app served under that path (as behind a proxy); the address
    yielded includes it."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "dashboard.serve", "--server.headless", "true",
                             "--server.port", str(port), "--server.address", "127.0.0.1",
                             "--browser.gatherUsageStats", "false", "--server.baseUrlPath", base], cwd=ROOT, env={**os.environ, **env},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}" + (f"/{base}" if base else "")
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("streamlit did not start") from None
                time.sleep(0.25)
        yield url, proc
    finally:
        proc.terminate()
        proc.wait(timeout=20)
