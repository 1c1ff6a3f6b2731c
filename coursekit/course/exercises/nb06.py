"""The exercise of notebook 06 (gradient descent with momentum): one step of momentum, and the mistakes its check names.

The velocity's start, zeros shaped like the parameters, is given in the notebook: making zeros is no
exercise. The exercise draws its inputs from a generator of its own (see :mod:`.nb00`).
"""

from __future__ import annotations

import numpy as np

from coursekit import optim
from coursekit.course.exercises.inputs import Draws
from coursekit.course.exercises.machinery import Case, Exercise, Mistake

__all__ = ["EXERCISES", "MOMENTUM_UPDATE"]


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


def _momentum_only_w(w, v, dw, lr, beta):
    return w - lr * (beta * v + (1 - beta) * dw)


def _momentum_old_v_returned(w, v, dw, lr, beta):
    return w - lr * (beta * v + (1 - beta) * dw), v


def _momentum_plus(w, v, dw, lr, beta):
    v = beta * v + (1 - beta) * dw
    return w + lr * v, v


def _momentum_without_lr(w, v, dw, lr, beta):
    v = beta * v + (1 - beta) * dw
    return w - v, v


def _momentum_negative_weight(w, v, dw, lr, beta):
    v = beta * v + (beta - 1) * dw
    return w - lr * v, v


def _momentum_velocity_of_steps(w, v, dw, lr, beta):
    v = beta * v - lr * dw
    return w + v, v


def _momentum_cases() -> tuple[Case, ...]:
    draw = Draws(20240607)
    n = draw.normal
    return (
        Case("first step, from v = 0", (n(3), np.zeros(3), n(3), 0.05, 0.9)),
        Case("a later step", (n(2, 3), n(2, 3), n(2, 3), 0.01, 0.9)),
        Case("β = 0: plain gradient descent", (n(4, 1), n(4, 1), n(4, 1), 0.05, 0.0)),
        Case("β close to 1", (n(2, 3), n(2, 3), n(2, 3), 0.5, 0.999)),
        Case("a column, α = 1, β = 0.5", (n(5, 1), n(5, 1), n(5, 1), 1.0, 0.5)),
        Case("a matrix, β = 0.95", (n(3, 4), n(3, 4), n(3, 4), 0.001, 0.95)),
    )


MOMENTUM_UPDATE = Exercise(
    name="momentum_update",
    notebook="06",
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
    cases=_momentum_cases(),
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
        Mistake(
            "only w returned",
            "the velocity is the state of the next step: return the pair (w, v), the new parameter and the new "
            "velocity.",
            wrong=_momentum_only_w,
        ),
        Mistake(
            "returned the old v",
            "the velocity returned must include this step's gradient, β v + (1 − β) dW: the next step continues "
            "from it.",
            wrong=_momentum_old_v_returned,
        ),
        Mistake(
            "plus instead of minus",
            "v averages the gradients, which point uphill: W moves against it, W − α v.",
            wrong=_momentum_plus,
        ),
        Mistake(
            "learning rate forgotten",
            "the step is α times the velocity, W − α v: without α every step is as long as the averaged gradient.",
            wrong=_momentum_without_lr,
        ),
        Mistake(
            "β − 1 instead of 1 − β",
            "the weight of the new gradient is 1 − β, a positive number: β − 1 subtracts the gradient from the "
            "average.",
            wrong=_momentum_negative_weight,
        ),
        Mistake(
            "the velocity of the steps, v = β v − α dW",
            "v = β v − α dW followed by W + v is another momentum (it sums α-scaled steps); this course averages the "
            "gradients, v = β v + (1 − β) dW, and steps W − α v.",
            wrong=_momentum_velocity_of_steps,
        ),
    ),
)


#: The exercises of notebook 06, in the order the notebook asks them.
EXERCISES = (MOMENTUM_UPDATE,)
