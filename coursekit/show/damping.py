"""Momentum direction by direction, drawn as Goh draws it (notebook 06): the error along each eigen-direction
against the step, with a β slider, and the (α, β) map with its critical-damping curves.

Everything drawn is computed in :mod:`coursekit.experiments.damping` and :mod:`coursekit.experiments.convergence`.
Reference: Goh (2017), "Why Momentum Really Works", Distill, https://distill.pub/2017/momentum/.
"""

from __future__ import annotations

from collections.abc import Mapping

import ipywidgets as widgets
import numpy as np

from coursekit import _validate, optim
from coursekit.experiments.convergence import momentum_factors
from coursekit.experiments.damping import critical_betas, eigen_errors
from coursekit.experiments.settling import StepsMap
from coursekit.show.convergence import plot_steps_map
from coursekit.show.controls import CONTROL_LAYOUT, DESCRIPTION_STYLE
from coursekit.show.explorer import Explorer, FastFigure
from coursekit.show.look import OPTIMIZER_COLORS, PALETTE, CourseFigure, new_figure, styled
from coursekit.surfaces import Surface

__all__ = ["eigen_errors_explorer", "plot_damping_map"]

#: The colour of each direction's critical-damping curve: the flat direction first, the steep one second.
CURVE_COLORS = (PALETTE["sky_blue"], PALETTE["reddish_purple"])
#: The smallest error drawn on the log scale (rounding sits below it).
FLOOR = 1e-9


def _motion(factor: float, beta: float, critical: float) -> str:
    """How a direction's error moves: it swings in above its critical β, creeps in below it, or grows."""
    if factor >= 1:
        return f"grows by {factor:.3f} per step: the path diverges"
    if beta > critical:
        return f"swings in at √β = {factor:.3f} per step (β above its critical {critical:.3f})"
    return f"creeps in at {factor:.3f} per step (β below its critical {critical:.3f})"


class _EigenView:
    """The figure of :func:`eigen_errors_explorer`: |error| per direction against the step, GD and momentum."""

    def __init__(self, surface: Surface, gd_lr: float, lr: float, steps: int):
        self.surface, self.lr, self.steps = surface, lr, steps
        self.gd = eigen_errors(surface, optim.GD(lr=gd_lr), steps=steps)
        self._draw(gd_lr)

    def __call__(self, values: dict):
        beta = values["beta"]
        run = eigen_errors(self.surface, optim.Momentum(lr=self.lr, beta=beta), steps=self.steps)
        for i, line in enumerate(self.momentum):
            line.set_data(np.arange(len(run.errors)), np.maximum(np.abs(run.errors[:, i]), FLOOR))
        factors, critical = momentum_factors(self.lr, beta, run.curvatures), critical_betas(self.lr, run.curvatures)
        parts = [f"λ = {lam:g}: " + _motion(f, beta, c) for lam, f, c in zip(run.curvatures, factors, critical)]
        return self.fig, self.fast.png(), "; ".join(parts)

    @styled
    def _draw(self, gd_lr: float):
        self.fig, axes = new_figure(1, 2, sharey=True)
        t = np.arange(len(self.gd.errors))
        self.momentum = []
        for i, (ax, lam) in enumerate(zip(axes, self.gd.curvatures)):
            ax.plot(t, np.maximum(np.abs(self.gd.errors[:, i]), FLOOR), ":", color=OPTIMIZER_COLORS["GD"],
                    label=f"GD, α = {gd_lr:.4f}")
            (line,) = ax.plot([], [], color=OPTIMIZER_COLORS["Momentum"], gid="momentum",
                              label=f"momentum, α = {self.lr:.4f}, β from the slider")
            self.momentum.append(line)
            ax.set(yscale="log", ylim=(FLOOR, 10), xlim=(0, self.steps), xlabel="step t",
                   title=f"direction {i + 1}: curvature λ = {lam:g}")
        axes[0].set_ylabel("|error along the direction|")
        axes[1].legend(loc="lower left", fontsize=7)
        self.fig.suptitle("The error along each eigen-direction of the bowl", fontsize=10)
        self.fast = FastFigure(self.fig, self.momentum)


def eigen_errors_explorer(surface: Surface, gd_lr: float, lr: float, beta: float = 0.9, steps: int = 150) -> Explorer:
    """A β slider over the error along each eigen-direction of a quadratic, for GD and for momentum.

    ``eᵢ,t = qᵢᵀ (w_t − w*)`` (see :func:`coursekit.experiments.damping.eigen_errors`), one panel per direction,
    on a log scale: GD at ``gd_lr`` (fixed), momentum at ``lr`` and the slider's ``β``. The numbers line says,
    per direction, whether ``β`` is above its critical β (the error swings in at ``√β``) or below (it creeps in).

    Args:
        surface: a quadratic :class:`~coursekit.surfaces.Surface`.  gd_lr: GD's ``α`` > 0.
        lr: momentum's ``α`` > 0.  beta: the first ``β`` shown, in [0, 0.99].  steps: ``T``, 1 to 1000.

    Returns:
        An :class:`Explorer` with the control ``beta``.

    Reference: notebook 06; Goh (2017), "Why Momentum Really Works", Distill.

    >>> from coursekit.surfaces import elongated_quadratic
    >>> w = eigen_errors_explorer(elongated_quadratic(100.0), gd_lr=0.0198, lr=0.1, beta=0.9, steps=20)
    >>> w.controls["beta"].value = 0.5
    >>> w.summary.value.split(";")[0]
    'λ = 1: creeps in at 0.885 per step (β below its critical 0.669)'
    """
    _validate.instance(surface, "surface", Surface)
    gd_lr, lr = _validate.positive(gd_lr, "gd_lr"), _validate.positive(lr, "lr")
    beta = _validate.beta(beta, "beta")
    if beta > 0.99:
        raise ValueError(f"beta must be in [0, 0.99] (the slider's range), got {beta}")
    steps = _validate.positive_int(steps, "steps")
    if steps > 1000:
        raise ValueError(f"steps must be an integer from 1 to 1000, got {steps}")
    control = widgets.FloatSlider(value=round(beta, 2), min=0.0, max=0.99, step=0.01, description="momentum β",
                                  readout_format=".2f", continuous_update=True, style=DESCRIPTION_STYLE,
                                  layout=CONTROL_LAYOUT)
    return Explorer({"beta": control}, _EigenView(surface, gd_lr, lr, steps))


@styled
def _add_curves(fig: CourseFigure, steps_map: StepsMap, curvatures: np.ndarray) -> None:
    ax = fig.axes[0]
    lrs = np.geomspace(steps_map.lrs.min(), steps_map.lrs.max(), 400)
    betas = np.array([critical_betas(lr, curvatures) for lr in lrs])
    for i, (lam, color) in enumerate(zip(curvatures, CURVE_COLORS)):
        inside = betas[:, i] <= steps_map.betas.max()
        ax.plot(lrs[inside], betas[inside, i], "-", color=color, lw=1.5, label=f"critical damping, λ = {lam:g}")
    ax.legend(handles=ax.lines[-len(curvatures):], loc="upper left", fontsize=7)


def plot_damping_map(steps_map: StepsMap, curvatures, marks: Mapping | None = None, *,
                     stability: float | None = None, title: str = "Steps to settle, and critical damping") -> CourseFigure:
    """The map of :func:`~coursekit.show.convergence.plot_steps_map` with each direction's critical-damping curve.

    ``β = ((1 − αλ) / (1 + αλ))²`` for each ``λ`` (Goh's ``β = (1 − √(α_sum λ))²`` in the lecture's ``α``):
    above a curve that direction swings in at ``√β`` per step, below it the direction creeps in.

    Args:
        steps_map: a :class:`~coursekit.experiments.settling.StepsMap`.  curvatures: the ``λᵢ`` > 0 (one curve
            each, at most two).  marks, stability, title: as for ``plot_steps_map``.

    Returns:
        A :class:`CourseFigure`.

    Reference: notebook 06; Goh (2017), "Why Momentum Really Works", Distill.

    >>> from coursekit.experiments.settling import steps_map
    >>> from coursekit.surfaces import elongated_quadratic
    >>> m = steps_map(elongated_quadratic(10.0), np.geomspace(0.01, 1, 5), [0.0, 0.5, 0.9], tol=1e-3)
    >>> [line.get_label() for line in plot_damping_map(m, [1.0, 10.0]).axes[0].lines]
    ['critical damping, λ = 1', 'critical damping, λ = 10']
    """
    if not isinstance(steps_map, StepsMap):
        raise TypeError(f"steps_map must be a StepsMap (coursekit.experiments.settling.steps_map), "
                        f"got {type(steps_map).__name__}")
    lam = _validate.array(curvatures, "curvatures", ndim=1)
    if not 1 <= lam.size <= len(CURVE_COLORS) or np.any(lam <= 0):
        raise ValueError(f"curvatures must be one or two numbers > 0, got {lam.tolist()}")
    fig = plot_steps_map(steps_map, marks, stability=stability, title=title)
    _add_curves(fig, steps_map, lam)
    return fig
