"""Running a learner's function on an exercise's cases, and reporting the first failure in a few lines.

An :class:`Exercise` is data: a signature, cases, and a catalogue of :class:`Mistake` s. :func:`run`
calls the learner's function on a fresh copy of each case's arguments and, in this order, looks for
an exception, ``None``, a spotted mistake, arguments changed in place, a value that differs from the
reference, and (for seeded exercises) a different result on a second call, or the same result for
another seed. The first failure ends the run. The report names the catalogued mistake whose wrong
implementation gives the learner's results (or raises the same kind of exception) on every case; if
none does, the first that agrees on the failing case, on every case before it, and on more than half
of all the cases (a learner's variant of a mistake may differ on an edge case). Either way a case the
learner passed rules out a mistake that would have failed it, and a coincidence on one case names none.
The lines of a report are written by :mod:`~coursekit.course.exercises.report`.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from coursekit.course.boxes import box
from coursekit.course.exercises import compare, report
from coursekit.course.exercises.outcomes import Called, Raised, call, call_wrong, identical, reproduces

__all__ = ["Case", "Exercise", "ExerciseFailed", "IN_PLACE", "Mistake", "Result", "run", "SEED_IGNORED", "UNSEEDED"]


@dataclass(frozen=True)
class Mistake:
    """A known wrong answer: its name, what to tell the learner, and how to recognise it.

    ``wrong`` is the wrong answer written with the learner's signature: the mistake explains a failure
    when ``wrong`` returns the learner's result (or raises the same kind of exception) on every case, or
    failing that, on the failing case, every case before it and most cases (see :func:`run`). It runs
    with its float arguments as numpy floats, so that a division by zero gives inf or NaN instead of
    raising: an exception that only the wrong answer raises never names a mistake.
    ``spot(args, result)`` recognises what values alone cannot show (shared arrays, a dropped
    mini-batch); a spotted mistake fails the case even when the values are right. ``args`` are the
    objects the function received, as it left them (for spots about sharing and identity); with
    ``received`` they are the values the function received, as they were before the call (for spots
    that compare the result with the arguments, which a function may have changed in place).
    The explanation says the idea in words or in the notebook's maths, never as code.
    """

    name: str
    explanation: str
    wrong: Callable | None = None
    spot: Callable | None = None
    received: bool = False


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
    ``seeded`` exercises take an argument ``seed``: the same arguments must give the same result, and
    another seed a different one.
    ``notebook`` is the number of the notebook that teaches it (``"06"``); ``hints`` go from a nudge to
    nearly the answer, without spelling out the code (:func:`coursekit.course.hints.hint` shows them).
    ``builds_on`` names the earlier exercises that the learner's function calls (Adam's two averages): graded,
    where nothing else of the course is there, those are given (:mod:`coursekit.course.tools.sandbox`).
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
    builds_on: tuple[str, ...] = ()

    @property
    def signature(self) -> str:
        """The learner's signature, e.g. ``momentum_update(w, v, dw, lr, beta) -> (w, v)``."""
        returns = self.returns[0] if len(self.returns) == 1 else f"({', '.join(self.returns)})"
        return f"{self.name}({', '.join(self.args)}) -> {returns}"


#: Mistakes that any exercise can show; the machinery recognises them itself.
IN_PLACE = Mistake(
    "inputs changed in place",
    "the function must return new values and leave its arguments as it received them; an augmented "
    "assignment, a write into a slice or an in-place shuffle of an argument changes the caller's own "
    "array. Compute the result as a new array under a new name.",
)
UNSEEDED = Mistake(
    "not reproducible for a seed",
    "two calls with the same arguments gave different results. Draw every random number from one "
    "generator made from the seed argument, so that a seed always gives the same answer.",
)
SEED_IGNORED = Mistake(
    "the seed is ignored",
    "another seed gave the same result on every case, so the result does not depend on the seed: make the "
    "generator from the seed argument, not from a fixed number.",
)


@dataclass(frozen=True)
class Result:
    """The outcome of checking a learner's function; truthy only when every case passed.

    ``lines`` is the report (one verdict line on success); ``case`` and ``mistake`` name the failing
    case and the recognised mistake, when there are any; ``hints`` is how many of the exercise's hints
    the report shows (the first one, when no mistake is named). Its ``repr`` is the report itself.
    """

    name: str
    passed: bool
    lines: tuple[str, ...]
    case: str | None = None
    mistake: str | None = None
    hints: int = 0

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


def run(exercise: Exercise, fn) -> Result:
    """Check ``fn`` against every case of ``exercise``; never raises for anything ``fn`` does."""
    n = len(exercise.cases)
    if not callable(fn):
        return _failed(exercise, f"✘ {exercise.name}: expected a function, got {compare.describe(fn)}")
    outcomes = [call(fn, case.args) for case in exercise.cases]
    for number, (case, outcome) in enumerate(zip(exercise.cases, outcomes), start=1):
        if isinstance(outcome, Raised) and isinstance(outcome.error, NotImplementedError):
            header = f"✘ {exercise.name}: not implemented yet; replace `raise NotImplementedError` with your code"
            return _failed(exercise, header)
        failure = _case_failure(exercise, fn, number, outcomes)
        if failure is not None:
            return _failed(exercise, f"✘ {exercise.name}: case {number} of {n} fails ({case.label})", case, failure)
    if exercise.seeded and all(identical(call(fn, _reseeded(exercise, case)[1]), outcome)
                               for case, outcome in zip(exercise.cases, outcomes)):
        case, (seed, _) = exercise.cases[0], _reseeded(exercise, exercise.cases[0])
        what = f"a call with seed {seed + 1} instead of {seed} returned the same result"
        return _failed(exercise, f"✘ {exercise.name}: case 1 of {n} fails ({case.label})", case,
                       _Failure(what, SEED_IGNORED))
    return Result(exercise.name, True, (f"✔ {exercise.name}: all {n} cases pass ({exercise.tolerance})",))


def _case_failure(exercise: Exercise, fn, number: int, outcomes: list) -> _Failure | None:
    """What fails on case ``number`` (from 1) of the learner's ``outcomes``, with the mistake that explains it."""
    case, outcome = exercise.cases[number - 1], outcomes[number - 1]
    if isinstance(outcome, Raised):
        return _Failure(report.raised(outcome.error), _explaining(exercise, number, outcomes))
    if outcome.value is None:
        return _Failure("your function returned None: is its `return` statement missing?")
    found = _difference(exercise, case, outcome.value)
    for mistake in exercise.mistakes:
        if mistake.spot is not None and _spotted(mistake, case, outcome):
            return _Failure(found or f"the values are right, but: {mistake.name}", mistake)
    for name, before, after in zip(exercise.args, case.args, outcome.args):
        if compare.changed(before, after):
            return _Failure(f"your function changed its argument {name} in place", IN_PLACE)
    if found:
        return _Failure(found, _explaining(exercise, number, outcomes))
    if exercise.seeded and not identical(call(fn, case.args), outcome):
        return _Failure("a second call with the same arguments returned a different result", UNSEEDED)
    return None


def _difference(exercise: Exercise, case: Case, value) -> str | None:
    expected = exercise.reference(*copy.deepcopy(case.args))
    if exercise.properties is not None:
        return exercise.properties(expected, value, case.args)
    return compare.outputs_difference(expected, value, exercise.returns)


def _spotted(mistake: Mistake, case: Case, outcome: Called) -> bool:
    args = copy.deepcopy(case.args) if mistake.received else outcome.args
    try:
        return bool(mistake.spot(args, outcome.value))
    except Exception:  # a result too malformed to inspect does not show this mistake
        return False


def _explaining(exercise: Exercise, number: int, outcomes: list) -> Mistake | None:
    """The first catalogued mistake whose wrong implementation agrees with the learner's ``outcomes`` on every
    case; else the first that agrees on cases 1 to ``number`` (the failing one) and on more than half of them."""
    fallback = None
    for mistake in (m for m in exercise.mistakes if m.wrong is not None):
        agree = [reproduces(call_wrong(mistake.wrong, case.args), outcome, lambda v, c=case: _passes(exercise, c, v))
                 for case, outcome in zip(exercise.cases, outcomes)]
        if all(agree):
            return mistake
        if fallback is None and all(agree[:number]) and 2 * sum(agree) > len(agree):
            fallback = mistake
    return fallback


def _passes(exercise: Exercise, case: Case, value) -> bool:
    try:
        return value is not None and _difference(exercise, case, value) is None
    except Exception:  # a value too malformed to compare is not a right one
        return False


def _reseeded(exercise: Exercise, case: Case) -> tuple[int, tuple]:
    """The case's seed, and its arguments with the next seed instead."""
    index = exercise.args.index("seed")
    seed = case.args[index]
    return seed, (*case.args[:index], seed + 1, *case.args[index + 1 :])


def _failed(exercise: Exercise, header: str, case: Case | None = None, failure: _Failure | None = None) -> Result:
    """The report of a failure: what to write when nothing runs yet; else the case, the difference, and the
    known mistake or else the first hint (the next ones are for the learner to ask for)."""
    if case is None:
        return Result(exercise.name, False, tuple(report.unfinished(exercise, header)))
    lines, hints = report.failure(exercise, header, case.args, failure.what, failure.mistake)
    mistake = failure.mistake.name if failure.mistake else None
    return Result(exercise.name, False, tuple(lines), case.label, mistake, hints)
