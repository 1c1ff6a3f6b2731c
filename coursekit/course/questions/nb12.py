"""Concept questions of notebook 12: how hard L2 inside Adam decays a weight with small gradients; the decay race;
the size of Adam's first step, which warmup keeps small; what a schedule changes."""

import numpy as np

from coursekit.course.questions.question import Choice, Question, Slip
from coursekit.data import two_moons
from coursekit.experiments import schedule_race
from coursekit.experiments.over_seeds import SeedSweep, train_over_seeds
from coursekit.experiments.weight_decay import decay_inside_adam, decay_race, decayed, race_grid, small_digits
from coursekit.optim import Adam

__all__ = ["DECAYS", "LRS", "QUESTIONS"]

#: The race's grid, shared by both ways of decaying: α and λ about half a decade apart (λ over four decades, so
#: that each way's own best lies inside: L2's near 0.01, AdamW's, a few hundred times weaker per unit, near 0.3).
LRS = (0.003, 0.01, 0.03, 0.1)
DECAYS = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)


def _race_outcome() -> int:
    """Which choice of "12-decay-race" the notebook's race supports (1: the three means of test accuracy, each
    method at its own best (α, λ) over seeds 0-2, lie within 5 points of each other)."""
    split = small_digits(100, 400)
    optimizers = [decayed(*run) for run in race_grid(LRS, DECAYS)]
    runs = train_over_seeds(split.X, split.Y, [64, 16, 10], optimizers, range(3), 100, 100, evaluate_every=100)
    race = decay_race(split, LRS, DECAYS, range(3), runs)
    means = {method: race.at_best(method).mean() for method in ("Adam", "Adam + L2", "AdamW")}
    if max(means.values()) - min(means.values()) <= 0.05:
        return 1
    return 0 if means["AdamW"] == max(means.values()) else 2


def _share(root_s_hat: float) -> float:
    """The share of a weight that L2 inside Adam takes per step at α = 0.01, λ = 0.1, for a given √ŝ."""
    return float(decay_inside_adam(np.array([root_s_hat**2]), t=1, lr=0.01, weight_decay=0.1, beta2=0.0)[0])


def _first_step() -> float:
    """How far Adam (α = 0.3, bias-corrected) moves a weight whose first gradient is 0.02."""
    params = {"w": np.zeros(1)}
    Adam(lr=0.3).step(params, {"w": np.array([0.02])})
    return float(-params["w"][0])


def _what_the_race_shows() -> int:
    """The notebook's race: 1 if warmup + cosine ends lowest in training cost, at least 5 % below the constant α,
    and every schedule's mean test accuracy is within one point of the others'; 0 if warmup + cosine's is two
    points above the others'; 2 otherwise."""
    X, Y = two_moons(m=300, noise=0.25, seed=0)
    X_test, Y_test = two_moons(m=1000, noise=0.25, seed=1)
    race = schedule_race.contenders(schedule_race.RACE, (0.01, 0.03, 0.1, 0.3), epochs=40, warmup=4)
    trained = train_over_seeds(X, Y, [2, 16, 16, 1], race.optimizers, range(5), 40, mini_batch_size=16,
                               schedules=race.schedules, X_test=X_test, Y_test=Y_test)
    sweep = SeedSweep(race.lrs, tuple(range(5)), race.split(trained))
    cost = {name: sweep.mean_costs(name).min() for name in race.names}
    best = {name: list(race.lrs).index(sweep.best_lr(name)) for name in race.names}
    accuracy = {name: sweep.finals(name, "test_accuracy")[best[name]].mean() for name in race.names}
    lowest = min(cost, key=cost.get) == "warmup + cosine" and cost["warmup + cosine"] < 0.95 * cost["constant"]
    if lowest and max(accuracy.values()) - min(accuracy.values()) < 0.01:
        return 1
    others = max(value for name, value in accuracy.items() if name != "warmup + cosine")
    return 0 if accuracy["warmup + cosine"] - others >= 0.02 else 2


QUESTIONS = (
    Question(
        id="12-small-gradient-decay",
        prompt="L2 inside Adam, with α = 0.01 and λ = 0.1. A weight whose gradients are tiny has √ŝ = 0.01 (ε "
               "negligible). Which share of that weight does the λW term take away in one step?",
        answer=0.1,
        tolerance=0.02,
        explanation="The term λW goes through Adam's division like the gradient: α λ W / √ŝ = 0.01 · 0.1 / 0.01 = "
                    "0.1 of W per step, a tenth. AdamW takes α λ = 0.001 of every weight, whatever its √ŝ; a weight "
                    "with √ŝ = 1 loses that same 0.001 under L2 too.",
        verify=lambda: _share(0.01),
        slips=(
            Slip(0.01 * 0.1, 0.02, "That is α λ, AdamW's decay, the same for every weight: here the λW term is "
                                   "fed to Adam, and Adam divides what it is fed by √ŝ."),
            Slip(_share(0.01) * 0.01**2, 0.02, "That multiplies by √ŝ: Adam divides the step by √ŝ + ε, so "
                                               "a small √ŝ makes the decay larger, not smaller."),
            Slip(0.1 / 0.01, 0.02, "That is λ / √ŝ without α: every part of Adam's step is multiplied by α."),
            Slip(_share(0.1), 0.02, "That divides by √ŝ twice over, or takes √ŝ for ŝ: ŝ = 0.0001 here, and the "
                                    "step divides by its root, 0.01."),
        ),
    ),
    Question(
        id="12-decay-race",
        prompt="Adam, L2 inside Adam and AdamW train on 100 digits, each at its own best (α, λ) from one grid, "
               "picked on a validation set, for the same 100 epochs, from three seeds. Loshchilov & Hutter found "
               "AdamW clearly ahead on image networks. What do you expect for the test accuracy here?",
        choices=(
            Choice("AdamW leads the other two by more than five points.",
                   "That is the paper's result on large image networks trained for long. Here the network is small "
                   "and the budget short: how much can a decay of α λ per step change in 100 steps?"),
            Choice("The three end within a few points of each other.",
                   "The three means lie within a few points, and the seeds' ranges overlap: at this scale the "
                   "choice between the two decays matters little. The table below gives each seed."),
            Choice("Plain Adam is best: with so few examples any decay only hurts.",
                   "With few examples a network fits them all, and that is where a pull towards small weights can "
                   "help: the pick on the validation set chooses λ = 0 only if no decay helps."),
        ),
        answer=1,
        explanation="Each at its own best (α, λ), the three end within a few points of test accuracy, their seeds' "
                    "ranges overlapping; L2 inside Adam is ahead on average here. The AdamW paper's gap came from "
                    "long runs of large networks; on 100 examples and 100 epochs the difference is small.",
        verify=_race_outcome,
    ),
    Question(
        id="12-first-step",
        prompt="Adam with bias correction and α = 0.3 takes its first step. How far does it move a weight whose "
               "gradient is 0.02?",
        answer=0.3,
        tolerance=0.02,
        explanation="With bias correction, v̂₁ = dw and ŝ₁ = dw², so the first step is α · dw / (|dw| + ε) ≈ α: "
                    "every weight moves by about α at once, whatever its gradient. At α = 0.3 that is as large "
                    "as the weights of a small network; warmup starts α lower, so that these first steps, taken "
                    "while ŝ rests on few gradients, stay small.",
        verify=_first_step,
        slips=(
            Slip(0.006, 0.02, "That is gradient descent's step, α times the gradient. Adam divides its average of "
                              "the gradients by the square root of its average of their squares: what is left of "
                              "the gradient's size?"),
            Slip(0.9487, 0.02, "That is the step without bias correction (notebook 05): v₁ and s₁ not divided by "
                               "1 − β₁ and 1 − β₂. Correct them first."),
        ),
    ),
    Question(
        id="12-schedule-race",
        prompt="Below, Adam trains the same network on the moons for the same 40 epochs with a constant α, step "
               "decay, cosine decay and warmup + cosine, each at its own best peak α of one grid, from five seeds. "
               "What do you expect at the end?",
        choices=(
            Choice("Warmup + cosine ends lower in training cost and several points higher in test accuracy.",
                   "The test accuracy counts new points on the right side of the boundary. As in notebook 09, a "
                   "schedule mostly settles the weights at the end of training: does that move the boundary by "
                   "several points' worth?"),
            Choice("The training costs differ a little from schedule to schedule; the test accuracies hardly "
                   "differ at all.",
                   "A schedule that ends at a small α lets the weights settle lower (notebook 09's noise ball), "
                   "and warmup lets a larger peak α start safely; the boundary, found early, is the same."),
            Choice("Once each has its own best α, all four end at the same training cost: the schedule no longer "
                   "matters.",
                   "Tuning a constant α does not make it small at the end of the run: the mini-batch noise still "
                   "keeps the weights in a ball around the minimum, which a decaying α shrinks (notebook 09)."),
        ),
        answer=1,
        explanation="Each at its best α, both cosine schedules finish lower than the constant α, warmup + cosine "
                    "lowest of all on every seed, while step decay does no better than the constant α here; the "
                    "test accuracies stay within a point of one another.",
        verify=_what_the_race_shows,
    ),
)
