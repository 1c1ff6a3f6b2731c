"""How fast optimizers converge, drawn: the steps over a grid of (α, β), momentum's velocity and RMSprop's
effective step per coordinate (notebooks 06-07). Sweeps over α are drawn by :mod:`coursekit.show.sweeps`.

The numbers come from :mod:`coursekit.experiments.settling` and :mod:`coursekit.experiments.along_path`; these functions only draw.
"""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib
import numpy as np
from matplotlib.colors import LogNorm
from matplotlib.patches import Patch

from coursekit import _validate
from coursekit.experiments.settling import StepsMap
from coursekit.show.look import DATA_COLOR, PALETTE, CourseFigure, colors_for, new_figure, styled

#: The colour of the grid points that never get there (they diverge, or need more than the budget).
NEVER_COLOR = "#d9d9d9"
#: How the marks of :func:`plot_steps_map` look: marker, face colour, size.
MARK_STYLES = (("*", "white", 15), ("o", PALETTE["orange"], 8), ("s", PALETTE["sky_blue"], 7), ("^", "white", 8))


def _mapping(value, name: str) -> Mapping:
    if not isinstance(value, Mapping) or not value:
        raise TypeError(f"{name} must be a non-empty dict, got {value!r:.80}")
    return value


@styled
def plot_steps_map(steps_map: StepsMap, marks: Mapping | None = None, *, stability: float | None = None,
                   title: str = "Steps to settle near the minimum") -> CourseFigure:
    """A heat map of the steps momentum needs over a grid of ``(α, β)``; grey where it never gets there.

    ``v = β v + (1 − β) dW``, ``W := W − α v``; the row ``β = 0`` is gradient descent. With ``stability`` =
    ``λ_max`` the limit ``α = 2 (1 + β) / ((1 − β) λ_max)`` is drawn dashed: beyond it the path diverges.

    Args:
        steps_map: a :class:`~coursekit.experiments.settling.StepsMap` from :func:`coursekit.experiments.settling.steps_map`.
        marks: ``{label: (α, β)}`` points to mark (the theory's optimum, the best measured, ...), drawn in order
            with the styles of ``MARK_STYLES``.
        stability: ``λ_max``, to draw the stability limit.  title: the figure's title.

    Returns:
        A :class:`CourseFigure` with the map (log colour scale) and a colour bar.

    Reference: notebook 06; Goh (2017), "Why Momentum Really Works", Distill.

    >>> from coursekit.experiments.settling import steps_map
    >>> from coursekit.surfaces import elongated_quadratic
    >>> m = steps_map(elongated_quadratic(10.0), np.geomspace(0.01, 1, 5), [0.0, 0.5, 0.9], tol=1e-3)
    >>> fig = plot_steps_map(m, {"a mark": (0.1, 0.5)}, stability=10.0)
    >>> [line.get_label() for line in fig.axes[0].lines]
    ['stability limit', 'a mark']
    """
    if not isinstance(steps_map, StepsMap):
        raise TypeError(f"steps_map must be a StepsMap (coursekit.experiments.settling.steps_map), got {type(steps_map).__name__}")
    marks = {} if marks is None else _mapping(marks, "marks")
    if len(marks) > len(MARK_STYLES):
        raise ValueError(f"marks must hold at most {len(MARK_STYLES)} points, got {len(marks)}")
    fig, ax = new_figure()
    steps = np.ma.masked_invalid(steps_map.steps)
    finite = steps_map.steps[np.isfinite(steps_map.steps)]
    norm = LogNorm(vmin=max(1.0, finite.min()), vmax=finite.max()) if finite.size else None
    mesh = ax.pcolormesh(steps_map.lrs, steps_map.betas, steps, shading="nearest", norm=norm,
                         cmap=matplotlib.colormaps["viridis"].with_extremes(bad=NEVER_COLOR))
    fig.colorbar(mesh, ax=ax, label="steps to settle (log scale)")
    ax.set_xscale("log")
    handles = [Patch(facecolor=NEVER_COLOR, label="never within the budget")]
    if stability is not None:
        lam = _validate.positive(stability, "stability")
        beta = np.linspace(steps_map.betas.min(), steps_map.betas.max(), 200)
        ax.plot(2 * (1 + beta) / ((1 - beta) * lam), beta, "--", color="black", lw=1.5, label="stability limit")
        handles.append(ax.lines[-1])
    for (label, point), (marker, face, size) in zip(marks.items(), MARK_STYLES):
        lr, beta = point
        ax.plot([lr], [beta], marker, mfc=face, mec="black", ms=size, ls="none", label=label)
        handles.append(ax.lines[-1])
    ax.set(xlim=(steps_map.lrs.min(), steps_map.lrs.max()), ylim=(steps_map.betas.min(), steps_map.betas.max()),
           xlabel="learning rate α (log scale)", ylabel="momentum β", title=title)
    ax.grid(False)
    fig.legend(handles=handles, loc="outside lower center", ncols=min(3, len(handles)), fontsize=7)
    return fig


@styled
def plot_velocity(grads, velocity, *, beta: float,
                  title: str = "The velocity averages the gradients") -> CourseFigure:
    """Each coordinate's gradient ``dW_t`` (dots) and momentum's velocity ``v_t`` (line), one panel per coordinate.

    ``v_t = β v_{t−1} + (1 − β) dW_t``: across the valley the gradients alternate in sign and average out;
    along it they agree and the velocity keeps their size.

    Args:
        grads: the gradients, shape ``(T, 2)`` (:func:`coursekit.experiments.along_path.gradients`).
        velocity: the velocities, shape ``(T, 2)`` (:func:`coursekit.experiments.along_path.averages` of ``grads``).
        beta: the ``β`` they were averaged with (for the legend and its colour).  title: the figure's title.

    Returns:
        A :class:`CourseFigure` with two axes: x (the flat direction) and y (the steep one).

    Reference: notebooks 04 and 06.

    >>> g = np.array([[1.0, 10.0], [1.0, -10.0], [1.0, 10.0]])
    >>> [ax.get_title() for ax in plot_velocity(g, g / 2, beta=0.5).axes]
    ['w₁: along the valley', 'w₂: across the valley']
    """
    grads = _validate.array(grads, "grads", ndim=2)
    velocity = _validate.array(velocity, "velocity", ndim=2)
    if grads.shape != velocity.shape or grads.shape[1] != 2:
        raise ValueError(f"grads and velocity must both have shape (T, 2), got {grads.shape} and {velocity.shape}")
    beta = _validate.beta(beta, "beta")
    color = colors_for([beta])[beta]
    fig, axes = new_figure(1, 2)
    t = np.arange(1, len(grads) + 1)
    for i, (ax, name) in enumerate(zip(axes, ("w₁: along the valley", "w₂: across the valley"))):
        ax.plot(t, grads[:, i], ".", color=DATA_COLOR, label="gradient dW", gid="gradient")
        ax.plot(t, velocity[:, i], color=color, label=f"velocity v (β = {beta:g})", gid="velocity")
        ax.axhline(0, color="black", lw=0.6)
        ax.set(xlabel="step t", title=name)
    axes[0].set_ylabel("component")
    axes[1].legend(loc="upper right", fontsize=7)
    fig.suptitle(title, fontsize=10)
    return fig


@styled
def plot_effective_steps(effective, references: Mapping | None = None, *,
                         title: str = "RMSprop's step per unit of gradient") -> CourseFigure:
    """RMSprop's effective step ``α / (√s_t + ε)`` per coordinate over the steps, with reference levels.

    Args:
        effective: shape ``(T, 2)`` from :func:`coursekit.experiments.along_path.effective_step` along a path.
        references: ``{label: value}`` horizontal lines (e.g. gradient descent's ``α`` or ``2 / λ``).
        title: the figure's title.

    Returns:
        A :class:`CourseFigure` (log scale) whose lines, labelled by the notebook's names ``w₁`` and ``w₂``, have
        ``gid`` ``"x"``, ``"y"`` and each reference's label.

    Reference: notebook 07.

    >>> fig = plot_effective_steps(np.array([[0.1, 0.001], [0.2, 0.002]]), {"GD's α": 0.02})
    >>> [line.get_gid() for line in fig.axes[0].lines]
    ['x', 'y', "GD's α"]
    """
    effective = _validate.array(effective, "effective", ndim=2)
    if effective.shape[1] != 2:
        raise ValueError(f"effective must have shape (T, 2), got {effective.shape}")
    references = {} if references is None else _mapping(references, "references")
    fig, ax = new_figure()
    t = np.arange(1, len(effective) + 1)
    ax.plot(t, effective[:, 0], color=PALETTE["blue"], label="w₁, along the valley (flat)", gid="x")
    ax.plot(t, effective[:, 1], color=PALETTE["vermillion"], label="w₂, across it (steep)", gid="y")
    for (label, value), style in zip(references.items(), ("--", ":", "-.")):
        ax.axhline(_validate.positive(value, f"references[{label!r}]"), ls=style, color="black", lw=1,
                   label=str(label), gid=str(label))
    ax.set_yscale("log")
    ax.set(xlabel="step t", ylabel="α / (√s + ε)  (log scale)", title=title)
    ax.legend(loc="best", fontsize=7)
    return fig
