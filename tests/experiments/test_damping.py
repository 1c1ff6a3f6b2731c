"""Tests of coursekit.experiments.damping: the error along each eigen-direction, and critical damping."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursekit import optim
from coursekit.experiments import convergence, damping
from coursekit.surfaces import elongated_quadratic, rotated_quadratic

BOWL = elongated_quadratic(100.0)


def test_gd_multiplies_the_error_along_each_direction_by_one_minus_alpha_lambda():
    run = damping.eigen_errors(BOWL, optim.GD(lr=0.015), steps=40)
    assert run.curvatures.tolist() == [1.0, 100.0] and not run.diverged
    steps = np.arange(41)[:, None]
    np.testing.assert_allclose(run.errors, run.errors[0] * (1 - 0.015 * run.curvatures) ** steps, rtol=1e-12)


def test_the_split_does_not_depend_on_how_the_bowl_is_turned():
    turned = rotated_quadratic()
    run = damping.eigen_errors(turned, optim.Momentum(lr=0.05, beta=0.5), steps=30)
    hessian = turned.hessian(turned.minima[0])
    np.testing.assert_allclose(hessian @ run.directions, run.directions * run.curvatures, atol=1e-12)
    # the parts put back together are the path's error itself
    np.testing.assert_allclose(np.linalg.norm(run.errors, axis=1)[0], math.hypot(*np.subtract(turned.start, turned.minima[0])))


def test_momentum_follows_its_two_term_recurrence_along_each_direction():
    lr, beta = 0.0631, 0.9
    e = damping.eigen_errors(BOWL, optim.Momentum(lr=lr, beta=beta), steps=30).errors
    a = 1 + beta - lr * (1 - beta) * np.array([1.0, 100.0])
    np.testing.assert_allclose(e[2:], a * e[1:-1] - beta * e[:-2], atol=1e-12)


def test_a_diverging_run_is_cut_where_it_leaves():
    run = damping.eigen_errors(BOWL, optim.GD(lr=0.05), steps=200)
    assert run.diverged and len(run.errors) < 201


@given(st.floats(0.01, 100.0), st.floats(0.1, 1000.0))
def test_at_the_critical_beta_the_two_roots_meet(lr_lambda, lam):
    beta = damping.critical_betas(lr_lambda / lam, [lam])[0]
    a = 1 + beta - lr_lambda / lam * (1 - beta) * lam
    assert a * a - 4 * beta == pytest.approx(0.0, abs=1e-9)


def test_above_the_critical_beta_a_direction_swings_in_at_root_beta_and_below_it_creeps():
    critical = damping.critical_betas(0.05, [1.0])[0]
    assert convergence.momentum_factors(0.05, critical + 0.01, [1.0])[0] == pytest.approx(math.sqrt(critical + 0.01))
    assert convergence.momentum_factors(0.05, critical - 0.01, [1.0])[0] > math.sqrt(critical - 0.01)


def test_goh_s_summed_form_gives_the_same_border():
    lr, lam = 0.3, np.array([0.5, 2.0, 30.0])
    beta = damping.critical_betas(lr, lam)
    np.testing.assert_allclose(beta, (1 - np.sqrt(lr * (1 - beta) * lam)) ** 2)


def test_the_mean_factor_between_two_steps():
    run = damping.EigenErrors(np.ones(2), np.eye(2), np.array([[8.0, 1.0], [4.0, 1.0], [1.0, 1.0]]), False)
    np.testing.assert_allclose(run.rates(0, 2), [0.5**1.5, 1.0])
    with pytest.raises(ValueError, match=r"last must be > first = 1 and < 3 \(the steps recorded\), got 1"):
        run.rates(1, 1)
