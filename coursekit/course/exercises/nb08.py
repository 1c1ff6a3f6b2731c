"""The exercises of notebook 08 (learning-rate decay): inverse-time decay, per epoch and per interval of epochs.

The references adapt coursekit's schedule factories to the learner's one-call signature. The first case
of each schedule is chosen so that every catalogued mistake gives a different number there (the lecture's
own example, epoch 1 with decay_rate 1, cannot tell several of them apart). The inputs are plain numbers:
nothing is drawn at random.
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
            "lr0 / decay_rate * epoch_num divides by decay_rate and then MULTIPLIES by epoch_num; "
            "parenthesise the denominator.",
            wrong=lambda lr0, epoch_num, decay_rate: lr0 / decay_rate * epoch_num,
        ),
        Mistake(
            "parentheses forgotten: α₀ / 1 + decay_rate · epoch_num",
            "lr0 / 1 + decay_rate * epoch_num adds decay_rate · epoch_num to α₀; parenthesise the denominator.",
            wrong=lambda lr0, epoch_num, decay_rate: lr0 / 1 + decay_rate * epoch_num,
        ),
        Mistake(
            "epoch_num − 1",
            "use epoch_num as it is given: epoch 1 of the lecture's example already has α = α₀ / 2.",
            wrong=lambda lr0, epoch_num, decay_rate: lr0 / (1 + decay_rate * (epoch_num - 1)),
        ),
    ),
)

INTERVAL_INVERSE_TIME_DECAY = Exercise(
    name="interval_inverse_time_decay",
    notebook="08",
    args=("lr0", "epoch_num", "decay_rate", "time_interval"),
    returns=("lr",),
    description="Inverse-time decay applied every time_interval epochs: "
    "α = α₀ / (1 + decay_rate · floor(epoch_num / time_interval)).",
    hints=(
        "This is inverse-time decay in which the epoch counter only advances once per interval.",
        "Count the whole intervals completed so far by dividing epoch_num by time_interval and rounding down.",
    ),
    reference=_interval_inverse_time_decay,
    cases=(
        Case("epoch 27, every 10 epochs", (0.1, 27, 1.0, 10)),
        Case("just before the first drop", (0.1, 9, 1.0, 10)),
        Case("at the first drop", (0.1, 10, 1.0, 10)),
        Case("an interval of 1: plain inverse-time decay", (0.2, 3, 0.5, 1)),
        Case("a long interval, decay_rate 0.3", (0.5, 2500, 0.3, 1000)),
    ),
    mistakes=(
        Mistake(
            "floor forgotten",
            "α must stay constant within an interval: floor(epoch_num / time_interval) (or epoch_num // time_interval) "
            "only grows at multiples of time_interval.",
            wrong=lambda lr0, epoch_num, decay_rate, time_interval: lr0 / (1 + decay_rate * epoch_num / time_interval),
        ),
        Mistake(
            "multiplied by time_interval",
            "count the intervals completed, epoch_num / time_interval (floored), not epoch_num · time_interval.",
            wrong=lambda lr0, epoch_num, decay_rate, time_interval: lr0 / (1 + decay_rate * epoch_num * time_interval),
        ),
        Mistake(
            "rounded up instead of floored",
            "round() and math.ceil() count an interval before it is complete; floor counts whole intervals only.",
            wrong=lambda lr0, epoch_num, decay_rate, time_interval: lr0
            / (1 + decay_rate * math.ceil(epoch_num / time_interval)),
        ),
    ),
)


#: The exercises of notebook 08, in the order the notebook asks them.
EXERCISES = (INVERSE_TIME_DECAY, INTERVAL_INVERSE_TIME_DECAY)
