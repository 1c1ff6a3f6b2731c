"""Loss surfaces drawn: contours of J(x, y) with optimizers' paths, and sliders for α, β₁, β₂ and T (notebooks 06-08, 10).

The paths come from :mod:`coursekit.trajectories` (:func:`~coursekit.trajectories.trajectory_data`, kept by
:class:`~coursekit.trajectories.Paths`); :func:`trajectory_explorer` draws them with :func:`plot_trajectories`,
one cached contour picture per surface (:class:`PathPictures`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import ipywidgets as widgets
import numpy as np

from coursekit import _validate, surfaces
from coursekit.optim import OPTIMIZERS, make_optimizer
from coursekit.show.controls import DESCRIPTION_STYLE, log_slider, slider
from coursekit.show.explorer import Explorer, FastFigure, LruCache
from coursekit.show.look import CourseFigure, colors_for, new_figure, styled
from coursekit.surfaces import Surface
from coursekit.trajectories import Paths, Trajectory, _lr_for, outside_window, paths_summary, trajectory_data


def _surface_grid(surface: Surface, resolution: int = 150) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(X, Y, J(X, Y))`` on a ``resolution × resolution`` grid over the surface's plotting window.

    >>> from coursekit.surfaces import saddle
    >>> [a.shape for a in _surface_grid(saddle(), resolution=20)]
    [(20, 20), (20, 20), (20, 20)]
    """
    _validate.instance(surface, "surface", Surface)
    resolution = _validate.positive_int(resolution, "resolution")
    X, Y = np.meshgrid(np.linspace(*surface.xlim, resolution), np.linspace(*surface.ylim, resolution))
    return X, Y, np.asarray(surface.f(X, Y), dtype=float)


def _levels(Z: np.ndarray, count: int) -> np.ndarray:
    """Contour levels at quantiles of ``Z``: evenly spread over the picture whatever the scale of ``J``."""
    return np.unique(np.quantile(Z[np.isfinite(Z)], np.linspace(0, 1, count)))


@styled
def plot_trajectories(surface: Surface, trajectories: Mapping[str, Trajectory], *, levels: int = 15,
                      title: str | None = None) -> CourseFigure:
    """Contours of a loss surface ``J(x, y)`` with the paths ``w_0, w_1, …`` of one or more optimizers.

    Each path joins the iterates ``w_t`` (dots), from the start ``w_0`` (a black circle) towards the
    known minima (black stars); saddle points are black crosses. The window stays the surface's: an iterate
    outside it is marked by an open diamond on the window's edge (see :func:`_outside_marks`).

    Args:
        surface: a :class:`~coursekit.surfaces.Surface`.
        trajectories: ``{label: Trajectory}`` from :func:`coursekit.trajectories.trajectory`; a label that
            names an optimizer ("GD", "Momentum", "RMSprop", "Adam") gets that optimizer's colour.
        levels: the number of contour levels.  title: defaults to the surface's title.

    Returns:
        A :class:`CourseFigure`; each path's line has its label as ``gid``, its edge marks ``"<label> outside"``.

    Reference: notebooks 06-08 and 10.

    >>> from coursekit.optim import GD, Adam
    >>> from coursekit.surfaces import elongated_quadratic
    >>> from coursekit.trajectories import trajectory
    >>> s = elongated_quadratic()
    >>> runs = {"GD": trajectory(s, GD(0.1), steps=20), "Adam": trajectory(s, Adam(0.1), steps=20)}
    >>> fig = plot_trajectories(s, runs)
    >>> [line.get_gid() for line in fig.axes[0].lines][:2]
    ['GD', 'Adam']
    """
    X, Y, Z = _surface_grid(surface)
    if not isinstance(trajectories, Mapping) or not trajectories:
        raise TypeError(f"trajectories must be a non-empty dict label -> Trajectory, got {trajectories!r:.80}")
    for label, run in trajectories.items():
        if not isinstance(run, Trajectory):
            raise TypeError(f"trajectories[{label!r}] must be a Trajectory (coursekit.trajectories.trajectory), "
                            f"got {type(run).__name__}")
    levels = _validate.positive_int(levels, "levels")
    _validate.budget(levels, "levels", memory=8 * levels, operations=levels * Z.size * 10)  # each level traces Z
    levels = _levels(Z, levels)
    fig, ax = new_figure()
    ax.contourf(X, Y, Z, levels=levels, cmap="Greys_r", alpha=0.35)
    ax.contour(X, Y, Z, levels=levels, colors="#777777", linewidths=0.5)
    ax.grid(False)
    colors = colors_for(trajectories)
    for label, run in trajectories.items():
        ax.plot(run.points[:, 0], run.points[:, 1], ".-", color=colors[label], lw=1.3, label=label, gid=label)
    for label, run in trajectories.items():  # after every path, so that no path hides them
        ax.plot(*_outside_marks(surface, run).T, "D", color=colors[label], mfc="white", ms=5, ls="none", clip_on=False,
                gid=f"{label} outside")
    marks = [("start", [surface.start], "o"), ("minimum", surface.minima, "*"), ("saddle point", surface.saddles, "X")]
    for label, points, marker in marks:
        if points:
            xy = np.array(points, dtype=float)
            ax.plot(xy[:, 0], xy[:, 1], marker, color="black", ms=9 if marker == "*" else 6, ls="none", label=label)
    ax.set(xlim=surface.xlim, ylim=surface.ylim, xlabel="w₁ (first parameter)", ylabel="w₂ (second parameter)",
           title=surface.title if title is None else title)
    fig.legend(loc="outside right upper")
    return fig


def _outside_marks(surface: Surface, run: Trajectory) -> np.ndarray:
    """Where a path leaves the surface's window: its iterates outside it, moved onto the window's edge.

    Args:
        surface: a :class:`~coursekit.surfaces.Surface` (its ``xlim``, ``ylim``).  run: a path on it.

    Returns:
        An array of shape ``(k, 2)``: the ``k`` iterates outside the window, each clipped to the window.

    Reference: notebooks 06-08.

    >>> from coursekit.optim import RMSprop
    >>> from coursekit.surfaces import elongated_quadratic
    >>> from coursekit.trajectories import trajectory
    >>> run = trajectory(elongated_quadratic(), RMSprop(0.1, beta2=0.999), steps=2)
    >>> run.points[1].round(2).tolist(), _outside_marks(elongated_quadratic(), run).round(2).tolist()
    ([1.36, -2.56], [[1.36, -1.0]])
    """
    (x0, x1), (y0, y1) = surface.xlim, surface.ylim
    points = run.points
    outside = outside_window(surface, points)
    return np.column_stack([np.clip(points[outside, 0], x0, x1), np.clip(points[outside, 1], y0, y1)])


#: The surfaces of :func:`trajectory_explorer`'s menu: name -> factory of the condition number ``κ``.
SURFACES: dict[str, Callable[[float], surfaces.Surface]] = {
    "elongated quadratic": lambda kappa: surfaces.elongated_quadratic(kappa),
    "rotated quadratic": lambda kappa: surfaces.rotated_quadratic(kappa, 45.0),
    "Rosenbrock": lambda kappa: surfaces.rosenbrock(),
    "saddle": lambda kappa: surfaces.saddle(),
    "plateau": lambda kappa: surfaces.plateau(),
    "several minima": lambda kappa: surfaces.several_minima(),
}


class PathPictures:
    """One cached :func:`plot_trajectories` picture per ``plot_key``, the paths redrawn over it in place.

    ``draw(plot_key, surface, runs, start)`` returns the figure and its PNG with ``runs`` drawn on
    ``surface``'s picture, the start marker moved to ``start`` if given.

    >>> from coursekit.surfaces import elongated_quadratic
    >>> from coursekit.trajectories import trajectory_data
    >>> bowl = elongated_quadratic()
    >>> fig, png = PathPictures().draw("bowl", bowl, trajectory_data(bowl, ["GD"], lr=0.1, steps=5))
    >>> fig.axes[0].lines[0].get_xdata().shape, png[:4]
    ((6,), b'\\x89PNG')
    """

    def __init__(self):
        self._pictures = LruCache(12)

    def draw(self, plot_key, surface, runs: dict, start=None):
        fig, fast = self._pictures.get(plot_key, lambda: _picture(surface, runs))
        for line in fast.dynamic:
            gid = line.get_gid() or ""
            if start is not None and line.get_label() == "start":
                line.set_data([start[0]], [start[1]])
            elif gid in runs:
                line.set_data(runs[gid].points.T)
            elif gid.endswith(" outside") and gid[: -len(" outside")] in runs:
                line.set_data(_outside_marks(surface, runs[gid[: -len(" outside")]]).T)
        return fig, fast.png()


def _picture(surface, runs):
    fig = plot_trajectories(surface, runs)
    return fig, FastFigure(fig, fig.axes[0].lines)


class _TrajectoryView:
    """The figure of :func:`trajectory_explorer`: one cached picture per surface, paths updated in place."""

    def __init__(self, optimizers: tuple[str, ...], surface, tol: float):
        self.optimizers, self.fixed, self.tol = optimizers, surface, tol
        self._surfaces, self._paths, self._pictures = LruCache(16), Paths(), PathPictures()

    def __call__(self, values: dict):
        key = ("fixed",) if self.fixed else (values["surface"], values.get("condition_number", 10.0))
        surface = self.fixed or self._surfaces.get(key, lambda: SURFACES[key[0]](key[1]))
        lr = {name: values[f"lr {name}"] for name in self.optimizers} if "lr" not in values else values["lr"]
        beta1, beta2 = values.get("beta1", 0.9), values.get("beta2")
        runs = {}
        for name in self.optimizers:  # an optimizer's repr holds exactly the hyperparameters it uses
            run_key = (key, repr(make_optimizer(name, _lr_for(lr, name), beta1, beta2)))
            runs[name] = self._paths.run(run_key, values["steps"], lambda steps, name=name: trajectory_data(
                surface, [name], lr, beta1, beta2, steps)[name])
        fig, png = self._pictures.draw(key, surface, runs)
        return fig, png, coloured_lines(paths_summary(surface, runs, self.tol))


def coloured_lines(texts: Mapping[str, str], colors: Mapping[str, str] | None = None) -> str:
    """The numbers line under an explorer's figure: one line per label, after a square in the label's colour (HTML).

    ``colors`` gives the figure's own colour of each label (by default, :func:`~coursekit.show.look.colors_for`).

    >>> coloured_lines({"GD": "J = 0.5"})
    '<span style="color:#000000">■</span> <b>GD</b>: J = 0.5'
    """
    texts = _validate.mapping(texts, "texts", "lines {label: text}", non_empty=False)
    for label, text in texts.items():
        if not isinstance(text, str):
            raise TypeError(f"texts[{label!r}] must be a string, got {text!r:.60}")
    colors = {**colors_for(texts), **(colors or {})}
    return "<br>".join(f'<span style="color:{colors[label]}">■</span> <b>{label}</b>: {text}'
                       for label, text in texts.items())


#: The largest number of steps of :func:`trajectory_explorer` (its steps slider's maximum).
MAX_STEPS = 500


def trajectory_explorer(surface="elongated quadratic", optimizers=("GD", "Momentum", "Adam"), lr=0.1,
                        beta1: float = 0.9, beta2: float | None = None, steps: int = 50,
                        condition_number: float = 10.0, tol: float = 1e-3) -> Explorer:
    """Sliders for ``α``, ``β₁``, ``β₂`` and the number of steps over the paths of optimizers on a surface.

    Args:
        surface: a name from ``SURFACES`` (a menu offers them all, with a slider for the quadratics'
            condition number ``κ``) or a :class:`~coursekit.surfaces.Surface` (no menu).
        optimizers: names from ``OPTIMIZERS``.  lr: ``α``, one slider for all, or ``{name: α}`` for one
            slider per optimizer.  beta1: momentum's ``β`` and Adam's ``β₁``.  beta2: ``β₂`` (``None``:
            RMSprop's default 0.9 if RMSprop is shown, else Adam's 0.999).
        steps: ``T``, the initial number of steps (the slider goes to ``MAX_STEPS``).
        condition_number: the initial ``κ`` of the quadratics.  tol: a distance to the nearest minimum; the
            numbers line gives the step from which each path stays within it (if it does within ``T``).

    Returns:
        An :class:`Explorer`; its numbers line gives each optimizer's final loss, distance to a minimum, the
        step from which it stays within ``tol`` of it, and how many iterates lie outside the window.

    Reference: notebooks 00, 06-08 and 10.

    >>> w = trajectory_explorer(optimizers=("GD", "Momentum"), steps=20)
    >>> w.controls["lr"].value = 0.15
    >>> w.picture.at, w.figure.axes[0].lines[0].get_xdata().shape
    (0.15, (21,))
    """
    optimizers = _validate.names(optimizers, "optimizers", OPTIMIZERS)
    rates = {name: _validate.positive(_lr_for(lr, name), f"lr[{name!r}]") for name in optimizers}
    tol = _validate.positive(tol, "tol")
    beta1 = _validate.beta(beta1, "beta1")  # checked even where no slider shows it
    beta2 = None if beta2 is None else _validate.beta(beta2, "beta2")
    controls = {}
    if not isinstance(surface, surfaces.Surface):
        if not isinstance(surface, str) or surface not in SURFACES:
            raise ValueError(f"surface must be a Surface or one of {list(SURFACES)}, got {surface!r}")
        controls["surface"] = widgets.Dropdown(options=list(SURFACES), value=surface, description="surface",
                                               style=DESCRIPTION_STYLE)
        kappa = _validate.at_least(condition_number, "condition_number", 1)
        controls["condition_number"] = log_slider("κ (quadratics)", kappa, 1.0, 1000.0)
    if isinstance(lr, Mapping):
        controls.update({f"lr {name}": log_slider(f"α ({name})", rates[name], 1e-4, 3.0) for name in optimizers})
    else:
        controls["lr"] = log_slider("α (learning rate)", rates[optimizers[0]], 1e-4, 3.0)
    if {"Momentum", "Adam"} & set(optimizers):
        controls["beta1"] = slider(widgets.FloatSlider, "β₁ (momentum)", beta1, 0.0, 0.99, 0.01)
    if {"RMSprop", "Adam"} & set(optimizers):
        if beta2 is None:
            beta2 = make_optimizer("RMSprop" if "RMSprop" in optimizers else "Adam", 1.0).beta2
        controls["beta2"] = slider(widgets.FloatSlider, "β₂ (squares)", beta2, 0.5, 0.999, 0.001,
                                   readout_format=".3f")
    steps = _validate.positive_int(steps, "steps")
    controls["steps"] = slider(widgets.IntSlider, "steps T", steps, 1, MAX_STEPS, 1)
    view = _TrajectoryView(optimizers, surface if isinstance(surface, surfaces.Surface) else None, tol)
    explorer = Explorer(controls, view, main=next(name for name in controls if name.startswith("lr")))
    if "surface" in controls:
        _enable_kappa(controls)
        controls["surface"].observe(lambda change: _enable_kappa(controls), names="value")
    return explorer


def _enable_kappa(controls: dict) -> None:
    controls["condition_number"].disabled = controls["surface"].value not in ("elongated quadratic", "rotated quadratic")
