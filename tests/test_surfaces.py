"""Tests of coursekit.surfaces: analytic derivatives, minima and windows of every surface, inputs."""

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursekit.critical_points import classify_critical_point
from coursekit.surfaces import elongated_quadratic, plateau, rosenbrock, rotated_quadratic, saddle, several_minima
from tests.strategies import SURFACES, point_in_window, surface_names, unit


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


def test_surface_is_frozen_and_has_a_readable_repr():
    surface = rosenbrock()
    with pytest.raises(dataclasses.FrozenInstanceError):
        surface.start = (0.0, 0.0)
    assert repr(surface) == "Surface('rosenbrock(a=1.0, b=100.0)', minima=[(1.0, 1.0)], start=(-1.2, 1.0))"


def test_surface_methods_refuse_a_point_of_wrong_shape():
    with pytest.raises(ValueError, match=r"point must have shape \(2,\) for \(x, y\), got shape \(1,\)"):
        rosenbrock().grad([1.0])


@pytest.mark.parametrize(
    "factory, kwargs, error, message",
    [
        (elongated_quadratic, {"condition_number": 0.5}, ValueError, r"condition_number must be a finite number >= 1, got 0.5"),
        (elongated_quadratic, {"condition_number": -3.0}, ValueError, r"condition_number must be a finite number >= 1, got -3.0"),
        (elongated_quadratic, {"condition_number": "10"}, TypeError, r"condition_number must be a finite number >= 1, got '10'"),
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


@given(kappa=st.floats(1.0, 200.0), angle=st.floats(-180.0, 180.0))
def test_rotated_quadratic_keeps_the_curvatures_1_and_kappa(kappa, angle):
    s = rotated_quadratic(kappa, angle)
    np.testing.assert_allclose(np.linalg.eigvalsh(s.hessian([0.3, -0.2])), [1.0, kappa], rtol=1e-9)
    assert s.loss(s.start) == pytest.approx(elongated_quadratic(kappa).loss(elongated_quadratic(kappa).start))


def test_rotated_quadratic_at_zero_degrees_is_the_elongated_bowl():
    turned, plain = rotated_quadratic(30.0, 0.0), elongated_quadratic(30.0)
    assert turned.start == pytest.approx(plain.start)
    for point in ([0.4, -0.7], [1.5, 0.2]):
        assert turned.loss(point) == pytest.approx(plain.loss(point))
        np.testing.assert_allclose(turned.grad(point), plain.grad(point))


@pytest.mark.parametrize("kwargs, message", [({"condition_number": 0.5}, "condition_number must be a finite number >= 1"),
                                             ({"angle": math.nan}, "angle must be a finite number")])
def test_rotated_quadratic_refuses_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        rotated_quadratic(**kwargs)
