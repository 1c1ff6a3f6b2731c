"""Optimizers compared: Adam's first steps, sweeps of α, cost against steps and seconds, boundaries (notebook 08).

The numbers come from :mod:`coursekit.experiments.first_steps` (the size of Adam's steps), :mod:`coursekit.experiments.sweeps`
(each optimizer at every learning rate of a grid, trained side by side) and :mod:`coursekit.train`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from coursekit import _validate, nn
from coursekit.train import History
from coursekit.show.look import PALETTE, CourseFigure, colors_for, new_figure, styled

#: The two classes of a binary data set: the colour of the points and (lighter) of the region predicted.
CLASS_COLORS = (PALETTE["blue"], PALETTE["orange"])


def _series(series, name: str) -> dict:
    """Check a non-empty ``{label: 1-D array}``; return the arrays as floats."""
    if not isinstance(series, Mapping) or not series:
        raise TypeError(f"{name} must be a non-empty dict label -> 1-D array, got {series!r:.80}")
    return {label: _validate.array(values, f"{name}[{label!r}]", ndim=1, finite=False)
            for label, values in series.items()}


@styled
def plot_first_steps(steps: Mapping, lr: float, *, title: str | None = None) -> CourseFigure:
    """The size of each step ``|Δw_t|``, in units of ``α``, over the first steps of one or more optimizers.

    Args:
        steps: ``{label: [Δw_1, Δw_2, ...]}``, e.g. from :func:`coursekit.experiments.first_steps.adam_steps` with and
            without bias correction.  lr: the ``α`` they were taken with.
        title: defaults to a description of the axes.

    Returns:
        A :class:`CourseFigure` (log scale) with one line per label (its ``gid``) and a dotted line at ``|Δw| = α``.

    Reference: notebook 08.

    >>> from coursekit.experiments.first_steps import adam_steps
    >>> g = np.ones(20)
    >>> steps = {"Adam": adam_steps(g, 0.1), "no correction": adam_steps(g, 0.1, bias_correction=False)}
    >>> fig = plot_first_steps(steps, 0.1)
    >>> [line.get_gid() for line in fig.axes[0].lines]
    ['Adam', 'no correction', 'alpha']
    """
    curves = _series(steps, "steps")
    lr = _validate.positive(lr, "lr")
    colors = colors_for(curves)
    fig, ax = new_figure()
    for label, values in curves.items():
        t = np.arange(1, len(values) + 1)
        ax.plot(t, np.abs(values) / lr, "o-", ms=3, color=colors[label], label=str(label), gid=str(label))
    ax.axhline(1.0, color="black", ls=":", lw=1, label="|Δw| = α", gid="alpha")
    ax.set_yscale("log")
    low, high = ax.get_ylim()
    ticks = [tick for tick in (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100) if low <= tick <= high]
    ax.set_yticks(ticks, [f"{tick:g}" for tick in ticks])
    ax.minorticks_off()
    ax.set(xlabel="step t", ylabel="size of the step |Δw_t| / α",
           title="The first steps on a constant slope" if title is None else title)
    ax.legend(loc="upper right")
    return fig


@styled
def plot_first_step_sizes(dw, sizes: Mapping, lr: float, *, title: str | None = None) -> CourseFigure:
    """The first step ``|Δw_1|`` of each optimizer against the size of the gradient ``|dw|`` (log-log).

    Args:
        dw: the gradients, a 1-D array.  sizes: ``{optimizer name: |Δw_1| per gradient}``, e.g. from
            :func:`coursekit.experiments.first_steps.first_step_sizes`.  lr: their common ``α`` (a dotted line).
        title: defaults to a description of the axes.

    Returns:
        A :class:`CourseFigure` with one line per optimizer (its ``gid``) and a dotted line at ``α``.

    Reference: notebook 08.

    >>> dw = np.logspace(-3, 3, 7)
    >>> fig = plot_first_step_sizes(dw, {"GD": 0.01 * dw, "Adam": np.full(7, 0.01)}, 0.01)
    >>> fig.axes[0].get_xscale(), [line.get_gid() for line in fig.axes[0].lines]
    ('log', ['GD', 'Adam', 'alpha'])
    """
    dw = _validate.array(dw, "dw", ndim=1)
    curves = _series(sizes, "sizes")
    lr = _validate.positive(lr, "lr")
    for label, values in curves.items():
        _validate.same_shape(dw, "dw", values, f"sizes[{label!r}]")
    colors = colors_for(curves)
    fig, ax = new_figure()
    for label, values in curves.items():
        ax.plot(np.abs(dw), values, "o-", ms=3, color=colors[label], label=str(label), gid=str(label))
    ax.axhline(lr, color="black", ls=":", lw=1, label=f"α = {lr:g}", gid="alpha")
    ax.set(xscale="log", yscale="log", xlabel="size of the gradient |dw|", ylabel="first step |Δw_1|",
           title="The first step against the size of the gradient" if title is None else title)
    ax.legend(loc="lower right")
    return fig


@styled
def plot_costs_against_time(histories: Mapping, seconds_per_epoch: Mapping, *,
                            title: str | None = None) -> CourseFigure:
    """The cost ``J`` of the whole training set after each epoch, against steps (left) and seconds (right).

    Epoch ``e`` is drawn at ``e · steps_per_epoch`` steps and at ``e · seconds_per_epoch[label]`` seconds.

    Args:
        histories: ``{label: History}``; optimizer names get their colours.
        seconds_per_epoch: ``{label: seconds}``, one epoch's measured duration for each label.
        title: a title over both panels.

    Returns:
        A :class:`CourseFigure` with two axes, one line per label in each (its ``gid``).

    Reference: notebook 08.

    >>> from coursekit.data import two_moons
    >>> from coursekit.optim import GD
    >>> from coursekit.train import train
    >>> h = train(*two_moons(m=64), [2, 3, 1], GD(0.1), epochs=3)
    >>> fig = plot_costs_against_time({"GD": h}, {"GD": 0.002})
    >>> fig.axes[1].lines[0].get_xdata().tolist()
    [0.002, 0.004, 0.006]
    """
    if not isinstance(histories, Mapping) or not histories:
        raise TypeError(f"histories must be a non-empty dict label -> History, got {histories!r:.80}")
    if not isinstance(seconds_per_epoch, Mapping) or set(seconds_per_epoch) != set(histories):
        raise ValueError(f"seconds_per_epoch must give a duration for each of {list(histories)}, "
                         f"got {seconds_per_epoch!r:.80}")
    for label, h in histories.items():
        _validate.instance(h, f"histories[{label!r}]", History)
    colors = colors_for(histories)
    fig, (by_steps, by_time) = new_figure(1, 2)
    by_time.sharey(by_steps)
    for label, h in histories.items():
        epochs = np.arange(1, h.epochs + 1)
        seconds = _validate.positive(seconds_per_epoch[label], f"seconds_per_epoch[{label!r}]")
        by_steps.plot(epochs * h.steps_per_epoch, h.epoch_costs, color=colors[label], label=str(label), gid=str(label))
        by_time.plot(epochs * seconds, h.epoch_costs, color=colors[label], label=str(label), gid=str(label))
    by_steps.set(yscale="log", xlabel="steps", ylabel="cost J of the training set", title="against steps")
    by_time.set(xlabel="seconds (measured)", title="against seconds")
    by_steps.legend(loc="lower left")
    if title is not None:
        fig.suptitle(title)
    return fig


@styled
def plot_decision_boundaries(X, Y, panels: Mapping, *, ncols: int = 3, resolution: int = 100) -> CourseFigure:
    """What several trained networks predict over the plane: one panel per network, the data on top.

    Each panel colours the points ``x`` of the plane by the class ``ŷ = 1{a > 0.5}`` that network predicts
    (light), and draws the examples ``(x⁽ⁱ⁾, y⁽ⁱ⁾)`` in their true class's colour.

    Args:
        X: 2-D inputs, shape ``(2, m)``.  Y: binary labels, shape ``(1, m)``.
        panels: ``{title: params}``, parameters of networks with 2 inputs and 1 sigmoid output.
        ncols: panels per row.  resolution: grid points per side.

    Returns:
        A :class:`CourseFigure` with one axes per panel, in order.

    Reference: notebook 08.

    >>> from coursekit.data import two_moons
    >>> X, Y = two_moons(m=40)
    >>> fig = plot_decision_boundaries(X, Y, {"a": nn.init_params([2, 3, 1], 0), "b": nn.init_params([2, 3, 1], 1)})
    >>> [ax.get_title() for ax in fig.axes]
    ['a', 'b']
    """
    X = _validate.array(X, "X", ndim=2)
    Y = _validate.array(Y, "Y", ndim=2)
    if X.shape[0] != 2 or Y.shape != (1, X.shape[1]):
        raise ValueError(f"X must have shape (2, m) and Y shape (1, m), got {X.shape} and {Y.shape}")
    if not isinstance(panels, Mapping) or not panels:
        raise TypeError(f"panels must be a non-empty dict title -> params, got {panels!r:.80}")
    ncols = min(_validate.positive_int(ncols, "ncols"), len(panels))
    resolution = _validate.positive_int(resolution, "resolution")
    _validate.budget(resolution, "resolution", memory=len(panels) * 8 * 40 * resolution**2)  # a forward pass's arrays
    pad = 0.3
    (x0, y0), (x1, y1) = X.min(axis=1) - pad, X.max(axis=1) + pad
    gx, gy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    grid = np.stack([gx.ravel(), gy.ravel()])
    fig, axes = new_figure(math.ceil(len(panels) / ncols), ncols)
    axes = np.atleast_1d(axes).ravel()
    light = [_lighter(color) for color in CLASS_COLORS]
    for ax, (title, params) in zip(axes, panels.items()):
        predicted = nn.predict(grid, params).reshape(gx.shape)
        ax.contourf(gx, gy, predicted, levels=[-0.5, 0.5, 1.5], colors=light)
        for k, color in enumerate(CLASS_COLORS):
            ax.plot(*X[:, Y[0] == k], "o", ms=2.5, color=color, mec="white", mew=0.3)
        ax.set(xticks=[], yticks=[], title=str(title))
        ax.grid(False)
    for ax in axes[len(panels):]:
        ax.remove()
    return fig


def _lighter(color: str, amount: float = 0.75) -> tuple:
    """``color`` mixed with white (``amount`` of white)."""
    rgb = np.array([int(color[i:i + 2], 16) for i in (1, 3, 5)]) / 255
    return tuple(rgb + (1 - rgb) * amount)
