"""Exponentially weighted averages drawn: the values with their averages, the weights, and a β slider (notebooks 04-05).

:func:`ewa_explorer` draws the averages of :func:`coursekit.averages.ewa` with :func:`plot_ewa`.
"""

from __future__ import annotations

from collections.abc import Mapping

import ipywidgets as widgets
import numpy as np

from coursekit import _validate
from coursekit.averages import ewa, ewa_weights
from coursekit.show.controls import CONTROL_LAYOUT, DESCRIPTION_STYLE, slider
from coursekit.show.explorer import Explorer, FastFigure, LruCache
from coursekit.show.look import DATA_COLOR, PALETTE, CourseFigure, colors_for, new_figure, style, styled


def _series(series, name: str, length: int | None = None) -> dict:
    """Check a non-empty mapping ``label -> 1-D finite array`` (of ``length`` values if given)."""
    if not isinstance(series, Mapping) or not series:
        raise TypeError(f"{name} must be a non-empty dict label -> 1-D array, got {series!r:.80}")
    checked = {}
    for key, values in series.items():
        arr = _validate.array(values, f"{name}[{key!r}]", ndim=1, finite=False)
        if length is not None and len(arr) != length:
            raise ValueError(f"{name}[{key!r}] must have {length} values (one per θ_t), got {len(arr)}")
        checked[key] = arr
    return checked


def beta_label(key) -> str:
    """A legend label naming ``β`` and the ``1 / (1 − β)`` values it averages over; other keys as text.

    >>> beta_label(0.98), beta_label("smooth")
    ('β = 0.98 (≈ 50 values)', 'smooth')
    """
    if _validate.is_number(key) and 0 <= key < 1:
        return f"β = {key:g} (≈ {1 / (1 - key):.0f} values)"
    if not (isinstance(key, str) or _validate.is_number(key)):
        raise TypeError(f"key must be a number (β in [0, 1), or another) or a text label, got {key!r:.60}")
    return str(key)


def _x_values(t, length: int) -> np.ndarray:
    """Check the x values of a sequence plot: dates (``datetime64``) or numbers, one per value."""
    arr = np.asarray(t)
    if arr.dtype.kind != "M":
        arr = _validate.array(t, "t", ndim=1)
    if arr.shape != (length,):
        raise ValueError(f"t must be a 1-D array of {length} values (one per θ_t), got shape {arr.shape}")
    return arr


@styled
def plot_ewa(t, thetas, averages, corrected=None, *, xlabel: str | None = None, ylabel: str = "temperature θ (°C)",
             title: str = "Exponentially weighted averages") -> CourseFigure:
    """The values ``θ_t`` as dots, with their exponentially weighted averages as curves.

    ``v_t = β v_{t−1} + (1 − β) θ_t`` (solid); bias-corrected ``v_t / (1 − β^t)`` (dashed).

    Args:
        t: the x values: day numbers or ``datetime64`` dates, one per ``θ_t``.
        thetas: ``θ_1..θ_T``.
        averages: ``{β: [v_1..v_T]}`` (or ``{label: curve}``), e.g. from :func:`coursekit.averages.ewa`.
        corrected: optional ``{β: [v̂_1..v̂_T]}``, drawn dashed in the colour of the same ``β``.
        xlabel, ylabel, title: the figure's texts (by default the x axis says "date" or "day", after ``t``).

    Returns:
        A :class:`CourseFigure`; each curve's ``gid`` is ``"average <key>"`` or ``"corrected <key>"``.

    Reference: notebooks 04-05.

    >>> from coursekit.averages import ewa
    >>> theta = np.linspace(0.0, 10.0, 50)
    >>> fig = plot_ewa(np.arange(1, 51), theta, {0.9: ewa(theta, 0.9)}, {0.9: ewa(theta, 0.9, True)})
    >>> len(fig.axes[0].lines)
    3
    """
    thetas = _validate.not_empty(_validate.array(thetas, "thetas", ndim=1), "thetas")
    t = _x_values(t, len(thetas))
    averages = _series(averages, "averages", len(thetas))
    corrected = {} if corrected is None else _series(corrected, "corrected", len(thetas))
    colors = colors_for(list(averages) + list(corrected))
    fig, ax = new_figure()
    ax.plot(t, thetas, ".", color=DATA_COLOR, label=r"$\theta_t$", gid="data")
    for key, v in averages.items():
        ax.plot(t, v, color=colors[key], label=beta_label(key), gid=f"average {key}")
    for key, v_hat in corrected.items():
        label = f"{beta_label(key)}, bias-corrected"
        ax.plot(t, v_hat, "--", color=colors[key], label=label, gid=f"corrected {key}")
    ax.set(xlabel=xlabel or ("date" if t.dtype.kind == "M" else "day"), ylabel=ylabel, title=title)
    ax.legend(loc="upper left")
    return fig


@styled
def plot_ewa_weights(beta: float, n: int | None = None) -> CourseFigure:
    """The weight that ``v_t`` gives to the value ``k`` steps back: ``(1 − β) β^k``, as bars in the colour of ``β``.

    ``v_t = (1 − β) θ_t + (1 − β) β θ_{t−1} + (1 − β) β² θ_{t−2} + …``; after ``k = 1 / (1 − β)`` steps
    the weight has fallen to about ``1/e`` of the first (``0.9^10 ≈ 0.35``), marked by a vertical line.

    Args:
        beta: ``β`` in [0, 1).  n: how many weights to show, ``k = 0..n−1`` (default ``3 / (1 − β)``, ≥ 10).

    Returns:
        A :class:`CourseFigure` with one bar per weight (:func:`coursekit.averages.ewa_weights`); the title
        gives their sum ``1 − β^n``.

    Reference: notebook 04 (the unrolled average).

    >>> fig = plot_ewa_weights(0.9, n=30)
    >>> len(fig.axes[0].patches)
    30
    """
    beta = _validate.beta(beta, "beta")
    n = max(10, round(3 / (1 - beta))) if n is None else _validate.positive_int(n, "n")
    _validate.budget(n, "n", operations=n * 10 * _validate.STEP_OPERATIONS)  # one bar each: tens of µs
    weights = ewa_weights(beta, n)
    fig, ax = new_figure()
    ax.bar(np.arange(n), weights, width=0.8, color=colors_for([beta])[beta], label=r"$(1-\beta)\,\beta^k$")
    span = 1 / (1 - beta)
    ax.axvline(span, color=PALETTE["black"], ls="--", lw=1.2,
               label=f"k = 1/(1 − β) = {span:.3g}: weight × {beta**span:.2f} (≈ 1/e)")
    ax.set(xlabel="k (steps back from t)", ylabel=r"weight of $\theta_{t-k}$ in $v_t$",
           title=f"Weights of the average for β = {beta:g}; the {n} shown sum to {weights.sum():.3f}")
    ax.legend(loc="upper right")
    return fig


def _curves(thetas, beta: float) -> dict:
    """The average of :func:`coursekit.averages.ewa` without and with bias correction, as the explorer draws them."""
    return {"average": ewa(thetas, beta), "corrected": ewa(thetas, beta, bias_correction=True)}


class _EwaView:
    """The figure of :func:`ewa_explorer`: the dots stay, the two curves and the legend are redrawn."""

    def __init__(self, t, thetas, beta: float):
        self.thetas, self._data = thetas, LruCache(128)
        curves = self._data.get(beta, lambda: _curves(thetas, beta))
        self.fig = plot_ewa(t, thetas, {beta: curves["average"]}, {beta: curves["corrected"]})
        self.ax = self.fig.axes[0]
        self.data, self.average, self.corrected = self.ax.lines
        self.fast = FastFigure(self.fig, [self.average, self.corrected, self.ax.get_legend()])

    def __call__(self, values: dict):
        beta, corrected = values["beta"], values["bias_correction"]
        curves = self._data.get(beta, lambda: _curves(self.thetas, beta))
        self.average.set_ydata(curves["average"])
        self.corrected.set_ydata(curves["corrected"])
        color = colors_for([round(beta, 6)])[round(beta, 6)]  # the slider's 0.9 may arrive as 0.9000000000000001
        for line in (self.average, self.corrected):
            line.set_color(color)
        self.average.set_label(beta_label(beta))
        self.corrected.set_label(f"{beta_label(beta)}, bias-corrected")
        self.corrected.set_visible(corrected)
        with style():
            shown = [self.data, self.average] + [self.corrected] * corrected
            legend = self.ax.legend(handles=shown, loc="upper left")
        self.fast.dynamic[-1] = legend
        first = ", ".join(f"{v:.2f}" for v in curves["corrected" if corrected else "average"][:3])
        window = 1 / (1 - beta)
        summary = f"β = {beta:g} averages about {window:.0f} values (1/(1 − β) = {window:.1f}); first values {first}"
        return self.fig, self.fast.png(), summary


def ewa_explorer(t, thetas, beta: float = 0.9, bias_correction: bool = False) -> Explorer:
    """A ``β`` slider and a bias-correction switch over a sequence and its exponentially weighted average.

    ``v_t = β v_{t−1} + (1 − β) θ_t``, optionally shown as ``v_t / (1 − β^t)`` too.

    Args:
        t: the x values (day numbers or ``datetime64`` dates).  thetas: ``θ_1..θ_T``.
        beta: the initial ``β`` (the slider covers 0 to 0.99, or to ``beta`` if larger).
        bias_correction: the switch's initial state.

    Returns:
        An :class:`Explorer`; its numbers line gives ``1 / (1 − β)`` and the first values of the average.

    Reference: notebooks 04-05.

    >>> import numpy as np
    >>> w = ewa_explorer(np.arange(1, 31), np.full(30, 20.0), beta=0.9)
    >>> w.controls["bias_correction"].value = True
    >>> w.figure.axes[0].lines[2].get_ydata()[:2].tolist()
    [20.0, 20.0]
    """
    thetas = _validate.array(thetas, "thetas", ndim=1)
    beta = _validate.beta(beta, "beta")
    bias_correction = _validate.boolean(bias_correction, "bias_correction")
    controls = {
        "beta": slider(widgets.FloatSlider, "β", beta, 0.0, 0.99, 0.01),
        "bias_correction": widgets.Checkbox(value=bias_correction, description="bias correction vₜ / (1 − βᵗ)",
                                            style=DESCRIPTION_STYLE, layout=CONTROL_LAYOUT),
    }
    return Explorer(controls, _EwaView(t, thetas, beta))
