"""Local optima, saddles and plateaus drawn, and a slider for the length of a plateau (notebook 10).

:func:`plot_basins` shows where runs from a grid of starts end up; :func:`plot_goe_fractions` how rarely a
random symmetric matrix has only positive eigenvalues; :func:`plot_index_vs_cost` the critical points of a
linear autoencoder; :func:`plot_stages` a training run that pauses at saddles; :func:`plateau_explorer` the
steps optimizers need to cross a plateau (the runs of :func:`coursekit.experiments.plateaus.plateau_data`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import ipywidgets as widgets
import numpy as np

from coursekit import _validate
from coursekit.experiments.plateaus import LEAVE_LEVEL, plateau_data, steps_to_leave
from coursekit.experiments.saddles import CriticalPoint
from coursekit.show.controls import CONTROL_LAYOUT, DESCRIPTION_STYLE
from coursekit.show.explorer import Explorer, FastFigure
from coursekit.show.look import (CYCLE, DATA_COLOR, OPTIMIZER_COLORS, PALETTE, CourseFigure, colors_for, new_figure,
                                 styled)
from coursekit.show.surfaces import _surface_grid, coloured_lines
from coursekit.surfaces import Surface

#: How each run of the plateau explorer is drawn, all at one width: momentum's two runs share its colour (solid
#: at α, dashed at α / (1 − β)); GD, which momentum at the same α follows closely, dotted on top, so that
#: momentum's line shows between its dots.
PLATEAU_LINES = {"GD": ":", "Momentum": "-", "Momentum, α / (1 − β)": "--", "RMSprop": "-", "Adam": "-"}


@styled
def plot_basins(surface: Surface, starts, reached, *, title: str | None = None) -> CourseFigure:
    """Contours of a surface with each start point coloured by the minimum its run reached.

    Args:
        surface: a :class:`~coursekit.surfaces.Surface` with known ``minima``.
        starts: ``w_0`` of each run, shape ``(N, 2)``.
        reached: for each run the index of the minimum it reached, or −1 (e.g. from
            :func:`coursekit.experiments.basins.nearest_minimum`).
        title: defaults to the share of runs that reached the deepest minimum.

    Returns:
        A :class:`CourseFigure`; one group of dots per minimum (``gid`` ``"minimum k"``, counted from 1 as the notebook counts the wells: ``reached == 0`` is minimum 1), stars at the minima.

    Reference: notebook 10.

    >>> from coursekit.surfaces import saddle
    >>> fig = plot_basins(saddle(), [[0.5, 0.5], [0.5, -0.5]], [1, 0])
    >>> sorted(line.get_gid() for line in fig.axes[0].lines if line.get_gid())
    ['minimum 1', 'minimum 2']
    """
    _validate.instance(surface, "surface", Surface)
    starts = _validate.array(starts, "starts", ndim=2)
    reached = _validate.array(reached, "reached", ndim=1)
    if not np.isin(reached, np.arange(-1, len(surface.minima))).all():
        raise ValueError(f"reached must hold the index of a minimum of the surface (0 to {len(surface.minima) - 1}) "
                         f"or -1 for each start, got {reached[:8].tolist()}")
    if starts.shape[1] != 2 or reached.shape != (len(starts),):
        raise ValueError(f"starts must have shape (N, 2) and reached shape (N,), got {starts.shape} and {reached.shape}")
    X, Y, Z = _surface_grid(surface)
    fig, ax = new_figure()
    ax.contour(X, Y, Z, levels=15, colors="#999999", linewidths=0.5)
    ax.grid(False)
    for k, (mx, my) in enumerate(surface.minima):
        color = CYCLE[k % len(CYCLE)]
        mine = starts[reached == k]
        J = float(surface.f(mx, my))
        label = f"end in minimum {k + 1} (J = {J:.2f}): {len(mine)}"
        ax.plot(mine[:, 0], mine[:, 1], "o", color=color, ms=4, ls="none", label=label, gid=f"minimum {k + 1}")
        ax.plot(mx, my, "*", color=color, ms=14, mec="black")
    lost = starts[reached < 0]
    if len(lost):
        ax.plot(lost[:, 0], lost[:, 1], "x", color=DATA_COLOR, ls="none", label=f"in no minimum: {len(lost)}")
    share = float(np.mean(reached == 0))
    ax.set(xlim=surface.xlim, ylim=surface.ylim, xlabel="w₁ (first parameter)", ylabel="w₂ (second parameter)",
           title=f"{len(starts)} starts: {share:.0%} end in the deepest" if title is None else title)
    fig.legend(loc="outside right upper")
    return fig


@styled
def plot_goe_fractions(hits, count: int) -> CourseFigure:
    """The fraction of sampled n × n GOE matrices with all eigenvalues > 0, against the coin-flip odds ``2^−n``.

    Args:
        hits: for n = 1, 2, …, how many of the ``count`` matrices were positive definite (from
            :func:`coursekit.critical_points.goe_all_positive`).  count: the matrices sampled.

    Returns:
        A :class:`CourseFigure` on a logarithmic axis: the measured fractions with their Wilson intervals of
        about 95% (z = 2; sizes with no hit are left out) and the line ``2^−n``.

    Reference: notebook 10.

    >>> fig = plot_goe_fractions([500, 146, 25], count=1000)
    >>> fig.axes[0].lines[0].get_ydata().tolist()
    [0.5, 0.25, 0.125]
    """
    hits = _validate.not_empty(_validate.array(hits, "hits", ndim=1), "hits")
    count = _validate.positive_int(count, "count")
    n = np.arange(1, len(hits) + 1)
    fig, ax = new_figure()
    ax.plot(n, 0.5**n, "--", color="black", label="coin flips: $2^{-n}$")
    seen = hits > 0
    fraction = hits[seen] / count
    z2 = 4.0  # Wilson's score interval with z = 2: it stays above zero even for a handful of hits
    centre = (fraction + z2 / (2 * count)) / (1 + z2 / count)
    half = np.sqrt(fraction * (1 - fraction) / count + z2 / (4 * count**2)) * 2 / (1 + z2 / count)
    ax.errorbar(n[seen], fraction, yerr=[fraction - (centre - half), centre + half - fraction], fmt="o",
                color=PALETTE["blue"], capsize=3, label=f"random symmetric matrices (GOE), {count:,} sampled")
    ax.set(yscale="log", xlabel="n, the number of directions", ylabel="P(every eigenvalue > 0)",
           title="How often is a critical point a minimum?", xticks=n)
    ax.legend(loc="lower left")
    return fig


@styled
def plot_index_vs_cost(points: Sequence[CriticalPoint], *, title: str | None = None) -> CourseFigure:
    """The cost of each critical point against its index, the fraction of its Hessian's eigenvalues that are negative.

    Args:
        points: :class:`~coursekit.experiments.saddles.CriticalPoint` s (from :func:`coursekit.experiments.saddles.critical_points`).
        title: defaults to how many points there are.

    Returns:
        A :class:`CourseFigure`: the saddles as dots (``gid`` "saddles"), the minima as stars (``gid`` "minima").

    Reference: notebook 10; Dauphin et al. (2014), figure 1.

    >>> from coursekit.experiments.saddles import critical_points, pooled_digits
    >>> fig = plot_index_vs_cost(critical_points(pooled_digits(2), p=1))
    >>> [len(line.get_xdata()) for line in fig.axes[0].lines]
    [3, 1]
    """
    if not points or not all(isinstance(p, CriticalPoint) for p in points):
        raise TypeError("points must be a non-empty list of CriticalPoint (from coursekit.experiments.saddles.critical_points)")
    index = np.array([p.index_fraction for p in points])
    cost = np.array([p.cost for p in points])
    minimum = index == 0
    fig, ax = new_figure()
    ax.plot(index[~minimum], cost[~minimum], "o", color=PALETTE["blue"], ms=4, alpha=0.7, ls="none",
            label=f"saddle points: {int(np.sum(~minimum))}", gid="saddles")
    ax.plot(index[minimum], cost[minimum], "*", color=PALETTE["vermillion"], ms=14, ls="none",
            label=f"minima: {int(np.sum(minimum))}", gid="minima")
    ax.set(xlabel="index: fraction of the Hessian's eigenvalues that are negative", ylabel="cost J",
           title=f"The {len(points)} critical points of a linear autoencoder" if title is None else title)
    ax.legend(loc="lower right")
    return fig


@styled
def plot_stages(costs: Mapping, levels: Mapping, *, title: str = "Training from small weights") -> CourseFigure:
    """Cost curves against the step, with dashed horizontal lines at given cost levels (e.g. of saddle points).

    Args:
        costs: ``{label: 1-D array of J per step}``; optimizer names get their colours.
        levels: ``{label: J}``: horizontal reference lines, labelled at the right edge.
        title: the figure's title.

    Returns:
        A :class:`CourseFigure` with one line per cost curve (``gid`` = label), then one per level.

    Reference: notebook 10.

    >>> fig = plot_stages({"GD": [0.3, 0.3, 0.2, 0.1]}, {"saddle": 0.3})
    >>> [line.get_gid() for line in fig.axes[0].lines]
    ['GD', 'saddle']
    """
    if not isinstance(costs, Mapping) or not costs or not isinstance(levels, Mapping):
        raise TypeError("costs must be a non-empty dict label -> costs and levels a dict label -> J")
    curves = {label: _validate.array(J, f"costs[{label!r}]", ndim=1) for label, J in costs.items()}
    levels = {label: _validate.finite(J, f"levels[{label!r}]") for label, J in levels.items()}
    colors = colors_for(curves)
    fig, ax = new_figure()
    for label, J in curves.items():
        ax.plot(np.arange(len(J)), J, color=colors[label], label=str(label), gid=str(label))
    right = max(len(J) for J in curves.values()) - 1
    for label, J in levels.items():
        ax.axhline(J, color=DATA_COLOR, ls="--", lw=0.8, gid=str(label))
        ax.annotate(str(label), (right, J), xytext=(0, 2), textcoords="offset points", ha="right", va="bottom",
                    fontsize=7, color="#555555")
    ax.set(xlabel="step t", ylabel="cost J", title=title)
    ax.legend(loc="upper center")
    return fig


class _PlateauView:
    """The figure of :func:`plateau_explorer`: one curve per run at the chosen length, all lengths computed at once."""

    def __init__(self, lengths, lr: float, slope: float, steps: int, beta: float):
        self.lengths, self.slope, self.steps = list(lengths), slope, steps
        self.data = plateau_data(self.lengths, lr, slope, steps, beta)
        self.colors = {**colors_for(self.data), "Momentum, α / (1 − β)": OPTIMIZER_COLORS["Momentum"]}
        self._draw(lr)

    def __call__(self, values: dict):
        row = self.lengths.index(values["length"])
        texts = {}
        for label, J in self.data.items():
            self.lines[label].set_ydata(J[row])
            t = steps_to_leave(J[row])
            texts[label] = f"off after {t} steps" if t is not None else f"still on it after {self.steps} steps"
        return self.fig, self.fast.png(), coloured_lines(texts, self.colors)

    @styled
    def _draw(self, lr: float):
        self.fig, ax = new_figure()
        t = np.arange(1, self.steps + 2)
        self.lines = {}
        for label, J in self.data.items():
            (self.lines[label],) = ax.plot(t, J[0], PLATEAU_LINES.get(label, "-"), lw=1.6, color=self.colors[label],
                                           label=label, gid=label, zorder=3 if label == "GD" else 2)
        ax.axhline(LEAVE_LEVEL, color=DATA_COLOR, lw=0.8, ls=":")
        ax.set(xscale="log", xlabel="step t + 1 (log scale)", ylabel="cost J",
               ylim=(-1.05, self.slope * (max(self.lengths) + 1) + 0.05),
               title=f"Crossing a plateau: α = {lr:g}, slope {self.slope:g}; below the grey line = off it")
        ax.legend(loc="lower left")
        self.fast = FastFigure(self.fig, sorted(self.lines.values(), key=lambda line: line.get_zorder()))


def plateau_explorer(lengths=tuple(range(3, 31)), length: int = 10, lr: float = 0.3, slope: float = 0.02,
                     steps: int = 1500, beta: float = 0.9) -> Explorer:
    """A slider for the plateau's length ``L``: the loss of five runs against the step, all at the same ``α``.

    The runs of every length are computed once, when the explorer is made
    (:func:`coursekit.experiments.plateaus.plateau_data`).

    Args:
        lengths: the lengths the slider offers (integers ≥ 3).  length: the first one shown (one of ``lengths``).
        lr: ``α``, shared by the five runs (momentum's second run uses ``α / (1 − β)``).  slope: the plateau's
            tilt.  steps: ``T``.  beta: momentum's ``β`` (and Adam's ``β₁``).

    Returns:
        An :class:`Explorer`; its numbers line gives each run's steps to get off the plateau.

    Reference: notebook 10.

    >>> w = plateau_explorer(lengths=(5, 10), length=5, steps=200)
    >>> w.controls["length"].value = 10
    >>> "Adam</b>: off after" in w.summary.value
    True
    """
    lengths = tuple(_validate.positive_int(L, "lengths[...]")
                    for L in _validate.sequence(lengths, "lengths", "plateau lengths", non_empty=True))
    if length not in lengths:
        raise ValueError(f"length must be one of lengths {lengths}, got {length!r}")
    controls = {"length": widgets.SelectionSlider(description="length L", options=lengths, value=length,
                                                  style=DESCRIPTION_STYLE, layout=CONTROL_LAYOUT)}
    view = _PlateauView(lengths, _validate.positive(lr, "lr"), _validate.positive(slope, "slope"),
                        _validate.positive_int(steps, "steps"), _validate.beta(beta, "beta"))
    return Explorer(controls, view)
