"""Your code at work, in the browser: on the student edition, a "your code at work" cell says after Run All that
coursekit's code runs; once a correct answer is typed into the exercise and the exercise, its check and that
cell are run again, it says that the learner's code runs.

Uses the learner's working copy that tests/test_browser.py serves (its fixtures); needs Playwright and chromium
as that file does.
"""

import re

import pytest

from coursekit.course.yours import line
from tests.test_browser import (  # noqa: F401 (fixtures)
    ACTIVATE, OUTPUT_TEXT, RUN_ALL, _open, _wait_for, browser, learner_lab, page,
)

# The index of the first cell of ``path`` whose source contains ``text``, through JupyterLab's objects.
CELL_WITH_TEXT = """([path, text]) => {
    const panel = Array.from(window.jupyterapp.shell.widgets("main")).find(w => w.context && w.context.path === path);
    return panel.content.widgets.findIndex(cell => cell.model.sharedModel.getSource().includes(text));
}"""
RUN_CELL = "() => window.jupyterapp.commands.execute('notebook:run-cell')"

#: notebook -> (exercise, a correct answer typed by the learner, in their own words).
ANSWERS = {
    "06_gradient_descent_with_momentum.ipynb": ("momentum_update", '''def momentum_update(w, v, dw, lr, beta):
    v = beta * v + (1 - beta) * dw
    return w - lr * v, v
'''),
    "07_rmsprop.ipynb": ("rmsprop_update", '''def rmsprop_update(w, s, dw, lr, beta2, eps):
    s = beta2 * s + (1 - beta2) * dw * dw
    return w - lr * dw / (np.sqrt(s) + eps), s
'''),
    "08_adam.ipynb": ("adam_update", '''def adam_update(w, v, s, dw, t, lr, beta1, beta2, eps):
    v = beta1 * v + (1 - beta1) * dw
    s = beta2 * s + (1 - beta2) * dw**2
    return w - lr * (v / (1 - beta1**t)) / (np.sqrt(s / (1 - beta2**t)) + eps), v, s
'''),
}


@pytest.mark.parametrize("notebook", list(ANSWERS))
def test_a_yours_cell_runs_coursekits_code_until_the_learners_passes_then_theirs(page, learner_lab, notebook):
    name, answer = ANSWERS[notebook]
    state = _open(page, learner_lab, notebook)
    page.evaluate(RUN_ALL, notebook)
    ran = _wait_for(state, lambda s: s["kernel"] == "idle" and None not in s["counts"], f"Run All of {notebook}")
    assert not ran["problems"], "Run All never stops: no cell raised"
    at_work = page.evaluate(CELL_WITH_TEXT, [notebook, f'yours("{name}")'])
    assert page.evaluate(OUTPUT_TEXT, [notebook, at_work]).startswith(line(name, False))

    exercise = page.evaluate(CELL_WITH_TEXT, [notebook, f"def {name}("])
    page.evaluate(ACTIVATE, [notebook, exercise])
    page.locator(".jp-Notebook .jp-Cell").nth(exercise).locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(answer)
    page.keyboard.press("Shift+Enter")  # runs the exercise cell and moves to its check
    page.keyboard.press("Shift+Enter")  # runs the check
    check = exercise + 1
    _wait_for(lambda: page.evaluate(OUTPUT_TEXT, [notebook, check]), lambda text: text.startswith(f"✔ {name}"),
              f"the ✔ of {name}'s check")
    page.evaluate(ACTIVATE, [notebook, at_work])
    page.evaluate(RUN_CELL)
    shown = _wait_for(lambda: page.evaluate(OUTPUT_TEXT, [notebook, at_work]),
                      lambda text: text.startswith(line(name, True)) and "largest difference" in text,
                      "the learner's own run")
    difference = float(re.search(r"largest difference between the two costs .*: (\S+)", shown).group(1))
    assert difference < 1e-10, "the learner's rule gives coursekit's costs, up to rounding"
    assert not state()["problems"] and not page.errors, (state()["problems"], page.errors)
