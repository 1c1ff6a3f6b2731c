"""Concept questions of notebook 09: how fast inverse-time decay falls, and what decay does (and does not) change."""

from coursekit import schedules
from coursekit.course.questions.question import Choice, Question, Slip
from coursekit.data import two_moons
from coursekit.experiments.least_squares import least_squares, mean_distance, minibatch_path
from coursekit.optim import GD
from coursekit.train import train

__all__ = ["QUESTIONS"]


def _epoch_of_a_tenth() -> int:
    """The first epoch at which α₀ / (1 + epoch) is at most α₀ / 10."""
    schedule = schedules.inverse_time_decay(1.0, decay_rate=1.0)
    return next(epoch for epoch in range(1, 100) if schedule(epoch) <= 0.1 + 1e-12)


def _does_a_fixed_rate_keep_wandering() -> int:
    """1 if, at a fixed α = 0.2, the mean distance to w* stays about the same between steps 200-400 and 400-600."""
    problem = least_squares()
    run = minibatch_path(problem, GD(lr=0.2), epochs=30, mini_batch_size=10)
    early = mean_distance(run.points[200:401], problem.w_star, last=200)
    late = mean_distance(run.points, problem.w_star, last=200)
    return 1 if 0.5 < late / early < 2 and late > 0.02 else 0


def _test_accuracy_with_decay() -> int:
    """1 if the best decayed run of the notebook and the best fixed one are within 1 point of test accuracy."""
    X, Y = two_moons(m=300, noise=0.25, seed=0)
    X_test, Y_test = two_moons(m=1000, noise=0.25, seed=1)

    def accuracy(lr, schedule=None):
        h = train(X, Y, [2, 16, 16, 1], GD(lr), epochs=100, mini_batch_size=16, schedule=schedule,
                  X_test=X_test, Y_test=Y_test)
        return h.test_accuracy[-1]

    fixed, decayed = accuracy(0.3), accuracy(1.0, schedules.inverse_time_decay(1.0, decay_rate=0.03))
    return 1 if abs(decayed - fixed) < 0.01 else (0 if decayed > fixed else 2)


QUESTIONS = (
    Question(
        id="09-tenth",
        prompt="With inverse-time decay and decay_rate = 1, at which epoch has α fallen to a tenth of α₀ "
               "(α₀ / (1 + decay_rate · epoch_num) ≤ α₀ / 10)?",
        answer=9,
        explanation="1 + 1 · epoch_num ≥ 10 first holds at epoch 9. The lecture's schedule halves α after one epoch "
                    "and divides it by ten after nine: fast. A smaller decay_rate stretches the same curve: with 0.1, "
                    "α reaches a tenth of α₀ at epoch 90.",
        verify=_epoch_of_a_tenth,
        slips=(
            Slip(10, 0, "At epoch 10, α = α₀ / 11 is already below a tenth: look for an earlier epoch. Does your count "
                        "keep the 1 + in the denominator, and does ≤ include equality?"),
        ),
    ),
    Question(
        id="09-wander",
        prompt="Gradient descent with a fixed α = 0.2 on mini-batches of 10 examples has reached the region around "
               "the minimum w*. What do its iterates do over the next few hundred steps?",
        choices=(
            Choice("They settle on w*: once there, the gradient is zero.",
                   "The gradient of the whole cost is zero at w*, but no step uses the whole cost: each step follows "
                   "the gradient of 10 examples, and that is not zero at w*."),
            Choice("They keep wandering around w*, at about the same distance on average.",
                   "Each mini-batch pulls towards its own best w, and a fixed α turns each pull into a step of the "
                   "same size: the iterates stay in a cloud whose size does not shrink."),
            Choice("They drift farther and farther away from w*.",
                   "The whole cost still pulls the iterates back: the larger the distance, the stronger the pull, "
                   "while a mini-batch's kick away does not grow with the distance."),
        ),
        answer=1,
        explanation="Near w* the mini-batch gradients point in different directions; with a fixed α the iterates "
                    "wander in a ball whose size is set by α and the noise. Decaying α shrinks the ball.",
        verify=_does_a_fixed_rate_keep_wandering,
    ),
    Question(
        id="09-test-accuracy",
        prompt="Below, gradient descent trains this network with and without decay. Suppose the best run with decay "
               "ends with a lower, steadier training cost than the best run with a fixed α, as the noise ball "
               "suggests. What does decay do to the test accuracy, measured on 1,000 new points?",
        choices=(
            Choice("It raises it by a few points.",
                   "A lower training cost says that the training points are fitted a little more tightly; the test "
                   "accuracy counts new points on the right side of the boundary. Does settling the weights at the "
                   "end move that boundary by a few points' worth?"),
            Choice("It leaves it about where it was (within one point).",
                   "Both runs classify about 93% of the new points right. Decay settles the weights, but the "
                   "boundary between the moons was already found."),
            Choice("It lowers it: a lower training cost means overfitting.",
                   "Overfitting shows as a test accuracy that falls while the training cost falls. A lower cost alone "
                   "does not make the boundary worse for new points; it says only that the training points are "
                   "fitted a little more tightly."),
        ),
        answer=1,
        explanation="Decay makes the end of training steadier and the training cost lower; the test accuracy is set "
                    "by the boundary the network found, which both runs share to within a point.",
        verify=_test_accuracy_with_decay,
    ),
)
