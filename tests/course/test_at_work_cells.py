"""The "your code at work" cells of notebooks 01, 02, 04, 05, 08, 09 and 10 (issue 19 §1), run as learners meet them.

Each cell runs in this process on the variables it needs — only the earlier cells that define them, found by
reading the code — with one of four learner's functions: the notebook's solution, another right answer, a
known wrong answer from the exercise's catalogue, and the student edition's unfinished placeholder. Whatever
the learner wrote, the cell never raises and first displays whose function runs; a wrong or unfinished answer
runs coursekit's and prints exactly what the solution prints (which nbval compares with the stored output);
and with the solution the run coincides with coursekit's: every difference printed is zero, every count of
agreement full.
"""

from __future__ import annotations

import ast
import contextlib
import io
import re
from pathlib import Path

import matplotlib
import nbformat
import pytest

from coursekit.course.exercises import exercise
from coursekit.course.tools import editions
from coursekit.course.yours import Yours, line

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after choosing the backend that draws nothing on screen)

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = [next((ROOT / "notebooks").glob(f"{number}_*.ipynb")) for number in ("01", "02", "04", "05", "08", "09", "10", "12")]

#: A right answer written otherwise than the solution, for each exercise these cells put to work.
ANOTHER_RIGHT_ANSWER = {
    "random_mini_batches": '''
def random_mini_batches(X, Y, mini_batch_size, seed):
    order = np.argsort(np.random.default_rng(seed).random(X.shape[1]))  # another shuffle than coursekit's
    batches = []
    for start in range(0, X.shape[1], mini_batch_size):
        columns = order[start:start + mini_batch_size]
        batches.append((X[:, columns], Y[:, columns]))
    return batches
''',
    "time_to_target": "def time_to_target(epoch_costs, seconds_per_epoch, target):\n"
                      "    reached = np.flatnonzero(np.asarray(epoch_costs) <= target)\n"
                      "    return (reached[0] + 1) * seconds_per_epoch if reached.size else float('inf')\n",
    "fair_pick": '''
def fair_pick(costs, lrs):
    costs = np.asarray(costs, dtype=float)
    means = [row.mean() if np.isfinite(row).all() else np.inf for row in costs]  # a diverged seed rules α out
    row = int(np.argmin(means))
    return lrs[row], costs[row].min(), costs[row].max()
''',
    "ewa_step": "def ewa_step(v, theta, beta):\n    return v + (1 - beta) * (theta - v)\n",
    "bias_correct": "def bias_correct(v, beta, t):\n    return v * (1 / (1 - beta ** t))\n",
    "inverse_time_decay": "def inverse_time_decay(lr0, epoch_num, decay_rate, time_interval=1):\n"
                          "    return lr0 * (1 / (1 + decay_rate * np.floor(epoch_num / time_interval)))\n",
    "stall_epochs": '''
def stall_epochs(costs, patience, min_decrease):
    best, waited, stalls = np.inf, 0, []
    for epoch in range(1, len(costs) + 1):
        waited = 0 if costs[epoch - 1] < best * (1 - min_decrease) else waited + 1
        best = costs[epoch - 1] if waited == 0 else best
        if waited == patience:
            stalls, waited = [*stalls, epoch], 0
    return stalls
''',
    "adamw_update": '''
def adamw_update(w, v, s, dw, t, lr, beta1, beta2, eps, weight_decay):
    shrunk = w - lr * weight_decay * w
    v = beta1 * v + (1 - beta1) * dw
    s = beta2 * s + (1 - beta2) * dw * dw
    return shrunk - lr * (v / (1 - beta1**t)) / (np.sqrt(s / (1 - beta2**t)) + eps), v, s
''',
    "flat_directions": "def flat_directions(hessian):\n    values = np.sort(np.abs(np.linalg.eigvalsh(hessian)))\n"
                       "    return int(np.searchsorted(values, 1e-8 * max(1.0, values[-1]), side='right'))\n",
    "classify_critical_point": '''
def classify_critical_point(hessian):
    eigenvalues = np.sort(np.linalg.eigvalsh(hessian))
    zero = 1e-8 * max(1.0, abs(eigenvalues[0]), abs(eigenvalues[-1]))
    if eigenvalues[0] < -zero and eigenvalues[-1] > zero:
        return "saddle"
    if np.abs(eigenvalues).min() <= zero:
        return "degenerate"
    return "minimum" if eigenvalues[0] > zero else "maximum"
''',
}
VARIANTS = ("solution", "another right answer", "a known mistake", "unfinished")


def _code_cells(nb) -> list:
    return [cell for cell in nb.cells if cell.cell_type == "code" and cell.source.strip()]


def _names(source: str) -> tuple[set[str], set[str]]:
    """The names a cell binds (assignments, definitions, imports) and the names it reads."""
    bound, read = set(), set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name):
            (bound if isinstance(node.ctx, ast.Store) else read).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return bound, read


def _needed(cells: list, index: int) -> list[int]:
    """The earlier cells that bind what cell ``index`` reads, and what those read in turn (exercises left out:
    the learner's function is the variant's)."""
    bound, read = _names(cells[index].source)
    wanted, chosen = read - bound, []
    for j in range(index - 1, -1, -1):
        if editions.tags(cells[j]) and {"exercise", "check", "question"} & set(editions.tags(cells[j])):
            continue
        bound_j, read_j = _names(cells[j].source)
        if bound_j & wanted:
            chosen.append(j)
            wanted = (wanted - bound_j) | (read_j - bound_j)
    return sorted(chosen)


#: Yours cells run elsewhere: a learner's Adam is assembled from the functions of notebooks 04 and 05, which
#: these runs of one notebook's cells do not have; tests/test_browser_yours.py types it into JupyterLab.
ELSEWHERE = {"adam_update"}


def _yours_cells():
    for path in NOTEBOOKS:
        cells = _code_cells(nbformat.read(path, as_version=4))
        for index, cell in enumerate(cells):
            if editions.YOURS_TAG in editions.tags(cell):
                name = re.search(r'yours\("(\w+)"\)', cell.source).group(1)
                written_here = any(re.search(rf"^def {name}\(", other.source, re.M) for other in cells)
                if written_here and name not in ELSEWHERE:
                    yield pytest.param(path, index, name, id=f"{path.name[:2]}-{name}")


YOURS_CELLS = list(_yours_cells())


def _learners(path: Path, name: str, variant: str) -> str:
    """The source that defines the learner's ``name`` in this variant (the exercise cell, or another)."""
    nb = nbformat.read(path, as_version=4)
    if variant == "another right answer":
        return ANOTHER_RIGHT_ANSWER[name]
    if variant == "a known mistake":
        return ""  # set as a function below
    if variant == "unfinished":
        nb = editions.student_notebook(nb)
    return next(cell.source for cell in _code_cells(nb) if re.search(rf"^def {name}\(", cell.source, re.M))


def _run(path: Path, index: int, name: str, variant: str) -> tuple[list, str]:
    """Run the ``yours`` cell ``index`` of ``path`` with the learner's ``name`` of ``variant``: what it displayed
    and what it printed."""
    cells = _code_cells(nbformat.read(path, as_version=4))
    displayed: list = []
    namespace = {"display": displayed.append, "__name__": "__main__"}
    with contextlib.redirect_stdout(io.StringIO()):
        for j in _needed(cells, index):
            exec(compile(cells[j].source, f"{path.name}[{j}]", "exec"), namespace)
        exec(compile(_learners(path, name, variant), "learner", "exec"), namespace)
        if variant == "a known mistake":
            namespace[name] = next(m.wrong for m in exercise(name).mistakes if m.wrong is not None)
    displayed.clear()
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        exec(compile(cells[index].source, f"{path.name}[{index}]", "exec"), namespace)
    plt.close("all")
    return displayed, printed.getvalue()


@pytest.fixture(scope="module")
def solution_prints() -> dict:
    return {}


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize(("path", "index", "name"), YOURS_CELLS)
def test_a_yours_cell_runs_whatever_the_learner_wrote_and_says_whose_code_ran(path, index, name, variant,
                                                                              solution_prints):
    displayed, printed = _run(path, index, name, variant)
    first = displayed[0]
    learners = variant in ("solution", "another right answer")
    assert isinstance(first, Yours) and first.name == name and first.learners is learners
    assert repr(first) == line(name, learners)
    assert len(displayed) == 1 and printed, "one line of whose code runs, then the run's numbers"
    if variant == "solution":
        solution_prints[path, index] = printed
        differences = re.findall(r"difference[^:\n]*: (?:α )?([-+.\de]+)(?:, cost ([-+.\de]+))?", printed)
        agreements = re.findall(r"at (\d+) of (\d+)", printed)
        assert differences or agreements, printed
        assert all(value in ("0.0e+00", "") for found in differences for value in found), printed
        assert all(same == total for same, total in agreements), printed
    elif not learners:
        expected = solution_prints.get((path, index)) or _run(path, index, name, "solution")[1]
        assert printed == expected, "coursekit's run prints what the right answer prints"


def test_every_yours_cell_of_these_notebooks_is_run_here():
    found = {(path.name[:2], name) for path, _, name in (param.values for param in YOURS_CELLS)}
    assert found == {("01", "random_mini_batches"), ("02", "time_to_target"), ("04", "ewa_step"), ("05", "bias_correct"),
                     ("08", "fair_pick"),
                     ("09", "inverse_time_decay"), ("09", "stall_epochs"),
                     ("10", "classify_critical_point"), ("10", "flat_directions"), ("12", "adamw_update")}
