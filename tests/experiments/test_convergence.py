"""Tests of coursekit.experiments.convergence: the factors per direction against simulation, the best (α, β) against the
theory, the steps a factor needs, and bad arguments."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.experiments.convergence import best_gd, best_momentum, gd_factors, momentum_factors, steps_for_rate

KAPPAS = st.floats(1.5, 300.0)


def _measured_factor(lr, beta, lam, steps=400):
    """The error's factor per step along one direction, from the envelope of a long run of the averaged rule."""
    e, v, sizes = 1.0, 0.0, []
    for _ in range(steps):
        v = beta * v + (1 - beta) * lam * e
        e = e - lr * v
        sizes.append(abs(e))
    return (max(sizes[-40:]) / max(sizes[-80:-40])) ** (1 / 40)


@settings(max_examples=40, deadline=None)
@given(lr=st.floats(0.01, 1.5), beta=st.floats(0.0, 0.95), lam=st.floats(0.1, 10.0))
def test_the_momentum_factor_is_the_rate_a_long_run_shows(lr, beta, lam):
    (rate,) = momentum_factors(lr, beta, [lam])
    if not 0.3 < rate < 1.02:
        return  # too fast to measure over 400 steps, or blowing up past floats
    assert _measured_factor(lr, beta, lam) == pytest.approx(rate, rel=0.03)


@given(lr=st.floats(1e-3, 2.0), lam=st.lists(st.floats(0.1, 100.0), min_size=1, max_size=4))
def test_momentum_with_beta_zero_is_gradient_descent(lr, lam):
    np.testing.assert_allclose(momentum_factors(lr, 0.0, lam), gd_factors(lr, lam), atol=1e-12)


def test_gd_factors_explain_notebook_00_and_the_stability_limit():
    np.testing.assert_allclose(gd_factors(0.1, [1.0, 10.0]), [0.9, 0.0], atol=1e-12)
    np.testing.assert_allclose(gd_factors(0.19, [1.0, 10.0]), [0.81, 0.9])
    assert gd_factors(0.2 + 1e-9, [1.0, 10.0]).max() > 1 > gd_factors(0.2 - 1e-9, [1.0, 10.0]).max()


@given(kappa=KAPPAS)
def test_best_gd_balances_the_flattest_and_the_steepest_direction(kappa):
    lr, beta, rate = best_gd([1.0, kappa])
    assert beta == 0.0 and rate == pytest.approx((kappa - 1) / (kappa + 1))
    np.testing.assert_allclose(gd_factors(lr, [1.0, kappa]), [rate, rate])
    for other in (lr * 0.97, lr * 1.03):
        assert gd_factors(other, [1.0, kappa]).max() > rate


@given(kappa=KAPPAS)
def test_best_momentum_reaches_the_theory_rate_and_nothing_nearby_beats_it(kappa):
    tuning = best_momentum([1.0, kappa])
    root = math.sqrt(kappa)
    assert tuning.rate == pytest.approx((root - 1) / (root + 1))
    assert tuning.lr == pytest.approx(1 / root) and tuning.lr * (1 - tuning.beta) == pytest.approx(
        (2 / (root + 1)) ** 2
    )
    assert momentum_factors(tuning.lr, tuning.beta, [1.0, kappa]).max() == pytest.approx(tuning.rate, rel=1e-6)
    for lr, beta in ((tuning.lr * 1.05, tuning.beta), (tuning.lr * 0.95, tuning.beta),
                     (tuning.lr, tuning.beta * 0.95), (tuning.lr, min(0.999, tuning.beta * 1.05))):
        assert momentum_factors(lr, beta, [1.0, kappa]).max() >= tuning.rate - 1e-12


def test_the_theory_numbers_of_notebook_05():
    assert steps_for_rate(best_gd([1.0, 100.0]).rate, 1e-6) == pytest.approx(690.8, abs=0.1)
    assert steps_for_rate(best_momentum([1.0, 100.0]).rate, 1e-6) == pytest.approx(68.8, abs=0.1)
    assert steps_for_rate(1.0, 0.5) == math.inf and steps_for_rate(0.0, 0.5) == 0.0


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: gd_factors(0.1, []), ValueError, r"curvatures must be a non-empty 1-D array of numbers > 0"),
        (lambda: gd_factors(0.1, [1.0, -2.0]), ValueError, r"curvatures must be .*got \[1.0, -2.0\]"),
        (lambda: gd_factors(-0.1, [1.0]), ValueError, r"lr must be a finite number > 0, got -0.1"),
        (lambda: momentum_factors(0.1, 1.0, [1.0]), ValueError, r"beta must be in \[0, 1\), got 1.0"),
        (lambda: steps_for_rate(-0.5, 0.1), ValueError, r"rate must be a finite number >= 0, got -0.5"),
        (lambda: steps_for_rate(0.5, 1.0), ValueError, r"reduction must be a number in \(0, 1\), got 1.0"),
    ],
)
def test_bad_arguments_are_named(call, error, message):
    with pytest.raises(error, match=message):
        call()
