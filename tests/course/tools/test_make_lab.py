"""`make lab` on a machine without a browser prints an address that opens notebook 00, not the launcher."""

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _status(url: str) -> int:
    """The HTTP status of ``url``, once the server (which prints its address before it listens) answers."""
    for _ in range(100):
        try:
            with urllib.request.urlopen(url, timeout=10) as reply:
                return reply.status
        except urllib.error.URLError as error:
            if not isinstance(error.reason, ConnectionRefusedError):
                raise
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer")


@pytest.mark.skipif(sys.platform == "win32", reason="make and process groups")
def test_the_printed_address_opens_notebook_00(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    token = secrets.token_hex(16)
    args = f"--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port={port} --ServerApp.token={token}"
    server = subprocess.Popen(["make", "--no-print-directory", "lab", f"WORK={tmp_path / 'my-course'}",
                               f"LAB_ARGS={args}"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True, start_new_session=True)
    watchdog = threading.Timer(120, os.killpg, (server.pid, signal.SIGTERM))
    watchdog.start()
    try:
        path = next(match.group(1) for line in server.stderr  # the server prints a token it was given as ...
                    if (match := re.search(rf"http://127\.0\.0\.1:{port}(/[^?\s]*)\?token=", line)))
        status = _status(f"http://127.0.0.1:{port}{path}?token={token}")
    finally:
        watchdog.cancel()
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    assert path == "/lab/tree/00_start_here.ipynb" and status == 200
