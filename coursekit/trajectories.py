"""An optimizer's path on a loss surface: ``w_0 = start``, then one optimizer step per gradient (notebooks 06-08, 10).

:func:`trajectory` runs one optimizer; :func:`from_starts` one optimizer from many starts at once;
:func:`trajectory_data` several by name from one start, the runs that
the trajectory explorer and the playground draw, :class:`Paths` keeps them and :func:`paths_summary` says
where each ended.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import NamedTuple

import numpy as np

from coursekit import _validate
from coursekit.optim import OPTIMIZERS, Optimizer, check_fresh, make_optimizer
from coursekit.surfaces import Surface

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
        target = np.array(_validate.point(target, "target"))
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

    Reference: notebooks 06-08 and 10.

    >>> from coursekit.optim import GD
    >>> from coursekit.surfaces import elongated_quadratic
    >>> run = trajectory(elongated_quadratic(), GD(lr=0.1), start=(1.0, 1.0), steps=2)
    >>> run.points.tolist(), run.diverged
    ([[1.0, 1.0], [0.9, 0.0], [0.81, 0.0]], False)
    """
    _validate.instance(surface, "surface", Surface)
    check_fresh(optimizer)
    w = np.array(_validate.point(surface.start if start is None else start, "start"))
    steps = _validate.positive_int(steps, "steps")
    _validate.budget(steps, "steps", memory=24 * steps, operations=steps * _validate.STEP_OPERATIONS)
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


def _lr_for(lr, name: str) -> float:
    """The learning rate of one optimizer from a number (shared by all) or a dict per optimizer name."""
    if isinstance(lr, Mapping):
        if name not in lr:
            raise ValueError(f"lr must give a learning rate for every optimizer, missing {name!r} in {dict(lr)}")
        return lr[name]
    return lr


def from_starts(surface: Surface, optimizer: Optimizer, starts, steps: int = 200) -> np.ndarray:
    """Run one optimizer from many starts at once: ``w_t = optimizer.step(w_{t−1}, ∇J(w_{t−1}))`` for every row.

    Every optimizer of the course updates each coordinate by its own rule, so one optimizer object stepping
    an ``(N, 2)`` array of points is exactly ``N`` independent runs, in one numpy step per iteration.

    A run whose iterate leaves the box ``|x|, |y| ≤ DIVERGENCE_BOUND`` (or whose gradient is not finite) is
    stopped there: its later points are NaN.

    Args:
        surface: a :class:`~coursekit.surfaces.Surface`.  optimizer: a fresh coursekit optimizer (its
            state arrays take the shape of ``starts``).  starts: ``w_0`` of each run, shape ``(N, 2)``.
        steps: the number of steps ``T`` ≥ 1.

    Returns:
        The iterates, shape ``(T + 1, N, 2)``: ``[t, i]`` is ``w_t`` of the run started at ``starts[i]``.

    Reference: notebooks 10 (basins) and 10's plateau explorer.

    >>> from coursekit.optim import GD
    >>> from coursekit.surfaces import elongated_quadratic
    >>> from_starts(elongated_quadratic(), GD(lr=0.5), [[1.0, 0.0], [2.0, 0.0]], steps=2)[:, :, 0].tolist()
    [[1.0, 2.0], [0.5, 1.0], [0.25, 0.5]]
    """
    _validate.instance(surface, "surface", Surface)
    check_fresh(optimizer)
    w = _validate.array(starts, "starts", ndim=2).copy()
    if w.shape[1] != 2 or not len(w):
        raise ValueError(f"starts must have shape (N, 2) with N >= 1, got shape {w.shape}")
    steps = _validate.positive_int(steps, "steps")
    _validate.budget(steps, "steps", memory=16 * (steps + 1) * len(w),
                     operations=steps * (_validate.STEP_OPERATIONS + 100 * len(w)))
    out = np.full((steps + 1, *w.shape), np.nan)
    alive = np.ones(len(w), dtype=bool)
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(steps + 1):
            grad = np.column_stack(surface.df(w[:, 0], w[:, 1]))
            alive &= np.isfinite(grad).all(axis=1) & (np.abs(w) <= DIVERGENCE_BOUND).all(axis=1)
            out[t, alive] = w[alive]
            if t < steps:
                w[~alive], grad[~alive] = 0.0, 0.0  # a stopped run stays put and keeps every number finite
                optimizer.step({"w": w}, {"w": grad})
    return out


def trajectory_data(surface: Surface, optimizers, lr, beta1: float = 0.9, beta2: float | None = None, steps: int = 50,
                    start=None) -> dict[str, Trajectory]:
    """The paths of several optimizers on a surface, each from a fresh optimizer and the same start.

    ``w_t = w_{t−1} − α · (the optimizer's step direction)``, for t = 1..steps (see :mod:`coursekit.optim`).

    Args:
        surface: a :class:`Surface`.  optimizers: names from ``coursekit.optim.OPTIMIZERS``.
        lr: ``α``, one number for all or ``{name: α}``.  beta1: momentum's ``β`` and Adam's ``β₁``.
        beta2: ``β₂`` of RMSprop and Adam (``None``: each one's default, 0.9 and 0.999).  steps: ``T``.
        start: ``w_0`` (default ``surface.start``).

    Returns:
        ``{name: Trajectory}``, each exactly as :func:`trajectory` returns it.

    Reference: notebooks 06-08 and 10.

    >>> from coursekit.surfaces import elongated_quadratic
    >>> runs = trajectory_data(elongated_quadratic(), ["GD", "Adam"], lr=0.1, steps=10)
    >>> {name: run.points.shape for name, run in runs.items()}
    {'GD': (11, 2), 'Adam': (11, 2)}
    """
    return {
        name: trajectory(surface, make_optimizer(name, _lr_for(lr, name), beta1, beta2), start, steps)
        for name in _validate.names(optimizers, "optimizers", OPTIMIZERS)
    }


class Paths:
    """The longest run kept per setting and read shorter: what an explorer of paths needs not compute again.

    ``run(key, steps, compute)`` returns the first ``steps`` steps of the longest run computed for ``key``
    (a surface and an optimizer's exact hyperparameters and start), calling ``compute(steps)`` only when
    asked for more steps than ever before: going back on a steps slider costs nothing. The ``maxsize``
    settings used last are kept.

    >>> from coursekit.surfaces import elongated_quadratic
    >>> paths, bowl = Paths(), elongated_quadratic()
    >>> compute = lambda steps: trajectory_data(bowl, ["GD"], lr=0.1, steps=steps)["GD"]
    >>> len(paths.run("GD 0.1", 30, compute).points), len(paths.run("GD 0.1", 10, compute).points)
    (31, 11)
    """

    def __init__(self, maxsize: int = 512):
        self.maxsize = _validate.positive_int(maxsize, "maxsize")
        self._runs: dict = {}

    def run(self, key, steps: int, compute: Callable[[int], Trajectory]) -> Trajectory:
        longest = self._runs.pop(key, None)  # put back last: the setting used longest ago is the first
        if longest is None or (len(longest.points) < steps + 1 and not longest.diverged):
            longest = compute(steps)
        self._runs[key] = longest
        if len(self._runs) > self.maxsize:
            del self._runs[next(iter(self._runs))]
        return longest.first(steps)


def outside_window(surface: Surface, points) -> np.ndarray:
    """Which iterates lie outside the surface's plotting window ``xlim × ylim``: one bool per row of ``points``.

    >>> from coursekit.surfaces import elongated_quadratic
    >>> outside_window(elongated_quadratic(), [[0.0, 0.0], [1.36, -2.56]]).tolist()
    [False, True]
    """
    (x0, x1), (y0, y1) = _validate.instance(surface, "surface", Surface).xlim, surface.ylim
    points = _validate.array(points, "points", ndim=2, finite=False)
    if points.shape[1] != 2:
        raise ValueError(f"points must have shape (N, 2), one iterate (x, y) per row, got shape {points.shape}")
    return (points[:, 0] < x0) | (points[:, 0] > x1) | (points[:, 1] < y0) | (points[:, 1] > y1)


def paths_summary(surface: Surface, runs: Mapping[str, Trajectory], tol: float = 1e-3) -> dict[str, str]:
    """One sentence per path: where it ended (or that it diverged) and when it settled near a minimum.

    ``J`` and the distance to the nearest minimum at the last step; the step from which the path stays
    within ``tol`` of that minimum (:meth:`Trajectory.steps_to_settle`); how many iterates lie outside the
    window (:func:`outside_window`).

    Args:
        surface: the :class:`Surface` of the runs.  runs: ``{name: Trajectory}``.  tol: a distance > 0.

    Returns:
        ``{name: sentence}``, in the order of ``runs``.

    Reference: notebooks 06-08 and 10.

    >>> from coursekit.surfaces import elongated_quadratic
    >>> runs = trajectory_data(elongated_quadratic(), ["GD"], lr=0.5, steps=20, start=(1.0, 0.0))
    >>> paths_summary(elongated_quadratic(), runs)["GD"]
    'J = 4.55e-13 after 20 steps, 9.5e-07 from the nearest minimum; within 0.001 of it from step 10 on'
    """
    _validate.instance(surface, "surface", Surface)
    runs = _validate.mapping(runs, "runs", "paths {name: Trajectory}")
    tol = _validate.positive(tol, "tol")
    for name, run in runs.items():
        _validate.instance(run, f"runs[{name!r}]", Trajectory)
    sentences = {}
    for name, run in runs.items():
        steps = len(run.losses) - 1
        if run.diverged:
            text = f"diverged after {steps} steps (α too large)"
        else:
            distances = [np.hypot(*(run.points[-1] - np.array(m))) for m in surface.minima]
            nearest = surface.minima[int(np.argmin(distances))]
            settled = run.steps_to_settle(nearest, tol)
            text = (f"J = {run.losses[-1]:.3g} after {steps} steps, {min(distances):.2g} from the nearest minimum; "
                    + (f"within {tol:g} of it from step {settled} on" if settled is not None
                       else f"not yet within {tol:g} of it"))
        outside = int(np.sum(outside_window(surface, run.points)))
        if outside:
            text += f"; {outside} point{'s' if outside > 1 else ''} outside the window (◇ on its edge)"
        sentences[name] = text
    return sentences
