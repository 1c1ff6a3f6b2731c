"""Shuffling and partitioning a training set into mini-batches (SYLLABUS §1-2)."""

import math

import numpy as np
from hypothesis import given

from coursekit.minibatch import num_mini_batches, random_mini_batches
from tests.strategies import labelled_sets, mini_batch_sizes, seeds


@given(labelled_sets(), mini_batch_sizes, seeds)
def test_batches_are_a_permutation_of_the_columns_with_pairs_kept(data, size, seed):
    X, Y = data
    batches = random_mini_batches(X, Y, mini_batch_size=size, seed=seed)
    ids = np.concatenate([X_t[0] for X_t, _ in batches])
    assert sorted(ids.astype(int).tolist()) == list(range(X.shape[1]))  # every example exactly once
    for X_t, Y_t in batches:
        columns = X_t[0].astype(int)
        np.testing.assert_array_equal(Y_t[0], X_t[0])  # y(i) travels with x(i)
        np.testing.assert_array_equal(X_t, X[:, columns])
        np.testing.assert_array_equal(Y_t, Y[:, columns])


@given(labelled_sets(), mini_batch_sizes, seeds)
def test_batch_sizes(data, size, seed):
    X, Y = data
    m = X.shape[1]
    batches = random_mini_batches(X, Y, mini_batch_size=size, seed=seed)
    sizes = [X_t.shape[1] for X_t, _ in batches]
    assert [Y_t.shape[1] for _, Y_t in batches] == sizes
    assert sum(sizes) == m
    assert len(batches) == math.ceil(m / size) == num_mini_batches(m, size)
    assert all(n == size for n in sizes[:-1])
    assert sizes[-1] == (m % size or size)
    assert all(X_t.shape[0] == X.shape[0] and Y_t.shape[0] == Y.shape[0] for X_t, Y_t in batches)


@given(labelled_sets(), mini_batch_sizes, seeds)
def test_same_seed_same_batches_and_inputs_untouched(data, size, seed):
    X, Y = data
    X0, Y0 = X.copy(), Y.copy()
    first = random_mini_batches(X, Y, mini_batch_size=size, seed=seed)
    second = random_mini_batches(X, Y, mini_batch_size=size, seed=seed)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(Y, Y0)
    assert len(first) == len(second)
    for (X1, Y1), (X2, Y2) in zip(first, second):
        np.testing.assert_array_equal(X1, X2)
        np.testing.assert_array_equal(Y1, Y2)


def test_modifying_a_batch_leaves_the_inputs_untouched():
    X, Y = np.arange(12.0).reshape(2, 6), np.arange(6.0).reshape(1, 6)
    for X_t, Y_t in random_mini_batches(X, Y, mini_batch_size=4, seed=0):
        X_t[...] = -1.0
        Y_t[...] = -1.0
    np.testing.assert_array_equal(X, np.arange(12.0).reshape(2, 6))
    np.testing.assert_array_equal(Y, np.arange(6.0).reshape(1, 6))


def test_the_columns_are_actually_shuffled_and_seeds_differ():
    X = np.arange(100.0).reshape(1, 100)
    order = {seed: np.concatenate([X_t[0] for X_t, _ in random_mini_batches(X, X, 10, seed=seed)]) for seed in (0, 1)}
    assert not np.array_equal(order[0], X[0])
    assert not np.array_equal(order[0], order[1])


def test_extremes_batch_gd_and_sgd():
    """size = m gives one batch (batch GD); size = 1 gives m batches of one example (SGD)."""
    X, Y = np.arange(14.0).reshape(2, 7), np.arange(7.0).reshape(1, 7)
    assert [X_t.shape for X_t, _ in random_mini_batches(X, Y, mini_batch_size=7)] == [(2, 7)]
    assert [X_t.shape for X_t, _ in random_mini_batches(X, Y, mini_batch_size=1)] == [(2, 1)] * 7


def test_the_last_partial_batch_is_kept():
    X, Y = np.zeros((3, 130)), np.zeros((1, 130))
    assert [X_t.shape[1] for X_t, _ in random_mini_batches(X, Y, mini_batch_size=64)] == [64, 64, 2]


def test_num_mini_batches_golden():
    assert num_mini_batches(5_000_000, 1_000) == 5_000  # SYLLABUS §1
    assert num_mini_batches(130, 64) == 3
    assert num_mini_batches(128, 64) == 2
    assert num_mini_batches(1, 64) == 1
    assert num_mini_batches(np.int64(10), np.int64(3)) == 4
