"""The course as a learner meets it: JupyterLab in a browser runs a notebook, and a slider redraws the figure.

Playwright drives Debian's chromium (/usr/bin/chromium, or COURSEKIT_CHROMIUM; a browser is never downloaded)
against a JupyterLab that serves a temporary copy of notebooks/, so that its autosave can never touch the
stored notebooks.
Without Playwright (the ``browser`` extra) or chromium the test skips, except when the environment
variable CI is set: CI must really run it (unless COURSEKIT_BROWSER=off says another CI job does).
"""

import contextlib
import hashlib
import os
import re
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

from coursekit.course.tools import working_copy
from tests.tools import chromium

ROOT = Path(__file__).resolve().parents[1]
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


def _serve(home: Path, folder: Path, settings: bool):
    """Start JupyterLab on ``folder``; yield ``(base url, token)``; always stop it. With ``settings``, a user
    settings folder of its own turns the news off; without, the project's own settings override must."""
    if sys.platform == "win32":
        pytest.skip("process groups")
    (home / "settings").mkdir(exist_ok=True)
    if settings:
        news = home / "settings" / "@jupyterlab" / "apputils-extension"
        news.mkdir(parents=True)  # no news from the web, and no pop-up asking about them over the notebook
        (news / "notification.jupyterlab-settings").write_text('{"fetchNews": "false", "checkForUpdates": false}')
    port, token = _free_port(), secrets.token_hex(16)
    base = f"http://127.0.0.1:{port}"
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser",
        f"--ServerApp.root_dir={folder}", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
        "--LabApp.expose_app_in_browser=True",
        f"--LabApp.workspaces_dir={home / 'workspaces'}",  # no layout restored from earlier sessions
        f"--LabApp.user_settings_dir={home / 'settings'}",  # not this machine's user's settings
    ] + (["--allow-root"] if os.geteuid() == 0 else [])
    log = open(home / "jupyterlab.log", "wb")
    env = {key: value for key, value in os.environ.items() if key != "COURSEKIT_CHECKS"}  # kernels as a learner's
    server = subprocess.Popen(command, cwd=folder, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                              env={**env, "JUPYTER_RUNTIME_DIR": str(home / "runtime")})
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
def lab(tmp_path_factory):
    """JupyterLab serving a copy of notebooks/ (the instructor edition): ``(base url, token)``."""
    home = tmp_path_factory.mktemp("lab")
    course = home / "course"
    shutil.copytree(ROOT / "notebooks", course, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    yield from _serve(home, course, settings=True)


@pytest.fixture(scope="module")
def learner_lab(tmp_path_factory):
    """JupyterLab as `make lab` opens it: a fresh working copy of the student edition, the project's settings."""
    home = tmp_path_factory.mktemp("learner")
    work = home / "my-course"
    working_copy.sync(ROOT / "notebooks", work)
    yield from _serve(home, work, settings=False)


@pytest.fixture(scope="module")
def browser():
    """The system's chromium, driven by Playwright (Playwright gives it a fresh profile)."""
    with chromium() as launched:
        yield launched


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
    output = cell.locator(".coursekit-picture-box")
    image = output.locator("img")
    image.wait_for()
    cell.scroll_into_view_if_needed()
    assert readout.inner_text() == readouts[0]
    before_src, before_box, before_output = image.get_attribute("src"), image.bounding_box(), output.bounding_box()
    assert before_src.startswith("blob:")
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


def _a_step_drawn_ahead_is_shown_without_the_kernel(page, label: str, key: str):
    """After the kernel has drawn ahead, one ``key`` press on the slider ``label`` shows a picture drawn ahead
    (``data-source``), of the value the slider now has (``data-at``), and it stays when the kernel answers."""
    cell = page.locator(".jp-CodeCell", has=page.locator(".widget-slider", has_text=label))
    image = cell.locator(".coursekit-picture-box img")
    time.sleep(3)  # the kernel draws four pictures ahead, a few ms each, after the last change
    cell.locator(".widget-slider", has_text=label).locator(".noUi-handle").focus()
    page.keyboard.press(key)
    source, at = image.get_attribute("data-source"), image.get_attribute("data-at")
    assert source == "ahead", f"the picture shown at once was drawn ahead, not {source}"
    time.sleep(1)  # the kernel's own picture of the same value has come meanwhile
    assert image.count() == 1 and image.get_attribute("data-at") == at


def test_start_here_runs_and_the_learning_rate_slider_redraws_the_paths(page, lab, tmp_path):
    stored = _digests(ROOT / "notebooks")
    state = _open_and_run(page, lab, "00_start_here.ipynb")
    # Each ArrowRight moves the log-scale slider one step of 0.05 in log10(α), from the notebook's α = 0.1.
    after = f"{0.1 * 10 ** (3 * 0.05):.3g}"
    _slide_and_see_the_figure_change(page, state, "α (learning rate)", 3, ("0.100", after),
                                     tmp_path / "00_start_here.png")
    _a_step_drawn_ahead_is_shown_without_the_kernel(page, "α (learning rate)", "ArrowRight")
    _a_step_drawn_ahead_is_shown_without_the_kernel(page, "α (learning rate)", "ArrowLeft")
    assert _digests(ROOT / "notebooks") == stored, "the repository's notebooks are never modified"


def test_mini_batch_notebook_runs_and_the_batch_size_slider_retrains(page, lab, tmp_path):
    stored = _digests(ROOT / "notebooks")
    state = _open_and_run(page, lab, "01_mini_batch_gradient_descent.ipynb")
    # The sizes offered are 1, 8, 32, 64, 256 and m; the slider starts in the middle, at 64.
    _slide_and_see_the_figure_change(page, state, "mini-batch size", 1, ("64", "256"),
                                     tmp_path / "01_mini_batch_gradient_descent.png")
    assert _digests(ROOT / "notebooks") == stored, "the repository's notebooks are never modified"


# --- the learner's loop, in their working copy -------------------------------------------------------

# Index of the first cell of ``path`` with a tag, and the text of a cell's outputs, through JupyterLab's objects.
CELL_WITH_TAG = """([path, tag]) => {
    const panel = Array.from(window.jupyterapp.shell.widgets("main")).find(w => w.context && w.context.path === path);
    return panel.content.widgets.findIndex(cell => (cell.model.getMetadata("tags") || []).includes(tag));
}"""
OUTPUT_TEXT = """([path, index]) => {
    const panel = Array.from(window.jupyterapp.shell.widgets("main")).find(w => w.context && w.context.path === path);
    return panel.content.widgets[index].model.outputs.toJSON()
        .map(o => [].concat((o.data || {})["text/plain"] || o.text || "").join("")).join("\\n");
}"""
# Make a cell the active one, scrolled into view, in its notebook's panel (brought to the front).
ACTIVATE = """async ([path, index]) => {
    const app = window.jupyterapp;
    const panel = Array.from(app.shell.widgets("main")).find(w => w.context && w.context.path === path);
    app.shell.activateById(panel.id);
    panel.content.activeCellIndex = index;
    await panel.content.scrollToItem(index);
}"""
SOLUTION = '''def random_mini_batches(X, Y, mini_batch_size, seed):
    m = X.shape[1]
    order = np.random.default_rng(seed).permutation(m)
    X, Y = X[:, order], Y[:, order]
    return [(X[:, k:k + mini_batch_size], Y[:, k:k + mini_batch_size]) for k in range(0, m, mini_batch_size)]
'''


def _open(page, learner_lab, notebook: str):
    base, token = learner_lab
    page.goto(f"{base}/lab/workspaces/{Path(notebook).stem}/tree/{notebook}?token={token}")
    state = lambda: page.evaluate(NOTEBOOK_STATE, notebook)  # noqa: E731
    _wait_for(state, lambda s: s["stage"] == "open" and s["kernel"] == "idle", f"{notebook} and an idle kernel")
    return state


def test_a_notebook_not_yet_run_shows_pictures_and_questions_not_python_reprs(page, learner_lab):
    notebook = "01_mini_batch_gradient_descent.ipynb"
    _open(page, learner_lab, notebook)
    explorer = page.locator(".jp-CodeCell", has_text="batch_size_explorer(")
    explorer.scroll_into_view_if_needed()
    explorer.locator(".jp-OutputArea-output img").wait_for()
    assert "Explorer(" not in explorer.inner_text()
    question = page.locator(".jp-CodeCell", has_text='ask("01-noisy-cost")')
    question.scroll_into_view_if_needed()
    assert "Show the answer" in question.locator(".jp-OutputArea-output").inner_text()
    assert "ConceptCheck(" not in question.inner_text()
    checks = page.locator(".jp-CodeCell", has_text='check("random_mini_batches")')
    assert checks.locator(".jp-OutputArea-output").count() == 0, "no stored verdict for work not done"
    time.sleep(3)  # the news question would have popped up by now
    assert page.get_by_text("official Jupyter news").count() == 0, "is jupyter-settings/overrides.json installed?"


def test_run_all_never_stops_and_a_typed_solution_turns_the_check_green_and_the_table(page, learner_lab):
    start, mini = "00_start_here.ipynb", "01_mini_batch_gradient_descent.ipynb"
    start_state = _open(page, learner_lab, start)
    page.evaluate(RUN_ALL, start)
    _wait_for(start_state, lambda s: s["kernel"] == "idle" and None not in s["counts"], "00 to run")
    table = page.evaluate(CELL_WITH_TAG, [start, "progress"])
    assert re.search(r"01 Mini-batch gradient descent +0/1 +0/3", page.evaluate(OUTPUT_TEXT, [start, table]))

    state = _open(page, learner_lab, mini)
    page.evaluate(RUN_ALL, mini)
    ran = _wait_for(state, lambda s: s["kernel"] == "idle" and None not in s["counts"], "Run All to reach the end")
    assert not ran["problems"], "Run All never stops: no cell raised"
    check = page.evaluate(CELL_WITH_TAG, [mini, "check"])
    assert page.evaluate(OUTPUT_TEXT, [mini, check]).startswith("✘ random_mini_batches: not implemented yet")
    explorer = page.locator(".jp-CodeCell", has_text="batch_size_explorer(")
    explorer.scroll_into_view_if_needed()
    explorer.locator(".coursekit-picture").wait_for()  # the figures after the unfinished exercise are drawn

    question = page.locator(".jp-CodeCell", has_text='ask("01-noisy-cost")')
    question.scroll_into_view_if_needed()
    question.get_by_text("Each step's cost is measured on a different mini-batch").click()
    question.get_by_role("button", name="Check").click()
    question.locator(".coursekit-pass").wait_for()

    exercise = page.evaluate(CELL_WITH_TAG, [mini, "exercise"])
    page.evaluate(ACTIVATE, [mini, exercise])
    editor = page.locator(".jp-Notebook .jp-Cell").nth(exercise).locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(SOLUTION)
    page.keyboard.press("Shift+Enter")  # runs the exercise cell and moves to its check
    page.keyboard.press("Shift+Enter")  # runs the check
    _wait_for(lambda: page.evaluate(OUTPUT_TEXT, [mini, check]), lambda text: text.startswith("✔"), "the ✔")
    assert "all 5 cases pass" in page.evaluate(OUTPUT_TEXT, [mini, check])

    _open(page, learner_lab, start)  # back to notebook 00, where the table is
    page.evaluate(ACTIVATE, [start, table])
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-cell')")
    _wait_for(lambda: page.evaluate(OUTPUT_TEXT, [start, table]),
              lambda text: re.search(r"01 Mini-batch gradient descent +1/1 +1/3", text), "the table to count 01's work")
    assert not page.errors, page.errors
