"""Tests of coursekit.experiments.least_squares: the two-weight regression, its mini-batch paths and their distance to the minimum."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursekit.experiments.least_squares import LeastSquares, least_squares, mean_distance, minibatch_path
from coursekit.minibatch import random_mini_batches
from coursekit.optim import GD, Adam
from coursekit.schedules import inverse_time_decay


@pytest.fixture(scope="module")
def problem():
    return least_squares(m=200, noise=0.5, seed=0)


def test_the_minimum_is_the_least_squares_solution_and_the_surface_is_the_full_cost(problem):
    X, y = problem.X, problem.Y[0]
    expected = np.linalg.lstsq(X.T, y, rcond=None)[0]
    np.testing.assert_allclose(problem.w_star, expected, rtol=1e-12)
    for w in ([0.3, -1.2], [-1.5, 1.5], list(problem.w_star)):
        direct = np.mean((np.array(w) @ X - y) ** 2) / 2
        assert problem.surface.loss(w) == pytest.approx(direct, rel=1e-12)
    np.testing.assert_allclose(problem.surface.hessian([0.0, 0.0]), X @ X.T / 200, rtol=1e-12)


@given(st.floats(-2, 2), st.floats(-2, 2))
def test_the_analytic_gradient_matches_finite_differences(u, v):
    surface = least_squares(m=30, seed=3).surface
    h = 1e-6
    numeric = [(surface.loss([u + h, v]) - surface.loss([u - h, v])) / (2 * h),
               (surface.loss([u, v + h]) - surface.loss([u, v - h])) / (2 * h)]
    np.testing.assert_allclose(surface.grad([u, v]), numeric, rtol=1e-6, atol=1e-7)


def test_without_noise_the_data_agree_on_one_w_and_a_fixed_rate_settles_exactly():
    problem = least_squares(m=100, noise=0.0, seed=1)
    np.testing.assert_allclose(problem.w_star, [1.0, -0.5], rtol=1e-12)
    run = minibatch_path(problem, GD(0.1), epochs=40, mini_batch_size=10)
    assert mean_distance(run.points, problem.w_star) < 1e-6


def test_minibatch_path_steps_on_the_gradient_of_each_mini_batch_in_trains_order(problem):
    run = minibatch_path(problem, GD(0.05), epochs=2, mini_batch_size=64, seed=4)
    w = np.array(problem.surface.start)
    expected = [w.copy()]
    for epoch in (1, 2):
        for X_t, Y_t in random_mini_batches(problem.X, problem.Y, 64, seed=4 + epoch):
            w = w - 0.05 * X_t @ (w @ X_t - Y_t[0]) / X_t.shape[1]
            expected.append(w.copy())
    np.testing.assert_allclose(run.points, expected, rtol=1e-12)
    assert len(run.points) == 2 * 4 + 1 and not run.diverged
    np.testing.assert_allclose(run.losses, problem.surface.f(run.points[:, 0], run.points[:, 1]))


def test_a_schedule_sets_the_rate_of_each_epoch(problem):
    schedule = inverse_time_decay(0.2, 1.0)
    scheduled = minibatch_path(problem, GD(1.0), epochs=3, mini_batch_size=100, schedule=schedule)
    w = np.array(problem.surface.start)
    for epoch in (1, 2, 3):
        for X_t, Y_t in random_mini_batches(problem.X, problem.Y, 100, seed=epoch):
            w = w - schedule(epoch) * X_t @ (w @ X_t - Y_t[0]) / X_t.shape[1]
    np.testing.assert_allclose(scheduled.points[-1], w, rtol=1e-12)


def test_a_fixed_rate_wanders_and_decay_settles(problem):
    fixed = minibatch_path(problem, GD(0.2), epochs=30, mini_batch_size=10)
    decayed = minibatch_path(problem, GD(0.2), epochs=30, mini_batch_size=10, schedule=inverse_time_decay(0.2, 1.0))
    assert mean_distance(fixed.points, problem.w_star) > 5 * mean_distance(decayed.points, problem.w_star)


def test_a_too_large_rate_is_reported_as_diverged(problem):
    run = minibatch_path(problem, GD(5.0), epochs=50, mini_batch_size=10)
    assert run.diverged and len(run.points) < 50 * 20 + 1
    assert np.all(np.isfinite(run.points))


def test_mean_distance_averages_the_last_points():
    points = [[10.0, 0.0], [3.0, 4.0], [0.0, 2.0]]
    assert mean_distance(points, [0.0, 0.0], last=2) == pytest.approx(3.5)
    assert mean_distance(points, [0.0, 0.0], last=3) == pytest.approx(17 / 3)


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: least_squares(m=1), ValueError, r"m must be an integer >= 2, got 1"),
        (lambda: least_squares(noise=-1.0), ValueError, r"noise must be a finite number >= 0, got -1.0"),
        (lambda: least_squares(seed=-2), ValueError, r"seed must be an integer >= 0, got -2"),
        (lambda: minibatch_path("data", GD(0.1), 1), TypeError, r"problem must be a LeastSquares"),
        (lambda: minibatch_path(least_squares(), "GD", 1), TypeError, r"optimizer must be a coursekit.optim optimizer"),
        (lambda: minibatch_path(least_squares(), _used(), 1), ValueError, r"optimizer must be fresh"),
        (lambda: minibatch_path(least_squares(), GD(0.1), 0), ValueError, r"epochs must be an integer >= 1, got 0"),
        (lambda: minibatch_path(least_squares(), GD(0.1), 1, mini_batch_size=0), ValueError,
         r"mini_batch_size must be an integer >= 1, got 0"),
        (lambda: minibatch_path(least_squares(), GD(0.1), 1, schedule=0.1), TypeError,
         r"schedule must be None or a function epoch -> lr, got 0.1"),
        (lambda: minibatch_path(least_squares(), GD(0.1), 1, schedule=lambda e: -1.0), ValueError,
         r"schedule\(1\) must be a finite number > 0, got -1.0"),
        (lambda: minibatch_path(least_squares(), GD(0.1), 1, start=[1.0]), ValueError, r"start must have shape \(2,\)"),
        (lambda: mean_distance([1.0, 2.0], [0.0, 0.0]), ValueError, r"points must be a 2-D array"),
        (lambda: mean_distance(np.zeros((3, 3)), [0.0, 0.0]), ValueError, r"points must have shape \(T \+ 1, 2\)"),
        (lambda: mean_distance(np.zeros((3, 2)), [0.0, 0.0], last=4), ValueError,
         r"last must be at most the number of points \(3\), got 4"),
    ],
)
def test_bad_arguments_are_refused(call, error, message):
    with pytest.raises(error, match=message):
        call()


def _used():
    opt = Adam(0.1)
    opt.step({"w": np.zeros(2)}, {"w": np.ones(2)})
    return opt


def test_least_squares_is_a_named_tuple():
    assert LeastSquares._fields == ("X", "Y", "surface", "w_star")
