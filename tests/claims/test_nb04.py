"""Every claim of notebook 04 (exponentially weighted averages), at the notebook's own settings.

Each test recomputes with coursekit what a cell of the notebook prints and its markdown states; a change
in coursekit that alters the lesson fails here. Timings are not pinned (``make bench`` measures them):
what is pinned about them is the deterministic part, the numbers each smoother keeps.
"""

import numpy as np
import pytest

from coursekit import averages
from coursekit.experiments import lag, smoothers
from coursekit.data import daily_temperatures, load_seattle_weather

SWEEP = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99)


@pytest.fixture(scope="module")
def four_years():
    weather = load_seattle_weather()
    start = int(np.argmax(weather.dates >= np.datetime64("2013-01-01")))
    return weather, weather.temp_max, start


@pytest.fixture(scope="module")
def table(four_years):
    _, temps, start = four_years
    return lag.lag_table(temps, SWEEP, start=start)


@pytest.fixture(scope="module")
def comparison(four_years):
    _, temps, start = four_years
    return smoothers.compare_to_reference(temps, lag.seasonal_curve(temps), windows=range(1, 61), start=start)


def test_the_data_a_year_of_daily_maxima():
    dates, temps = daily_temperatures(2015)
    assert len(temps) == 365 and (temps.min(), temps.max()) == (1.7, 35.0)
    assert lag.roughness(temps) == pytest.approx(2.91, abs=0.005)


def test_the_rule_of_thumb_windows():
    assert [round(1 / (1 - b)) for b in (0.5, 0.9, 0.98)] == [2, 10, 50]


def test_one_minus_delta_to_the_one_over_delta_approaches_one_over_e():
    # δ = 1 − β (notebook 04 writes δ: ε is RMSprop's and Adam's constant)
    values = [b ** (1 / (1 - b)) for b in (0.5, 0.9, 0.98, 0.999)]
    assert np.round(values, 4).tolist() == [0.25, 0.3487, 0.3642, 0.3677]
    assert abs(values[-1] - np.exp(-1)) < 5e-4 and np.all(np.diff(values) > 0)


def test_the_weights_fall_to_one_over_e_near_one_over_one_minus_beta():
    assert [round(averages.e_folding_steps(b), 1) for b in (0.5, 0.9, 0.98, 0.999)] == [1.4, 9.5, 49.5, 999.5]


def test_the_window_of_one_over_one_minus_beta_days_holds_about_two_thirds_of_the_weight():
    shares = {b: averages.ewa_weights(b, round(1 / (1 - b))).sum() for b in (0.5, 0.9, 0.98, 0.999)}
    assert [round(100 * s, 1) for s in shares.values()] == [75.0, 65.1, 63.6, 63.2]
    assert round(averages.ewa_weights(0.98, 365).sum(), 5) == 0.99937


def test_the_data_peak_in_mid_july(four_years):
    weather, temps, start = four_years
    peak = lag.seasonal_peak(temps[start:])
    assert round(peak, 1) == 197.4 and str(weather.dates[start] + round(peak)) == "2013-07-17"


def test_on_a_steady_rise_the_settled_average_trails_by_the_mean_age_of_its_weights():
    days = np.arange(3000.0)  # a temperature rising by 1 °C a day
    for beta, mean_age in ((0.5, 1), (0.9, 9), (0.98, 49)):
        assert days[-1] - averages.ewa(days, beta)[-1] == pytest.approx(mean_age, abs=1e-9)
        assert lag.mean_age(beta) == pytest.approx(mean_age)


def test_the_lag_grows_with_beta_and_is_the_mean_age_up_to_0_9(table):
    measured = dict(zip(SWEEP, table.lag))
    assert [round(measured[b], 1) for b in (0.5, 0.9, 0.98)] == [1.0, 8.9, 40.5]
    assert np.all(np.diff(table.lag) > 0)
    near_trend = table.betas <= 0.9
    assert np.all(np.abs(table.lag - table.mean_age)[near_trend] <= 0.15)


def test_for_beta_near_one_the_lag_falls_short_of_the_mean_age_as_the_yearly_wave_predicts(table):
    measured = dict(zip(SWEEP, table.lag))
    assert lag.mean_age(0.98) - measured[0.98] > 8  # 40.5 days against 49
    assert np.max(np.abs(table.lag - table.cycle_delay)) < 0.4  # all 11 βs


def test_larger_beta_smooths_more(four_years, table):
    _, temps, start = four_years
    assert round(lag.roughness(temps, start=start), 2) == 2.88
    wiggle = dict(zip(SWEEP, table.roughness))
    assert [round(wiggle[b], 2) for b in (0.5, 0.9, 0.98)] == [1.49, 0.35, 0.11]
    assert np.all(np.diff(table.roughness) < 0)


def test_at_equal_lag_the_window_is_no_more_accurate(comparison):
    best_window, best_ewa = comparison.window_error.argmin(), comparison.ewa_error.argmin()
    assert comparison.windows[best_window] == 20 and round(comparison.window_error[best_window], 2) == 2.01
    assert comparison.windows[best_ewa] == 21 and round(comparison.betas[best_ewa], 3) == 0.909
    assert round(comparison.ewa_error[best_ewa], 2) == 1.96
    at_19 = list(comparison.windows).index(19)
    assert (round(comparison.window_error[at_19], 2), round(comparison.ewa_error[at_19], 2)) == (2.01, 1.96)
    assert np.all(comparison.ewa_error <= comparison.window_error + 1e-9)  # all 60 window sizes
    assert comparison.ewa_error[best_ewa] > 0.95 * comparison.window_error[best_window]  # "about the same"


def test_the_window_keeps_n_plus_one_numbers_the_ewa_one(four_years):
    _, temps, _ = four_years
    ewa_now, window_now = smoothers.EwaSmoother(0.9), smoothers.WindowSmoother(19)
    for theta in temps:
        ewa_now.update(theta)
        window_now.update(theta)
    assert (ewa_now.numbers_kept, ewa_now.nbytes) == (1, 8)
    assert (window_now.numbers_kept, window_now.nbytes) == (20, 160)
    assert (ewa_now.numbers_kept * 8, window_now.numbers_kept * 8) == (8, 160)  # MB per million parameters
    assert smoothers.WindowSmoother(365).numbers_kept == 366
