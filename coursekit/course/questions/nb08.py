"""Concept questions of notebook 08: the size of Adam's first step without correction; a fair comparison."""

import numpy as np

from coursekit.course.questions.question import Choice, Question, Slip
from coursekit.data import two_moons
from coursekit.experiments.first_steps import adam_steps
from coursekit.experiments.over_seeds import seed_sweep

__all__ = ["MOONS_GRID", "QUESTIONS"]

#: The notebook's grid for the two moons: half a decade apart, from the classic α = 0.0007 up to 7.
MOONS_GRID = 0.0007 * 10 ** (np.arange(0, 9) / 2)


def _fair_outcome() -> int:
    """Which choice of "08-fair" the notebook's sweep supports (1: within 5 points of each other, on average
    over its five seeds, each optimizer at its own α)."""
    X, Y = two_moons(m=300, noise=0.2, seed=0)
    sweep = seed_sweep(X, Y, [2, 5, 2, 1], ["GD", "Momentum", "Adam"], MOONS_GRID, seeds=range(5), epochs=1500,
                     evaluate_every=1500)
    best = {name: np.mean([h.train_accuracy[-1] for h in sweep.at(name, sweep.best_lr(name))])
            for name in sweep.histories}
    if max(best.values()) - min(best.values()) <= 0.05:
        return 1
    return 0 if best["Adam"] == max(best.values()) else 2


QUESTIONS = (
    Question(
        id="08-uncorrected-first-step",
        prompt="Suppose Adam skipped the bias correction. With β₁ = 0.9, β₂ = 0.999 and v = s = 0 before the "
               "first step, its first step would be how many times α (for any gradient much larger than ε)?",
        answer=3.162,
        tolerance=0.02,
        explanation="v₁ = 0.1 dW and s₁ = 0.001 dW², so the step is α · 0.1 |dW| / (√0.001 |dW|) = α · 0.1 / 0.0316 "
                    "≈ 3.16 α. With the correction, v̂₁ = dW and ŝ₁ = dW²: exactly α.",
        verify=lambda: abs(adam_steps([1.0], lr=1.0, bias_correction=False)[0]),
        slips=(
            Slip(abs(adam_steps([1.0], lr=1.0, beta1=0.0, bias_correction=False)[0]), 0.02,
                 "That takes v₁ as dW, RMSprop's numerator: without the correction v₁ = (1 − β₁) dW is too small as "
                 "well, and the step divides one too-small average by the root of the other."),
            Slip(abs(adam_steps([1.0], lr=1.0, beta1=0.1, bias_correction=False)[0]), 0.02,
                 "That takes v₁ = β₁ dW: after one step from v = 0 the new gradient has the weight 1 − β₁."),
            Slip((1 - 0.9) / (1 - 0.999), 0.02, "That divides by s₁ itself: the step divides by its square root, √s₁."),
            Slip(abs(adam_steps([1.0], lr=1.0)[0]), 0.02, "That is the first step with the correction, exactly α: the "
                                                          "question asks what it would be without."),
            Slip(1 - 0.9, 0.02, "That is v₁'s factor 1 − β₁ alone (or divided by √β₂ instead of √(1 − β₂)): the step "
                                "also divides by √s₁, and s₁ = (1 − β₂) dW² is too small as well."),
        ),
    ),
    Question(
        id="08-fair",
        prompt="At α = 0.0007, gradient descent and momentum end near 77 % on average over five seeds, Adam near "
               "96 %. Now each optimizer gets its own α from the grid (the one of lowest cost averaged over the seeds), "
               "for the same 1,500 epochs. What do you expect?",
        choices=(
            Choice("Adam still leads by more than ten points.",
                   "A lead measured at one α says how well that α suits each optimizer. Gradient descent's step is "
                   "α · dW, and this network's gradients are small: what does a larger α do for it?"),
            Choice("All three end within a few points of each other.",
                   "Tuned, gradient descent and momentum reach 96.5 % and 97.7 % on average, Adam 98.2 %. The "
                   "classic comparison gave all three the α that suits Adam."),
            Choice("Gradient descent and momentum stay below 80 % whatever α they get.",
                   "Below 80 % at every α would mean that they cannot fit the moons at all. At α = 0.0007 they have "
                   "barely moved: their step is α · dW, and dW is small here. The grid goes up to α = 7."),
        ),
        answer=1,
        explanation="Gradient descent's step is α · dW, and this network's gradients are small (about 0.02), so at "
                    "α = 0.0007 it barely moves; Adam's step is about α whatever the gradient. Give each its own α and "
                    "the gap closes.",
        verify=_fair_outcome,
    ),
)
