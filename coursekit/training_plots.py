"""Figures of training runs: the data, the costs per step or epoch, and the learning rates (SYLLABUS §1-2, §8).

Built with the course's look of :mod:`coursekit.figures`; :mod:`coursekit.plots` offers them to the notebooks.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from coursekit import _validate
from coursekit.figures import DATA_COLOR, PALETTE, CourseFigure, colors_for, new_figure, styled


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

    Reference: SYLLABUS §1-2.

    >>> fig = plot_costs({"batch": [0.7, 0.5, 0.4], "mini-batch": [0.7, 0.6, 0.3]}, per="iteration")
    >>> [line.get_gid() for line in fig.axes[0].lines]
    ['batch', 'mini-batch']
    """
    if per not in ("iteration", "epoch"):
        raise ValueError(f"per must be 'iteration' or 'epoch', got {per!r}")
    if not isinstance(log, bool):
        raise TypeError(f"log must be True or False, got {log!r}")
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
    ax.legend(loc="upper right")
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

    Reference: SYLLABUS §1-2.

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
    default = f"{history.steps_per_epoch} steps per epoch"
    ax.set(xlabel="epoch", ylabel="cost J", title=default if title is None else title)
    ax.legend(loc="upper right")
    return fig


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

    Reference: SYLLABUS §8.

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


@styled
def plot_digits(X, labels, count: int = 12, *, columns: int = 6) -> CourseFigure:
    """The first ``count`` examples of a set of 8×8 images, each column of ``X`` folded back into a picture.

    Column ``x^(i)`` of ``X`` (64 pixel values) is shown as the 8×8 image it came from, titled with its label.

    Args:
        X: images as columns, shape ``(64, m)``.  labels: the ``m`` labels (e.g. the digits 0-9).
        count: how many images to show, 1 <= count <= m.  columns: images per row.

    Returns:
        A :class:`CourseFigure` with ``count`` image axes.

    Reference: SYLLABUS §1 (examples are columns); :func:`coursekit.data.load_digits`.

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
