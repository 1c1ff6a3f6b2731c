"""AdaGrad beside RMSprop, drawn: the effective step of each along a run, and the cost of the race (notebook 07).

The numbers come from :mod:`coursekit.experiments.adagrad`; this module only draws.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from coursekit import _validate
from coursekit.experiments.adagrad import EffectiveSteps, Race
from coursekit.show.look import CourseFigure, colors_for, new_figure, styled


@styled
def plot_sum_against_average(effective: Mapping[str, EffectiveSteps], race: Race, lrs: Mapping[str, float], *,
                             short: int | None = None, title: str | None = None) -> CourseFigure:
    """Left, the effective step ``α / (√s + ε)`` of each optimizer against the step ``t`` (log-log); right, the
    training cost of the race at each one's ``α``, one line per seed.

    Args:
        effective: ``{name: EffectiveSteps}`` from :func:`coursekit.experiments.adagrad.effective_steps`: the
            median over the weights is drawn. AdaGrad's gets the dotted line of a constant
            gradient, ``∝ 1/√t``, from its first point.
        race: a :class:`~coursekit.experiments.adagrad.Race` holding the same names.
        lrs: ``{name: α}``, the ``α`` of the race each optimizer's costs are drawn at (one of the grid's).
        short: a short budget of epochs, marked by a vertical line (none if ``None``).  title: the figure's title.

    Returns:
        A :class:`CourseFigure` with two axes; the left one's lines have ``gid`` each name (and ``"1/√t"``),
        the right one's ``"<name> seed <seed>"``.

    Reference: notebook 07.

    >>> from coursekit.data import two_moons
    >>> from coursekit.experiments.adagrad import effective_steps, race
    >>> from coursekit.optim import AdaGrad
    >>> from coursekit.train import train
    >>> X, Y = two_moons(m=64, seed=0)
    >>> runs = [[train(X, Y, [2, 4, 1], AdaGrad(lr), epochs=4, seed=seed) for seed in (0, 1)] for lr in (0.1, 1.0)]
    >>> fig = plot_sum_against_average({"AdaGrad": effective_steps(X, Y, [2, 4, 1], AdaGrad(1.0), epochs=4)},
    ...                                race(runs, ["AdaGrad"], [0.1, 1.0], (0, 1)), {"AdaGrad": 1.0}, short=2)
    >>> [line.get_gid() for line in fig.axes[0].lines], [line.get_gid() for line in fig.axes[1].lines][:2]
    (['AdaGrad', '1/√t'], ['AdaGrad seed 0', 'AdaGrad seed 1'])
    """
    effective = _validate.mapping(effective, "effective", "name -> EffectiveSteps")
    _validate.instance(race, "race", Race)
    lrs = _validate.mapping(lrs, "lrs", "name -> learning rate")
    for name, run in effective.items():
        _validate.instance(run, f"effective[{name!r}]", EffectiveSteps)
    if set(lrs) - set(race.costs):
        raise ValueError(f"lrs must name optimizers of the race {list(race.costs)}, got {list(lrs)}")
    colors = colors_for(list(dict.fromkeys([*effective, *lrs])))
    fig, (steps_ax, cost_ax) = new_figure(1, 2)
    for name, run in effective.items():
        steps_ax.plot(run.steps, run.median, "o-", ms=2, color=colors[name], label=name, gid=name)
    if "AdaGrad" in effective:
        run = effective["AdaGrad"]
        steps_ax.plot(run.steps, run.median[0] * np.sqrt(run.steps[0] / run.steps), ":", color="black", lw=1,
                      label="∝ 1/√t (a constant gradient)", gid="1/√t")
    steps_ax.set(xscale="log", yscale="log", xlabel="step t", ylabel="effective step α / (√s + ε)",
                 title="the effective step (median over the weights)")
    steps_ax.legend(loc="upper left", fontsize=7)
    for name, lr in lrs.items():
        costs = race.curves(name, lr)
        epochs = np.arange(1, len(costs) + 1)
        for j, (seed, column) in enumerate(zip(race.seeds, costs.T)):
            kept = np.isfinite(column)
            cost_ax.plot(epochs[kept], column[kept], "o-", ms=2, lw=1, color=colors[name], gid=f"{name} seed {seed}",
                         label=f"{name}, α = {lr:g}, {len(race.seeds)} seeds" if j == 0 else None)
    if short is not None:
        short = _validate.positive_int(short, "short")
        cost_ax.axvline(short, color="black", ls=":", lw=1, label=f"{short} epochs")
    cost_ax.set(yscale="log", xlabel="epoch", ylabel="training cost J", title="the cost, each at its α")
    cost_ax.legend(loc="best", fontsize=7)
    if title is not None:
        fig.suptitle(title)
    return fig
