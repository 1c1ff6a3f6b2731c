"""Many starts at once: coursekit.experiments.basins (notebook 10)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursekit.experiments.basins import nearest_minimum, start_grid
from coursekit.trajectories import from_starts
from coursekit.optim import OPTIMIZERS, make_optimizer
from coursekit.surfaces import elongated_quadratic, saddle, several_minima
from coursekit.trajectories import trajectory


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_many_starts_at_once_are_the_single_runs_of_trajectory(name):
    surface = several_minima()
    starts = np.array([[-2.5, 2.5], [1.0, -1.0], [0.2, 2.0]])
    together = from_starts(surface, make_optimizer(name, 0.05, 0.9, 0.99), starts, steps=40)
    assert together.shape == (41, 3, 2)
    for i, start in enumerate(starts):
        alone = trajectory(surface, make_optimizer(name, 0.05, 0.9, 0.99), start=start, steps=40)
        np.testing.assert_allclose(together[:, i], alone.points, rtol=1e-12, atol=1e-15)


def test_a_diverging_run_stops_and_the_others_go_on():
    surface = elongated_quadratic(10.0)
    out = from_starts(surface, make_optimizer("GD", 0.25), [[1.0, 0.0], [0.0, 1.0]], steps=60)
    assert np.all(np.isfinite(out[:, 0])) and abs(out[-1, 0, 0]) < 1e-6   # along x, α·1 = 0.25: converges
    assert np.isnan(out[-1, 1]).all() and np.isfinite(out[0, 1]).all()    # along y, |1 − 2.5| > 1: diverges


@given(st.integers(1, 6), st.floats(0.0, 0.45))
def test_start_grid_spreads_points_over_the_window(per_side, margin):
    surface = several_minima()
    grid = start_grid(surface, per_side=per_side, margin=margin)
    assert grid.shape == (per_side**2, 2)
    width = surface.xlim[1] - surface.xlim[0]
    assert grid[:, 0].min() >= surface.xlim[0] + margin * width - 1e-12
    assert grid[:, 0].max() <= surface.xlim[1] - margin * width + 1e-12
    assert len(np.unique(grid, axis=0)) == per_side**2


def test_nearest_minimum_names_the_minimum_within_tol_or_none():
    s = saddle()
    points = [[0.0, 1.04], [0.0, -0.97], [0.0, 0.5], [np.nan, np.nan]]
    assert nearest_minimum(s, points).tolist() == [1, 0, -1, -1]
    assert nearest_minimum(s, points, tol=0.6).tolist() == [1, 0, 1, -1]


def test_gradient_descent_ends_in_the_basin_it_starts_in():
    surface = several_minima()
    starts = np.array(surface.minima) + 0.3
    reached = nearest_minimum(surface, from_starts(surface, make_optimizer("GD", 0.3), starts, steps=300)[-1])
    assert reached.tolist() == [0, 1, 2]


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: start_grid("bowl"), TypeError, r"surface must be a coursekit.surfaces.Surface, got str"),
        (lambda: start_grid(saddle(), per_side=0), ValueError, r"per_side must be an integer >= 1, got 0"),
        (lambda: start_grid(saddle(), margin=0.5), ValueError, r"margin must be in \[0, 0.5\), got 0.5"),
        (lambda: from_starts("bowl", make_optimizer("GD", 0.1), [[0.0, 0.0]]), TypeError,
         r"surface must be a coursekit.surfaces.Surface, got str"),
        (lambda: from_starts(saddle(), "GD", [[0.0, 0.0]]), TypeError, r"optimizer must be a coursekit.optim optimizer"),
        (lambda: from_starts(saddle(), make_optimizer("GD", 0.1), [0.0, 0.0]), ValueError, r"starts must be a 2-D array"),
        (lambda: from_starts(saddle(), make_optimizer("GD", 0.1), np.zeros((2, 3))), ValueError,
         r"starts must have shape \(N, 2\) with N >= 1, got shape \(2, 3\)"),
        (lambda: from_starts(saddle(), make_optimizer("GD", 0.1), [[0.0, 0.0]], steps=0), ValueError,
         r"steps must be an integer >= 1, got 0"),
        (lambda: nearest_minimum(saddle(), np.zeros((2, 3))), ValueError, r"points must have shape \(N, 2\)"),
        (lambda: nearest_minimum(saddle(), np.zeros((2, 2)), tol=0.0), ValueError, r"tol must be a finite number > 0"),
    ],
)
def test_bad_arguments_are_refused(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_a_used_optimizer_is_refused():
    opt = make_optimizer("Adam", 0.1)
    from_starts(saddle(), opt, [[0.5, 0.1]], steps=2)
    with pytest.raises(ValueError, match=r"optimizer must be fresh"):
        from_starts(saddle(), opt, [[0.5, 0.1]], steps=2)
