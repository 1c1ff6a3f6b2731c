"""The learning-rate schedules drawn, and sliders for their hyperparameters (notebook 09).

:func:`schedule_explorer` draws the six schedules of :mod:`coursekit.schedules` with :func:`plot_schedules`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import ipywidgets as widgets
import matplotlib.patches
import numpy as np

from coursekit import _validate, schedules
from coursekit.experiments.least_squares import mean_distance
from coursekit.show.controls import slider
from coursekit.show.explorer import Explorer, FastFigure
from coursekit.show.look import CourseFigure, colors_for, new_figure, styled
from coursekit.show.surfaces import _surface_grid
from coursekit.surfaces import Surface
from coursekit.trajectories import Trajectory


@styled
def plot_schedules(schedules: Mapping, epochs: int, *, start: int = 1) -> CourseFigure:
    """Learning rate ``α`` against the epoch number, one curve per schedule.

    E.g. ``α = α₀ / (1 + decay_rate · epoch_num)`` or ``α = 0.95^epoch_num · α₀``.

    Args:
        schedules: ``{label: schedule}``, each a function ``epoch -> α`` (:mod:`coursekit.schedules`) or a
            1-D array of rates per epoch (e.g. ``History.lrs``), the first for epoch ``start``.
        epochs: the last epoch shown.
        start: the first epoch shown (1, as :func:`coursekit.train.train` counts).

    Returns:
        A :class:`CourseFigure` with one line (with dots) per schedule, ``gid`` = label.

    Reference: notebook 09.

    >>> from coursekit.schedules import inverse_time_decay
    >>> fig = plot_schedules({"1/(1 + epoch)": inverse_time_decay(0.2, 1.0)}, epochs=4)
    >>> fig.axes[0].lines[0].get_ydata().round(3).tolist()
    [0.1, 0.067, 0.05, 0.04]
    """
    epochs = _validate.positive_int(epochs, "epochs")
    start = _validate.non_negative_int(start, "start")
    if start > epochs:
        raise ValueError(f"start must be <= epochs ({epochs}), got {start}")
    if not isinstance(schedules, Mapping) or not schedules:
        raise TypeError(f"schedules must be a non-empty dict label -> schedule or array, got {schedules!r:.80}")
    _validate.budget(epochs, "epochs", operations=len(schedules) * epochs * _validate.STEP_OPERATIONS)
    x = np.arange(start, epochs + 1)
    curves = {}
    for label, schedule in schedules.items():
        if callable(schedule):
            curves[label] = np.array([schedule(int(e)) for e in x], dtype=float)
        else:
            curves[label] = _validate.array(schedule, f"schedules[{label!r}]", ndim=1)[: len(x)]
    colors = colors_for(curves)
    fig, ax = new_figure()
    for i, (label, lr) in enumerate(curves.items()):  # every other curve dashed: coinciding steps stay visible
        ax.plot(x[: len(lr)], lr, ".-" if i % 2 == 0 else ".--", color=colors[label], label=str(label), gid=str(label))
    ax.set(xlabel="epoch", ylabel="learning rate α", title="Learning-rate decay", ylim=(0, None))
    fig.legend(loc="outside right upper")  # beside the axes: the constant rate runs along the top
    return fig


@styled
def plot_wandering(surface: Surface, runs: Mapping, *, last: int = 100, zoom: float = 0.25) -> CourseFigure:
    """Mini-batch paths on a surface (left) and, zoomed on the minimum ``w*``, their last ``last`` iterates (right).

    A circle of radius ``(1/last) Σ ‖w_t − w*‖`` (the mean distance over those iterates) surrounds ``w*``
    in each run's colour: the ball the run keeps wandering in.

    Args:
        surface: the surface the runs were made on (its first minimum is ``w*``).
        runs: ``{label: Trajectory}``, e.g. from :func:`coursekit.experiments.least_squares.minibatch_path`.
        last: how many final iterates to show and average over.  zoom: half the width of the right panel.

    Returns:
        A :class:`CourseFigure` with two axes; the right one holds one dotted line (``gid`` = label) and
        one circle per run.

    Reference: notebook 09.

    >>> from coursekit.experiments.least_squares import least_squares, minibatch_path
    >>> from coursekit.optim import GD
    >>> problem = least_squares()
    >>> fig = plot_wandering(problem.surface, {"fixed α": minibatch_path(problem, GD(0.2), epochs=10)})
    >>> len(fig.axes), fig.axes[1].lines[0].get_xdata().shape
    (2, (100,))
    """
    _validate.instance(surface, "surface", Surface)
    if not isinstance(runs, Mapping) or not runs:
        raise TypeError(f"runs must be a non-empty dict label -> Trajectory, got {runs!r:.80}")
    for label, run in runs.items():
        if not isinstance(run, Trajectory):
            raise TypeError(f"runs[{label!r}] must be a Trajectory, got {type(run).__name__}")
    last = _validate.positive_int(last, "last")
    zoom = _validate.positive(zoom, "zoom")
    target = np.array(surface.minima[0])
    X, Y, Z = _surface_grid(surface)
    colors = colors_for(runs)
    fig, (whole, near) = new_figure(1, 2)
    whole.contour(X, Y, Z, levels=np.quantile(Z, np.linspace(0, 0.6, 12)), colors="#999999", linewidths=0.5)
    near_grid = _grid_around(surface, target, zoom)
    near.contour(*near_grid, levels=12, colors="#999999", linewidths=0.5)
    for label, run in runs.items():
        whole.plot(run.points[:, 0], run.points[:, 1], "-", color=colors[label], lw=0.8, label=label)
        tail = run.points[-last:]
        near.plot(tail[:, 0], tail[:, 1], ".-", color=colors[label], lw=0.4, ms=3, gid=label)
        radius = mean_distance(run.points, target, last=min(last, len(run.points)))
        near.add_patch(matplotlib.patches.Circle(target, radius, fill=False, color=colors[label], lw=1.5))
    for ax in (whole, near):
        ax.plot(*target, "*", color="black", ms=10 if ax is whole else 6, zorder=1.5,
                label="minimum w*" if ax is whole else None)
        ax.set(xlabel="w₁", ylabel="w₂", aspect="equal")
        ax.grid(False)
    whole.set(xlim=surface.xlim, ylim=surface.ylim, title="the whole paths")
    near.set(xlim=(target[0] - zoom, target[0] + zoom), ylim=(target[1] - zoom, target[1] + zoom),
             title=f"zoomed: the last {last} steps")
    near.text(0.02, 0.02, "circles: mean distance to w*", transform=near.transAxes, fontsize=8)
    fig.legend(loc="outside lower center", ncols=len(runs) + 1)
    return fig


def _grid_around(surface: Surface, centre, half: float, resolution: int = 80):
    """``(X, Y, J(X, Y))`` on a square grid of half-width ``half`` around ``centre`` (a zoomed contour plot).

    >>> from coursekit.surfaces import saddle
    >>> [a.shape for a in _grid_around(saddle(), (0.0, 0.0), 0.5, resolution=10)]
    [(10, 10), (10, 10), (10, 10)]
    """
    x0, y0 = centre
    X, Y = np.meshgrid(np.linspace(x0 - half, x0 + half, resolution), np.linspace(y0 - half, y0 + half, resolution))
    return X, Y, np.asarray(surface.f(X, Y), dtype=float)


#: The schedules of :func:`schedule_explorer`, in the order of the lecture.
SCHEDULES = ("constant", "inverse time", "interval inverse time", "exponential", "k / √epoch", "staircase (halve)")


def _schedule_rates(lr0: float, decay_rate: float, k: float, base: float, interval: int, epochs: int) -> dict:
    """Learning rates for epochs 1..epochs under all six schedules of :mod:`coursekit.schedules`, from one ``α₀``.

    ``α₀``;  ``α₀ / (1 + decay_rate · epoch)``;  ``α₀ / (1 + decay_rate · floor(epoch / interval))``;
    ``base^epoch · α₀``;  ``k / √epoch · α₀``;  ``α₀ · 0.5^floor(epoch / interval)``.

    Returns:
        ``{label: array of α per epoch}`` with the labels of ``SCHEDULES``.

    Reference: notebook 09.

    >>> _schedule_rates(0.2, decay_rate=1.0, k=1.0, base=0.95, interval=2, epochs=4)["inverse time"].round(3).tolist()
    [0.1, 0.067, 0.05, 0.04]
    """
    made = dict(zip(SCHEDULES, (
        schedules.constant(lr0),
        schedules.inverse_time_decay(lr0, decay_rate),
        schedules.interval_inverse_time_decay(lr0, decay_rate, interval),
        schedules.exponential_decay(lr0, base),
        schedules.inverse_sqrt_decay(lr0, k),
        schedules.staircase_decay(lr0, 0.5, interval),
    )))
    epochs = _validate.positive_int(epochs, "epochs")
    _validate.budget(epochs, "epochs", operations=len(made) * epochs * _validate.STEP_OPERATIONS)
    return {label: np.array([s(e) for e in range(1, epochs + 1)]) for label, s in made.items()}


def _nice_ceiling(x: float) -> float:
    """The smallest of 1, 2, 5 × 10^n that is ≥ ``x`` > 0: an axis limit that changes only now and then.

    >>> [_nice_ceiling(x) for x in (0.21, 0.5, 0.51, 3.0)]
    [0.5, 0.5, 1.0, 5.0]
    """
    x = _validate.positive(x, "x")
    decade = 10.0 ** math.floor(math.log10(x))
    return next(m * decade for m in (1, 2, 5, 10) if m * decade >= x * (1 - 1e-12))


#: The base slider's step: fine enough to make ``base^30`` meet another schedule's last rate within 1 % (09's
#: "try this": ``base = 0.25^(1/30) ≈ 0.9548`` for inverse-time decay at decay_rate 0.1, where steps of 0.01
#: come no closer than 14 %).
BASE_STEP = 0.001


class _ScheduleView:
    """The figure of :func:`schedule_explorer`: six curves redrawn; the α axis follows the largest rate shown,
    in steps of 1-2-5 (so that most moves of a slider redraw only the curves, and the axis shows the change)."""

    def __init__(self, epochs: int, values: dict):
        self.epochs = epochs
        self.fig = plot_schedules(self._data(values), epochs)
        ax = self.fig.axes[0]
        self.lines = {line.get_gid(): line for line in ax.lines}
        self.fast = FastFigure(self.fig, ax.lines)

    def _data(self, values: dict) -> dict:
        return _schedule_rates(values["lr0"], values["decay_rate"], values["k"], values["base"], values["interval"],
                             self.epochs)

    def __call__(self, values: dict):
        data = self._data(values)
        ax = self.fig.axes[0]
        top = _nice_ceiling(1.05 * max(values["lr0"], float(data["k / √epoch"][0])))
        if ax.get_ylim()[1] != top:
            ax.set_ylim(0, top)
            self.fast.invalidate()
        for label, lr in data.items():
            self.lines[label].set_ydata(lr)
        first = ", ".join(f"{a:.3g}" for a in data["inverse time"][:4])
        final = ", ".join(f"{label} {lr[-1]:.3g}" for label, lr in data.items())
        summary = f"inverse-time decay, epochs 1-4: α = {first}<br>α at epoch {self.epochs}: {final}"
        return self.fig, self.fast.png(), summary


def schedule_explorer(lr0: float = 0.2, decay_rate: float = 1.0, k: float = 1.0, base: float = 0.95,
                      interval: int = 10, epochs: int = 30) -> Explorer:
    """Sliders for ``α₀`` and every decay hyperparameter over the six learning-rate schedules of §8.

    Args:
        lr0: ``α₀`` (slider up to 1).  decay_rate: of both inverse-time schedules (up to 2).
        k: of ``k / √epoch · α₀`` (up to 2).  base: of ``base^epoch · α₀`` (0.5 to 1).
        interval: the epochs between steps of the interval inverse-time decay and of the staircase.
        epochs: the epochs shown, from 1.

    Returns:
        An :class:`Explorer`; its numbers line repeats the lecture's example (α₀ = 0.2, decay_rate = 1)
        and gives each schedule's last rate.

    Reference: notebook 09.

    >>> w = schedule_explorer(epochs=10)
    >>> w.controls["decay_rate"].value = 0.5
    >>> round(float(w.figure.axes[0].lines[1].get_ydata()[1]), 4)   # 0.2 / (1 + 0.5 · 2)
    0.1
    """
    epochs = _validate.positive_int(epochs, "epochs")
    controls = {
        "lr0": slider(widgets.FloatSlider, "α₀", _validate.positive(lr0, "lr0"), 0.01, 1.0, 0.01),
        "decay_rate": slider(widgets.FloatSlider, "decay_rate", _validate.non_negative(decay_rate, "decay_rate"),
                              0.0, 2.0, 0.05),
        "k": slider(widgets.FloatSlider, "k (k / √epoch)", _validate.positive(k, "k"), 0.1, 2.0, 0.05),
        "base": slider(widgets.FloatSlider, "base (exponential)", _validate.factor(base, "base"), 0.5, 1.0, BASE_STEP,
                       readout_format=".3f"),
        "interval": slider(widgets.IntSlider, "interval (epochs)", _validate.positive_int(interval, "interval"),
                           1, epochs, 1),
    }
    values = {name: c.value for name, c in controls.items()}
    return Explorer(controls, _ScheduleView(epochs, values))
