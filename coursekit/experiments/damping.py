"""Momentum direction by direction, as Goh draws it (notebook 06): each eigen-direction's error, and critical damping.

On a quadratic ``J(w) = ½ (w − w*)ᵀ H (w − w*)`` the error ``e = w − w*`` splits along the eigenvectors
``qᵢ`` of ``H`` into independent parts ``eᵢ = qᵢᵀ e``, one per curvature ``λᵢ``. Gradient descent multiplies
each by ``1 − αλᵢ`` per step; momentum in the lecture's averaged form (``v = β v + (1 − β) dW``,
``W := W − α v``) makes each follow ``eᵢ,t+1 = (1 + β − α (1 − β) λᵢ) eᵢ,t − β eᵢ,t−1``. The two roots of
``z² − (1 + β − α (1 − β) λ) z + β = 0`` are real (the error creeps in without swinging) or complex (it
swings across the minimum and shrinks by ``√β`` per step); the border between the two is *critical damping*.

Reference: Goh (2017), "Why Momentum Really Works", Distill, https://distill.pub/2017/momentum/.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from coursekit import _validate
from coursekit.optim import Optimizer
from coursekit.surfaces import Surface
from coursekit.trajectories import trajectory

__all__ = ["EigenErrors", "critical_betas", "eigen_errors"]


class EigenErrors(NamedTuple):
    """The error of a path along each eigen-direction of the Hessian (see :func:`eigen_errors`).

    >>> e = EigenErrors(np.array([1.0]), np.eye(1), np.array([[1.0], [0.5], [0.25]]), False)
    >>> e.rates(0, 2).tolist()
    [0.5]
    """

    curvatures: np.ndarray
    directions: np.ndarray
    errors: np.ndarray
    diverged: bool

    def rates(self, first: int, last: int) -> np.ndarray:
        """The mean factor per step of each direction's error between steps ``first`` and ``last``.

        ``(|eᵢ,last| / |eᵢ,first|)^(1 / (last − first))``, one number per direction.

        Args:
            first: a step ≥ 0.  last: a later step, at most the last one recorded.
        """
        first = _validate.non_negative_int(first, "first")
        last = _validate.positive_int(last, "last")
        if not first < last < len(self.errors):
            raise ValueError(f"last must be > first = {first} and < {len(self.errors)} (the steps recorded), "
                             f"got {last}")
        return (np.abs(self.errors[last]) / np.abs(self.errors[first])) ** (1 / (last - first))


def eigen_errors(surface: Surface, optimizer: Optimizer, steps: int = 100) -> EigenErrors:
    """Run an optimizer on a quadratic and split its error at every step along the Hessian's eigenvectors.

    ``eᵢ,t = qᵢᵀ (w_t − w*)``, where ``H qᵢ = λᵢ qᵢ`` at the surface's first minimum ``w*``.

    Args:
        surface: a :class:`~coursekit.surfaces.Surface` (a quadratic: its Hessian is the same everywhere).
        optimizer: a fresh optimizer (``GD``, ``Momentum``, ...).  steps: the number of steps ``T`` ≥ 1.

    Returns:
        An :class:`EigenErrors`: ``curvatures`` (ascending ``λᵢ``), ``directions`` (the ``qᵢ`` as columns),
        ``errors`` of shape (T + 1, 2) with ``e₀`` first (fewer rows when the path ``diverged``).

    Reference: notebook 06; Goh (2017), "Why Momentum Really Works", Distill.

    >>> from coursekit.optim import GD
    >>> from coursekit.surfaces import elongated_quadratic
    >>> run = eigen_errors(elongated_quadratic(10.0), GD(lr=0.1), steps=2)
    >>> np.abs(run.errors).round(3).tolist()
    [[1.8, 0.6], [1.62, 0.0], [1.458, 0.0]]
    """
    _validate.instance(surface, "surface", Surface)
    minimum = np.array(surface.minima[0], dtype=float)
    curvatures, directions = np.linalg.eigh(surface.hessian(minimum))
    run = trajectory(surface, optimizer, steps=steps)
    return EigenErrors(curvatures, directions, (run.points - minimum) @ directions, run.diverged)


def critical_betas(lr: float, curvatures) -> np.ndarray:
    """The β at which momentum's error along each direction turns from creeping in to swinging in.

    In Goh's summed form (``z = β z + dW``, ``W := W − α_sum z``) the roots turn complex at
    ``β = (1 − √(α_sum λ))²``; with the lecture's ``α_sum = α (1 − β)`` this reads
    ``β = ((1 − αλ) / (1 + αλ))²``. Above it the direction swings in at ``√β`` per step.

    Args:
        lr: the lecture's ``α`` > 0.  curvatures: the ``λᵢ`` > 0.

    Returns:
        One critical β per direction.

    Reference: notebook 06; Goh (2017), "Why Momentum Really Works", Distill.

    >>> critical_betas(0.1, [1.0, 100.0]).round(4).tolist()      # both at the best pair's β* = (9/11)²
    [0.6694, 0.6694]
    """
    lr = _validate.positive(lr, "lr")
    x = lr * _validate.curvatures(curvatures)
    return ((1 - x) / (1 + x)) ** 2
