"""Tests of coursekit.trajectories: paths, convergence of every optimizer, the notebooks' claims, divergence, inputs."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.optim import GD, Adam, Momentum, RMSprop
from coursekit.surfaces import elongated_quadratic, plateau, rosenbrock, saddle, several_minima
from coursekit.trajectories import DIVERGENCE_BOUND, trajectory
from tests.strategies import SURFACES, point_in_window, surface_names, unit

# ---- analytic derivatives -----------------------------------------------------------------------


def test_gradient_descent_escapes_the_saddle_to_a_minimum():
    run = trajectory(saddle(), GD(lr=0.1), steps=100)
    closest_to_saddle = np.linalg.norm(run.points, axis=1).min()
    assert closest_to_saddle < 0.2  # it first slides towards the saddle ...
    assert np.linalg.norm(run.points[-1] - np.array([0.0, 1.0])) < 1e-6  # ... then escapes to (0, 1)


def test_several_minima_start_leads_gradient_descent_to_a_local_not_global_minimum():
    surface = several_minima()
    end = trajectory(surface, GD(lr=0.1), steps=500).points[-1]
    assert np.linalg.norm(end - np.array(surface.minima[1])) < 1e-6


QUADRATIC_SETTINGS = {  # optimizer factory given λ_max, and the tolerance it reaches in 500 steps
    "GD": (lambda lam: GD(lr=1 / lam), 1e-6),
    "Momentum": (lambda lam: Momentum(lr=1 / lam, beta=0.9), 1e-6),
    "Adam": (lambda lam: Adam(lr=0.05), 1e-6),
    # RMSprop with a constant α ends in a cycle of radius ≈ α/√2 around the minimum: tolerance α.
    "RMSprop": (lambda lam: RMSprop(lr=0.01, beta2=0.9), 0.01),
}


@pytest.mark.parametrize("name", sorted(QUADRATIC_SETTINGS))
@settings(max_examples=20)
@given(kappa=st.floats(1.0, 30.0), u=unit, v=unit)
def test_each_optimizer_converges_on_a_convex_quadratic(name, kappa, u, v):
    make, tol = QUADRATIC_SETTINGS[name]
    surface = elongated_quadratic(condition_number=kappa)
    run = trajectory(surface, make(kappa), start=point_in_window(surface, u, v), steps=500)
    assert not run.diverged
    assert np.linalg.norm(run.points[-1]) <= tol


ROSENBROCK_SETTINGS = {  # optimizer, step budget; tolerance 1e-2 of (1, 1), see the report for measured steps
    "GD": (lambda: GD(lr=1.9e-3), 7000),  # just under GD's stability limit 2 / λ_max(H(1, 1)) ≈ 2.0e-3
    "Momentum": (lambda: Momentum(lr=0.03, beta=0.9), 500),
    "RMSprop": (lambda: RMSprop(lr=1e-3, beta2=0.9), 7000),
    "Adam": (lambda: Adam(lr=0.1), 1200),
}


@pytest.mark.parametrize("name", sorted(ROSENBROCK_SETTINGS))
def test_each_optimizer_reaches_the_rosenbrock_minimum(name):
    make, steps = ROSENBROCK_SETTINGS[name]
    run = trajectory(rosenbrock(), make(), steps=steps)
    assert not run.diverged
    assert run.steps_to_settle((1.0, 1.0), tol=1e-2) is not None


@given(name=surface_names, lr=st.floats(1e-4, 0.5), u=unit, v=unit)
def test_momentum_with_beta_zero_is_gradient_descent(name, lr, u, v):
    surface = SURFACES[name]
    start = point_in_window(surface, u, v)
    gd = trajectory(surface, GD(lr=lr), start=start, steps=20)
    momentum = trajectory(surface, Momentum(lr=lr, beta=0.0), start=start, steps=20)
    assert np.array_equal(gd.points, momentum.points) and gd.diverged == momentum.diverged


@pytest.mark.parametrize("kappa, gd_best", [(50.0, 189), (100.0, 378), (200.0, 755)])
def test_momentum_settles_in_far_fewer_iterations_than_gd_on_an_elongated_bowl(kappa, gd_best):
    """SYLLABUS §5 claim, from the default start, settling within ‖w‖ ≤ 1e-3.

    GD at its best α = 2 / (λ_min + λ_max) needs ≈ (κ/2) ln(‖w_0‖ / tol) steps: 189, 378, 755 for
    κ = 50, 100, 200. Momentum with β = 0.9 settles within 150 steps for any α in [0.03, 0.15],
    whatever κ: its rate √β is set by β, not by κ (as long as κ < ((1 + √β) / (1 − √β))² ≈ 1444).
    """
    surface, tol = elongated_quadratic(condition_number=kappa), 1e-3

    def settle(optimizer, steps):
        reached = trajectory(surface, optimizer, steps=steps).steps_to_settle((0.0, 0.0), tol)
        return math.inf if reached is None else reached

    best_gd_lr = 2 / (1 + kappa)
    assert settle(GD(lr=best_gd_lr), 1000) == gd_best
    assert all(settle(GD(lr=f * best_gd_lr), 1000) > gd_best for f in (0.9, 0.98, 1.01))
    momentum_steps = [settle(Momentum(lr=lr, beta=0.9), 200) for lr in (0.03, 0.05, 0.08, 0.15)]
    assert max(momentum_steps) <= 150 and max(momentum_steps) < gd_best


def test_momentum_and_adam_leave_the_plateau_while_gd_still_crawls():
    """SYLLABUS §9: each at a learning rate that settles in the well; "left" means J < 0.5 (plateau: J ≈ 1)."""
    surface, n = plateau(), 150
    gd = trajectory(surface, GD(lr=1.9), steps=n)  # GD diverges in the well for α > 2 / (1 + slope)
    momentum = trajectory(surface, Momentum(lr=10.0, beta=0.9), steps=n)
    adam = trajectory(surface, Adam(lr=0.1), steps=n)
    assert gd.losses.min() > 0.9
    assert momentum.losses.min() < 0.5 and adam.losses.min() < 0.5
    for optimizer in (GD(lr=1.9), Momentum(lr=10.0, beta=0.9), Adam(lr=0.1)):
            assert trajectory(surface, optimizer, steps=400).steps_to_settle((0.0, 0.0), 1e-3) is not None
    too_fast = trajectory(surface, GD(lr=2.1), steps=400)
    assert too_fast.steps_to_settle((0.0, 0.0), 1e-3) is None


@given(name=surface_names, steps=st.integers(1, 30), u=unit, v=unit)
def test_trajectory_records_start_and_losses(name, steps, u, v):
    surface = SURFACES[name]
    start = point_in_window(surface, u, v)
    run = trajectory(surface, Adam(lr=0.01), start=start, steps=steps)
    assert run.points.shape == (steps + 1, 2) and run.losses.shape == (steps + 1,)
    assert run.points[0].tolist() == start.tolist()
    assert run.losses.tolist() == pytest.approx([surface.loss(p) for p in run.points], rel=1e-14, abs=1e-300)


def test_trajectory_uses_the_surface_start_by_default():
    assert trajectory(rosenbrock(), GD(lr=1e-3), steps=1).points[0].tolist() == [-1.2, 1.0]


@pytest.mark.parametrize("lr", [0.3, 1.0, 1e3, 1e300])
def test_trajectory_stops_cleanly_when_the_learning_rate_is_too_large(lr):
    surface = elongated_quadratic(condition_number=10.0)  # GD is stable only for α < 0.2
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = trajectory(surface, GD(lr=lr), steps=300)
    assert run.diverged
    assert 1 <= len(run.points) == len(run.losses) < 301
    assert np.all(np.abs(run.points) <= DIVERGENCE_BOUND) and np.all(np.isfinite(run.losses))


def test_diverged_rosenbrock_run_keeps_its_first_points():
    run = trajectory(rosenbrock(), GD(lr=0.1), steps=100)
    assert run.diverged and run.points[0].tolist() == [-1.2, 1.0] and len(run.points) >= 2


def test_steps_to_settle_counts_from_the_start_and_ignores_early_visits():
    run = trajectory(elongated_quadratic(condition_number=10.0), GD(lr=0.19), start=(1.0, 0.0), steps=3)
    assert run.points[:, 0].tolist() == pytest.approx([1.0, 0.81, 0.6561, 0.531441])
    assert run.steps_to_settle((0.0, 0.0), tol=0.7) == 2
    assert run.steps_to_settle((0.0, 0.0), tol=1.0) == 0
    assert run.steps_to_settle((0.0, 0.0), tol=0.5) is None
    zigzag = trajectory(elongated_quadratic(condition_number=10.0), GD(lr=0.19), start=(0.0, 1.0), steps=4)
    assert zigzag.points[:, 1].tolist() == pytest.approx([1.0, -0.9, 0.81, -0.729, 0.6561])
    assert zigzag.steps_to_settle((0.0, -0.9), tol=0.1) is None  # visited at step 1, then left


def test_steps_to_settle_is_none_after_divergence():
    run = trajectory(elongated_quadratic(condition_number=10.0), GD(lr=1.0), start=(0.0, 1e-9), steps=50)
    assert run.diverged and run.steps_to_settle((0.0, 0.0), tol=1.0) is None


def test_trajectory_refuses_steps_below_one():
    with pytest.raises(ValueError, match=r"steps must be an integer >= 1, got 0"):
        trajectory(rosenbrock(), GD(lr=0.1), steps=0)


def test_trajectory_refuses_fractional_steps():
    with pytest.raises(TypeError, match=r"steps must be an integer >= 1, got 2.5"):
        trajectory(rosenbrock(), GD(lr=0.1), steps=2.5)


def test_trajectory_refuses_start_of_wrong_shape():
    with pytest.raises(ValueError, match=r"start must have shape \(2,\) for \(x, y\), got shape \(3,\)"):
        trajectory(rosenbrock(), GD(lr=0.1), start=[1.0, 2.0, 3.0])


def test_trajectory_refuses_start_of_wrong_rank():
    with pytest.raises(ValueError, match=r"start must be a 1-D array, got 2-D array of shape \(1, 2\)"):
        trajectory(rosenbrock(), GD(lr=0.1), start=[[1.0, 2.0]])


def test_trajectory_refuses_non_finite_start():
    with pytest.raises(ValueError, match=r"start must be finite, got 1 NaN or inf"):
        trajectory(rosenbrock(), GD(lr=0.1), start=[np.nan, 2.0])


def test_trajectory_refuses_an_optimizer_class_instead_of_an_object():
    with pytest.raises(TypeError, match=r"optimizer must be a coursekit.optim optimizer .*got <class"):
        trajectory(rosenbrock(), GD)


def test_trajectory_refuses_a_string_optimizer():
    with pytest.raises(TypeError, match=r"optimizer must be a coursekit.optim optimizer .*got 'adam'"):
        trajectory(rosenbrock(), "adam")


def test_trajectory_refuses_a_used_optimizer():
    optimizer = Adam(lr=0.1)
    trajectory(rosenbrock(), optimizer, steps=3)
    with pytest.raises(ValueError, match=r"optimizer must be fresh \(t == 0\), got Adam\(lr=0.1.*after 3 steps"):
        trajectory(rosenbrock(), optimizer, steps=3)


def test_trajectory_refuses_a_non_surface():
    with pytest.raises(TypeError, match=r"surface must be a coursekit.surfaces.Surface, got function"):
        trajectory(rosenbrock, GD(lr=0.1))


def test_steps_to_settle_refuses_a_bad_tolerance():
    run = trajectory(rosenbrock(), GD(lr=1e-3), steps=2)
    with pytest.raises(ValueError, match=r"tol must be a finite number > 0, got -1.0"):
        run.steps_to_settle((1.0, 1.0), tol=-1.0)
