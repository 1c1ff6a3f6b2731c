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
import urllib.request
from pathlib import Path

import pytest
import yaml

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: the same parser, as the package tomli (the dev extra installs it)
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


def _requirement(spec: str) -> tuple[str, str]:
    """Split 'name>=1.2' (or 'name>=1.2; python_version < "3.11"') into ('name', '>=1.2'), the name normalised as
    pip does."""
    name, bound = re.fullmatch(r"([A-Za-z0-9_.\-]+)\s*(.*)", spec.split(";")[0].strip()).groups()
    return re.sub(r"[-_.]+", "-", name).lower(), bound.replace(" ", "")


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def _make_extras() -> list[str]:
    """The extras `make lab` and `make test` install: the Makefile's default EXTRAS, with the extras they name."""
    names = re.search(r"^EXTRAS \?= (\S+)$", (ROOT / "Makefile").read_text(), re.M).group(1).split(",")
    extras = _project()["optional-dependencies"]
    for name in names:  # the list grows by the extras an extra names (dev names lab)
        inner = [found for spec in extras[name] for found in re.findall(r"^coursekit\[(\w+)\]", spec)]
        names += [found for found in inner if found not in names]
    return names


def test_environment_yml_lists_what_pyproject_installs():
    """environment.yml (conda, Binder) installs what `make lab` and `make test` do: the dependencies and the
    extras the Makefile installs, lab, dev and fast (not the optional browser, book and grading extras)."""
    project = _project()
    extras = project["optional-dependencies"]
    assert sorted(_make_extras()) == ["dev", "fast", "lab"]
    specs = project["dependencies"] + [spec for name in _make_extras() for spec in extras[name]]
    wanted = dict(_requirement(spec) for spec in specs if not spec.startswith("coursekit["))
    wanted["python"] = project["requires-python"]
    conda = yaml.safe_load((ROOT / "environment.yml").read_text())["dependencies"]
    listed = dict(_requirement(item) for item in conda if isinstance(item, str) and item != "pip")
    assert listed == wanted
    pip_section = next(item["pip"] for item in conda if isinstance(item, dict))
    assert pip_section == ["-e ."]


def test_pip_install_coursekit_pulls_no_jupyter_server():
    """In a kernel that exists already (Colab, a hub), `pip install coursekit` adds no server and no notebook tools."""
    project = _project()
    names = {_requirement(spec)[0] for spec in project["dependencies"]}
    assert names == {"numpy", "matplotlib", "ipywidgets", "anywidget", "ipykernel", "threadpoolctl"}
    assert {"jupyterlab", "nbformat", "nbclient"} <= {_requirement(s)[0] for s in project["optional-dependencies"]["lab"]}


def test_numba_is_the_fast_extra_that_make_and_ci_install():
    """`pip install coursekit` works wherever numpy does; `make lab`, `make test` and CI add Numba."""
    project = _project()
    assert [_requirement(spec)[0] for spec in project["optional-dependencies"]["fast"]] == ["numba"]
    assert "fast" in _make_extras()
    ci_extras = re.search(r'EXTRAS:-([\w,]+)', (ROOT / ".ci" / "run").read_text()).group(1).split(",")
    assert {"dev", "fast"} <= set(ci_extras)


def test_a_learners_imports_work_without_the_notebook_tools():
    """What a notebook imports works with jupyterlab, notebook, jupyter_server, nbformat and nbclient all absent."""
    blocked = ("jupyterlab", "notebook", "jupyter_server", "nbformat", "nbclient", "nbconvert")
    program = f"""
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in {blocked!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}} (blocked by the test)")
sys.meta_path.insert(0, Block())
from coursekit.course import ask, check, hint, progress
from coursekit import show
import coursekit.course.environment
print("ok", [name for name in sys.modules if name.split(".")[0] in {blocked!r}])
"""
    run = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "MPLBACKEND": "Agg"})
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.strip() == "ok []"


def test_one_source_for_the_version():
    import coursekit

    project = _project()
    assert "version" not in project and project["dynamic"] == ["version"]
    assert tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["dynamic"]["version"] == {
        "attr": "coursekit.__version__"}
    from importlib import metadata
    assert metadata.version("coursekit") == coursekit.__version__


def test_the_package_ships_its_licences_and_type_marker():
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    licences = (ROOT / "coursekit" / "datasets" / "LICENSES.md").read_text()
    for data in (ROOT / "coursekit" / "datasets").glob("*.gz"):
        assert f"`{data.name}`" in licences, f"{data.name} has its source and licence in LICENSES.md"
    assert (ROOT / "coursekit" / "py.typed").exists()
    project = _project()
    assert set(project["license-files"]) == {"LICENSE", "coursekit/datasets/LICENSES.md"}


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


def test_binder_opens_notebook_00_of_a_fresh_student_edition():
    readme = (ROOT / "README.md").read_text()
    link = re.search(r"https://mybinder\.org/v2/gh/[\w.-]+/[\w.-]+/HEAD\?labpath=([\w%.-]+)", readme)
    assert link and link.group(1) == "my-course%2F00_start_here.ipynb"
    post_build = ROOT / "postBuild"
    assert os.access(post_build, os.X_OK), "repo2docker runs postBuild only if it is executable"
    script = post_build.read_text()
    assert "coursekit.course.tools.working_copy notebooks my-course" in script
    assert "jupyter-settings/overrides.json" in script
    assert not (ROOT / "binder").exists(), "a binder/ folder would make repo2docker ignore environment.yml"
