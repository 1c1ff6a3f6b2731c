"""What an exponentially weighted average costs and buys: its lag against its smoothing, and a moving window
beside it (notebook 04).

The numbers come from :mod:`coursekit.experiments.lag` (:func:`~coursekit.experiments.lag.lag_table`) and
:mod:`coursekit.experiments.smoothers` (:func:`~coursekit.experiments.smoothers.compare_to_reference`); these figures only draw them.
"""

from __future__ import annotations

import numpy as np

from coursekit.experiments.lag import LagTable
from coursekit.experiments.smoothers import WindowComparison
from coursekit.show.look import DATA_COLOR, PALETTE, BETA_COLORS, CourseFigure, new_figure, styled

#: The βs whose place is marked on the β axes: the lecture's three and two more.
_BETA_TICKS = (0.5, 0.8, 0.9, 0.95, 0.98, 0.99)


def _check_table(table, kind, name: str):
    if not isinstance(table, kind):
        raise TypeError(f"{name} must be a {kind.__name__} (from coursekit), got {type(table).__name__}")


def _beta_axis(ax) -> None:
    """An x axis at 1 / (1 − β) on a log scale, labelled with β: the βs near 1 get room."""
    ax.set_xscale("log")
    ax.set_xticks([1 / (1 - b) for b in _BETA_TICKS], [f"{b:g}" for b in _BETA_TICKS])
    ax.minorticks_off()
    ax.set_xlabel("β (placed at 1/(1 − β), log scale)")


def _mark_lecture_betas(ax, betas, values) -> None:
    """Larger dots, in the β's own colour, on the βs that have one (0.5, 0.9, 0.98)."""
    for beta, value in zip(betas, values):
        if float(beta) in BETA_COLORS:
            ax.plot(1 / (1 - beta), value, "o", ms=7, color=BETA_COLORS[float(beta)], zorder=3,
                    gid=f"beta {beta:g}")


@styled
def plot_lag(table: LagTable, data_roughness: float | None = None) -> CourseFigure:
    """Smoothing against lag: how far the average trails the data (left) and how much it wiggles (right), per β.

    Left: the measured lag (dots), the mean age ``β / (1 − β)`` (the lag behind a straight trend) and the
    exact delay for a yearly cycle. Right: the standard deviation of the average's day-to-day change.

    Args:
        table: a :class:`coursekit.experiments.lag.LagTable`.  data_roughness: the same measure for the data itself,
            drawn as a dashed line when given.

    Returns:
        A :class:`CourseFigure` with two axes.

    Reference: notebook 04.

    >>> from coursekit.experiments.lag import lag_table
    >>> t = np.arange(800)
    >>> fig = plot_lag(lag_table(10 + 5 * np.sin(2 * np.pi * t / 365.25), [0.5, 0.9, 0.98]))
    >>> len(fig.axes)
    2
    """
    _check_table(table, LagTable, "table")
    fig, (left, right) = new_figure(1, 2)
    x = 1 / (1 - table.betas)
    smooth = np.geomspace(x.min(), x.max(), 200)
    betas = 1 - 1 / smooth
    left.plot(smooth, betas / (1 - betas), color=PALETTE["black"], ls="--", lw=1.2,
              label="mean age β/(1 − β):\nlag behind a straight trend", gid="mean age")
    left.plot(x, table.cycle_delay, color=PALETTE["blue"], lw=1.2, label="lag behind a yearly wave",
              gid="cycle delay")
    left.plot(x, table.lag, "o", color=DATA_COLOR, label="measured on the data", gid="measured")
    _mark_lecture_betas(left, table.betas, table.lag)
    left.set(ylabel="lag (days)", title="How far the average trails")
    left.legend(loc="upper left")
    if data_roughness is not None:
        right.axhline(data_roughness, color=DATA_COLOR, ls="--", lw=1.2, label="the data itself")
    right.plot(x, table.roughness, "o-", color=DATA_COLOR, lw=1.0, label="the average", gid="roughness")
    _mark_lecture_betas(right, table.betas, table.roughness)
    right.set_yscale("log")
    right.set_yticks([0.05, 0.1, 0.2, 0.5, 1, 2], ["0.05", "0.1", "0.2", "0.5", "1", "2"])
    right.set(ylabel="std of the day-to-day change (°C)", title="How much it still wiggles")
    right.legend(loc="lower left")
    for ax in (left, right):
        _beta_axis(ax)
    return fig


@styled
def plot_window_comparison(comparison: WindowComparison, reference_name: str = "the seasonal curve") -> CourseFigure:
    """How close a moving window of N values and the average of equal lag come to a reference, for each N.

    ``rms(moving_average(θ, N) − r)`` and ``rms(ewa(θ, (N − 1)/(N + 1)) − r)`` against ``N``; the best ``N``
    of each is marked. A second x axis on top gives the average's ``β``.

    Args:
        comparison: a :class:`coursekit.experiments.smoothers.WindowComparison`.
        reference_name: what the reference is, for the axis label.

    Returns:
        A :class:`CourseFigure`.

    Reference: notebook 04.

    >>> from coursekit.experiments.smoothers import compare_to_reference
    >>> theta = np.sin(np.arange(400) / 20) + np.cos(np.arange(400))
    >>> fig = plot_window_comparison(compare_to_reference(theta, np.sin(np.arange(400) / 20), range(1, 30)))
    >>> [line.get_gid() for line in fig.axes[0].lines][:2]
    ['window', 'ewa']
    """
    _check_table(comparison, WindowComparison, "comparison")
    fig, ax = new_figure()
    n = comparison.windows
    curves = {"window": (comparison.window_error, PALETTE["black"], "--", "moving window of N values"),
              "ewa": (comparison.ewa_error, PALETTE["blue"], "-", "EWA with β = (N − 1)/(N + 1) (same lag)")}
    for gid, (error, color, style, label) in curves.items():
        ax.plot(n, error, ls=style, color=color, label=label, gid=gid)
    for gid, (error, color, _, label) in curves.items():
        best = int(np.argmin(error))
        ax.plot(n[best], error[best], "o", ms=7, color=color, gid=f"best {gid}",
                label=f"best: N = {n[best]}, {error[best]:.2f} °C")
    ax.set(xlabel="N (window size, days)", ylabel=f"RMS distance to {reference_name} (°C)",
           title="Equal lag, equal accuracy: the window keeps N + 1 numbers, the EWA one")
    top = ax.secondary_xaxis("top", functions=(lambda w: (w - 1) / (w + 1), lambda b: (1 + b) / (1 - b)))
    top.set_xlabel("β of the EWA")
    top.set_xticks([b for b in (0.5, 0.8, 0.9, 0.95) if (b + 1) / (1 - b) <= n.max()])
    ax.legend(loc="upper center")
    return fig
