"""Choosing the mini-batch size, drawn: each size at its best α, cost per epoch and per second, vectorization,
and the cost along the line between two solutions (notebook 02).

The numbers come from :mod:`coursekit.experiments.batch_size` and :mod:`coursekit.experiments.sharpness`; each size keeps one
colour in every figure (:func:`size_colors`).
"""

from __future__ import annotations

import numpy as np

from coursekit import _validate
from coursekit.experiments.batch_size import SizeSweep
from coursekit.show.sweeps import plot_lr_sweeps
from coursekit.show.look import CYCLE, CourseFigure, new_figure, styled


def size_label(size: int, m: int) -> str:
    """How a figure names a mini-batch size: the two extremes say what they are.

    >>> size_label(1, 1438), size_label(64, 1438), size_label(1438, 1438)
    ('1 (stochastic)', '64', 'm = 1438 (batch)')
    """
    size, m = _validate.positive_int(size, "size"), _validate.positive_int(m, "m")
    return "1 (stochastic)" if size == 1 else f"m = {m} (batch)" if size == m else str(size)


def size_colors(sizes) -> dict[int, str]:
    """One colour per mini-batch size, smallest first in the order of the course's cycle.

    >>> list(size_colors([64, 1])) == [1, 64] and size_colors([1, 64])[1] == CYCLE[0]
    True
    """
    sizes = [_validate.positive_int(size, "sizes[...]")
             for size in _validate.sequence(sizes, "sizes", "mini-batch sizes", non_empty=True)]
    return {size: CYCLE[i % len(CYCLE)] for i, size in enumerate(sorted(sizes))}


def _checked_sweep(sweep) -> SizeSweep:
    if not isinstance(sweep, SizeSweep):
        raise TypeError(f"sweep must be a SizeSweep (coursekit.experiments.batch_size.sweep_sizes), got {type(sweep).__name__}")
    return sweep


def _m(sweep: SizeSweep, m) -> int:
    return max(sweep.sizes) if m is None else _validate.positive_int(m, "m")


def plot_size_sweep(sweep, m: int | None = None) -> CourseFigure:
    """The cost each size reached within its budget against the learning rate α, each size's best α ringed.

    :func:`coursekit.show.sweeps.plot_lr_sweeps` with a curve per mini-batch size, in its colour.

    Args:
        sweep: a :class:`~coursekit.experiments.batch_size.SizeSweep`.  m: the training set's size (default: the
            largest size of the sweep), to name batch gradient descent.

    Returns:
        A :class:`CourseFigure` on log-log axes: per size, a line (``gid`` = its label) and its best α.

    Reference: notebook 02.

    >>> from coursekit.experiments.batch_size import sweep_sizes
    >>> from coursekit.data import two_moons
    >>> X, Y = two_moons(m=32)
    >>> fig = plot_size_sweep(sweep_sizes(X, Y, [2, 3, 1], {8: (0.1, 1.0), 32: (0.1, 1.0)}, {8: 1, 32: 4}))
    >>> [line.get_gid() for line in fig.axes[0].lines]
    ['8', 'best 8', 'm = 32 (batch)', 'best m = 32 (batch)']
    """
    sweep = _checked_sweep(sweep)
    m, colors = _m(sweep, m), size_colors(sweep.sizes)
    labels = {size: size_label(size, m) for size in sweep.sizes}
    return plot_lr_sweeps({labels[size]: curve for size, curve in sweep.curves().items()},
                          ylabel="cost J after the budget", colors={labels[s]: colors[s] for s in sweep.sizes},
                          title="Each mini-batch size has its own best α (ringed)")


@styled
def plot_cost_vs_seconds(sweep, m: int | None = None, target: float | None = None) -> CourseFigure:
    """Each size at its best α: the whole set's cost after each epoch, against epochs (left) and seconds (right).

    The seconds of epoch ``e`` are ``e ×`` the size's median seconds per epoch (:meth:`SizeSweep.seconds`).

    Args:
        sweep: a :class:`~coursekit.experiments.batch_size.SizeSweep`.  m: the training set's size (default: the largest size).
        target: a cost to mark with a dotted level line on both axes (``None``: no line).

    Returns:
        A :class:`CourseFigure` with two axes (per epoch, per second), one line per size in each (``gid`` = the size).

    Reference: notebook 02.

    >>> from coursekit.experiments.batch_size import sweep_sizes
    >>> from coursekit.data import two_moons
    >>> X, Y = two_moons(m=32)
    >>> fig = plot_cost_vs_seconds(sweep_sizes(X, Y, [2, 3, 1], {8: (0.1,), 32: (1.0,)}, {8: 2, 32: 8}))
    >>> [ax.get_xlabel() for ax in fig.axes]
    ['epoch', 'seconds (CPU time of one core)']
    """
    sweep = _checked_sweep(sweep)
    m, colors = _m(sweep, m), size_colors(sweep.sizes)
    fig, (per_epoch, per_second) = new_figure(1, 2)
    for size in sweep.sizes:
        history = sweep.best(size)
        style = dict(color=colors[size], marker="o", ms=2.5 if history.epochs > 2 else 6, gid=str(size))
        per_epoch.plot(np.arange(1, history.epochs + 1), history.epoch_costs, label=size_label(size, m), **style)
        per_second.plot(sweep.seconds(size), history.epoch_costs, **style)
    costs = np.concatenate([sweep.best(size).epoch_costs for size in sweep.sizes])
    limits = (costs.min() / 1.5, costs.max() * 1.5)
    per_epoch.set(xscale="log", yscale="log", ylim=limits, xlabel="epoch", ylabel="cost J of the whole training set",
                  title="per epoch")
    per_second.set(xscale="log", yscale="log", ylim=limits, xlabel="seconds (CPU time of one core)",
                   title="per second")
    per_second.tick_params(labelleft=False)
    if target is not None:
        target = _validate.positive(target, "target")
        for ax in (per_epoch, per_second):
            ax.axhline(target, color="black", ls=":", lw=1, gid="target")
        # below the line at the left of the epochs, where every size is still above the target
        per_epoch.annotate(f"J = {target:g}", (0.03, target), xycoords=("axes fraction", "data"), ha="left",
                           va="top", xytext=(0, -2), textcoords="offset points", gid="target label",
                           bbox=dict(boxstyle="square,pad=0.1", fc="white", ec="none", alpha=0.8))
    fig.legend(title="size (at its best α)", loc="outside lower center", ncols=len(sweep.sizes))
    return fig


@styled
def plot_examples_per_second(blocks, seconds, examples: int) -> CourseFigure:
    """Examples per second when the gradients of the same examples are computed in blocks of each size.

    ``examples / seconds``, one bar per block size, each labelled with its speed-up over blocks of 1.

    Args:
        blocks: the block sizes.  seconds: their times, from :func:`coursekit.experiments.batch_size.gradient_seconds`.
        examples: how many examples were computed.

    Returns:
        A :class:`CourseFigure` with one bar per block size (log scale).

    Reference: notebook 02 (vectorization).

    >>> fig = plot_examples_per_second([1, 8], [0.05, 0.01], examples=64)
    >>> len(fig.axes[0].patches)
    2
    """
    blocks = _validate.sequence(blocks, "blocks", "block sizes", non_empty=True)
    blocks = [_validate.positive_int(b, "blocks") for b in blocks]
    seconds = _validate.array(seconds, "seconds", ndim=1)
    if seconds.shape != (len(blocks),) or np.any(seconds <= 0):
        raise ValueError(f"seconds must hold one time > 0 per block size ({len(blocks)}), got {seconds.tolist()}")
    rate = _validate.positive_int(examples, "examples") / seconds
    fig, ax = new_figure()
    bars = ax.bar([str(b) for b in blocks], rate, color=CYCLE[0])
    for bar, r in zip(bars, rate):
        ax.annotate(f"×{r / rate[0]:.0f}" if r >= 2 * rate[0] else f"×{r / rate[0]:.1f}",
                    (bar.get_x() + bar.get_width() / 2, r), ha="center", va="bottom")
    ax.set(yscale="log", ylim=(rate.min() / 2, rate.max() * 3), xlabel="examples per call (block size)",
           ylabel="examples per second (gradients)",
           title=f"The gradients of {examples:,} examples, computed in blocks")
    return fig


@styled
def plot_interpolation(steps, costs, labels=("solution a", "solution b")) -> CourseFigure:
    """The cost along the line ``(1 − s) w_a + s w_b`` through two trained networks (``s = 0`` and ``s = 1`` marked).

    Args:
        steps: the values of ``s``.  costs: ``J`` at each, from :func:`coursekit.experiments.sharpness.interpolate_costs`.
        labels: what ``w_a`` and ``w_b`` are, e.g. ``("size 1", "size m")``.

    Returns:
        A :class:`CourseFigure` with the cost line (``gid`` "costs") and the two solutions marked.

    Reference: notebook 03; Keskar et al. (2017), §3.

    >>> fig = plot_interpolation([-0.5, 0.0, 0.5, 1.0, 1.5], [0.3, 0.1, 0.12, 0.1, 0.5], ("a", "b"))
    >>> fig.axes[0].lines[0].get_gid()
    'costs'
    """
    steps = _validate.not_empty(_validate.array(steps, "steps", ndim=1), "steps")
    costs = _validate.array(costs, "costs", ndim=1)
    if steps.shape != costs.shape:
        raise ValueError(f"costs must have one value per step s, shape {steps.shape}, got {costs.shape}")
    if isinstance(labels, str) or len(labels) != 2:
        raise ValueError(f"labels must name the two solutions, e.g. ('size 1', 'size m'), got {labels!r}")
    fig, ax = new_figure()
    ax.plot(steps, costs, color="black", gid="costs")
    for s, label, color in ((0.0, labels[0], CYCLE[0]), (1.0, labels[1], CYCLE[4])):
        ax.plot(s, np.interp(s, steps, costs), "o", ms=9, color=color, label=f"s = {s:g}: {label}")
    ax.set(xlabel=f"s: the weights (1 − s)·({labels[0]}) + s·({labels[1]})", ylabel="cost J of the training set",
           title="The cost on the line through the two solutions")
    ax.legend(loc="upper center")
    return fig
