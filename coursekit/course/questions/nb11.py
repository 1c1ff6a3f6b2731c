"""Concept questions of notebook 11: which of Adam's hyperparameters to tune first, and how good the paper's α is.

Both are asked before the notebook's last sweep (the network of notebook 01 on the digits, 10 epochs, mini-batches
of 64) and verified on it.
"""

import functools

from coursekit.course.questions.question import Choice, Question
from coursekit.data import load_digits
from coursekit.optim import Adam
from coursekit.train import train

__all__ = ["QUESTIONS"]


@functools.lru_cache(maxsize=None)
def _final_cost(lr: float, beta1: float = 0.9, beta2: float = 0.999) -> float:
    """The cost after the notebook's 10 epochs of Adam on the digits (64 → 32 → 10, mini-batches of 64)."""
    X, Y, _, _ = load_digits()
    return float(train(X, Y, [64, 32, 10], Adam(lr, beta1=beta1, beta2=beta2), epochs=10,
                       mini_batch_size=64).epoch_costs[-1])


def _alpha_matters_most() -> int:
    """0 if the final cost varies more over the notebook's αs (at the βs 0.9, 0.999) than over its βs (at α = 0.03)."""
    over_alpha = [_final_cost(lr) for lr in (0.001, 0.01, 0.03, 0.1)]
    over_betas = [_final_cost(0.03, beta1, beta2) for beta1, beta2 in ((0.5, 0.999), (0.99, 0.999), (0.9, 0.9),
                                                                       (0.9, 0.99), (0.9, 0.999))]
    return 0 if max(over_alpha) / min(over_alpha) > 3 * max(over_betas) / min(over_betas) else 1


def _papers_alpha_is_slow() -> int:
    """1 if the paper's α = 0.001 ends more than 5 times above the best α of the sweep; 0 if within 1.5 times; else 2."""
    best = min(_final_cost(lr) for lr in (0.001, 0.01, 0.03, 0.1))
    ratio = _final_cost(0.001) / best
    return 1 if ratio > 5 else (0 if ratio < 1.5 else 2)


QUESTIONS = (
    Question(
        id="11-tune-first",
        prompt="A new network, Adam, and time to tune one of its hyperparameters before anything else. Which one "
               "changes the cost after a short training the most?",
        choices=(
            Choice("The learning rate α.",
                   "α scales every step directly: a few times too small and training crawls, a few times too large "
                   "and it fails."),
            Choice("β₁, the memory of the average of the gradients.",
                   "β₁ decides how many past gradients the step averages, but the bias correction keeps the step "
                   "about the same size whatever β₁ is: it reshapes the path more than its length."),
            Choice("β₂, the memory of the average of the squared gradients.",
                   "β₂ sets how long the scale of each coordinate is remembered; the step is divided by that scale, "
                   "so its size stays about the same for any β₂ in the usual range."),
            Choice("ε, the constant added to the square root.",
                   "ε only matters where the squared gradients are tiny, far below the scale of this network's "
                   "gradients: it guards against division by zero."),
        ),
        answer=0,
        explanation="The sweep below varies each: over four αs the final cost changes by a factor of about 25, over "
                    "the βs from 0.5 to 0.99 by less than a third. Tune α first, and leave the βs at their defaults.",
        verify=_alpha_matters_most,
    ),
    Question(
        id="11-paper-alpha",
        prompt="Adam's paper suggests α = 0.001. On the digits, for the same 10 epochs, how does it do against the "
               "best α of a sweep?",
        choices=(
            Choice("About as well: the paper's default is a good α for most problems.",
                   "A default is a safe start, not a tuned value: its steps of about α each may be far shorter "
                   "than this problem allows in a short budget."),
            Choice("Much worse: its cost ends many times higher, because its steps are too short for 10 epochs.",
                   "Adam's step is about α whatever the gradient, so a small α moves the weights little in a short "
                   "training."),
            Choice("It diverges: 0.001 is too large for a network this size.",
                   "Adam's first steps are about α whatever the gradient: a step of 0.001 per weight is small, not "
                   "one that overshoots."),
        ),
        answer=1,
        explanation="α = 0.001 ends at a cost about 25 times that of the sweep's best α after 10 epochs: Adam's "
                    "steps are about α long, and the default is a safe start, not a tuned value.",
        verify=_papers_alpha_is_slow,
    ),
)
