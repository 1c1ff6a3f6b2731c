"""The claims of notebook 03 (the noise of a mini-batch), at the notebook's own settings: a change in coursekit that
breaks the lesson fails here.

What is pinned: the spreads of the mini-batch gradients, the wandering of a noisy path, and the training costs,
accuracies and sharpness of the two extremes of notebook 02's race, retrained at their best α.
"""

import numpy as np
import pytest

from coursekit import nn
from coursekit.experiments import batch_size, gradient_noise, sharpness
from coursekit.course.questions.nb02 import LAYERS, M
from coursekit.data import load_digits
from coursekit.surfaces import elongated_quadratic


@pytest.fixture(scope="module")
def digits():
    return load_digits()


@pytest.fixture(scope="module")
def best(digits):
    """Notebook 02's best runs of sizes 1, 64 and m, as 03 trains them again."""
    assert digits.X_train.shape[1] == M
    return batch_size.sweep_sizes(digits.X_train, digits.Y_train, LAYERS, {1: (0.1,), 64: (1.0,), M: (1.0,)},
                                  {1: 1, 64: 30, M: 100})


# --- the noise of a mini-batch gradient ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def noise(digits):
    return gradient_noise.gradient_noise_data(digits.X_train, digits.Y_train, nn.init_params(LAYERS),
                                              sizes=(1, 4, 16, 64, 256, 1024), count=32)


def test_the_spread_falls_like_one_over_root_size_then_faster_near_m(noise):
    scaled = noise.spread * np.sqrt(noise.sizes)
    np.testing.assert_allclose(scaled[:4], 4.0, rtol=0.05)  # 4.02, 4.11, 3.94, 3.92
    overlap = np.sqrt((M - np.array(noise.sizes[4:])) / (M - 1))
    np.testing.assert_allclose(scaled[4:], 4.0 * overlap, rtol=0.1)  # 3.72, 2.25
    assert noise.spread[2] == pytest.approx(0.99, abs=0.01)  # the question's "about 0.99 at size 16"
    assert np.linalg.norm(noise.full) == pytest.approx(0.582, abs=0.002)
    assert noise.spread[0] / np.linalg.norm(noise.full) == pytest.approx(7, rel=0.05)  # "several times farther"


def test_near_the_minimum_the_gradient_shrinks_and_the_noise_dominates(digits, best, noise):
    trained = best.best(64).params
    g = np.linalg.norm(gradient_noise.flat_gradient(nn.cost_and_grads(digits.X_train, digits.Y_train, trained)[1]))
    spread_1, spread_64 = gradient_noise.spread_by_size(digits.X_train, digits.Y_train, trained, [1, 64], count=32)
    assert g == pytest.approx(0.040, abs=0.0005)
    assert g < np.linalg.norm(noise.full) / 10  # "more than ten times shorter"
    assert 1.5 < spread_64 / g < 3  # "about twice as far"
    assert spread_64 == pytest.approx(0.086, abs=0.0005) and spread_1 == pytest.approx(0.335, abs=0.0005)


def test_a_noisy_path_wanders_half_as_far_each_time_the_size_is_multiplied_by_4():
    paths = gradient_noise.noisy_descent_data(elongated_quadratic(5.0), sizes=(1, 4, 16, 64, 256), lr=0.15, steps=60,
                                              noise=3.0)
    wander = np.array([paths.wander[size] for size in (1, 4, 16, 64, 256)])
    np.testing.assert_allclose(wander, [0.995, 0.498, 0.250, 0.126, 0.064], atol=0.002)
    np.testing.assert_allclose(wander[:-1] / wander[1:], 2, rtol=0.05)


# --- generalization and sharpness -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def extremes(digits, best):
    small = best.best(1)
    k = best.epochs_to(M, small.epoch_costs[-1])
    large = batch_size.sweep_sizes(digits.X_train, digits.Y_train, LAYERS, {M: (1.0,)}, {M: k}).best(M)
    return small, large, k


def test_the_two_extremes_are_compared_at_the_same_training_cost(extremes):
    small, large, k = extremes
    assert k == 61
    assert large.epoch_costs[-1] == pytest.approx(small.epoch_costs[-1], rel=0.01)  # 0.1560 and 0.1566


def test_the_large_batch_is_sharper_but_not_worse_on_the_test_set(digits, extremes):
    small, large, _ = extremes
    X, Y = digits.X_train, digits.Y_train
    right = [round(nn.accuracy(digits.X_test, digits.Y_test, h.params) * 359) for h in (small, large)]
    assert right == [337, 341]  # 93.9 % and 95.0 %: "all but a handful of the same test digits"
    rise_small, rise_large = (sharpness.perturbed_cost_increase(X, Y, h.params, radius=0.1, directions=20).mean()
                              for h in (small, large))
    assert rise_small == pytest.approx(0.0056, abs=0.0005) and rise_large == pytest.approx(0.0103, abs=0.0005)
    assert 1.5 < rise_large / rise_small < 2.5  # "about twice as much"
    costs = sharpness.interpolate_costs(X, Y, small.params, large.params, np.linspace(-0.5, 1.5, 21))
    assert costs[-1] - costs[15] > 3 * (costs[0] - costs[5])  # it climbs much faster beyond the large batch's end
