"""AdamW: Adam with decoupled weight decay, which shrinks ``W`` directly instead of adding ``λW`` to the gradient.

Each step first multiplies ``W`` by ``1 − αλ``, then takes Adam's step (notebook 08) with the gradient of the
cost alone, in the order of PyTorch's ``torch.optim.AdamW``. For gradient descent the two ways of decaying
are the same step (``W − α(dW + λW) = (1 − αλ)W − α dW``); for Adam they are not, because L2 regularization
(:class:`coursekit.optim.l2.L2`) puts ``λW`` inside the moments, where Adam divides it by ``√ŝ``.
"""

from __future__ import annotations

import math

import numpy as np

from coursekit import _validate
from coursekit._compile import blocks, kernel
from coursekit.optim.adam import adam_update
from coursekit.optim.optimizer import Hyperparameter, Optimizer, _finite


def adamw_update(
    w, v, s, dw, t: int, lr: float = 1e-3, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8,
    weight_decay: float = 0.01,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One step of AdamW: decoupled weight decay, then Adam's step.

    ``W := W (1 − α λ)``;  then :func:`~coursekit.optim.adam.adam_update`: ``v = β₁ v + (1 − β₁) dW``;
    ``s = β₂ s + (1 − β₂) dW²``;  ``v̂ = v / (1 − β₁^t)``;  ``ŝ = s / (1 − β₂^t)``;  ``W := W − α v̂ / (√ŝ + ε)``

    Args:
        w: parameter ``W``.  v, s: first and second moments (zeros before the first step).
        dw: gradient ``dW`` of the cost without any regularization term.  t: this step's number, from 1.
        lr: ``α`` > 0.  beta1: ``β₁`` in [0, 1).  beta2: ``β₂`` in [0, 1).  eps: ``ε`` > 0.
        weight_decay: ``λ`` >= 0 (PyTorch's default, 0.01); ``λ = 0`` is Adam.

    Returns:
        ``(W, v, s)``, new arrays (``v`` and ``s`` without bias correction, ready for the next step).

    Reference: notebook 12; Loshchilov & Hutter (2019), "Decoupled Weight Decay Regularization", ICLR,
    Algorithm 2.

    >>> w, v, s = adamw_update(np.array([1.0]), np.zeros(1), np.zeros(1), np.array([3.0]), t=1, lr=0.1,
    ...                        weight_decay=0.5)
    >>> w.round(6).tolist()    # 1 · (1 − 0.1 · 0.5), then Adam's first step of α · sign(dW)
    [0.85]
    """
    lr = _validate.positive(lr, "lr")
    weight_decay = _validate.non_negative(weight_decay, "weight_decay")
    w = _validate.array(w, "w")
    w = w * (1 - lr * weight_decay)
    return adam_update(w, v, s, dw, t, lr, beta1, beta2, eps)


class AdamW(Optimizer):
    """AdamW (see :func:`adamw_update`): ``W := W (1 − αλ)``, then Adam's step, ``t`` counting from 1.

    >>> AdamW(lr=1e-3)
    AdamW(lr=0.001, beta1=0.9, beta2=0.999, eps=1e-08, weight_decay=0.01)
    """

    _state_names = ("v", "s")
    beta1 = Hyperparameter(_validate.beta, "``β₁`` in [0, 1)")
    beta2 = Hyperparameter(_validate.beta, "``β₂`` in [0, 1)")
    eps = Hyperparameter(_validate.positive, "``ε`` > 0")
    weight_decay = Hyperparameter(_validate.non_negative, "``λ`` >= 0, the decay of ``W`` per unit of ``α``")

    def __init__(self, lr: float = 1e-3, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8,
                 weight_decay: float = 0.01):
        super().__init__(lr)
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.weight_decay = weight_decay

    def _update(self, w, dw, v, s):
        decay = 1 - self.lr * self.weight_decay
        corrections = 1 - self.beta1**self.t, 1 - self.beta2**self.t  # as bias_correct computes them
        return _adamw_in_place(w, dw, v, s, self.lr, self.beta1, self.beta2, self.eps, decay, *corrections)

    def _hyperparameters(self):
        return {"lr": self.lr, "beta1": self.beta1, "beta2": self.beta2, "eps": self.eps,
                "weight_decay": self.weight_decay}


def _adamw_numpy(w, dw, v, s, lr, beta1, beta2, eps, decay, correction1, correction2):
    """:func:`_adamw_in_place` as numpy expressions, a block at a time, for when Numba is not there."""
    for i in blocks(w):
        np.multiply(w[i], decay, out=w[i])  # W := W (1 − α λ)
        np.add(beta1 * v[i], (1 - beta1) * dw[i], out=v[i])  # v = β₁ v + (1 − β₁) dW
        np.add(beta2 * s[i], (1 - beta2) * (dw[i] * dw[i]), out=s[i])  # s = β₂ s + (1 − β₂) dW²
        v_hat, s_hat = v[i] / correction1, s[i] / correction2  # v̂ = v / (1 − β₁^t), ŝ = s / (1 − β₂^t)
        np.subtract(w[i], lr * v_hat / (np.sqrt(s_hat) + eps), out=w[i])  # W := W − α v̂ / (√ŝ + ε)
    return not _finite(w)


@kernel(numpy=_adamw_numpy)
def _adamw_in_place(w, dw, v, s, lr, beta1, beta2, eps, decay, correction1, correction2):
    """:func:`adamw_update` on flat arrays, element by element, in place (``decay = 1 − αλ``, ``correction =
    1 − β^t``); whether a new ``W`` is NaN or infinite."""
    nonfinite = False
    for i in range(w.size):
        w[i] = w[i] * decay  # W := W (1 − α λ)
        v[i] = beta1 * v[i] + (1 - beta1) * dw[i]  # v = β₁ v + (1 − β₁) dW
        s[i] = beta2 * s[i] + (1 - beta2) * (dw[i] * dw[i])  # s = β₂ s + (1 − β₂) dW²
        v_hat, s_hat = v[i] / correction1, s[i] / correction2  # v̂ = v / (1 − β₁^t), ŝ = s / (1 − β₂^t)
        w[i] = w[i] - lr * v_hat / (math.sqrt(s_hat) + eps)  # W := W − α v̂ / (√ŝ + ε)
        nonfinite |= not math.isfinite(w[i])
    return nonfinite
