"""A class on a real JupyterHub on loopback: an instructor and two students log in through the hub's API, and
one assignment goes through nbgrader's exchange — release, fetch, submit (one right, one wrong), collect,
autograde, export — to 1 and 0 points.

JupyterHub from PyPI (the ``hub`` extra), configurable-http-proxy from the npm registry (fetched once into
``.cache/npm/``), the dummy authenticator and the local process spawner: every user's server is a process on
this machine with its own home folder. The students act only through the hub (its proxy, their token): fetch
and submit are the calls of JupyterLab's Assignments tab, their answer is written through the contents API.
The instructor's steps are the commands of the instructor guide, run in the instructor's home. Every server
starts as the image of ``hub/Containerfile`` starts them (``python -m coursekit.course.tools.hub start``).
"""

from __future__ import annotations

import csv
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest

from coursekit.course.tools import confine, editions, grading, working_copy

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent
ASSIGNMENT = "05_bias_correction"
PROXY_VERSION = "5.3.0"
STUDENTS = {"alice": "right", "bob": "wrong"}


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _proxy() -> Path:
    """configurable-http-proxy, installed from the npm registry into .cache/npm/ the first time."""
    prefix = ROOT / ".cache" / "npm" / f"configurable-http-proxy-{PROXY_VERSION}"
    command = prefix / "node_modules" / ".bin" / "configurable-http-proxy"
    if not command.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is not installed: the hub's proxy comes from the npm registry")
        subprocess.run([npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(prefix),
                        f"configurable-http-proxy@{PROXY_VERSION}"], check=True, timeout=600)
    return command


def _request(url: str, token: str, method: str = "GET", body: dict | None = None, form: dict | None = None):
    data, headers = None, {"Authorization": f"token {token}"}
    if body is not None:
        data, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
    if form is not None:
        data, headers["Content-Type"] = urllib.parse.urlencode(form).encode(), "application/x-www-form-urlencoded"
    with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers, method=method), timeout=60) as r:
        text = r.read().decode()
        return json.loads(text) if text else None


def _status(url: str, token: str) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Authorization": f"token {token}"}),
                                    timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _wait(probe, what: str, timeout: float = 120.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            found = probe()
            if found:
                return found
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def _config(tmp: Path, port: int, token: str) -> str:
    return f'''
c = get_config()  # noqa: F821
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{_port()}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{_port()}"
c.ConfigurableHTTPProxy.command = [{str(_proxy())!r}]
c.JupyterHub.db_url = "sqlite:///{tmp / 'hub.sqlite'}"
c.JupyterHub.cookie_secret_file = "{tmp / 'cookie_secret'}"
c.JupyterHub.pid_file = "{tmp / 'hub.pid'}"
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = "{secrets.token_hex(8)}"
c.Authenticator.allowed_users = {{"instructor", *{sorted(STUDENTS)!r}}}
c.Authenticator.admin_users = {{"instructor"}}
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{tmp / 'home'}/{{username}}"
c.Spawner.cmd = [{sys.executable!r}, "-m", "coursekit.course.tools.hub", "start"]  # as the image's servers start
c.Spawner.args = {["--allow-root"] if os.geteuid() == 0 else []!r}  # a CI container runs as root
c.Spawner.env_keep = ["PATH", "LANG", "OPENBLAS_CORETYPE", "COURSEKIT_JIT"]
c.Spawner.environment = {{"PATH": "{BIN}:" + __import__("os").environ["PATH"],
                          "COURSEKIT_STUDENT_EDITION": "{tmp / 'student'}", "COURSEKIT_INSTRUCTORS": "instructor"}}
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.JupyterHub.services = [{{"name": "class", "api_token": "{token}"}}]
c.JupyterHub.load_roles = [{{"name": "class", "services": ["class"],
                            "scopes": ["admin:users", "admin:servers", "tokens", "access:servers"]}}]
'''


def _exchange_config(home: Path, exchange: Path, student: str | None) -> None:
    """The user's nbgrader settings: the shared exchange, the course; a student's id (every server here runs as
    the same system user, which nbgrader would otherwise take as the student's name)."""
    (home / ".jupyter").mkdir(parents=True, exist_ok=True)
    lines = ["c = get_config()  # noqa: F821", f'c.Exchange.root = "{exchange}"', 'c.CourseDirectory.course_id = "coursekit"']
    if student:
        lines.append(f'c.CourseDirectory.student_id = "{student}"')
    (home / ".jupyter" / "nbgrader_config.py").write_text("\n".join(lines) + "\n")


def _instructor(home: Path, *args: str) -> str:
    env = {**os.environ, "HOME": str(home), "JUPYTERHUB_USER": "instructor", "PATH": f"{BIN}:{os.environ['PATH']}"}
    env.pop("COURSEKIT_CHECKS", None)
    run = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=home / "course", env=env,
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return run.stdout + run.stderr


def test_a_class_on_a_real_hub_releases_collects_grades_and_exports_one_assignment(tmp_path):
    pytest.importorskip("jupyterhub", reason="the hub extra is not installed (JupyterHub for this test)")
    pytest.importorskip("nbgrader", reason="the grading extra is not installed (nbgrader 0.9.6 needs Python >= 3.11)")
    if not confine.available() and not os.environ.get("CI"):
        pytest.skip("bubblewrap (bwrap) is not installed: grading needs it")
    exchange = tmp_path / "exchange"
    exchange.mkdir(mode=0o777)
    for user in ("instructor", *STUDENTS):
        (tmp_path / "home" / user).mkdir(parents=True)
        _exchange_config(tmp_path / "home" / user, exchange, user if user in STUDENTS else None)
    home = tmp_path / "home" / "instructor"
    (tmp_path / "notebooks").mkdir()
    shutil.copy(ROOT / "notebooks" / f"{ASSIGNMENT}.ipynb", tmp_path / "notebooks")
    grading.write_course(tmp_path / "notebooks", home / "course")
    working_copy.sync(tmp_path / "notebooks", tmp_path / "student", "overwrite", progress=False)
    port, token = _port(), secrets.token_hex(16)
    (tmp_path / "jupyterhub_config.py").write_text(_config(tmp_path, port, token))
    hub_url = f"http://127.0.0.1:{port}"
    started = time.monotonic()
    hub = subprocess.Popen([str(BIN / "jupyterhub"), "-f", str(tmp_path / "jupyterhub_config.py")], cwd=tmp_path,
                           stdout=subprocess.DEVNULL, stderr=open(tmp_path / "hub.log", "w"),
                           env={**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}"})
    try:
        _wait(lambda: _request(f"{hub_url}/hub/api/", token), "the hub's API")
        tokens = {}
        for user in ("instructor", *STUDENTS):  # each one logs in: a server of their own, a token for the API
            _request(f"{hub_url}/hub/api/users/{user}/server", token, "POST", body={})
            tokens[user] = _request(f"{hub_url}/hub/api/users/{user}/tokens", token, "POST",
                                    body={"note": "the class test"})["token"]
        for user in tokens:
            _wait(lambda u=user: _request(f"{hub_url}/hub/api/users/{u}", token)["servers"].get("", {}).get("ready"),
                  f"{user}'s server")

        for user in tokens:  # each server started as the image's do: the student edition in ~/coursekit
            assert (tmp_path / "home" / user / "coursekit" / f"{ASSIGNMENT}.ipynb").is_file()
        news = _request(f"{hub_url}/user/alice/lab/api/settings/@jupyterlab/apputils-extension:notification",
                        tokens["alice"])
        assert news["schema"]["properties"]["fetchNews"]["default"] == "false", "the hub's JupyterLab shows no news pop-up"
        assert _status(f"{hub_url}/user/instructor/formgrader", tokens["instructor"]) == 200
        assert _status(f"{hub_url}/user/bob/formgrader", tokens["bob"]) == 404, "a student has no formgrader"
        with urllib.request.urlopen(urllib.request.Request(f"{hub_url}/user/bob/lab", headers={
                "Authorization": f"token {tokens['bob']}"}), timeout=60) as response:
            page = response.read().decode()
        config = json.loads(page.split('id="jupyter-config-data" type="application/json">')[1].split("</script>")[0])
        assert "@jupyter/nbgrader:formgrader" in config["disabledExtensions"], "nor its JupyterLab menu"

        _instructor(home, "generate_assignment", ASSIGNMENT)
        _instructor(home, "release_assignment", ASSIGNMENT)
        instructor_nb = nbformat.read(ROOT / "notebooks" / f"{ASSIGNMENT}.ipynb", as_version=4)
        (solution,) = [cell.source for cell in instructor_nb.cells if "exercise" in editions.tags(cell)]
        answers = {"right": solution, "wrong": solution.replace("1 - beta**t", "1 - beta * t")}
        assert answers["wrong"] != solution
        for student, answer in STUDENTS.items():
            server = f"{hub_url}/user/{student}"
            _request(f"{server}/assignments/fetch", tokens[student], "POST",
                     form={"course_id": "coursekit", "assignment_id": ASSIGNMENT})
            path = f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
            model = _request(f"{server}/api/contents/{path}?content=1", tokens[student])
            nb = nbformat.from_dict(model["content"])
            for cell in nb.cells:
                if "exercise" in editions.tags(cell):
                    cell.source = answers[answer]
            _request(f"{server}/api/contents/{path}", tokens[student], "PUT",
                     body={"type": "notebook", "format": "json", "content": nb})
            _request(f"{server}/assignments/submit", tokens[student], "POST",
                     form={"course_id": "coursekit", "assignment_id": ASSIGNMENT})

        _instructor(home, "collect", ASSIGNMENT)
        _instructor(home, "autograde", ASSIGNMENT)
        _instructor(home, "export", "--to", str(home / "grades.csv"))
        with open(home / "grades.csv", newline="") as file:
            grades = {row["student_id"]: float(row["score"]) for row in csv.DictReader(file)
                      if row["assignment"] == ASSIGNMENT}
        assert grades == {"alice": 1.0, "bob": 0.0}
        print(f"the class round trip took {time.monotonic() - started:.0f} s; exported {grades}")
    finally:
        hub.terminate()
        try:
            hub.wait(timeout=30)
        except subprocess.TimeoutExpired:
            hub.kill()
