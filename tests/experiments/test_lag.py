"""How far an exponentially weighted average trails its data, and how much it smooths (notebook 04)."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursekit.averages import ewa, ewa_weights
from coursekit.experiments.lag import (
    YEAR,
    LagTable,
    cycle_delay,
    lag,
    lag_table,
    mean_age,
    roughness,
    seasonal_curve,
    seasonal_peak,
)

DAYS = np.arange(3 * 365)


def _wave(peak_day: float, mean: float = 15.0, amplitude: float = 8.0) -> np.ndarray:
    return mean + amplitude * np.cos(2 * np.pi * (DAYS - peak_day) / YEAR)


@given(st.floats(0.0, 0.99))
def test_mean_age_is_the_weighted_mean_of_the_ages(beta):
    n = 20_000
    weights = ewa_weights(beta, n)
    assert mean_age(beta) == pytest.approx(float(weights @ np.arange(n)), rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("beta", [0.5, 0.9, 0.98])
def test_on_a_straight_trend_the_settled_average_trails_by_the_mean_age(beta):
    """θ_t = 3 + 0.2 t: the average settles at θ of β/(1 − β) steps ago (9 for 0.9, 49 for 0.98)."""
    t = np.arange(5000.0)
    theta = 3 + 0.2 * t
    behind = (theta[-1] - ewa(theta, beta)[-1]) / 0.2
    assert behind == pytest.approx(mean_age(beta), rel=1e-9)


@pytest.mark.parametrize("beta", [0.5, 0.9, 0.98, 0.99])
def test_cycle_delay_is_the_delay_of_the_settled_average_of_a_wave(beta):
    """The average of a pure wave is a wave of the same period, shifted by cycle_delay."""
    t = np.arange(6 * 365)
    theta = np.cos(2 * np.pi * t / YEAR)
    v = ewa(theta, beta)
    last_years = slice(3 * 365, None)
    assert lag(v[last_years], theta[last_years]) == pytest.approx(cycle_delay(beta), abs=0.02)


def test_cycle_delay_tends_to_the_mean_age_for_a_slow_cycle_and_is_shorter_for_a_fast_one():
    assert cycle_delay(0.9, period=1e6) == pytest.approx(mean_age(0.9), rel=1e-6)
    assert cycle_delay(0.98) == pytest.approx(40.51, abs=0.01)
    assert cycle_delay(0.98) < mean_age(0.98)
    assert cycle_delay(0.0) == 0.0


@given(st.floats(0.0, 364.0), st.floats(-10, 30), st.floats(0.5, 20))
def test_seasonal_curve_and_peak_recover_a_pure_wave(peak_day, mean, amplitude):
    wave = _wave(peak_day, mean, amplitude)
    np.testing.assert_allclose(seasonal_curve(wave), wave, atol=1e-9 * (abs(mean) + amplitude))
    peak = seasonal_peak(wave)
    assert 0 <= peak < YEAR
    assert min(abs(peak - peak_day), YEAR - abs(peak - peak_day)) < 1e-6  # the same day, round the year


def test_seasonal_curve_is_the_least_squares_fit_so_its_residual_has_mean_zero():
    rng = np.random.default_rng(0)
    data = _wave(200.0) + rng.normal(0, 3, size=len(DAYS))
    residual = data - seasonal_curve(data)
    assert abs(residual.mean()) < 1e-9
    assert abs(residual @ np.cos(2 * np.pi * DAYS / YEAR)) < 1e-6  # orthogonal to the wave's basis


@given(st.floats(-100.0, 100.0))
def test_lag_is_the_shift_between_two_waves_in_minus_half_to_half_a_period(shift):
    assert lag(_wave(150.0 + shift), _wave(150.0)) == pytest.approx(shift, abs=1e-6)


def test_lag_wraps_around_the_year():
    assert lag(_wave(10.0), _wave(360.0)) == pytest.approx(15.25, abs=1e-6)  # 10 is 15.25 days after 360


def test_roughness_is_the_spread_of_the_daily_change_not_its_mean():
    assert roughness(np.arange(10.0)) == 0.0  # a steady trend does not wiggle
    assert roughness([0.0, 2.0, 0.0, 2.0, 0.0]) == pytest.approx(2.0)
    assert roughness([5.0, 0.0, 2.0, 0.0, 2.0, 0.0], start=1) == pytest.approx(2.0)


def test_lag_table_measures_each_beta():
    rng = np.random.default_rng(1)
    data = _wave(200.0) + rng.normal(0, 2, size=len(DAYS))
    table = lag_table(data, [0.5, 0.95], start=365)
    assert isinstance(table, LagTable) and table.betas.tolist() == [0.5, 0.95]
    for i, beta in enumerate((0.5, 0.95)):
        v = ewa(data, beta)
        assert table.lag[i] == lag(v, data, start=365)
        assert table.roughness[i] == roughness(v, start=365)
        assert table.mean_age[i] == mean_age(beta) and table.cycle_delay[i] == cycle_delay(beta)
    assert table.roughness[1] < table.roughness[0] and table.lag[1] > table.lag[0]


@pytest.mark.parametrize(
    "call, error, pattern",
    [
        (lambda: mean_age(1.0), ValueError, r"beta must be in \[0, 1\), got 1.0"),
        (lambda: cycle_delay(0.9, period=2), ValueError, r"period must be a number > 2 \(steps per cycle\), got 2"),
        (lambda: cycle_delay(0.9, period=-1.0), ValueError, r"period must be a finite number > 0, got -1.0"),
        (lambda: seasonal_curve(np.ones(100)), ValueError,
         r"thetas must cover at least one period \(365.25 values\), got 100"),
        (lambda: seasonal_peak(np.ones((2, 400))), ValueError, r"thetas must be a 1-D array"),
        (lambda: seasonal_curve([math.nan] * 400), ValueError, r"thetas must be finite"),
        (lambda: lag(np.ones(400), np.ones(401)), ValueError,
         r"smoothed must have the shape of thetas, \(401,\), got \(400,\)"),
        (lambda: lag(np.ones(400), np.ones(400), start=400), ValueError,
         r"start must be below the length of thetas, 400, got 400"),
        (lambda: lag(np.ones(400), np.ones(400), start=-1), ValueError, r"start must be an integer >= 0, got -1"),
        (lambda: roughness([1.0, 2.0], start=1), ValueError, r"start must leave at least 2 values of the 2, got 1"),
        (lambda: lag_table(np.ones(400), [0.9, 1.0]), ValueError, r"betas\[1\] must be in \[0, 1\), got 1.0"),
    ],
)
def test_bad_arguments(call, error, pattern):
    with pytest.raises(error, match=pattern):
        call()
