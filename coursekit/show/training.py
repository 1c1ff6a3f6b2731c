"""The mini-batch figures and explorer: the data, costs per step or epoch, and a batch-size slider (notebooks 01-02).

:func:`batch_size_explorer` draws the runs of :func:`coursekit.experiments.batch_size.batch_size_data` (one
mini-batch size trained and timed) with :func:`plot_minibatch_costs`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import ipywidgets as widgets
import numpy as np

from coursekit import _validate
from coursekit.experiments.batch_size import batch_size_data
from coursekit.experiments.timing import seconds_per_epoch_by_size
from coursekit.minibatch import num_mini_batches
from coursekit.optim import make_optimizer
from coursekit.show.controls import CONTROL_LAYOUT, DESCRIPTION_STYLE
from coursekit.show.explorer import Explorer, FastFigure, LruCache
from coursekit.show.look import DATA_COLOR, PALETTE, CourseFigure, colors_for, new_figure, style, styled


def steps_per_epoch(n: int) -> str:
    """``"1 step per epoch"``, ``"23 steps per epoch"``.

    >>> steps_per_epoch(1), steps_per_epoch(23)
    ('1 step per epoch', '23 steps per epoch')
    """
    n = _validate.positive_int(n, "n")
    return f"{n} step{'' if n == 1 else 's'} per epoch"


def _cost_curve(value, name: str, per: str) -> np.ndarray:
    """The costs of one series: a History's per-step ``costs`` or per-epoch ``epoch_costs``, or an array."""
    if hasattr(value, "costs") and hasattr(value, "epoch_costs"):
        value = value.costs if per == "iteration" else value.epoch_costs
    return _validate.array(value, name, ndim=1, finite=False)


@styled
def plot_costs(costs: Mapping, per: str = "iteration", log: bool = False, *,
               title: str | None = None) -> CourseFigure:
    """Cost curves: ``J{t}`` per mini-batch step (noisy) or ``J`` per epoch (smooth), one per series.

    ``J{t} = (1/size) Σ_i L(ŷ(i), y(i))`` over mini-batch ``t``; ``J`` over the whole training set.

    Args:
        costs: ``{label: History or 1-D array of costs}``; for a History, ``per`` picks ``costs`` (per
            step) or ``epoch_costs``. Optimizer names as labels get the optimizer's colour.
        per: ``"iteration"`` (x = mini-batch step t, from 1) or ``"epoch"`` (x = epoch, from 1).
        log: use a logarithmic cost axis.  title: defaults to "Cost per iteration/epoch".

    Returns:
        A :class:`CourseFigure` with one line per series (its ``gid`` is the label).

    Reference: notebooks 01-02.

    >>> fig = plot_costs({"batch": [0.7, 0.5, 0.4], "mini-batch": [0.7, 0.6, 0.3]}, per="iteration")
    >>> [line.get_gid() for line in fig.axes[0].lines]
    ['batch', 'mini-batch']
    """
    _validate.one_of(per, "per", ("iteration", "epoch"))
    log = _validate.boolean(log, "log")
    if not isinstance(costs, Mapping) or not costs:
        raise TypeError(f"costs must be a non-empty dict label -> History or array of costs, got {costs!r:.80}")
    curves = {label: _cost_curve(value, f"costs[{label!r}]", per) for label, value in costs.items()}
    colors = colors_for(curves)
    fig, ax = new_figure()
    for label, J in curves.items():
        width = 1.0 if per == "iteration" else 1.6
        ax.plot(np.arange(1, len(J) + 1), J, color=colors[label], lw=width, label=str(label), gid=str(label))
    ax.set(xlabel="iteration t (mini-batch step)" if per == "iteration" else "epoch", ylabel="cost J",
           title=f"Cost per {per}" if title is None else title)
    if log:
        ax.set_yscale("log")
    fig.legend(loc="outside lower center", ncols=min(3, len(curves)))  # below: a long label never meets the title
    return fig


@styled
def plot_minibatch_costs(history, reference=None, *, label: str = "mini-batch",
                         title: str | None = None) -> CourseFigure:
    """Costs on an epoch axis: every mini-batch's ``J{t}`` (noisy) and the whole set's ``J`` per epoch.

    Step ``t`` of an epoch of ``ceil(m / size)`` steps sits at ``x = t / ceil(m / size)``, so runs with
    different mini-batch sizes share one axis.

    Args:
        history: a :class:`~coursekit.train.History`.  reference: an optional History (e.g. of batch
            gradient descent) whose per-epoch ``J`` is drawn dashed in black.
        label: names ``history`` in the legend.  title: defaults to the steps per epoch.

    Returns:
        A :class:`CourseFigure`; lines have ``gid`` "steps", "epochs" (and "reference").

    Reference: notebooks 01-02.

    >>> from coursekit.data import two_moons
    >>> from coursekit.optim import GD
    >>> from coursekit.train import train
    >>> X, Y = two_moons(m=64)
    >>> fig = plot_minibatch_costs(train(X, Y, [2, 4, 1], GD(0.1), epochs=2, mini_batch_size=16))
    >>> fig.axes[0].lines[0].get_xdata().tolist()
    [0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0]
    """
    runs = {"history": history} if reference is None else {"history": history, "reference": reference}
    for name, run in runs.items():
        if not all(hasattr(run, a) for a in ("costs", "epoch_costs", "steps_per_epoch")):
            raise TypeError(f"{name} must be a History (coursekit.train.train), got {type(run).__name__}")
    fig, ax = new_figure()
    steps = np.arange(1, len(history.costs) + 1) / history.steps_per_epoch
    ax.plot(steps, history.costs, color=DATA_COLOR, lw=0.6, alpha=0.7, label=f"{label}: J{{t}} of each step",
            gid="steps")
    epochs = np.arange(1, len(history.epoch_costs) + 1)
    ax.plot(epochs, history.epoch_costs, "o-", color=PALETTE["blue"], label=f"{label}: J of the whole set",
            gid="epochs")
    if reference is not None:
        ax.plot(np.arange(1, len(reference.epoch_costs) + 1), reference.epoch_costs, "--", color="black",
                label="batch gradient descent: J", gid="reference")
    default = steps_per_epoch(history.steps_per_epoch)
    ax.set(xlabel="epoch", ylabel="cost J", title=default if title is None else title)
    fig.legend(loc="outside lower center", ncols=len(runs) + 1)
    return fig


@styled
def plot_digits(X, labels, count: int = 12, *, columns: int = 6) -> CourseFigure:
    """The first ``count`` examples of a set of 8×8 images, each column of ``X`` folded back into a picture.

    Column ``x^(i)`` of ``X`` (64 pixel values) is shown as the 8×8 image it came from, titled with its label.

    Args:
        X: images as columns, shape ``(64, m)``.  labels: the ``m`` labels (e.g. the digits 0-9).
        count: how many images to show, 1 <= count <= m.  columns: images per row.

    Returns:
        A :class:`CourseFigure` with ``count`` image axes.

    Reference: notebook 01 (examples are columns); :func:`coursekit.data.load_digits`.

    >>> from coursekit.data import load_digits
    >>> split = load_digits()
    >>> fig = plot_digits(split.X_train, split.labels_train, count=6, columns=3)
    >>> len(fig.axes), fig.axes[0].get_title()
    (6, 'label 1')
    """
    X = _validate.array(X, "X", ndim=2)
    if X.shape[0] != 64:
        raise ValueError(f"X must hold 8×8 images as columns, shape (64, m), got {X.shape}")
    labels = np.asarray(labels)
    if labels.shape != (X.shape[1],):
        raise ValueError(f"labels must have one entry per column of X, shape ({X.shape[1]},), got {labels.shape}")
    count = _validate.positive_int(count, "count")
    if count > X.shape[1]:
        raise ValueError(f"count must be <= m ({X.shape[1]}), got {count}")
    columns = min(_validate.positive_int(columns, "columns"), count)
    fig, axes = new_figure(math.ceil(count / columns), columns)
    for i, ax in enumerate(np.atleast_1d(axes).flat):
        if i < count:
            ax.imshow(X[:, i].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
            ax.set_title(f"label {labels[i]}")
            ax.set_axis_off()
        else:
            fig.delaxes(ax)
    return fig


#: How many epochs of a size the explorer times, each beside one of batch GD (notebook 01's seconds per epoch).
TIMING_REPEATS = 5


class _BatchSizeView:
    """The figure of :func:`batch_size_explorer`: one training run per size, cached; batch GD for reference.

    A size not trained yet is trained by :meth:`prepare` (in the background in a kernel, with a line per
    epoch); drawing a trained size takes milliseconds.
    """

    def __init__(self, X, Y, layer_dims, optimizer: str, lr: float, epochs: int, seed: int):
        def timed(size):  # an epoch of this size and one of batch GD, side by side, TIMING_REPEATS times
            sizes = {"batch GD": X.shape[1]} if size == X.shape[1] else {f"size {size}": size, "batch GD": X.shape[1]}
            return seconds_per_epoch_by_size(X, Y, layer_dims, sizes, optimizer, lr, repeats=TIMING_REPEATS, seed=seed)

        self._train = lambda size, progress=False: (
            batch_size_data(X, Y, layer_dims, size, optimizer, lr, epochs, seed, progress)[0], timed(size))
        self._runs, self.m, self.n_epochs = LruCache(32), X.shape[1], epochs
        self.reference, _ = self._runs.get(self.m, lambda: self._train(self.m))
        self.fig = plot_minibatch_costs(self.reference, self.reference, label="this size")
        ax = self.fig.axes[0]
        ax.set(xlim=(0, epochs), ylim=(0, 1.5 * self.reference.costs[0]))
        self.steps, self.epochs = ax.lines[:2]
        self.fast = FastFigure(self.fig, [self.steps, self.epochs, ax.title])

    def prepare(self, values: dict, report) -> None:
        """Train the chosen size if it has not been trained yet, reporting each epoch."""
        size = values["mini_batch_size"]
        if size not in self._runs:
            def progress(epoch, epochs, J, acc):
                report(f"training mini-batch size {size}: epoch {epoch} of {epochs} done, J = {J:.3f} …")

            report(f"training mini-batch size {size} for {self.n_epochs} epochs "
                   f"({steps_per_epoch(num_mini_batches(self.m, size))}) …")
            self._runs.get(size, lambda: self._train(size, progress))

    def ready(self, values: dict) -> bool:
        """Whether the chosen size has been trained (its picture can be drawn ahead)."""
        return values["mini_batch_size"] in self._runs

    def __call__(self, values: dict):
        size = values["mini_batch_size"]
        history, timings = self._runs.get(size, lambda: self._train(size))
        self.steps.set_data(np.arange(1, len(history.costs) + 1) / history.steps_per_epoch, history.costs)
        self.epochs.set_ydata(history.epoch_costs)
        with style():
            self.fig.axes[0].set_title(f"mini-batch size {size}: {steps_per_epoch(history.steps_per_epoch)}")
        summary = (
            f"size {size}: ceil({self.m} / {size}) = {steps_per_epoch(num_mini_batches(self.m, size))}; "
            f"{_epoch_time(timings)}; "
            f"final cost J = {history.epoch_costs[-1]:.4f}"
        )
        return self.fig, self.fast.png(), summary


def _epoch_time(timings) -> str:
    """The line's time per epoch: the median on this machine, and how it compares with batch GD's."""
    label = next(iter(timings.seconds))
    line = f"{1000 * timings.medians[label]:.1f} ms per epoch on this machine"
    if label == "batch GD":
        return f"{line} (median of {TIMING_REPEATS} repeats)"
    return f"{line}; {timings.relation(label, 'batch GD')}"


def batch_size_explorer(X, Y, layer_dims, sizes=(1, 8, 32, 64, 256), optimizer: str = "Adam", lr: float = 0.01,
                        epochs: int = 5, seed: int = 0) -> Explorer:
    """A mini-batch-size slider over the cost curves of a training run, with steps and time per epoch.

    One epoch is ``ceil(m / size)`` steps; ``size = m`` is batch gradient descent (always offered, and
    drawn dashed for reference), ``size = 1`` stochastic gradient descent.

    Args:
        X, Y, layer_dims: as for :func:`coursekit.train.train`.  sizes: the mini-batch sizes offered
            (those above ``m`` are left out; ``m`` is added).  optimizer, lr, epochs, seed: as for
            :func:`coursekit.experiments.batch_size.batch_size_data`.

    Returns:
        An :class:`Explorer`. Each size is trained once, when first chosen, and then reused. Its time per
        epoch is measured apart, in :data:`TIMING_REPEATS` epochs each taken beside one of batch GD
        (:func:`coursekit.experiments.timing.seconds_per_epoch_by_size`), and stated as a multiple of batch
        GD's with its spread, or as too noisy to tell; the times vary from run to run (the costs do not).

    Reference: notebooks 01-02.

    >>> from coursekit.data import two_moons
    >>> X, Y = two_moons(m=64)
    >>> w = batch_size_explorer(X, Y, [2, 4, 1], sizes=(8, 32), epochs=2)
    >>> w.controls["mini_batch_size"].options
    (('8', 8), ('32', 32), ('m = 64 (batch GD)', 64))
    """
    X = _validate.array(X, "X", ndim=2)
    sizes = [_validate.positive_int(size, "sizes[...]")
             for size in _validate.sequence(sizes, "sizes", "mini-batch sizes", non_empty=True)]
    m = X.shape[1]
    chosen = sorted({size for size in sizes if size < m} | {m})
    labels = [(f"m = {m} (batch GD)" if n == m else f"{n} (stochastic GD)" if n == 1 else str(n), n) for n in chosen]
    make_optimizer(optimizer, lr)  # checks the name and α before any training
    view = _BatchSizeView(X, Y, layer_dims, optimizer, lr, _validate.positive_int(epochs, "epochs"), seed)
    size_slider = widgets.SelectionSlider(options=labels, value=chosen[len(chosen) // 2], description="mini-batch size",
                                          continuous_update=False, style=DESCRIPTION_STYLE, layout=CONTROL_LAYOUT)
    return Explorer({"mini_batch_size": size_slider}, view, prepare=view.prepare, ready=view.ready)
