"""Running a learner's function on an exercise's cases, and reporting the first failure in a few lines.

An :class:`Exercise` is data: a signature, cases, and a catalogue of :class:`Mistake` s. :func:`run`
calls the learner's function on a fresh copy of each case's arguments and, in this order, looks for
an exception, ``None``, a spotted mistake, arguments changed in place, a value that differs from the
reference, and (for seeded exercises) a different result on a second call. The first failure ends the
run; when a catalogued wrong implementation reproduces the learner's result on that case, the report
names it.
"""

from __future__ import annotations

import copy
import os
import sysconfig
import traceback
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from coursekit.course.boxes import box
from coursekit.course.exercises import compare

__all__ = ["Case", "Exercise", "ExerciseFailed", "IN_PLACE", "Mistake", "Result", "run", "UNSEEDED"]


@dataclass(frozen=True)
class Mistake:
    """A known wrong answer: its name, what to tell the learner, and how to recognise it.

    ``wrong`` is the wrong answer written with the learner's signature: the mistake explains a failing
    case when ``wrong`` returns the learner's result there (or raises the same kind of exception).
    ``spot(args, result)`` recognises what values alone cannot show (shared arrays, a dropped
    mini-batch); a spotted mistake fails the case even when the values are right.
    """

    name: str
    explanation: str
    wrong: Callable | None = None
    spot: Callable | None = None


@dataclass(frozen=True)
class Case:
    """One call of an exercise: a short label and the positional arguments, in the signature's order."""

    label: str
    args: tuple


@dataclass(frozen=True)
class Exercise:
    """An exercise: where it is taught, the learner's signature, what it asks, its hints, reference, cases and mistakes.

    By default the result must equal the reference's within ``compare.TOLERANCE``; an exercise with
    many right answers gives ``properties(expected, result, args)`` instead, returning a one-line
    difference or None. ``tolerance`` is what the verdict states.
    ``seeded`` exercises must return the same result when called twice with the same arguments.
    ``notebook`` is the number of the notebook that teaches it (``"05"``); ``hints`` go from a nudge to
    nearly the answer, without spelling out the code (:func:`coursekit.course.hints.hint` shows them).
    """

    name: str
    notebook: str
    args: tuple[str, ...]
    returns: tuple[str, ...]
    description: str
    hints: tuple[str, ...]
    reference: Callable
    cases: tuple[Case, ...]
    mistakes: tuple[Mistake, ...] = ()
    properties: Callable | None = None
    tolerance: str = compare.TOLERANCE
    seeded: bool = False

    @property
    def signature(self) -> str:
        """The learner's signature, e.g. ``momentum_update(w, v, dw, lr, beta) -> (w, v)``."""
        returns = self.returns[0] if len(self.returns) == 1 else f"({', '.join(self.returns)})"
        return f"{self.name}({', '.join(self.args)}) -> {returns}"


#: Mistakes that any exercise can show; the machinery recognises them itself.
IN_PLACE = Mistake(
    "inputs changed in place",
    "the function must return new values and leave its arguments as they were; `w -= ...` or `v[...] = ...` "
    "writes into the caller's array. Write `w = w - ...` to make a new one.",
)
UNSEEDED = Mistake(
    "not reproducible for a seed",
    "two calls with the same arguments gave different results. Draw random numbers only from "
    "`np.random.default_rng(seed)`, so that a seed always gives the same answer.",
)


@dataclass(frozen=True)
class Result:
    """The outcome of checking a learner's function; truthy only when every case passed.

    ``lines`` is the report (one verdict line on success); ``case`` and ``mistake`` name the failing
    case and the recognised mistake, when there are any. Its ``repr`` is the report itself.
    """

    name: str
    passed: bool
    lines: tuple[str, ...]
    case: str | None = None
    mistake: str | None = None

    @property
    def message(self) -> str:
        """The report as one string."""
        return "\n".join(self.lines)

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        return self.message

    def _repr_html_(self) -> str:
        return box(self.message, "pass" if self.passed else "fail")


class ExerciseFailed(AssertionError):
    """Raised by ``check`` when a case fails; IPython shows only its short report (``_render_traceback_``)."""

    def __init__(self, result: Result):
        super().__init__(result.message)
        self.result = result

    def _render_traceback_(self) -> list[str]:
        return list(self.result.lines)


class _Failure(NamedTuple):
    what: str
    mistake: Mistake | None = None


class _Called(NamedTuple):
    args: tuple  # the copies the function received, as it left them
    value: object


class _Raised(NamedTuple):
    error: Exception


def run(exercise: Exercise, fn) -> Result:
    """Check ``fn`` against every case of ``exercise``; never raises for anything ``fn`` does."""
    n = len(exercise.cases)
    if not callable(fn):
        return _failed(exercise, f"✘ {exercise.name}: expected a function, got {compare.describe(fn)}")
    for number, case in enumerate(exercise.cases, start=1):
        outcome = _call(fn, case.args)
        if isinstance(outcome, _Raised) and isinstance(outcome.error, NotImplementedError):
            header = f"✘ {exercise.name}: not implemented yet; replace `raise NotImplementedError` with your code"
            return _failed(exercise, header)
        failure = _case_failure(exercise, fn, case, outcome)
        if failure is not None:
            return _failed(exercise, f"✘ {exercise.name}: case {number} of {n} fails ({case.label})", case, failure)
    return Result(exercise.name, True, (f"✔ {exercise.name}: all {n} cases pass ({exercise.tolerance})",))


def _call(fn, case_args: tuple) -> _Called | _Raised:
    """Call ``fn`` on a deep copy of the arguments, with numpy's warnings silenced (they would reach stderr)."""
    args = copy.deepcopy(case_args)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            return _Called(args, fn(*args))
        except Exception as error:  # the learner's exception becomes part of the report
            return _Raised(error)


def _case_failure(exercise: Exercise, fn, case: Case, outcome) -> _Failure | None:
    if isinstance(outcome, _Raised):
        return _Failure(_raised_message(outcome.error), _explaining(exercise, case, outcome))
    if outcome.value is None:
        return _Failure("your function returned None: is its `return` statement missing?")
    found = _difference(exercise, case, outcome.value)
    for mistake in exercise.mistakes:
        if mistake.spot is not None and _spotted(mistake, outcome):
            return _Failure(found or f"the values are right, but: {mistake.name}", mistake)
    for name, before, after in zip(exercise.args, case.args, outcome.args):
        if compare.changed(before, after):
            return _Failure(f"your function changed its argument {name} in place", IN_PLACE)
    if found:
        return _Failure(found, _explaining(exercise, case, outcome))
    if exercise.seeded and not _same(_call(fn, case.args), outcome):
        return _Failure("a second call with the same arguments returned a different result", UNSEEDED)
    return None


def _difference(exercise: Exercise, case: Case, value) -> str | None:
    expected = exercise.reference(*copy.deepcopy(case.args))
    if exercise.properties is not None:
        return exercise.properties(expected, value, case.args)
    return compare.outputs_difference(expected, value, exercise.returns)


def _spotted(mistake: Mistake, outcome: _Called) -> bool:
    try:
        return bool(mistake.spot(outcome.args, outcome.value))
    except Exception:  # a result too malformed to inspect does not show this mistake
        return False


def _explaining(exercise: Exercise, case: Case, outcome) -> Mistake | None:
    """The first catalogued mistake whose wrong implementation reproduces ``outcome`` on ``case``."""
    for mistake in exercise.mistakes:
        if mistake.wrong is not None and _same(_call(mistake.wrong, case.args), outcome):
            return mistake
    return None


def _same(a, b) -> bool:
    """Whether two outcomes agree: equal results, the same kind of exception, or one division by zero
    raised by Python floats (ZeroDivisionError) where numpy gave inf or NaN."""
    if isinstance(a, _Raised) and isinstance(b, _Raised):
        return type(a.error) is type(b.error)
    if isinstance(a, _Raised) or isinstance(b, _Raised):
        raised, called = (a, b) if isinstance(a, _Raised) else (b, a)
        return isinstance(raised.error, ZeroDivisionError) and not compare.finite(called.value)
    return compare.same(a.value, b.value)


_LIBRARIES = tuple(
    os.path.join(os.path.realpath(path), "")
    for path in (
        *(sysconfig.get_paths()[key] for key in ("stdlib", "platstdlib", "purelib", "platlib")),
        os.path.dirname(os.path.dirname(__file__)),
    )
)


def _raised_message(error: Exception) -> str:
    """``your function raised KeyError: 'W1' (line 3 of init: v[k] = ...)``, the line being the learner's own."""
    text = str(error).strip().splitlines()[0][:120] if str(error).strip() else ""
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if not os.path.realpath(frame.filename).startswith(_LIBRARIES)
    ]
    where = ""
    if frames:
        code = (frames[-1].line or "").strip()
        where = f" (line {frames[-1].lineno} of {frames[-1].name}{': ' + code if code else ''})"
    return f"your function raised {type(error).__name__}{': ' + text if text else ''}{where}"


def _failed(exercise: Exercise, header: str, case: Case | None = None, failure: _Failure | None = None) -> Result:
    """The report of a failure: what to write when nothing runs yet; else the case, the difference, the
    known mistake and the first hint only (the next ones are for the learner to ask for)."""
    lines = [header]
    if case is None:
        lines += [f"  write: {exercise.signature}", f'  stuck? hint("{exercise.name}") gives a first hint']
    else:
        lines += [f"  arguments: {_summary(exercise.args, case.args)}", f"  {failure.what}"]
        lines.append(f"  compared with {exercise.tolerance}")
        if failure.mistake is not None:
            lines.append(f"  known mistake, {failure.mistake.name}: {failure.mistake.explanation}")
        lines.append(f"  hint 1 of {len(exercise.hints)}: {exercise.hints[0]}")
        lines.append(f'  more help: hint("{exercise.name}") shows the next hint')
    mistake = failure.mistake.name if failure and failure.mistake else None
    return Result(exercise.name, False, tuple(lines), case.label if case else None, mistake)


def _summary(names: tuple[str, ...], args: tuple) -> str:
    return ", ".join(_argument(name, value) for name, value in zip(names, args))


def _argument(name: str, value) -> str:
    if isinstance(value, np.ndarray):
        return f"{name} of shape {value.shape}"
    if isinstance(value, dict):
        return f"{name} with keys {', '.join(map(str, value))}"
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, dict) for v in value):
        return f"{name}, a {type(value).__name__} of {len(value)} dicts with keys {', '.join(map(str, value[0]))}"
    if isinstance(value, float):
        return f"{name}={value:g}"
    return f"{name}={value!r}"
