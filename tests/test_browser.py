"""The course as a learner meets it: JupyterLab in a browser runs a notebook, and a slider redraws the figure.

Playwright drives Debian's chromium (/usr/bin/chromium, or COURSEKIT_CHROMIUM; a browser is never downloaded) against a JupyterLab
that serves a temporary copy of notebooks/, so that its autosave can never touch the stored notebooks.
Without Playwright (the ``browser`` extra) or chromium the test skips, except when the environment
variable CI is set: CI must really run it (unless COURSEKIT_BROWSER=off says another CI job does).
"""

import contextlib
import hashlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("COURSEKIT_CHROMIUM", "/usr/bin/chromium"))  # or another chromium, or Chrome
CHROMIUM_ARGS = [
    "--no-sandbox",  # chromium's sandbox refuses to run as root
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WAIT = 120.0  # seconds: generous, the machine may be busy with the rest of the test suite

# The state of the open notebook, read through JupyterLab's own objects (exposed as window.jupyterapp).
NOTEBOOK_STATE = """(path) => {
    const app = window.jupyterapp;
    if (!app) return {stage: "JupyterLab not loaded"};
    const panel = Array.from(app.shell.widgets("main")).find(w => w.context && w.context.path === path);
    if (!panel || !panel.context.isReady || !panel.sessionContext.session) return {stage: "notebook opening"};
    const kernel = panel.sessionContext.session.kernel;
    const cells = panel.content.widgets.filter(cell => cell.model.type === "code");
    const problems = cells.flatMap(cell => cell.model.outputs.toJSON())
        .filter(o => o.output_type === "error" || (o.output_type === "stream" && o.name === "stderr"))
        .map(o => o.output_type === "error" ? `${o.ename}: ${o.evalue}` : [].concat(o.text).join(""));
    return {
        stage: "open",
        kernel: kernel ? kernel.status : "no kernel",
        counts: cells.map(cell => cell.model.executionCount),
        problems: problems,
    };
}"""

# Clear the stored outputs (widgets restored from the notebook's metadata are then gone), then run every
# cell. The promise of run-all is deliberately not awaited: awaiting it inside evaluate hung.
RUN_ALL = """async (path) => {
    const app = window.jupyterapp;
    app.shell.activateById(Array.from(app.shell.widgets("main")).find(w => w.context.path === path).id);
    await app.commands.execute("notebook:clear-all-cell-outputs");
    app.commands.execute("notebook:run-all-cells");
}"""

# Records the number of images in the widget's output after every change of its content.
WATCH_IMAGES = """(output) => {
    window.__imageCounts = [];
    new MutationObserver(() => window.__imageCounts.push(output.querySelectorAll("img").length))
        .observe(output, {childList: true, subtree: true, attributes: true});
}"""


def _in_ci() -> bool:
    """CI is set, and this CI job runs the browser tests (COURSEKIT_BROWSER=off: another job runs them)."""
    return (os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
            and os.environ.get("COURSEKIT_BROWSER", "").strip().lower() != "off")


def _require(available: bool, reason: str) -> None:
    """Skip without the browser tools, but fail under CI, which must run this test."""
    if not available:
        if _in_ci():
            pytest.fail(f"{reason}, and CI is set: the browser test must run in CI")
        pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _digests(folder: Path) -> dict:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.glob("*.ipynb"))}


def _wait_for(probe, done, what: str, timeout: float = WAIT, interval: float = 0.25):
    """Poll ``probe()`` until ``done(value)``; return that value, or fail naming ``what`` and the last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if done(value):
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}; last seen: {value!r}")
        time.sleep(interval)


def _stop(server: subprocess.Popen, base: str, token: str) -> None:
    """Shut JupyterLab down with its kernels (they run in their own sessions), then its process group."""
    if server.poll() is None:
        request = urllib.request.Request(f"{base}/api/shutdown", method="POST",
                                         headers={"Authorization": f"token {token}"})
        try:
            urllib.request.urlopen(request, timeout=10).close()
            server.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            pass
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if server.poll() is None:
            os.killpg(server.pid, sig)
            with contextlib.suppress(subprocess.TimeoutExpired):
                server.wait(timeout=15)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab serving a copy of notebooks/: yields ``(base url, token)``; always stopped."""
    if sys.platform == "win32":
        pytest.skip("process groups")
    home = tmp_path_factory.mktemp("lab")
    course = home / "course"
    shutil.copytree(ROOT / "notebooks", course, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    settings = home / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)  # no news from the web, and no pop-up asking about them over the notebook
    (settings / "notification.jupyterlab-settings").write_text('{"fetchNews": "false", "checkForUpdates": false}')
    port, token = _free_port(), secrets.token_hex(16)
    base = f"http://127.0.0.1:{port}"
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser",
        f"--ServerApp.root_dir={course}", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
        "--LabApp.expose_app_in_browser=True",
        f"--LabApp.workspaces_dir={home / 'workspaces'}",  # no layout restored from earlier sessions
        f"--LabApp.user_settings_dir={home / 'settings'}",  # JupyterLab's defaults, not this user's settings
    ] + (["--allow-root"] if os.geteuid() == 0 else [])
    log = open(home / "jupyterlab.log", "wb")
    server = subprocess.Popen(command, cwd=course, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                              env={**os.environ, "JUPYTER_RUNTIME_DIR": str(home / "runtime")})
    try:
        def status():
            assert server.poll() is None, f"JupyterLab exited: {(home / 'jupyterlab.log').read_text()}"
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5) as reply:
                    return reply.status
            except OSError as error:
                return repr(error)

        _wait_for(status, lambda code: code == 200, "JupyterLab to answer")
        yield base, token
    finally:
        _stop(server, base, token)
        log.close()


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium, driven by Playwright (Playwright gives it a fresh profile)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    _require(sync_playwright is not None, "Playwright is not installed (make test EXTRAS=dev,browser installs it)")
    _require(CHROMIUM.is_file(), f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser):
    """A new page that records the page's uncaught errors in ``page.errors``."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(WAIT * 1000)
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def _open_and_run(page, lab, notebook: str):
    """Open ``notebook`` in JupyterLab, run every cell, check none failed; returns ``state()`` of the notebook."""
    base, token = lab
    # A workspace of its own, so that JupyterLab does not also restore notebooks another test opened.
    page.goto(f"{base}/lab/workspaces/{Path(notebook).stem}/tree/{notebook}?token={token}")

    def state():
        return page.evaluate(NOTEBOOK_STATE, notebook)

    _wait_for(state, lambda s: s["stage"] == "open" and s["kernel"] == "idle", f"{notebook} and an idle kernel")
    page.evaluate(RUN_ALL, notebook)

    def finished(s):
        assert not s["problems"], f"a cell of {notebook} failed or wrote to stderr: {s['problems']}"
        return s["kernel"] == "idle" and None not in s["counts"]

    ran = _wait_for(state, finished, f"every cell of {notebook} to run")
    assert ran["counts"] == list(range(1, len(ran["counts"]) + 1)), "each cell ran once, in order"
    return state


def _slide_and_see_the_figure_change(page, state, label: str, presses: int, readouts: tuple[str, str], picture):
    """Press ArrowRight on the slider called ``label``: its readout goes from ``readouts[0]`` to ``[1]``, and
    the explorer's one figure is redrawn in place. Saves a screenshot to ``picture``."""
    cell = page.locator(".jp-CodeCell", has=page.locator(".widget-slider", has_text=label))
    slider = cell.locator(".widget-slider", has_text=label)
    handle, readout = slider.locator(".noUi-handle"), slider.locator(".widget-readout")
    output = cell.locator(".widget-output")
    image = output.locator("img")
    image.wait_for()
    cell.scroll_into_view_if_needed()
    assert readout.inner_text() == readouts[0]
    before_src, before_box, before_output = image.get_attribute("src"), image.bounding_box(), output.bounding_box()
    assert before_src.startswith("data:image/png;base64,")
    output.evaluate(WATCH_IMAGES)

    handle.focus()
    for _ in range(presses):
        page.keyboard.press("ArrowRight")
    _wait_for(readout.inner_text, lambda text: text == readouts[1], f"the readout to show {readouts[1]}")
    seen = []

    def look():
        seen.append((image.get_attribute("src"), state()["kernel"]))
        return seen[-3:]

    def settled(last):  # the same new picture, and an idle kernel, three polls in a row
        return len(last) == 3 and len(set(last)) == 1 and last[0][0] != before_src and last[0][1] == "idle"

    _wait_for(look, settled, "the figure to be redrawn", interval=0.5)
    page.screenshot(path=picture)

    assert image.count() == 1, "exactly one figure in the widget's output, however often it was redrawn"
    assert image.bounding_box() == before_box, "the figure did not move or change size"
    assert output.bounding_box() == before_output, "the output area kept its height"
    counts = page.evaluate("() => window.__imageCounts")
    assert counts and min(counts) == max(counts) == 1, f"never an empty or doubled output: {counts}"
    assert not state()["problems"]
    assert not page.errors, page.errors


def test_start_here_runs_and_the_learning_rate_slider_redraws_the_paths(page, lab, tmp_path):
    stored = _digests(ROOT / "notebooks")
    state = _open_and_run(page, lab, "00_start_here.ipynb")
    # Each ArrowRight moves the log-scale slider one step of 0.05 in log10(α), from the notebook's α = 0.1.
    after = f"{0.1 * 10 ** (3 * 0.05):.3g}"
    _slide_and_see_the_figure_change(page, state, "α (learning rate)", 3, ("0.100", after),
                                     tmp_path / "00_start_here.png")
    assert _digests(ROOT / "notebooks") == stored, "the repository's notebooks are never modified"


def test_mini_batch_notebook_runs_and_the_batch_size_slider_retrains(page, lab, tmp_path):
    stored = _digests(ROOT / "notebooks")
    state = _open_and_run(page, lab, "01_mini_batch_gradient_descent.ipynb")
    # The sizes offered are 1, 8, 32, 64, 256 and m; the slider starts in the middle, at 64.
    _slide_and_see_the_figure_change(page, state, "mini-batch size", 1, ("64", "256"),
                                     tmp_path / "01_mini_batch_gradient_descent.png")
    assert _digests(ROOT / "notebooks") == stored, "the repository's notebooks are never modified"
