"""Bias correction drawn: an average started at zero beside its corrected form, and the factor
``1 / (1 − β^t)`` with a slider over ``t`` (notebook 05).

The uncorrected average is drawn in reddish purple and the corrected one in the colour of its ``β``
(bluish green for the lecture's 0.98), as in the lecture's purple and green curves.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from coursekit import _validate
from coursekit.averages import correction_factor, ewa, warmup_steps
from coursekit.show.averages import _x_values
from coursekit.show.controls import CONTROL_LAYOUT, DESCRIPTION_STYLE
from coursekit.show.explorer import Explorer, FastFigure
from coursekit.show.look import DATA_COLOR, PALETTE, CourseFigure, colors_for, new_figure, styled

#: The colour of an average that is not bias-corrected (the lecture's purple curve).
UNCORRECTED_COLOR = PALETTE["reddish_purple"]


@styled
def plot_startup_bias(t, thetas, beta: float = 0.98, *, ylabel: str = "temperature θ (°C)",
                      title: str | None = None) -> CourseFigure:
    """The data, its average started from ``v_0 = 0`` and the bias-corrected average ``v_t / (1 − β^t)``.

    ``v_t = β v_{t−1} + (1 − β) θ_t`` (reddish purple) starts at ``v_1 = (1 − β) θ_1``, far below the data;
    ``v̂_t = v_t / (1 − β^t)`` (the colour of ``β``) starts at ``θ_1``. The two meet once ``β^t`` is small.

    Args:
        t: the x values: step numbers or ``datetime64`` dates, one per ``θ_t``.  thetas: ``θ_1..θ_T``.
        beta: ``β`` in [0, 1).  ylabel, title: the figure's texts (a default title names ``β``).

    Returns:
        A :class:`CourseFigure`; the curves' ``gid`` are ``"data"``, ``"uncorrected"`` and ``"corrected"``.

    Reference: notebook 05.

    >>> fig = plot_startup_bias(np.arange(1, 11), np.full(10, 20.0), beta=0.9)
    >>> [round(float(line.get_ydata()[0]), 9) for line in fig.axes[0].lines]
    [20.0, 2.0, 20.0]
    """
    thetas = _validate.not_empty(_validate.array(thetas, "thetas", ndim=1), "thetas")
    beta = _validate.beta(beta, "beta")
    t = _x_values(t, len(thetas))
    fig, ax = new_figure()
    ax.plot(t, thetas, ".", color=DATA_COLOR, label=r"$\theta_t$", gid="data")
    ax.plot(t, ewa(thetas, beta), color=UNCORRECTED_COLOR, label=rf"$v_t$ from $v_0 = 0$ (β = {beta:g})",
            gid="uncorrected")
    ax.plot(t, ewa(thetas, beta, bias_correction=True), color=colors_for([beta])[beta],
            label=r"$v_t\,/\,(1 - \beta^t)$, bias-corrected", gid="corrected")
    ax.set(xlabel="date" if t.dtype.kind == "M" else "step t", ylabel=ylabel,
           title=title or f"The start-up bias of the average (β = {beta:g}) and its correction")
    ax.legend(loc="upper right")
    return fig


class _FactorView:
    """The figure of :func:`correction_factor_explorer`: the curves stay, a line and dots follow ``t``."""

    def __init__(self, betas, t_max: int, t: int):
        self.betas = betas
        self.warmups = {beta: warmup_steps(beta) for beta in betas}
        self.fig = plot_correction_factor(betas, t_max, t)
        self.ax = self.fig.axes[0]
        self.marker = next(line for line in self.ax.lines if line.get_gid() == "t")
        self.dots = {beta: next(line for line in self.ax.lines if line.get_gid() == f"at t {beta:g}")
                     for beta in betas}
        self.fast = FastFigure(self.fig, [self.marker, *self.dots.values()])

    def __call__(self, values: dict):
        t = values["t"]
        self.marker.set_xdata([t, t])
        factors = {beta: correction_factor(beta, t) for beta in self.betas}
        for beta, dot in self.dots.items():
            dot.set_data([t], [factors[beta]])
        now = ", ".join(f"{factors[beta]:.4g} for β = {beta:g}" for beta in self.betas)
        within = ", ".join(f"{self.warmups[beta]:,} (β = {beta:g})" for beta in self.betas)
        summary = f"t = {t:,}: factor 1/(1 − βᵗ) = {now}. Within 1 % of 1 from t = {within}."
        return self.fig, self.fast.png(), summary


@styled
def plot_correction_factor(betas=(0.9, 0.98, 0.999), t_max: int = 10_000, t: int | None = None) -> CourseFigure:
    """The bias-correction factor ``1 / (1 − β^t)`` over ``t = 1..t_max`` for several ``β``, on log-log axes.

    A dotted line marks ``1.01`` (within 1 % of 1) and a dot on each curve the first such ``t``
    (:func:`coursekit.averages.warmup_steps`); with ``t`` given, a vertical line and a dot per curve mark it.

    Args:
        betas: the ``β`` values, each in (0, 1).  t_max: the last step shown, an integer >= 2.
        t: a step to mark, in ``1..t_max``, or None.

    Returns:
        A :class:`CourseFigure`; the curves' ``gid`` are ``"factor <β>"``.

    Reference: notebook 05.

    >>> fig = plot_correction_factor((0.9, 0.98), t_max=100)
    >>> round(float(fig.axes[0].lines[1].get_ydata()[0]), 9)
    10.0
    """
    betas = [_validate.beta(b, "betas[i]") for b in _validate.sequence(betas, "betas", "numbers in (0, 1)")]
    if not betas or min(betas) == 0:
        raise ValueError(f"betas must be a non-empty list of numbers in (0, 1), got {betas!r}")
    t_max = _validate.positive_int(t_max, "t_max")
    if t_max < 2:
        raise ValueError(f"t_max must be an integer >= 2, got {t_max}")
    steps = np.unique(np.geomspace(1, t_max, 400).round().astype(int))
    colors = colors_for(betas)
    fig, ax = new_figure()
    ax.axhline(1.01, color=PALETTE["black"], ls=":", lw=1.0, label="1.01: within 1 % of 1")
    for beta in betas:
        ax.plot(steps, correction_factor(beta, steps), color=colors[beta], gid=f"factor {beta:g}",
                label=f"β = {beta:g}: within 1 % from t = {warmup_steps(beta):,}")
        ax.plot(warmup_steps(beta), correction_factor(beta, warmup_steps(beta)), "o", ms=4, color=colors[beta])
    if t is not None:
        t = _validate.positive_int(t, "t")
        ax.plot([t, t], [0.8, 2e3], color=PALETTE["black"], lw=1.0, gid="t")
        for beta in betas:
            ax.plot([t], [correction_factor(beta, t)], "o", ms=7, mfc="white", color=colors[beta],
                    gid=f"at t {beta:g}")
    ax.set(xscale="log", yscale="log", xlim=(1, t_max), ylim=(0.8, 2e3), xlabel="step t",
           ylabel=r"correction factor $1 / (1 - \beta^t)$",
           title=r"Bias correction divides by $1 - \beta^t$: a large factor at first, then 1")
    ax.set_xticks([x for x in (1, 10, 100, 1_000, 10_000, 100_000) if x <= t_max],
                  [f"{x:,}" for x in (1, 10, 100, 1_000, 10_000, 100_000) if x <= t_max])
    ax.set_yticks([1, 2, 5, 10, 100, 1000], ["1", "2", "5", "10", "100", "1,000"])
    ax.minorticks_off()
    ax.legend(loc="upper right")
    return fig


def correction_factor_explorer(betas=(0.9, 0.98, 0.999), t: int = 10, t_max: int = 10_000) -> Explorer:
    """A slider over the step ``t`` on the curves ``1 / (1 − β^t)``; the numbers line gives each factor.

    Args:
        betas: the ``β`` values, each in (0, 1).  t: the initial step.  t_max: the last step, >= 2.

    Returns:
        An :class:`Explorer` whose slider takes the steps 1, 2, … 10, then about 20 per decade up to
        ``t_max``, and each ``β``'s first step within 1 %; its numbers line gives ``1 / (1 − β^t)`` for
        each ``β`` and the step from which each stays within 1 % of 1.

    Reference: notebook 05.

    >>> w = correction_factor_explorer(t=10)
    >>> w.controls["t"].value = 44
    >>> w.summary.value.split(":")[0], "1.01 for β = 0.9" in w.summary.value
    ('t = 44', True)
    """
    betas = tuple(_validate.sequence(betas, "betas", "numbers in (0, 1)", non_empty=True))
    t_max = _validate.positive_int(t_max, "t_max")
    t = _validate.positive_int(t, "t")
    if t > t_max:
        raise ValueError(f"t must be in 1..t_max = {t_max}, got {t}")
    per_decade = np.geomspace(1, t_max, 1 + round(20 * np.log10(t_max))).round().astype(int)
    warmups = {warmup_steps(_validate.beta(beta, "betas[i]")) for beta in betas if beta > 0}
    options = sorted({*per_decade.tolist(), *range(1, min(t_max, 10) + 1), *(w for w in warmups if w <= t_max), t})
    control = widgets.SelectionSlider(options=[int(o) for o in options], value=t, description="step t",
                                      style=DESCRIPTION_STYLE, layout=CONTROL_LAYOUT)
    return Explorer({"t": control}, _FactorView(betas, t_max, t))
