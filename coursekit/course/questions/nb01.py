"""Concept questions of notebook 01: counting mini-batches, and why the mini-batch cost is noisy."""

from coursekit.course.questions.question import Choice, Question
from coursekit.data import load_digits
from coursekit.minibatch import num_mini_batches, random_mini_batches

__all__ = ["QUESTIONS"]


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
    ),
    Question(
        id="01-last-batch",
        prompt="And how many examples does the last of those mini-batches hold?",
        answer=30,
        explanation="1438 − 22 · 64 = 30 = 1438 mod 64. Keep that block: dropping it would throw 30 examples "
                    "away every epoch.",
        verify=lambda: random_mini_batches(*load_digits()[:2], mini_batch_size=64, seed=0)[-1][0].shape[1],
    ),
    Question(
        id="01-noisy-cost",
        prompt="Batch gradient descent's cost goes down at every step; the mini-batch cost J{t} jumps up and "
               "down. Why?",
        choices=(
            Choice("The learning rate is too large for mini-batches.",
                   "The same α makes batch gradient descent's cost fall smoothly; the jumps come from what is "
                   "measured, not from the step size."),
            Choice("Each step's cost is measured on a different mini-batch, and some mini-batches are harder "
                   "than others.",
                   "J{t} is the cost of mini-batch t only. The whole set's cost (the dots, once per epoch) "
                   "falls smoothly."),
            Choice("The network forgets what it learned on the previous mini-batch.",
                   "Each step does make progress on the whole set: the per-epoch cost falls. The ups and downs "
                   "are differences between mini-batches."),
        ),
        answer=1,
        explanation="J{t} averages the loss over one mini-batch, a different sample of the data at each step; "
                    "its noise is sampling noise, while its trend follows the whole set's cost.",
    ),
)
