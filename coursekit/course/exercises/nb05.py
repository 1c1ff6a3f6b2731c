"""The exercise of notebook 05 (bias correction): the corrected average after t steps, and its known mistakes.

t counts the steps from 1, as in the lecture; the cases run from the first step, where the correction is
largest, to t = 50, where it has vanished. Inputs come from the exercise's own generator (see :mod:`.nb00`).
"""

from __future__ import annotations

from coursekit import averages
from coursekit.course.exercises.inputs import Draws
from coursekit.course.exercises.machinery import Case, Exercise, Mistake

__all__ = ["EXERCISES", "BIAS_CORRECT"]


def _cases() -> tuple[Case, ...]:
    draw = Draws(20240606)
    return (
        Case("t = 1", (0.2, 0.8, 1)),
        Case("t = 2, β = 0.9", (0.19, 0.9, 2)),
        Case("an array, t = 10, β = 0.98", (draw.normal(3), 0.98, 10)),
        Case("β close to 1, t = 3", (draw.normal(2, 3), 0.999, 3)),
        Case("t = 50: the correction has vanished", (draw.normal(4, 1), 0.5, 50)),
        Case("β = 0, t = 4", (draw.normal(3), 0.0, 4)),
    )


BIAS_CORRECT = Exercise(
    name="bias_correct",
    notebook="05",
    args=("v", "beta", "t"),
    returns=("v_hat",),
    description="Bias correction of an average started at v_0 = 0, after t steps (t counts from 1): v / (1 − βᵗ).",
    hints=(
        "Started from v_0 = 0, the average has only collected a fraction of its full weight after t steps: "
        "which fraction?",
        "The weights of the first t values sum to 1 − βᵗ; dividing by that sum undoes the shortfall.",
        "t counts the steps taken, from 1: after the first step the divisor is 1 − β.",
    ),
    reference=averages.bias_correct,
    cases=_cases(),
    mistakes=(
        Mistake(
            "t forgotten",
            "the divisor depends on the step: after t steps it is 1 − βᵗ; 1 − β is right only for the first step.",
            wrong=lambda v, beta, t: v / (1 - beta),
        ),
        Mistake(
            "t − 1 instead of t",
            "t counts the steps taken, from 1: the first step divides by 1 − β¹; with t − 1 it divides by 1 − β⁰ = 0.",
            wrong=lambda v, beta, t: v / (1 - beta ** (t - 1)),
        ),
        Mistake(
            "t + 1 instead of t",
            "t already counts the step just taken (from 1): after the first step the divisor is 1 − β¹, not 1 − β².",
            wrong=lambda v, beta, t: v / (1 - beta ** (t + 1)),
        ),
        Mistake(
            "β·t instead of βᵗ",
            "the correction raises β to the power t; β·t multiplies β by t instead.",
            wrong=lambda v, beta, t: v / (1 - beta * t),
        ),
        Mistake(
            "(1 − β)ᵗ instead of 1 − βᵗ",
            "the power applies to β alone: the divisor is 1 − βᵗ, not (1 − β)ᵗ.",
            wrong=lambda v, beta, t: v / (1 - beta) ** t,
        ),
        Mistake(
            "brackets forgotten around 1 − βᵗ",
            "the divisor is the whole of 1 − βᵗ; without brackets v is divided by 1 alone and βᵗ is then "
            "subtracted from it.",
            wrong=lambda v, beta, t: v / 1 - beta**t,
        ),
        Mistake(
            "the fraction upside down",
            "v̂ is v divided by 1 − βᵗ; (1 − βᵗ) / v divides the other way round.",
            wrong=lambda v, beta, t: (1 - beta**t) / v,
        ),
        Mistake(
            "1 + βᵗ instead of 1 − βᵗ",
            "the weights of the first t values sum to 1 − βᵗ, less than 1; 1 + βᵗ is more than 1 and shrinks "
            "the average further.",
            wrong=lambda v, beta, t: v / (1 + beta**t),
        ),
        Mistake(
            "βᵗ − 1 instead of 1 − βᵗ",
            "the divisor 1 − βᵗ is positive; βᵗ − 1 is its negative, and flips the sign of the average.",
            wrong=lambda v, beta, t: v / (beta**t - 1),
        ),
        Mistake(
            "multiplied instead of divided",
            "the early averages are too small, so the correction divides by 1 − βᵗ (< 1), which enlarges them.",
            wrong=lambda v, beta, t: v * (1 - beta**t),
        ),
        Mistake(
            "the 1 − is missing",
            "the divisor is 1 − βᵗ, which grows towards 1; βᵗ alone shrinks towards 0 and blows the average up.",
            wrong=lambda v, beta, t: v / beta**t,
        ),
    ),
)


#: The exercises of notebook 05, in the order the notebook asks them.
EXERCISES = (BIAS_CORRECT,)
