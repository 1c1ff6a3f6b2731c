"""JupyterLab saves a stored notebook byte for byte: opened, it is not marked modified, and saved, it is unchanged.

The learner's working copy tells a notebook the learner changed by its bytes, and JupyterLab autosaves a
notebook it holds as modified: a notebook that JupyterLab rewrites on opening would count as the learner's
own and stop receiving new editions. :func:`coursekit.course.tools.editions.as_saved_by_jupyterlab` stores the
widget state as JupyterLab writes it, and the course's JupyterLab settings (jupyter-settings/overrides.json, which
``make install`` puts in place and this JupyterLab reads) turn the widget manager's ``saveState`` off: when on,
the manager marks every notebook modified as it loads the stored widgets, and a save then writes the live
kernel's widgets in place of the stored ones (none before a run), whatever the file holds.
Needs Playwright and chromium, as tests/test_browser.py does.
"""

import contextlib
import shutil

import pytest

from tests.test_browser import ROOT, _serve, _wait_for, browser, page  # noqa: F401 (fixtures)

#: Notebooks that JupyterLab used to rewrite on opening (whole numbers stored as floats in the widget state).
OPENED = ["00_start_here.ipynb", "06_gradient_descent_with_momentum.ipynb", "09_learning_rate_decay.ipynb"]

# The open notebook's state: ready, with an idle kernel, and whether JupyterLab holds it as modified.
STATE = """(path) => {
    const panel = Array.from(window.jupyterapp?.shell.widgets("main") ?? []).find(w => w.context?.path === path);
    const kernel = panel?.sessionContext.session?.kernel;
    return panel && panel.context.isReady && kernel ? {kernel: kernel.status, dirty: panel.context.model.dirty}
                                                    : {kernel: "none"};
}"""
SAVE = """async (path) => {
    const panel = Array.from(window.jupyterapp.shell.widgets("main")).find(w => w.context.path === path);
    await panel.context.save();
}"""


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    home = tmp_path_factory.mktemp("saves")
    course = home / "course"
    course.mkdir()
    for name in OPENED:
        shutil.copy(ROOT / "notebooks" / name, course / name)
    with contextlib.closing(_serve(home, course, settings=False)) as serving:
        base, token = next(serving)
        yield course, base, token


@pytest.mark.parametrize("notebook", OPENED)
def test_a_stored_notebook_opened_and_saved_in_jupyterlab_keeps_every_byte(page, lab, notebook):
    course, base, token = lab
    stored = (course / notebook).read_bytes()
    page.goto(f"{base}/lab/workspaces/{notebook[:2]}/tree/{notebook}?token={token}")
    state = _wait_for(lambda: page.evaluate(STATE, notebook), lambda s: s["kernel"] == "idle", f"{notebook} to open")
    page.wait_for_timeout(3000)  # the widgets restored from the notebook, the kernel started
    assert not page.evaluate(STATE, notebook)["dirty"], f"{notebook} is marked modified before anything ran: {state}"
    page.evaluate(SAVE, notebook)
    assert (course / notebook).read_bytes() == stored, "JupyterLab's save rewrote the stored notebook"
