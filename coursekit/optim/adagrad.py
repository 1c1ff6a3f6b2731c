"""AdaGrad, RMSprop's ancestor: divide each coordinate's step by the root of the *sum* of its squared gradients.

The sum only grows, so each coordinate's effective step ``α / (√s + ε)`` only shrinks: after ``n`` steps of a
constant gradient ``g`` it is ``α / (√n |g| + ε)``. That suits a convex problem with rare features, and
stalls a long run on a network; RMSprop (notebook 07) replaces the sum with an exponentially weighted
average, which forgets old gradients and keeps the step from shrinking to nothing.
"""

from __future__ import annotations

import math

import numpy as np

from coursekit import _validate
from coursekit._compile import blocks, kernel
from coursekit.optim.optimizer import Hyperparameter, Optimizer, _checked, _finite


def adagrad_update(w, s, dw, lr: float, eps: float = 1e-8) -> tuple[np.ndarray, np.ndarray]:
    """One step of AdaGrad.

    ``s_dW = s_dW + dW²`` (element-wise square);  ``W := W − α dW / (√s_dW + ε)``

    Args:
        w: parameter ``W``.  s: sum of squares ``s_dW`` (zeros before the first step).  dw: gradient ``dW``.
        lr: ``α`` > 0.  eps: ``ε`` > 0, outside the square root as in PyTorch's ``Adagrad``.

    Returns:
        ``(W, s_dW)``, both new arrays.

    Reference: notebook 07; Duchi, Hazan & Singer (2011), "Adaptive Subgradient Methods for Online Learning
    and Stochastic Optimization", JMLR 12.

    >>> w, s = adagrad_update(np.array([1.0]), np.array([5.0]), np.array([2.0]), lr=0.1)
    >>> w.round(6).tolist(), s.round(6).tolist()   # s = 5 + 4 = 9, step = 0.1 * 2 / 3
    ([0.933333], [9.0])
    """
    lr = _validate.positive(lr, "lr")
    eps = _validate.positive(eps, "eps")
    w, dw, (s,) = _checked(w, dw, {"s": s})
    s = s + dw**2
    w = w - lr * dw / (np.sqrt(s) + eps)
    return w, s


class AdaGrad(Optimizer):
    """AdaGrad (see :func:`adagrad_update`): ``s = s + dW²``, ``W := W − α dW / (√s + ε)``.

    >>> AdaGrad(lr=0.1)
    AdaGrad(lr=0.1, eps=1e-08)
    """

    _state_names = ("s",)
    eps = Hyperparameter(_validate.positive, "``ε`` > 0")

    def __init__(self, lr: float, eps: float = 1e-8):
        super().__init__(lr)
        self.eps = eps

    def _update(self, w, dw, s):
        return _adagrad_in_place(w, dw, s, self.lr, self.eps)

    def _hyperparameters(self):
        return {"lr": self.lr, "eps": self.eps}


def _adagrad_numpy(w, dw, s, lr, eps):
    """:func:`_adagrad_in_place` as numpy expressions, a block at a time, for when Numba is not there."""
    for i in blocks(w):
        np.add(s[i], dw[i] * dw[i], out=s[i])  # s_dW = s_dW + dW²
        np.subtract(w[i], lr * dw[i] / (np.sqrt(s[i]) + eps), out=w[i])  # W := W − α dW / (√s_dW + ε)
    return not _finite(w)


@kernel(numpy=_adagrad_numpy)
def _adagrad_in_place(w, dw, s, lr, eps):
    """:func:`adagrad_update` on flat arrays, element by element, in place; whether a new ``W`` is not finite."""
    nonfinite = False
    for i in range(w.size):
        s[i] = s[i] + dw[i] * dw[i]  # s_dW = s_dW + dW²
        w[i] = w[i] - lr * dw[i] / (math.sqrt(s[i]) + eps)  # W := W − α dW / (√s_dW + ε)
        nonfinite |= not math.isfinite(w[i])
    return nonfinite
