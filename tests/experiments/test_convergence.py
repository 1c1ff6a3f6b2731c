"""Tests of coursekit.experiments.convergence: the factors per direction against simulation, the best (α, β) against the
theory, the steps map against coursekit's trajectories, sweeps, and bad arguments."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.experiments.convergence import (
    StepsMap,
    Sweep,
    best_gd,
    best_momentum,
    gd_factors,
    lr_sweep,
    momentum_factors,
    steps_for_rate,
    steps_map,
)
from coursekit.optim import GD, Momentum, RMSprop
from coursekit.surfaces import elongated_quadratic, rosenbrock, rotated_quadratic
from coursekit.trajectories import trajectory

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


# --- the steps map and sweeps --------------------------------------------------------------------------


@pytest.mark.parametrize("surface", [elongated_quadratic(100.0), rotated_quadratic(30.0, 45.0)], ids=repr)
def test_the_steps_map_counts_exactly_as_trajectories_settle(surface):
    lrs, betas, tol = [0.005, 0.02, 0.08, 0.3, 1.5], [0.0, 0.5, 0.9], 1e-3
    m = steps_map(surface, lrs, betas, tol, max_steps=600)
    assert m.steps.shape == (3, 5)
    for i, beta in enumerate(betas):
        for j, lr in enumerate(lrs):
            settled = trajectory(surface, Momentum(lr, beta=beta), steps=600).steps_to_settle(surface.minima[0], tol)
            assert (math.isnan(m.steps[i, j]) and settled is None) or m.steps[i, j] == settled, (lr, beta)


def test_the_steps_map_has_its_start_and_its_beta_zero_row():
    s = elongated_quadratic(10.0)
    assert steps_map(s, [0.1], [0.0], tol=5.0).steps.tolist() == [[0.0]]  # the start is within tol already
    m = steps_map(s, [0.05, 0.1, 0.25], [0.0, 0.9], tol=1e-3)
    np.testing.assert_array_equal(m.row(0.0).steps, lr_sweep(s, GD, [0.05, 0.1, 0.25], tol=1e-3, steps=2000).steps)


def test_measured_best_on_the_notebook_grid_is_close_to_the_theory():
    s = elongated_quadratic(100.0)
    tol = 1e-6 * math.hypot(*s.start)
    m = steps_map(s, np.geomspace(1e-3, 10, 81), np.linspace(0, 0.99, 100), tol)
    lr, beta, steps = m.best()
    theory = best_momentum([1.0, 100.0])
    assert lr == pytest.approx(theory.lr, rel=0.15) and beta == pytest.approx(theory.beta, abs=0.05)
    assert 68 <= steps <= 80
    exact = steps_map(s, [best_gd([1.0, 100.0]).lr], [0.0], tol, max_steps=3000)
    assert exact.steps[0, 0] == 691  # the theory's ln(10⁻⁶) / ln(99/101) = 690.8, to the step


def test_sweeps_and_maps_name_their_best_and_refuse_an_empty_result():
    sweep = Sweep(np.array([0.1, 0.2, 0.4, 0.8]), np.array([30.0, 12.0, 12.0, np.nan]))
    assert sweep.best() == (0.2, 12) and sweep.largest_working_lr() == 0.4
    assert math.isnan(Sweep(np.array([0.1]), np.array([np.nan])).largest_working_lr())
    with pytest.raises(ValueError, match="no learning rate of the sweep reached the tolerance"):
        Sweep(np.array([0.1]), np.array([np.nan])).best()
    with pytest.raises(ValueError, match="no point of the grid reached the tolerance"):
        StepsMap(np.array([0.1]), np.array([0.0]), np.array([[np.nan]])).best()
    with pytest.raises(ValueError, match=r"beta must be one of the grid's betas \[0.0\], got 0.5"):
        StepsMap(np.array([0.1]), np.array([0.0]), np.array([[1.0]])).row(0.5)


def test_lr_sweep_runs_any_optimizer_through_trajectories():
    s = elongated_quadratic(100.0)
    sweep = lr_sweep(s, RMSprop, [0.01, 0.04, 1.0], tol=0.1, steps=300)
    expected = [trajectory(s, RMSprop(lr), steps=300).steps_to_settle((0, 0), 0.1) for lr in (0.01, 0.04, 1.0)]
    assert [None if math.isnan(x) else int(x) for x in sweep.steps] == expected


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: gd_factors(0.1, []), ValueError, r"curvatures must be a non-empty 1-D array of numbers > 0"),
        (lambda: gd_factors(0.1, [1.0, -2.0]), ValueError, r"curvatures must be .*got \[1.0, -2.0\]"),
        (lambda: gd_factors(-0.1, [1.0]), ValueError, r"lr must be a finite number > 0, got -0.1"),
        (lambda: momentum_factors(0.1, 1.0, [1.0]), ValueError, r"beta must be in \[0, 1\), got 1.0"),
        (lambda: steps_for_rate(-0.5, 0.1), ValueError, r"rate must be a finite number >= 0, got -0.5"),
        (lambda: steps_for_rate(0.5, 1.0), ValueError, r"reduction must be a number in \(0, 1\), got 1.0"),
        (lambda: steps_map("bowl", [0.1], [0.0], 1e-3), TypeError, r"surface must be a coursekit.surfaces.Surface"),
        (lambda: steps_map(rosenbrock(), [0.1], [0.0], 1e-3), ValueError, r"surface must be a quadratic bowl"),
        (lambda: steps_map(elongated_quadratic(), [], [0.0], 1e-3), ValueError, r"lrs must hold at least one value"),
        (lambda: steps_map(elongated_quadratic(), [0.1], [1.2], 1e-3), ValueError,
         r"betas entries must be in \[0, 1\), got 1.2"),
        (lambda: steps_map(elongated_quadratic(), [0.1], [0.0], 0.0), ValueError, r"tol must be a finite number > 0"),
        (lambda: steps_map(elongated_quadratic(), [0.1], [0.0], 1e-3, max_steps=0), ValueError,
         r"max_steps must be an integer >= 1, got 0"),
        (lambda: lr_sweep(elongated_quadratic(), "GD", [0.1], 1e-3), TypeError, r"make must be a function lr -> optimizer"),
        (lambda: lr_sweep(elongated_quadratic(), GD, [-0.1], 1e-3), ValueError,
         r"lrs entries must be a finite number > 0, got -0.1"),
    ],
)
def test_bad_arguments_are_named(call, error, message):
    with pytest.raises(error, match=message):
        call()
