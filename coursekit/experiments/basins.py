"""Many starts at once: where an optimizer ends up from each point of a grid (notebook 10).

:func:`start_grid` lays out the starts, :func:`coursekit.trajectories.from_starts` runs one optimizer from
all of them at once, and :func:`nearest_minimum` names the minimum each run reached.
"""

from __future__ import annotations

import numpy as np

from coursekit import _validate
from coursekit.surfaces import Surface


def start_grid(surface: Surface, per_side: int = 15, margin: float = 0.1) -> np.ndarray:
    """``per_side × per_side`` start points evenly spread over a surface's window, ``margin`` of it left at each edge.

    Args:
        surface: a :class:`~coursekit.surfaces.Surface`.  per_side: points per row, ≥ 1.
        margin: the fraction of the window's width (and height) left free at each side, in [0, 0.5).

    Returns:
        An array of shape ``(per_side², 2)``, row by row from the bottom left.

    Reference: notebook 10.

    >>> from coursekit.surfaces import several_minima
    >>> start_grid(several_minima(), per_side=2, margin=0.25).tolist()
    [[-1.5, -1.5], [1.5, -1.5], [-1.5, 1.5], [1.5, 1.5]]
    """
    _validate.instance(surface, "surface", Surface)
    per_side = _validate.positive_int(per_side, "per_side")
    _validate.budget(per_side, "per_side", memory=4 * 8 * per_side**2)  # the grid's xs, ys and two columns
    margin = _validate.non_negative(margin, "margin")
    if margin >= 0.5:
        raise ValueError(f"margin must be in [0, 0.5), got {margin!r}")
    axes = []
    for low, high in (surface.xlim, surface.ylim):
        pad = margin * (high - low)
        axes.append(np.linspace(low + pad, high - pad, per_side) if per_side > 1 else np.array([(low + high) / 2]))
    xs, ys = np.meshgrid(*axes)
    return np.column_stack([xs.ravel(), ys.ravel()])


def nearest_minimum(surface: Surface, points, tol: float = 0.05) -> np.ndarray:
    """For each point, the index of the known minimum within ``tol`` of it, or −1 for none (or NaN).

    Args:
        surface: a :class:`~coursekit.surfaces.Surface` (its ``minima``, deepest first for
            :func:`~coursekit.surfaces.several_minima`).  points: shape ``(N, 2)``, e.g. ``from_starts(...)[-1]``.
        tol: the distance ``tol`` > 0 within which a point counts as arrived.

    Returns:
        An integer array of shape ``(N,)``.

    Reference: notebook 10.

    >>> from coursekit.surfaces import saddle
    >>> nearest_minimum(saddle(), [[0.0, -1.0], [0.01, 0.99], [0.0, 0.0]]).tolist()
    [0, 1, -1]
    """
    _validate.instance(surface, "surface", Surface)
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
