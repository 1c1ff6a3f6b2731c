"""Concept questions of notebook 00: what the learning rate does on a bowl of curvatures 1 and 10."""

import numpy as np

from coursekit.course.questions.question import Choice, Question, Slip
from coursekit.optim import GD
from coursekit.surfaces import elongated_quadratic
from coursekit.trajectories import trajectory

__all__ = ["QUESTIONS"]


def _steep_factor() -> float:
    """|1 − α λ_max| for α = 0.19 on the bowl with κ = 10: the steep direction's error factor per step."""
    curvatures = np.linalg.eigvalsh(elongated_quadratic(10.0).hessian([0.0, 0.0]))
    return abs(1 - 0.19 * curvatures.max())


def _what_alpha_025_does() -> int:
    run = trajectory(elongated_quadratic(10.0), GD(lr=0.25), steps=30)
    return 1 if run.diverged or run.losses[-1] > run.losses[0] else 0


QUESTIONS = (
    Question(
        id="00-learning-rate",
        prompt="On the bowl of this notebook (curvatures 1 and κ = 10), what does gradient descent do with "
               "α = 0.25, a little more than the 0.19 you saw?",
        choices=(
            Choice("It gets to the minimum a little faster than with α = 0.19.",
                   "A larger step does help along the flat direction, where the error shrinks by 1 − 0.25 · 1 = 0.75 "
                   "per step. But 'faster' assumes that every direction still shrinks: work out 1 − αλ along the "
                   "steep one, of curvature 10."),
            Choice("It zig-zags ever wider across the valley and diverges.",
                   "Along the steep direction (curvature 10) each step multiplies the error by 1 − 0.25 · 10 = −1.5: "
                   "past α = 2/10 the bounces grow. Try it with the slider below."),
            Choice("It stops moving: the step is too large to be taken.",
                   "Nothing stops gradient descent: whatever α, it moves by α · dW at every step. What matters is "
                   "what that step does to the error along each direction, the factor 1 − αλ."),
        ),
        answer=1,
        explanation="On a quadratic, each step multiplies the error along a direction of curvature λ by 1 − αλ. "
                    "Gradient descent is stable only while every |1 − αλ| < 1, that is α < 2/λ_max = 0.2 here.",
        verify=_what_alpha_025_does,
    ),
    Question(
        id="00-same-cost",
        prompt="α = 0.1 and α = 0.19 end at almost the same cost after 30 steps. With α = 0.19, by what factor "
               "(in absolute value) does one step shrink the error along the steep direction, of curvature 10?",
        answer=0.9,
        tolerance=0.01,
        explanation="|1 − 0.19 · 10| = 0.9. With α = 0.1 the steep direction is solved in one step (1 − 0.1 · 10 = 0), "
                    "but the flat direction shrinks by 1 − 0.1 · 1 = 0.9. Either way the slowest direction shrinks by "
                    "0.9 per step, so both runs end at nearly the same cost.",
        verify=_steep_factor,
        slips=(
            Slip(1 - 0.19 * 10, 0.01, "That is the signed factor 1 − αλ: its sign says that the error changes side "
                                      "at every step, a zig-zag. The question asks for its size."),
            Slip(0.19 * 10, 0.01, "That is αλ alone: the step multiplies the error by 1 − αλ."),
            Slip(1 - 0.19 * 1, 0.01, "That is the factor along the flat direction, of curvature 1: the question asks "
                                     "about the steep one, of curvature 10."),
            Slip(1 - 0.1 * 10, 0.01, "That is the steep direction's factor with α = 0.1, solved in one step: the "
                                     "question asks about α = 0.19."),
            Slip(1 - abs(1 - 0.19 * 10), 0.01, "That is the share of the error that one step removes: the factor is "
                                               "what the error is multiplied by, the share that remains."),
        ),
    ),
)
