"""RMSprop: divide each coordinate's step by the root of its mean square gradient (notebook 07).

The default ``β₂ = 0.9`` is the value of RMSprop's source, Hinton's lecture 6e, and of Keras (PyTorch uses
0.99). Without a bias correction ``s`` starts too small: the first step is ``α dW / √((1 − β₂) dW²)``, so
every coordinate moves by ``α / √(1 − β₂)``, about 3.2 α for 0.9, 10 α for 0.99 and 31.6 α for Adam's 0.999
(which Adam can afford only because it corrects the bias, notebook 08). With 0.9, ``s`` also follows the
gradient's recent size (roughly its last 10 squares), the memory of momentum's ``β = 0.9``. Notebook 07
measures the trade-off: on a smooth quadratic a longer memory can settle faster, but on the digits, each
``β₂`` at its best learning rate, 0.9 trained best, and 0.999's first step threw the cost from 2.2 to 18.
"""

from __future__ import annotations

import math

import numpy as np

from coursekit import _validate
from coursekit._compile import blocks, kernel
from coursekit.averages import ewa_step
from coursekit.optim.optimizer import Hyperparameter, Optimizer, _checked, _finite


def rmsprop_update(w, s, dw, lr: float, beta2: float = 0.9, eps: float = 1e-8) -> tuple[np.ndarray, np.ndarray]:
    """One step of RMSprop.

    ``s_dW = β₂ s_dW + (1 − β₂) dW²`` (element-wise square);  ``W := W − α dW / (√s_dW + ε)``

    Args:
        w: parameter ``W``.  s: mean square ``s_dW`` (zeros before the first step).  dw: gradient ``dW``.
        lr: ``α`` > 0.  beta2: ``β₂`` in [0, 1), 0.9 by default (see the module's note; PyTorch calls it
            ``alpha``).  eps: ``ε`` > 0.

    Returns:
        ``(W, s_dW)``, both new arrays.

    Reference: notebook 07; Hinton, Coursera "Neural Networks for Machine Learning", lecture 6e.

    >>> w, s = rmsprop_update(np.array([1.0]), np.zeros(1), np.array([2.0]), lr=0.1, beta2=0.75, eps=1e-8)
    >>> w.round(6).tolist(), s.round(6).tolist()   # s = 0.25 * 4 = 1, step = 0.1 * 2 / 1
    ([0.8], [1.0])
    """
    lr = _validate.positive(lr, "lr")
    beta2 = _validate.beta(beta2, "beta2")
    eps = _validate.positive(eps, "eps")
    w, dw, (s,) = _checked(w, dw, {"s": s})
    s = ewa_step(s, dw**2, beta2)
    w = w - lr * dw / (np.sqrt(s) + eps)
    return w, s


class RMSprop(Optimizer):
    """RMSprop (see :func:`rmsprop_update`): ``s = β₂ s + (1 − β₂) dW²``, ``W := W − α dW / (√s + ε)``.

    >>> RMSprop(lr=0.01)
    RMSprop(lr=0.01, beta2=0.9, eps=1e-08)
    """

    _state_names = ("s",)
    beta2 = Hyperparameter(_validate.beta, "``β₂`` in [0, 1)")
    eps = Hyperparameter(_validate.positive, "``ε`` > 0")

    def __init__(self, lr: float, beta2: float = 0.9, eps: float = 1e-8):
        super().__init__(lr)
        self.beta2 = beta2
        self.eps = eps

    def _update(self, w, dw, s):
        return _rmsprop_in_place(w, dw, s, self.lr, self.beta2, self.eps)

    def _hyperparameters(self):
        return {"lr": self.lr, "beta2": self.beta2, "eps": self.eps}


def _rmsprop_numpy(w, dw, s, lr, beta2, eps):
    """:func:`_rmsprop_in_place` as numpy expressions, a block at a time, for when Numba is not there."""
    for i in blocks(w):
        np.add(beta2 * s[i], (1 - beta2) * (dw[i] * dw[i]), out=s[i])  # s_dW = β₂ s_dW + (1 − β₂) dW²
        np.subtract(w[i], lr * dw[i] / (np.sqrt(s[i]) + eps), out=w[i])  # W := W − α dW / (√s_dW + ε)
    return not _finite(w)


@kernel(numpy=_rmsprop_numpy)
def _rmsprop_in_place(w, dw, s, lr, beta2, eps):
    """:func:`rmsprop_update` on flat arrays, element by element, in place; whether a new ``W`` is not finite."""
    nonfinite = False
    for i in range(w.size):
        s[i] = beta2 * s[i] + (1 - beta2) * (dw[i] * dw[i])  # s_dW = β₂ s_dW + (1 − β₂) dW²
        w[i] = w[i] - lr * dw[i] / (math.sqrt(s[i]) + eps)  # W := W − α dW / (√s_dW + ε)
        nonfinite |= not math.isfinite(w[i])
    return nonfinite
