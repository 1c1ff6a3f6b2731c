"""Nesterov's momentum against heavy-ball momentum on a quadratic bowl: the steps each needs to settle over a
grid of ``(α, β)``, from several starts (notebook 06).

Heavy ball, the lecture's momentum, takes the gradient where ``W`` is: ``v = β v + (1 − β) ∇J(W)``,
``W := W − α v``. Nesterov's takes it at the look-ahead point ``W − αβv``, where the velocity alone would
carry ``W``. Kept as that look-ahead point (as :class:`coursekit.optim.Nesterov` and PyTorch keep it), the
step needs only the gradient at the parameters: ``v = β v + (1 − β) dW``, ``W := W − α (β v + (1 − β) dW)``.
:func:`race` counts, for both, the first step from which the path stays within ``tol`` of the minimum, as
:meth:`coursekit.trajectories.Trajectory.steps_to_settle` counts it.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from coursekit import _validate
from coursekit.surfaces import Surface

__all__ = ["METHODS", "Best", "Race", "race", "turned_starts", "factors", "best_factor"]

#: The two contenders, by the names of their :mod:`coursekit.optim` objects.
METHODS = ("Momentum", "Nesterov")


class Best(NamedTuple):
    """A method's best grid point: ``α``, ``β`` and the steps from each start (the notebook's first).

    >>> Best(0.1, 0.7, np.array([41.0, 45.0])).steps.tolist()
    [41.0, 45.0]
    """

    lr: float
    beta: float
    steps: np.ndarray


class Race(NamedTuple):
    """Steps to settle per method: ``steps[method][k, i, j]`` from ``starts[k]`` at ``betas[i]``, ``lrs[j]``
    (NaN: not within the tolerance after the budget, or diverged).

    >>> r = Race(np.array([0.1, 0.2]), np.array([0.5]), np.zeros((2, 2)),
    ...          {"Nesterov": np.array([[[9.0, 4.0]], [[7.0, np.nan]]])})
    >>> r.best("Nesterov")
    Best(lr=0.1, beta=0.5, steps=array([9., 7.]))
    """

    lrs: np.ndarray
    betas: np.ndarray
    starts: np.ndarray
    steps: dict

    def mean(self, method: str) -> np.ndarray:
        """The mean steps over the starts per ``(β, α)``: NaN where the path fails from any start."""
        return self.steps[_validate.one_of(method, "method", tuple(self.steps))].mean(axis=0)

    def best(self, method: str) -> Best:
        """The grid point with the fewest steps on average over the starts (settling from every one)."""
        mean = self.mean(method)
        if np.all(np.isnan(mean)):
            raise ValueError(f"no point of the grid settles {method} from every start within the budget of steps")
        i, j = np.unravel_index(int(np.nanargmin(mean)), mean.shape)
        return Best(float(self.lrs[j]), float(self.betas[i]), self.steps[method][:, i, j])

    def by_beta(self, method: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(mean, lowest, highest)`` over the starts, for each ``β`` at its own best ``α`` (NaN: none settles)."""
        mean, steps = self.mean(method), self.steps[method]
        found = np.full((3, len(self.betas)), np.nan)
        for i, row in enumerate(mean):
            if not np.all(np.isnan(row)):
                j = int(np.nanargmin(row))
                found[:, i] = row[j], steps[:, i, j].min(), steps[:, i, j].max()
        return found[0], found[1], found[2]


def turned_starts(surface: Surface, degrees) -> np.ndarray:
    """The surface's start and the same start turned about the minimum by each angle: shape ``(1 + n, 2)``.

    ``w_0 = w^* + R(θ) (start − w^*)`` for each ``θ`` of ``degrees``: starts as far from the minimum as the
    notebook's, with the error shared differently between the directions.

    >>> from coursekit.surfaces import elongated_quadratic
    >>> turned_starts(elongated_quadratic(), [90]).round(2).tolist()
    [[-1.8, 0.6], [-0.6, -1.8]]
    """
    _validate.instance(surface, "surface", Surface)
    angles = np.deg2rad(_validate.array(degrees, "degrees", ndim=1))
    minimum = np.array(surface.minima[0], dtype=float)
    x, y = np.array(surface.start, dtype=float) - minimum
    turned = np.column_stack([x * np.cos(angles) - y * np.sin(angles), x * np.sin(angles) + y * np.cos(angles)])
    return np.vstack([[x, y], turned]) + minimum



def factors(lr, beta, curvatures) -> np.ndarray:
    """Nesterov's long-run factor per step along each curvature ``λ``: the larger root modulus of
    ``z² − (1 + β)(1 − a) z + β (1 − a) = 0`` with ``a = α (1 − β) λ`` (heavy ball's roots are
    :func:`coursekit.experiments.convergence.momentum_factors`'s; 1 or more: that direction does not settle).

    Args:
        lr: ``α`` > 0, a number or an array (a grid).  beta: ``β`` in [0, 1), a number or an array that
            broadcasts with ``lr``.  curvatures: the ``λ`` > 0 of the directions, a 1-D array.

    Returns:
        The factor ``max |z|``, of shape ``broadcast(lr, beta).shape + (len(curvatures),)``.

    Reference: notebook 06; Lessard, Recht & Packard (2016), "Analysis and design of optimization algorithms
    via integral quadratic constraints", SIAM J. Optim., section 2.

    >>> factors(0.0631, 0.9, [1.0, 100.0]).round(3).tolist()    # across the valley √(β (1 − a))
    [0.946, 0.576]
    >>> factors([[0.0631], [0.1]], [0.0, 0.9], [1.0]).shape      # a grid of 2 α × 2 β, one curvature
    (2, 2, 1)
    """
    lr, beta = _validate.array(lr, "lr"), _validate.array(beta, "beta")
    if np.any(lr <= 0):
        raise ValueError(f"lr must be a number > 0 or an array of them, got {lr.tolist()}")
    if np.any((beta < 0) | (beta >= 1)):
        raise ValueError(f"beta must be a number in [0, 1) or an array of them, got {beta.tolist()}")
    lam = _validate.curvatures(curvatures)
    try:
        lr, beta = (np.asarray(a)[..., None] for a in np.broadcast_arrays(lr, beta))
    except ValueError:
        raise ValueError(f"beta must broadcast with lr (shape {lr.shape}), got shape {beta.shape}") from None
    a = lr * (1 - beta) * lam
    trace, det = (1 + beta) * (1 - a), beta * (1 - a)
    root = np.sqrt((trace * trace - 4 * det).astype(complex))
    return np.maximum(np.abs((trace + root) / 2), np.abs((trace - root) / 2))


def best_factor(curvatures) -> float:
    """The smallest factor per step Nesterov reaches on a quadratic, at its best ``(α, β)``: ``1 − 2/√(3κ + 1)``.

    Heavy ball's best is the lower bound ``(√κ − 1)/(√κ + 1)``; Nesterov's is larger, reached at
    ``α (1 − β) = 4 / (3 λ_max + λ_min)``.

    Args:
        curvatures: the ``λ`` > 0 of the directions; ``κ = λ_max / λ_min``.

    Reference: notebook 06; Lessard, Recht & Packard (2016), section 2 (the rates of the tuned methods).

    >>> round(best_factor([1.0, 100.0]), 4)
    0.8847
    """
    lam = _validate.curvatures(curvatures)
    return float(1 - 2 / np.sqrt(3 * lam.max() / lam.min() + 1))


def race(surface: Surface, lrs, betas, tol: float, max_steps: int = 1000, starts=None) -> Race:
    """The steps heavy ball and Nesterov need to settle within ``tol`` of the minimum, over a grid of ``(α, β)``.

    Heavy ball: ``v = β v + (1 − β) dW``, ``W := W − α v``; Nesterov (look-ahead point kept):
    ``v = β v + (1 − β) dW``, ``W := W − α (β v + (1 − β) dW)``; both from ``v = 0``, with
    ``dW = H (W − W^*)`` on a quadratic surface, every grid point and start at once (numpy arrays).

    Args:
        surface: a quadratic :class:`~coursekit.surfaces.Surface` (a constant, positive definite Hessian).
        lrs: the ``α`` > 0 of the grid.  betas: the ``β`` in [0, 1) of the grid.
        tol: the distance to the minimum, > 0.  max_steps: the budget of steps, ≥ 1.
        starts: the ``w_0``, shape ``(n, 2)`` (default: the surface's start alone).

    Returns:
        A :class:`Race` with ``steps["Momentum"]`` and ``steps["Nesterov"]`` of shape ``(n, len(betas), len(lrs))``.

    Reference: notebook 06; Nesterov (1983), "A method for solving the convex programming problem with
    convergence rate O(1/k²)"; Sutskever et al. (2013), "On the importance of initialization and momentum".

    >>> from coursekit.surfaces import elongated_quadratic
    >>> r = race(elongated_quadratic(100.0), [0.0631, 0.112], [0.9], tol=1e-3)
    >>> r.steps["Momentum"].tolist(), r.steps["Nesterov"].tolist()
    ([[[132.0, 143.0]]], [[[131.0, 119.0]]])
    """
    _validate.instance(surface, "surface", Surface)
    minimum = np.array(surface.minima[0], dtype=float)
    w0 = _validate.array(np.atleast_2d(surface.start) if starts is None else starts, "starts", ndim=2)
    if w0.shape[1] != 2 or not len(w0):
        raise ValueError(f"starts must have shape (n, 2) with n >= 1, got shape {w0.shape}")
    (hxx, hxy), (_, hyy) = hessian = surface.hessian(minimum)
    if not all(np.allclose(surface.hessian(w), hessian) for w in w0) or np.any(np.linalg.eigvalsh(hessian) <= 0):
        raise ValueError(f"surface must be a quadratic bowl (a constant, positive definite Hessian), got {surface!r}")
    lrs = _validate.grid(lrs, "lrs", _validate.positive)
    betas = _validate.grid(betas, "betas", _validate.beta)
    tol = _validate.positive(tol, "tol")
    max_steps = _validate.positive_int(max_steps, "max_steps")
    points = len(w0) * lrs.size * betas.size
    _validate.budget(max_steps, "max_steps", memory=200 * points,
                     operations=max_steps * (_validate.STEP_OPERATIONS + 60 * points))
    lr, beta = (a[None] for a in np.meshgrid(lrs, betas))
    steps = {}
    with np.errstate(over="ignore", invalid="ignore"):
        for method in METHODS:
            x = np.broadcast_to((w0[:, 0] - minimum[0])[:, None, None], (len(w0), *lr.shape[1:])).copy()
            y = np.broadcast_to((w0[:, 1] - minimum[1])[:, None, None], x.shape).copy()
            vx, vy, last_outside = np.zeros(x.shape), np.zeros(x.shape), np.zeros(x.shape)
            for t in range(1, max_steps + 1):
                gx, gy = hxx * x + hxy * y, hxy * x + hyy * y  # dW = H (W − W*)
                vx, vy = beta * vx + (1 - beta) * gx, beta * vy + (1 - beta) * gy  # v = β v + (1 − β) dW
                if method == "Nesterov":  # W := W − α (β v + (1 − β) dW)
                    x, y = x - lr * (beta * vx + (1 - beta) * gx), y - lr * (beta * vy + (1 - beta) * gy)
                else:  # W := W − α v
                    x, y = x - lr * vx, y - lr * vy
                last_outside[~(x * x + y * y <= tol * tol)] = t  # NaN and inf count as outside
            inside_at_start = np.hypot(*(w0 - minimum).T)[:, None, None] <= tol
            found = np.where(last_outside == max_steps, np.nan, last_outside + 1)
            found[(last_outside == 0) & inside_at_start] = 0
            steps[method] = found
    return Race(lrs, betas, w0, steps)
