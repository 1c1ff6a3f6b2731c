"""The exercise of notebook 00 (start here): one step of gradient descent, and the mistakes its check names.

Each :class:`~coursekit.course.exercises.machinery.Mistake` is written as the wrong answer a learner might
give, with the learner's signature; when it reproduces a learner's result on a failing case, the check
names it. To extend an exercise, append a ``Mistake(name, explanation, wrong=lambda ...: ...)`` to it, or a
``Case(label, args)`` to its ``_cases``: the random inputs come from the exercise's own
:class:`~coursekit.course.exercises.inputs.Draws`, so no other exercise changes. The same holds in every
``nbNN`` module of this catalogue.
"""

from __future__ import annotations

import numpy as np

from coursekit import optim
from coursekit.course.exercises.inputs import Draws
from coursekit.course.exercises.machinery import Case, Exercise, Mistake

__all__ = ["EXERCISES", "GD_UPDATE"]


def _cases() -> tuple[Case, ...]:
    draw = Draws(20240601)
    return (
        Case("a vector", (draw.normal(3), draw.normal(3), 0.1)),
        Case("a matrix, small α", (draw.normal(2, 3), draw.normal(2, 3), 0.01)),
        Case("a single number (a 0-d array)", (np.array(2.0), np.array(-0.5), 0.3)),
        Case("a column, α = 1", (draw.normal(4, 1), draw.normal(4, 1), 1.0)),
        Case("a wider matrix, α = 0.5", (draw.normal(5, 4), draw.normal(5, 4), 0.5)),
    )


GD_UPDATE = Exercise(
    name="gd_update",
    notebook="00",
    args=("w", "dw", "lr"),
    returns=("w",),
    description="One step of gradient descent: return the new parameter W − α dW; leave w unchanged.",
    hints=(
        "The gradient points uphill; which way must W move for the cost to go down?",
        "The step is the gradient scaled by the learning rate, taken in the downhill direction.",
        "Build a new array from w, lr and dw and return it; an augmented assignment would write into the caller's w.",
    ),
    reference=optim.gd_update,
    cases=_cases(),
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
        Mistake(
            "divided by the learning rate",
            "the step is α times dW; dividing dW by α turns a small learning rate into a huge step.",
            wrong=lambda w, dw, lr: w - dw / lr,
        ),
        Mistake(
            "W and dW swapped",
            "W is what moves and dW tells it where: the new value is W − α dW, not dW − α W.",
            wrong=lambda w, dw, lr: dw - lr * w,
        ),
        Mistake(
            "α scales W too",
            "only the step is scaled by α: W − α dW keeps W whole, while α (W − dW) shrinks W itself.",
            wrong=lambda w, dw, lr: lr * (w - dw),
        ),
        Mistake(
            "the step returned instead of the new W",
            "the function returns the new parameter, W − α dW, not only the step −α dW taken from it.",
            wrong=lambda w, dw, lr: -lr * dw,
        ),
        Mistake(
            "W returned unchanged",
            "the result is W itself, as it came in: the step α dW was computed but never taken, or never computed.",
            wrong=lambda w, dw, lr: w,
        ),
        Mistake(
            "one step size for every entry",
            "each entry of W moves by α times its own entry of dW; an average of dW over its entries moves every "
            "entry by the same amount.",
            wrong=lambda w, dw, lr: w - lr * np.mean(dw),
        ),
    ),
)

#: The exercises of notebook 00, in the order the notebook asks them.
EXERCISES = (GD_UPDATE,)
