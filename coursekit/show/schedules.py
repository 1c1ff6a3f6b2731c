"""The learning-rate schedules drawn, and sliders for their hyperparameters (notebook 08).

:func:`schedule_data` computes the rates without a display; :func:`schedule_explorer` draws them with
:func:`plot_schedules`.
"""

from __future__ import annotations

from collections.abc import Mapping

import ipywidgets as widgets
import numpy as np

from coursekit import _validate, schedules
from coursekit.show.explorer import Explorer, FastFigure, slider
from coursekit.show.look import CourseFigure, colors_for, new_figure, styled


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

    Reference: notebook 08.

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
    x = np.arange(start, epochs + 1)
    curves = {}
    for label, schedule in schedules.items():
        if callable(schedule):
            curves[label] = np.array([schedule(int(e)) for e in x], dtype=float)
        else:
            curves[label] = _validate.array(schedule, f"schedules[{label!r}]", ndim=1)[: len(x)]
    colors = colors_for(curves)
    fig, ax = new_figure()
    for label, lr in curves.items():
        ax.plot(x[: len(lr)], lr, ".-", color=colors[label], label=str(label), gid=str(label))
    ax.set(xlabel="epoch", ylabel="learning rate α", title="Learning-rate decay", ylim=(0, None))
    ax.legend(loc="upper right")
    return fig


def schedule_data(lr0: float, decay_rate: float, base: float, every: int, epochs: int) -> dict:
    """Learning rates for epochs 1..epochs under the schedules of notebook 08, all starting from the same ``α₀``.

    ``α₀``;  ``α₀ / (1 + decay_rate · epoch)``;  ``base^epoch · α₀``;  ``α₀ · 0.5^floor(epoch / every)``.

    Returns:
        ``{label: array of α per epoch}`` computed with :mod:`coursekit.schedules`.

    Reference: notebook 08.

    >>> schedule_data(0.2, decay_rate=1.0, base=0.95, every=2, epochs=4)["inverse time"].round(3).tolist()
    [0.1, 0.067, 0.05, 0.04]
    """
    made = {
        "constant": schedules.constant(lr0),
        "inverse time": schedules.inverse_time_decay(lr0, decay_rate),
        "exponential": schedules.exponential_decay(lr0, base),
        "staircase (halve)": schedules.staircase_decay(lr0, 0.5, every),
    }
    epochs = _validate.positive_int(epochs, "epochs")
    return {label: np.array([s(e) for e in range(1, epochs + 1)]) for label, s in made.items()}


class _ScheduleView:
    """The figure of :func:`schedule_explorer`: four curves redrawn; the α axis follows α₀."""

    def __init__(self, epochs: int, values: dict):
        self.epochs = epochs
        self.fig = plot_schedules(self._data(values), epochs)
        ax = self.fig.axes[0]
        self.lines = {line.get_gid(): line for line in ax.lines}
        self.fast = FastFigure(self.fig, [*ax.lines, ax.get_legend()])

    def _data(self, values: dict) -> dict:
        return schedule_data(values["lr0"], values["decay_rate"], values["base"], values["every"], self.epochs)

    def __call__(self, values: dict):
        data = self._data(values)
        ax = self.fig.axes[0]
        if ax.get_ylim()[1] != 1.05 * values["lr0"]:
            ax.set_ylim(0, 1.05 * values["lr0"])
            self.fast.invalidate()
        for label, lr in data.items():
            self.lines[label].set_ydata(lr)
        first = ", ".join(f"{a:.3g}" for a in data["inverse time"][:4])
        last = data["inverse time"][-1]
        summary = f"inverse-time decay, epochs 1-4: α = {first}; after {self.epochs} epochs: {last:.3g}"
        return self.fig, self.fast.png(), summary


def schedule_explorer(lr0: float = 0.2, decay_rate: float = 1.0, base: float = 0.95, every: int = 10,
                      epochs: int = 30) -> Explorer:
    """Sliders for ``α₀`` and the decay hyperparameters over the learning-rate schedules of §8.

    Args:
        lr0: ``α₀`` (slider up to 1).  decay_rate: of ``α₀ / (1 + decay_rate · epoch)`` (up to 2).
        base: of ``base^epoch · α₀`` (0.5 to 1).  every: epochs between halvings of the staircase.
        epochs: the epochs shown, from 1.

    Returns:
        An :class:`Explorer`; its numbers line repeats the lecture's example (α₀ = 0.2, decay_rate = 1).

    Reference: notebook 08.

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
        "base": slider(widgets.FloatSlider, "base (exponential)", _validate.factor(base, "base"), 0.5, 1.0, 0.01),
        "every": slider(widgets.IntSlider, "halve every", _validate.positive_int(every, "every"), 1, epochs, 1),
    }
    values = {name: c.value for name, c in controls.items()}
    return Explorer(controls, _ScheduleView(epochs, values))
