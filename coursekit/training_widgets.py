"""The training explorers: the mini-batch size (SYLLABUS §1-2) and the learning-rate schedules (§8).

:func:`batch_size_data` and :func:`schedule_data` compute the numbers without a display;
:func:`batch_size_explorer` and :func:`schedule_explorer` draw them with :mod:`coursekit.training_plots`.
"""

from __future__ import annotations

import time

import ipywidgets as widgets
import numpy as np

from coursekit import _validate, schedules
from coursekit.explorer import CONTROL_LAYOUT, DESCRIPTION_STYLE, Explorer, FastFigure, LruCache, slider
from coursekit.figures import style
from coursekit.minibatch import num_mini_batches
from coursekit.optim import make_optimizer
from coursekit.train import History, train
from coursekit.training_plots import plot_minibatch_costs, plot_schedules


def batch_size_data(X, Y, layer_dims, mini_batch_size: int, optimizer: str = "Adam", lr: float = 0.01,
                    epochs: int = 5, seed: int = 0) -> tuple[History, float]:
    """Train with one mini-batch size and time it: the history (deterministic) and seconds per epoch (not).

    One epoch takes ``ceil(m / size)`` steps (SYLLABUS §1).

    Args:
        X, Y, layer_dims: as for :func:`coursekit.train.train`.  mini_batch_size: the size (``m`` = batch GD).
        optimizer: a name from :data:`coursekit.optim.OPTIMIZERS` (with the lecture's default
            ``β``s).  lr: ``α``.
        epochs: passes over the set.  seed: the seed of the initial parameters and shuffles.

    Returns:
        ``(History, seconds per epoch)``; the history is the same for the same arguments.

    Reference: SYLLABUS §1-2.

    >>> from coursekit.data import two_moons
    >>> X, Y = two_moons(m=64)
    >>> history, seconds = batch_size_data(X, Y, [2, 4, 1], mini_batch_size=16, epochs=2)
    >>> history.steps_per_epoch, len(history.costs), seconds > 0
    (4, 8, True)
    """
    epochs = _validate.positive_int(epochs, "epochs")
    start = time.perf_counter()
    history = train(X, Y, layer_dims, make_optimizer(optimizer, lr), epochs, mini_batch_size, seed=seed)
    return history, (time.perf_counter() - start) / epochs


class _BatchSizeView:
    """The figure of :func:`batch_size_explorer`: one training run per size, cached; batch GD for reference."""

    def __init__(self, X, Y, layer_dims, optimizer: str, lr: float, epochs: int, seed: int):
        self._train = lambda size: batch_size_data(X, Y, layer_dims, size, optimizer, lr, epochs, seed)
        self._runs, self.m = LruCache(32), X.shape[1]
        self.reference, _ = self._runs.get(self.m, lambda: self._train(self.m))
        self.fig = plot_minibatch_costs(self.reference, self.reference, label="this size")
        ax = self.fig.axes[0]
        ax.set(xlim=(0, epochs), ylim=(0, 1.5 * self.reference.costs[0]))
        self.steps, self.epochs = ax.lines[:2]
        self.fast = FastFigure(self.fig, [self.steps, self.epochs, ax.title, ax.get_legend()])

    def __call__(self, values: dict):
        size = values["mini_batch_size"]
        history, seconds = self._runs.get(size, lambda: self._train(size))
        self.steps.set_data(np.arange(1, len(history.costs) + 1) / history.steps_per_epoch, history.costs)
        self.epochs.set_ydata(history.epoch_costs)
        with style():
            self.fig.axes[0].set_title(f"mini-batch size {size}: {history.steps_per_epoch} steps per epoch")
        summary = (
            f"size {size}: ceil({self.m} / {size}) = {num_mini_batches(self.m, size)} steps per epoch; "
            f"{1000 * seconds:.1f} ms per epoch on this machine (first run of this size); "
            f"final cost J = {history.epoch_costs[-1]:.4f}"
        )
        return self.fig, self.fast.png(), summary


def batch_size_explorer(X, Y, layer_dims, sizes=(1, 8, 32, 64, 256), optimizer: str = "Adam", lr: float = 0.01,
                        epochs: int = 5, seed: int = 0) -> Explorer:
    """A mini-batch-size slider over the cost curves of a training run, with steps and time per epoch.

    One epoch is ``ceil(m / size)`` steps; ``size = m`` is batch gradient descent (always offered, and
    drawn dashed for reference), ``size = 1`` stochastic gradient descent.

    Args:
        X, Y, layer_dims: as for :func:`coursekit.train.train`.  sizes: the mini-batch sizes offered
            (those above ``m`` are left out; ``m`` is added).  optimizer, lr, epochs, seed: as for
            :func:`batch_size_data`.

    Returns:
        An :class:`Explorer`. Each size is trained once, when first chosen, and then reused; the time
        per epoch is that first run's, so it varies from run to run (the costs do not).

    Reference: SYLLABUS §1-2.

    >>> from coursekit.data import two_moons
    >>> X, Y = two_moons(m=64)
    >>> w = batch_size_explorer(X, Y, [2, 4, 1], sizes=(8, 32), epochs=2)
    >>> w.controls["mini_batch_size"].options
    (('8', 8), ('32', 32), ('m = 64 (batch GD)', 64))
    """
    X = _validate.array(X, "X", ndim=2)
    if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__iter__"):
        raise TypeError(f"sizes must be a sequence of integers >= 1, got {sizes!r}")
    m = X.shape[1]
    chosen = sorted({_validate.positive_int(size, "sizes") for size in sizes if size < m} | {m})
    labels = [(f"m = {m} (batch GD)" if n == m else f"{n} (stochastic GD)" if n == 1 else str(n), n) for n in chosen]
    make_optimizer(optimizer, lr)  # checks the name and α before any training
    view = _BatchSizeView(X, Y, layer_dims, optimizer, lr, _validate.positive_int(epochs, "epochs"), seed)
    size_slider = widgets.SelectionSlider(options=labels, value=chosen[len(chosen) // 2], description="mini-batch size",
                                          continuous_update=False, style=DESCRIPTION_STYLE, layout=CONTROL_LAYOUT)
    return Explorer({"mini_batch_size": size_slider}, view)


def schedule_data(lr0: float, decay_rate: float, base: float, every: int, epochs: int) -> dict:
    """Learning rates for epochs 1..epochs under the schedules of §8, all starting from the same ``α₀``.

    ``α₀``;  ``α₀ / (1 + decay_rate · epoch)``;  ``base^epoch · α₀``;  ``α₀ · 0.5^floor(epoch / every)``.

    Returns:
        ``{label: array of α per epoch}`` computed with :mod:`coursekit.schedules`.

    Reference: SYLLABUS §8.

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

    Reference: SYLLABUS §8.

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
