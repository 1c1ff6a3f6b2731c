"""The exercises of notebook 09 (learning-rate decay): inverse-time decay (smooth or per interval), the stall detector.

Inverse-time decay is one exercise in two forms: the lecture's, α₀ / (1 + decay_rate · epoch_num), is the
interval form of the programming assignment with time_interval = 1. Its reference adapts coursekit's
schedule factory to the learner's one-call signature. The first cases take time_interval = 1; the first of them
is chosen so that every mistake of the formula gives a different number there (the lecture's own example,
epoch 1 with decay_rate 1, cannot tell several of them apart). Some mistakes of the interval agree wherever they
are wrong (rounding up and one interval too many, at every epoch that is not a multiple of time_interval), so
the interval cases come in an order that tells them apart: first an epoch at a drop, where rounding is right
and only the extra interval shows, then one inside an interval. A mistake is named by the first failing case,
so those that show on fewer cases come first in the catalogue. The inputs are plain numbers: nothing is drawn
at random. The stall detector is in :mod:`.stall_epochs`.
"""

from __future__ import annotations

import math

from coursekit import schedules
from coursekit.course.exercises.machinery import Case, Exercise, Mistake
from coursekit.course.exercises.stall_epochs import STALL_EPOCHS

__all__ = ["EXERCISES", "INVERSE_TIME_DECAY", "STALL_EPOCHS"]


def _inverse_time_decay(lr0, epoch_num, decay_rate, time_interval=1):
    return schedules.interval_inverse_time_decay(lr0, decay_rate, time_interval)(epoch_num)


def _counted(count):
    """Inverse-time decay whose count of intervals is ``count(epoch_num, time_interval)`` (for the wrong answers)."""
    return lambda lr0, epoch_num, decay_rate, time_interval: lr0 / (1 + decay_rate * count(epoch_num, time_interval))


def _with_count(formula):
    """A wrong formula ``formula(lr0, n, decay_rate)`` applied to the right count n = ⌊epoch_num / time_interval⌋."""
    return lambda lr0, epoch_num, decay_rate, time_interval: formula(lr0, epoch_num // time_interval, decay_rate)


INVERSE_TIME_DECAY = Exercise(
    name="inverse_time_decay",
    notebook="09",
    args=("lr0", "epoch_num", "decay_rate", "time_interval"),
    returns=("lr",),
    description="The learning rate of epoch epoch_num under inverse-time decay, lowered once every time_interval "
    "epochs: α = α₀ / (1 + decay_rate · ⌊epoch_num / time_interval⌋); time_interval = 1 is the lecture's "
    "α₀ / (1 + decay_rate · epoch_num).",
    hints=(
        "Start from the lecture's form, time_interval = 1: at epoch 0 it gives α₀, and each epoch adds decay_rate "
        "to the denominator.",
        "Mind the operator precedence: the whole denominator, 1 plus decay_rate times the count, divides α₀.",
        "With a longer interval the count is the number of whole intervals completed so far: epoch_num divided by "
        "time_interval, rounded down.",
    ),
    reference=_inverse_time_decay,
    cases=(
        Case("α₀ = 0.2, epoch 2, decay_rate 0.5, every epoch", (0.2, 2, 0.5, 1)),
        Case("the lecture's example, epoch 3", (0.2, 3, 1.0, 1)),
        Case("epoch 0: α = α₀", (0.1, 0, 2.0, 1)),
        Case("slow decay over many epochs", (0.05, 100, 0.01, 1)),
        Case("decay_rate 0: no decay", (0.3, 7, 0.0, 1)),
        Case("epoch 20, at the second drop, decay_rate 0.6", (0.1, 20, 0.6, 10)),
        Case("epoch 27, every 10 epochs", (0.1, 27, 1.0, 10)),
        Case("just before the first drop", (0.1, 9, 1.0, 10)),
        Case("at the first drop", (0.1, 10, 1.0, 10)),
        Case("a long interval, decay_rate 0.3", (0.5, 2500, 0.3, 1000)),
    ),
    mistakes=(
        Mistake(
            "epoch_num + 1 before dividing",
            "use epoch_num as it is given: α drops when epoch_num reaches a multiple of time_interval, not one epoch "
            "before (epoch 9 of intervals of 10 still has α₀, and epoch 1 of the lecture's example α₀ / 2).",
            wrong=_counted(lambda epoch_num, time_interval: (epoch_num + 1) // time_interval),
        ),
        Mistake(
            "rounded instead of floored",
            "rounding to the nearest or up counts an interval before it is complete; ⌊epoch_num / time_interval⌋ "
            "counts whole intervals only.",
            wrong=_counted(lambda epoch_num, time_interval: math.ceil(epoch_num / time_interval)),
        ),
        Mistake(
            "floor forgotten",
            "α must stay constant within an interval: ⌊epoch_num / time_interval⌋ only grows at multiples of "
            "time_interval, where epoch_num / time_interval grows every epoch.",
            wrong=_counted(lambda epoch_num, time_interval: epoch_num / time_interval),
        ),
        Mistake(
            "multiplied by time_interval",
            "count the intervals completed, ⌊epoch_num / time_interval⌋, not epoch_num · time_interval.",
            wrong=_counted(lambda epoch_num, time_interval: epoch_num * time_interval),
        ),
        Mistake(
            "one interval too many",
            "the count of whole intervals starts at 0: the first interval has α = α₀, so add nothing to "
            "⌊epoch_num / time_interval⌋.",
            wrong=_counted(lambda epoch_num, time_interval: epoch_num // time_interval + 1),
        ),
        Mistake(
            "epoch_num − 1",
            "use epoch_num as it is given: α drops at the epoch that completes an interval (epoch 10 of intervals of "
            "10), not one epoch later, and epoch 1 of the lecture's example already has α = α₀ / 2.",
            wrong=_counted(lambda epoch_num, time_interval: (epoch_num - 1) // time_interval),
        ),
        Mistake(
            "time_interval ignored",
            "this is the smooth form, with α falling every epoch; with a longer interval the counter only ticks once "
            "every time_interval epochs: ⌊epoch_num / time_interval⌋.",
            wrong=_counted(lambda epoch_num, time_interval: epoch_num),
        ),
        Mistake(
            "the remainder instead of the quotient",
            "the remainder of epoch_num divided by time_interval restarts at 0 every interval, so α jumps back to α₀; "
            "count the whole intervals, the quotient rounded down.",
            wrong=_counted(lambda epoch_num, time_interval: epoch_num % time_interval),
        ),
        Mistake(
            "the 1 + is missing",
            "the denominator is 1 + decay_rate · ⌊epoch_num / time_interval⌋: the 1 keeps α = α₀ at first and the "
            "decay gentle.",
            wrong=_with_count(lambda lr0, n, decay_rate: lr0 / (decay_rate * n)),
        ),
        Mistake(
            "operator precedence: α₀ / decay_rate · epoch_num",
            "written without parentheses, α₀ / decay_rate · epoch_num divides by decay_rate and then MULTIPLIES by "
            "the count; the whole denominator 1 + decay_rate · epoch_num divides α₀.",
            wrong=_with_count(lambda lr0, n, decay_rate: lr0 / decay_rate * n),
        ),
        Mistake(
            "parentheses forgotten: α₀ / 1 + decay_rate · epoch_num",
            "written without parentheses, α₀ / 1 + decay_rate · epoch_num adds decay_rate · epoch_num to α₀; the "
            "whole denominator 1 + decay_rate · epoch_num divides α₀.",
            wrong=_with_count(lambda lr0, n, decay_rate: lr0 / 1 + decay_rate * n),
        ),
        Mistake(
            "parentheses around 1 + decay_rate only: α₀ / (1 + decay_rate) · epoch_num",
            "α₀ / (1 + decay_rate) · epoch_num divides by 1 + decay_rate and then MULTIPLIES by the count, so α grows "
            "with the epochs; the count belongs in the denominator, 1 + decay_rate · epoch_num.",
            wrong=_with_count(lambda lr0, n, decay_rate: lr0 / (1 + decay_rate) * n),
        ),
        Mistake(
            "multiplied instead of divided",
            "decay makes α smaller: α₀ is divided by 1 + decay_rate · epoch_num, which grows with the epochs.",
            wrong=_with_count(lambda lr0, n, decay_rate: lr0 * (1 + decay_rate * n)),
        ),
        Mistake(
            "exponential staircase: α halved every interval",
            "α₀ · 0.5^⌊epoch_num / time_interval⌋ is the staircase schedule of the table; this one divides α₀ by "
            "1 + decay_rate · ⌊epoch_num / time_interval⌋, one step more each interval.",
            wrong=_with_count(lambda lr0, n, decay_rate: lr0 * 0.5**n),
        ),
        Mistake(
            "(1 + decay_rate) raised to the count",
            "α₀ / (1 + decay_rate)^epoch_num is an exponential decay; inverse-time decay divides by "
            "1 + decay_rate · epoch_num, which grows by decay_rate each epoch (or each interval).",
            wrong=_with_count(lambda lr0, n, decay_rate: lr0 / (1 + decay_rate) ** n),
        ),
        Mistake(
            "decay_rate as the base of an exponential",
            "α₀ · decay_rate^epoch_num is exponential decay with decay_rate as its base; inverse-time decay divides α₀ "
            "by 1 + decay_rate · epoch_num.",
            wrong=_with_count(lambda lr0, n, decay_rate: lr0 * decay_rate**n),
        ),
        Mistake(
            "decay_rate left out",
            "decay_rate sets how fast α falls: each epoch (or completed interval) adds decay_rate, not 1, to the "
            "denominator.",
            wrong=_with_count(lambda lr0, n, decay_rate: lr0 / (1 + n)),
        ),
        Mistake(
            "α₀ left out",
            "the schedule scales the initial rate: α = α₀ / (1 + decay_rate · epoch_num), so that epoch 0 has α₀, "
            "not 1.",
            wrong=_with_count(lambda lr0, n, decay_rate: 1 / (1 + decay_rate * n)),
        ),
        Mistake(
            "the whole denominator floored",
            "only the count of intervals is rounded down: α₀ / (1 + decay_rate · ⌊epoch_num / time_interval⌋); "
            "flooring 1 + decay_rate · epoch_num / time_interval as a whole rounds decay_rate away.",
            wrong=lambda lr0, epoch_num, decay_rate, time_interval: lr0
            / math.floor(1 + decay_rate * epoch_num / time_interval),
        ),
    ),
)


#: The exercises of notebook 09, in the order the notebook asks them.
EXERCISES = (INVERSE_TIME_DECAY, STALL_EPOCHS)
