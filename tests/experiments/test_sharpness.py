"""Tests of coursekit.experiments.sharpness: random perturbations of a fixed relative size, and the cost along a line."""

import numpy as np
import pytest

from coursekit import data, nn
from coursekit.optim import GD
from coursekit.experiments.sharpness import interpolate_costs, perturbed_cost_increase
from coursekit.train import train


@pytest.fixture(scope="module")
def trained():
    X, Y = data.two_moons(m=120, noise=0.2, seed=0)
    return X, Y, train(X, Y, [2, 8, 1], GD(0.5), epochs=60, mini_batch_size=16).params


def test_each_perturbation_moves_each_array_by_radius_times_its_norm(monkeypatch, trained):
    X, Y, params = trained
    moved = []
    real = nn.evaluate
    monkeypatch.setattr(nn, "evaluate", lambda X_, Y_, p: moved.append(p) or real(X_, Y_, p))
    rises = perturbed_cost_increase(X, Y, params, radius=0.05, directions=4, seed=2)
    assert rises.shape == (4,) and len(moved) == 5  # J(w) once, then one per direction
    for p in moved[1:]:
        for key, w in params.items():
            assert np.linalg.norm(p[key] - w) == pytest.approx(0.05 * np.linalg.norm(w))
    assert rises[0] == pytest.approx(real(X, Y, moved[1])[0] - real(X, Y, params)[0])


def test_a_larger_radius_raises_the_cost_more_at_a_trained_network(trained):
    X, Y, params = trained
    small, large = (perturbed_cost_increase(X, Y, params, radius=r, directions=30, seed=0).mean() for r in (0.02, 0.2))
    assert 0 <= small < large


def test_perturbations_are_seeded(trained):
    X, Y, params = trained
    a, b, c = (perturbed_cost_increase(X, Y, params, 0.1, directions=3, seed=s) for s in (5, 5, 6))
    assert np.array_equal(a, b) and not np.array_equal(a, c)


def test_interpolation_passes_through_both_solutions(trained):
    X, Y, params = trained
    other = nn.init_params([2, 8, 1], seed=3)
    costs = interpolate_costs(X, Y, params, other, [0.0, 1.0, 0.5])
    assert costs[0] == nn.evaluate(X, Y, params)[0] and costs[1] == nn.evaluate(X, Y, other)[0]
    halfway = {k: 0.5 * params[k] + 0.5 * other[k] for k in params}
    assert costs[2] == pytest.approx(nn.evaluate(X, Y, halfway)[0])


@pytest.mark.parametrize("call, message", [
    (lambda X, Y, p: perturbed_cost_increase(X, Y, [p], 0.1), r"params must be a non-empty dict of arrays"),
    (lambda X, Y, p: perturbed_cost_increase(X, Y, p, 0), r"radius must be a finite number > 0, got 0"),
    (lambda X, Y, p: perturbed_cost_increase(X, Y, p, 0.1, directions=0), r"directions must be an integer >= 1, got 0"),
    (lambda X, Y, p: perturbed_cost_increase(X, Y, p, 0.1, seed=-1), r"seed must be an integer >= 0, got -1"),
    (lambda X, Y, p: interpolate_costs(X, Y, p, {}, [0.0]), r"params_b must be a non-empty dict of arrays"),
    (lambda X, Y, p: interpolate_costs(X, Y, p, {"W1": p["W1"]}, [0.0]), r"params_b must have the same keys as params_a"),
    (lambda X, Y, p: interpolate_costs(X, Y, p, p, 0.5), r"steps must be a 1-D array"),
])
def test_bad_arguments_are_named(trained, call, message):
    X, Y, params = trained
    with pytest.raises((TypeError, ValueError), match=message):
        call(X, Y, params)
