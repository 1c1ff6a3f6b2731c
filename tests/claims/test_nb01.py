"""The claims of notebook 01 (mini-batch gradient descent), at the notebook's own settings: the digits network trained
with plain gradient descent for ten epochs as batch, mini-batch and stochastic gradient descent.

Seconds are never asserted (the machine is shared): the claim that size 1 is the slowest per second is measured by
notebook 02, and its deterministic part — how many steps an epoch takes — is pinned here.
"""

import math

import numpy as np
import pytest

from coursekit.data import load_digits
from coursekit.optim import GD
from coursekit.train import train

LAYERS = [64, 32, 10]


@pytest.fixture(scope="module")
def digits():
    return load_digits()


@pytest.fixture(scope="module")
def runs(digits):
    """The notebook's three runs: batch (size m), mini-batch (64) and stochastic (1, at a ten times smaller α)."""
    X, Y, X_test, Y_test = digits
    m = X.shape[1]
    return {size: train(X, Y, LAYERS, GD(lr=lr), epochs=10, mini_batch_size=size, X_test=X_test, Y_test=Y_test)
            for size, lr in ((m, 0.5), (64, 0.5), (1, 0.05))}


def test_in_ten_epochs_mini_batches_learn_far_more_than_batch_gradient_descent(digits, runs):
    batch, mini = runs[digits.X_train.shape[1]], runs[64]
    assert (batch.steps_per_epoch, mini.steps_per_epoch) == (1, 23)
    assert batch.epoch_costs[-1] == pytest.approx(1.342, abs=0.0005)
    assert mini.epoch_costs[-1] == pytest.approx(0.104, abs=0.0005)
    assert (round(batch.test_accuracy[-1], 3), round(mini.test_accuracy[-1], 3)) == (0.727, 0.967)


def test_per_epoch_size_1_reaches_the_lowest_cost_at_a_ten_times_smaller_alpha(runs):
    stochastic = runs[1]
    assert stochastic.steps_per_epoch == 1438  # it pays a call's fixed cost 1,438 times an epoch, size 64 23 times
    assert stochastic.epoch_costs[-1] == pytest.approx(0.024, abs=0.0005)
    assert round(stochastic.test_accuracy[-1], 3) == 0.978
    assert min(runs, key=lambda size: runs[size].epoch_costs[-1]) == 1


def test_at_the_others_alpha_size_1_never_learns(digits):
    history = train(digits.X_train, digits.Y_train, LAYERS, GD(lr=0.5), epochs=10, mini_batch_size=1)
    assert np.all(history.epoch_costs > math.log(10))  # no better than a uniform guess, in ten epochs as in five


def test_the_mini_batch_cost_jumps_where_batch_gradient_descents_falls_at_every_step(digits, runs):
    batch, mini = runs[digits.X_train.shape[1]], runs[64]
    assert np.all(np.diff(batch.costs) < 0)
    rises = np.diff(mini.costs) > 0
    assert (int(rises.sum()), rises.size) == (109, 229)
    assert mini.epoch_costs[-1] < batch.epoch_costs[-1] / 10  # its trend falls far faster
