"""The steps an optimizer needs to settle within a tolerance of the minimum, measured (notebooks 06-07).

Where :mod:`coursekit.experiments.convergence` predicts the factor per step on a quadratic, this module
runs the optimizers and counts: a path has settled at step ``t`` when every later iterate (up to the
budget) lies within ``tol`` of the minimum, as :meth:`coursekit.trajectories.Trajectory.steps_to_settle`
counts it. :func:`steps_map` counts it for momentum over a grid of ``(α, β)`` (the row ``β = 0`` is
gradient descent), :func:`steps_by_lr` for any optimizer over a sweep of learning rates ``α``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from coursekit import _validate
from coursekit.optim import Optimizer
from coursekit.surfaces import Surface
from coursekit.trajectories import trajectory


class StepsByLr(NamedTuple):
    """Steps to reach a tolerance for each learning rate of a sweep (NaN: never within the budget).

    >>> StepsByLr(np.array([0.1, 0.2, 0.4]), np.array([30.0, 12.0, np.nan])).best()
    (0.2, 12)
    """

    lrs: np.ndarray
    steps: np.ndarray

    def curve(self) -> tuple[np.ndarray, np.ndarray]:
        """``(learning rates, steps)``, as :func:`coursekit.show.sweeps.plot_lr_sweeps` draws a sweep."""
        return self.lrs, self.steps

    def best(self) -> tuple[float, int]:
        """``(α, steps)`` of the learning rate that needs the fewest steps (the smallest such α on a tie)."""
        if np.all(np.isnan(self.steps)):
            raise ValueError("no learning rate of the sweep reached the tolerance within the budget of steps")
        i = int(np.nanargmin(self.steps))
        return float(self.lrs[i]), int(self.steps[i])

    def largest_working_lr(self) -> float:
        """The largest ``α`` of the sweep that reaches the tolerance (NaN if none does)."""
        working = self.lrs[~np.isnan(self.steps)]
        return float(working.max()) if working.size else math.nan


class StepsMap(NamedTuple):
    """Steps to reach a tolerance over a grid of ``(α, β)``: ``steps[i, j]`` for ``betas[i]``, ``lrs[j]``.

    >>> m = StepsMap(np.array([0.1, 0.2]), np.array([0.0, 0.5]), np.array([[9.0, np.nan], [7.0, 5.0]]))
    >>> m.best(), m.row(0.0).best()
    ((0.2, 0.5, 5), (0.1, 9))
    """

    lrs: np.ndarray
    betas: np.ndarray
    steps: np.ndarray

    def best(self) -> tuple[float, float, int]:
        """``(α, β, steps)`` of the grid point that needs the fewest steps."""
        if np.all(np.isnan(self.steps)):
            raise ValueError("no point of the grid reached the tolerance within the budget of steps")
        i, j = np.unravel_index(int(np.nanargmin(self.steps)), self.steps.shape)
        return float(self.lrs[j]), float(self.betas[i]), int(self.steps[i, j])

    def row(self, beta: float) -> StepsByLr:
        """The sweep over ``α`` at one ``β`` of the grid (``β = 0`` is gradient descent)."""
        matches = np.flatnonzero(np.isclose(self.betas, beta, rtol=0, atol=1e-12))
        if not matches.size:
            raise ValueError(f"beta must be one of the grid's betas {self.betas.tolist()}, got {beta!r}")
        return StepsByLr(self.lrs, self.steps[matches[0]])


def steps_map(surface: Surface, lrs, betas, tol: float, max_steps: int = 2000, start=None) -> StepsMap:
    """The steps momentum needs to settle within ``tol`` of the minimum, for every ``(α, β)`` of a grid.

    ``v = β v + (1 − β) ∇J(w)``, ``w := w − α v`` from ``v = 0``, ``w = start``, run for all grid points at
    once (numpy arrays over the grid), on a quadratic surface. A point's count is the first step from which
    every later iterate up to ``max_steps`` lies within ``tol`` of the minimum, exactly as
    :meth:`coursekit.trajectories.Trajectory.steps_to_settle` counts it; the row ``β = 0`` is gradient descent.

    Args:
        surface: a quadratic :class:`~coursekit.surfaces.Surface` (a constant Hessian), e.g.
            :func:`~coursekit.surfaces.elongated_quadratic` or :func:`~coursekit.surfaces.rotated_quadratic`.
        lrs: the ``α`` > 0 of the grid.  betas: the ``β`` in [0, 1) of the grid.
        tol: the distance to the minimum, > 0.  max_steps: the budget of steps, ≥ 1.
        start: ``w_0`` (default ``surface.start``).

    Returns:
        A :class:`StepsMap`; ``steps`` is NaN where the path is not within ``tol`` after ``max_steps``.

    Reference: notebook 06; Goh (2017), "Why Momentum Really Works", Distill (the same map, summed form).

    >>> from coursekit.surfaces import elongated_quadratic
    >>> m = steps_map(elongated_quadratic(100.0), [0.0198, 0.1], [0.0, 0.67], tol=1e-3)
    >>> m.steps.tolist()   # GD (β = 0) diverges with α = 0.1 > 2 / 100
    [[378.0, nan], [361.0, 50.0]]
    """
    _validate.instance(surface, "surface", Surface)
    minimum = np.array(surface.minima[0], dtype=float)
    w0 = np.array(_validate.point(surface.start if start is None else start, "start"))
    (hxx, hxy), (_, hyy) = surface.hessian(minimum)
    if not np.allclose(surface.hessian(w0), surface.hessian(minimum)) or np.any(np.linalg.eigvalsh(surface.hessian(minimum)) <= 0):
        raise ValueError(f"surface must be a quadratic bowl (a constant, positive definite Hessian), got {surface!r}")
    lrs = _validate.grid(lrs, "lrs", _validate.positive)
    betas = _validate.grid(betas, "betas", _validate.beta)
    tol = _validate.positive(tol, "tol")
    max_steps = _validate.positive_int(max_steps, "max_steps")
    per_step = _validate.STEP_OPERATIONS + 30 * lrs.size * betas.size  # some 30 operations per point of the grid
    _validate.budget(max_steps, "max_steps", operations=max_steps * per_step)
    lr, beta = (a.ravel() for a in np.meshgrid(lrs, betas))
    x, y = np.full(lr.shape, w0[0]), np.full(lr.shape, w0[1])
    vx, vy = np.zeros(lr.shape), np.zeros(lr.shape)
    last_outside = np.zeros(lr.shape)
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(1, max_steps + 1):
            dx, dy = x - minimum[0], y - minimum[1]
            gx, gy = hxx * dx + hxy * dy, hxy * dx + hyy * dy  # the gradient H (w − w*), as the surface computes it
            vx, vy = beta * vx + (1 - beta) * gx, beta * vy + (1 - beta) * gy
            x, y = x - lr * vx, y - lr * vy
            outside = ~(np.hypot(x - minimum[0], y - minimum[1]) <= tol)  # NaN and inf count as outside
            last_outside[outside] = t
    inside_at_start = np.hypot(*(w0 - minimum)) <= tol
    steps = np.where(last_outside == max_steps, np.nan, last_outside + 1)
    steps[(last_outside == 0) & inside_at_start] = 0
    return StepsMap(lrs, betas, steps.reshape(len(betas), len(lrs)))


def steps_by_lr(surface: Surface, make: Callable[[float], Optimizer], lrs, tol: float, steps: int = 300,
                start=None) -> StepsByLr:
    """The steps an optimizer needs to settle within ``tol`` of the surface's first minimum, for each ``α``.

    For each ``α`` of ``lrs``: ``trajectory(surface, make(α), start, steps).steps_to_settle(minimum, tol)``.

    Args:
        surface: a :class:`~coursekit.surfaces.Surface`.  make: ``α -> a fresh optimizer``, e.g.
            ``lambda lr: RMSprop(lr)``.  lrs: the ``α`` > 0 to try.  tol: the distance, > 0.
        steps: the budget of steps ``T`` ≥ 1.  start: ``w_0`` (default ``surface.start``).

    Returns:
        A :class:`StepsByLr` (NaN where the path is not within ``tol`` after ``steps`` steps, or diverged).

    Reference: notebooks 06-07.

    >>> from coursekit.optim import GD
    >>> from coursekit.surfaces import elongated_quadratic
    >>> steps_by_lr(elongated_quadratic(10.0), GD, [0.05, 0.1, 0.19, 0.25], tol=1e-3).steps.tolist()
    [147.0, 72.0, 61.0, nan]
    """
    if not callable(make):
        raise TypeError(f"make must be a function lr -> optimizer (e.g. lambda lr: GD(lr)), got {make!r}")
    lrs = _validate.grid(lrs, "lrs", _validate.positive)
    tol = _validate.positive(tol, "tol")
    steps = _validate.positive_int(steps, "steps")
    _validate.budget(steps, "steps", operations=lrs.size * steps * _validate.STEP_OPERATIONS)
    found = []
    for lr in lrs:
        settled = trajectory(surface, make(float(lr)), start, steps).steps_to_settle(surface.minima[0], tol)
        found.append(np.nan if settled is None else settled)
    return StepsByLr(lrs, np.array(found, dtype=float))
