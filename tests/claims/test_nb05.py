"""Every claim of notebook 05 (bias correction), at the notebook's own settings.

Each test recomputes with coursekit what a cell of the notebook prints and its markdown states.
"""

import numpy as np
import pytest

from coursekit import averages
from coursekit.data import daily_temperatures

BETA = 0.98


@pytest.fixture(scope="module")
def year():
    return daily_temperatures(2015)


@pytest.fixture(scope="module")
def gaps(year):
    dates, temps = year
    firsts = np.flatnonzero(dates.astype("datetime64[M]") != (dates - 1).astype("datetime64[M]"))
    return {str(dates[i]): averages.startup_bias(temps[i:], BETA, days=7) for i in firsts}


def test_the_bias_is_largest_from_1_july_and_smallest_from_1_january(gaps):
    assert len(gaps) == 12 and max(gaps, key=gaps.get) == "2015-07-01" and min(gaps, key=gaps.get) == "2015-01-01"
    assert (round(gaps["2015-01-01"], 1), round(gaps["2015-07-01"], 1)) == (6.3, 30.2)
    assert round(gaps["2015-07-01"] / gaps["2015-01-01"], 1) == 4.8


def test_v1_is_two_percent_of_theta1(year):
    dates, temps = year
    summer = temps[dates >= np.datetime64("2015-07-01")]
    v = averages.ewa(summer, BETA)
    assert len(summer) == 184 and summer[0] == 32.2
    assert v[0] == pytest.approx(0.02 * 32.2, rel=1e-12) and round(v[0], 3) == 0.644


def test_the_uncorrected_average_stays_low_for_months(year):
    dates, temps = year
    summer = temps[dates >= np.datetime64("2015-07-01")]
    gap = averages.ewa(summer, BETA, bias_correction=True) - averages.ewa(summer, BETA)
    assert [round(gap[t - 1], 2) for t in (1, 7, 30, 100)] == [31.56, 27.48, 15.09, 2.98]
    assert averages.ewa(summer, BETA, bias_correction=True)[0] == pytest.approx(32.2)


def test_the_factor_is_large_at_first():
    assert [round(averages.correction_factor(b, 1), 6) for b in (0.9, 0.98, 0.999)] == [10, 50, 1000]
    assert [round(averages.correction_factor(b, 10), 2) for b in (0.9, 0.98, 0.999)] == [1.54, 5.47, 100.45]


def test_the_warm_up_lasts_close_to_4_6_over_one_minus_beta_steps():
    steps = [averages.warmup_steps(b) for b in (0.9, 0.98, 0.999)]
    assert steps == [44, 229, 4613]
    assert [round(t * (1 - b), 2) for t, b in zip(steps, (0.9, 0.98, 0.999))] == [4.4, 4.58, 4.61]
    assert 100 < steps[2] / steps[0] < 110  # "about a hundred times longer"


def _ratios():
    t = np.arange(1, 20_001)
    momentum = 1 / averages.correction_factor(0.9, t)
    adam = np.sqrt(averages.correction_factor(0.999, t)) / averages.correction_factor(0.9, t)
    return momentum, adam


def test_without_correction_momentum_s_steps_are_only_smaller():
    momentum, _ = _ratios()
    assert round(momentum[0], 3) == 0.1 and np.all(momentum <= 1)
    assert np.argmax(momentum >= 0.99) + 1 == 44


def test_without_correction_adam_s_steps_are_several_times_too_large():
    _, adam = _ratios()
    assert round(adam[0], 2) == 3.16 and round(adam[9], 2) == 6.53
    assert (round(adam.max(), 2), adam.argmax() + 1) == (6.57, 12)
    assert round(adam[999], 2) == 1.26 and round(adam[4612], 2) == 1.0
    assert np.argmax(adam <= 1.01) + 1 == 3925
    assert np.all(adam[:3000] > 1)
