"""Concept questions of notebook 02: how the best α moves with the size, and what size 1 achieves per second."""

import functools

from coursekit.experiments.batch_size import sweep_sizes
from coursekit.course.questions.question import Choice, Question
from coursekit.data import load_digits

__all__ = ["EPOCHS", "LAYERS", "LRS", "M", "QUESTIONS"]

#: The notebook's settings: the digits network, each size's learning rates and budget of epochs.
LAYERS = [64, 32, 10]
M = 1438
LRS = {1: (0.03, 0.1, 0.3), 8: (0.1, 0.3, 1.0), 64: (0.3, 1.0, 3.0), 256: (0.3, 1.0, 3.0), M: (0.3, 1.0, 3.0)}
EPOCHS = {1: 1, 8: 6, 64: 30, 256: 50, M: 100}


@functools.lru_cache(maxsize=1)
def _sweep():
    split = load_digits()
    return sweep_sizes(split.X_train, split.Y_train, LAYERS, LRS, EPOCHS)


def _largest_alpha_for_largest_sizes() -> int:
    best = [_sweep().best_lr(size) for size in _sweep().sizes]
    return 1 if best == sorted(best) and best[0] < best[-1] else 0


def _size_one_ends_highest() -> int:
    finals = {size: _sweep().best(size).epoch_costs[-1] for size in _sweep().sizes}
    return 1 if max(finals, key=finals.get) == 1 else 0


QUESTIONS = (
    Question(
        id="02-best-lr",
        prompt="Each mini-batch size gets a few learning rates to try. Which sizes do you expect to take the "
               "largest α?",
        choices=(
            Choice("The smallest sizes: their steps are about one example, so each must count more.",
                   "A large α on a gradient from one example throws the weights wherever that one example points, "
                   "and the next example points elsewhere: a long step in a noisy direction is mostly noise."),
            Choice("The largest sizes: their gradient is less noisy, so a long step still goes downhill.",
                   "An average over many examples points reliably downhill, so the step can be long; until α "
                   "meets the limit set by the cost's curvature (notebook 00), where every size diverges."),
            Choice("All sizes the same: α depends on the network, not on the mini-batch.",
                   "The limit set by the cost's curvature (notebook 00) is indeed the same for every size. But a "
                   "mini-batch's gradient is only an estimate of the whole set's, and how far a step can trust it "
                   "depends on how many examples it averages."),
        ),
        answer=1,
        explanation="The best α grows with the size (0.1 for size 1, 0.3 for 8, 1.0 from 64 up): comparing "
                    "sizes at one α favours whichever size that α suits.",
        verify=_largest_alpha_for_largest_sizes,
    ),
    Question(
        id="02-per-second",
        prompt="Per epoch, size 1 reached the lowest cost in notebook 01. If every size gets about the same "
               "time instead, where do you expect size 1 to end?",
        choices=(
            Choice("Still the lowest: it makes the most progress per example.",
                   "Per example, yes; but the race is now per second. Each step pays a fixed cost (Python, numpy "
                   "calls) however few examples it holds, so one example per step buys few examples per second."),
            Choice("The highest: in the time of its one epoch, the others run many epochs.",
                   "One epoch of 1,438 single-example steps takes about as long as the whole budget of each "
                   "other size, in which size 64 runs 30 epochs."),
            Choice("In the middle: it is noisy, but it takes the most steps.",
                   "The most steps per epoch are not the most steps per second: one step of size 1 costs nearly as "
                   "much time as one of size 64, for one example instead of 64."),
        ),
        answer=1,
        explanation="Size 1 ends highest: its one epoch (cost 0.157) takes about as long as any other size's "
                    "whole budget, in which size 64 reaches 0.011.",
        verify=_size_one_ends_highest,
    ),
)
