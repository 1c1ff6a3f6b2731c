"""Concept questions of notebook 06: what the velocity does across the valley, the best β on κ = 100, the
learning rate of the variant without (1 − β), and heavy ball against Nesterov, each at its best (α, β)."""

import numpy as np

from coursekit.experiments import along_path, nesterov, settling
from coursekit.course.questions.question import Choice, Question, Slip
from coursekit.optim import Momentum
from coursekit.surfaces import elongated_quadratic
from coursekit.trajectories import trajectory

__all__ = ["QUESTIONS"]


def _bowl():
    return elongated_quadratic(100.0)


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


def _race_winner() -> int:
    """The choice the race of notebook 06 bears out: 2 if heavy ball needs fewer steps from every start, 0 if
    Nesterov needs at most 0.6 times as many on average, 1 otherwise."""
    bowl = _bowl()
    race = nesterov.race(bowl, np.geomspace(1e-3, 10, 81), np.linspace(0, 0.99, 100), 1e-3,
                         starts=nesterov.turned_starts(bowl, [30, 60, 90, 120]))
    heavy, look_ahead = (race.best(method).steps for method in nesterov.METHODS)
    if np.all(heavy < look_ahead):
        return 2
    return 0 if look_ahead.mean() <= 0.6 * heavy.mean() else 1


QUESTIONS = (
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
    Question(
        id="06-nesterov-race",
        prompt="Each method at its own best (α, β) of the map's grid, which reaches 10⁻³ of the minimum in fewer "
               "steps on the bowl with κ = 100?",
        choices=(
            Choice("Nesterov, in about half the steps: its look-ahead brakes the swings.",
                   "The look-ahead does brake the swings at the same α and β, as the paths show. But each method "
                   "now gets its own best pair: how fast can heavy ball's best pair be on a quadratic?"),
            Choice("A tie: at their best both shrink the error by the same factor per step.",
                   "It is often said so, but the two best factors differ: heavy ball's best reaches the lower "
                   "bound of the map, and Nesterov's has to serve every convex function, not only quadratics."),
            Choice("Heavy ball: on a quadratic, tuned, it is the faster one.",
                   "Heavy ball at its best shrinks the error by (√κ − 1)/(√κ + 1) per step, the lower bound; "
                   "Nesterov's best factor is 1 − 2/√(3κ + 1), larger, so it needs more steps."),
        ),
        answer=2,
        explanation="On a quadratic, heavy ball at its best reaches the factor (√κ − 1)/(√κ + 1) = 0.82 per step; "
                    "Nesterov at its best only 1 − 2/√(3κ + 1) = 0.88. Nesterov's strength is elsewhere: a "
                    "guarantee on every smooth convex function, and on this bowl a large β forgives it more.",
        verify=_race_winner,
    ),
)
