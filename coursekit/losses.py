"""How good a network's output is: the cross-entropy cost ``J`` and the classes the output predicts.

The output layer is chosen by its size (see :mod:`coursekit.nn`): for ``n_y = 1`` a sigmoid unit and the
binary cross-entropy, for ``n_y > 1`` a softmax and the categorical cross-entropy. The private sums below
also take the outputs of ``K`` networks stacked along a first axis, ``A[L]`` of shape ``(K, n_y, m)``
against shared labels ``Y`` of shape ``(n_y, m)``, and give one number per network.
"""

from __future__ import annotations

import numpy as np

from coursekit import _validate

#: Activations are clipped to ``[TINY, 1 − TINY]`` inside the logarithms of :func:`cost`.
TINY = 1e-12


def _in_unit_interval(arr: np.ndarray, name: str) -> np.ndarray:
    """Check that every value of ``arr`` lies in [0, 1]."""
    if arr.size and (arr.min() < 0 or arr.max() > 1):
        raise ValueError(f"{name} must hold values in [0, 1], got values from {arr.min()} to {arr.max()}")
    return arr


def _checked_labels(Y, AL: np.ndarray) -> np.ndarray:
    """Validate labels ``Y``: the shape of the output ``A[L]``, values in [0, 1]."""
    Y = _validate.array(Y, "Y", ndim=2)
    _validate.same_shape(AL, "AL", Y, "Y")
    return _in_unit_interval(Y, "Y")


def _checked_pair(AL, Y) -> tuple[np.ndarray, np.ndarray]:
    """Validate an output ``A[L]`` and labels ``Y`` of the same shape, with values in [0, 1]."""
    AL = _in_unit_interval(_validate.not_empty(_validate.array(AL, "AL", ndim=2), "AL"), "AL")
    return AL, _checked_labels(Y, AL)


def cost(AL, Y) -> float:
    """Cross-entropy cost averaged over the ``m`` examples.

    ``n_y = 1``: ``J = −(1/m) Σ_i [y(i) log a(i) + (1 − y(i)) log(1 − a(i))]``;
    ``n_y > 1``: ``J = −(1/m) Σ_i Σ_k y_k(i) log a_k(i)``.
    For numerical safety ``a`` is clipped to ``[TINY, 1 − TINY]`` (``TINY = 1e-12``) inside the logarithms,
    so a confident wrong answer costs at most about 27.6 instead of infinity.

    Args:
        AL: the output ``A[L] = Ŷ``, shape ``(n_y, m)``.  Y: the labels, same shape (0/1 or one-hot).

    Returns:
        ``J`` as a float.

    Reference: notebook 01 (``J{t} = (1/size) Σ L(ŷ(i), y(i))``).

    >>> round(cost(np.array([[0.9, 0.2]]), np.array([[1.0, 0.0]])), 4)   # −(log 0.9 + log 0.8) / 2
    0.1643
    """
    AL, Y = _checked_pair(AL, Y)
    return float(_summed_cost(AL, Y) / AL.shape[1])


def _summed_cost(AL: np.ndarray, Y: np.ndarray, clipped: np.ndarray | None = None):
    """``m · J`` of an output (a number) or of each of ``K`` stacked outputs (an array of ``K``), unchecked;
    ``clipped``, an array of the shape of ``AL``, receives the clipped activations (numpy's ``out=``)."""
    A = np.clip(AL, TINY, 1 - TINY, out=clipped)
    if AL.shape[-2] == 1:
        losses = Y * np.log(A) + (1 - Y) * np.log(1 - A)  # one row per network
    else:
        losses = np.multiply(Y, np.log(A, out=A), out=A)  # Y * log(A)
    return -losses.sum(axis=(-2, -1))


def _by_columns(out, name: str, shape: tuple) -> np.ndarray:
    """``out(name, ...)`` as an array of the output layer's shape ``([K,] n_y, m)`` laid out as ``(n_y, [K,] m)``:
    the columns of stacked networks side by side, as the course's softmax takes them (for one network, plain)."""
    return np.moveaxis(out(name, (shape[-2], *shape[:-2], shape[-1])), 0, -2)


def _cost(AL: np.ndarray, Y: np.ndarray, out):
    """:func:`cost` unchecked, its arrays from ``out(name, shape)``: a number, or one per stacked network."""
    return _summed_cost(AL, Y, _by_columns(out, "A clipped", AL.shape)) / AL.shape[-1]


def _totals(AL: np.ndarray, Y: np.ndarray, out) -> tuple:
    """``(m · J, hits)`` of an output, unchecked: its summed cost and how many examples it classifies right
    (for stacked networks, one of each per network)."""
    return _summed_cost(AL, Y, _by_columns(out, "A clipped", AL.shape)), _hits(AL, Y)


def _evaluate_output(AL: np.ndarray, Y: np.ndarray, out) -> tuple[float, float]:
    """Cost ``J`` and accuracy of an output ``A[L]`` against labels ``Y``, unchecked."""
    summed, hits = _totals(AL, Y, out)
    return float(summed / AL.shape[1]), float(hits / AL.shape[1])


def _labels(Y: np.ndarray) -> np.ndarray:
    """Class labels ``(1, m)`` of 0/1 or one-hot ``Y``; of ``A[L]``, the predictions (``a > 0.5`` or argmax).
    Stacked outputs ``(K, n_y, m)`` give ``(K, 1, m)``."""
    if Y.shape[-2] == 1:
        return (Y > 0.5).astype(int)
    return np.expand_dims(Y.argmax(axis=-2), -2)


def _hits(AL: np.ndarray, Y: np.ndarray):
    """How many examples the output ``A[L]`` classifies as their labels ``Y`` say (one count per stacked network)."""
    return (_labels(AL) == _labels(Y)).sum(axis=(-2, -1))
