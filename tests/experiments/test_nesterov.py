"""Nesterov against heavy ball on a quadratic bowl (coursekit.experiments.nesterov): the race counts what the
optimizers do, heavy ball's counts are those of settling.steps_map, and the factors are the iteration's roots."""

import math

import numpy as np
import pytest

from coursekit import optim, surfaces
from coursekit.experiments import nesterov, settling
from coursekit.trajectories import trajectory

BOWL = surfaces.elongated_quadratic(100.0)
TURNED = surfaces.rotated_quadratic(20.0, 30.0)  # a Hessian with off-diagonal terms


@pytest.mark.parametrize("surface", [BOWL, TURNED], ids=["elongated", "rotated"])
def test_each_count_is_the_optimizers_own_steps_to_settle_from_each_start(surface):
    lrs, betas = [0.01, 0.05, 0.2, 3.0], [0.0, 0.5, 0.9]
    starts = nesterov.turned_starts(surface, [45, 100])
    race = nesterov.race(surface, lrs, betas, tol=1e-3, max_steps=400, starts=starts)
    for name, make in (("Momentum", optim.Momentum), ("Nesterov", optim.Nesterov)):
        for i, beta in enumerate(betas):
            for j, lr in enumerate(lrs):
                for k, start in enumerate(starts):
                    settled = trajectory(surface, make(lr=lr, beta=beta), start=start, steps=400).steps_to_settle(
                        surface.minima[0], 1e-3)
                    found = race.steps[name][k, i, j]
                    assert (np.isnan(found) and settled is None) or found == settled, (name, lr, beta, start)


def test_heavy_balls_counts_are_those_of_the_map_and_at_beta_0_both_are_gradient_descent():
    lrs, betas = np.geomspace(1e-3, 1, 25), np.linspace(0, 0.95, 8)
    race = nesterov.race(BOWL, lrs, betas, tol=1e-3, max_steps=600)
    np.testing.assert_array_equal(race.steps["Momentum"][0], settling.steps_map(BOWL, lrs, betas, 1e-3, 600).steps)
    np.testing.assert_array_equal(race.steps["Nesterov"][:, 0], race.steps["Momentum"][:, 0])


def test_a_start_at_the_minimum_needs_no_step_and_a_start_inside_the_tolerance_none_either():
    race = nesterov.race(BOWL, [0.01], [0.5], tol=1e-3, starts=[[0.0, 0.0], [5e-4, 0.0]])
    assert race.steps["Nesterov"][:, 0, 0].tolist() == [0.0, 0.0]


def test_best_is_the_lowest_mean_over_starts_settling_from_every_one_and_by_beta_gives_the_spread():
    steps = np.array([[[9.0, 4.0, 30.0]], [[7.0, np.nan, 10.0]]])  # 2 starts, 1 β, 3 α
    race = nesterov.Race(np.array([0.1, 0.2, 0.3]), np.array([0.5]), np.zeros((2, 2)), {"Nesterov": steps})
    assert race.best("Nesterov").lr == 0.1  # 0.2 fails from the second start
    mean, low, high = race.by_beta("Nesterov")
    assert (mean.tolist(), low.tolist(), high.tolist()) == ([8.0], [7.0], [9.0])
    never = nesterov.Race(race.lrs, race.betas, race.starts, {"Nesterov": np.full((2, 1, 3), np.nan)})
    assert np.isnan(never.by_beta("Nesterov")[0]).all()
    with pytest.raises(ValueError, match="no point of the grid settles Nesterov from every start"):
        never.best("Nesterov")


def test_the_factors_are_the_eigenvalues_of_nesterov_update_as_a_linear_map():
    for lr, beta, lam in ((0.0631, 0.9, 100.0), (0.3, 0.5, 1.0), (0.02, 0.99, 30.0), (0.5, 0.0, 3.0)):
        # one step on J = λ w² / 2 maps (w, v) linearly: its matrix, column by column
        columns = [np.concatenate(optim.nesterov_update(np.array([w]), np.array([v]), np.array([lam * w]), lr, beta))
                   for w, v in ((1.0, 0.0), (0.0, 1.0))]
        expected = np.abs(np.linalg.eigvals(np.column_stack(columns))).max()
        assert nesterov.factors(lr, beta, [lam])[0] == pytest.approx(expected, rel=1e-9)


def test_at_beta_0_the_factor_is_gradient_descents_and_a_grid_broadcasts():
    np.testing.assert_allclose(nesterov.factors(0.015, 0.0, [1.0, 100.0]), [0.985, 0.5])
    grid = nesterov.factors(np.geomspace(1e-3, 1, 7), np.linspace(0, 0.9, 4)[:, None], [1.0, 100.0])
    assert grid.shape == (4, 7, 2)
    assert grid[1, 3, 1] == nesterov.factors(np.geomspace(1e-3, 1, 7)[3], np.linspace(0, 0.9, 4)[1], [100.0])[0]


def test_no_pair_beats_the_best_factor_and_its_pair_reaches_it():
    lam = np.array([1.0, 50.0])
    grid = nesterov.factors(np.geomspace(1e-3, 2, 200), np.linspace(0, 0.99, 200)[:, None], lam).max(axis=-1)
    best = nesterov.best_factor(lam)
    assert best == pytest.approx(1 - 2 / math.sqrt(151)) and best - 1e-12 <= grid.min() < best + 0.01
    root = math.sqrt(151)
    beta = (root - 2) / (root + 2)
    np.testing.assert_allclose(nesterov.factors(4 / 151 / (1 - beta), beta, lam), [best, best], rtol=1e-6)


def test_turned_starts_keep_the_distance_to_the_minimum_and_begin_with_the_start():
    s = surfaces.several_minima()
    starts = nesterov.turned_starts(s, [0, 90, 180])
    centre = np.array(s.minima[0])
    np.testing.assert_allclose(starts[:2], [s.start, s.start])
    np.testing.assert_allclose(np.linalg.norm(starts - centre, axis=1), np.linalg.norm(np.subtract(s.start, centre)))
    np.testing.assert_allclose(starts[3] - centre, -(starts[0] - centre), atol=1e-12)
