"""Many starts at once: where an optimizer ends up from each point of a grid (notebook 09).

Every optimizer of the course updates each coordinate by its own rule, so running one optimizer object on an
``(N, 2)`` array of points is exactly ``N`` independent runs: :func:`paths` does that in one numpy step
per iteration. :func:`start_grid` lays out the starts and :func:`nearest_minimum` names the minimum each
run reached.
"""

from __future__ import annotations

import numpy as np

from coursekit import _validate
from coursekit.optim import Optimizer
from coursekit.surfaces import Surface
from coursekit.trajectories import DIVERGENCE_BOUND


def start_grid(surface: Surface, per_side: int = 15, margin: float = 0.1) -> np.ndarray:
    """``per_side × per_side`` start points evenly spread over a surface's window, ``margin`` of it left at each edge.

    Args:
        surface: a :class:`~coursekit.surfaces.Surface`.  per_side: points per row, ≥ 1.
        margin: the fraction of the window's width (and height) left free at each side, in [0, 0.5).

    Returns:
        An array of shape ``(per_side², 2)``, row by row from the bottom left.

    Reference: notebook 09.

    >>> from coursekit.surfaces import several_minima
    >>> start_grid(several_minima(), per_side=2, margin=0.25).tolist()
    [[-1.5, -1.5], [1.5, -1.5], [-1.5, 1.5], [1.5, 1.5]]
    """
    if not isinstance(surface, Surface):
        raise TypeError(f"surface must be a Surface (e.g. several_minima()), got {type(surface).__name__}")
    per_side = _validate.positive_int(per_side, "per_side")
    margin = _validate.non_negative(margin, "margin")
    if margin >= 0.5:
        raise ValueError(f"margin must be in [0, 0.5), got {margin!r}")
    axes = []
    for low, high in (surface.xlim, surface.ylim):
        pad = margin * (high - low)
        axes.append(np.linspace(low + pad, high - pad, per_side) if per_side > 1 else np.array([(low + high) / 2]))
    xs, ys = np.meshgrid(*axes)
    return np.column_stack([xs.ravel(), ys.ravel()])


def paths(surface: Surface, optimizer: Optimizer, starts, steps: int = 200) -> np.ndarray:
    """Run one optimizer from many starts at once: ``w_t = optimizer.step(w_{t−1}, ∇J(w_{t−1}))`` for every row.

    A run whose iterate leaves the box ``|x|, |y| ≤ DIVERGENCE_BOUND`` (or whose gradient is not finite) is
    stopped there: its later points are NaN.

    Args:
        surface: a :class:`~coursekit.surfaces.Surface`.  optimizer: a fresh coursekit optimizer (its
            state arrays take the shape of ``starts``).  starts: ``w_0`` of each run, shape ``(N, 2)``.
        steps: the number of steps ``T`` ≥ 1.

    Returns:
        The iterates, shape ``(T + 1, N, 2)``: ``[t, i]`` is ``w_t`` of the run started at ``starts[i]``.

    Reference: notebook 09.

    >>> from coursekit.optim import GD
    >>> from coursekit.surfaces import elongated_quadratic
    >>> paths(elongated_quadratic(), GD(lr=0.5), [[1.0, 0.0], [2.0, 0.0]], steps=2)[:, :, 0].tolist()
    [[1.0, 2.0], [0.5, 1.0], [0.25, 0.5]]
    """
    if not isinstance(surface, Surface):
        raise TypeError(f"surface must be a Surface (e.g. several_minima()), got {type(surface).__name__}")
    if not isinstance(optimizer, Optimizer):
        raise TypeError(f"optimizer must be a coursekit.optim optimizer (GD, Momentum, RMSprop, Adam), got {optimizer!r}")
    if optimizer.t != 0:
        raise ValueError(f"optimizer must be fresh (it keeps state), got {optimizer!r} after {optimizer.t} steps")
    w = _validate.array(starts, "starts", ndim=2).copy()
    if w.shape[1] != 2 or not len(w):
        raise ValueError(f"starts must have shape (N, 2) with N >= 1, got shape {w.shape}")
    steps = _validate.positive_int(steps, "steps")
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


def nearest_minimum(surface: Surface, points, tol: float = 0.05) -> np.ndarray:
    """For each point, the index of the known minimum within ``tol`` of it, or −1 for none (or NaN).

    Args:
        surface: a :class:`~coursekit.surfaces.Surface` (its ``minima``, deepest first for
            :func:`~coursekit.surfaces.several_minima`).  points: shape ``(N, 2)``, e.g. ``paths(...)[-1]``.
        tol: the distance ``tol`` > 0 within which a point counts as arrived.

    Returns:
        An integer array of shape ``(N,)``.

    Reference: notebook 09.

    >>> from coursekit.surfaces import saddle
    >>> nearest_minimum(saddle(), [[0.0, -1.0], [0.01, 0.99], [0.0, 0.0]]).tolist()
    [0, 1, -1]
    """
    if not isinstance(surface, Surface):
        raise TypeError(f"surface must be a Surface (e.g. several_minima()), got {type(surface).__name__}")
    points = _validate.array(points, "points", ndim=2, finite=False)
    if points.shape[1] != 2:
        raise ValueError(f"points must have shape (N, 2), got shape {points.shape}")
    tol = _validate.positive(tol, "tol")
    minima = np.array(surface.minima, dtype=float)
    distances = np.linalg.norm(points[:, np.newaxis, :] - minima[np.newaxis, :, :], axis=2)
    with np.errstate(invalid="ignore"):
        closest = np.argmin(np.where(np.isnan(distances), np.inf, distances), axis=1)
        arrived = distances[np.arange(len(points)), closest] <= tol
    return np.where(arrived, closest, -1)
