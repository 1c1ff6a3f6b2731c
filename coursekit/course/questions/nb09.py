"""Concept questions of notebook 09: basins in two dimensions, minima in many, and momentum on a plateau."""

import math

from coursekit import critical_points, surfaces, trajectories
from coursekit.experiments import basins, plateaus, saddles
from coursekit.course.questions.question import Choice, Question, Slip
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


def _minima_of_the_autoencoder() -> int:
    return sum(point.index == 0 for point in saddles.critical_points(saddles.pooled_digits(4), p=2))


def _momentum_against_gd_on_the_plateau() -> int:
    """1 if, at the same α = 0.3, momentum leaves the plateau within 20% of GD's number of steps."""
    surface = plateaus.long_plateau(length=10.0, slope=0.02)
    gd = plateaus.steps_to_leave(trajectory(surface, GD(0.3), steps=1500).losses)
    momentum = plateaus.steps_to_leave(trajectory(surface, Momentum(0.3, beta=0.9), steps=1500).losses)
    return 1 if 0.8 < momentum / gd < 1.2 else (0 if momentum < gd else 2)


QUESTIONS = (
    Question(
        id="09-basins",
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
        id="09-goe",
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
        id="09-autoencoder-minima",
        prompt="The linear autoencoder with 16 inputs and 2 hidden units has 120 families of critical points of full "
               "rank, one for each pair of eigenvectors of the data's covariance (a family, because any invertible "
               "change of the code, undone by the decoder, leaves the cost as it is). How many of the families are "
               "minima?",
        answer=1,
        explanation="Only one: keeping the two largest eigenvalues. At every other family some eigenvector with a "
                    "larger eigenvalue is left out, and swapping it in lowers the cost: a direction of negative "
                    "curvature, so a saddle. The minimum's Hessian has 4 zero eigenvalues, along its family, so the "
                    "second-derivative test alone calls it degenerate.",
        verify=_minima_of_the_autoencoder,
        slips=(
            Slip(math.comb(16, 2), 0, "That makes every family a minimum. At a family that leaves out an eigenvector "
                                      "with a larger eigenvalue than one it keeps, swapping the two lowers the cost."),
            Slip(0, 0, "The cost is at least 0 and the families are all its critical points of full rank: the lowest "
                       "of them cannot be lowered by any small change."),
            Slip(2, 0, "That counts the eigenvectors a minimum keeps, one per hidden unit: a family is a pair of "
                       "them. Which pairs cannot be improved by swapping in an eigenvector left out?"),
        ),
    ),
    Question(
        id="09-momentum-plateau",
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
