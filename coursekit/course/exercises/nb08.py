"""The exercises of notebook 08 (learning-rate decay): inverse-time decay, per epoch and per interval of epochs.

The references adapt coursekit's schedule factories to the learner's one-call signature. The first case
of inverse-time decay is chosen so that every catalogued mistake gives a different number there (the
lecture's own example, epoch 1 with decay_rate 1, cannot tell several of them apart). In the interval form
some mistakes agree wherever they are wrong (rounding up and one interval too many, at every epoch that is
not a multiple of time_interval), so its cases come in an order that tells them apart: first an epoch at a
drop, where rounding is right and only the extra interval shows, then one inside an interval. A mistake
is named by the first failing case, so those that show on fewer cases come first in the catalogue. The
inputs are plain numbers: nothing is drawn at random.
"""

from __future__ import annotations

import math

from coursekit import schedules
from coursekit.course.exercises.machinery import Case, Exercise, Mistake

__all__ = ["EXERCISES", "INTERVAL_INVERSE_TIME_DECAY", "INVERSE_TIME_DECAY"]


def _inverse_time_decay(lr0, epoch_num, decay_rate):
    return schedules.inverse_time_decay(lr0, decay_rate)(epoch_num)


def _interval_inverse_time_decay(lr0, epoch_num, decay_rate, time_interval):
    return schedules.interval_inverse_time_decay(lr0, decay_rate, time_interval)(epoch_num)


def _interval(count):
    """Interval inverse-time decay whose number of intervals is ``count(epoch_num, time_interval)`` (for the wrong
    answers)."""
    return lambda lr0, epoch_num, decay_rate, time_interval: lr0 / (1 + decay_rate * count(epoch_num, time_interval))


INVERSE_TIME_DECAY = Exercise(
    name="inverse_time_decay",
    notebook="08",
    args=("lr0", "epoch_num", "decay_rate"),
    returns=("lr",),
    description="The learning rate of epoch epoch_num under inverse-time decay: α = α₀ / (1 + decay_rate · epoch_num).",
    hints=(
        "Before any decay (epoch_num = 0) the formula gives α₀; each epoch adds decay_rate to the denominator.",
        "Mind the operator precedence: the whole denominator, 1 plus decay_rate times epoch_num, divides α₀.",
    ),
    reference=_inverse_time_decay,
    cases=(
        Case("α₀ = 0.2, epoch 2, decay_rate 0.5", (0.2, 2, 0.5)),
        Case("the lecture's example, epoch 3", (0.2, 3, 1.0)),
        Case("epoch 0: α = α₀", (0.1, 0, 2.0)),
        Case("slow decay over many epochs", (0.05, 100, 0.01)),
        Case("decay_rate 0: no decay", (0.3, 7, 0.0)),
    ),
    mistakes=(
        Mistake(
            "the 1 + is missing",
            "the denominator is 1 + decay_rate · epoch_num: the 1 keeps α = α₀ at epoch 0 and the decay gentle.",
            wrong=lambda lr0, epoch_num, decay_rate: lr0 / (decay_rate * epoch_num),
        ),
        Mistake(
            "operator precedence: α₀ / decay_rate · epoch_num",
            "written without parentheses, α₀ / decay_rate · epoch_num divides by decay_rate and then MULTIPLIES by "
            "epoch_num; the whole denominator 1 + decay_rate · epoch_num divides α₀.",
            wrong=lambda lr0, epoch_num, decay_rate: lr0 / decay_rate * epoch_num,
        ),
        Mistake(
            "parentheses forgotten: α₀ / 1 + decay_rate · epoch_num",
            "written without parentheses, α₀ / 1 + decay_rate · epoch_num adds decay_rate · epoch_num to α₀; the whole "
            "denominator 1 + decay_rate · epoch_num divides α₀.",
            wrong=lambda lr0, epoch_num, decay_rate: lr0 / 1 + decay_rate * epoch_num,
        ),
        Mistake(
            "parentheses around 1 + decay_rate only: α₀ / (1 + decay_rate) · epoch_num",
            "α₀ / (1 + decay_rate) · epoch_num divides by 1 + decay_rate and then MULTIPLIES by epoch_num, so α grows "
            "with the epochs; epoch_num belongs in the denominator, 1 + decay_rate · epoch_num.",
            wrong=lambda lr0, epoch_num, decay_rate: lr0 / (1 + decay_rate) * epoch_num,
        ),
        Mistake(
            "epoch_num − 1",
            "use epoch_num as it is given: epoch 1 of the lecture's example already has α = α₀ / 2.",
            wrong=lambda lr0, epoch_num, decay_rate: lr0 / (1 + decay_rate * (epoch_num - 1)),
        ),
        Mistake(
            "epoch_num + 1",
            "use epoch_num as it is given: epoch 0 has α = α₀, and epoch 1 of the lecture's example α₀ / 2, not "
            "α₀ / 3.",
            wrong=lambda lr0, epoch_num, decay_rate: lr0 / (1 + decay_rate * (epoch_num + 1)),
        ),
        Mistake(
            "multiplied instead of divided",
            "decay makes α smaller: α₀ is divided by 1 + decay_rate · epoch_num, which grows with the epochs.",
            wrong=lambda lr0, epoch_num, decay_rate: lr0 * (1 + decay_rate * epoch_num),
        ),
        Mistake(
            "(1 + decay_rate) raised to epoch_num",
            "α₀ / (1 + decay_rate)^epoch_num is an exponential decay; inverse-time decay divides by 1 + decay_rate · "
            "epoch_num, which grows by decay_rate each epoch.",
            wrong=lambda lr0, epoch_num, decay_rate: lr0 / (1 + decay_rate) ** epoch_num,
        ),
        Mistake(
            "decay_rate as the base of an exponential",
            "α₀ · decay_rate^epoch_num is exponential decay with decay_rate as its base; inverse-time decay divides α₀ "
            "by 1 + decay_rate · epoch_num.",
            wrong=lambda lr0, epoch_num, decay_rate: lr0 * decay_rate**epoch_num,
        ),
        Mistake(
            "decay_rate left out",
            "decay_rate sets how fast α falls: each epoch adds decay_rate, not 1, to the denominator.",
            wrong=lambda lr0, epoch_num, decay_rate: lr0 / (1 + epoch_num),
        ),
        Mistake(
            "α₀ left out",
            "the schedule scales the initial rate: α = α₀ / (1 + decay_rate · epoch_num), so that epoch 0 has α₀, "
            "not 1.",
            wrong=lambda lr0, epoch_num, decay_rate: 1 / (1 + decay_rate * epoch_num),
        ),
    ),
)

INTERVAL_INVERSE_TIME_DECAY = Exercise(
    name="interval_inverse_time_decay",
    notebook="08",
    args=("lr0", "epoch_num", "decay_rate", "time_interval"),
    returns=("lr",),
    description="Inverse-time decay applied every time_interval epochs: "
    "α = α₀ / (1 + decay_rate · ⌊epoch_num / time_interval⌋).",
    hints=(
        "This is inverse-time decay in which the epoch counter only advances once per interval.",
        "Count the whole intervals completed so far by dividing epoch_num by time_interval and rounding down.",
    ),
    reference=_interval_inverse_time_decay,
    cases=(
        Case("epoch 20, at the second drop, decay_rate 0.6", (0.1, 20, 0.6, 10)),
        Case("epoch 27, every 10 epochs", (0.1, 27, 1.0, 10)),
        Case("just before the first drop", (0.1, 9, 1.0, 10)),
        Case("at the first drop", (0.1, 10, 1.0, 10)),
        Case("an interval of 1: plain inverse-time decay", (0.2, 3, 0.5, 1)),
        Case("a long interval, decay_rate 0.3", (0.5, 2500, 0.3, 1000)),
    ),
    mistakes=(
        Mistake(
            "epoch_num + 1 before dividing",
            "use epoch_num as it is given: α drops when epoch_num reaches a multiple of time_interval, not one epoch "
            "before (epoch 9 of intervals of 10 still has α₀).",
            wrong=_interval(lambda epoch_num, time_interval: (epoch_num + 1) // time_interval),
        ),
        Mistake(
            "rounded instead of floored",
            "rounding to the nearest or up counts an interval before it is complete; ⌊epoch_num / time_interval⌋ "
            "counts whole intervals only.",
            wrong=_interval(lambda epoch_num, time_interval: math.ceil(epoch_num / time_interval)),
        ),
        Mistake(
            "floor forgotten",
            "α must stay constant within an interval: ⌊epoch_num / time_interval⌋ only grows at multiples of "
            "time_interval, where epoch_num / time_interval grows every epoch.",
            wrong=_interval(lambda epoch_num, time_interval: epoch_num / time_interval),
        ),
        Mistake(
            "multiplied by time_interval",
            "count the intervals completed, ⌊epoch_num / time_interval⌋, not epoch_num · time_interval.",
            wrong=_interval(lambda epoch_num, time_interval: epoch_num * time_interval),
        ),
        Mistake(
            "one interval too many",
            "the count of whole intervals starts at 0: the first interval has α = α₀, so add nothing to "
            "⌊epoch_num / time_interval⌋.",
            wrong=_interval(lambda epoch_num, time_interval: epoch_num // time_interval + 1),
        ),
        Mistake(
            "epoch_num − 1 before dividing",
            "use epoch_num as it is given: α drops at the epoch that completes an interval (epoch 10 of intervals of "
            "10), not one epoch later.",
            wrong=_interval(lambda epoch_num, time_interval: (epoch_num - 1) // time_interval),
        ),
        Mistake(
            "time_interval ignored",
            "this is plain inverse-time decay, with α falling every epoch; here the counter only ticks once every "
            "time_interval epochs: ⌊epoch_num / time_interval⌋.",
            wrong=_interval(lambda epoch_num, time_interval: epoch_num),
        ),
        Mistake(
            "the remainder instead of the quotient",
            "the remainder of epoch_num divided by time_interval restarts at 0 every interval, so α jumps back to α₀; "
            "count the whole intervals, the quotient rounded down.",
            wrong=_interval(lambda epoch_num, time_interval: epoch_num % time_interval),
        ),
        Mistake(
            "exponential staircase: α halved every interval",
            "α₀ · 0.5^⌊epoch_num / time_interval⌋ is the staircase schedule of the table; this one divides α₀ by "
            "1 + decay_rate · ⌊epoch_num / time_interval⌋, one step more each interval.",
            wrong=lambda lr0, epoch_num, decay_rate, time_interval: lr0 * 0.5 ** (epoch_num // time_interval),
        ),
        Mistake(
            "exponential staircase: (1 + decay_rate) raised to the intervals",
            "α₀ / (1 + decay_rate)^⌊epoch_num / time_interval⌋ decays exponentially; inverse-time decay divides by "
            "1 + decay_rate · ⌊epoch_num / time_interval⌋, which grows by decay_rate each interval.",
            wrong=lambda lr0, epoch_num, decay_rate, time_interval: lr0
            / (1 + decay_rate) ** (epoch_num // time_interval),
        ),
        Mistake(
            "exponential staircase: decay_rate raised to the intervals",
            "α₀ · decay_rate^⌊epoch_num / time_interval⌋ is an exponential staircase with decay_rate as its base; "
            "inverse-time decay divides α₀ by 1 + decay_rate · ⌊epoch_num / time_interval⌋.",
            wrong=lambda lr0, epoch_num, decay_rate, time_interval: lr0 * decay_rate ** (epoch_num // time_interval),
        ),
        Mistake(
            "decay_rate left out",
            "decay_rate sets how fast α falls: each completed interval adds decay_rate, not 1, to the denominator.",
            wrong=lambda lr0, epoch_num, decay_rate, time_interval: lr0 / (1 + epoch_num // time_interval),
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


#: The exercises of notebook 08, in the order the notebook asks them.
EXERCISES = (INVERSE_TIME_DECAY, INTERVAL_INVERSE_TIME_DECAY)
