"""Exercises on the update rules (notebooks 01 and 03-07): cases and the catalogue of known mistakes.

Each :class:`Mistake` is written as the wrong answer a learner might give, with the learner's
signature; when it reproduces a learner's result on a failing case, the check names it. To extend the
catalogue, append a ``Mistake(name, explanation, wrong=lambda ...: ...)`` to an exercise; to add a case,
append a ``Case(label, args)``. Inputs are drawn once from a fixed seed.
"""

from __future__ import annotations

import numpy as np

from coursekit import averages, optim
from coursekit.course.exercises.machinery import Case, Exercise, Mistake

_rng = np.random.default_rng(20240601)


def _n(*shape, scale: float = 1.0) -> np.ndarray:
    """Seeded normal entries: parameters, gradients, velocities."""
    return scale * _rng.standard_normal(shape)


GD_UPDATE = Exercise(
    name="gd_update",
    notebook="00",
    args=("w", "dw", "lr"),
    returns=("w",),
    description="One step of gradient descent: return the new parameter W − α dW; leave w unchanged.",
    hints=(
        "The gradient points uphill; which way must W move for the cost to go down?",
        "The step is the gradient scaled by the learning rate, taken in the downhill direction.",
        "Build a new array from w, lr and dw; an augmented assignment such as -= would change the caller's w.",
    ),
    reference=optim.gd_update,
    cases=(
        Case("a vector", (_n(3), _n(3), 0.1)),
        Case("a matrix, small α", (_n(2, 3), _n(2, 3), 0.01)),
        Case("a single number (a 0-d array)", (np.array(2.0), np.array(-0.5), 0.3)),
        Case("a column, α = 1", (_n(4, 1), _n(4, 1), 1.0)),
        Case("a wider matrix, α = 0.5", (_n(5, 4), _n(5, 4), 0.5)),
    ),
    mistakes=(
        Mistake(
            "plus instead of minus",
            "gradient descent steps against the gradient, W − α dW; adding α dW climbs uphill and the cost grows.",
            wrong=lambda w, dw, lr: w + lr * dw,
        ),
        Mistake(
            "learning rate forgotten",
            "the step is α dW: without α its size is whatever the gradient happens to be.",
            wrong=lambda w, dw, lr: w - dw,
        ),
    ),
)

EWA_STEP = Exercise(
    name="ewa_step",
    notebook="03",
    args=("v", "theta", "beta"),
    returns=("v",),
    description="One step of an exponentially weighted average: v_t = β v_{t−1} + (1 − β) θ_t.",
    hints=(
        "The new average is a weighted mix of two things: the old average and today's value.",
        "The weights are β and 1 − β, and they sum to 1 so that a constant input stays constant.",
        "β belongs to the old average v (the memory); 1 − β to the new value θ.",
    ),
    reference=averages.ewa_step,
    cases=(
        Case("day 1, from v = 0", (0.0, 12.0, 0.9)),
        Case("a later day, β = 0.98", (14.2, 17.5, 0.98)),
        Case("an array, β = 0.5", (_n(3), _n(3), 0.5)),
        Case("β = 0: no averaging", (_n(2, 3), _n(2, 3), 0.0)),
        Case("β close to 1", (_n(4, 1), _n(4, 1), 0.999)),
    ),
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
    ),
)

BIAS_CORRECT = Exercise(
    name="bias_correct",
    notebook="04",
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
    cases=(
        Case("t = 1", (0.2, 0.8, 1)),
        Case("t = 2, β = 0.9", (0.19, 0.9, 2)),
        Case("an array, t = 10, β = 0.98", (_n(3), 0.98, 10)),
        Case("β close to 1, t = 3", (_n(2, 3), 0.999, 3)),
        Case("t = 50: the correction has vanished", (_n(4, 1), 0.5, 50)),
        Case("β = 0, t = 4", (_n(3), 0.0, 4)),
    ),
    mistakes=(
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
            "the correction raises β to the power t (beta ** t); beta * t multiplies.",
            wrong=lambda v, beta, t: v / (1 - beta * t),
        ),
        Mistake(
            "(1 − β)ᵗ instead of 1 − βᵗ",
            "the power applies to β alone: 1 - beta ** t, not (1 - beta) ** t.",
            wrong=lambda v, beta, t: v / (1 - beta) ** t,
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


def _momentum_sum(w, v, dw, lr, beta):
    v = beta * v + dw
    return w - lr * v, v


def _momentum_swapped(w, v, dw, lr, beta):
    v = (1 - beta) * v + beta * dw
    return w - lr * v, v


def _momentum_step_with_dw(w, v, dw, lr, beta):
    v = beta * v + (1 - beta) * dw
    return w - lr * dw, v


def _momentum_step_with_old_v(w, v, dw, lr, beta):
    return w - lr * v, beta * v + (1 - beta) * dw


def _momentum_returned_swapped(w, v, dw, lr, beta):
    v = beta * v + (1 - beta) * dw
    return v, w - lr * v


MOMENTUM_UPDATE = Exercise(
    name="momentum_update",
    notebook="05",
    args=("w", "v", "dw", "lr", "beta"),
    returns=("w", "v"),
    description="One step of momentum: v = β v + (1 − β) dW, then W = W − α v. Return the new (w, v).",
    hints=(
        "Two lines: first update the velocity, then use it to step.",
        "The velocity is an exponentially weighted average of the gradients, exactly as in ewa_step with dw "
        "in the place of θ.",
        "Step W with the velocity you have just updated, not with dw and not with the old velocity.",
    ),
    reference=optim.momentum_update,
    cases=(
        Case("first step, from v = 0", (_n(3), np.zeros(3), _n(3), 0.1, 0.9)),
        Case("a later step", (_n(2, 3), _n(2, 3), _n(2, 3), 0.01, 0.9)),
        Case("β = 0: plain gradient descent", (_n(4, 1), _n(4, 1), _n(4, 1), 0.05, 0.0)),
        Case("β close to 1", (_n(2, 3), _n(2, 3), _n(2, 3), 0.5, 0.999)),
        Case("a column, α = 1, β = 0.5", (_n(5, 1), _n(5, 1), _n(5, 1), 1.0, 0.5)),
        Case("a matrix, β = 0.95", (_n(3, 4), _n(3, 4), _n(3, 4), 0.001, 0.95)),
    ),
    mistakes=(
        Mistake(
            "forgotten (1 − β)",
            "v = β v + dW is a real algorithm (PyTorch's SGD momentum), but it sums the gradients instead of "
            "averaging them, so v is about 1/(1 − β) times larger and α must be retuned whenever β changes. "
            "This course uses the lecture's form, v = β v + (1 − β) dW.",
            wrong=_momentum_sum,
        ),
        Mistake(
            "β and (1 − β) swapped",
            "β weighs the old velocity and 1 − β the new gradient; swapped, v barely remembers the past.",
            wrong=_momentum_swapped,
        ),
        Mistake(
            "stepped with dw instead of v",
            "the parameter moves along the velocity, W − α v; stepping with dW is plain gradient descent.",
            wrong=_momentum_step_with_dw,
        ),
        Mistake(
            "stepped with the old v",
            "update v first, then step with the new v: the step must already include this gradient.",
            wrong=_momentum_step_with_old_v,
        ),
        Mistake(
            "returned (v, w) instead of (w, v)",
            "the values are right but in the wrong order: return the new parameter first, then the velocity.",
            wrong=_momentum_returned_swapped,
        ),
    ),
)
