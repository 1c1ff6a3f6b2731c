"""Tests of coursekit.surfaces: analytic derivatives, minima, optimizer convergence, §5/§9 claims, inputs."""

import dataclasses
import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.optim import GD, Adam, Momentum, RMSprop
from coursekit.surfaces import (
    DIVERGENCE_BOUND,
    classify_critical_point,
    critical_point_odds,
    elongated_quadratic,
    log10_critical_point_odds,
    plateau,
    rosenbrock,
    saddle,
    several_minima,
    trajectory,
)

SURFACES = {
    "elongated_quadratic": elongated_quadratic(condition_number=25.0, scale=2.0),
    "rosenbrock": rosenbrock(),
    "rosenbrock_a": rosenbrock(a=-0.5, b=10.0),
    "saddle": saddle(),
    "plateau": plateau(),
    "plateau_steep": plateau(slope=0.3),
    "several_minima": several_minima(),
}
surface_names = st.sampled_from(sorted(SURFACES))
unit = st.floats(0.0, 1.0)


def point_in_window(surface, u, v):
    """Map (u, v) in [0, 1]² to a point of the surface's plotting window."""
    (x0, x1), (y0, y1) = surface.xlim, surface.ylim
    return np.array([x0 + u * (x1 - x0), y0 + v * (y1 - y0)])


def fd_grad(surface, p, h=1e-6):
    return np.array([(surface.loss(p + h * e) - surface.loss(p - h * e)) / (2 * h) for e in np.eye(2)])


def fd_hessian(surface, p, h=1e-5):
    return np.array([(surface.grad(p + h * e) - surface.grad(p - h * e)) / (2 * h) for e in np.eye(2)])


# ---- analytic derivatives -----------------------------------------------------------------------

@given(name=surface_names, u=unit, v=unit)
def test_gradient_matches_central_differences(name, u, v):
    surface = SURFACES[name]
    p = point_in_window(surface, u, v)
    g = surface.grad(p)
    assert np.linalg.norm(fd_grad(surface, p) - g) <= 1e-6 * max(1.0, np.linalg.norm(g))


@given(name=surface_names, u=unit, v=unit)
def test_hessian_matches_differences_of_the_gradient(name, u, v):
    surface = SURFACES[name]
    p = point_in_window(surface, u, v)
    h = surface.hessian(p)
    assert np.array_equal(h, h.T)
    assert np.linalg.norm(fd_hessian(surface, p) - h) <= 1e-6 * max(1.0, np.linalg.norm(h))


@pytest.mark.parametrize("name", sorted(SURFACES))
def test_f_and_df_work_element_wise_on_grids(name):
    surface = SURFACES[name]
    xs, ys = np.meshgrid(np.linspace(*surface.xlim, 7), np.linspace(*surface.ylim, 5))
    values, (gx, gy) = surface.f(xs, ys), surface.df(xs, ys)
    assert values.shape == gx.shape == gy.shape == (5, 7)
    i, j = 3, 6
    assert values[i, j] == pytest.approx(surface.loss([xs[i, j], ys[i, j]]), rel=1e-15)
    assert [gx[i, j], gy[i, j]] == pytest.approx(surface.grad([xs[i, j], ys[i, j]]).tolist(), rel=1e-15)


# ---- minima, saddles, condition number ----------------------------------------------------------

@pytest.mark.parametrize("name", sorted(SURFACES))
def test_known_minima_have_zero_gradient_and_positive_definite_hessian(name):
    surface = SURFACES[name]
    for m in surface.minima:
        assert np.abs(surface.grad(m)).max() < 1e-10
        assert classify_critical_point(surface.hessian(m)) == "minimum"


@pytest.mark.parametrize("name", sorted(SURFACES))
def test_start_lies_in_the_window_and_is_not_a_minimum(name):
    surface = SURFACES[name]
    x, y = surface.start
    assert surface.xlim[0] < x < surface.xlim[1] and surface.ylim[0] < y < surface.ylim[1]
    assert np.linalg.norm(surface.grad(surface.start)) > 1e-3


def test_saddle_point_is_classified_saddle():
    surface = saddle()
    (point,) = surface.saddles
    assert surface.grad(point).tolist() == [0.0, 0.0]
    assert classify_critical_point(surface.hessian(point)) == "saddle"


def test_gradient_descent_escapes_the_saddle_to_a_minimum():
    run = trajectory(saddle(), GD(lr=0.1), steps=100)
    closest_to_saddle = np.linalg.norm(run.points, axis=1).min()
    assert closest_to_saddle < 0.2  # it first slides towards the saddle ...
    assert np.linalg.norm(run.points[-1] - np.array([0.0, 1.0])) < 1e-6  # ... then escapes to (0, 1)


@given(kappa=st.floats(1.0, 1e4), scale=st.floats(1e-3, 1e3), u=unit, v=unit)
def test_condition_number_of_elongated_quadratic_is_kappa(kappa, scale, u, v):
    surface = elongated_quadratic(condition_number=kappa, scale=scale)
    eigenvalues = np.linalg.eigvalsh(surface.hessian(point_in_window(surface, u, v)))
    assert eigenvalues.tolist() == pytest.approx([scale, kappa * scale], rel=1e-12)
    assert eigenvalues[1] / eigenvalues[0] == pytest.approx(kappa, rel=1e-12)


def test_rosenbrock_minimum_is_at_a_a_squared():
    surface = rosenbrock(a=-0.5, b=10.0)
    assert surface.minima == ((-0.5, 0.25),)
    assert surface.loss((-0.5, 0.25)) == 0.0


def test_several_minima_lists_every_local_minimum_in_its_window_deepest_first():
    surface = several_minima()
    xs, ys = np.meshgrid(np.linspace(*surface.xlim, 241), np.linspace(*surface.ylim, 241))
    z = surface.f(xs, ys)
    inner = z[1:-1, 1:-1]
    neighbours = [z[1 + di : z.shape[0] - 1 + di, 1 + dj : z.shape[1] - 1 + dj]
                  for di in (-1, 0, 1) for dj in (-1, 0, 1) if (di, dj) != (0, 0)]
    is_min = np.all([inner < n for n in neighbours], axis=0)
    found = np.column_stack([xs[1:-1, 1:-1][is_min], ys[1:-1, 1:-1][is_min]])
    assert len(found) == len(surface.minima) == 3
    for m in surface.minima:
        assert np.linalg.norm(found - np.array(m), axis=1).min() < 0.03
    depths = [surface.loss(m) for m in surface.minima]
    assert np.all(np.diff(depths) > 0.25)  # deepest first, clearly different depths


def test_several_minima_start_leads_gradient_descent_to_a_local_not_global_minimum():
    surface = several_minima()
    end = trajectory(surface, GD(lr=0.1), steps=500).points[-1]
    assert np.linalg.norm(end - np.array(surface.minima[1])) < 1e-6


def test_surface_is_frozen_and_has_a_readable_repr():
    surface = rosenbrock()
    with pytest.raises(dataclasses.FrozenInstanceError):
        surface.start = (0.0, 0.0)
    assert repr(surface) == "Surface('rosenbrock(a=1.0, b=100.0)', minima=[(1.0, 1.0)], start=(-1.2, 1.0))"


# ---- convergence of the optimizers --------------------------------------------------------------

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


# ---- trajectory ---------------------------------------------------------------------------------

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
    with pytest.raises(ValueError, match=r"optimizer must be fresh \(it keeps state\), got Adam\(lr=0.1.*after 3 steps"):
        trajectory(rosenbrock(), optimizer, steps=3)


def test_trajectory_refuses_a_non_surface():
    with pytest.raises(TypeError, match=r"surface must be a Surface \(e.g. rosenbrock\(\)\), got function"):
        trajectory(rosenbrock, GD(lr=0.1))


def test_steps_to_settle_refuses_a_bad_tolerance():
    run = trajectory(rosenbrock(), GD(lr=1e-3), steps=2)
    with pytest.raises(ValueError, match=r"tol must be a finite number > 0, got -1.0"):
        run.steps_to_settle((1.0, 1.0), tol=-1.0)


def test_surface_methods_refuse_a_point_of_wrong_shape():
    with pytest.raises(ValueError, match=r"point must have shape \(2,\) for \(x, y\), got shape \(1,\)"):
        rosenbrock().grad([1.0])


# ---- factories: bad arguments -------------------------------------------------------------------

@pytest.mark.parametrize(
    "factory, kwargs, error, message",
    [
        (elongated_quadratic, {"condition_number": 0.5}, ValueError, r"condition_number must be >= 1 .*got 0.5"),
        (elongated_quadratic, {"condition_number": -3.0}, ValueError, r"condition_number must be a finite number > 0, got -3.0"),
        (elongated_quadratic, {"condition_number": "10"}, TypeError, r"condition_number must be a finite number > 0, got '10'"),
        (elongated_quadratic, {"scale": 0.0}, ValueError, r"scale must be a finite number > 0, got 0.0"),
        (rosenbrock, {"a": math.nan}, ValueError, r"a must be a finite number, got nan"),
        (rosenbrock, {"a": "1"}, TypeError, r"a must be a finite number, got '1' of type str"),
        (rosenbrock, {"b": -100.0}, ValueError, r"b must be a finite number > 0, got -100.0"),
        (plateau, {"slope": 0.0}, ValueError, r"slope must be a finite number > 0, got 0.0"),
        (plateau, {"slope": math.inf}, ValueError, r"slope must be a finite number > 0, got inf"),
    ],
)
def test_factories_refuse_bad_arguments(factory, kwargs, error, message):
    with pytest.raises(error, match=message):
        factory(**kwargs)


# ---- classify_critical_point --------------------------------------------------------------------

@pytest.mark.parametrize(
    "eigenvalues, expected",
    [
        ([2.0, 0.5], "minimum"),
        ([-2.0, -0.5], "maximum"),
        ([2.0, -0.5], "saddle"),
        ([2.0, 0.0], "degenerate"),
        ([-1.0, 1e-12], "degenerate"),
        ([3.0, 1.0, 0.5, 2.0, 7.0], "minimum"),
        ([-3.0, -1.0, -0.5, -2.0, -7.0], "maximum"),
        ([3.0, 1.0, -0.5, 2.0, 7.0], "saddle"),
        ([3.0, 0.0, -0.5, 2.0, 7.0], "saddle"),  # both signs: a saddle whatever the zero direction does
        ([3.0, 0.0, 0.5, 2.0, 7.0], "degenerate"),
        ([0.0, 0.0, 0.0], "degenerate"),
    ],
)
def test_classify_critical_point_from_rotated_eigenvalues(eigenvalues, expected):
    n = len(eigenvalues)
    q, _ = np.linalg.qr(np.random.default_rng(n).normal(size=(n, n)))
    hessian = q @ np.diag(eigenvalues) @ q.T
    assert classify_critical_point((hessian + hessian.T) / 2) == expected


def test_classify_critical_point_tolerance_is_relative_to_the_largest_eigenvalue():
    assert classify_critical_point(np.diag([1e6, 0.1]), tol=1e-8) == "minimum"  # |λ| ≤ 0.01 counts as zero
    assert classify_critical_point(np.diag([1e6, 0.1]), tol=1e-6) == "degenerate"  # |λ| ≤ 1 counts as zero
    assert classify_critical_point(np.diag([1e-3, 1e-9]), tol=1e-8) == "degenerate"  # floor: |λ| ≤ 1e-8


def test_classify_refuses_a_non_square_hessian():
    with pytest.raises(ValueError, match=r"hessian must be a non-empty square n x n array, got shape \(2, 3\)"):
        classify_critical_point(np.zeros((2, 3)))


def test_classify_refuses_an_empty_hessian():
    with pytest.raises(ValueError, match=r"hessian must be a non-empty square n x n array, got shape \(0, 0\)"):
        classify_critical_point(np.zeros((0, 0)))


def test_classify_refuses_an_asymmetric_hessian():
    with pytest.raises(ValueError, match=r"hessian must be symmetric, got max \|H - H.T\| = 1 > tol = 1e-08"):
        classify_critical_point([[1.0, 1.0], [0.0, 1.0]])


def test_classify_refuses_a_nan_hessian():
    with pytest.raises(ValueError, match=r"hessian must be finite, got 1 NaN or inf value\(s\)"):
        classify_critical_point([[1.0, np.nan], [0.0, 1.0]])


def test_classify_refuses_a_hessian_of_wrong_rank():
    with pytest.raises(ValueError, match=r"hessian must be a 2-D array, got 1-D array of shape \(2,\)"):
        classify_critical_point([1.0, 2.0])


def test_classify_refuses_a_bad_tolerance():
    with pytest.raises(ValueError, match=r"tol must be a finite number > 0, got 0"):
        classify_critical_point(np.eye(2), tol=0)


# ---- critical_point_odds ------------------------------------------------------------------------

def test_critical_point_odds_small_and_huge():
    assert [critical_point_odds(n) for n in (1, 2, 10)] == [0.5, 0.25, 1 / 1024]
    assert critical_point_odds(20000) == 0.0  # underflows: use the log10 form
    assert log10_critical_point_odds(20000) == pytest.approx(-20000 * math.log10(2), rel=1e-15)


@given(n=st.integers(1, 1000))
def test_log10_odds_agree_with_the_odds(n):
    assert log10_critical_point_odds(n) == pytest.approx(math.log10(critical_point_odds(n)), rel=1e-12)


def test_critical_point_odds_refuses_zero_directions():
    with pytest.raises(ValueError, match=r"n_directions must be an integer >= 1, got 0"):
        critical_point_odds(0)


def test_log10_odds_refuses_a_float():
    with pytest.raises(TypeError, match=r"n_directions must be an integer >= 1, got 3.0 of type float"):
        log10_critical_point_odds(3.0)
