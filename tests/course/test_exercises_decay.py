"""The check of notebook 09's inverse_time_decay, one exercise for the lecture's smooth form and the interval form:
each wrong answer as a learner writes it fails with its own mistake named, and right answers written otherwise pass.

The wrong answers are written independently of the catalogue's own wrong implementations, with the learner's
signature ``inverse_time_decay(lr0, epoch_num, decay_rate, time_interval=1)``.
"""

import math

import numpy as np
import pytest

from coursekit.course.exercises import evaluate, exercise, reference


NAME = "inverse_time_decay"


def without_one(lr0, epoch_num, decay_rate, time_interval=1):
    return lr0 / (decay_rate * (epoch_num // time_interval))


def precedence(lr0, epoch_num, decay_rate, time_interval=1):
    return lr0 / decay_rate * (epoch_num // time_interval)


def no_parentheses(lr0, epoch_num, decay_rate, time_interval=1):
    return lr0 / 1 + decay_rate * (epoch_num // time_interval)


def epoch_outside(lr0, epoch_num, decay_rate, time_interval=1):
    return lr0 / (1 + decay_rate) * (epoch_num // time_interval)


def from_the_previous_epoch(lr0, epoch_num, decay_rate, time_interval=1):
    epoch = epoch_num - 1
    return lr0 / (1 + decay_rate * (epoch // time_interval))


def from_the_next_epoch(lr0, epoch_num, decay_rate, time_interval=1):
    return lr0 / (1 + decay_rate * ((epoch_num + 1) // time_interval))


def multiplied(lr0, epoch_num, decay_rate, time_interval=1):
    return lr0 * (1 + decay_rate * (epoch_num // time_interval))


def compounded(lr0, epoch_num, decay_rate, time_interval=1):
    lr = lr0
    for _ in range(epoch_num // time_interval):
        lr = lr / (1 + decay_rate)
    return lr


def rate_as_base(lr0, epoch_num, decay_rate, time_interval=1):
    return decay_rate ** (epoch_num // time_interval) * lr0


def rate_ignored(lr0, epoch_num, decay_rate, time_interval=1):
    return lr0 / (1 + math.floor(epoch_num / time_interval))


def without_lr0(lr0, epoch_num, decay_rate, time_interval=1):
    return 1 / (1 + decay_rate * (epoch_num // time_interval))


def no_floor(lr0, epoch_num, decay_rate, time_interval=1):
    return lr0 / (1 + decay_rate * (epoch_num / time_interval))


def times_the_interval(lr0, epoch_num, decay_rate, time_interval=1):
    return lr0 / (1 + decay_rate * math.floor(epoch_num * time_interval))


def rounded(lr0, epoch_num, decay_rate, time_interval=1):
    return lr0 / (1 + decay_rate * round(epoch_num / time_interval))


def rounded_up(lr0, epoch_num, decay_rate, time_interval=1):
    return lr0 / (1 + decay_rate * math.ceil(epoch_num / time_interval))


def counted_from_one(lr0, epoch_num, decay_rate, time_interval=1):
    intervals = epoch_num // time_interval + 1
    return lr0 / (1 + decay_rate * intervals)


def interval_ignored(lr0, epoch_num, decay_rate, time_interval=1):
    return lr0 / (1 + decay_rate * epoch_num)


def remainder(lr0, epoch_num, decay_rate, time_interval=1):
    return lr0 / (1 + decay_rate * (epoch_num % time_interval))


def halving(lr0, epoch_num, decay_rate, time_interval=1):
    return lr0 * 0.5 ** math.floor(epoch_num / time_interval)


def floor_of_everything(lr0, epoch_num, decay_rate, time_interval=1):
    return lr0 / math.floor(1 + decay_rate * epoch_num / time_interval)


WRONG = [
    ("the 1 + is missing", without_one),
    ("operator precedence: α₀ / decay_rate · epoch_num", precedence),
    ("parentheses forgotten: α₀ / 1 + decay_rate · epoch_num", no_parentheses),
    ("parentheses around 1 + decay_rate only: α₀ / (1 + decay_rate) · epoch_num", epoch_outside),
    ("epoch_num − 1", from_the_previous_epoch),
    ("epoch_num + 1 before dividing", from_the_next_epoch),
    ("multiplied instead of divided", multiplied),
    ("(1 + decay_rate) raised to the count", compounded),
    ("decay_rate as the base of an exponential", rate_as_base),
    ("decay_rate left out", rate_ignored),
    ("α₀ left out", without_lr0),
    ("floor forgotten", no_floor),
    ("multiplied by time_interval", times_the_interval),
    ("rounded instead of floored", rounded),
    ("rounded instead of floored", rounded_up),
    ("one interval too many", counted_from_one),
    ("time_interval ignored", interval_ignored),
    ("the remainder instead of the quotient", remainder),
    ("exponential staircase: α halved every interval", halving),
    ("the whole denominator floored", floor_of_everything),
]


def counting_loop(lr0, epoch_num, decay_rate, time_interval=1):
    intervals = 0
    while (intervals + 1) * time_interval <= epoch_num:
        intervals += 1
    return lr0 / (1 + decay_rate * intervals)


def with_divmod(lr0, epoch_num, decay_rate, time_interval=1):
    intervals, _ = divmod(epoch_num, time_interval)
    return lecture_form(lr0, intervals, decay_rate)


def lecture_form(lr0, epoch_num, decay_rate):
    return lr0 / (1 + decay_rate * epoch_num)


def in_two_lines(lr0, epoch_num, decay_rate, time_interval=1):
    denominator = 1.0 + decay_rate * np.floor(epoch_num / time_interval)
    return float(lr0 / denominator)


RIGHT = [
    counting_loop,
    with_divmod,
    in_two_lines,
    lambda lr0, e, d, k=1: lr0 * (d * int(e / k) + 1) ** -1,
    lambda lr0, e, rate, interval=1: float(np.divide(lr0, 1 + rate * (e // interval))),
]


def test_the_lecture_form_alone_fails_on_the_interval_cases_and_is_named():
    result = evaluate(NAME, lambda lr0, epoch_num, decay_rate, interval=1: lecture_form(lr0, epoch_num, decay_rate))
    assert result.mistake == "time_interval ignored"
    assert result.case == "epoch 20, at the second drop, decay_rate 0.6"


def test_the_first_cases_are_the_lectures_smooth_form_and_the_reference_defaults_to_it():
    assert [case.args[3] for case in exercise(NAME).cases[:5]] == [1] * 5
    assert reference(NAME)(0.2, 1, 1.0) == 0.1 == reference(NAME)(0.2, 1, 1.0, 1)
    assert reference(NAME)(0.1, 25, 1.0, 10) == pytest.approx(0.1 / 3)


def test_a_progress_file_with_a_verdict_for_the_merged_interval_exercise_crashes_nothing(tmp_path, monkeypatch):
    """The interval form was an exercise of its own, interval_inverse_time_decay: a learner's progress file may still
    hold its verdict. It is kept, and counted nowhere."""
    from coursekit.course import progress_table, records

    (tmp_path / records.FILENAME).write_text("{}\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    monkeypatch.setattr(records, "_unsaved", {kind: {} for kind in records.KINDS})
    records.record("exercises", "interval_inverse_time_decay", True, "09")
    records.record("exercises", NAME, True, "09")
    assert "interval_inverse_time_decay" in records.load()["exercises"]
    row = next(row for row in progress_table.progress().rows if row.notebook == "09")
    assert row.exercises == (1, 2), "inverse_time_decay passed, stall_epochs not yet; the old name is not counted"
    assert "interval_inverse_time_decay" not in repr(progress_table.progress())
