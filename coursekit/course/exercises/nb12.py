"""The exercise of notebook 12 (After the lecture): one step of AdamW, decoupled weight decay on top of Adam.

The learner writes the whole rule, as 08's ``adam_update``, with one more argument, λ = ``weight_decay``.
Some cases make αλ large (0.2), so that decaying the new W instead of the old one, or λ without α, differ
from the rule by far more than the tolerance; one has weights far from 1, so that a decay of αλ alone (without
W) shows; one takes PyTorch's defaults (α = 0.001, λ = 0.01), where the decay is tiny but still above the
tolerance. The cases draw their inputs from a generator of their own (see :mod:`.nb00`).
"""

from __future__ import annotations

import numpy as np

from coursekit import optim
from coursekit.course.exercises.inputs import Draws
from coursekit.course.exercises.machinery import Case, Exercise, Mistake

__all__ = ["ADAMW_UPDATE", "EXERCISES"]


def _adam_step(v, s, dw, t, lr, beta1, beta2, eps, corrected=True):
    """Adam's averages and its step ``α v̂ / (√ŝ + ε)`` (or ``α v / (√s + ε)`` uncorrected)."""
    v = beta1 * v + (1 - beta1) * dw
    s = beta2 * s + (1 - beta2) * dw**2
    v_hat, s_hat = (v / (1 - beta1**t), s / (1 - beta2**t)) if corrected else (v, s)
    return lr * v_hat / (np.sqrt(s_hat) + eps), v, s, v_hat, s_hat


def _decayed_as(decay):
    """AdamW whose decoupled decay, applied to the old W before Adam's step, is ``decay(w, α, λ)``."""

    def update(w, v, s, dw, t, lr, beta1, beta2, eps, weight_decay):
        step, v, s, _, _ = _adam_step(v, s, dw, t, lr, beta1, beta2, eps)
        return decay(w, lr, weight_decay) - step, v, s

    return update


def _decay_after_the_step(w, v, s, dw, t, lr, beta1, beta2, eps, weight_decay):
    step, v, s, _, _ = _adam_step(v, s, dw, t, lr, beta1, beta2, eps)
    return (w - step) * (1 - lr * weight_decay), v, s


def _decay_in_the_gradient(w, v, s, dw, t, lr, beta1, beta2, eps, weight_decay):
    return optim.adam_update(w, v, s, dw + weight_decay * w, t, lr, beta1, beta2, eps)


def _decay_divided_by_root_s(w, v, s, dw, t, lr, beta1, beta2, eps, weight_decay):
    _, v, s, v_hat, s_hat = _adam_step(v, s, dw, t, lr, beta1, beta2, eps)
    return w - lr * (v_hat + weight_decay * w) / (np.sqrt(s_hat) + eps), v, s


def _uncorrected(w, v, s, dw, t, lr, beta1, beta2, eps, weight_decay):
    step, v, s, _, _ = _adam_step(v, s, dw, t, lr, beta1, beta2, eps, corrected=False)
    return w * (1 - lr * weight_decay) - step, v, s


def _corrected_state(w, v, s, dw, t, lr, beta1, beta2, eps, weight_decay):
    step, _, _, v_hat, s_hat = _adam_step(v, s, dw, t, lr, beta1, beta2, eps)
    return w * (1 - lr * weight_decay) - step, v_hat, s_hat


def _eps_inside(w, v, s, dw, t, lr, beta1, beta2, eps, weight_decay):
    _, v, s, v_hat, s_hat = _adam_step(v, s, dw, t, lr, beta1, beta2, eps)
    return w * (1 - lr * weight_decay) - lr * v_hat / np.sqrt(s_hat + eps), v, s


def _default_decay(w, v, s, dw, t, lr, beta1, beta2, eps, weight_decay):
    return optim.adamw_update(w, v, s, dw, t, lr, beta1, beta2, eps, weight_decay=0.01)


def _adamw_cases() -> tuple[Case, ...]:
    draw = Draws(20241207)
    n, sq = draw.normal, draw.squares
    return (
        Case("t = 1 from zeros, PyTorch's defaults α = 0.001 and λ = 0.01",
             (n(3), np.zeros(3), np.zeros(3), n(3), 1, 1e-3, 0.9, 0.999, 1e-8, 0.01)),
        Case("t = 2, a strong decay: α = 0.1, λ = 2",
             (n(2, 3), n(2, 3, scale=0.1), sq(2, 3, scale=0.01), n(2, 3), 2, 0.1, 0.9, 0.999, 1e-8, 2.0)),
        Case("t = 10, β₁ = 0.5, β₂ = 0.9, λ = 0.5, weights far from 1",
             (n(4, 1, scale=5.0), n(4, 1), sq(4, 1), n(4, 1), 10, 0.05, 0.5, 0.9, 1e-8, 0.5)),
        Case("small gradients, large ε = 1e-2, t = 3, λ = 0.1",
             (n(3, 2), n(3, 2, scale=1e-3), sq(3, 2, scale=1e-6), n(3, 2, scale=1e-3), 3, 0.01, 0.9, 0.999, 1e-2,
              0.1)),
        Case("t = 1000, β₂ close to 1, λ = 0.05",
             (n(2, 2), n(2, 2), sq(2, 2), n(2, 2), 1000, 0.01, 0.9, 0.999, 1e-8, 0.05)),
    )


ADAMW_UPDATE = Exercise(
    name="adamw_update",
    notebook="12",
    args=("w", "v", "s", "dw", "t", "lr", "beta1", "beta2", "eps", "weight_decay"),
    returns=("w", "v", "s"),
    description=(
        "One step of AdamW at step t (counting from 1): first the decoupled decay W = W (1 − α λ), then Adam's "
        "step with the cost's gradient alone: v = β₁ v + (1 − β₁) dW, s = β₂ s + (1 − β₂) dW², v̂ = v / (1 − β₁ᵗ), "
        "ŝ = s / (1 − β₂ᵗ), W = W − α v̂ / (√ŝ + ε). Return (w, v, s), v and s NOT bias-corrected."
    ),
    hints=(
        "Start from your adam_update of notebook 08: AdamW is that step plus one shrink of W, and dW stays the "
        "cost's gradient alone.",
        "The shrink multiplies the weights by one minus α times λ, and it acts on W as it was before this step, "
        "as PyTorch's AdamW does.",
        "So: shrink the old W, then take Adam's whole step (averages, both corrections with t from 1, ε after "
        "the root) from the shrunk W; return the uncorrected v and s.",
    ),
    reference=optim.adamw_update,
    cases=_adamw_cases(),
    mistakes=(
        Mistake(
            "decay not multiplied by α",
            "decoupled decay shrinks W by the factor 1 − α λ: λ is a rate per unit of α, as in PyTorch's AdamW. "
            "Without α every step takes away the share λ of each weight.",
            wrong=_decayed_as(lambda w, lr, lam: w * (1 - lam)),
        ),
        Mistake(
            "decay applied to the new W",
            "the shrink acts on W as it was before this step, W (1 − α λ), and Adam's step is subtracted from "
            "that, as in PyTorch's AdamW; shrinking the W after Adam's step also shrinks the step itself.",
            wrong=_decay_after_the_step,
        ),
        Mistake(
            "decay fed into the gradient: that is L2, not AdamW",
            "adding λ W to dW is L2 regularization inside Adam: λ W then enters v and s, and the step divides it "
            "by √ŝ. AdamW keeps dW the cost's gradient and shrinks W by 1 − α λ beside Adam's step.",
            wrong=_decay_in_the_gradient,
        ),
        Mistake(
            "decay divided by √ŝ",
            "the decay is not part of Adam's adaptive step: it takes α λ W from every weight, not divided by "
            "√ŝ + ε. Dividing it makes weights with large gradients decay less, the very thing AdamW undoes.",
            wrong=_decay_divided_by_root_s,
        ),
        Mistake(
            "decay with the wrong sign",
            "weight decay pulls every weight towards 0: W is multiplied by 1 − α λ, a factor below 1. With a plus "
            "the weights grow at every step.",
            wrong=_decayed_as(lambda w, lr, lam: w * (1 + lr * lam)),
        ),
        Mistake(
            "decay without W",
            "the decay is a share of each weight, α λ W, so large weights shrink more: subtracting α λ alone moves "
            "every weight by the same amount, whatever its size or sign.",
            wrong=_decayed_as(lambda w, lr, lam: w - lr * lam),
        ),
        Mistake(
            "no weight decay",
            "that is Adam's step alone: AdamW also shrinks W by the factor 1 − α λ at every step; the check gives "
            "λ > 0.",
            wrong=_decayed_as(lambda w, lr, lam: w),
        ),
        Mistake(
            "λ written in as 0.01",
            "use the argument weight_decay, not PyTorch's default: the check also tries λ = 2, 0.5, 0.1 and 0.05.",
            wrong=_default_decay,
        ),
        Mistake(
            "no bias correction",
            "AdamW is Adam's step plus the decay: v̂ = v / (1 − β₁ᵗ) and ŝ = s / (1 − β₂ᵗ) are still divided out "
            "before the step; without them the first steps are wrong.",
            wrong=_uncorrected,
        ),
        Mistake(
            "bias-corrected moments returned as state",
            "return the uncorrected v and s: the next step continues their averages. v̂ and ŝ serve this step only.",
            wrong=_corrected_state,
        ),
        Mistake(
            "ε inside the square root",
            "the course adds ε outside the root, α v̂ / (√ŝ + ε), as Kingma & Ba and PyTorch do.",
            wrong=_eps_inside,
        ),
        Mistake(
            "only w returned",
            "v and s are the state of the next step: return all three, (w, v, s), with v and s uncorrected.",
            wrong=lambda *args: optim.adamw_update(*args)[0],
        ),
    ),
)


#: The exercises of notebook 12, in the order the notebook asks them.
EXERCISES = (ADAMW_UPDATE,)
