"""Tests of coursekit.experiments.along_path: the gradients, averages and effective steps rebuild the optimizers' own steps."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.experiments.along_path import averages, effective_step, gradients
from coursekit.averages import ewa
from coursekit.optim import GD, Momentum, RMSprop
from coursekit.surfaces import elongated_quadratic, rosenbrock, rotated_quadratic
from coursekit.trajectories import trajectory
from tests.strategies import betas


def test_gradients_are_those_the_optimizer_stepped_with():
    s = rosenbrock()
    run = trajectory(s, GD(lr=1e-3), steps=20)
    np.testing.assert_allclose(run.points[1:], run.points[:-1] - 1e-3 * gradients(s, run), rtol=0, atol=1e-15)
    assert gradients(s, run).shape == (20, 2)


@settings(max_examples=25, deadline=None)
@given(beta=betas, lr=st.floats(1e-3, 0.15))
def test_the_average_of_the_gradients_is_momentums_velocity(beta, lr):
    s = rotated_quadratic(10.0, 30.0)
    run = trajectory(s, Momentum(lr, beta=beta), steps=30)
    v = averages(gradients(s, run), beta)
    np.testing.assert_allclose(run.points[1:], run.points[:-1] - lr * v, rtol=1e-12, atol=1e-12)


def test_rmsprop_moves_each_coordinate_by_the_gradient_times_its_effective_step():
    s = elongated_quadratic(100.0)
    run = trajectory(s, RMSprop(0.04, beta2=0.9), steps=50)
    g = gradients(s, run)
    step = effective_step(averages(g**2, 0.9), lr=0.04, eps=1e-8)
    np.testing.assert_allclose(run.points[1:], run.points[:-1] - g * step, rtol=1e-12, atol=1e-14)


def test_averages_works_column_by_column_like_ewa():
    values = np.array([[1.0, 10.0], [3.0, -10.0], [5.0, 10.0]])
    out = averages(values, 0.5)
    np.testing.assert_array_equal(out[:, 0], ewa(values[:, 0], 0.5))
    np.testing.assert_array_equal(out[:, 1], ewa(values[:, 1], 0.5))


def test_without_eps_a_zero_mean_square_gives_an_infinite_step():
    assert effective_step([0.0], lr=0.1, eps=0.0).tolist() == [np.inf]
    assert effective_step([0.0], lr=0.1, eps=1e-8).tolist() == pytest.approx([1e7])


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: gradients("bowl", None), TypeError, "surface must be a coursekit.surfaces.Surface, got str"),
        (lambda: gradients(rosenbrock(), [[0, 0]]), TypeError, "run must be a Trajectory"),
        (lambda: averages([1.0, 2.0], 0.5), ValueError, r"values must be a 2-D array, got 1-D array of shape \(2,\)"),
        (lambda: averages([[1.0]], 1.0), ValueError, r"beta must be in \[0, 1\), got 1.0"),
        (lambda: effective_step([-1.0], 0.1), ValueError, "s must hold mean squares >= 0, got a minimum of -1.0"),
        (lambda: effective_step([1.0], 0.1, eps=-1e-8), ValueError, "eps must be a finite number >= 0"),
        (lambda: effective_step([1.0], 0.0), ValueError, "lr must be a finite number > 0, got 0.0"),
    ],
)
def test_bad_arguments_are_named(call, error, message):
    with pytest.raises(error, match=message):
        call()
