"""The linear autoencoder's critical points, closed form against the numerical Hessian (notebook 10)."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.optim import GD, Adam
from coursekit.experiments.saddles import (CriticalPoint, autoencoder_cost, autoencoder_grads, autoencoder_hessian,
                               critical_points, pooled_digits, train_autoencoder)


def _data(n=5, m=40, seed=0):
    """Centred data with distinct covariance eigenvalues."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, m)) * np.linspace(2.0, 0.5, n)[:, None]
    return X - X.mean(axis=1, keepdims=True)


def _flat_grad(X, v, p, n):
    g = autoencoder_grads(X, v[: p * n].reshape(p, n), v[p * n:].reshape(n, p))
    return np.concatenate([g["W1"].ravel(), g["W2"].ravel()])


@given(st.integers(0, 1000), st.integers(1, 3))
@settings(max_examples=20)
def test_gradients_and_hessian_match_finite_differences(seed, p):
    X, n = _data(), 5
    rng = np.random.default_rng(seed)
    W1, W2 = rng.standard_normal((p, n)), rng.standard_normal((n, p))
    v, h = np.concatenate([W1.ravel(), W2.ravel()]), 1e-6
    cost = lambda u: autoencoder_cost(X, u[: p * n].reshape(p, n), u[p * n:].reshape(n, p))  # noqa: E731
    numeric = np.array([(cost(v + h * e) - cost(v - h * e)) / (2 * h) for e in np.eye(len(v))])
    np.testing.assert_allclose(_flat_grad(X, v, p, n), numeric, rtol=1e-5, atol=1e-7)
    hessian = np.array([(_flat_grad(X, v + h * e, p, n) - _flat_grad(X, v - h * e, p, n)) / (2 * h)
                        for e in np.eye(len(v))])
    np.testing.assert_allclose(autoencoder_hessian(X, W1, W2), hessian, rtol=1e-5, atol=1e-6)


def test_the_cost_is_the_reconstruction_error():
    X = _data()
    rng = np.random.default_rng(1)
    W1, W2 = rng.standard_normal((2, 5)), rng.standard_normal((5, 2))
    assert autoencoder_cost(X, W1, W2) == pytest.approx(np.sum((X - W2 @ W1 @ X) ** 2) / (2 * X.shape[1]))


@pytest.mark.parametrize("p", [1, 2, 3])
def test_every_critical_point_has_zero_gradient_and_the_closed_form_index(p):
    X = _data()
    eigenvalues, vectors = np.linalg.eigh(X @ X.T / X.shape[1])
    eigenvalues, vectors = eigenvalues[::-1], vectors[:, ::-1]
    points = critical_points(X, p)
    assert len(points) == len(list(itertools.combinations(range(5), p)))
    for point in points:
        U = vectors[:, point.subset]
        grads = autoencoder_grads(X, U.T, U)
        assert max(np.abs(g).max() for g in grads.values()) < 1e-12
        assert point.cost == pytest.approx(autoencoder_cost(X, U.T, U), rel=1e-10)
        assert point.index == point.negative_found
        inversions = sum(eigenvalues[j] > eigenvalues[i] for i in point.subset for j in range(5) if j not in point.subset)
        assert point.index == inversions and point.n_weights == 2 * 5 * p


def test_only_the_top_eigenvectors_make_a_minimum_and_the_cost_rises_with_the_index():
    points = critical_points(_data(n=6), 2)
    assert [p.subset for p in points if p.index == 0] == [(0, 1)] and points[0].subset == (0, 1)
    assert all(b.cost >= a.cost for a, b in zip(points, points[1:]))
    costs_by_index = {}
    for p in points:
        costs_by_index.setdefault(p.index, []).append(p.cost)
    means = [np.mean(costs_by_index[k]) for k in sorted(costs_by_index)]
    assert all(b > a for a, b in zip(means, means[1:]))


def test_the_hessian_has_the_p_squared_flat_directions_of_the_invertible_C():
    X = _data()
    point = critical_points(X, 2)[3]
    eigenvalues, vectors = np.linalg.eigh(X @ X.T / X.shape[1])
    U = vectors[:, ::-1][:, point.subset]
    spectrum = np.linalg.eigvalsh(autoencoder_hessian(X, U.T, U))
    assert np.sum(np.abs(spectrum) < 1e-9 * np.abs(spectrum).max()) == 4


def test_pooled_digits_average_blocks_and_centre():
    X = pooled_digits(2)
    assert X.shape == (4, 1438)
    np.testing.assert_allclose(X.mean(axis=1), 0.0, atol=1e-12)
    assert pooled_digits(8).shape == (64, 1438)


def test_training_from_small_weights_reaches_the_global_minimum_after_a_flat_start():
    X = pooled_digits(4)
    costs = train_autoencoder(X, 2, GD(1.0), steps=600, init_scale=1e-4)
    top = critical_points(X, 2)[0].cost
    assert costs[-1] == pytest.approx(top, rel=1e-6)
    assert abs(costs[20] - costs[0]) < 1e-4 * costs[0]
    adam = train_autoencoder(X, 2, Adam(0.01), steps=5)
    assert adam.shape == (6,) and adam[-1] < adam[0]


def test_critical_point_index_fraction():
    assert CriticalPoint((1, 2), 0.3, 6, 6, 24).index_fraction == 0.25


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: pooled_digits(3), ValueError, r"side must divide 8 \(1, 2, 4 or 8\), got 3"),
        (lambda: pooled_digits(0), ValueError, r"side must be an integer >= 1, got 0"),
        (lambda: autoencoder_cost(_data(), np.zeros((2, 4)), np.zeros((5, 2))), ValueError,
         r"W1 must have shape \(p, 5\) and W2 shape \(5, p\), got \(2, 4\) and \(5, 2\)"),
        (lambda: autoencoder_grads([1.0, 2.0], np.zeros((1, 2)), np.zeros((2, 1))), ValueError, r"X must be a 2-D array"),
        (lambda: critical_points(_data(), 5), ValueError, r"p must be smaller than the number of inputs n = 5, got 5"),
        (lambda: critical_points(_data(), 1, tol=-1.0), ValueError, r"tol must be a finite number > 0, got -1.0"),
        (lambda: train_autoencoder(_data(), 0, GD(0.1), 1), ValueError, r"p must be an integer >= 1, got 0"),
        (lambda: train_autoencoder(_data(), 1, "GD", 1), TypeError, r"optimizer must be a coursekit.optim optimizer"),
        (lambda: train_autoencoder(_data(), 1, GD(0.1), 0), ValueError, r"steps must be an integer >= 1, got 0"),
        (lambda: train_autoencoder(_data(), 1, GD(0.1), 1, init_scale=0.0), ValueError,
         r"init_scale must be a finite number > 0, got 0.0"),
    ],
)
def test_bad_arguments_are_refused(call, error, message):
    with pytest.raises(error, match=message):
        call()
