"""Gradient descent: step against the gradient (notebooks 00-01)."""

from __future__ import annotations

import math

import numpy as np

from coursekit import _validate
from coursekit._compile import blocks, kernel
from coursekit.optim.optimizer import Optimizer, _checked, _finite


def gd_update(w, dw, lr: float) -> np.ndarray:
    """One step of gradient descent.

    ``W := W − α dW``

    Args:
        w: a parameter ``W`` (any shape).  dw: its gradient ``dW``.  lr: the learning rate ``α`` > 0.

    Returns:
        The new ``W``.

    Reference: notebook 01.

    >>> gd_update(np.array([1.0, 2.0]), np.array([10.0, -10.0]), lr=0.1).tolist()
    [0.0, 3.0]
    """
    lr = _validate.positive(lr, "lr")
    w, dw, _ = _checked(w, dw, {})
    return w - lr * dw


class GD(Optimizer):
    """Gradient descent: ``W := W − α dW`` for every parameter (see :func:`gd_update`).

    >>> params = {"w": np.array([1.0])}; GD(lr=0.5).step(params, {"w": np.array([2.0])}); params["w"].tolist()
    [0.0]
    """

    def _update(self, w, dw):
        return _gd_in_place(w, dw, self.lr)


def _gd_numpy(w, dw, lr):
    """:func:`_gd_in_place` as numpy expressions, a block at a time, for when Numba is not there."""
    for i in blocks(w):
        np.subtract(w[i], lr * dw[i], out=w[i])  # W := W − α dW
    return not _finite(w)


@kernel(numpy=_gd_numpy)
def _gd_in_place(w, dw, lr):
    """:func:`gd_update` on flat arrays, element by element, in place; whether a new ``W`` is NaN or infinite."""
    nonfinite = False
    for i in range(w.size):
        w[i] = w[i] - lr * dw[i]  # W := W − α dW
        nonfinite |= not math.isfinite(w[i])
    return nonfinite
