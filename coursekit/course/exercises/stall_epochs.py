"""The second exercise of notebook 09: the stall detector of manual decay, and the mistakes its check names.

The learner writes what a person watching a long run does: keep the best cost so far, count the epochs
without a new best (a cost lower than (1 − min_decrease) times the best), and at ``patience`` of them say
"stalled" — the epoch at which α would be cut — then wait ``patience`` epochs again. The result is a list of
epochs, compared exactly (any sequence of whole numbers is accepted). The cost curves come from the
exercise's own generator (see :mod:`.inputs`): a noisy curve that levels off, a flat plateau with cut after cut,
costs far below 1 (where an absolute tolerance is another rule), a slow creep, a jump up and back, a NaN epoch,
and decreases of exactly ``min_decrease`` (exact in binary: 0.75 of 1).
"""

from __future__ import annotations

import math

import numpy as np

from coursekit import schedules
from coursekit.course.exercises import compare
from coursekit.course.exercises.inputs import Draws
from coursekit.course.exercises.machinery import Case, Exercise, Mistake

__all__ = ["STALL_EPOCHS"]


def _levelling(draw: Draws, epochs: int, start: float, floor: float, tau: float, noise: float) -> np.ndarray:
    """A cost that falls from ``start`` towards ``floor`` with time constant ``tau``, with relative noise."""
    e = np.arange(1, epochs + 1)
    return (floor + (start - floor) * np.exp(-e / tau)) * (1 + noise * draw.normal(epochs))


def _cases() -> tuple[Case, ...]:
    draw = Draws(20240608)
    plateau = np.concatenate([[1.0, 0.6, 0.4], 0.3 * (1 + 0.002 * draw.normal(17))])
    jump = np.array([1.0, 0.8, 0.6, 0.9, 0.59, 0.6, 0.6, 0.6, 0.58, 0.6, 0.6, 0.6, 0.6])
    with_nan = np.array([1.0, 0.5, 0.3, 0.3, np.nan, 0.3, 0.3, 0.2, 0.2, 0.2, 0.2, 0.1, np.nan, 0.1, 0.1])
    exact = np.array([1.0, 0.75, 0.75, 0.75 * 0.75, 0.75, 0.5, 0.5, 0.5, 0.5])
    return (
        Case("a noisy curve that levels off, patience 5", (_levelling(draw, 40, 1.0, 0.1, 5.0, 0.01), 5, 0.01)),
        Case("a flat plateau: cut after cut, patience 4", (plateau, 4, 0.01)),
        Case("costs near 0.02, min_decrease 5 %", (_levelling(draw, 30, 0.05, 0.02, 4.0, 0.005), 3, 0.05)),
        Case("a cost that jumps up and comes back, patience 3", (jump, 3, 0.01)),
        Case("a slow creep of 0.6 % an epoch, patience 3", (0.994 ** np.arange(25), 3, 0.01)),
        Case("a NaN epoch (a diverged step), patience 3", (with_nan, 3, 0.01)),
        Case("decreases of exactly min_decrease = 25 %, patience 2", (exact, 2, 0.25)),
        Case("patience 1: every epoch without a new best", (_levelling(draw, 12, 1.0, 0.5, 2.0, 0.02), 1, 0.02)),
        Case("no stall: better by a tenth every epoch", (0.9 ** np.arange(12), 3, 0.05)),
    )


def _listed(epochs: list[int]) -> str:
    """A list of epochs, its first eight only when it is longer."""
    if len(epochs) <= 8:
        return str(epochs)
    return f"[{', '.join(map(str, epochs[:8]))}, …] ({len(epochs)} epochs)"


def _stalls_difference(expected, got, args) -> str | None:
    """One line saying how the learner's stall epochs differ from the expected ones, or None."""
    if isinstance(got, (str, bytes, dict)) or not isinstance(got, (list, tuple, np.ndarray)) or np.ndim(got) != 1:
        return f"your function returned {compare.describe(got)} where a list of epoch numbers was expected"
    if not all(isinstance(e, (int, np.integer)) and not isinstance(e, bool) for e in np.asarray(got, dtype=object)):
        return "the stall epochs must be whole epoch numbers (1 for the first epoch)"
    got = [int(e) for e in got]
    if got != expected:
        return f"the stall epochs are {_listed(got)} where {_listed(expected)} were expected"
    return None


def _watching(new_best, *, from_best: bool = False, late: bool = False, wait: bool = True, first: bool = False,
              nan_counted: bool = True, forget_best: bool = False, offset: int = 0):
    """A stall detector as a learner writes it, with ``new_best(J, best, previous, md)`` deciding progress and
    one slip where the keywords say (for the wrong answers)."""

    def detect(costs, patience, min_decrease):
        best, previous, since, stalls = math.inf, math.inf, 0, []
        for epoch, J in enumerate(costs, start=1):
            if not nan_counted and J != J:
                continue
            if new_best(J, best, previous, min_decrease):
                best, since = J, 0
            elif not from_best:
                since += 1
            previous = J
            if from_best:
                since += 1
            stalled = since > patience if late else since == patience if wait else since >= patience
            if stalled:
                stalls.append(epoch - offset)
                if first:
                    return stalls
                if wait:
                    since = 0
                    best = math.inf if forget_best else best
        return stalls

    return detect


def _right(J, best, previous, md):
    return J < (1 - md) * best


def _against_last(J, best, previous, md):
    return J < (1 - md) * previous


def _absolute(J, best, previous, md):
    return J < best - md


def _at_most(J, best, previous, md):
    return J <= (1 - md) * best


def _negated(J, best, previous, md):
    return not J >= (1 - md) * best


def _every_lower(costs, patience, min_decrease):
    best, since, stalls = math.inf, 0, []
    for epoch, J in enumerate(costs, start=1):
        since = 0 if J < (1 - min_decrease) * best else since + 1
        best = min(best, J)
        if since == patience:
            stalls.append(epoch)
            since = 0
    return stalls


STALL_EPOCHS = Exercise(
    name="stall_epochs",
    notebook="09",
    args=("costs", "patience", "min_decrease"),
    returns=("stalls",),
    description="The epochs at which a watcher cuts α: keep the best cost so far; a cost J_e is a new best when "
    "J_e < (1 − min_decrease) · best; the epoch that completes patience epochs in a row without a new best is a "
    "stall, and the count starts again after it. Epochs count from 1; a NaN cost is never a new best.",
    hints=(
        "Walk through the costs once, keeping two things: the best cost so far and how many epochs have passed "
        "without a new best.",
        "A new best resets the count to 0; any other epoch (a NaN one too) adds 1. When the count reaches patience, "
        "note the epoch and start counting again from 0, keeping the best.",
        "The tolerance is relative: a cost counts as progress only below (1 − min_decrease) times the best, so a "
        "cost equal to that is not progress.",
    ),
    reference=schedules.stall_epochs,
    cases=_cases(),
    mistakes=(
        Mistake(
            "compared with the last cost instead of the best",
            "progress means beating the best cost so far; a cost that only beats the epoch before (after a jump up) "
            "is no progress, and counting it as one keeps a stalled run going.",
            wrong=_watching(_against_last),
        ),
        Mistake(
            "absolute instead of relative tolerance",
            "min_decrease is a fraction of the best: a new best is below (1 − min_decrease) · best. Subtracting "
            "min_decrease itself asks costs near 0.02 to fall by 0.05, which they never can.",
            wrong=_watching(_absolute),
        ),
        Mistake(
            "one epoch too many in the patience window",
            "the stall is the epoch that completes patience epochs without a new best: with patience 3, the third "
            "such epoch, not the fourth.",
            wrong=_watching(_right, late=True),
        ),
        Mistake(
            "the epoch of the best counted in the patience window",
            "the count is of the epochs AFTER the best: the epoch that sets a new best makes it 0, and patience "
            "epochs without one must follow before a stall.",
            wrong=_watching(_right, from_best=True),
        ),
        Mistake(
            "no wait after a cut",
            "after a cut the watcher gives the new α patience epochs before judging again: start the count from 0 "
            "at each stall, or every later epoch is a stall too.",
            wrong=_watching(_right, wait=False),
        ),
        Mistake(
            "only the first stall",
            "a long run can stall again after a cut: keep going through all the costs and list every epoch at which "
            "the count reaches patience.",
            wrong=_watching(_right, first=True),
        ),
        Mistake(
            "a NaN cost counted as progress",
            "a NaN cost (a diverged epoch) is no new best: a comparison with NaN is false either way round, so test "
            "for progress as J < (1 − min_decrease) · best, and let every other epoch add 1 to the count.",
            wrong=_watching(_negated),
        ),
        Mistake(
            "a NaN epoch not counted",
            "an epoch whose cost is NaN is an epoch without progress: it adds 1 to the count like any other.",
            wrong=_watching(_right, nan_counted=False),
        ),
        Mistake(
            "a decrease of exactly min_decrease counted as progress",
            "progress is a decrease by MORE than min_decrease: J_e < (1 − min_decrease) · best, strictly; a cost "
            "equal to it is no new best.",
            wrong=_watching(_at_most),
        ),
        Mistake(
            "every lower cost taken as the new best",
            "the best changes only at a new best, a cost below (1 − min_decrease) · best. Lowering it by every small "
            "step makes a slow but steady descent look stalled.",
            wrong=_every_lower,
        ),
        Mistake(
            "the best forgotten at a cut",
            "a cut lowers α, not the standard: keep the best cost, so that the epochs after a cut must beat it too.",
            wrong=_watching(_right, forget_best=True),
        ),
        Mistake(
            "epochs counted from 0",
            "epochs count from 1, as the costs' positions do not: the first cost is that of epoch 1.",
            wrong=_watching(_right, offset=1),
        ),
    ),
    properties=_stalls_difference,
    tolerance="exact epoch numbers",
)
