"""The set-up a newcomer meets: the environment files agree, and `make lab` serves JupyterLab."""

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


def _requirement(spec: str) -> tuple[str, str]:
    """Split 'name>=1.2' into ('name', '>=1.2'), with the name normalised as pip does."""
    name, bound = re.fullmatch(r"([A-Za-z0-9_.\-]+)\s*(.*)", spec.strip()).groups()
    return re.sub(r"[-_.]+", "-", name).lower(), bound.replace(" ", "")


def test_environment_yml_lists_what_pyproject_installs():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = dict(map(_requirement, project["dependencies"] + project["optional-dependencies"]["dev"]))
    wanted["python"] = project["requires-python"]
    conda = yaml.safe_load((ROOT / "environment.yml").read_text())["dependencies"]
    listed = dict(_requirement(item) for item in conda if isinstance(item, str) and item != "pip")
    assert listed == wanted
    pip_section = next(item["pip"] for item in conda if isinstance(item, dict))
    assert pip_section == ["-e ."]


def test_ci_runs_make_test():
    assert re.search(r"^make test$", (ROOT / ".ci" / "run").read_text(), re.M)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as reply:
        return reply.status, reply.read().decode()


@pytest.mark.skipif(sys.platform == "win32", reason="make and process groups")
def test_make_lab_opens_the_learners_working_copy_without_the_news_pop_up(tmp_path):
    work = tmp_path / "my-course"
    port, token = _free_port(), secrets.token_hex(16)
    args = f"--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port={port} --ServerApp.token={token}"
    server = subprocess.Popen(
        ["make", "--no-print-directory", "lab", f"WORK={work}", f"LAB_ARGS={args}"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    status = page = None
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and server.poll() is None:
            try:
                status, page = _get(f"{base}/lab?token={token}")
                break
            except OSError:
                time.sleep(0.5)
        _, listing = _get(f"{base}/api/contents?token={token}")
        _, settings = _get(f"{base}/lab/api/settings/@jupyterlab/apputils-extension:notification?token={token}")
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    assert status == 200 and "JupyterLab" in page
    assert "00_start_here.ipynb" in listing and "notebooks/" not in listing, "the lab opens on the working copy"
    assert "raise NotImplementedError" in (work / "00_start_here.ipynb").read_text(), "the student edition"
    fetch_news = json.loads(settings)["schema"]["properties"]["fetchNews"]["default"]
    assert fetch_news == "false", "the settings override: no 'get notified about news?' pop-up"
