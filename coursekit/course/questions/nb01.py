"""Concept questions of notebook 01: counting mini-batches, and why the mini-batch cost is noisy."""

from coursekit.course.questions.question import Choice, Question, Slip
from coursekit.data import load_digits
from coursekit.minibatch import num_mini_batches, random_mini_batches

__all__ = ["M", "QUESTIONS"]


#: The size of the digits' training set, as the prompts give it (``_m`` reads it from the data).
M = 1438


def _m() -> int:
    return load_digits().X_train.shape[1]


QUESTIONS = (
    Question(
        id="01-steps-per-epoch",
        prompt="The digits' training set has m = 1,438 examples. With mini-batches of 64, how many steps does "
               "one epoch take?",
        answer=23,
        explanation="⌈1438 / 64⌉ = ⌈22.47⌉ = 23: 22 full mini-batches and one smaller one.",
        verify=lambda: num_mini_batches(_m(), 64),
        slips=(
            Slip(M // 64, 0, "That counts the full mini-batches of 64 only. What happens to the examples left over?"),
            Slip(M / 64, 0.005, "That is m / 64, a fraction of a step: an epoch takes a whole number of steps, one "
                                "per mini-batch, and the leftover examples make a mini-batch too."),
        ),
    ),
    Question(
        id="01-last-batch",
        prompt="And how many examples does the last of those mini-batches hold?",
        answer=30,
        explanation="1438 − 22 · 64 = 30 = 1438 mod 64. Keep that block: dropping it would throw 30 examples "
                    "away every epoch.",
        verify=lambda: random_mini_batches(*load_digits()[:2], mini_batch_size=64, seed=0)[-1][0].shape[1],
        slips=(
            Slip(64, 0, "A full mini-batch: the last one is full only when m is a multiple of 64, and 1,438 is not."),
            Slip(64 - M % 64, 0, "That is how many examples the last mini-batch lacks to be full: the question asks "
                                 "how many it holds."),
            Slip(M / 64 - M // 64, 0.02, "That is the leftover as a fraction of a mini-batch: the question asks for a "
                                         "number of examples."),
            Slip(M // 64, 0, "That is the number of full mini-batches: the question asks how many examples the last "
                             "one holds."),
            Slip(num_mini_batches(M, 64), 0, "That is the number of mini-batches, steps per epoch: the question asks "
                                             "how many examples the last one holds."),
        ),
    ),
    Question(
        id="01-noisy-cost",
        prompt="Batch gradient descent's cost goes down at every step; the mini-batch cost J{t} jumps up and "
               "down. Why?",
        choices=(
            Choice("The learning rate is too large for mini-batches.",
                   "If α were too large for these steps, the cost of the whole training set would rise and fall "
                   "too; measured once per epoch, it falls smoothly (you will see it below)."),
            Choice("Each step's cost is measured on a different mini-batch, and some mini-batches are harder "
                   "than others.",
                   "J{t} is the cost of mini-batch t only. The whole set's cost (the dots, once per epoch) "
                   "falls smoothly."),
            Choice("The network forgets what it learned on the previous mini-batch.",
                   "If it forgot, the cost of the whole training set would climb back from epoch to epoch; it falls "
                   "at every epoch instead, so each step keeps what the steps before it learned."),
        ),
        answer=1,
        explanation="J{t} averages the loss over one mini-batch, a different sample of the data at each step; "
                    "its noise is sampling noise, while its trend follows the whole set's cost.",
    ),
)
