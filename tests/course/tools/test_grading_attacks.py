"""Only a correct answer scores: submissions that delegate to coursekit, tamper with the checker or poison the
environment go through nbgrader's real autograde and must score 0, while right answers in several styles score.

The assignment is notebook 00 cut to its imports, its exercise (``gd_update``) and its check, so that each
submission's run is short; the course folder is what ``make grading`` writes (its config, its confined kernel).
"""

from __future__ import annotations

import os
import site
import subprocess
import sys
import uuid
from pathlib import Path

import nbformat
import pytest

from coursekit.course.tools import confine, editions, grading

ROOT = Path(__file__).resolve().parents[3]
ASSIGNMENT = "00_start_here"
RIGHT = "def gd_update(w, dw, lr):\n    return w - lr * dw\n"
WRONG = "def gd_update(w, dw, lr):\n    return w + lr * dw\n"
MARK = uuid.uuid4().hex[:12]  # names the files the poisoning attacks try to leave behind
PTH = Path(site.getsitepackages()[0]) / f"coursekit_attack_{MARK}.pth"
IN_PACKAGE = ROOT / "coursekit" / f"_attack_{MARK}.py"

RIGHT_ANSWERS = {
    "right_plain": RIGHT,
    "right_numpy": "def gd_update(w, dw, lr):\n    return np.subtract(w, np.multiply(lr, dw))\n",
    "right_helper": "def _step(dw, lr):\n    return lr * dw\n\ndef gd_update(w, dw, lr):\n    new = w.copy()\n"
                    "    new = new - _step(dw, lr)\n    return new\n",
}
ATTACKS = {
    # delegating to the course's own implementation
    "delegate_import": "from coursekit.optim import gd_update\n",
    "delegate_inside": "def gd_update(w, dw, lr):\n    from coursekit.optim import gd_update as theirs\n"
                       "    return theirs(w, dw, lr)\n",
    "delegate_reference": "from coursekit.course.exercises import reference\ngd_update = reference('gd_update')\n",
    "delegate_importlib": "import importlib\ngd_update = importlib.import_module('coursekit.optim.gd').gd_update\n",
    "delegate_file": f"exec(open({str(ROOT / 'coursekit' / 'optim' / 'gd.py')!r}).read())\n",
    # a wrong answer, and the checker tampered with in the kernel
    "lenient": "import os\nos.environ['COURSEKIT_CHECKS'] = 'lenient'\n" + WRONG,
    "strict_removed": "import os\nos.environ.pop('COURSEKIT_CHECKS', None)\n" + WRONG,
    "run_patched": "from coursekit.course.exercises import machinery\n"
                   "machinery.run = lambda exercise, fn: machinery.Result(exercise.name, True, ('✔',))\n" + WRONG,
    "check_patched": "import coursekit.course as course, coursekit.course.checks as checks\n"
                     "course.check = checks.check = lambda *a, **k: None\n" + WRONG,
    "import_patched": "import builtins\n_real = builtins.__import__\n"
                      "def _quiet(name, *a, **k):\n    if name.startswith('coursekit.course'):\n"
                      "        import types\n        m = types.ModuleType(name)\n        m.check = lambda *a, **k: None\n"
                      "        return m\n    return _real(name, *a, **k)\nbuiltins.__import__ = _quiet\n" + WRONG,
    "errors_swallowed": "get_ipython().set_custom_exc((BaseException,), lambda *a, **k: None)\n" + WRONG,
    "later_cells_blanked": "get_ipython().input_transformers_cleanup.append(\n"
                           "    lambda lines: ['pass\\n'] if any('check(' in line for line in lines) else lines)\n" + WRONG,
    "close_to_anything": "class _Close(np.ndarray):\n    def __sub__(self, other):\n        return np.zeros_like(self)\n"
                         "    __rsub__ = __sub__\n    def __eq__(self, other):\n        return True\n"
                         "def gd_update(w, dw, lr):\n    return (w + lr * dw).view(_Close)\n",
    # poisoning what grades the next submission: both writes must fail
    # (a harmless payload, in case the confinement ever fails: the test needs only to see whether the write landed)
    "a_poison_site_packages": f"open({str(PTH)!r}, 'w').write('import os; os.environ.setdefault(\"COURSEKIT_PROBE\", \"1\")\\n')\n"
                              + WRONG,
    "a_poison_package": f"open({str(IN_PACKAGE)!r}, 'w').write('')\n" + WRONG,
}
AFTER_THE_POISON = {"b_wrong_after_poison": WRONG}


def _assignment(folder: Path) -> None:
    """Notebook 00 cut to its first code cell (the imports), its exercise and its check."""
    nb = nbformat.read(ROOT / "notebooks" / f"{ASSIGNMENT}.ipynb", as_version=4)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    exercise = next(i for i, cell in enumerate(code) if "exercise" in editions.tags(cell))
    nb.cells = [nb.cells[0], code[0], code[exercise], code[exercise + 1]]
    folder.mkdir()
    nbformat.write(nb, folder / f"{ASSIGNMENT}.ipynb")


def _nbgrader(course: Path, *args: str) -> None:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("COURSEKIT_CHECKS", None)  # pytest sets it; nbgrader must get it from the course's config
    run = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env, capture_output=True,
                         text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]


def _submit(course: Path, student: str, source: str) -> None:
    nb = nbformat.read(course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    for cell in nb.cells:
        if "exercise" in editions.tags(cell):
            cell.source = source
    target = course / "submitted" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    target.parent.mkdir(parents=True)
    nbformat.write(nb, target)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The scores of every submission, graded in one autograde run, in the order of the students' names."""
    pytest.importorskip("nbgrader", reason="the grading extra is not installed (nbgrader 0.9.6 needs Python >= 3.11)")
    if not confine.available() and not os.environ.get("CI"):
        pytest.skip("bubblewrap (bwrap) is not installed: grading needs it")
    from nbgrader.api import Gradebook

    tmp = tmp_path_factory.mktemp("attacks")
    _assignment(tmp / "notebooks")
    course = tmp / "course"
    grading.write_course(tmp / "notebooks", course)
    _nbgrader(course, "generate_assignment", ASSIGNMENT)
    submissions = {**RIGHT_ANSWERS, "wrong": WRONG, **ATTACKS, **AFTER_THE_POISON}
    for student, source in submissions.items():
        _submit(course, student, source)
    try:
        _nbgrader(course, "autograde", ASSIGNMENT)
        left_behind = [path for path in (PTH, IN_PACKAGE) if path.exists()]
    finally:
        for path in (PTH, IN_PACKAGE):
            path.unlink(missing_ok=True)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "coursekit") as gradebook:
        scores = {student: gradebook.find_submission(ASSIGNMENT, student).score for student in submissions}
    return scores, left_behind, course


@pytest.mark.parametrize("student", RIGHT_ANSWERS)
def test_a_right_answer_in_any_style_scores(graded, student):
    assert graded[0][student] == grading.POINTS


@pytest.mark.parametrize("student", ["wrong", *ATTACKS, *AFTER_THE_POISON])
def test_a_wrong_or_delegating_answer_or_a_tampered_checker_scores_nothing(graded, student):
    assert graded[0][student] == 0


def test_no_submission_can_write_outside_its_own_folder(graded):
    assert graded[1] == [], "a submission left a file in the environment that grades the next one"


def test_the_graded_check_cell_shows_the_report_and_nbgrader_reads_it_as_a_score(graded):
    course = graded[2]
    for student, passed in (("right_plain", True), ("delegate_import", False)):
        nb = nbformat.read(course / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
        (check,) = [cell for cell in nb.cells if "check" in editions.tags(cell)]
        (output,) = check.outputs
        if passed:
            assert output.output_type == "stream" and output.name == "stdout" and output.text.startswith("✔ gd_update")
        else:
            assert output.output_type == "error" and "No module named 'coursekit'" in output.evalue
