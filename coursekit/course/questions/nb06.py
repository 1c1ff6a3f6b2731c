"""Concept questions of notebook 06: GD's best factor on a narrow bowl, what the velocity does across the
valley, the best β on κ = 100, and the learning rate of the variant without (1 − β)."""

import numpy as np

from coursekit.experiments import along_path, convergence, settling
from coursekit.course.questions.question import Choice, Question, Slip
from coursekit.optim import Momentum
from coursekit.surfaces import elongated_quadratic
from coursekit.trajectories import trajectory

__all__ = ["QUESTIONS"]


def _bowl():
    return elongated_quadratic(100.0)


def _gd_best_factor() -> float:
    bowl = _bowl()
    return convergence.best_gd(np.linalg.eigvalsh(bowl.hessian(bowl.minima[0]))).rate


def _velocity_across() -> int:
    """1 if, along momentum's path, |v_y| stays a small fraction of |dW_y| while |v_x| follows |dW_x|."""
    bowl = _bowl()
    grads = along_path.gradients(bowl, trajectory(bowl, Momentum(0.063, beta=0.9), steps=30))
    ratio = np.abs(along_path.averages(grads, 0.9)).mean(axis=0) / np.abs(grads).mean(axis=0)
    return 1 if ratio[1] < 0.3 < ratio[0] else 0


def _best_beta() -> int:
    bowl = _bowl()
    tol = 1e-6 * np.hypot(*bowl.start)
    _, beta, _ = settling.steps_map(bowl, np.geomspace(1e-3, 10, 81), np.linspace(0, 0.99, 100), tol).best()
    return 1 if 0.55 <= beta <= 0.8 else (0 if beta == 0 else 2 if beta < 0.95 else 3)


def _summed_lr() -> float:
    """The α among a few candidates with which the summed form retraces the averaged path of α = 0.063."""
    bowl = _bowl()
    averaged = trajectory(bowl, Momentum(0.063, beta=0.9), steps=100).points
    for lr in (0.63, 0.063, 0.0063):
        summed = trajectory(bowl, Momentum(lr, beta=0.9, average=False), steps=100).points
        if summed.shape == averaged.shape and np.allclose(summed, averaged, rtol=0, atol=1e-12):
            return lr
    return float("nan")


QUESTIONS = (
    Question(
        id="06-gd-rate",
        prompt="On the bowl with curvatures 1 and 100, gradient descent's best α = 2/(1 + 100) makes the error "
               "shrink by the same factor along both directions. What is that factor per step (to 3 decimals)?",
        answer=99 / 101,
        tolerance=0.002,
        explanation="|1 − α · 1| = |1 − α · 100| = 99/101 ≈ 0.980 with α = 2/101: a larger α would make the "
                    "steep direction's zig-zag shrink more slowly, a smaller one the flat direction. Each step removes "
                    "only 2 % of the error: about 690 steps to shrink it a million-fold.",
        verify=_gd_best_factor,
        slips=(
            Slip(2 / 101, 0.02, "That is α = 2/101 itself, or the share of the error one step removes: the factor "
                                "is what multiplies the error, 1 − αλ."),
            Slip(1 - 100 * 2 / 101, 0.002, "That is the steep direction's signed factor: its sign says that the path "
                                           "zig-zags across the valley. The question asks for its size."),
            Slip(abs(1 - 100 * 2 / 100), 0.002, "That is the steep direction's factor at the limit α = 2/100, where "
                                                "the zig-zag neither grows nor shrinks: the question is about "
                                                "α = 2/(1 + 100)."),
        ),
    ),
    Question(
        id="06-across",
        prompt="Across the valley (along w₂, the steep direction) the gradient keeps changing sign. What does the velocity "
               "v = β v + (1 − β) dW do in that direction?",
        choices=(
            Choice("It grows, adding up the large gradients across the valley.",
                   "Growing by adding up needs gradients that keep their sign. Across the valley the gradient changes "
                   "sign at every bounce: what does an average of +60, −50, +40, … come to?"),
            Choice("It stays small: gradients of opposite signs cancel in the average.",
                   "The average of +60, −50, +40, … is close to 0, so the step across the valley is small, while "
                   "along the valley, where every gradient points the same way, v keeps their size."),
            Choice("It equals the last gradient, as in gradient descent.",
                   "That is β = 0. With β = 0.9 the velocity averages roughly the last 10 gradients."),
        ),
        answer=1,
        explanation="v is the exponentially weighted average of notebook 04 applied to the gradients: it cancels "
                    "what alternates and keeps what persists.",
        verify=_velocity_across,
    ),
    Question(
        id="06-best-beta",
        prompt="On the bowl with κ = 100, which β lets momentum settle in the fewest steps, each β at its own "
               "best α?",
        choices=(
            Choice("β = 0, plain gradient descent.",
                   "Gradient descent needs about 690 steps at its best α; in the map every β from 0.05 to 0.95 does "
                   "better, each at its own best α."),
            Choice("About β = 0.67.",
                   "The theory gives β* = ((√κ − 1)/(√κ + 1))² = (9/11)² ≈ 0.67 for κ = 100; the map agrees."),
            Choice("β = 0.9, the usual default.",
                   "0.9 works well over a wide range of α (about 240 steps here) but it is not the fastest on this "
                   "bowl: it spirals in at √0.9 ≈ 0.95 per step at best."),
            Choice("β = 0.99, as much memory as possible.",
                   "With β = 0.99 the velocity spirals in at √0.99 ≈ 0.995 per step at best: the ball keeps "
                   "rolling back and forth for a long time."),
        ),
        answer=1,
        explanation="The best β depends on κ: ((√κ − 1)/(√κ + 1))², 0.67 for κ = 100 (and 0.27 for κ = 10). "
                    "With it, the error shrinks by (√κ − 1)/(√κ + 1) = 0.82 per step instead of 0.98.",
        verify=_best_beta,
    ),
    Question(
        id="06-summed-lr",
        prompt="With β = 0.9, the lecture's form with α = 0.063 takes some path. Which α makes the variant "
               "v = β v + dW, W := W − α v, take exactly the same path?",
        answer=0.0063,
        tolerance=0.01,
        explanation="From v = 0 the summed velocity is always 1/(1 − β) = 10 times the averaged one, so the summed "
                    "form needs (1 − β) times the lecture's α: 0.063 × 0.1 = 0.0063. Read the other way, the summed "
                    "form with α behaves like the lecture's form with α / (1 − β).",
        verify=_summed_lr,
        slips=(
            Slip(0.063 / (1 - 0.9), 0.01, "That scales α the wrong way: from v = 0 the summed velocity grows larger "
                                          "than the averaged one, so its α must shrink to take the same steps."),
            Slip(0.063, 0.01, "With the same α the summed form takes longer steps: its velocity adds each gradient "
                              "in full, where the lecture's adds only (1 − β) of it."),
            Slip(0.063 * 0.9, 0.01, "That multiplies α by β: the factor between the two velocities comes from the "
                                    "(1 − β) in front of dW."),
            Slip(0.063 / 0.9, 0.01, "That divides α by β: the factor between the two velocities comes from the "
                                    "(1 − β) in front of dW, and the summed form needs a smaller α, not a larger one."),
        ),
    ),
)
