"""Adam: momentum and RMSprop together, both moments bias-corrected (notebook 08)."""

from __future__ import annotations

import math

import numpy as np

from coursekit import _validate
from coursekit._compile import blocks, kernel
from coursekit.averages import bias_correct, ewa_step
from coursekit.optim.optimizer import Hyperparameter, Optimizer, _checked, _finite


def adam_update(
    w, v, s, dw, t: int, lr: float = 1e-3, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One step of Adam.

    ``v = β₁ v + (1 − β₁) dW``;  ``s = β₂ s + (1 − β₂) dW²``;
    ``v̂ = v / (1 − β₁^t)``;  ``ŝ = s / (1 − β₂^t)``;  ``W := W − α v̂ / (√ŝ + ε)``

    Args:
        w: parameter ``W``.  v, s: first and second moments (zeros before the first step).
        dw: gradient ``dW``.  t: this step's number, counting from 1.
        lr: ``α`` > 0.  beta1: ``β₁`` in [0, 1).  beta2: ``β₂`` in [0, 1).  eps: ``ε`` > 0.

    Returns:
        ``(W, v, s)``, new arrays (``v`` and ``s`` without bias correction, ready for the next step).

    Reference: notebook 08; Kingma & Ba (2015), "Adam: A Method for Stochastic Optimization", Algorithm 1.

    >>> w, v, s = adam_update(np.array([1.0]), np.zeros(1), np.zeros(1), np.array([3.0]), t=1, lr=0.1)
    >>> w.round(6).tolist()    # at t = 1, v̂ = dW and ŝ = dW², so the step is α · sign(dW)
    [0.9]
    """
    lr = _validate.positive(lr, "lr")
    beta1 = _validate.beta(beta1, "beta1")
    beta2 = _validate.beta(beta2, "beta2")
    eps = _validate.positive(eps, "eps")
    w, dw, (v, s) = _checked(w, dw, {"v": v, "s": s})
    v = ewa_step(v, dw, beta1)
    s = ewa_step(s, dw**2, beta2)
    v_hat = bias_correct(v, beta1, t)
    s_hat = bias_correct(s, beta2, t)
    w = w - lr * v_hat / (np.sqrt(s_hat) + eps)
    return w, v, s


class Adam(Optimizer):
    """Adam (see :func:`adam_update`), with bias-corrected moments and ``t`` counting from 1.

    >>> Adam(lr=1e-3)
    Adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1e-08)
    """

    _state_names = ("v", "s")
    beta1 = Hyperparameter(_validate.beta, "``β₁`` in [0, 1)")
    beta2 = Hyperparameter(_validate.beta, "``β₂`` in [0, 1)")
    eps = Hyperparameter(_validate.positive, "``ε`` > 0")

    def __init__(self, lr: float = 1e-3, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8):
        super().__init__(lr)
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps

    def _update(self, w, dw, v, s):
        corrections = 1 - self.beta1**self.t, 1 - self.beta2**self.t  # as bias_correct computes them
        return _adam_in_place(w, dw, v, s, self.lr, self.beta1, self.beta2, self.eps, *corrections)

    def _hyperparameters(self):
        return {"lr": self.lr, "beta1": self.beta1, "beta2": self.beta2, "eps": self.eps}


def _adam_numpy(w, dw, v, s, lr, beta1, beta2, eps, correction1, correction2):
    """:func:`_adam_in_place` as numpy expressions, a block at a time, for when Numba is not there."""
    for i in blocks(w):
        np.add(beta1 * v[i], (1 - beta1) * dw[i], out=v[i])  # v = β₁ v + (1 − β₁) dW
        np.add(beta2 * s[i], (1 - beta2) * (dw[i] * dw[i]), out=s[i])  # s = β₂ s + (1 − β₂) dW²
        v_hat, s_hat = v[i] / correction1, s[i] / correction2  # v̂ = v / (1 − β₁^t), ŝ = s / (1 − β₂^t)
        np.subtract(w[i], lr * v_hat / (np.sqrt(s_hat) + eps), out=w[i])  # W := W − α v̂ / (√ŝ + ε)
    return not _finite(w)


@kernel(numpy=_adam_numpy)
def _adam_in_place(w, dw, v, s, lr, beta1, beta2, eps, correction1, correction2):
    """:func:`adam_update` on flat arrays, element by element, in place (``correction = 1 − β^t``); whether a new
    ``W`` is NaN or infinite."""
    nonfinite = False
    for i in range(w.size):
        v[i] = beta1 * v[i] + (1 - beta1) * dw[i]  # v = β₁ v + (1 − β₁) dW
        s[i] = beta2 * s[i] + (1 - beta2) * (dw[i] * dw[i])  # s = β₂ s + (1 − β₂) dW²
        v_hat, s_hat = v[i] / correction1, s[i] / correction2  # v̂ = v / (1 − β₁^t), ŝ = s / (1 − β₂^t)
        w[i] = w[i] - lr * v_hat / (math.sqrt(s_hat) + eps)  # W := W − α v̂ / (√ŝ + ε)
        nonfinite |= not math.isfinite(w[i])
    return nonfinite
