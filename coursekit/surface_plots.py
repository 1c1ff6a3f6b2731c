"""Figures of loss surfaces: contours of ``J(x, y)`` with the paths of optimizers over them (SYLLABUS §5-7, §9).

Built with the course's look of :mod:`coursekit.figures`; :mod:`coursekit.plots` offers them to the notebooks.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from coursekit import _validate
from coursekit.figures import CourseFigure, colors_for, new_figure, styled
from coursekit.surfaces import Surface, Trajectory


def surface_grid(surface: Surface, resolution: int = 150) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(X, Y, J(X, Y))`` on a ``resolution × resolution`` grid over the surface's plotting window.

    >>> from coursekit.surfaces import saddle
    >>> [a.shape for a in surface_grid(saddle(), resolution=20)]
    [(20, 20), (20, 20), (20, 20)]
    """
    if not isinstance(surface, Surface):
        raise TypeError(f"surface must be a coursekit.surfaces.Surface (e.g. rosenbrock()), "
                        f"got {type(surface).__name__}")
    resolution = _validate.positive_int(resolution, "resolution")
    X, Y = np.meshgrid(np.linspace(*surface.xlim, resolution), np.linspace(*surface.ylim, resolution))
    return X, Y, np.asarray(surface.f(X, Y), dtype=float)


def _levels(Z: np.ndarray, count: int) -> np.ndarray:
    """Contour levels at quantiles of ``Z``: evenly spread over the picture whatever the scale of ``J``."""
    return np.unique(np.quantile(Z[np.isfinite(Z)], np.linspace(0, 1, count)))


@styled
def plot_trajectories(surface: Surface, trajectories: Mapping[str, Trajectory], *, grid=None, levels: int = 15,
                      title: str | None = None) -> CourseFigure:
    """Contours of a loss surface ``J(x, y)`` with the paths ``w_0, w_1, …`` of one or more optimizers.

    Each path joins the iterates ``w_t`` (dots), from the start ``w_0`` (a black circle) towards the
    known minima (black stars); saddle points are black crosses.

    Args:
        surface: a :class:`~coursekit.surfaces.Surface`.
        trajectories: ``{label: Trajectory}`` from :func:`coursekit.surfaces.trajectory`; a label that
            names an optimizer ("GD", "Momentum", "RMSprop", "Adam") gets that optimizer's colour.
        grid: ``(X, Y, Z)`` from :func:`surface_grid`, to reuse a grid already computed.
        levels: the number of contour levels.  title: defaults to the surface's name.

    Returns:
        A :class:`CourseFigure`; each path's line has its label as ``gid``.

    Reference: SYLLABUS §5-7 and §9.

    >>> from coursekit.optim import GD, Adam
    >>> from coursekit.surfaces import elongated_quadratic, trajectory
    >>> s = elongated_quadratic()
    >>> runs = {"GD": trajectory(s, GD(0.1), steps=20), "Adam": trajectory(s, Adam(0.1), steps=20)}
    >>> fig = plot_trajectories(s, runs)
    >>> [line.get_gid() for line in fig.axes[0].lines][:2]
    ['GD', 'Adam']
    """
    X, Y, Z = surface_grid(surface) if grid is None else grid
    if not isinstance(trajectories, Mapping) or not trajectories:
        raise TypeError(f"trajectories must be a non-empty dict label -> Trajectory, got {trajectories!r:.80}")
    for label, run in trajectories.items():
        if not isinstance(run, Trajectory):
            raise TypeError(f"trajectories[{label!r}] must be a Trajectory (coursekit.surfaces.trajectory), "
                            f"got {type(run).__name__}")
    levels = _levels(Z, _validate.positive_int(levels, "levels"))
    fig, ax = new_figure()
    ax.contourf(X, Y, Z, levels=levels, cmap="Greys_r", alpha=0.35)
    ax.contour(X, Y, Z, levels=levels, colors="#777777", linewidths=0.5)
    ax.grid(False)
    colors = colors_for(trajectories)
    for label, run in trajectories.items():
        ax.plot(run.points[:, 0], run.points[:, 1], ".-", color=colors[label], lw=1.3, label=label, gid=label)
    marks = [("start", [surface.start], "o"), ("minimum", surface.minima, "*"), ("saddle point", surface.saddles, "X")]
    for label, points, marker in marks:
        if points:
            xy = np.array(points, dtype=float)
            ax.plot(xy[:, 0], xy[:, 1], marker, color="black", ms=9 if marker == "*" else 6, ls="none", label=label)
    ax.set(xlim=surface.xlim, ylim=surface.ylim, xlabel="x (first parameter)", ylabel="y (second parameter)",
           title=surface.name if title is None else title)
    fig.legend(loc="outside right upper")
    return fig
