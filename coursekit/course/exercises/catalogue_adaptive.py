"""Exercises on RMSprop and Adam (notebooks 06-07): cases and the catalogue of known mistakes.

Some cases use a large ε with small gradients, or a late step t: only there do the placement of ε and
the bias correction change the result by more than the tolerance. Each wrong implementation has the
learner's signature and returns what the mistaken learner would (see :mod:`catalogue_rules`).
"""

from __future__ import annotations

import numpy as np

from coursekit import optim
from coursekit.course.exercises.machinery import Case, Exercise, Mistake

_rng = np.random.default_rng(20240602)


def _n(*shape, scale: float = 1.0) -> np.ndarray:
    """Seeded normal entries: parameters, gradients, first moments."""
    return scale * _rng.standard_normal(shape)


def _sq(*shape, scale: float = 1.0) -> np.ndarray:
    """Seeded non-negative entries: second moments (averages of squares)."""
    return scale * _rng.standard_normal(shape) ** 2


# Wrong RMSprop steps, as learners write them.
def _rms_eps_added_to_step(w, s, dw, lr, beta2, eps):
    s = beta2 * s + (1 - beta2) * dw**2
    return w - (lr * dw / np.sqrt(s) + eps), s


def _rms_eps_in_sqrt(w, s, dw, lr, beta2, eps):
    s = beta2 * s + (1 - beta2) * dw**2
    return w - lr * dw / np.sqrt(s + eps), s


def _rms_not_squared(w, s, dw, lr, beta2, eps):
    s = beta2 * s + (1 - beta2) * dw
    return w - lr * dw / (np.sqrt(s) + eps), s


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


RMSPROP_UPDATE = Exercise(
    name="rmsprop_update",
    notebook="06",
    args=("w", "s", "dw", "lr", "beta2", "eps"),
    returns=("w", "s"),
    description="One step of RMSprop: s = β₂ s + (1 − β₂) dW², then W = W − α dW / (√s + ε). Return (w, s).",
    hints=(
        "s is an exponentially weighted average too, but of the squared gradient (element by element).",
        "The step divides dw by the square root of s, so a direction with big gradients gets a small step.",
        "ε guards against dividing by zero: it is added after taking the square root, never inside it.",
    ),
    reference=optim.rmsprop_update,
    cases=(
        Case("first step, from s = 0", (_n(3), np.zeros(3), _n(3), 0.01, 0.999, 1e-8)),
        Case("a later step, β₂ = 0.9", (_n(2, 3), _sq(2, 3), _n(2, 3), 0.001, 0.9, 1e-8)),
        Case("small gradients, large ε = 0.1",
             (_n(4, 1), _sq(4, 1, scale=1e-4), _n(4, 1, scale=1e-2), 0.01, 0.99, 0.1)),
        Case("β₂ = 0", (_n(3), _sq(3), _n(3), 0.1, 0.0, 1e-6)),
        Case("β₂ close to 1, ε = 1e-2", (_n(2, 3), _sq(2, 3, scale=1e-2), _n(2, 3, scale=0.1), 0.05, 0.999, 1e-2)),
    ),
    mistakes=(
        Mistake(
            "ε inside the square root",
            "the course (like PyTorch and Keras) adds ε outside: dW / (√s + ε). √(s + ε) is another choice that "
            "changes the step whenever s is not much larger than ε.",
            wrong=_rms_eps_in_sqrt,
        ),
        Mistake(
            "ε added to the step, not to the root",
            "lr * dw / np.sqrt(s) + eps adds ε to the step itself: ε belongs in the denominator, "
            "dW / (√s + ε), where it keeps a tiny √s from blowing the step up.",
            wrong=_rms_eps_added_to_step,
        ),
        Mistake(
            "dw not squared",
            "s averages the squares dW² (dw ** 2, element-wise); averaging dW itself can turn s negative.",
            wrong=_rms_not_squared,
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
    ),
)


# Wrong Adam steps, as learners write them. Most share the two moment updates.
def _moments(v, s, dw, beta1, beta2):
    return beta1 * v + (1 - beta1) * dw, beta2 * s + (1 - beta2) * dw**2


def _adam_with_t(shift):
    def update(w, v, s, dw, t, lr, beta1, beta2, eps):
        v, s = _moments(v, s, dw, beta1, beta2)
        v_hat, s_hat = v / (1 - beta1 ** (t + shift)), s / (1 - beta2 ** (t + shift))
        return w - lr * v_hat / (np.sqrt(s_hat) + eps), v, s

    return update


def _adam_betas_swapped_in_correction(w, v, s, dw, t, lr, beta1, beta2, eps):
    v, s = _moments(v, s, dw, beta1, beta2)
    v_hat, s_hat = v / (1 - beta2**t), s / (1 - beta1**t)
    return w - lr * v_hat / (np.sqrt(s_hat) + eps), v, s


def _adam_s_corrected_with_beta1(w, v, s, dw, t, lr, beta1, beta2, eps):
    v, s = _moments(v, s, dw, beta1, beta2)
    v_hat, s_hat = v / (1 - beta1**t), s / (1 - beta1**t)
    return w - lr * v_hat / (np.sqrt(s_hat) + eps), v, s


def _adam_v_corrected_with_beta2(w, v, s, dw, t, lr, beta1, beta2, eps):
    v, s = _moments(v, s, dw, beta1, beta2)
    v_hat, s_hat = v / (1 - beta2**t), s / (1 - beta2**t)
    return w - lr * v_hat / (np.sqrt(s_hat) + eps), v, s


def _adam_corrected_state(w, v, s, dw, t, lr, beta1, beta2, eps):
    v, s = _moments(v, s, dw, beta1, beta2)
    v, s = v / (1 - beta1**t), s / (1 - beta2**t)
    return w - lr * v / (np.sqrt(s) + eps), v, s


def _adam_eps_in_sqrt(w, v, s, dw, t, lr, beta1, beta2, eps):
    v, s = _moments(v, s, dw, beta1, beta2)
    v_hat, s_hat = v / (1 - beta1**t), s / (1 - beta2**t)
    return w - lr * v_hat / np.sqrt(s_hat + eps), v, s


def _adam_efficient_form(w, v, s, dw, t, lr, beta1, beta2, eps):
    v, s = _moments(v, s, dw, beta1, beta2)
    lr_t = lr * np.sqrt(1 - beta2**t) / (1 - beta1**t)
    return w - lr_t * v / (np.sqrt(s) + eps), v, s


def _adam_uncorrected(w, v, s, dw, t, lr, beta1, beta2, eps):
    v, s = _moments(v, s, dw, beta1, beta2)
    return w - lr * v / (np.sqrt(s) + eps), v, s


def _adam_not_squared(w, v, s, dw, t, lr, beta1, beta2, eps):
    v, s = beta1 * v + (1 - beta1) * dw, beta2 * s + (1 - beta2) * dw
    v_hat, s_hat = v / (1 - beta1**t), s / (1 - beta2**t)
    return w - lr * v_hat / (np.sqrt(s_hat) + eps), v, s


ADAM_UPDATE = Exercise(
    name="adam_update",
    notebook="07",
    args=("w", "v", "s", "dw", "t", "lr", "beta1", "beta2", "eps"),
    returns=("w", "v", "s"),
    description=(
        "One step of Adam at step t (counting from 1): v = β₁ v + (1 − β₁) dW, s = β₂ s + (1 − β₂) dW², "
        "v̂ = v / (1 − β₁ᵗ), ŝ = s / (1 − β₂ᵗ), W = W − α v̂ / (√ŝ + ε). Return (w, v, s), "
        "with v and s NOT bias-corrected: they are the state for the next step."
    ),
    hints=(
        "Start from what you wrote for momentum (v) and RMSprop (s): Adam updates both with its own β.",
        "Then correct each moment's start-up bias by dividing by 1 − its own β raised to the power t (t "
        "counts from 1).",
        "The step uses the corrected moments, with ε added after the square root; return the uncorrected v "
        "and s as the state for the next step.",
    ),
    reference=optim.adam_update,
    cases=(
        Case("t = 1 from zeros, default hyperparameters",
             (_n(3), np.zeros(3), np.zeros(3), _n(3), 1, 1e-3, 0.9, 0.999, 1e-8)),
        Case("t = 2", (_n(2, 3), _n(2, 3, scale=0.1), _sq(2, 3, scale=0.01), _n(2, 3), 2, 0.01, 0.9, 0.999, 1e-8)),
        Case("t = 10, β₁ = 0.5, β₂ = 0.9", (_n(4, 1), _n(4, 1), _sq(4, 1), _n(4, 1), 10, 0.1, 0.5, 0.9, 1e-8)),
        Case("small gradients, large ε = 1e-2, t = 3",
             (_n(3, 2), _n(3, 2, scale=1e-3), _sq(3, 2, scale=1e-6), _n(3, 2, scale=1e-3), 3, 0.01, 0.9, 0.999, 1e-2)),
        Case("β₁ = 0, t = 5", (_n(3), _n(3), _sq(3), _n(3), 5, 0.001, 0.0, 0.99, 1e-8)),
        Case("t = 1000, β₂ close to 1", (_n(2, 2), _n(2, 2), _sq(2, 2), _n(2, 2), 1000, 0.001, 0.9, 0.999, 1e-8)),
    ),
    mistakes=(
        Mistake(
            "bias correction with t − 1",
            "t is this step's number, counting from 1: the first step divides by 1 − β¹. With t − 1 the first step "
            "divides by 1 − β⁰ = 0.",
            wrong=_adam_with_t(-1),
        ),
        Mistake(
            "bias correction with t + 1",
            "t already counts the current step (from 1): the first step divides by 1 − β¹, not 1 − β².",
            wrong=_adam_with_t(+1),
        ),
        Mistake(
            "bias correction with the wrong β",
            "each moment is corrected with its own β: v̂ = v / (1 − β₁ᵗ) and ŝ = s / (1 − β₂ᵗ).",
            wrong=_adam_betas_swapped_in_correction,
        ),
        Mistake(
            "ŝ corrected with β₁",
            "s averages with β₂, so its bias correction divides by 1 − β₂ᵗ; with β₁ the early steps come out "
            "several times too large.",
            wrong=_adam_s_corrected_with_beta1,
        ),
        Mistake(
            "v̂ corrected with β₂",
            "v averages with β₁, so its bias correction divides by 1 − β₁ᵗ; with β₂ the early steps are far too small.",
            wrong=_adam_v_corrected_with_beta2,
        ),
        Mistake(
            "bias-corrected moments returned as state",
            "return the uncorrected v and s: the next step continues their averages. v̂ and ŝ serve this step only.",
            wrong=_adam_corrected_state,
        ),
        Mistake(
            "ε inside the square root",
            "the course adds ε outside the root, α v̂ / (√ŝ + ε), as Kingma & Ba and PyTorch do.",
            wrong=_adam_eps_in_sqrt,
        ),
        Mistake(
            "ε added to the uncorrected √s",
            "α √(1 − β₂ᵗ) / (1 − β₁ᵗ) · v / (√s + ε) is the paper's 'efficient' form: it equals the lecture's "
            "only when ε is negligible. Correct v and s first, then add ε to √ŝ.",
            wrong=_adam_efficient_form,
        ),
        Mistake(
            "no bias correction",
            "Adam divides v by 1 − β₁ᵗ and s by 1 − β₂ᵗ before the step; without it the first steps are wrong.",
            wrong=_adam_uncorrected,
        ),
        Mistake(
            "dw not squared",
            "s averages the squares dW² (dw ** 2, element-wise); averaging dW itself can turn s negative.",
            wrong=_adam_not_squared,
        ),
    ),
)
