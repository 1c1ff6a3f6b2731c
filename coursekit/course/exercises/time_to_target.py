"""The exercise of notebook 02: the seconds a run needs to reach a target cost, and the mistakes its check names.

Time to a target is the fair currency of 02's question: a small mini-batch makes more progress per epoch, a
large one a faster epoch, and ``time = e* · seconds_per_epoch`` weighs both, where ``e*`` is the first epoch
(counted from 1) whose cost ``J_e ≤ target``; a run that never gets there needs ``+∞``, which ranks it last.
The cost curves come from the exercise's own generator (see :mod:`.inputs`): a noisy fall that crosses the
target and bounces back above it (so that the first crossing, the last one and the lowest cost are three
epochs), a run that stops short of it, a cost exactly at it, NaN epochs from a diverged step, a run already
there after one epoch, and a slow smooth fall like batch gradient descent's.
"""

from __future__ import annotations

import math

import numpy as np

from coursekit import _validate
from coursekit.course.exercises.inputs import Draws
from coursekit.course.exercises.machinery import Case, Exercise, Mistake

__all__ = ["TIME_TO_TARGET"]


def _time_to_target(epoch_costs, seconds_per_epoch, target) -> float:
    """The seconds a run needs to reach ``J ≤ target``: ``e* · seconds_per_epoch``, or ``+∞`` if no epoch does.

    ``e*`` is the first epoch, counted from 1 (``epoch_costs[0]`` is the cost after epoch 1), with
    ``J_e ≤ target``; a NaN cost never reaches the target.

    Args:
        epoch_costs: ``J_1, J_2, ...``, the whole set's cost after each epoch (``History.epoch_costs``).
        seconds_per_epoch: the seconds one epoch takes (``SizeSweep.seconds_per_epoch(size)``), > 0.
        target: the cost to reach.

    Reference: notebook 02 ("per epoch versus per second").

    >>> _time_to_target([2.1, 0.5, 0.09, 0.2], 0.5, 0.1), _time_to_target([2.1, 0.5], 0.5, 0.1)
    (1.5, inf)
    """
    costs = _validate.array(epoch_costs, "epoch_costs", ndim=1, finite=False)
    seconds = _validate.positive(seconds_per_epoch, "seconds_per_epoch")
    reached = np.flatnonzero(costs <= _validate.finite(target, "target"))
    return float(reached[0] + 1) * seconds if reached.size else math.inf


def _falling(draw: Draws, epochs: int, start: float, floor: float, tau: float, noise: float) -> np.ndarray:
    """A cost that falls from ``start`` towards ``floor`` with time constant ``tau`` epochs, with relative noise."""
    e = np.arange(epochs)
    return (floor + (start - floor) * np.exp(-e / tau)) * np.exp(noise * draw.normal(epochs))


def _cases() -> tuple[Case, ...]:
    draw = Draws(20240611)
    return (
        Case("a noisy fall that crosses J = 0.1 and bounces back above it",
             (_falling(draw, 30, 1.5, 0.08, 2.5, 0.3), 0.0027, 0.1)),
        Case("a run that stops short of the target", (_falling(draw, 6, 0.9, 0.15, 1.5, 0.1), 0.016, 0.1)),
        Case("a cost exactly at the target", (np.array([1.0, 0.5, 0.25, 0.375, 0.125, 0.25]), 0.5, 0.25)),
        Case("a NaN epoch (a diverged step) before the crossing",
             (np.array([2.3, np.nan, 1.2, 0.6, 0.3, 0.08, 0.12, 0.05]), 0.0012, 0.1)),
        Case("already at the target after epoch 1", (np.array([0.09, 0.05, 0.12, 0.04, 0.07]), 0.12, 0.1)),
        Case("a slow, smooth fall that gets there at epoch 95 of 100",
             (_falling(draw, 100, 2.2, 0.07, 22.0, 0.002), 0.0007, 0.1)),
        Case("a run that diverged and never gets there", (np.array([2.3, 5.1, np.nan, np.nan, np.nan]), 0.003, 0.1)),
    )


def _first(epoch_costs, reached) -> int | None:
    """The first epoch (from 1) whose cost ``reached`` says yes to, or None."""
    return next((e for e, J in enumerate(epoch_costs, start=1) if reached(J)), None)


def _timed(epoch, seconds_per_epoch, never=math.inf):
    return never if epoch is None else epoch * seconds_per_epoch


def _from_zero(epoch_costs, seconds_per_epoch, target):
    epoch = _first(epoch_costs, lambda J: J <= target)
    return _timed(None if epoch is None else epoch - 1, seconds_per_epoch)


def _strictly_below(epoch_costs, seconds_per_epoch, target):
    return _timed(_first(epoch_costs, lambda J: J < target), seconds_per_epoch)


def _whole_run_when_never(epoch_costs, seconds_per_epoch, target):
    return _timed(_first(epoch_costs, lambda J: J <= target), seconds_per_epoch, len(epoch_costs) * seconds_per_epoch)


def _whole_run(epoch_costs, seconds_per_epoch, target):
    return len(epoch_costs) * seconds_per_epoch


def _lowest(epoch_costs, seconds_per_epoch, target):
    return (int(np.argmin(epoch_costs)) + 1) * seconds_per_epoch


def _last_crossing(epoch_costs, seconds_per_epoch, target):
    reached = np.flatnonzero(np.asarray(epoch_costs) <= target)
    return _timed(int(reached[-1]) + 1 if reached.size else None, seconds_per_epoch)


def _running_mean(epoch_costs, seconds_per_epoch, target):
    means = np.cumsum(epoch_costs) / np.arange(1, len(epoch_costs) + 1)
    return _timed(_first(means, lambda J: J <= target), seconds_per_epoch)


def _nan_reached(epoch_costs, seconds_per_epoch, target):
    return _timed(_first(epoch_costs, lambda J: not J > target), seconds_per_epoch)


def _epochs_only(epoch_costs, seconds_per_epoch, target):
    return _timed(_first(epoch_costs, lambda J: J <= target), 1)


def _wrong_way(epoch_costs, seconds_per_epoch, target):
    return _timed(_first(epoch_costs, lambda J: J >= target), seconds_per_epoch)


def _above_counted(epoch_costs, seconds_per_epoch, target):
    return int(np.sum(np.asarray(epoch_costs) > target)) * seconds_per_epoch


TIME_TO_TARGET = Exercise(
    name="time_to_target",
    notebook="02",
    args=("epoch_costs", "seconds_per_epoch", "target"),
    returns=("seconds",),
    description="The seconds a run needs to reach a target cost: the first epoch e whose cost J_e ≤ target, counted "
    "from 1 (the first of epoch_costs is the cost after epoch 1), times seconds_per_epoch; +∞ if no epoch gets "
    "there. A NaN cost, from a diverged step, never reaches the target. Return a number.",
    hints=(
        "Go through the costs in order, counting the epochs from 1: the first cost at or below the target decides, "
        "whatever the costs after it do.",
        "The run has then taken that many epochs, each of seconds_per_epoch seconds; the time is their product.",
        "A run that never gets there would need forever: its time is infinity, which ranks it after every real time. "
        "A NaN cost is not at or below anything.",
    ),
    reference=_time_to_target,
    cases=_cases(),
    mistakes=(
        Mistake(
            "epochs counted from 0",
            "the first cost is the cost after epoch 1, so a run that gets there with its k-th cost has taken k epochs, "
            "not k − 1: a position in the list, which starts at 0, is one less than the epoch.",
            wrong=_from_zero,
        ),
        Mistake(
            "strictly below the target",
            "the target is reached by a cost at or below it, J_e ≤ target: a cost equal to the target counts.",
            wrong=_strictly_below,
        ),
        Mistake(
            "the whole run's time when the target is never reached",
            "a run that never gets there has not reached the target at its last epoch either: its time is +∞, so "
            "that it ranks after every run that does.",
            wrong=_whole_run_when_never,
        ),
        Mistake(
            "the time of the whole run",
            "the question is how long the run took to REACH the target, the time at its first crossing, not how "
            "long all its epochs took.",
            wrong=_whole_run,
        ),
        Mistake(
            "the epoch of the lowest cost",
            "the lowest cost often comes later than the first crossing, and a run that never gets there still has a "
            "lowest cost: take the first epoch with J_e ≤ target.",
            wrong=_lowest,
        ),
        Mistake(
            "the last epoch at the target instead of the first",
            "a noisy cost crosses the target, goes back above it and crosses again: the run reached the target the "
            "first time, so the first such epoch decides.",
            wrong=_last_crossing,
        ),
        Mistake(
            "the running mean of the costs",
            "the target is about the cost after an epoch, J_e itself; an average with the earlier, higher costs "
            "crosses later, or never.",
            wrong=_running_mean,
        ),
        Mistake(
            "a NaN cost taken as reached",
            "a NaN cost (a diverged step) is no cost at all: a comparison with NaN is false either way round, so "
            "ask whether J_e is at or below the target, not whether it is not above it.",
            wrong=_nan_reached,
        ),
        Mistake(
            "epochs instead of seconds",
            "the epoch count is half the answer: multiply it by seconds_per_epoch, so that sizes whose epochs take "
            "different times are compared in the same currency.",
            wrong=_epochs_only,
        ),
        Mistake(
            "the target compared the wrong way",
            "the cost falls towards the target: the run gets there at the first J_e at or BELOW it; the first cost "
            "above it is usually the first epoch.",
            wrong=_wrong_way,
        ),
        Mistake(
            "the epochs above the target counted",
            "counting the costs above the target gives the first crossing only if the cost never goes back up; a "
            "noisy cost that bounces above the target again adds later epochs to the count.",
            wrong=_above_counted,
        ),
    ),
)
