"""Sliders bound to the course's figures: one call builds a widget that re-draws as a value moves.

Each ``*_explorer`` returns an :class:`Explorer` (an ``ipywidgets.VBox``): the controls, an ``Output``
of fixed height that always holds exactly one PNG of the figure, and a line of numbers. The figure
shows in JupyterLab, in nbval runs and in static renderers alike, with any matplotlib backend: the
``Output``'s ``outputs`` are replaced, never appended to, and nothing is printed to the cell.

The numbers come from the pure ``*_data`` functions, testable without a display. The drawing is built
once with :mod:`coursekit.plots`; a change of value updates the data of the changing lines only and
re-renders them over a cached background (:class:`FastFigure`), in about 10 ms for a trajectory plot.
"""

from __future__ import annotations

import base64
import math
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from coursekit import _validate, plots, schedules, surfaces
from coursekit.averages import ewa
from coursekit.minibatch import num_mini_batches
from coursekit.optim import GD, Adam, Momentum, Optimizer, RMSprop
from coursekit.train import History, train

#: The surfaces of :func:`trajectory_explorer`'s menu: name -> factory of the condition number ``κ``.
SURFACES: dict[str, Callable[[float], surfaces.Surface]] = {
    "elongated quadratic": lambda kappa: surfaces.elongated_quadratic(kappa),
    "Rosenbrock": lambda kappa: surfaces.rosenbrock(),
    "saddle": lambda kappa: surfaces.saddle(),
    "plateau": lambda kappa: surfaces.plateau(),
    "several minima": lambda kappa: surfaces.several_minima(),
}
OPTIMIZERS = ("GD", "Momentum", "RMSprop", "Adam")


def make_optimizer(name: str, lr: float, beta1: float = 0.9, beta2: float = 0.999) -> Optimizer:
    """A fresh optimizer by name, so that one set of sliders can drive all four.

    Args:
        name: "GD", "Momentum", "RMSprop" or "Adam".  lr: ``α``.  beta1: momentum's ``β`` and Adam's
            ``β₁`` (unused by GD and RMSprop).  beta2: ``β₂`` of RMSprop and Adam.

    Returns:
        A :mod:`coursekit.optim` optimizer with ``t = 0``.

    Reference: SYLLABUS §5-7.

    >>> make_optimizer("Momentum", lr=0.1, beta1=0.8, beta2=0.99)
    Momentum(lr=0.1, beta=0.8, average=True)
    """
    makers = {
        "GD": lambda: GD(lr),
        "Momentum": lambda: Momentum(lr, beta=beta1),
        "RMSprop": lambda: RMSprop(lr, beta2=beta2),
        "Adam": lambda: Adam(lr, beta1=beta1, beta2=beta2),
    }
    if name not in makers:
        raise ValueError(f"optimizer name must be one of {list(makers)}, got {name!r}")
    return makers[name]()


def _lr_for(lr, name: str) -> float:
    """The learning rate of one optimizer from a number (shared by all) or a dict per optimizer name."""
    if isinstance(lr, Mapping):
        if name not in lr:
            raise ValueError(f"lr must give a learning rate for every optimizer, missing {name!r} in {dict(lr)}")
        return lr[name]
    return lr


def _names(optimizers) -> tuple[str, ...]:
    """Check a non-empty sequence of distinct optimizer names."""
    if isinstance(optimizers, str) or not optimizers or len(set(optimizers)) != len(optimizers):
        raise ValueError(f"optimizers must be distinct names from {list(OPTIMIZERS)}, got {optimizers!r}")
    for name in optimizers:
        if name not in OPTIMIZERS:
            raise ValueError(f"optimizers must be distinct names from {list(OPTIMIZERS)}, got {name!r}")
    return tuple(optimizers)


def trajectory_data(surface, optimizers, lr, beta1=0.9, beta2=0.999, steps=50, start=None) -> dict:
    """The paths of several optimizers on a surface, each from a fresh optimizer and the same start.

    ``w_t = w_{t−1} − α · (the optimizer's step direction)``, for t = 1..steps (see :mod:`coursekit.optim`).

    Args:
        surface: a :class:`~coursekit.surfaces.Surface`.  optimizers: names from ``OPTIMIZERS``.
        lr: ``α``, one number for all or ``{name: α}``.  beta1: momentum's ``β`` and Adam's ``β₁``.
        beta2: ``β₂`` of RMSprop and Adam.  steps: ``T``.  start: ``w_0`` (default ``surface.start``).

    Returns:
        ``{name: Trajectory}``, exactly as :func:`coursekit.surfaces.trajectory` returns.

    Reference: SYLLABUS §5-7.

    >>> runs = trajectory_data(surfaces.elongated_quadratic(), ["GD", "Adam"], lr=0.1, steps=10)
    >>> {name: run.points.shape for name, run in runs.items()}
    {'GD': (11, 2), 'Adam': (11, 2)}
    """
    return {
        name: surfaces.trajectory(surface, make_optimizer(name, _lr_for(lr, name), beta1, beta2), start, steps)
        for name in _names(optimizers)
    }


class _Cache(OrderedDict):
    """A small least-recently-used store: ``get(key, make)`` computes on a miss, keeps ``maxsize`` items."""

    def __init__(self, maxsize: int = 64):
        super().__init__()
        self.maxsize = maxsize

    def get(self, key, make):
        if key in self:
            self.move_to_end(key)
        else:
            self[key] = make()
            if len(self) > self.maxsize:
                self.popitem(last=False)
        return self[key]


class FastFigure:
    """Re-render a figure by drawing only its changing artists over a cached picture of the rest.

    The first :meth:`png` (and the first after :meth:`invalidate`) lays the figure out and fixes that
    layout, then draws it with the ``dynamic`` artists hidden and keeps those pixels. Every call then
    restores them, draws the dynamic artists (in their list order) and encodes the canvas as a PNG.

    Args:
        fig: a figure with an Agg canvas (as :mod:`coursekit.plots` makes them).
        dynamic: the artists that change (lines, a legend or title whose text changes); list them
            last-drawn last, and keep limits and other artists fixed or call :meth:`invalidate`.

    >>> fig, ax = plots.new_figure()
    >>> line, = ax.plot([0, 1], [0, 1])
    >>> fast = FastFigure(fig, [line])
    >>> first = fast.png(); line.set_ydata([1, 0]); fast.png() != first
    True
    """

    def __init__(self, fig: Figure, dynamic):
        self.fig, self.dynamic, self._background = fig, list(dynamic), None

    def invalidate(self) -> None:
        """Forget the cached background (after a change to a static artist, limits or labels)."""
        self._background = None

    def png(self) -> bytes:
        """The current figure as PNG bytes."""
        canvas = self.fig.canvas
        if self._background is None:
            canvas.draw()  # lay out with every artist shown, then keep that layout
            self.fig.set_layout_engine("none")
            shown = [artist.get_visible() for artist in self.dynamic]
            for artist in self.dynamic:
                artist.set_visible(False)
            canvas.draw()
            self._background = canvas.copy_from_bbox(self.fig.bbox)
            for artist, visible in zip(self.dynamic, shown):
                artist.set_visible(visible)
        canvas.restore_region(self._background)
        for artist in self.dynamic:
            self.fig.draw_artist(artist)
        return plots.encode_png(canvas, level=1)


def png_output(png: bytes, text: str = "<Figure>") -> dict:
    """One ``display_data`` output holding a PNG (base64) and a text, as an ``ipywidgets.Output`` stores it.

    >>> png_output(b"\\x89PNG", "<Figure>")["data"]
    {'image/png': 'iVBORw==', 'text/plain': '<Figure>'}
    """
    return {
        "output_type": "display_data",
        "data": {"image/png": base64.b64encode(png).decode("ascii"), "text/plain": text},
        "metadata": {},
    }


class Explorer(widgets.VBox):
    """Controls, one figure that ``render`` re-draws when a control changes, and a line of numbers.

    ``render(values)`` gets ``{control name: value}`` and returns ``(figure, png bytes, summary html)``.
    Attributes: ``controls`` (dict), ``output`` (the ``Output``), ``summary`` (an ``HTML``), ``figure``.

    >>> fig, ax = plots.new_figure()
    >>> w = Explorer({"n": widgets.IntSlider(value=1)}, lambda v: (fig, plots.figure_png(fig), f"n = {v['n']}"))
    >>> w.controls["n"].value = 2
    >>> w.summary.value, len(w.output.outputs)
    ('n = 2', 1)
    """

    def __init__(self, controls: dict, render: Callable, height: int = 410):
        self.controls, self._render = controls, render
        self.summary = widgets.HTML()
        self.output = widgets.Output(layout=widgets.Layout(height=f"{height}px", overflow="hidden"))
        super().__init__([*controls.values(), self.output, self.summary])  # numbers below: the figure never moves
        for control in controls.values():
            control.observe(self.update, names="value")
        self.update()

    def values(self) -> dict:
        """The current value of every control."""
        return {name: control.value for name, control in self.controls.items()}

    def update(self, change=None) -> None:
        """Re-render the figure for the current values and show it, replacing the previous one."""
        self.figure, png, self.summary.value = self._render(self.values())
        self.output.outputs = (png_output(png, repr(self.figure)),)


_STYLE, _LAYOUT = {"description_width": "8em"}, {"width": "420px"}


def _slider(kind, description: str, value, low, high, step, **kwargs):
    """A slider in the course's layout, its range widened to hold ``value`` (a slider clamps silently)."""
    return kind(description=description, value=value, min=min(low, value), max=max(high, value), step=step,
                style=_STYLE, layout=_LAYOUT, **kwargs)


def _log_slider(description: str, value: float, low: float, high: float):
    """A slider on a log10 scale from ``low`` to ``high`` (widened to hold ``value``), 20 steps per decade."""
    exponent = math.log10(value)
    return widgets.FloatLogSlider(description=description, value=value, min=min(math.log10(low), exponent),
                                  max=max(math.log10(high), exponent), step=0.05, style=_STYLE, layout=_LAYOUT)


class _TrajectoryView:
    """The figure of :func:`trajectory_explorer`: one cached picture per surface, paths updated in place."""

    def __init__(self, optimizers: tuple[str, ...], surface=None):
        self.optimizers, self.fixed = optimizers, surface
        self._surfaces, self._runs, self._pictures = _Cache(16), _Cache(512), _Cache(8)

    def __call__(self, values: dict):
        key = ("fixed",) if self.fixed else (values["surface"], values.get("condition_number", 10.0))
        surface = self.fixed or self._surfaces.get(key, lambda: SURFACES[key[0]](key[1]))
        lr = {name: values[f"lr {name}"] for name in self.optimizers} if "lr" not in values else values["lr"]
        beta1, beta2, steps = values.get("beta1", 0.9), values.get("beta2", 0.999), values["steps"]
        runs = {}
        for name in self.optimizers:  # an optimizer's repr holds exactly the hyperparameters it uses
            run_key = (key, repr(make_optimizer(name, _lr_for(lr, name), beta1, beta2)), steps)
            run = lambda: trajectory_data(surface, [name], lr, beta1, beta2, steps)[name]  # noqa: E731 (called now)
            runs[name] = self._runs.get(run_key, run)
        fig, fast = self._pictures.get(key, lambda: self._picture(surface, runs))
        for line in fast.dynamic:
            if line.get_gid() in runs:
                line.set_data(runs[line.get_gid()].points.T)
        return fig, fast.png(), _trajectory_summary(surface, runs)

    @staticmethod
    def _picture(surface, runs):
        fig = plots.plot_trajectories(surface, runs)
        return fig, FastFigure(fig, fig.axes[0].lines)


def _trajectory_summary(surface, runs: dict) -> str:
    """One line per optimizer: where its path ended, or that it diverged."""
    colors = plots.colors_for(runs)
    parts = []
    for name, run in runs.items():
        steps = len(run.losses) - 1
        if run.diverged:
            text = f"diverged after {steps} steps (α too large)"
        else:
            distance = min(np.hypot(*(run.points[-1] - np.array(m))) for m in surface.minima)
            text = f"J = {run.losses[-1]:.3g} after {steps} steps, {distance:.2g} from the nearest minimum"
        parts.append(f'<span style="color:{colors[name]}">■</span> <b>{name}</b>: {text}')
    return "<br>".join(parts)


def trajectory_explorer(surface="elongated quadratic", optimizers=("GD", "Momentum", "Adam"), lr=0.1,
                        beta1: float = 0.9, beta2: float = 0.999, steps: int = 50,
                        condition_number: float = 10.0) -> Explorer:
    """Sliders for ``α``, ``β₁``, ``β₂`` and the number of steps over the paths of optimizers on a surface.

    Args:
        surface: a name from ``SURFACES`` (a menu offers them all, with a slider for the quadratic's
            condition number ``κ``) or a :class:`~coursekit.surfaces.Surface` (no menu).
        optimizers: names from ``OPTIMIZERS``.  lr: ``α``, one slider for all, or ``{name: α}`` for one
            slider per optimizer.  beta1: momentum's ``β`` and Adam's ``β₁``.  beta2: ``β₂``.
        steps: ``T``, the initial number of steps (the slider goes to 300).
        condition_number: the initial ``κ`` of the elongated quadratic.

    Returns:
        An :class:`Explorer`; its numbers line gives each optimizer's final loss and distance to a minimum.

    Reference: SYLLABUS §5-7 and §9.

    >>> w = trajectory_explorer(optimizers=("GD", "Momentum"), steps=20)
    >>> w.controls["lr"].value = 0.15
    >>> len(w.output.outputs), w.figure.axes[0].lines[0].get_xdata().shape
    (1, (21,))
    """
    optimizers = _names(optimizers)
    rates = {name: _validate.positive(_lr_for(lr, name), f"lr[{name!r}]") for name in optimizers}
    controls = {}
    if not isinstance(surface, surfaces.Surface):
        if surface not in SURFACES:
            raise ValueError(f"surface must be a Surface or one of {list(SURFACES)}, got {surface!r}")
        controls["surface"] = widgets.Dropdown(options=list(SURFACES), value=surface, description="surface",
                                               style=_STYLE)
        kappa = _validate.positive(condition_number, "condition_number")
        controls["condition_number"] = _log_slider("κ (quadratic)", kappa, 1.0, 100.0)
    if isinstance(lr, Mapping):
        controls.update({f"lr {name}": _log_slider(f"α ({name})", rates[name], 1e-4, 3.0) for name in optimizers})
    else:
        controls["lr"] = _log_slider("α (learning rate)", rates[optimizers[0]], 1e-4, 3.0)
    if {"Momentum", "Adam"} & set(optimizers):
        beta1 = _validate.beta(beta1, "beta1")
        controls["beta1"] = _slider(widgets.FloatSlider, "β₁ (momentum)", beta1, 0.0, 0.99, 0.01)
    if {"RMSprop", "Adam"} & set(optimizers):
        controls["beta2"] = _slider(widgets.FloatSlider, "β₂ (squares)", _validate.beta(beta2, "beta2"), 0.5, 0.999,
                                    0.001, readout_format=".3f")
    controls["steps"] = _slider(widgets.IntSlider, "steps T", _validate.positive_int(steps, "steps"), 1, 300, 1)
    view = _TrajectoryView(optimizers, surface if isinstance(surface, surfaces.Surface) else None)
    explorer = Explorer(controls, view)
    if "surface" in controls:
        _enable_kappa(controls)
        controls["surface"].observe(lambda change: _enable_kappa(controls), names="value")
    return explorer


def _enable_kappa(controls: dict) -> None:
    controls["condition_number"].disabled = controls["surface"].value != "elongated quadratic"


def ewa_data(thetas, beta: float) -> dict:
    """The exponentially weighted average of a sequence, without and with bias correction.

    ``v_t = β v_{t−1} + (1 − β) θ_t`` from ``v_0 = 0``;  ``v̂_t = v_t / (1 − β^t)``.

    Returns:
        ``{"average": [v_1..v_T], "corrected": [v̂_1..v̂_T]}`` from :func:`coursekit.averages.ewa`.

    Reference: SYLLABUS §3-4.

    >>> {k: v.tolist() for k, v in ewa_data([10.0, 10.0], beta=0.5).items()}
    {'average': [5.0, 7.5], 'corrected': [10.0, 10.0]}
    """
    return {"average": ewa(thetas, beta), "corrected": ewa(thetas, beta, bias_correction=True)}


class _EwaView:
    """The figure of :func:`ewa_explorer`: the dots stay, the two curves and the legend are redrawn."""

    def __init__(self, t, thetas, beta: float):
        self.thetas, self._data = thetas, _Cache(128)
        curves = self._data.get(beta, lambda: ewa_data(thetas, beta))
        self.fig = plots.plot_ewa(t, thetas, {beta: curves["average"]}, {beta: curves["corrected"]})
        self.ax = self.fig.axes[0]
        self.data, self.average, self.corrected = self.ax.lines
        self.fast = FastFigure(self.fig, [self.average, self.corrected, self.ax.get_legend()])

    def __call__(self, values: dict):
        beta, corrected = values["beta"], values["bias_correction"]
        curves = self._data.get(beta, lambda: ewa_data(self.thetas, beta))
        self.average.set_ydata(curves["average"])
        self.corrected.set_ydata(curves["corrected"])
        self.average.set_label(plots.beta_label(beta))
        self.corrected.set_label(f"{plots.beta_label(beta)}, bias-corrected")
        self.corrected.set_visible(corrected)
        with plots.style():
            shown = [self.data, self.average] + [self.corrected] * corrected
            legend = self.ax.legend(handles=shown, loc="upper left")
        self.fast.dynamic[-1] = legend
        first = ", ".join(f"{v:.2f}" for v in curves["corrected" if corrected else "average"][:3])
        summary = f"β = {beta:g} averages about {1 / (1 - beta):.0f} values; first values {first}"
        return self.fig, self.fast.png(), summary


def ewa_explorer(t, thetas, beta: float = 0.9, bias_correction: bool = False) -> Explorer:
    """A ``β`` slider and a bias-correction switch over a sequence and its exponentially weighted average.

    ``v_t = β v_{t−1} + (1 − β) θ_t``, optionally shown as ``v_t / (1 − β^t)`` too.

    Args:
        t: the x values (day numbers or ``datetime64`` dates).  thetas: ``θ_1..θ_T``.
        beta: the initial ``β`` (the slider covers 0 to 0.99, or to ``beta`` if larger).
        bias_correction: the switch's initial state.

    Returns:
        An :class:`Explorer`; its numbers line gives ``1 / (1 − β)`` and the first values of the average.

    Reference: SYLLABUS §3-4.

    >>> w = ewa_explorer(np.arange(1, 31), np.full(30, 20.0), beta=0.9)
    >>> w.controls["bias_correction"].value = True
    >>> w.figure.axes[0].lines[2].get_ydata()[:2].tolist()
    [20.0, 20.0]
    """
    thetas = _validate.array(thetas, "thetas", ndim=1)
    beta = _validate.beta(beta, "beta")
    if not isinstance(bias_correction, bool):
        raise TypeError(f"bias_correction must be True or False, got {bias_correction!r}")
    controls = {
        "beta": _slider(widgets.FloatSlider, "β", beta, 0.0, 0.99, 0.01),
        "bias_correction": widgets.Checkbox(value=bias_correction, description="bias correction v_t / (1 − β^t)"),
    }
    return Explorer(controls, _EwaView(t, thetas, beta))


def batch_size_data(X, Y, layer_dims, mini_batch_size: int, optimizer: str = "Adam", lr: float = 0.01,
                    epochs: int = 5, seed: int = 0) -> tuple[History, float]:
    """Train with one mini-batch size and time it: the history (deterministic) and seconds per epoch (not).

    One epoch takes ``ceil(m / size)`` steps (SYLLABUS §1).

    Args:
        X, Y, layer_dims: as for :func:`coursekit.train.train`.  mini_batch_size: the size (``m`` = batch GD).
        optimizer: a name from ``OPTIMIZERS`` (with the lecture's default ``β``s).  lr: ``α``.
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
        self._runs, self.m = _Cache(32), X.shape[1]
        self.reference, _ = self._runs.get(self.m, lambda: self._train(self.m))
        self.fig = plots.plot_minibatch_costs(self.reference, self.reference, label="this size")
        ax = self.fig.axes[0]
        ax.set(xlim=(0, epochs), ylim=(0, 1.5 * self.reference.costs[0]))
        self.steps, self.epochs = ax.lines[:2]
        self.fast = FastFigure(self.fig, [self.steps, self.epochs, ax.title, ax.get_legend()])

    def __call__(self, values: dict):
        size = values["mini_batch_size"]
        history, seconds = self._runs.get(size, lambda: self._train(size))
        self.steps.set_data(np.arange(1, len(history.costs) + 1) / history.steps_per_epoch, history.costs)
        self.epochs.set_ydata(history.epoch_costs)
        with plots.style():
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
    slider = widgets.SelectionSlider(options=labels, value=chosen[len(chosen) // 2], description="mini-batch size",
                                     continuous_update=False, style=_STYLE, layout=_LAYOUT)
    return Explorer({"mini_batch_size": slider}, view)


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
        self.fig = plots.plot_schedules(self._data(values), epochs)
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
        "lr0": _slider(widgets.FloatSlider, "α₀", _validate.positive(lr0, "lr0"), 0.01, 1.0, 0.01),
        "decay_rate": _slider(widgets.FloatSlider, "decay_rate", _validate.non_negative(decay_rate, "decay_rate"),
                              0.0, 2.0, 0.05),
        "base": _slider(widgets.FloatSlider, "base (exponential)", _validate.factor(base, "base"), 0.5, 1.0, 0.01),
        "every": _slider(widgets.IntSlider, "halve every", _validate.positive_int(every, "every"), 1, epochs, 1),
    }
    values = {name: c.value for name, c in controls.items()}
    return Explorer(controls, _ScheduleView(epochs, values))
