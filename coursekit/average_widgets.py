"""The averages explorer: a β slider and a bias-correction switch over a sequence and its average (SYLLABUS §3-4).

:func:`ewa_data` computes the averages without a display; :func:`ewa_explorer` draws them with
:func:`coursekit.average_plots.plot_ewa`.
"""

from __future__ import annotations

import ipywidgets as widgets

from coursekit import _validate
from coursekit.average_plots import beta_label, plot_ewa
from coursekit.averages import ewa
from coursekit.explorer import Explorer, FastFigure, LruCache, slider
from coursekit.figures import style


def ewa_data(thetas, beta: float) -> dict:
    """The exponentially weighted average of a sequence, without and with bias correction.

    ``v_t = β v_{t−1} + (1 − β) θ_t`` from ``v_0 = 0``;  ``v̂_t = v_t / (1 − β^t)``.

    Returns:
        ``{"average": [v_1..v_T], "corrected": [v̂_1..v̂_T]}`` from :func:`coursekit.averages.ewa`.

    Reference: SYLLABUS §3-4.

    >>> {k: v.tolist() for k, v in ewa_data([10.0, 10.0], beta=0.5).items()}
    {'average': [5.0, 7.5], 'corrected': [10.0, 10.0]}
    """
    return {"average": ewa(thetas, beta), "corrected": ewa(thetas, beta, bias_correction=True)}


class _EwaView:
    """The figure of :func:`ewa_explorer`: the dots stay, the two curves and the legend are redrawn."""

    def __init__(self, t, thetas, beta: float):
        self.thetas, self._data = thetas, LruCache(128)
        curves = self._data.get(beta, lambda: ewa_data(thetas, beta))
        self.fig = plot_ewa(t, thetas, {beta: curves["average"]}, {beta: curves["corrected"]})
        self.ax = self.fig.axes[0]
        self.data, self.average, self.corrected = self.ax.lines
        self.fast = FastFigure(self.fig, [self.average, self.corrected, self.ax.get_legend()])

    def __call__(self, values: dict):
        beta, corrected = values["beta"], values["bias_correction"]
        curves = self._data.get(beta, lambda: ewa_data(self.thetas, beta))
        self.average.set_ydata(curves["average"])
        self.corrected.set_ydata(curves["corrected"])
        self.average.set_label(beta_label(beta))
        self.corrected.set_label(f"{beta_label(beta)}, bias-corrected")
        self.corrected.set_visible(corrected)
        with style():
            shown = [self.data, self.average] + [self.corrected] * corrected
            legend = self.ax.legend(handles=shown, loc="upper left")
        self.fast.dynamic[-1] = legend
        first = ", ".join(f"{v:.2f}" for v in curves["corrected" if corrected else "average"][:3])
        summary = f"β = {beta:g} averages about {1 / (1 - beta):.0f} values; first values {first}"
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

    Reference: SYLLABUS §3-4.

    >>> import numpy as np
    >>> w = ewa_explorer(np.arange(1, 31), np.full(30, 20.0), beta=0.9)
    >>> w.controls["bias_correction"].value = True
    >>> w.figure.axes[0].lines[2].get_ydata()[:2].tolist()
    [20.0, 20.0]
    """
    thetas = _validate.array(thetas, "thetas", ndim=1)
    beta = _validate.beta(beta, "beta")
    if not isinstance(bias_correction, bool):
        raise TypeError(f"bias_correction must be True or False, got {bias_correction!r}")
    controls = {
        "beta": slider(widgets.FloatSlider, "β", beta, 0.0, 0.99, 0.01),
        "bias_correction": widgets.Checkbox(value=bias_correction, description="bias correction v_t / (1 − β^t)"),
    }
    return Explorer(controls, _EwaView(t, thetas, beta))
