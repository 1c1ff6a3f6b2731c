"""Heavy ball against Nesterov on the bowl, drawn: the steps to settle for each β at its own best α (notebook 06).

The numbers come from :func:`coursekit.experiments.nesterov.race`; this module only draws.
"""

from __future__ import annotations

import numpy as np

from coursekit import _validate
from coursekit.experiments.nesterov import Race
from coursekit.show.look import CourseFigure, colors_for, new_figure, styled


@styled
def plot_steps_by_beta(race: Race, *, title: str = "Each β at its own best α") -> CourseFigure:
    """The steps each method needs to settle, against ``β``, each ``β`` at its own best ``α`` of the grid.

    A line per method through the mean over the starts, a band from the lowest to the highest start, the
    method's best grid point ringed (and named in the legend); crosses along the bottom where no ``α`` of
    the grid settles from every start.

    Args:
        race: a :class:`~coursekit.experiments.nesterov.Race`.  title: the figure's title.

    Returns:
        A :class:`CourseFigure` (log steps); each line's ``gid`` is its method, each ring ``"best <method>"``,
        each band ``"<method> spread"``, the crosses (if any) ``"<method> never"``.

    Reference: notebook 06.

    >>> from coursekit.experiments.nesterov import race
    >>> from coursekit.surfaces import elongated_quadratic
    >>> fig = plot_steps_by_beta(race(elongated_quadratic(100.0), [0.03, 0.06, 0.1], [0.0, 0.5, 0.9], tol=1e-3))
    >>> [line.get_gid() for line in fig.axes[0].lines]   # β = 0 settles with none of these α
    ['Momentum', 'best Momentum', 'Momentum never', 'Nesterov', 'best Nesterov', 'Nesterov never']
    """
    _validate.instance(race, "race", Race)
    colors = colors_for(list(race.steps))
    fig, ax = new_figure()
    for method in race.steps:
        mean, low, high = race.by_beta(method)
        ok = np.isfinite(mean)
        best = race.best(method)
        ax.fill_between(race.betas[ok], low[ok], high[ok], color=colors[method], alpha=0.2, lw=0,
                        gid=f"{method} spread")
        ax.plot(race.betas[ok], mean[ok], "-", color=colors[method], lw=1.5, gid=method,
                label=f"{method}: best α = {best.lr:.3g}, β = {best.beta:.2f} ({best.steps.mean():.3g})")
        ax.plot([best.beta], [best.steps.mean()], "o", ms=12, mfc="none", mec=colors[method], mew=2,
                gid=f"best {method}")
        if not ok.all():
            ax.plot(race.betas[~ok], np.zeros(int((~ok).sum())), "x", color=colors[method], ms=6, clip_on=False,
                    transform=ax.get_xaxis_transform(), gid=f"{method} never")
    ax.set_yscale("log")
    low, high = ax.get_ylim()
    ticks = [tick for tick in (10, 20, 30, 50, 100, 200, 300, 500, 1000, 2000) if low <= tick <= high]
    ax.set_yticks(ticks, [f"{tick:g}" for tick in ticks])
    ax.minorticks_off()
    ax.set(xlabel="β", ylabel=f"steps to stay within the tolerance (mean of {len(race.starts)} starts)",
           title=title)
    ax.legend(loc="upper center")
    return fig
