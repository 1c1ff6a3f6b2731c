"""A moving window against the exponentially weighted average: equal lag, accuracy, memory, time (notebook 04)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursekit.averages import ewa
from coursekit.experiments.lag import mean_age
from coursekit.experiments.smoothers import (
    EwaSmoother,
    WindowComparison,
    WindowSmoother,
    compare_to_reference,
    matched_beta,
    moving_average,
    rms_distance,
    time_per_update,
)
from tests.strategies import entries

sequences = st.lists(entries, min_size=1, max_size=60).map(np.array)


@given(sequences, st.integers(1, 70))
def test_moving_average_is_the_mean_of_the_last_n_values(thetas, window):
    expected = [thetas[max(0, t - window + 1) : t + 1].mean() for t in range(len(thetas))]
    np.testing.assert_allclose(moving_average(thetas, window), expected, rtol=1e-9, atol=1e-9)


def test_moving_average_golden():
    np.testing.assert_allclose(moving_average([2.0, 4.0, 6.0, 8.0], 3), [2.0, 3.0, 4.0, 6.0], rtol=1e-15)


@given(st.integers(1, 500))
def test_matched_beta_gives_the_window_s_mean_age_and_noise(window):
    beta = matched_beta(window)
    assert mean_age(beta) == pytest.approx((window - 1) / 2, rel=1e-12, abs=1e-12)
    assert (1 - beta) / (1 + beta) == pytest.approx(1 / window, rel=1e-12)  # variance left of white noise


def test_matched_beta_on_white_noise_leaves_the_window_s_variance():
    """Both smoothers of independent noise of variance 1 leave about 1/N of it (N = 19: 0.053)."""
    noise = np.random.default_rng(0).standard_normal(200_000)
    window_var = moving_average(noise, 19)[100:].var()
    ewa_var = ewa(noise, matched_beta(19))[100:].var()
    assert window_var == pytest.approx(1 / 19, rel=0.03) and ewa_var == pytest.approx(1 / 19, rel=0.03)


def test_rms_distance():
    assert rms_distance([1.0, 2.0, 5.0], [1.0, 0.0, 1.0]) == pytest.approx(np.sqrt(20 / 3))
    assert rms_distance([9.0, 3.0], [0.0, 3.0], start=1) == 0.0


def test_compare_to_reference_measures_both_smoothers_at_equal_lag():
    rng = np.random.default_rng(3)
    signal = np.sin(np.arange(800) / 40)
    thetas = signal + rng.normal(0, 0.5, size=800)
    c = compare_to_reference(thetas, signal, np.array([1, 5, 19]), start=100)
    assert isinstance(c, WindowComparison) and c.windows.tolist() == [1, 5, 19]
    np.testing.assert_allclose(c.betas, [0.0, 4 / 6, 18 / 20])
    for n, beta, window_error, ewa_error in zip(*c):
        assert window_error == rms_distance(moving_average(thetas, n), signal, 100)
        assert ewa_error == rms_distance(ewa(thetas, beta), signal, 100)
    assert c.window_error[0] == pytest.approx(c.ewa_error[0], rel=1e-12)  # N = 1, β = 0: both are the data


@given(sequences, st.floats(0.0, 0.99))
def test_the_streaming_ewa_is_the_ewa(thetas, beta):
    s = EwaSmoother(beta)
    np.testing.assert_allclose([s.update(theta) for theta in thetas], ewa(thetas, beta), rtol=1e-12, atol=1e-12)


@given(sequences, st.integers(1, 70))
def test_the_streaming_window_is_the_moving_average(thetas, window):
    s = WindowSmoother(window)
    np.testing.assert_allclose([s.update(theta) for theta in thetas], moving_average(thetas, window),
                               rtol=1e-9, atol=1e-9)


def test_memory_one_number_against_n_plus_one():
    """Notebook 04: 1 number (8 bytes) for the EWA, 20 (160 bytes) for a window of 19, whatever was fed."""
    ewa_s, window_s = EwaSmoother(0.9), WindowSmoother(19)
    for theta in np.linspace(0, 30, 1461):
        ewa_s.update(theta)
        window_s.update(theta)
    assert (ewa_s.numbers_kept, ewa_s.nbytes) == (1, 8)
    assert (window_s.numbers_kept, window_s.nbytes) == (20, 160)


def test_smoothers_of_arrays_keep_arrays_and_their_own_copies():
    ewa_s, window_s = EwaSmoother(0.5), WindowSmoother(3)
    grad = np.ones((2, 3))
    for _ in range(4):
        ewa_s.update(grad)
        window_s.update(grad)
        grad *= 2  # the caller reuses its array
    assert ewa_s.numbers_kept == 6 and window_s.numbers_kept == 4 * 6
    np.testing.assert_allclose(window_s.update(np.zeros((2, 3))), np.full((2, 3), (4 + 8 + 0) / 3))


def test_time_per_update_times_copies_and_leaves_the_smoothers_alone():
    s = EwaSmoother(0.9)
    times = time_per_update({"ewa": s, "window": WindowSmoother(5)}, np.ones(50), repeats=2)
    assert set(times) == {"ewa", "window"} and all(t > 0 for t in times.values())
    assert s.v == 0.0


@pytest.mark.parametrize(
    "call, error, pattern",
    [
        (lambda: moving_average([1.0, 2.0], 0), ValueError, r"window must be an integer >= 1, got 0"),
        (lambda: moving_average([[1.0, 2.0]], 2), ValueError, r"thetas must be a 1-D array"),
        (lambda: matched_beta(2.5), TypeError, r"window must be an integer >= 1, got 2.5 of type float"),
        (lambda: rms_distance([1.0], [1.0, 2.0]), ValueError, r"b must have the shape of a, \(1,\), got \(2,\)"),
        (lambda: rms_distance([1.0], [1.0], start=1), ValueError,
         r"start must be below the length of the sequences, 1, got 1"),
        (lambda: compare_to_reference([1.0, 2.0], [1.0], [1]), ValueError,
         r"reference must have the shape of thetas, \(2,\), got \(1,\)"),
        (lambda: compare_to_reference([1.0, 2.0], [1.0, 2.0], [0], start=0), ValueError,
         r"windows\[0\] must be an integer >= 1, got 0"),
        (lambda: EwaSmoother(1.0), ValueError, r"beta must be in \[0, 1\), got 1.0"),
        (lambda: WindowSmoother(0), ValueError, r"window must be an integer >= 1, got 0"),
        (lambda: time_per_update({}, [1.0]), TypeError, r"smoothers must be a non-empty dict name -> smoother"),
        (lambda: time_per_update({"x": 3}, [1.0]), TypeError, r"smoothers\['x'\] must have an update\(theta\) method"),
        (lambda: time_per_update({"x": EwaSmoother(0.5)}, [1.0], repeats=0), ValueError,
         r"repeats must be an integer >= 1, got 0"),
    ],
)
def test_bad_arguments(call, error, pattern):
    with pytest.raises(error, match=pattern):
        call()
