"""Tests of coursekit.experiments.settling: the steps map against coursekit's trajectories and the theory, the steps
for each learning rate, and bad arguments."""

import math

import numpy as np
import pytest

from coursekit.experiments.convergence import best_gd, best_momentum
from coursekit.experiments.settling import StepsByLr, StepsMap, steps_by_lr, steps_map
from coursekit.optim import GD, Momentum, RMSprop
from coursekit.surfaces import elongated_quadratic, rosenbrock, rotated_quadratic
from coursekit.trajectories import trajectory


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
    np.testing.assert_array_equal(m.row(0.0).steps, steps_by_lr(s, GD, [0.05, 0.1, 0.25], tol=1e-3, steps=2000).steps)


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


def test_steps_by_lr_and_maps_name_their_best_and_refuse_an_empty_result():
    sweep = StepsByLr(np.array([0.1, 0.2, 0.4, 0.8]), np.array([30.0, 12.0, 12.0, np.nan]))
    assert sweep.best() == (0.2, 12) and sweep.largest_working_lr() == 0.4
    assert math.isnan(StepsByLr(np.array([0.1]), np.array([np.nan])).largest_working_lr())
    with pytest.raises(ValueError, match="no learning rate of the sweep reached the tolerance"):
        StepsByLr(np.array([0.1]), np.array([np.nan])).best()
    with pytest.raises(ValueError, match="no point of the grid reached the tolerance"):
        StepsMap(np.array([0.1]), np.array([0.0]), np.array([[np.nan]])).best()
    with pytest.raises(ValueError, match=r"beta must be one of the grid's betas \[0.0\], got 0.5"):
        StepsMap(np.array([0.1]), np.array([0.0]), np.array([[1.0]])).row(0.5)


def test_steps_by_lr_runs_any_optimizer_through_trajectories():
    s = elongated_quadratic(100.0)
    sweep = steps_by_lr(s, RMSprop, [0.01, 0.04, 1.0], tol=0.1, steps=300)
    expected = [trajectory(s, RMSprop(lr), steps=300).steps_to_settle((0, 0), 0.1) for lr in (0.01, 0.04, 1.0)]
    assert [None if math.isnan(x) else int(x) for x in sweep.steps] == expected


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: steps_map("bowl", [0.1], [0.0], 1e-3), TypeError, r"surface must be a coursekit.surfaces.Surface"),
        (lambda: steps_map(rosenbrock(), [0.1], [0.0], 1e-3), ValueError, r"surface must be a quadratic bowl"),
        (lambda: steps_map(elongated_quadratic(), [], [0.0], 1e-3), ValueError, r"lrs must hold at least one value"),
        (lambda: steps_map(elongated_quadratic(), [0.1], [1.2], 1e-3), ValueError,
         r"betas entries must be in \[0, 1\), got 1.2"),
        (lambda: steps_map(elongated_quadratic(), [0.1], [0.0], 0.0), ValueError, r"tol must be a finite number > 0"),
        (lambda: steps_map(elongated_quadratic(), [0.1], [0.0], 1e-3, max_steps=0), ValueError,
         r"max_steps must be an integer >= 1, got 0"),
        (lambda: steps_by_lr(elongated_quadratic(), "GD", [0.1], 1e-3), TypeError,
         r"make must be a function lr -> optimizer"),
        (lambda: steps_by_lr(elongated_quadratic(), GD, [-0.1], 1e-3), ValueError,
         r"lrs entries must be a finite number > 0, got -0.1"),
    ],
)
def test_bad_arguments_are_named(call, error, message):
    with pytest.raises(error, match=message):
        call()
