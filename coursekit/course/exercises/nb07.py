"""The exercise of notebook 07 (RMSprop): one step of RMSprop, and the mistakes its check names.

Some cases use a large ε with small gradients: only there does the placement of ε change the result by
more than the tolerance. The first step takes ε = 1e-6, large enough beside the parameters that ε added to
the step and ε forgotten give different numbers. Each wrong implementation has the learner's signature
and returns what the mistaken learner would; the inputs come from the exercise's own generator (see
:mod:`.nb00`).
"""

from __future__ import annotations

import numpy as np

from coursekit import optim
from coursekit.course.exercises.inputs import Draws
from coursekit.course.exercises.machinery import Case, Exercise, Mistake

__all__ = ["EXERCISES", "RMSPROP_UPDATE"]


# Wrong RMSprop steps, as learners write them.
def _rms_eps_added_to_step(w, s, dw, lr, beta2, eps):
    s = beta2 * s + (1 - beta2) * dw**2
    return w - lr * dw / np.sqrt(s) + eps, s


def _rms_eps_in_sqrt(w, s, dw, lr, beta2, eps):
    s = beta2 * s + (1 - beta2) * dw**2
    return w - lr * dw / np.sqrt(s + eps), s


def _rms_sum(w, s, dw, lr, beta2, eps):
    s = beta2 * s + dw**2
    return w - lr * dw / (np.sqrt(s) + eps), s


def _rms_swapped(w, s, dw, lr, beta2, eps):
    s = (1 - beta2) * s + beta2 * dw**2
    return w - lr * dw / (np.sqrt(s) + eps), s


def _rms_no_sqrt(w, s, dw, lr, beta2, eps):
    s = beta2 * s + (1 - beta2) * dw**2
    return w - lr * dw / (s + eps), s


def _rms_multiplied(w, s, dw, lr, beta2, eps):
    s = beta2 * s + (1 - beta2) * dw**2
    return w - lr * dw * (np.sqrt(s) + eps), s


def _rms_old_s(w, s, dw, lr, beta2, eps):
    return w - lr * dw / (np.sqrt(s) + eps), beta2 * s + (1 - beta2) * dw**2


def _rms_stepped(step):
    """An RMSprop whose s is right and whose new w is ``step(w, s, dw, lr, eps)``."""

    def update(w, s, dw, lr, beta2, eps):
        s = beta2 * s + (1 - beta2) * dw**2
        return step(w, s, dw, lr, eps), s

    return update


def _rms_averaging(square):
    """An RMSprop that averages ``square(dw)`` in the place of dW², with the right step."""

    def update(w, s, dw, lr, beta2, eps):
        s = beta2 * s + (1 - beta2) * square(dw)
        return w - lr * dw / (np.sqrt(s) + eps), s

    return update


def _rms_forgetting(w, s, dw, lr, beta2, eps):
    s = (1 - beta2) * dw**2
    return w - lr * dw / (np.sqrt(s) + eps), s


def _rms_root_kept(w, s, dw, lr, beta2, eps):
    s = np.sqrt(beta2 * s + (1 - beta2) * dw**2)
    return w - lr * dw / (s + eps), s


def _rms_negative_weight(w, s, dw, lr, beta2, eps):
    s = beta2 * s + (beta2 - 1) * dw**2
    return w - lr * dw / (np.sqrt(s) + eps), s


def _rms_old_s_returned(w, s, dw, lr, beta2, eps):
    new_s = beta2 * s + (1 - beta2) * dw**2
    return w - lr * dw / (np.sqrt(new_s) + eps), s


def _cases() -> tuple[Case, ...]:
    draw = Draws(20240602)
    n, sq = draw.normal, draw.squares
    return (
        Case("first step, from s = 0, ε = 1e-6", (n(3), np.zeros(3), n(3), 0.01, 0.999, 1e-6)),
        Case("a later step, β₂ = 0.9", (n(2, 3), sq(2, 3), n(2, 3), 0.001, 0.9, 1e-8)),
        Case("small gradients, large ε = 0.1",
             (n(4, 1), sq(4, 1, scale=1e-4), n(4, 1, scale=1e-2), 0.01, 0.99, 0.1)),
        Case("β₂ = 0", (n(3), sq(3), n(3), 0.1, 0.0, 1e-6)),
        Case("β₂ close to 1, ε = 1e-2", (n(2, 3), sq(2, 3, scale=1e-2), n(2, 3, scale=0.1), 0.05, 0.999, 1e-2)),
    )


RMSPROP_UPDATE = Exercise(
    name="rmsprop_update",
    notebook="07",
    args=("w", "s", "dw", "lr", "beta2", "eps"),
    returns=("w", "s"),
    description="One step of RMSprop: s = β₂ s + (1 − β₂) dW², then W = W − α dW / (√s + ε). Return (w, s).",
    hints=(
        "s is an exponentially weighted average too, but of the squared gradient (element by element).",
        "The step divides dw by the square root of s, so a direction with big gradients gets a small step.",
        "ε guards against dividing by zero: it is added after taking the square root, never inside it.",
    ),
    reference=optim.rmsprop_update,
    cases=_cases(),
    mistakes=(
        Mistake(
            "ε inside the square root",
            "the course (like PyTorch and Keras) adds ε outside: dW / (√s + ε). √(s + ε) is another choice that "
            "changes the step whenever s is not much larger than ε.",
            wrong=_rms_eps_in_sqrt,
        ),
        Mistake(
            "ε added to the step, not to the root",
            "α dW / √s + ε adds ε to the step itself: ε belongs in the denominator, "
            "dW / (√s + ε), where it keeps a tiny √s from blowing the step up.",
            wrong=_rms_eps_added_to_step,
        ),
        Mistake(
            "dw not squared",
            "s averages the squares dW², each entry squared; averaging dW itself can turn s negative.",
            wrong=_rms_averaging(lambda dw: dw),
        ),
        Mistake(
            "forgotten (1 − β₂)",
            "s = β₂ s + (1 − β₂) dW² is an average; without (1 − β₂) it sums the squares and the steps shrink.",
            wrong=_rms_sum,
        ),
        Mistake(
            "β₂ and (1 − β₂) swapped",
            "β₂ weighs the old s and 1 − β₂ the new square.",
            wrong=_rms_swapped,
        ),
        Mistake(
            "square root forgotten",
            "divide by the root of the mean square, √s + ε, which has the units of dW; s alone is squared units.",
            wrong=_rms_no_sqrt,
        ),
        Mistake(
            "multiplied by √s instead of dividing",
            "RMSprop damps large gradients by dividing by √s + ε; multiplying amplifies them.",
            wrong=_rms_multiplied,
        ),
        Mistake(
            "stepped with the old s",
            "update s first, then step with the new s: from s = 0 the old s makes the first step α dW / ε, huge.",
            wrong=_rms_old_s,
        ),
        Mistake(
            "ε forgotten",
            "the step is α dW / (√s + ε): without ε a direction whose s is (nearly) zero gets a huge step, or a "
            "division by zero, and where ε is not tiny next to √s every step changes.",
            wrong=_rms_stepped(lambda w, s, dw, lr, eps: w - lr * dw / np.sqrt(s)),
        ),
        Mistake(
            "dW doubled instead of squared",
            "s averages dW², each entry times itself; two times dW is another number (and can be negative).",
            wrong=_rms_averaging(lambda dw: 2 * dw),
        ),
        Mistake(
            "the old s left out of the average",
            "s = β₂ s + (1 − β₂) dW² keeps a memory of the past squares; (1 − β₂) dW² alone forgets them at every "
            "step (from s = 0 the first step cannot tell).",
            wrong=_rms_forgetting,
        ),
        Mistake(
            "√s kept as the state",
            "the state is the average of the squares, s itself; its square root serves this step only. Stored, the "
            "next step would average a root with squares.",
            wrong=_rms_root_kept,
        ),
        Mistake(
            "β₂ − 1 instead of 1 − β₂",
            "the weight of the new square is 1 − β₂, a positive number: β₂ − 1 subtracts it and can make s negative.",
            wrong=_rms_negative_weight,
        ),
        Mistake(
            "returned the old s",
            "the s returned must include this step's square, β₂ s + (1 − β₂) dW²: the next step continues from it.",
            wrong=_rms_old_s_returned,
        ),
        Mistake(
            "plus instead of minus",
            "the gradient points uphill: W moves against it, W − α dW / (√s + ε).",
            wrong=_rms_stepped(lambda w, s, dw, lr, eps: w + lr * dw / (np.sqrt(s) + eps)),
        ),
        Mistake(
            "learning rate forgotten",
            "the step is α times dW / (√s + ε): without α each entry moves by about 1, whatever the problem.",
            wrong=_rms_stepped(lambda w, s, dw, lr, eps: w - dw / (np.sqrt(s) + eps)),
        ),
        Mistake(
            "only w returned",
            "s is the state of the next step: return the pair (w, s), the new parameter and the new average of "
            "squares.",
            wrong=lambda w, s, dw, lr, beta2, eps: optim.rmsprop_update(w, s, dw, lr, beta2, eps)[0],
        ),
    ),
)


#: The exercises of notebook 07, in the order the notebook asks them.
EXERCISES = (RMSPROP_UPDATE,)
