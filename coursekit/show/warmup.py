"""Warmup, cosine decay and one-cycle drawn, with sliders, and the schedule race of notebook 12.

:func:`warmup_explorer` draws the four schedules of :mod:`coursekit.warmup_and_cosine` against the step;
:func:`plot_warmup_first_steps` shows what warmup does to Adam's first steps; :func:`plot_schedule_race` shows where each
schedule of :mod:`coursekit.experiments.schedule_race` ends, seed by seed.
"""

from __future__ import annotations

from collections.abc import Mapping

import ipywidgets as widgets
import numpy as np

from coursekit import _validate
from coursekit.experiments.schedule_race import RACE
from coursekit.show.controls import log_slider, slider
from coursekit.show.explorer import Explorer, FastFigure
from coursekit.show.look import CourseFigure, colors_for, new_figure, styled
from coursekit.show.schedules import _nice_ceiling
from coursekit.train import History
from coursekit.warmup_and_cosine import cosine_decay, linear_warmup, one_cycle, warmup_cosine

__all__ = ["COLORS", "SHAPES", "plot_schedule_race", "plot_warmup_first_steps", "plot_warmup_schedules",
           "warmup_explorer"]

#: The schedules of :func:`warmup_explorer`, in the order they are drawn.
SHAPES = ("linear warmup", "cosine", "warmup + cosine", "one-cycle")
#: One colour per schedule, the same in every figure of notebook 12.
COLORS = colors_for(list(dict.fromkeys(RACE + SHAPES)))
#: The line of each schedule of :data:`SHAPES`, drawn in ``zorder``: where two coincide (the warmup, the peak, the
#: end) the one on top is dashed or dotted, so that both show.
_LINES = {"linear warmup": {"ls": "--", "zorder": 3}, "cosine": {"ls": "-", "zorder": 2.5},
          "warmup + cosine": {"ls": "-", "lw": 2.6, "zorder": 2}, "one-cycle": {"ls": ":", "lw": 2.2, "zorder": 4}}


def _warmup_rates(lr_max: float, warmup: int, total: int) -> dict:
    """``α_t`` for ``t = 0 .. total − 1`` (counted as torch counts) under the four schedules, peaking at ``α_max``.

    ``linear_warmup(α_max, W)``; ``cosine_decay(α_max, T)``; ``warmup_cosine(α_max, W, T)``; and
    ``one_cycle(α_max, T, pct_start = W / T)``, whose climb also ends near step ``W``.

    Args:
        lr_max: ``α_max`` > 0.  warmup: ``W`` ≥ 2 (one-cycle climbs over ``W − 1`` steps).  total: ``T`` > W.

    Returns:
        ``{label: array of T rates}`` with the labels of :data:`SHAPES`.

    Reference: notebook 12.

    >>> _warmup_rates(0.3, warmup=2, total=5)["warmup + cosine"][[0, 2, 4]].round(3).tolist()
    [0.1, 0.3, 0.075]
    """
    lr_max = _validate.positive(lr_max, "lr_max")
    warmup, total = _validate.positive_int(warmup, "warmup"), _validate.positive_int(total, "total")
    if warmup < 2 or warmup >= total:
        raise ValueError(f"warmup must be an integer in [2, total), here [2, {total}), got {warmup}")
    _validate.budget(total, "total", operations=len(SHAPES) * total * _validate.STEP_OPERATIONS)
    made = dict(zip(SHAPES, (linear_warmup(lr_max, warmup), cosine_decay(lr_max, total),
                             warmup_cosine(lr_max, warmup, total), one_cycle(lr_max, total, pct_start=warmup / total))))
    return {label: np.array([s(t) for t in range(total)]) for label, s in made.items()}


@styled
def plot_warmup_schedules(rates: Mapping, *, title: str = "Warmup, cosine decay and one-cycle") -> CourseFigure:
    """Learning rate ``α_t`` against the step ``t`` (from 0), one line per schedule (``gid`` = label).

    Args:
        rates: ``{label: 1-D array of α_t}``, e.g. from :func:`_warmup_rates`.  title: the figure's title.

    Reference: notebook 12.

    >>> fig = plot_warmup_schedules(_warmup_rates(0.1, warmup=10, total=100))
    >>> [line.get_gid() for line in fig.axes[0].lines]
    ['linear warmup', 'cosine', 'warmup + cosine', 'one-cycle']
    """
    rates = _validate.mapping(rates, "rates", "label -> rates per step")
    curves = {label: _validate.array(lr, f"rates[{label!r}]", ndim=1) for label, lr in rates.items()}
    colors = {**colors_for(curves), **{label: COLORS[label] for label in curves if label in COLORS}}
    fig, ax = new_figure()
    for i, (label, lr) in enumerate(curves.items()):  # another label's curves: every other one dashed
        line = _LINES.get(label, {"ls": "-" if i % 2 == 0 else "--", "zorder": 2})
        ax.plot(np.arange(len(lr)), lr, color=colors[label], label=str(label), gid=str(label), **line)
    top = max(float(lr.max()) for lr in curves.values())
    ax.set(xlabel="step t (from 0, as torch counts)", ylabel="learning rate α", title=title,
           xlim=(0, max(len(lr) for lr in curves.values()) - 1), ylim=(0, _nice_ceiling(1.05 * top)))
    fig.legend(loc="outside right upper")
    return fig


class _WarmupView:
    """The figure of :func:`warmup_explorer`: four curves redrawn; the axes change only with the total steps or
    the ceiling of α (then the cached background is redrawn)."""

    def __init__(self, values: dict):
        self.fig = plot_warmup_schedules(self._data(values))
        self.ax = self.fig.axes[0]
        self.lines = {line.get_gid(): line for line in self.ax.lines}
        self.fast = FastFigure(self.fig, sorted(self.ax.lines, key=lambda line: line.get_zorder()))  # drawn in order

    @staticmethod
    def _data(values: dict) -> dict:
        return _warmup_rates(values["lr_max"], values["warmup"], values["total"])

    def __call__(self, values: dict):
        data = self._data(values)
        limits = ((0, values["total"] - 1), (0, _nice_ceiling(1.05 * values["lr_max"])))
        if (self.ax.get_xlim(), self.ax.get_ylim()) != limits:
            self.ax.set(xlim=limits[0], ylim=limits[1])
            self.fast.invalidate()
        for label, lr in data.items():
            self.lines[label].set_data(np.arange(len(lr)), lr)
        first = ", ".join(f"{label} {lr[0]:.3g}" for label, lr in data.items())
        last = ", ".join(f"{label} {lr[-1]:.2g}" for label, lr in data.items())
        summary = f"α at step 0: {first}<br>α at the last step: {last}"
        return self.fig, self.fast.png(), summary


def warmup_explorer(lr_max: float = 0.1, warmup: int = 10, total: int = 100) -> Explorer:
    """Sliders for the peak ``α``, the warmup's steps ``W`` and the run's steps ``T`` over the four schedules of
    :func:`_warmup_rates`.

    Args:
        lr_max: the peak ``α`` (log slider, 0.001 to 1).  warmup: ``W`` (2 to 50).  total: ``T`` (60 to 300).

    Returns:
        An :class:`~coursekit.show.explorer.Explorer`; its numbers line gives each schedule's first and last ``α``.

    Reference: notebook 12.

    >>> w = warmup_explorer()
    >>> w.controls["warmup"].value = 20
    >>> round(float(w.figure.axes[0].lines[2].get_ydata()[20]), 4)   # warmup + cosine peaks at step W
    0.1
    """
    warmup = _validate.positive_int(warmup, "warmup")
    total = _validate.positive_int(total, "total")
    _warmup_rates(_validate.positive(lr_max, "lr_max"), warmup, total)  # the values' checks, before any slider
    controls = {
        "lr_max": log_slider("peak α", lr_max, 1e-3, 1.0),
        "warmup": slider(widgets.IntSlider, "warmup steps W", warmup, 2, 50, 1),
        "total": slider(widgets.IntSlider, "total steps T", total, max(60, warmup + 1), 300, 10),  # T > W always
    }
    return Explorer(controls, _WarmupView({name: c.value for name, c in controls.items()}))


@styled
def plot_warmup_first_steps(runs: Mapping, steps: int, *, title: str = "Adam's first steps") -> CourseFigure:
    """The learning rate (top) and the mean mini-batch cost so far, ``(1/t) Σ_{τ ≤ t} J{τ}`` (bottom), over the
    first ``steps`` steps: one line per seed, a colour per schedule.

    Args:
        runs: ``{label: Histories}``, one per seed (α is constant within an epoch: ``History.lrs`` repeated over
            its steps; the top panel draws the first seed's).  steps: the steps shown, from 1.  title: the title.

    Returns:
        A :class:`CourseFigure` with two axes: the top one holds one line per label, the bottom one one line per
        run (``gid`` = label).

    Reference: notebook 12; Liu et al., ICLR 2020 (warmup and Adam's first steps).

    >>> from coursekit.data import two_moons
    >>> from coursekit.optim import Adam
    >>> from coursekit.train import train
    >>> h = train(*two_moons(m=64, seed=0), [2, 4, 1], Adam(0.1), epochs=2, mini_batch_size=16)
    >>> fig = plot_warmup_first_steps({"cosine": [h]}, steps=8)
    >>> bool(np.isclose(fig.axes[1].lines[0].get_ydata()[-1], h.costs.mean()))   # the mean of all 8 steps
    True
    """
    runs = _validate.mapping(runs, "runs", "label -> Histories, one per seed")
    runs = {label: _validate.sequence(hs, f"runs[{label!r}]", "Histories, one per seed", non_empty=True)
            for label, hs in runs.items()}
    for label, hs in runs.items():
        for j, h in enumerate(hs):
            _validate.instance(h, f"runs[{label!r}][{j}]", History)
    steps = _validate.positive_int(steps, "steps")
    shortest = min(len(h.costs) for hs in runs.values() for h in hs)
    if steps > shortest:
        raise ValueError(f"steps must be an integer in [1, {shortest}] (the steps of the shortest run), got {steps}")
    colors = {**colors_for(runs), **{label: COLORS[label] for label in runs if label in COLORS}}
    fig, (top, bottom) = new_figure(2, 1)
    t = np.arange(1, steps + 1)
    for label, hs in runs.items():
        top.plot(t, np.repeat(hs[0].lrs, hs[0].steps_per_epoch)[:steps], color=colors[label], gid=str(label))
        for j, h in enumerate(hs):
            bottom.plot(t, np.cumsum(h.costs[:steps]) / t, color=colors[label], lw=1.0, alpha=0.8,
                        label=str(label) if j == 0 else None, gid=str(label))
    top.set(ylabel="α", title=title, ylim=(0, None), xlim=(0, steps + 1))
    bottom.set(xlabel="mini-batch step t", ylabel="mean of J{1} .. J{t}", xlim=(0, steps + 1))
    fig.legend(loc="outside lower center", ncols=len(runs))
    return fig


@styled
def plot_schedule_race(finals: Mapping, *, title: str = "Each schedule at its own best peak α") -> CourseFigure:
    """Where each contender ends, seed by seed: the final training cost (left) and the test accuracy (right).

    Args:
        finals: ``{label: (final costs, test accuracies)}``, one value per seed in each.  title: the figure's title.

    Returns:
        A :class:`CourseFigure` with two axes; on each, one row of dots per contender (``gid`` = label) and its
        mean as a bar (``gid`` = ``"mean <label>"``).

    Reference: notebook 12.

    >>> fig = plot_schedule_race({"cosine": ([0.09, 0.08], [0.93, 0.92]), "constant": ([0.1, 0.11], [0.92, 0.93])})
    >>> [line.get_gid() for line in fig.axes[0].lines]
    ['cosine', 'mean cosine', 'constant', 'mean constant']
    """
    finals = _validate.mapping(finals, "finals", "label -> (final costs, test accuracies)")
    rows = {}
    for label, pair in finals.items():
        pair = _validate.sequence(pair, f"finals[{label!r}]", "two arrays (final costs, test accuracies)")
        if len(pair) != 2:
            raise ValueError(f"finals[{label!r}] must be two arrays (final costs, test accuracies), got {len(pair)}")
        rows[label] = [_validate.array(values, f"finals[{label!r}]", ndim=1) for values in pair]
    colors = {**colors_for(rows), **{label: COLORS[label] for label in rows if label in COLORS}}
    fig, axes = new_figure(1, 2)
    for ax, which, xlabel in zip(axes, (0, 1), ("final training cost J", "test accuracy")):
        for y, (label, pair) in enumerate(rows.items()):
            values = pair[which]
            ax.plot(values, np.full(len(values), y), "o", color=colors[label], ms=5, alpha=0.8, gid=str(label))
            ax.plot([values.mean()] * 2, [y - 0.3, y + 0.3], "-", color=colors[label], lw=2.5, gid=f"mean {label}")
        ax.set(xlabel=xlabel, ylim=(len(rows) - 0.5, -0.5))  # the first contender on top
        ax.set_yticks(range(len(rows)), [str(label) for label in rows] if which == 0 else [])
    axes[1].xaxis.set_major_formatter(lambda x, _: f"{x:.1%}")
    fig.suptitle(f"{title} (dots: seeds; bars: their mean)")
    return fig
