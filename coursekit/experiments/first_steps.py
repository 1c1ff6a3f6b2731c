"""Adam's first steps: how bias correction sets their size, and why it is about α whatever the gradient (notebook 08).

Adam is two exponentially weighted averages of notebook 04 — of the gradients (``v``, as momentum) and
of their squares (``s``, as RMSprop) — each corrected as in notebook 05, then one division.
:func:`adam_steps` assembles it from exactly those pieces, :func:`coursekit.averages.ewa` with or without
bias correction, for one weight whose gradients are given in advance. :func:`steps_taken` records
the steps of any optimizer of :mod:`coursekit.optim` for gradients given in advance: a sequence, or many
sizes at once.
"""

from __future__ import annotations

import numpy as np

from coursekit import _validate
from coursekit.averages import ewa
from coursekit.optim import Optimizer, check_fresh


def adam_steps(grads, lr: float = 1e-3, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8,
               bias_correction: bool = True) -> np.ndarray:
    """Adam's steps ``Δw_t`` on one weight, given its gradients ``dw_1, dw_2, ...``, from the averages of notebook 04.

    ``v_t = ewa(dw, β₁)``;  ``s_t = ewa(dw², β₂)``;  ``v̂_t = v_t / (1 − β₁^t)``, ``ŝ_t = s_t / (1 − β₂^t)``;
    ``Δw_t = −α v̂_t / (√ŝ_t + ε)`` (or ``−α v_t / (√s_t + ε)`` without bias correction).

    With ``β₁ = 0`` and no correction this is RMSprop's step, ``−α dw_t / (√s_t + ε)``.

    Args:
        grads: the gradients ``dw_1..dw_T``, a 1-D array (they must not depend on ``w``: a straight slope,
            or gradients recorded from a run).  lr: ``α``.  beta1: ``β₁``.  beta2: ``β₂``.  eps: ``ε``.
        bias_correction: divide ``v`` and ``s`` by ``1 − β^t`` (Adam), or not.

    Returns:
        ``[Δw_1, ..., Δw_T]``, a 1-D array.

    Reference: notebook 08; Kingma & Ba (2015), Algorithm 1 and §3 (the size of the step).

    >>> adam_steps([2.0, 2.0], lr=0.1).round(6).tolist()   # a constant slope: steps of exactly α
    [-0.1, -0.1]
    >>> adam_steps([2.0, 2.0], lr=0.1, bias_correction=False).round(4).tolist()   # 0.1 · 0.1 / √0.001, ...
    [-0.3162, -0.425]
    """
    grads = _validate.not_empty(_validate.array(grads, "grads", ndim=1), "grads")
    lr = _validate.positive(lr, "lr")
    beta1 = _validate.beta(beta1, "beta1")
    beta2 = _validate.beta(beta2, "beta2")
    eps = _validate.positive(eps, "eps")
    bias_correction = _validate.boolean(bias_correction, "bias_correction")
    v = ewa(grads, beta1, bias_correction)
    s = ewa(grads**2, beta2, bias_correction)
    return -lr * v / (np.sqrt(s) + eps)


def steps_taken(grads, optimizer: Optimizer) -> np.ndarray:
    """The steps ``Δw_t`` a fresh optimizer takes when its gradients are given in advance, one column per weight.

    Row ``t − 1`` of ``grads`` is the gradient ``dw_t`` of step ``t``; the optimizer updates ``w`` (from 0)
    once per row, weight by weight, so each column is a separate weight: a sequence of gradients (one
    column), or gradients of many sizes at once (one row, the first step of each).

    Args:
        grads: the gradients, shape ``(T, n)``.  optimizer: a fresh optimizer of :mod:`coursekit.optim`;
            it takes the ``T`` steps.

    Returns:
        ``Δw``, shape ``(T, n)``: row ``t − 1`` is ``w_t − w_{t−1}``.

    Reference: notebook 08 (Adam's first step is about ``α`` whatever ``|dw|``; notebook 07's large first
    step of RMSprop).

    >>> from coursekit.optim import GD, Adam
    >>> (-steps_taken([[1e-6, 1.0, 1e3]], Adam(lr=0.01))).round(6).tolist()   # α |dw| / (|dw| + ε)
    [[0.009901, 0.01, 0.01]]
    >>> (-steps_taken([[1e-6, 1.0, 1e3]], GD(lr=0.01))).tolist()   # α |dw|
    [[1e-08, 0.01, 10.0]]
    """
    grads = _validate.not_empty(_validate.array(grads, "grads", ndim=2), "grads")
    check_fresh(optimizer)
    params = {"w": np.zeros(grads.shape[1])}
    steps = np.empty_like(grads)
    for t, dw in enumerate(grads):
        before = params["w"].copy()
        optimizer.step(params, {"w": dw.copy()})
        steps[t] = params["w"] - before
    return steps
