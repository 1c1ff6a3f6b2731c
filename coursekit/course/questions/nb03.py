"""Concept questions of notebook 03: how the spread of a mini-batch gradient scales with the size, and how far a
noisy descent wanders."""

from coursekit.course.questions.nb02 import LAYERS
from coursekit.course.questions.question import Choice, Question, Slip
from coursekit.data import load_digits
from coursekit.experiments.gradient_noise import noisy_descent_data, spread_by_size
from coursekit.nn import init_params
from coursekit.surfaces import elongated_quadratic

__all__ = ["QUESTIONS"]


def _four_times_the_size_halves_the_wandering() -> int:
    wander = noisy_descent_data(elongated_quadratic(5.0), sizes=(1, 4, 16, 64, 256), lr=0.15, steps=60,
                                noise=3.0).wander
    ratio = wander[4] / wander[16]
    return 1 if 1.8 < ratio < 2.2 else 0 if ratio > 3 else 2


def _spread_at_256() -> float:
    split = load_digits()
    return float(spread_by_size(split.X_train, split.Y_train, init_params(LAYERS), [256], count=32)[0])


QUESTIONS = (
    Question(
        id="03-noise-ratio",
        prompt="At the start of training, gradients of mini-batches of 16 digits scatter about 0.99 around the "
               "full gradient (their spread). About what spread do you expect for mini-batches of 256?",
        answer=0.25,
        tolerance=0.12,
        explanation="16 times more examples divide the variance by 16, so the spread by √16 = 4: about 0.99 / 4 "
                    "≈ 0.25 (measured: 0.23, a little less because 256 of 1,438 examples overlap the whole set "
                    "noticeably).",
        verify=_spread_at_256,
        slips=(
            Slip(0.99 / 16, 0.1, "That divides the spread by 16, the factor by which the variance shrinks (or by "
                                 "√256, as if it started from one example): the spread is the square root of the "
                                 "variance, and it starts from 16 examples."),
            Slip(0.99 / 256, 0.1, "That divides by 256 itself: what matters is how many times more examples the "
                                  "mini-batch averages, and the spread is a square root of the variance."),
            Slip(0.99, 0.05, "The spread does not stay the same: an average over more examples scatters less."),
            Slip(0.99 * 4, 0.05, "An average over more examples scatters less, not more: the factor divides."),
            Slip(0.99 * 16, 0.05, "An average over more examples scatters less, not more: the factor divides (and "
                                  "the spread is the square root of the variance)."),
        ),
    ),
    Question(
        id="03-wander",
        prompt="On the bowl below, every step's gradient gets the noise of a mini-batch, and with mini-batches of 4 "
               "the path wanders around the minimum instead of settling. With mini-batches 4 times larger, how far "
               "from the minimum do you expect it to stay?",
        choices=(
            Choice("About a quarter as far: 4 times the examples, 4 times less noise.",
                   "Four times the examples divide the variance of the gradient by 4, not its spread: the spread, a "
                   "square root of the variance, falls by the square root of 4, and the wandering with it."),
            Choice("About half as far: the noise falls like 1/√size.",
                   "The spread of the gradient falls like 1/√size, so 4 times the size halves it, and with a "
                   "constant α the wandering follows the noise."),
            Choice("About as far: α is the same, and α sets how far a step goes.",
                   "α sets the length of a step per unit of gradient, but what makes the path wander is the noise "
                   "in that gradient, and an average over more examples carries less of it."),
        ),
        answer=1,
        explanation="Each 4 times larger size halves the wandering (0.498 at size 4, 0.250 at 16): the noise, and "
                    "with it the wandering, falls like 1/√size.",
        verify=_four_times_the_size_halves_the_wandering,
    ),
)
