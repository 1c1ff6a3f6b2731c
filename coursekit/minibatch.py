"""Shuffling a training set and partitioning it into mini-batches (notebooks 01-02)."""

from __future__ import annotations

import math

import numpy as np

from coursekit import _validate


def random_mini_batches(X, Y, mini_batch_size: int = 64, seed: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    """Shuffle the examples (columns) of ``X`` and ``Y`` together and cut them into mini-batches.

    One permutation ``p`` of ``0..m−1`` reorders both: ``X[:, p]``, ``Y[:, p]``; then consecutive
    blocks of ``mini_batch_size`` columns form ``X{1}, Y{1}``, ``X{2}, Y{2}``, …; the last block
    keeps the ``m mod mini_batch_size`` leftover examples when that is not zero.

    Args:
        X: inputs, shape ``(n_x, m)``.
        Y: labels, shape ``(n_y, m)``, same ``m``.
        mini_batch_size: examples per mini-batch, an integer >= 1 (``m`` gives batch GD, 1 gives SGD).
        seed: seed of the ``numpy.random.default_rng`` that draws the permutation.

    Returns:
        A list of ``ceil(m / mini_batch_size)`` pairs ``(X_t, Y_t)``.

    Reference: notebook 01.

    >>> X = np.arange(10.0).reshape(2, 5); Y = np.arange(5.0).reshape(1, 5)
    >>> [x.shape for x, _ in random_mini_batches(X, Y, mini_batch_size=2)]
    [(2, 2), (2, 2), (2, 1)]
    """
    X = _validate.not_empty(_validate.array(X, "X", ndim=2, finite=False), "X")
    Y = _validate.array(Y, "Y", ndim=2, finite=False)
    _validate.same_examples(X, Y)
    mini_batch_size = _validate.positive_int(mini_batch_size, "mini_batch_size")
    seed = _validate.non_negative_int(seed, "seed")
    m = X.shape[1]
    permutation = np.random.default_rng(seed).permutation(m)
    X_shuffled, Y_shuffled = X[:, permutation], Y[:, permutation]
    return [
        (X_shuffled[:, k : k + mini_batch_size], Y_shuffled[:, k : k + mini_batch_size])
        for k in range(0, m, mini_batch_size)
    ]


def num_mini_batches(m: int, mini_batch_size: int) -> int:
    """Steps per epoch: ``ceil(m / mini_batch_size)``.

    >>> num_mini_batches(5_000_000, 1_000)
    5000
    """
    m = _validate.positive_int(m, "m")
    mini_batch_size = _validate.positive_int(mini_batch_size, "mini_batch_size")
    return math.ceil(m / mini_batch_size)
