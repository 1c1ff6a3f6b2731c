"""Tests of the stall detector of manual decay, coursekit.schedules.stall_epochs, and of WhenStalled, which lets it
drive a run (notebook 09)."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursekit.data import two_moons
from coursekit.optim import GD
from coursekit.schedules import WhenStalled, manual_decay, stall_epochs, stalled_at
from coursekit.train import train

costs_lists = st.lists(st.one_of(st.floats(0.0, 10.0), st.just(math.nan)), max_size=40)


def test_a_stall_completes_patience_epochs_without_a_new_best_and_the_count_starts_again():
    assert stall_epochs([1.0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5], patience=3) == [5, 8]
    assert stall_epochs([1.0, 0.5, 0.5, 0.5, 0.4, 0.4, 0.4, 0.4], patience=3) == [8]  # 0.4 is a new best
    assert stall_epochs([1.0, 0.995, 0.99, 0.985], patience=3, min_decrease=0.01) == []  # 0.985 beats 0.99 · 1.0


def test_a_nan_epoch_is_an_epoch_without_progress_and_an_exact_min_decrease_is_no_progress():
    assert stall_epochs([1.0, math.nan, math.nan], patience=2) == [3]
    assert stall_epochs([1.0, 0.75, 0.75], patience=2, min_decrease=0.25) == [3]
    assert stall_epochs([], patience=2) == []


@given(costs_lists, st.integers(1, 6), st.floats(0.0, 0.5))
def test_each_stall_depends_only_on_the_costs_up_to_it(costs, patience, min_decrease):
    stalls = stall_epochs(costs, patience, min_decrease)
    for n in range(len(costs) + 1):
        assert stall_epochs(costs[:n], patience, min_decrease) == [e for e in stalls if e <= n]
    assert all(b - a >= patience for a, b in zip(stalls, stalls[1:])), "each cut waits patience epochs"


@given(st.lists(st.floats(0.0, 10.0), min_size=1, max_size=40), st.integers(1, 6), st.floats(0.0, 0.5))
def test_stalled_at_is_the_first_stall(costs, patience, min_decrease):
    stalls = stall_epochs(costs, patience, min_decrease)
    assert stalled_at(costs, patience, min_decrease) == (stalls[0] if stalls else None)


def test_a_plan_lowers_the_rate_from_the_epoch_after_each_stall():
    plan = WhenStalled(0.5, factor=0.1, patience=2)
    for epoch, J in enumerate([1.0, 0.5, 0.5, 0.5, 0.5, 0.5], start=1):
        assert plan(epoch) == pytest.approx(0.5 * 0.1 ** len([s for s in (4, 6) if s < epoch]))
        plan.watch(epoch, 6, J, 1.0)
    assert plan(7) == pytest.approx(0.005) and plan.stalls == [4, 6]


def test_a_plan_uses_the_detector_it_is_given():
    plan = WhenStalled(1.0, factor=0.5, detect=lambda costs, patience, min_decrease: [1, 2, 3])
    assert plan(1) == 1.0, "no costs yet: no stall"
    plan.watch(1, 3, 0.3, 1.0)
    assert plan(2) == 0.125


def test_a_plan_driving_a_run_is_the_run_with_those_drops_one_epoch_after_each_stall():
    X, Y = two_moons(m=100, noise=0.25, seed=0)
    plan = WhenStalled(1.0, factor=0.1, patience=3, min_decrease=0.01)
    watched = train(X, Y, [2, 8, 1], GD(1.0), epochs=40, mini_batch_size=16, schedule=plan, progress=plan.watch)
    assert plan.stalls == stall_epochs(watched.epoch_costs[:-1], 3, 0.01) and plan.stalls
    again = train(X, Y, [2, 8, 1], GD(1.0), epochs=40, mini_batch_size=16,
                  schedule=manual_decay(1.0, drops=[s + 1 for s in plan.stalls], factor=0.1))
    np.testing.assert_array_equal(watched.lrs, again.lrs)
    np.testing.assert_array_equal(watched.epoch_costs, again.epoch_costs)
