"""Nesterov momentum: the momentum step with the gradient taken where the velocity is about to carry ``W``.

The look-ahead form, ``v = β v + ∇J(W − αβv)``, ``W := W − α v``, evaluates the gradient at ``W − αβv``,
a point the step has not reached yet. Written in
the shifted variable ``W̃ = W − αβv`` (the point where that gradient is taken), the same iteration needs
only the gradient at the current parameters, which is why implementations use it. In the summed form
(``v = β v + dW̃``, with ``dW̃`` the gradient at ``W̃``):

    ``W̃' = W' − αβv' = W − αv' − αβv' = (W̃ + αβv) − α(βv + dW̃) − αβv'``
    ``     = W̃ − α(dW̃ + βv')``

so the parameters step along the new gradient plus ``β`` times the new velocity. The lecture's averaged
velocity is ``1 − β`` times the summed one (by induction from ``v = 0``), so the averaged form with ``α``
takes the steps of the summed form with ``α(1 − β)``, exactly as for heavy-ball momentum. On a quadratic
of curvature ``λ`` the summed form is stable exactly when ``0 < αλ < 2(1 + β)/(1 + 2β)`` (the roots of
``z² − (1 + β)(1 − αλ) z + β(1 − αλ)``), a narrower range than heavy ball's ``αλ < 2(1 + β)``.
"""

from __future__ import annotations

import math

import numpy as np

from coursekit import _validate
from coursekit._compile import blocks, kernel
from coursekit.averages import ewa_step
from coursekit.optim.momentum import Momentum
from coursekit.optim.optimizer import _checked, _finite


def nesterov_update(w, v, dw, lr: float, beta: float = 0.9) -> tuple[np.ndarray, np.ndarray]:
    """One step of Nesterov momentum in the lecture's averaged form, with the gradient at the current ``W``.

    ``v_dW = β v_dW + (1 − β) dW``;  ``W := W − α ((1 − β) dW + β v_dW)``

    Args:
        w: parameter ``W`` (the shifted variable of the module's note).  v: velocity ``v_dW`` (zeros before
            the first step).  dw: gradient ``dW`` at ``w``.  lr: ``α`` > 0.  beta: ``β`` in [0, 1).

    Returns:
        ``(W, v_dW)``, both new arrays. It takes the steps of :func:`nesterov_sum_update` with ``α(1 − β)``.

    Reference: notebook 06; Nesterov (1983), "A method for solving the convex programming problem with
    convergence rate O(1/k²)"; Sutskever et al. (2013), "On the importance of initialization and momentum in
    deep learning", eq. 3-4.

    >>> w, v = nesterov_update(np.array([1.0]), np.zeros(1), np.array([10.0]), lr=0.1, beta=0.9)
    >>> w.round(6).tolist(), v.round(6).tolist()    # v = 1; the step is 0.1 · (1 + 0.9 · 1)
    ([0.81], [1.0])
    """
    lr = _validate.positive(lr, "lr")
    beta = _validate.beta(beta, "beta")
    w, dw, (v,) = _checked(w, dw, {"v": v})
    v = ewa_step(v, dw, beta)
    w = w - lr * ((1 - beta) * dw + beta * v)
    return w, v


def nesterov_sum_update(w, v, dw, lr: float, beta: float = 0.9) -> tuple[np.ndarray, np.ndarray]:
    """One step of Nesterov momentum in the summed form of PyTorch's ``SGD(momentum=β, nesterov=True)``.

    ``v_dW = β v_dW + dW``;  ``W := W − α (dW + β v_dW)``

    Args:
        w: parameter ``W``.  v: velocity ``v_dW`` (zeros before the first step).  dw: gradient ``dW`` at ``w``.
        lr: ``α`` > 0.  beta: ``β`` in [0, 1).

    Returns:
        ``(W, v_dW)``, both new arrays.

    Reference: notebook 06; Sutskever et al. (2013), eq. 3-4, in the shifted variable of the module's note.

    >>> w, v = nesterov_sum_update(np.array([1.0]), np.zeros(1), np.array([10.0]), lr=0.01, beta=0.9)
    >>> w.round(6).tolist(), v.round(6).tolist()    # v = 10; the step is 0.01 · (10 + 0.9 · 10)
    ([0.81], [10.0])
    """
    lr = _validate.positive(lr, "lr")
    beta = _validate.beta(beta, "beta")
    w, dw, (v,) = _checked(w, dw, {"v": v})
    v = beta * v + dw
    w = w - lr * (dw + beta * v)
    return w, v


class Nesterov(Momentum):
    """Nesterov momentum (see :func:`nesterov_update`); with ``average=False`` the summed form of PyTorch's
    ``SGD(momentum=β, nesterov=True)`` (see :func:`nesterov_sum_update`). Momentum's hyperparameters and
    state, with the look-ahead step.

    >>> Nesterov(lr=0.1)
    Nesterov(lr=0.1, beta=0.9, average=True)
    """

    def _update(self, w, dw, v):
        return _nesterov_in_place(w, dw, v, self.lr, self.beta, 1 - self.beta if self.average else 1.0)


def _nesterov_numpy(w, dw, v, lr, beta, weight):
    """:func:`_nesterov_in_place` as numpy expressions, a block at a time, for when Numba is not there."""
    for i in blocks(w):
        np.add(beta * v[i], weight * dw[i], out=v[i])  # v_dW = β v_dW + (1 − β) dW, or β v_dW + dW
        np.subtract(w[i], lr * (weight * dw[i] + beta * v[i]), out=w[i])  # W := W − α ((1 − β) dW + β v_dW)
    return not _finite(w)


@kernel(numpy=_nesterov_numpy)
def _nesterov_in_place(w, dw, v, lr, beta, weight):
    """:func:`nesterov_update` (``weight = 1 − β``) or :func:`nesterov_sum_update` (``weight = 1``, exact: a
    product by 1 changes no bit) on flat arrays, element by element, in place; whether a new ``W`` is not finite."""
    nonfinite = False
    for i in range(w.size):
        v[i] = beta * v[i] + weight * dw[i]  # v_dW = β v_dW + (1 − β) dW, or β v_dW + dW
        w[i] = w[i] - lr * (weight * dw[i] + beta * v[i])  # W := W − α ((1 − β) dW + β v_dW)
        nonfinite |= not math.isfinite(w[i])
    return nonfinite
