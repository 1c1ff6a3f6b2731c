"""An optimizer's path on a loss surface: ``w_0 = start``, then one optimizer step per gradient (notebooks 05-07, 09)."""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from coursekit import _validate
from coursekit.optim import Optimizer
from coursekit.surfaces import Surface, _point

#: :func:`trajectory` stops when a coordinate's magnitude exceeds this bound (or turns NaN/inf).
DIVERGENCE_BOUND = 1e6


class Trajectory(NamedTuple):
    """The path of an optimizer on a surface, as returned by :func:`trajectory`.

    Fields: ``points``, the iterates ``w_0..w_T`` (shape (T + 1, 2)); ``losses``, ``J(w_t)`` (shape
    (T + 1,)); ``diverged``, True if the run stopped early because the iterates blew up.

    >>> from coursekit.optim import GD
    >>> from coursekit.surfaces import elongated_quadratic
    >>> run = trajectory(elongated_quadratic(), GD(lr=0.5), start=(1.0, 0.0), steps=2)
    >>> run.points.tolist(), run.losses.tolist(), run.diverged
    ([[1.0, 0.0], [0.5, 0.0], [0.25, 0.0]], [0.5, 0.125, 0.03125], False)
    """

    points: np.ndarray
    losses: np.ndarray
    diverged: bool

    def first(self, steps: int) -> Trajectory:
        """The path's first ``steps`` steps: a longer run read shorter (diverged only if it stopped before them).

        >>> from coursekit.optim import GD
        >>> from coursekit.surfaces import elongated_quadratic
        >>> trajectory(elongated_quadratic(), GD(lr=0.5), start=(1.0, 0.0), steps=10).first(2).points.tolist()
        [[1.0, 0.0], [0.5, 0.0], [0.25, 0.0]]
        """
        steps = _validate.positive_int(steps, "steps")
        kept = min(steps + 1, len(self.points))
        return Trajectory(self.points[:kept], self.losses[:kept], self.diverged and len(self.points) < steps + 1)

    def steps_to_settle(self, target, tol: float) -> int | None:
        """The first step ``t`` from which every recorded ``w`` lies within ``tol`` of ``target`` (0 = start).

        ``None`` if the last iterate is farther than ``tol`` or the run diverged. Unlike the first visit,
        this counts an oscillating path only once it has stopped swinging out of the ``tol`` ball.

        >>> from coursekit.optim import GD
        >>> from coursekit.surfaces import elongated_quadratic
        >>> trajectory(elongated_quadratic(), GD(lr=0.5), start=(1.0, 0.0), steps=10).steps_to_settle((0, 0), 0.1)
        4
        """
        target = np.array(_point(target, "target"))
        tol = _validate.positive(tol, "tol")
        outside = np.flatnonzero(np.linalg.norm(self.points - target, axis=1) > tol)
        if self.diverged or (outside.size and outside[-1] == len(self.points) - 1):
            return None
        return int(outside[-1]) + 1 if outside.size else 0


def trajectory(surface: Surface, optimizer: Optimizer, start=None, steps: int = 100) -> Trajectory:
    """Run an optimizer on a surface: ``w_0 = start``, then ``w_t = optimizer.step(w_{t−1}, ∇J(w_{t−1}))``.

    The optimizer keeps state (``v``, ``s``, ``t``), so it must be fresh: a used one is refused.
    If an iterate leaves the box ``|x|, |y| ≤ DIVERGENCE_BOUND`` or its gradient is not finite (the
    learning rate is too large), the run stops there, keeping only the iterates before, and
    ``diverged`` is True: a slider set too far shows a short escaping path instead of an error.

    Args:
        surface: a :class:`Surface`.  optimizer: a fresh ``GD``, ``Momentum``, ``RMSprop`` or ``Adam``.
        start: ``w_0``, an array-like of shape (2,); ``None`` uses ``surface.start``.
        steps: the number of steps ``T`` ≥ 1.

    Returns:
        A :class:`Trajectory`: ``points`` of shape (T + 1, 2) with ``w_0`` first, ``losses`` of shape
        (T + 1,), ``diverged``; after a divergence both hold fewer rows.

    Reference: notebooks 05-07 and 09.

    >>> from coursekit.optim import GD
    >>> from coursekit.surfaces import elongated_quadratic
    >>> run = trajectory(elongated_quadratic(), GD(lr=0.1), start=(1.0, 1.0), steps=2)
    >>> run.points.tolist(), run.diverged
    ([[1.0, 1.0], [0.9, 0.0], [0.81, 0.0]], False)
    """
    if not isinstance(surface, Surface):
        raise TypeError(f"surface must be a Surface (e.g. rosenbrock()), got {type(surface).__name__}")
    if not isinstance(optimizer, Optimizer):
        raise TypeError(f"optimizer must be a coursekit.optim optimizer (GD, Momentum, RMSprop, Adam), got {optimizer!r}")
    if optimizer.t != 0:
        raise ValueError(f"optimizer must be fresh (it keeps state), got {optimizer!r} after {optimizer.t} steps")
    w = np.array(_point(surface.start if start is None else start, "start"))
    steps = _validate.positive_int(steps, "steps")
    points, kept = np.empty((steps + 1, 2)), 0
    with np.errstate(over="ignore", invalid="ignore"):
        while kept <= steps and (grad := _grad_in_bounds(surface, w)) is not None:
            points[kept], kept = w, kept + 1
            if kept <= steps:
                optimizer.step({"w": w}, {"w": grad})
    points = points[:kept]
    return Trajectory(points, surface.f(points[:, 0], points[:, 1]), kept < steps + 1)


def _grad_in_bounds(surface: Surface, w: np.ndarray) -> np.ndarray | None:
    """``∇J(w)``, or ``None`` once ``w`` has left the box ``|x|, |y| ≤ DIVERGENCE_BOUND`` or ``∇J`` is not finite."""
    x, y = float(w[0]), float(w[1])
    if not (abs(x) <= DIVERGENCE_BOUND and abs(y) <= DIVERGENCE_BOUND):  # False for NaN too
        return None
    gx, gy = surface.df(x, y)
    return np.array((gx, gy)) if math.isfinite(gx) and math.isfinite(gy) else None
