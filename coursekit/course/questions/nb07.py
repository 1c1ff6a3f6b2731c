"""Concept questions of notebook 07: RMSprop's first step without bias correction, the turned valley, ε, and how
fast AdaGrad's effective step shrinks."""

import numpy as np

from coursekit.experiments import along_path, settling
from coursekit.course.questions.question import Choice, Question, Slip
from coursekit.optim import RMSprop, adagrad_update, rmsprop_update
from coursekit.surfaces import elongated_quadratic, rotated_quadratic

__all__ = ["QUESTIONS"]

#: The learning rates of notebook 07's sweeps: 31 values from 1e-3 to 1, and GD's best 2/101.
_LRS = np.sort(np.append(np.geomspace(1e-3, 1.0, 31), 2 / 101))


def _first_step_factor(beta2: float = 0.999) -> float:
    """How many α a coordinate moves at RMSprop's first step with ``beta2``, from s = 0."""
    w, _ = rmsprop_update(np.zeros(3), np.zeros(3), np.array([0.5, -2.0, 40.0]), lr=0.01, beta2=beta2)
    factors = np.abs(w) / 0.01
    return float(factors.mean()) if np.allclose(factors, factors[0]) else float("nan")


def _turned_advantage() -> int:
    """2 if RMSprop's lead over GD (steps to within 0.1, each at its best α) shrinks when the bowl is turned."""
    flat, turned = elongated_quadratic(100.0), rotated_quadratic(100.0, 45.0)
    gd = settling.steps_map(flat, _LRS, [0.0], 0.1, max_steps=300).row(0.0).best()[1]
    gd_turned = settling.steps_map(turned, _LRS, [0.0], 0.1, max_steps=300).row(0.0).best()[1]
    rms = settling.steps_by_lr(flat, RMSprop, _LRS, 0.1, steps=300).best()[1]
    rms_turned = settling.steps_by_lr(turned, RMSprop, _LRS, 0.1, steps=300).best()[1]
    lead, lead_turned = gd / rms, gd_turned / rms_turned
    return 1 if lead_turned < 0.5 * lead else (0 if abs(lead_turned - lead) < 0.1 * lead else 2)


def _zero_gradient_without_eps() -> int:
    """1 if a coordinate with s = 0 and dW = 0 gets a NaN step when ε = 0."""
    with np.errstate(invalid="ignore"):
        step = 0.0 * along_path.effective_step(np.zeros(1), lr=0.01, eps=0.0)
    return 1 if np.isnan(step).all() else 0


def _tenfold_smaller_step(g: float = 0.5, lr: float = 0.01, eps: float = 1e-8, most: int = 10_000) -> float:
    """The step n at which AdaGrad's effective step α / (√s + ε) is first ten times smaller than at step 1, when
    every gradient is ``g`` (NaN if not within ``most`` steps)."""
    w, s = np.zeros(1), np.zeros(1)
    for n in range(1, most + 1):
        w, s = adagrad_update(w, s, np.full(1, g), lr=lr, eps=eps)
        effective = lr / (np.sqrt(s[0]) + eps)
        first = effective if n == 1 else first
        if effective <= first / 10 * (1 + 1e-6):  # ten times smaller, ε aside
            return n
    return float("nan")


QUESTIONS = (
    Question(
        id="07-first-step",
        prompt="RMSprop starts from s = 0 and, unlike Adam, has no bias correction. With β₂ = 0.999, by how many "
               "times α does each coordinate move at the very first step, whatever its gradient?",
        answer=1 / np.sqrt(0.001),
        tolerance=0.01,
        explanation="After one step s = (1 − β₂) dW², so the step is α dW / √((1 − β₂) dW²) = α / √(1 − β₂) = "
                    "α / √0.001 ≈ 31.6 α in every coordinate. With β₂ = 0.9 it is 3.2 α.",
        verify=_first_step_factor,
        slips=(
            Slip(_first_step_factor(beta2=0.9), 0.01, "That is the first step with β₂ = 0.9, the table above: the "
                                                      "question asks about β₂ = 0.999."),
            Slip(1.0, 0.01, "That is Adam's first step, made exact by bias correction: RMSprop has none, and "
                            "s = (1 − β₂) dW² after one step is far too small."),
            Slip(1 / (1 - 0.999), 0.01, "That divides by s itself: the step divides by its square root, √s."),
            Slip(np.sqrt(1 - 0.999), 0.01, "That is √(1 − β₂), the size of √s for a unit gradient: the step divides "
                                           "dW by √s; it does not multiply by it."),
            Slip(1 - 0.999, 0.01, "That is 1 − β₂, the share of dW² in s after one step: the step divides dW by the "
                                  "square root of s."),
        ),
    ),
    Question(
        id="07-rotated",
        prompt="Now turn the valley by 45°: its steep direction runs along the diagonal, so both coordinates "
               "feel both curvatures. What happens to RMSprop's lead over gradient descent (each at its best α)?",
        choices=(
            Choice("Nothing: turning the valley changes neither optimizer.",
                   "Gradient descent indeed does not care (its path just turns with the valley), but RMSprop "
                   "divides each coordinate by its own root mean square, and now each coordinate mixes the steep "
                   "and the flat direction."),
            Choice("It shrinks: most of the advantage of per-coordinate steps is lost.",
                   "Each coordinate's gradient now holds part of the steep direction, so both get small steps: "
                   "RMSprop can no longer give the flat direction a larger step than the steep one."),
            Choice("It grows: RMSprop handles any direction, GD does not.",
                   "RMSprop scales coordinates, not directions: it only knows the size of each coordinate's "
                   "gradient, not how the coordinates combine."),
        ),
        answer=1,
        explanation="Per-coordinate scaling can only undo an elongation that lies along the axes. On the turned "
                    "bowl RMSprop's lead over gradient descent drops from 2.9 times fewer steps to 1.2.",
        verify=_turned_advantage,
    ),
    Question(
        id="07-no-eps",
        prompt="A weight whose gradient has been exactly 0 so far has s = 0, and its gradient is 0 again. Without "
               "ε, what is its RMSprop step α dW / √s?",
        choices=(
            Choice("0: no gradient, no step.",
                   "That is what ε gives: 0 / (0 + ε) = 0. Without ε, what is left in the denominator, and what does "
                   "numpy make of that division?"),
            Choice("NaN: 0 / 0 is undefined, and the weight becomes NaN.",
                   "numpy returns NaN for 0 / 0, and one NaN in W makes every later cost and gradient NaN."),
            Choice("A huge step: dividing by √s = 0 gives infinity.",
                   "Dividing a non-zero gradient by 0 would give an infinite step; here the numerator is 0 too."),
        ),
        answer=1,
        explanation="ε (about 1e-8) keeps the denominator positive: a coordinate whose gradients have all been 0 "
                    "gets no step instead of NaN, and a tiny gradient gets a tiny step.",
        verify=_zero_gradient_without_eps,
    ),
    Question(
        id="07-adagrad-shrink",
        prompt="AdaGrad starts from s = 0 and gets the same gradient g at every step. At which step n is its effective "
               "step α / (√s + ε) ten times smaller than at step 1 (ε is negligible)?",
        answer=100,
        tolerance=0.015,
        explanation="After n steps the sum is s = n g², so the effective step is α / (√n |g| + ε): ten times smaller "
                    "when √n = 10, at step 100, and a hundred times smaller at step 10,000; it never stops shrinking. "
                    "RMSprop's average of g² stays g², so its effective step stays α / |g|.",
        verify=_tenfold_smaller_step,
        slips=(
            Slip(10.0, 0.015, "That is a step that falls like 1/n, as if it divided by s itself: it divides by √s, "
                              "and s grows in proportion to n."),
            Slip(np.sqrt(10), 0.015, "That is how much smaller the effective step is at step 10: the question asks at "
                                     "which step it is ten times smaller."),
            Slip(0.1, 0.015, "That is the ratio of the two effective steps: the question asks for the step number n."),
        ),
    ),
)
