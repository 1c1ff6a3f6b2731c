"""The exercises of notebook 07 (Adam): Adam's initial state and one step of Adam, and the mistakes their checks name.

The initial state can go wrong as momentum's velocity does (notebook 05, whose mistakes are reused here),
and in one way of its own: v and s sharing their arrays. For the step, some cases use a large ε with small
gradients, or a late step t: only there do the placement of ε and the bias correction change the result by
more than the tolerance. Each exercise draws its inputs from a generator of its own (see :mod:`.nb00`).
"""

from __future__ import annotations

import numpy as np

from coursekit import optim
from coursekit.course.exercises import nb05
from coursekit.course.exercises.compare import arrays_in, share_memory
from coursekit.course.exercises.inputs import Draws
from coursekit.course.exercises.machinery import Case, Exercise, Mistake

__all__ = ["ADAM_UPDATE", "EXERCISES", "INITIALIZE_ADAM"]


def _initial_adam_state(params: dict) -> tuple[dict, dict]:
    return optim.zeros_like_params(params), optim.zeros_like_params(params)


def _pairs(wrong):
    """The Adam form of a wrong velocity initialisation: the same mistake made for v and for s."""
    return lambda params: (wrong(params), wrong(params))


INITIALIZE_ADAM = Exercise(
    name="initialize_adam",
    notebook="07",
    args=("params",),
    returns=("v", "s"),
    description="Adam's initial state: two separate dicts (v, s), each with the keys of params and new float "
    "zeros of each parameter's shape.",
    hints=(
        "Adam keeps two states, v (like momentum) and s (like RMSprop), each shaped like the parameters.",
        "Make each of the two dicts on its own; two names for one dict would tie v and s together.",
    ),
    reference=_initial_adam_state,
    cases=nb05.params_cases(Draws(20240609)),
    mistakes=(
        nb05.RETURNED_PARAMS,
        nb05.SHARES_PARAMS,
        Mistake(
            "v and s are the same",
            "v = s = {...} gives one dict two names (and shared arrays do the same per key): an update of v would "
            "change s. Build two separate dicts of zeros.",
            spot=lambda args, result: result[0] is result[1]
            or share_memory(arrays_in(result[0]), arrays_in(result[1])),
        ),
        nb05.SHARED_ARRAYS,
        Mistake(nb05.D_KEYS.name, nb05.D_KEYS.explanation, wrong=_pairs(nb05.D_KEYS.wrong)),
        Mistake(nb05.INTEGER_ZEROS.name, nb05.INTEGER_ZEROS.explanation, wrong=_pairs(nb05.INTEGER_ZEROS.wrong)),
        nb05.WRONG_SHAPES,
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


def _adam_cases() -> tuple[Case, ...]:
    draw = Draws(20240608)
    n, sq = draw.normal, draw.squares
    return (
        Case("t = 1 from zeros, default hyperparameters",
             (n(3), np.zeros(3), np.zeros(3), n(3), 1, 1e-3, 0.9, 0.999, 1e-8)),
        Case("t = 2", (n(2, 3), n(2, 3, scale=0.1), sq(2, 3, scale=0.01), n(2, 3), 2, 0.01, 0.9, 0.999, 1e-8)),
        Case("t = 10, β₁ = 0.5, β₂ = 0.9", (n(4, 1), n(4, 1), sq(4, 1), n(4, 1), 10, 0.1, 0.5, 0.9, 1e-8)),
        Case("small gradients, large ε = 1e-2, t = 3",
             (n(3, 2), n(3, 2, scale=1e-3), sq(3, 2, scale=1e-6), n(3, 2, scale=1e-3), 3, 0.01, 0.9, 0.999, 1e-2)),
        Case("β₁ = 0, t = 5", (n(3), n(3), sq(3), n(3), 5, 0.001, 0.0, 0.99, 1e-8)),
        Case("t = 1000, β₂ close to 1", (n(2, 2), n(2, 2), sq(2, 2), n(2, 2), 1000, 0.001, 0.9, 0.999, 1e-8)),
    )


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
    cases=_adam_cases(),
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


#: The exercises of notebook 07, in the order the notebook asks them.
EXERCISES = (INITIALIZE_ADAM, ADAM_UPDATE)
