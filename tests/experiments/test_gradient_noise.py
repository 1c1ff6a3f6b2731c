"""Tests of coursekit.experiments.gradient_noise: mini-batch gradients, their spread around the full gradient, noisy descent."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit import data, nn
from coursekit.experiments.gradient_noise import (
    NoiseData,
    flat_gradient,
    gradient_noise_data,
    gradient_spread,
    minibatch_gradients,
    noisy_descent,
    noisy_descent_data,
    spread_by_size,
)
from coursekit.minibatch import random_mini_batches
from coursekit.surfaces import elongated_quadratic, several_minima


@pytest.fixture(scope="module")
def moons():
    X, Y = data.two_moons(m=200, noise=0.2, seed=3)
    return X, Y, nn.init_params([2, 6, 1], seed=1)


def test_flat_gradient_joins_every_array_in_key_order():
    grads = {"W1": np.array([[1.0, 2.0], [3.0, 4.0]]), "b1": np.array([[5.0], [6.0]])}
    assert flat_gradient(grads).tolist() == [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]


def test_minibatch_gradients_are_the_gradients_of_the_epochs_full_mini_batches(moons):
    X, Y, params = moons
    grads = minibatch_gradients(X, Y, params, mini_batch_size=64, count=5, seed=7)
    # 200 = 3 × 64 + 8: three full mini-batches per shuffle, the short one left out; the 4th comes from seed 8
    expected = [b for seed in (7, 8) for b in random_mini_batches(X, Y, 64, seed=seed)[:3]][:5]
    assert len(grads) == 5
    for g, (X_t, Y_t) in zip(grads, expected):
        want = nn.cost_and_grads(X_t, Y_t, params)[1]
        assert all(np.array_equal(g[k], want[k]) for k in params)


def test_the_spread_of_the_whole_set_is_zero_and_of_single_examples_is_their_rms_distance(moons):
    X, Y, params = moons
    full = nn.cost_and_grads(X, Y, params)[1]
    assert gradient_spread(minibatch_gradients(X, Y, params, 200, count=3), full) == pytest.approx(0, abs=1e-12)
    singles = [nn.cost_and_grads(X[:, [i]], Y[:, [i]], params)[1] for i in range(200)]
    rms = math.sqrt(np.mean([np.sum((flat_gradient(g) - flat_gradient(full)) ** 2) for g in singles]))
    assert gradient_spread(singles, full) == pytest.approx(rms, rel=1e-12)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(-5, 5), min_size=1, max_size=6), st.floats(-5, 5))
def test_spread_of_numbers_is_their_root_mean_square_distance(values, center):
    grads = [{"W1": np.array([[v]])} for v in values]
    expected = math.sqrt(sum((v - center) ** 2 for v in values) / len(values))
    assert gradient_spread(grads, {"W1": np.array([[center]])}) == pytest.approx(expected, abs=1e-12)


def test_spread_falls_like_one_over_root_size_with_the_overlap_correction(moons):
    X, Y, params = moons
    spread = spread_by_size(X, Y, params, sizes=[1, 4, 16, 100], count=400, seed=0)
    singles = [nn.cost_and_grads(X[:, [i]], Y[:, [i]], params)[1] for i in range(200)]
    sigma = gradient_spread(singles, nn.cost_and_grads(X, Y, params)[1])
    predicted = sigma / np.sqrt([1, 4, 16, 100]) * np.sqrt((200 - np.array([1, 4, 16, 100])) / 199)
    np.testing.assert_allclose(spread, predicted, rtol=0.1)  # 400 samples: about 3.5 % sampling error


def test_noisy_descent_without_noise_is_gradient_descent_and_noise_scales_like_one_over_root_size():
    bowl = elongated_quadratic(5.0)
    plain = noisy_descent(bowl, lr=0.1, steps=30, mini_batch_size=1, noise=0.0)
    w = np.array(bowl.start)
    for _ in range(30):
        w = w - 0.1 * bowl.grad(w)
    np.testing.assert_allclose(plain.points[-1], w)
    small, large = (noisy_descent(bowl, 0.1, 30, size, noise=2.0, seed=4) for size in (4, 64))
    # the same draws, scaled by 1/√size: the deviation from the plain path shrinks by √(64/4) = 4 exactly
    np.testing.assert_allclose(small.points - plain.points, 4 * (large.points - plain.points), atol=1e-12)
    assert small.points.shape == (31, 2) and not small.diverged


def test_noisy_descent_is_seeded():
    bowl = elongated_quadratic()
    a, b, c = (noisy_descent(bowl, 0.1, 10, 1, seed=s) for s in (1, 1, 2))
    assert np.array_equal(a.points, b.points) and not np.array_equal(a.points, c.points)


def test_noisy_descent_stops_where_the_path_blows_up():
    path = noisy_descent(elongated_quadratic(10.0), lr=1.0, steps=100, mini_batch_size=1, noise=0.0)
    assert path.diverged and len(path.points) < 101 and np.all(np.isfinite(path.points))


@pytest.mark.parametrize("call, message", [
    (lambda p, X, Y: flat_gradient([1.0]), r"grads must be a non-empty dict of arrays .*, got list"),
    (lambda p, X, Y: minibatch_gradients(X, Y, p, 0, 3), r"mini_batch_size must be an integer >= 1, got 0"),
    (lambda p, X, Y: minibatch_gradients(X, Y, p, 201, 3), r"mini_batch_size must be <= m = 200 .*, got 201"),
    (lambda p, X, Y: minibatch_gradients(X, Y, p, 8, 0), r"count must be an integer >= 1, got 0"),
    (lambda p, X, Y: minibatch_gradients(X, Y, p, 8, 2, seed=-1), r"seed must be an integer >= 0, got -1"),
    (lambda p, X, Y: gradient_spread([], {"W1": np.ones((1, 1))}),
     r"minibatch_grads must be a non-empty sequence of gradient dicts, got \[\]"),
    (lambda p, X, Y: gradient_spread({"W1": np.ones((1, 1))}, {"W1": np.ones((1, 1))}),
     r"minibatch_grads must be a non-empty sequence of gradient dicts, got \{'W1'"),
    (lambda p, X, Y: gradient_spread([{"b1": np.ones((1, 1))}], {"W1": np.ones((1, 1))}),
     r"minibatch_grads\[0\] must have the same keys as full_grad, \['W1'\]; missing \['W1'\], unexpected \['b1'\]"),
    (lambda p, X, Y: gradient_spread([{"W1": np.ones((1, 2))}], {"W1": np.ones((1, 1))}),
     r"minibatch_grads\[0\]\['W1'\] must have the shape of full_grad\['W1'\], \(1, 1\), got \(1, 2\)"),
    (lambda p, X, Y: gradient_spread([{"W1": np.array([[np.nan]])}], {"W1": np.ones((1, 1))}),
     r"minibatch_grads\[0\]\['W1'\] must be finite"),
    (lambda p, X, Y: gradient_spread([{"W1": np.ones((2, 1))}], {"W1": np.ones((1, 2))}),
     r"minibatch_grads\[0\]\['W1'\] must have the shape of full_grad\['W1'\], \(1, 2\), got \(2, 1\)"),
    (lambda p, X, Y: gradient_spread([p], {}), r"full_grad must be a non-empty dict"),
    (lambda p, X, Y: spread_by_size(X, Y, p, []), r"sizes must be a non-empty sequence of mini-batch sizes, got \[\]"),
    (lambda p, X, Y: spread_by_size(X, Y, p, 8), r"sizes must be a non-empty sequence of mini-batch sizes, got 8"),
])
def test_bad_arguments_are_named(moons, call, message):
    X, Y, params = moons
    with pytest.raises((TypeError, ValueError), match=message):
        call(params, X, Y)


@pytest.mark.parametrize("kwargs, message", [
    ({"lr": 0}, r"lr must be a finite number > 0, got 0"),
    ({"steps": 0}, r"steps must be an integer >= 1, got 0"),
    ({"mini_batch_size": 0}, r"mini_batch_size must be an integer >= 1, got 0"),
    ({"noise": -1.0}, r"noise must be a finite number >= 0, got -1.0"),
    ({"seed": -2}, r"seed must be an integer >= 0, got -2"),
    ({"start": (1.0,)}, r"start"),
])
def test_bad_arguments_of_noisy_descent_are_named(kwargs, message):
    arguments = {"lr": 0.1, "steps": 5, "mini_batch_size": 4} | kwargs
    with pytest.raises((TypeError, ValueError), match=message):
        noisy_descent(elongated_quadratic(), **arguments)


def test_noisy_descent_needs_a_surface():
    with pytest.raises(TypeError, match=r"surface must be a coursekit.surfaces.Surface, got str"):
        noisy_descent("bowl", 0.1, 5, 4)


def test_noise_data_holds_each_sizes_gradients_their_spread_and_how_many_point_downhill(moons):
    X, Y, params = moons
    noise = gradient_noise_data(X, Y, params, sizes=(64, 1, 4, 200), count=16)
    full = nn.cost_and_grads(X, Y, params)[1]
    assert isinstance(noise, NoiseData) and noise.sizes == (1, 4, 64, 200) and noise.m == 200
    assert noise.grads[4].shape == (16, 25) and noise.full.tolist() == flat_gradient(full).tolist()
    for size, spread, downhill in zip(noise.sizes, noise.spread, noise.downhill):
        assert spread == gradient_spread(minibatch_gradients(X, Y, params, size, 16), full)
        assert downhill == np.mean(noise.grads[size] @ noise.full > 0)
    assert noise.spread[-1] == pytest.approx(0, abs=1e-12) and noise.downhill[-1] == 1.0  # size m: no noise


def test_noisy_paths_share_their_draws_and_wander_less_with_larger_sizes():
    paths = noisy_descent_data(elongated_quadratic(5.0), sizes=(1, 16, 256), steps=80, seed=3)
    assert paths.reference.points.shape == (81, 2)
    deviation = {s: paths.paths[s].points - paths.reference.points for s in (1, 16, 256)}
    np.testing.assert_allclose(deviation[1], 4 * deviation[16], atol=1e-12)
    assert paths.wander[1] > paths.wander[16] > paths.wander[256]
    last_half = paths.paths[16].points[40:]
    assert paths.wander[16] == pytest.approx(np.sqrt(np.mean(np.sum(last_half ** 2, axis=1))))


@pytest.mark.parametrize("call, message", [
    (lambda: gradient_noise_data(np.ones((2, 4)), np.ones((1, 4)), nn.init_params([2, 1]), sizes=()),
     r"sizes must be a non-empty sequence of mini-batch sizes"),
    (lambda: noisy_descent_data(several_minima()), r"surface must .*one known minimum"),
    (lambda: noisy_descent_data(elongated_quadratic(), sizes=[0]), r"sizes.* must be an integer >= 1, got 0"),
])
def test_bad_arguments_of_the_data_by_size_are_named(call, message):
    with pytest.raises((TypeError, ValueError), match=message):
        call()
