"""The check of notebook 09's stall detector, stall_epochs: each wrong detector as a learner writes it fails with its
own mistake named, right detectors written otherwise pass, and the report says what differed without code.

The wrong answers are written independently of the catalogue's own, each the right loop with one slip.
"""

import math

import numpy as np
import pytest

from coursekit import schedules
from coursekit.course.exercises import evaluate, exercise


NAME = "stall_epochs"


def against_the_last(costs, patience, min_decrease):
    last, waited, stalls = math.inf, 0, []
    for epoch, J in enumerate(costs, start=1):
        waited = 0 if J < (1 - min_decrease) * last else waited + 1
        last = J
        if waited == patience:
            stalls.append(epoch)
            waited = 0
    return stalls


def absolute(costs, patience, min_decrease):
    best, waited, stalls = math.inf, 0, []
    for epoch, J in enumerate(costs, start=1):
        if J < best - min_decrease:
            best, waited = J, 0
        else:
            waited += 1
        if waited == patience:
            stalls.append(epoch)
            waited = 0
    return stalls


def waits_one_more(costs, patience, min_decrease):
    best, waited, stalls = math.inf, 0, []
    for epoch, J in enumerate(costs, start=1):
        if J < (1 - min_decrease) * best:
            best, waited = J, 0
        else:
            waited += 1
            if waited > patience:
                stalls.append(epoch)
                waited = 0
    return stalls


def counts_the_best(costs, patience, min_decrease):
    best, window, stalls = math.inf, [], []
    for epoch, J in enumerate(costs, start=1):
        if J < (1 - min_decrease) * best:
            best, window = J, []
        window.append(epoch)
        if len(window) == patience:
            stalls.append(epoch)
            window = []
    return stalls


def fires_every_epoch(costs, patience, min_decrease):
    best, waited, stalls = math.inf, 0, []
    for epoch, J in enumerate(costs, start=1):
        if J < (1 - min_decrease) * best:
            best, waited = J, 0
        else:
            waited += 1
        if waited >= patience:
            stalls.append(epoch)
    return stalls


def first_only(costs, patience, min_decrease):
    best, waited = math.inf, 0
    for epoch, J in enumerate(costs, start=1):
        if J < (1 - min_decrease) * best:
            best, waited = J, 0
        else:
            waited += 1
            if waited == patience:
                return [epoch]
    return []


def nan_as_progress(costs, patience, min_decrease):
    best, waited, stalls = math.inf, 0, []
    for epoch, J in enumerate(costs, start=1):
        if J >= (1 - min_decrease) * best:
            waited += 1
            if waited == patience:
                stalls.append(epoch)
                waited = 0
        else:
            best, waited = J, 0
    return stalls


def skips_nan(costs, patience, min_decrease):
    best, waited, stalls = math.inf, 0, []
    for epoch, J in enumerate(costs, start=1):
        if np.isnan(J):
            continue
        if J < (1 - min_decrease) * best:
            best, waited = J, 0
        else:
            waited += 1
            if waited == patience:
                stalls.append(epoch)
                waited = 0
    return stalls


def at_most(costs, patience, min_decrease):
    best, waited, stalls = math.inf, 0, []
    for epoch, J in enumerate(costs, start=1):
        if J <= (1 - min_decrease) * best:
            best, waited = J, 0
        else:
            waited += 1
            if waited == patience:
                stalls.append(epoch)
                waited = 0
    return stalls


def lowers_the_best_every_time(costs, patience, min_decrease):
    best, waited, stalls = math.inf, 0, []
    for epoch, J in enumerate(costs, start=1):
        waited = 0 if J < (1 - min_decrease) * best else waited + 1
        if J < best:
            best = J
        if waited == patience:
            stalls.append(epoch)
            waited = 0
    return stalls


def forgets_the_best(costs, patience, min_decrease):
    best, waited, stalls = math.inf, 0, []
    for epoch, J in enumerate(costs, start=1):
        if J < (1 - min_decrease) * best:
            best, waited = J, 0
        else:
            waited += 1
            if waited == patience:
                stalls.append(epoch)
                best, waited = math.inf, 0
    return stalls


def indices(costs, patience, min_decrease):
    best, waited, stalls = math.inf, 0, []
    for i in range(len(costs)):
        if costs[i] < (1 - min_decrease) * best:
            best, waited = costs[i], 0
        else:
            waited += 1
            if waited == patience:
                stalls.append(i)
                waited = 0
    return stalls


WRONG = [
    ("compared with the last cost instead of the best", against_the_last),
    ("absolute instead of relative tolerance", absolute),
    ("one epoch too many in the patience window", waits_one_more),
    ("the epoch of the best counted in the patience window", counts_the_best),
    ("no wait after a cut", fires_every_epoch),
    ("only the first stall", first_only),
    ("a NaN cost counted as progress", nan_as_progress),
    ("a NaN epoch not counted", skips_nan),
    ("a decrease of exactly min_decrease counted as progress", at_most),
    ("every lower cost taken as the new best", lowers_the_best_every_time),
    ("the best forgotten at a cut", forgets_the_best),
    ("epochs counted from 0", indices),
]


def with_a_while_loop(costs, patience, min_decrease):
    best, since, epoch, stalls = float("inf"), 0, 0, []
    while epoch < len(costs):
        epoch += 1
        progress = costs[epoch - 1] < best * (1 - min_decrease)
        best = costs[epoch - 1] if progress else best
        since = 0 if progress else since + 1
        if since == patience:
            stalls.append(epoch)
            since = 0
    return stalls


def as_an_array(costs, patience, min_decrease):
    return np.array(schedules.stall_epochs(costs, patience, min_decrease), dtype=np.int64)


def with_numpy_scalars(costs, patience, min_decrease):
    costs = np.asarray(costs)
    best, since, stalls = np.inf, 0, []
    for epoch in np.arange(1, costs.size + 1):
        if not np.isnan(costs[epoch - 1]) and costs[epoch - 1] < (1 - min_decrease) * best:
            best, since = costs[epoch - 1], 0
            continue
        since += 1
        if since == patience:
            stalls.append(epoch)
            since = 0
    return tuple(stalls)


RIGHT = [with_a_while_loop, as_an_array, with_numpy_scalars]


@pytest.mark.parametrize("fn, what", [
    (lambda costs, patience, min_decrease: True, "your function returned a value of type bool where a list of epoch "
                                                 "numbers was expected"),
    (lambda costs, patience, min_decrease: [1.5], "the stall epochs must be whole epoch numbers (1 for the first "
                                                  "epoch)"),
    (lambda costs, patience, min_decrease: list(range(1, 20)), "the stall epochs are [1, 2, 3, 4, 5, 6, 7, 8, …] "
                                                               "(19 epochs) where [37] were expected"),
])


def test_a_wrong_kind_of_result_is_described_in_one_line(fn, what):
    result = evaluate(NAME, fn)
    assert not result and result.lines[2] == f"  {what}"


def test_the_cases_show_stalls_after_a_cut_and_none_at_all():
    found = [schedules.stall_epochs(*case.args) for case in exercise(NAME).cases]
    assert any(len(stalls) >= 3 for stalls in found) and [] in found
    assert any(np.isnan(case.args[0]).any() for case in exercise(NAME).cases)
