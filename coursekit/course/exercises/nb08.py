"""The exercises of notebook 08 (Adam): one step of Adam, a fair pick from a learning-rate sweep, and their mistakes.

Adam's initial state (two dicts of zeros, v and s) is given in the notebook: making zeros is no exercise. For
the step, some cases use a large ε with small gradients, or a late step t: only there do the placement of ε
and the bias correction change the result by more than the tolerance; others take β's and ε other than the
defaults, so that hyperparameters written in as numbers show. The first step's gradients are large (near
100), so that a correction without its parentheses gives numbers there, not the NaN that t − 1 gives. The
pick from a sweep is :mod:`.fair_pick`. Each exercise draws its inputs from a generator of its own (see
:mod:`.nb00`).
"""

from __future__ import annotations

import numpy as np

from coursekit import optim
from coursekit.course.exercises import fair_pick
from coursekit.course.exercises.inputs import Draws
from coursekit.course.exercises.machinery import Case, Exercise, Mistake

__all__ = ["ADAM_UPDATE", "EXERCISES", "FAIR_PICK"]


# Wrong Adam steps, as learners write them: each changes one part of the lecture's step.
def _adam(v_of=None, s_of=None, v_hat_of=None, s_hat_of=None, step_of=None, state_of=None):
    """Adam with some of its parts replaced; a part left as None is the lecture's.

    The parts are functions of the learner's arguments: ``v_of(v, dw, β₁)`` and ``s_of(s, dw, β₂)``
    average, ``v_hat_of(v, t, β₁, β₂)`` and ``s_hat_of(s, t, β₁, β₂)`` correct, ``step_of(w, v̂, ŝ, α, ε)``
    makes the new w and ``state_of(w, v, s, v̂, ŝ)`` what is returned.
    """

    def update(w, v, s, dw, t, lr, beta1, beta2, eps):
        v = v_of(v, dw, beta1) if v_of else beta1 * v + (1 - beta1) * dw
        s = s_of(s, dw, beta2) if s_of else beta2 * s + (1 - beta2) * dw**2
        v_hat = v_hat_of(v, t, beta1, beta2) if v_hat_of else v / (1 - beta1**t)
        s_hat = s_hat_of(s, t, beta1, beta2) if s_hat_of else s / (1 - beta2**t)
        w = step_of(w, v_hat, s_hat, lr, eps) if step_of else w - lr * v_hat / (np.sqrt(s_hat) + eps)
        return (w, v, s) if state_of is None else state_of(w, v, s, v_hat, s_hat)

    return update


def _adam_with_t(shift):
    return _adam(v_hat_of=lambda v, t, b1, b2: v / (1 - b1 ** (t + shift)),
                 s_hat_of=lambda s, t, b1, b2: s / (1 - b2 ** (t + shift)))


def _adam_corrected_as(correct):
    """Adam whose bias correction of each moment m, with its own β, is ``correct(m, β, t)``."""
    return _adam(v_hat_of=lambda v, t, b1, b2: correct(v, b1, t), s_hat_of=lambda s, t, b1, b2: correct(s, b2, t))


def _adam_fixed(**defaults):
    """Adam with some hyperparameters written in as their defaults, whatever the arguments say."""

    def update(w, v, s, dw, t, lr, beta1, beta2, eps):
        given = {"beta1": beta1, "beta2": beta2, "eps": eps, **defaults}
        return optim.adam_update(w, v, s, dw, t, lr, **given)

    return update


def _adam_efficient_form(w, v, s, dw, t, lr, beta1, beta2, eps):
    _, v, s = optim.adam_update(w, v, s, dw, t, lr, beta1, beta2, eps)
    return w - lr * np.sqrt(1 - beta2**t) / (1 - beta1**t) * v / (np.sqrt(s) + eps), v, s


def _uncorrected(m, t, beta1, beta2):
    """No bias correction: the moment as it is."""
    return m


def _adam_cases() -> tuple[Case, ...]:
    draw = Draws(20240608)
    n, sq = draw.normal, draw.squares
    return (
        Case("t = 1 from zeros, default hyperparameters, large gradients",
             (n(3), np.zeros(3), np.zeros(3), n(3, scale=100.0), 1, 1e-3, 0.9, 0.999, 1e-8)),
        Case("t = 2", (n(2, 3), n(2, 3, scale=0.1), sq(2, 3, scale=0.01), n(2, 3), 2, 0.01, 0.9, 0.999, 1e-8)),
        Case("t = 10, β₁ = 0.5, β₂ = 0.9", (n(4, 1), n(4, 1), sq(4, 1), n(4, 1), 10, 0.1, 0.5, 0.9, 1e-8)),
        Case("small gradients, large ε = 1e-2, t = 3",
             (n(3, 2), n(3, 2, scale=1e-3), sq(3, 2, scale=1e-6), n(3, 2, scale=1e-3), 3, 0.01, 0.9, 0.999, 1e-2)),
        Case("β₁ = 0, t = 5", (n(3), n(3), sq(3), n(3), 5, 0.001, 0.0, 0.99, 1e-8)),
        Case("t = 1000, β₂ close to 1", (n(2, 2), n(2, 2), sq(2, 2), n(2, 2), 1000, 0.001, 0.9, 0.999, 1e-8)),
    )


ADAM_UPDATE = Exercise(
    name="adam_update",
    notebook="08",
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
    builds_on=("ewa_step", "bias_correct"),
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
            wrong=_adam(v_hat_of=lambda v, t, b1, b2: v / (1 - b2**t), s_hat_of=lambda s, t, b1, b2: s / (1 - b1**t)),
        ),
        Mistake(
            "ŝ corrected with β₁",
            "s averages with β₂, so its bias correction divides by 1 − β₂ᵗ; with β₁ the early steps come out "
            "several times too large.",
            wrong=_adam(s_hat_of=lambda s, t, b1, b2: s / (1 - b1**t)),
        ),
        Mistake(
            "v̂ corrected with β₂",
            "v averages with β₁, so its bias correction divides by 1 − β₁ᵗ; with β₂ the early steps are far too small.",
            wrong=_adam(v_hat_of=lambda v, t, b1, b2: v / (1 - b2**t)),
        ),
        Mistake(
            "bias-corrected moments returned as state",
            "return the uncorrected v and s: the next step continues their averages. v̂ and ŝ serve this step only.",
            wrong=_adam(state_of=lambda w, v, s, v_hat, s_hat: (w, v_hat, s_hat)),
        ),
        Mistake(
            "ε inside the square root",
            "the course adds ε outside the root, α v̂ / (√ŝ + ε), as Kingma & Ba and PyTorch do.",
            wrong=_adam(step_of=lambda w, v_hat, s_hat, lr, eps: w - lr * v_hat / np.sqrt(s_hat + eps)),
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
            wrong=_adam(v_hat_of=_uncorrected, s_hat_of=_uncorrected),
        ),
        Mistake(
            "dw not squared",
            "s averages the squares dW², each entry squared; averaging dW itself can turn s negative.",
            wrong=_adam(s_of=lambda s, dw, b2: b2 * s + (1 - b2) * dw),
        ),
        Mistake(
            "only v bias-corrected",
            "both moments start at 0 and both are corrected: v̂ = v / (1 − β₁ᵗ) and ŝ = s / (1 − β₂ᵗ). With ŝ left "
            "as s the early steps come out about 1 / √(1 − β₂ᵗ) times too long, 31.6 times at t = 1 with β₂ = 0.999.",
            wrong=_adam(s_hat_of=_uncorrected),
        ),
        Mistake(
            "only s bias-corrected",
            "both moments start at 0 and both are corrected: v̂ = v / (1 − β₁ᵗ) and ŝ = s / (1 − β₂ᵗ). With v̂ left "
            "as v the early steps come out 1 − β₁ᵗ times too short, a tenth at t = 1 with β₁ = 0.9.",
            wrong=_adam(v_hat_of=_uncorrected),
        ),
        Mistake(
            "β·t instead of βᵗ in the correction",
            "the correction raises β to the power t, 1 − βᵗ; β times t is another number, and above 1 once t > 1 / β.",
            wrong=_adam_corrected_as(lambda m, beta, t: m / (1 - beta * t)),
        ),
        Mistake(
            "v / 1 − βᵗ: the parentheses of the correction forgotten",
            "the whole of 1 − βᵗ divides the moment: v̂ = v / (1 − β₁ᵗ). Without the parentheses v is divided by 1 and "
            "βᵗ is then subtracted.",
            wrong=_adam_corrected_as(lambda m, beta, t: m / 1 - beta**t),
        ),
        Mistake(
            "(1 − β)ᵗ instead of 1 − βᵗ in the correction",
            "the power applies to β alone: the divisor is 1 − βᵗ, which grows towards 1, not (1 − β)ᵗ.",
            wrong=_adam_corrected_as(lambda m, beta, t: m / (1 - beta) ** t),
        ),
        Mistake(
            "forgotten (1 − β₁)",
            "v = β₁ v + (1 − β₁) dW is an average; without (1 − β₁) it sums the gradients, about 1 / (1 − β₁) times "
            "larger.",
            wrong=_adam(v_of=lambda v, dw, b1: b1 * v + dw),
        ),
        Mistake(
            "forgotten (1 − β₂)",
            "s = β₂ s + (1 − β₂) dW² is an average; without (1 − β₂) it sums the squares and the steps shrink.",
            wrong=_adam(s_of=lambda s, dw, b2: b2 * s + dw**2),
        ),
        Mistake(
            "β₁ written in as 0.9",
            "use the argument beta1, not its usual value: the check also tries β₁ = 0.5 and β₁ = 0.",
            wrong=_adam_fixed(beta1=0.9),
        ),
        Mistake(
            "β₂ written in as 0.999",
            "use the argument beta2, not its usual value: the check also tries β₂ = 0.9 and β₂ = 0.99.",
            wrong=_adam_fixed(beta2=0.999),
        ),
        Mistake(
            "β₁ and β₂ written in as 0.9 and 0.999",
            "use the arguments beta1 and beta2, not their usual values: the check also tries β₁ = 0.5 with β₂ = 0.9.",
            wrong=_adam_fixed(beta1=0.9, beta2=0.999),
        ),
        Mistake(
            "ε written in as 1e-8",
            "use the argument eps, not its usual value: the check also tries ε = 0.01 with tiny gradients.",
            wrong=_adam_fixed(eps=1e-8),
        ),
        Mistake(
            "β₁, β₂ and ε written in as their defaults",
            "use the arguments beta1, beta2 and eps, not their usual values: the check also tries β₁ = 0.5 with "
            "β₂ = 0.9, and ε = 0.01 with tiny gradients.",
            wrong=_adam_fixed(beta1=0.9, beta2=0.999, eps=1e-8),
        ),
        Mistake(
            "only w returned",
            "v and s are the state of the next step: return all three, (w, v, s), with v and s uncorrected.",
            wrong=lambda *args: optim.adam_update(*args)[0],
        ),
    ),
)


FAIR_PICK = Exercise(
    name="fair_pick",
    notebook="08",
    args=("costs", "lrs"),
    returns=("lr", "lowest", "highest"),
    description="From a sweep's final training costs (one row per α of lrs, one column per seed; NaN or inf where "
    "a run diverged), the α of lowest mean cost over the seeds among those where every seed ended finite, and the "
    "lowest and highest cost over the seeds at that α.",
    hints=fair_pick.HINTS,
    reference=fair_pick.fair_pick,
    cases=fair_pick.cases(Draws(20240609)),
    mistakes=fair_pick.MISTAKES,
)


#: The exercises of notebook 08, in the order the notebook asks them.
EXERCISES = (ADAM_UPDATE, FAIR_PICK)
