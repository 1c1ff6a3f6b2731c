"""The check cell: run the learner's exercise and show the verdict, without ever stopping Run All.

In a notebook the cell below an exercise is ``check("momentum_update")``: it finds the learner's
function of that name in the notebook, runs it on the exercise's cases (as
:func:`~coursekit.course.exercises.evaluate` does) and shows one green ✔ line, or the report in a red box.

Two audiences, one message:

* **a learner in JupyterLab**: a failed check shows its report and *returns*, so that Run All goes on
  and draws every later figure and widget;
* **a test runner** (nbval under ``make test`` or ``pytest --nbval-lax``, ``make check``, nbgrader):
  the same failure *raises* :class:`~coursekit.course.exercises.ExerciseFailed`, so the cell counts as
  failed. This strict mode is on when the environment variable ``COURSEKIT_CHECKS`` is ``strict``;
  coursekit's pytest plugin (:mod:`coursekit.course.pytest_plugin`) sets it for every pytest run, and
  the kernels that pytest starts inherit it.

A check also says what to run first when the function is not defined yet (a cell run out of order,
or after a kernel restart), and notices when the function has not been redefined since it last failed
(the exercise cell was not re-run, or stopped at a ``SyntaxError`` and kept the old definition).
"""

from __future__ import annotations

import dataclasses
import os
import sys

from coursekit.course import hints, records
from coursekit.course.exercises import ExerciseFailed, Result, exercise, machinery

__all__ = ["check", "strict", "STRICT_VARIABLE"]

#: The environment variable that turns strict mode on (value ``strict``).
STRICT_VARIABLE = "COURSEKIT_CHECKS"

_FROM_NOTEBOOK = object()
#: exercise name -> the function object that failed its last check.
_last_failure: dict[str, object] = {}


def strict() -> bool:
    """Whether a failed check raises (under a test runner) instead of returning its report (for a learner)."""
    return os.environ.get(STRICT_VARIABLE) == "strict"


def check(name: str, fn=_FROM_NOTEBOOK) -> Result:
    """Check the learner's function for exercise ``name`` and return the verdict, shown as a ✔ line or a ✘ box.

    Args:
        name: an exercise, one of :func:`coursekit.course.exercises.names`.
        fn: the function to check; by default the one called ``name`` in the notebook (the caller's globals).

    Returns:
        The :class:`~coursekit.course.exercises.Result`; it is recorded in the learner's progress.

    Raises:
        ExerciseFailed: in strict mode (:func:`strict`) when the check fails, with the same report.

    >>> def ewa_step(v, theta, beta):
    ...     return beta * v + (1 - beta) * theta
    >>> check("ewa_step")
    ✔ ewa_step: all 5 cases pass (rtol 1e-07, atol 1e-12)
    """
    entry = exercise(name)
    if fn is _FROM_NOTEBOOK:
        namespace = sys._getframe(1).f_globals
        if name not in namespace:
            return _verdict(_not_defined(name))
        fn = namespace[name]
    result = machinery.run(entry, fn)
    if not result and _last_failure.get(name) is fn:
        result = dataclasses.replace(result, lines=(*result.lines, _unchanged(name)))
    if result:
        _last_failure.pop(name, None)
    else:
        _last_failure[name] = fn
        hints.shown(name, result.hints)  # a report that names no mistake shows the first hint
    records.record("exercises", name, result.passed, entry.notebook)
    return _verdict(result)


def _verdict(result: Result) -> Result:
    if not result and strict():
        raise ExerciseFailed(result)
    return result


def _not_defined(name: str) -> Result:
    return Result(name, False, (
        f"✘ {name}: this kernel has no function {name} yet",
        "  run the exercise cell above first (Shift+Enter), then this check again;",
        "  after a kernel restart, Run → Run All Cells runs the imports and every exercise cell again",
    ))


def _unchanged(name: str) -> str:
    return (f"  note: this is the same {name} that failed the last check: did you run the exercise cell after "
            "changing it? (a cell that stops at an error, such as a SyntaxError, keeps the old definition)")
