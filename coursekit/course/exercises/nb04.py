"""The exercise of notebook 04 (exponentially weighted averages): one step of the average, and its known mistakes.

The cases start from v = 0 as the notebook does, continue later in a series, and take arrays; β runs from
0 (no averaging) to close to 1. Inputs come from the exercise's own generator (see :mod:`.nb00`).
"""

from __future__ import annotations

from coursekit import averages
from coursekit.course.exercises.inputs import Draws
from coursekit.course.exercises.machinery import Case, Exercise, Mistake

__all__ = ["EXERCISES", "EWA_STEP"]


def _cases() -> tuple[Case, ...]:
    draw = Draws(20240605)
    return (
        Case("day 1, from v = 0", (0.0, 12.0, 0.9)),
        Case("a later day, β = 0.98", (14.2, 17.5, 0.98)),
        Case("an array, β = 0.5", (draw.normal(3), draw.normal(3), 0.5)),
        Case("β = 0: no averaging", (draw.normal(2, 3), draw.normal(2, 3), 0.0)),
        Case("β close to 1", (draw.normal(4, 1), draw.normal(4, 1), 0.999)),
    )


EWA_STEP = Exercise(
    name="ewa_step",
    notebook="04",
    args=("v", "theta", "beta"),
    returns=("v",),
    description="One step of an exponentially weighted average: v_t = β v_{t−1} + (1 − β) θ_t.",
    hints=(
        "The new average is a weighted mix of two things: the old average and today's value.",
        "The weights are β and 1 − β, and they sum to 1 so that a constant input stays constant.",
        "β belongs to the old average v (the memory); 1 − β to the new value θ.",
    ),
    reference=averages.ewa_step,
    cases=_cases(),
    mistakes=(
        Mistake(
            "forgotten (1 − β)",
            "v = β v + θ adds up the values instead of averaging them: the weights sum to 1/(1 − β), not 1.",
            wrong=lambda v, theta, beta: beta * v + theta,
        ),
        Mistake(
            "β and (1 − β) swapped",
            "β belongs to the old average v and 1 − β to the new value θ; swapped, β = 0.9 follows each new value.",
            wrong=lambda v, theta, beta: (1 - beta) * v + beta * theta,
        ),
        Mistake(
            "β − 1 instead of 1 − β",
            "the new value's weight is 1 − β, a positive number; β − 1 subtracts it.",
            wrong=lambda v, theta, beta: beta * v + (beta - 1) * theta,
        ),
        Mistake(
            "β forgotten on the old average",
            "v_{t−1} keeps only the fraction β of its weight: v + (1 − β) θ keeps all of it, and the weights sum "
            "to 2 − β instead of 1.",
            wrong=lambda v, theta, beta: v + (1 - beta) * theta,
        ),
        Mistake(
            "brackets forgotten around 1 − β",
            "the new value's weight is the whole of (1 − β); written without brackets, β v + 1 − β θ adds 1 and "
            "weighs θ by −β.",
            wrong=lambda v, theta, beta: beta * v + 1 - beta * theta,
        ),
        Mistake(
            "today's value returned",
            "the average keeps a memory of the earlier days: v_t mixes v_{t−1}, weighted β, with θ_t, weighted "
            "1 − β, instead of being θ_t alone.",
            wrong=lambda v, theta, beta: theta,
        ),
        Mistake(
            "plain mean of v and θ",
            "the weights are β and 1 − β, set by β; halving both gives every day the same weight, whatever β is.",
            wrong=lambda v, theta, beta: (v + theta) / 2,
        ),
    ),
)


#: The exercises of notebook 04, in the order the notebook asks them.
EXERCISES = (EWA_STEP,)
