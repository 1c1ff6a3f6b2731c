"""A plateau with a length, and the steps to get off it (notebook 10)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursekit.optim import GD, Adam
from coursekit.experiments.plateaus import (LEAVE_LEVEL, PLATEAU_RUNS, long_plateau, plateau_data, steps_near,
                                              steps_to_leave)
from coursekit.trajectories import trajectory


@given(st.floats(-12, 3), st.floats(-2, 2), st.floats(0.005, 0.2))
def test_gradient_and_hessian_match_finite_differences(x, y, slope):
    s = long_plateau(length=10.0, slope=slope)
    h = 1e-5
    grad = [(s.loss([x + h, y]) - s.loss([x - h, y])) / (2 * h), (s.loss([x, y + h]) - s.loss([x, y - h])) / (2 * h)]
    np.testing.assert_allclose(s.grad([x, y]), grad, rtol=1e-6, atol=1e-9)
    hessian = np.array([(s.grad([x + h, y]) - s.grad([x - h, y])) / (2 * h),
                        (s.grad([x, y + h]) - s.grad([x, y - h])) / (2 * h)])
    np.testing.assert_allclose(s.hessian([x, y]), hessian, rtol=1e-5, atol=1e-8)


@given(st.floats(6, 50), st.floats(0.005, 0.2))
def test_on_the_plateau_the_gradient_has_the_size_of_the_slope(length, slope):
    s = long_plateau(length, slope)
    assert s.start == (-length, 0.0)
    assert np.linalg.norm(s.grad(s.start)) == pytest.approx(slope, rel=0.05)
    assert s.loss(s.start) > LEAVE_LEVEL > s.loss(s.minima[0]) == pytest.approx(slope - 1)


def test_the_well_caps_the_stable_rate_of_gradient_descent():
    s = long_plateau(10.0, 0.02)
    np.testing.assert_allclose(s.hessian([0.0, 0.0]), 1.02 * np.eye(2), rtol=1e-12)
    assert trajectory(s, GD(1.9), steps=2000).steps_to_settle((0.0, 0.0), 0.1) is not None
    assert trajectory(s, GD(2.1), start=(0.5, 0.0), steps=200).steps_to_settle((0.0, 0.0), 0.1) is None


def test_gradient_descent_crosses_a_plateau_in_length_over_rate_times_slope_steps():
    # far from the well GD advances α · s per step: 7 units at 0.3 · 0.02 take about 1,170 steps
    for length in (10.0, 20.0):
        off = steps_to_leave(trajectory(long_plateau(length, 0.02), GD(0.3), steps=5000).losses)
        assert off == pytest.approx((length - 3) / (0.3 * 0.02), rel=0.05)


def test_adam_crosses_in_about_length_over_rate_steps_whatever_the_slope():
    steps = [steps_to_leave(trajectory(long_plateau(10.0, slope), Adam(0.3), steps=500).losses)
             for slope in (0.005, 0.02, 0.08)]
    assert max(steps) - min(steps) <= 3 and 20 <= min(steps) <= 40


def test_steps_to_leave_and_steps_near():
    assert steps_to_leave([0.1, -0.4, -0.6, -0.9]) == 2
    assert steps_to_leave([0.1, np.nan]) is None
    assert steps_to_leave([0.1, 0.0, -0.2], level=-0.1) == 2
    assert steps_near([0.3, 0.301, 0.2, 0.299, np.nan], level=0.3, tol=0.0015) == 3



def test_plateau_data_holds_each_runs_losses_for_every_length_as_its_own_run():
    data = plateau_data([5, 12], lr=0.3, steps=300)
    assert list(data) == list(PLATEAU_RUNS) and all(J.shape == (2, 301) for J in data.values())
    assert steps_to_leave(data["Adam"][0]) < steps_to_leave(data["Adam"][1])  # a longer plateau takes longer
    alone = trajectory(long_plateau(12, 0.02), Adam(0.3, beta1=0.9, beta2=0.999), steps=300)
    np.testing.assert_array_equal(data["Adam"][1], alone.losses)
    short = trajectory(long_plateau(12, 0.02), GD(0.3), start=(-5.0, 0.0), steps=300)
    np.testing.assert_array_equal(data["GD"][0], short.losses)  # the same surface, only the start moves


def test_plateau_data_pads_a_run_that_diverged_with_nan():
    J = plateau_data([4], lr=1e9, steps=50)["GD"][0]  # the first step, 1e9 · 0.02, leaves the bound of 1e6
    assert np.isfinite(J[0]) and np.isnan(J[1:]).all()


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: long_plateau(length=2.0), ValueError, r"length must be >= 3 \(the well itself is about 3 wide\)"),
        (lambda: long_plateau(length=-1.0), ValueError, r"length must be a finite number > 0, got -1.0"),
        (lambda: long_plateau(slope=0.0), ValueError, r"slope must be a finite number > 0, got 0.0"),
        (lambda: steps_to_leave([[0.1]]), ValueError, r"losses must be a 1-D array"),
        (lambda: steps_to_leave([0.1], level=np.inf), ValueError, r"level must be a finite number, got inf"),
        (lambda: steps_near([0.1], level=np.nan, tol=0.1), ValueError, r"level must be a finite number, got nan"),
        (lambda: steps_near([0.1], level=0.1, tol=0.0), ValueError, r"tol must be a finite number > 0, got 0.0"),
        (lambda: plateau_data([10], lr=0.0), ValueError, r"lr must be a finite number > 0, got 0.0"),
        (lambda: plateau_data([10], lr=0.1, beta=1.0), ValueError, r"beta must be in \[0, 1\), got 1.0"),
        (lambda: plateau_data([10], lr=0.1, steps=0), ValueError, r"steps must be an integer >= 1, got 0"),
    ],
)
def test_bad_arguments_are_refused(call, error, message):
    with pytest.raises(error, match=message):
        call()
