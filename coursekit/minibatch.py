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


def checked_mini_batches(batches, X: np.ndarray, Y: np.ndarray, mini_batch_size: int,
                         name: str = "mini_batches") -> list[tuple[np.ndarray, np.ndarray]]:
    """Check what a function ``name(X, Y, mini_batch_size, seed)`` returned: a partition's worth of mini-batches.

    It must be ``ceil(m / mini_batch_size)`` pairs ``(X_t, Y_t)`` of finite 2-D arrays, ``X_t`` with the
    ``n_x`` rows of ``X`` and ``Y_t`` with the ``n_y`` rows of ``Y``, the same ``k >= 1`` columns in a pair,
    and ``m`` columns in all — what :func:`random_mini_batches` returns, whatever the order of the columns.

    Args:
        batches: the function's result.  X, Y: the 2-D arrays it was given, ``(n_x, m)`` and ``(n_y, m)``.
        mini_batch_size: the size it was asked for, an integer >= 1.  name: the function, as messages call it.

    Returns:
        The pairs, as float arrays.

    Reference: notebook 01 (the learner's own mini-batches feed the training).

    >>> X, Y = np.arange(6.0).reshape(2, 3), np.ones((1, 3))
    >>> [x.shape for x, _ in checked_mini_batches(random_mini_batches(X, Y, 2), X, Y, 2)]
    [(2, 2), (2, 1)]
    """
    X = _validate.array(X, "X", ndim=2, finite=False)
    Y = _validate.array(Y, "Y", ndim=2, finite=False)
    _validate.same_examples(X, Y)
    wanted = num_mini_batches(X.shape[1], mini_batch_size)
    if not isinstance(batches, (list, tuple)):  # as random_mini_batches returns: checked once per epoch, cheaply
        raise TypeError(f"{name} must return a list of pairs (X_t, Y_t), got {type(batches).__name__}")
    if len(batches) != wanted:
        raise ValueError(f"{name} must return ceil(m / mini_batch_size) = ceil({X.shape[1]} / {mini_batch_size}) = "
                         f"{wanted} pairs (X_t, Y_t), got {len(batches)}")
    checked = []
    for t, pair in enumerate(batches, start=1):
        if not isinstance(pair, (list, tuple)):
            raise TypeError(f"{name}'s mini-batch {t} must be a pair (X_t, Y_t), got {type(pair).__name__}")
        if len(pair) != 2:
            raise ValueError(f"{name}'s mini-batch {t} must be a pair (X_t, Y_t), got {len(pair)} items")
        X_t = _validate.array(pair[0], f"{name}'s X_t of mini-batch {t}", ndim=2)
        Y_t = _validate.array(pair[1], f"{name}'s Y_t of mini-batch {t}", ndim=2)
        if X_t.shape[0] != X.shape[0] or Y_t.shape[0] != Y.shape[0] or X_t.shape[1] != Y_t.shape[1] or not X_t.size:
            raise ValueError(f"{name}'s mini-batch {t} must be X_t of shape ({X.shape[0]}, k) and Y_t of shape "
                             f"({Y.shape[0]}, k) with k >= 1, got {X_t.shape} and {Y_t.shape}")
        checked.append((X_t, Y_t))
    columns = sum(X_t.shape[1] for X_t, _ in checked)
    if columns != X.shape[1]:
        raise ValueError(f"{name}'s mini-batches must hold the m = {X.shape[1]} examples, got {columns} columns in all")
    return checked
