"""Concept questions of notebook 10: basins in two dimensions, minima in many, the degenerate minimum, and momentum on
a plateau."""

import numpy as np

from coursekit import critical_points, surfaces, trajectories
from coursekit.experiments import basins, plateaus, saddles
from coursekit.course.questions.question import Choice, Question
from coursekit.optim import GD, Momentum
from coursekit.trajectories import trajectory

__all__ = ["QUESTIONS"]


def _share_in_the_deepest_minimum() -> int:
    """0, 1 or 2 for about a sixth, about half or nearly all of the 400 GD runs ending in the deepest minimum."""
    bowl = surfaces.several_minima()
    starts = basins.start_grid(bowl, per_side=20)
    share = (basins.nearest_minimum(bowl, trajectories.from_starts(bowl, GD(lr=0.3), starts, steps=300)[-1]) == 0).mean()
    return 0 if share < 0.3 else (1 if share < 0.7 else 2)


def _goe_against_coin_flips() -> int:
    """2 if a 5 × 5 GOE matrix is positive definite less than a tenth as often as 2^−5 (the notebook's first seed)."""
    hits = critical_points.goe_all_positive(5, count=2_000_000, seed=0)
    fraction = hits[4] / 2_000_000
    return 2 if fraction < 0.1 * 2.0**-5 else (1 if fraction < 2 * 2.0**-5 else 0)


def _why_the_minimum_is_degenerate() -> int:
    """3 if the Hessian at the autoencoder's minimum (p = 2, C = identity) has exactly p² = 4 zero eigenvalues and
    no negative one; else the choice that its eigenvalues would support (1 for a saddle, 0 for a strict minimum)."""
    pixels = saddles.pooled_digits(4)
    vectors = np.linalg.eigh(pixels @ pixels.T / pixels.shape[1])[1][:, ::-1][:, :2]
    values = np.linalg.eigvalsh(saddles.autoencoder_hessian(pixels, vectors.T, vectors))
    zero = 1e-8 * max(1.0, np.abs(values).max())
    if (values < -zero).any():
        return 1
    flat = int(np.sum(np.abs(values) <= zero))
    return 3 if flat == 4 else (2 if flat == 2 else 0)


def _momentum_against_gd_on_the_plateau() -> int:
    """1 if, at the same α = 0.3, momentum leaves the plateau within 20% of GD's number of steps."""
    surface = plateaus.long_plateau(length=10.0, slope=0.02)
    gd = plateaus.steps_to_leave(trajectory(surface, GD(0.3), steps=1500).losses)
    momentum = plateaus.steps_to_leave(trajectory(surface, Momentum(0.3, beta=0.9), steps=1500).losses)
    return 1 if 0.8 < momentum / gd < 1.2 else (0 if momentum < gd else 2)


QUESTIONS = (
    Question(
        id="10-basins",
        prompt="Gradient descent starts from 400 points spread evenly over this bowl with three wells. What share "
               "of the runs ends in the deepest of the three minima?",
        choices=(
            Choice("About a sixth: most runs get stuck in the two shallow wells.",
                   "The deepest well is also the widest here, so its basin is the largest of the three."),
            Choice("About half: the rest end in one of the two other minima.",
                   "Each run rolls into the basin it starts in. The deepest well's basin covers about half the "
                   "picture; the other half belongs to worse minima."),
            Choice("Nearly all: gradient descent finds the lowest point.",
                   "Gradient descent only goes downhill from where it starts: it cannot know that a deeper well "
                   "exists beyond a ridge."),
        ),
        answer=1,
        explanation="A run ends in the minimum whose basin holds its start. In two dimensions, bad local minima "
                    "catch about half of the starts: the picture the lecture warns is misleading in high dimensions.",
        verify=_share_in_the_deepest_minimum,
    ),
    Question(
        id="10-goe",
        prompt="If each of n = 5 directions curved up or down by a coin flip, all five would curve up with "
               "probability 2^−5 ≈ 3%. For a random symmetric 5 × 5 matrix (GOE), how often are all five "
               "eigenvalues positive?",
        choices=(
            Choice("More often than 3%: symmetric matrices tend to be positive.",
                   "A GOE matrix is as likely to be H as −H: no sign is preferred, so 'all positive' cannot be "
                   "more likely than for coin flips."),
            Choice("About 3%, as the coin flips say.",
                   "That would hold if the eigenvalues were independent. They are not: they repel each other and "
                   "spread out on both sides of zero."),
            Choice("Far less often: well under a tenth of 3%.",
                   "The eigenvalues spread around zero and push each other apart; for all of them to be positive the "
                   "whole spread must shift to one side, which gets rarer like exp(−c n²), not 2^−n."),
        ),
        answer=2,
        explanation="Sampling ten million matrices gives about 0.013% for n = 5 (95% interval 0.0126–0.0141%), "
                    "220 to 250 times rarer than 2^−5. The coin-flip argument points the right way but "
                    "underestimates how fast minima become rare.",
        verify=_goe_against_coin_flips,
    ),
    Question(
        id="10-degenerate-minimum",
        prompt="At the autoencoder's global minimum (16 inputs, p = 2 hidden units) the Hessian has 60 positive "
               "eigenvalues and 4 that are zero. Why is this minimum degenerate?",
        choices=(
            Choice("It is a strict minimum: the four zero eigenvalues are only rounding errors of the "
                   "computation.",
                   "Rounding errors come out near 1e-16 times the largest curvature and of either sign; these are zero "
                   "because the cost really does not change along them. Which changes of the weights leave the "
                   "network's output as it is?"),
            Choice("It is a saddle: a zero eigenvalue means that the cost curves down in some direction.",
                   "A saddle needs a direction with a negative eigenvalue, and this Hessian has none. Zero curvature is "
                   "not downward curvature."),
            Choice("Each hidden unit can be rescaled without changing the output: one flat direction per unit.",
                   "Scaling each unit is one way to leave the output unchanged, but that gives only p directions. "
                   "Which changes of the code, undone by the decoder, are there besides scalings?"),
            Choice("For any invertible 2 × 2 matrix A, A W₁ and W₂ A⁻¹ give the same network: flat along A's "
                   "4 entries.",
                   "A W₁ and W₂ A⁻¹ have the same product W₂ W₁: the minimum is not a point but a continuum of "
                   "points, all at the same cost."),
        ),
        answer=3,
        explanation="Replacing W₁ by A W₁ and W₂ by W₂ A⁻¹ changes no output, for any invertible A: the cost is the "
                    "same all along this family, so the Hessian has a zero eigenvalue for each of the p² entries of A. "
                    "The second-derivative test cannot decide; what makes it a minimum is that the cost rises in every "
                    "direction that leaves the family.",
        verify=_why_the_minimum_is_degenerate,
    ),
    Question(
        id="10-momentum-plateau",
        prompt="On the plateau, the gradient is small but points the same way at every step. With the same α = 0.3, "
               "how does the lecture's momentum, v = β v + (1 − β) dW, compare with gradient descent?",
        choices=(
            Choice("About ten times faster: the velocity accumulates the gradients.",
                   "Ten times would hold for the summed velocity, v = β v + dW, which grows to dW / (1 − β). The "
                   "lecture's form has the factor (1 − β) in front of dW: what is an average of equal gradients?"),
            Choice("About as fast: it leaves the plateau in about the same number of steps.",
                   "The average of equal gradients is that gradient, so the steps are the same as gradient "
                   "descent's (after a short warm-up from v = 0). Momentum speeds up only if α grows by 1/(1 − β)."),
            Choice("Much slower: the average lags behind.",
                   "The average does start from zero, but after about 1/(1 − β) = 10 steps it has caught up; the "
                   "delay is a few percent of the crossing."),
        ),
        answer=1,
        explanation="With a constant gradient g, v → g and the step is α g, exactly gradient descent's. The variant "
                    "without (1 − β), or α / (1 − β) in the lecture's form, makes the steps ten times longer.",
        verify=_momentum_against_gd_on_the_plateau,
    ),
)
