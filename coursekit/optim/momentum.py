"""Gradient descent with momentum: step along an exponentially weighted average of the gradients (notebook 06).

The lecture's form averages, ``v = β v + (1 − β) dW``; the common variant sums, ``v = β v + dW``.
"""

from __future__ import annotations

import math

import numpy as np

from coursekit import _validate
from coursekit._compile import blocks, kernel
from coursekit.averages import ewa_step
from coursekit.optim.optimizer import Hyperparameter, Optimizer, _checked, _finite


def momentum_update(w, v, dw, lr: float, beta: float = 0.9) -> tuple[np.ndarray, np.ndarray]:
    """One step of gradient descent with momentum (the lecture's form, with ``1 − β``).

    ``v_dW = β v_dW + (1 − β) dW``;  ``W := W − α v_dW``

    Args:
        w: parameter ``W``.  v: velocity ``v_dW`` (zeros before the first step).  dw: gradient ``dW``.
        lr: ``α`` > 0.  beta: ``β`` in [0, 1); 0.9 averages roughly the last 10 gradients.

    Returns:
        ``(W, v_dW)``, both new arrays.

    Reference: notebook 06.

    >>> w, v = momentum_update(np.array([1.0]), np.zeros(1), np.array([10.0]), lr=0.1, beta=0.9)
    >>> w.round(6).tolist(), v.round(6).tolist()
    ([0.9], [1.0])
    """
    lr = _validate.positive(lr, "lr")
    w, dw, (v,) = _checked(w, dw, {"v": v})
    v = ewa_step(v, dw, beta)
    w = w - lr * v
    return w, v


def momentum_sum_update(w, v, dw, lr: float, beta: float = 0.9) -> tuple[np.ndarray, np.ndarray]:
    """One step of momentum in the variant without ``1 − β`` (PyTorch's ``SGD(momentum=β)``).

    ``v_dW = β v_dW + dW``;  ``W := W − α v_dW``

    The velocity is an exponentially weighted *sum*, about ``1 / (1 − β)`` times the average, so ``α``
    must be retuned when ``β`` changes. From ``v = 0`` the first step gives ``v = dW``, as PyTorch does.

    Args:
        w: parameter ``W``.  v: velocity ``v_dW``.  dw: gradient ``dW``.  lr: ``α`` > 0.  beta: ``β`` in [0, 1).

    Returns:
        ``(W, v_dW)``, both new arrays.

    Reference: notebook 06 (the variant); Sutskever et al. (2013), eq. 1.

    >>> w, v = momentum_sum_update(np.array([1.0]), np.zeros(1), np.array([10.0]), lr=0.01, beta=0.9)
    >>> w.round(6).tolist(), v.round(6).tolist()
    ([0.9], [10.0])
    """
    lr = _validate.positive(lr, "lr")
    beta = _validate.beta(beta, "beta")
    w, dw, (v,) = _checked(w, dw, {"v": v})
    v = beta * v + dw
    w = w - lr * v
    return w, v


class Momentum(Optimizer):
    """Gradient descent with momentum (see :func:`momentum_update`).

    ``v = β v + (1 − β) dW``, ``W := W − α v``; with ``average=False`` the variant without ``1 − β``,
    ``v = β v + dW`` (see :func:`momentum_sum_update`; PyTorch's ``SGD(momentum=β)``).

    >>> Momentum(lr=0.1)
    Momentum(lr=0.1, beta=0.9, average=True)
    """

    _state_names = ("v",)
    beta = Hyperparameter(_validate.beta, "``β`` in [0, 1)")

    def __init__(self, lr: float, beta: float = 0.9, average: bool = True):
        super().__init__(lr)
        self.beta = beta
        self.average = _validate.boolean(average, "average")

    def _update(self, w, dw, v):
        return _momentum_in_place(w, dw, v, self.lr, self.beta, 1 - self.beta if self.average else 1.0)

    def _hyperparameters(self):
        return {"lr": self.lr, "beta": self.beta, "average": self.average}


def _momentum_numpy(w, dw, v, lr, beta, weight):
    """:func:`_momentum_in_place` as numpy expressions, a block at a time, for when Numba is not there."""
    for i in blocks(w):
        np.add(beta * v[i], weight * dw[i], out=v[i])  # v_dW = β v_dW + (1 − β) dW, or β v_dW + dW
        np.subtract(w[i], lr * v[i], out=w[i])  # W := W − α v_dW
    return not _finite(w)


@kernel(numpy=_momentum_numpy)
def _momentum_in_place(w, dw, v, lr, beta, weight):
    """:func:`momentum_update` (``weight = 1 − β``) or :func:`momentum_sum_update` (``weight = 1``, exact: a
    product by 1 changes no bit) on flat arrays, element by element, in place; whether a new ``W`` is not finite."""
    nonfinite = False
    for i in range(w.size):
        v[i] = beta * v[i] + weight * dw[i]  # v_dW = β v_dW + (1 − β) dW, or β v_dW + dW
        w[i] = w[i] - lr * v[i]  # W := W − α v_dW
        nonfinite |= not math.isfinite(w[i])
    return nonfinite
