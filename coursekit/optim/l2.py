"""L2 regularization inside an optimizer: any optimizer of the course fed ``dW + λW`` instead of ``dW``.

``λW`` is the gradient of the penalty ``(λ/2)‖W‖²`` added to the cost, so this is what PyTorch's
``weight_decay=λ`` does in ``SGD`` and ``Adam``. For gradient descent it is the same step as decoupled
weight decay, ``W − α(dW + λW) = (1 − αλ)W − α dW``. For Adam it is not: ``λW`` enters ``v`` and ``s`` with
the cost's gradient, and the step divides it by ``√ŝ``, so a weight with large gradients is barely decayed
and one with small gradients is decayed hard; AdamW (:mod:`coursekit.optim.adamw`) shrinks every weight by
the same factor ``1 − αλ`` (Loshchilov & Hutter, 2019).
"""

from __future__ import annotations

from coursekit import _validate
from coursekit.optim.optimizer import Hyperparameter, Optimizer


class L2(Optimizer):
    """``optimizer`` stepping on ``dW + λW``: L2 regularization with ``λ = weight_decay``.

    ``dW ← dW + λ W``, then the step of ``optimizer`` (PyTorch's ``SGD(weight_decay=λ)``,
    ``Adam(weight_decay=λ)``).

    Args:
        optimizer: the coursekit optimizer that takes the steps (it keeps the state, ``t`` and ``lr``:
            ``opt.lr = ...`` sets its ``α``, so a schedule drives it).  weight_decay: ``λ`` >= 0.

    Reference: notebook 12; Loshchilov & Hutter (2019), "Decoupled Weight Decay Regularization", ICLR,
    section 2 (L2 regularization and weight decay are not the same for Adam).

    >>> import numpy as np
    >>> from coursekit.optim import GD
    >>> opt = L2(GD(lr=0.1), weight_decay=0.5); opt
    L2(GD(lr=0.1), weight_decay=0.5)
    >>> params = {"w": np.array([2.0])}; opt.step(params, {"w": np.array([1.0])})
    >>> opt.t, params["w"].round(6).tolist()    # 2 − 0.1 · (1 + 0.5 · 2)
    (1, [1.8])
    """

    weight_decay = Hyperparameter(_validate.non_negative, "``λ`` >= 0, the weight of the penalty ``(λ/2)‖W‖²``")

    def __init__(self, optimizer: Optimizer, weight_decay: float):
        self.optimizer = _validate.instance(optimizer, "optimizer", Optimizer)
        self.weight_decay = weight_decay

    @property
    def lr(self) -> float:
        """The learning rate ``α`` of the wrapped optimizer; assign to it between steps for a schedule."""
        return self.optimizer.lr

    @lr.setter
    def lr(self, value) -> None:
        self.optimizer.lr = value

    @property
    def t(self) -> int:
        """The steps taken (1 during the first)."""
        return self.optimizer.t

    @property
    def state(self) -> dict:
        """The wrapped optimizer's state (``v``, ``s``)."""
        return self.optimizer.state

    def step(self, params: dict, grads: dict) -> None:
        """Update every array of ``params`` in place by the wrapped optimizer's step on ``grads + λ params``.

        Nothing changes if a check fails: wrong keys or shapes, a gradient or parameter that is not finite.
        """
        _validate.matching_dicts(params, grads)  # the keys, and the shapes key by key
        fed = {}
        for key, value in params.items():
            w = _validate.array(value, f"params[{key!r}]")
            dw = _validate.array(grads[key], f"grads[{key!r}]")
            fed[key] = dw + self.weight_decay * w  # dW + λ W
        self.optimizer.step(params, fed)

    def __repr__(self) -> str:
        return f"L2({self.optimizer!r}, weight_decay={self.weight_decay!r})"
