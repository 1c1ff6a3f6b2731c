"""The check of notebook 02's time_to_target: each wrong answer as a learner writes it fails with its own mistake
named, right answers written otherwise pass, and coursekit's version refuses bad arguments.

The wrong answers are written independently of the catalogue's own wrong implementations, with the learner's
signature ``time_to_target(epoch_costs, seconds_per_epoch, target)``.
"""

import math

import numpy as np
import pytest

from coursekit.course.exercises import evaluate, exercise, reference


NAME = "time_to_target"


def position_in_the_list(epoch_costs, seconds_per_epoch, target):
    for i, J in enumerate(epoch_costs):
        if J <= target:
            return i * seconds_per_epoch
    return math.inf


def strictly_below(epoch_costs, seconds_per_epoch, target):
    below = np.flatnonzero(np.asarray(epoch_costs) < target)
    return (below[0] + 1) * seconds_per_epoch if len(below) else np.inf


def last_epoch_when_never(epoch_costs, seconds_per_epoch, target):
    for epoch, J in enumerate(epoch_costs, start=1):
        if J <= target:
            return epoch * seconds_per_epoch
    return len(epoch_costs) * seconds_per_epoch


def whole_run(epoch_costs, seconds_per_epoch, target):
    return seconds_per_epoch * len(epoch_costs)


def lowest_cost(epoch_costs, seconds_per_epoch, target):
    best_epoch = np.argmin(epoch_costs) + 1
    return best_epoch * seconds_per_epoch


def last_crossing(epoch_costs, seconds_per_epoch, target):
    reached = None
    for epoch, J in enumerate(epoch_costs, start=1):
        if J <= target:
            reached = epoch
    return math.inf if reached is None else reached * seconds_per_epoch


def running_mean(epoch_costs, seconds_per_epoch, target):
    total = 0.0
    for epoch, J in enumerate(epoch_costs, start=1):
        total += J
        if total / epoch <= target:
            return epoch * seconds_per_epoch
    return math.inf


def nan_reached(epoch_costs, seconds_per_epoch, target):
    for epoch, J in enumerate(epoch_costs, start=1):
        if not J > target:
            return epoch * seconds_per_epoch
    return float("inf")


def epochs_only(epoch_costs, seconds_per_epoch, target):
    for epoch, J in enumerate(epoch_costs, start=1):
        if J <= target:
            return epoch
    return math.inf


def wrong_way(epoch_costs, seconds_per_epoch, target):
    for epoch, J in enumerate(epoch_costs, start=1):
        if J >= target:
            return epoch * seconds_per_epoch
    return math.inf


def above_counted(epoch_costs, seconds_per_epoch, target):
    return np.count_nonzero(np.asarray(epoch_costs) > target) * seconds_per_epoch


WRONG = [
    ("epochs counted from 0", position_in_the_list),
    ("strictly below the target", strictly_below),
    ("the whole run's time when the target is never reached", last_epoch_when_never),
    ("the time of the whole run", whole_run),
    ("the epoch of the lowest cost", lowest_cost),
    ("the last epoch at the target instead of the first", last_crossing),
    ("the running mean of the costs", running_mean),
    ("a NaN cost taken as reached", nan_reached),
    ("epochs instead of seconds", epochs_only),
    ("the target compared the wrong way", wrong_way),
    ("the epochs above the target counted", above_counted),
]


def test_the_mistakes_show_on_the_cases_made_for_them():
    assert evaluate(NAME, strictly_below).case == "a cost exactly at the target"
    assert evaluate(NAME, nan_reached).case == "a NaN epoch (a diverged step) before the crossing"
    assert evaluate(NAME, last_epoch_when_never).case == "a run that stops short of the target"


def nothing_when_never(epoch_costs, seconds_per_epoch, target):
    for epoch, J in enumerate(epoch_costs, start=1):
        if J <= target:
            return epoch * seconds_per_epoch


def test_nothing_returned_when_the_target_is_never_reached_fails_on_the_run_that_stops_short():
    result = evaluate(NAME, nothing_when_never)
    assert not result and result.case == "a run that stops short of the target"
    assert "returned None" in result.message


def with_numpy(epoch_costs, seconds_per_epoch, target):
    hits = np.nonzero(np.asarray(epoch_costs) <= target)[0]
    return float(hits[0] + 1) * seconds_per_epoch if hits.size else float("inf")


def with_a_while_loop(epoch_costs, seconds_per_epoch, target):
    epoch = 0
    while epoch < len(epoch_costs):
        epoch += 1
        if epoch_costs[epoch - 1] <= target:
            return seconds_per_epoch * epoch
    return np.inf


def with_argmax(epoch_costs, seconds_per_epoch, target):
    reached = np.asarray(epoch_costs) <= target
    return (np.argmax(reached) + 1) * seconds_per_epoch if reached.any() else np.inf


def on_the_clock(epoch_costs, seconds_per_epoch, target):
    clock = np.cumsum(np.full(len(epoch_costs), seconds_per_epoch))  # the time at the end of each epoch
    there = clock[np.asarray(epoch_costs) <= target]
    return there[0] if there.size else math.inf


RIGHT = [
    with_numpy,
    with_a_while_loop,
    with_argmax,
    on_the_clock,
    lambda costs, s, J: next((e * s for e, c in enumerate(costs, 1) if c <= J), math.inf),
]


def test_the_hints_and_explanations_spell_out_no_code():
    entry = exercise(NAME)
    for text in (*entry.hints, *(mistake.explanation for mistake in entry.mistakes)):
        assert not any(code in text for code in ("np.", "math.", "<=", "==", "enumerate", "return ")), text


def test_coursekits_version_counts_epochs_from_1_and_ranks_a_run_that_never_gets_there_last():
    time_to_target = reference(NAME)
    assert time_to_target(np.array([2.1, 0.5, 0.09, 0.2]), 0.5, 0.1) == 1.5
    assert time_to_target([0.1], 2.0, 0.1) == 2.0
    assert time_to_target([2.1, np.nan, 0.5], 0.5, 0.1) == math.inf


@pytest.mark.parametrize("args, error, message", [
    (([1.0, 0.5], 0.0, 0.1), ValueError, r"seconds_per_epoch must be a finite number > 0, got 0.0"),
    (([1.0, 0.5], -1.0, 0.1), ValueError, r"seconds_per_epoch must be a finite number > 0, got -1.0"),
    (([[1.0, 0.5]], 1.0, 0.1), ValueError, r"epoch_costs must be a 1-D array, got 2-D"),
    (("0.5", 1.0, 0.1), TypeError, r"epoch_costs must be a numeric array, got str"),
    (([1.0, 0.5], 1.0, np.nan), ValueError, r"target must be a finite number, got nan"),
])


def test_coursekits_version_refuses_bad_arguments_naming_them(args, error, message):
    with pytest.raises(error, match=message):
        reference(NAME)(*args)
