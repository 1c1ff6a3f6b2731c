"""How fast gradient descent and momentum converge on a quadratic, in theory: the factor per direction, the
best ``(α, β)`` and the steps a factor needs (notebook 06); :mod:`coursekit.experiments.settling` measures them.

On ``J(w) = ½ wᵀ H w`` every eigenvector of ``H`` is a direction of its own, with curvature ``λ`` (an
eigenvalue). Gradient descent multiplies the error along it by ``1 − αλ`` at each step (notebook 00), so
the slowest direction sets the pace: ``max |1 − αλᵢ|``. Momentum in the lecture's averaged form,
``v = β v + (1 − β) dW``, ``W := W − α v``, is the heavy ball of Polyak (1964) in its summed form
``v = β v + dW`` with the learning rate ``α_sum = α (1 − β)`` (from ``v = 0`` the two velocities differ by
the factor ``1 − β`` at every step). Its error along a direction of curvature ``λ`` obeys
``e_{t+1} = (1 + β − α_sum λ) e_t − β e_{t−1}``, whose factor per step is the larger root of
``z² − (1 + β − α_sum λ) z + β = 0`` in absolute value.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from coursekit import _validate


def gd_factors(lr: float, curvatures) -> np.ndarray:
    """The factor by which one step of gradient descent shrinks the error along each direction.

    ``|1 − α λᵢ|``: below 1 the error shrinks; past ``α = 2 / λ_max`` the steepest one grows and GD diverges.

    Args:
        lr: ``α`` > 0.  curvatures: the curvatures ``λᵢ`` > 0 (the eigenvalues of the Hessian).

    Returns:
        An array of ``|1 − α λᵢ|``, one per direction.

    Reference: notebooks 00 and 06.

    >>> gd_factors(0.19, [1.0, 10.0]).round(6).tolist()
    [0.81, 0.9]
    """
    return np.abs(1 - _validate.positive(lr, "lr") * _validate.curvatures(curvatures))


def momentum_factors(lr: float, beta: float, curvatures) -> np.ndarray:
    """The factor by which momentum (the lecture's averaged form) shrinks the error per step, per direction.

    ``max |z|`` over the roots of ``z² − (1 + β − α (1 − β) λᵢ) z + β = 0``: ``√β`` while the roots are complex
    (the error spirals in), more when they are real. With ``β = 0`` it is gradient descent's ``|1 − αλᵢ|``.

    Args:
        lr: ``α`` > 0 of ``W := W − α v``.  beta: ``β`` in [0, 1).  curvatures: the ``λᵢ`` > 0.

    Returns:
        An array of factors, one per direction (the long-run rate; below 1 means convergence).

    Reference: notebook 06; Polyak (1964); Goh (2017), "Why Momentum Really Works", Distill.

    >>> momentum_factors(0.1, 0.9, [1.0, 100.0]).round(4).tolist()   # both spiral in at √0.9
    [0.9487, 0.9487]
    """
    lr = _validate.positive(lr, "lr")
    beta = _validate.beta(beta, "beta")
    a = 1 + beta - lr * (1 - beta) * _validate.curvatures(curvatures)
    disc = a * a - 4 * beta
    real = (np.abs(a) + np.sqrt(np.maximum(disc, 0.0))) / 2
    return np.where(disc < 0, math.sqrt(beta), real)


class Tuning(NamedTuple):
    """The best hyperparameters on a quadratic and the factor per step they give (see :func:`best_gd`).

    >>> Tuning(lr=0.1, beta=0.0, rate=0.9).rate
    0.9
    """

    lr: float
    beta: float
    rate: float


def best_gd(curvatures) -> Tuning:
    """Gradient descent's best learning rate on a quadratic, and its factor per step.

    ``α* = 2 / (λ_min + λ_max)`` makes the flattest and the steepest direction shrink equally fast, by
    ``(κ − 1) / (κ + 1)`` per step, where ``κ = λ_max / λ_min``.

    Args:
        curvatures: the ``λᵢ`` > 0.

    Returns:
        ``Tuning(lr=α*, beta=0.0, rate=(κ − 1) / (κ + 1))``.

    Reference: notebook 06.

    >>> [round(x, 4) for x in best_gd([1.0, 100.0])]
    [0.0198, 0.0, 0.9802]
    """
    lam = _validate.curvatures(curvatures)
    low, high = float(lam.min()), float(lam.max())
    return Tuning(2 / (low + high), 0.0, (high - low) / (high + low))


def best_momentum(curvatures) -> Tuning:
    """Momentum's best ``(α, β)`` on a quadratic (lecture's averaged form), and its factor per step.

    ``β* = ((√κ − 1) / (√κ + 1))²``; in the summed form ``α*_sum = (2 / (√λ_max + √λ_min))²``, so in the
    averaged form ``α* = α*_sum / (1 − β*) = 1 / √(λ_min λ_max)``; the factor is ``(√κ − 1) / (√κ + 1)``.

    Args:
        curvatures: the ``λᵢ`` > 0.

    Returns:
        ``Tuning(lr=α*, beta=β*, rate)``; ``lr * (1 - beta)`` is the summed form's ``α*_sum``.

    Reference: notebook 06; Polyak (1964); Goh (2017), "Why Momentum Really Works", Distill.

    >>> [round(x, 4) for x in best_momentum([1.0, 100.0])]
    [0.1, 0.6694, 0.8182]
    """
    lam = _validate.curvatures(curvatures)
    root = math.sqrt(float(lam.max()) / float(lam.min()))
    rate = (root - 1) / (root + 1)
    return Tuning(1 / math.sqrt(float(lam.min()) * float(lam.max())), rate * rate, rate)


def steps_for_rate(rate: float, reduction: float) -> float:
    """How many steps a factor per step needs to shrink the error by ``reduction``: ``ln(reduction) / ln(rate)``.

    Args:
        rate: the factor per step, ≥ 0.  reduction: the wanted ratio of final to initial error, in (0, 1).

    Returns:
        The (fractional) number of steps; ``inf`` when ``rate ≥ 1``, 0 when ``rate`` is 0.

    Reference: notebook 06.

    >>> round(steps_for_rate(99 / 101, 1e-6), 1), round(steps_for_rate(9 / 11, 1e-6), 1)
    (690.8, 68.8)
    """
    rate = _validate.non_negative(rate, "rate")
    reduction = _validate.fraction(reduction, "reduction")
    if rate >= 1:
        return math.inf
    return 0.0 if rate == 0 else math.log(reduction) / math.log(rate)
