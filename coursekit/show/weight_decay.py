"""Weight decay drawn: the accuracy of each way of decaying over one grid of λ, the sizes of ``√ŝ`` that set how
hard L2 inside Adam decays each weight, and three weights decaying, with sliders (notebook 12).

The figures take what :mod:`coursekit.experiments.weight_decay` computed; nothing here trains or measures.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from coursekit import _validate
from coursekit.experiments.weight_decay import decay_paths
from coursekit.show.controls import log_slider
from coursekit.show.explorer import Explorer, FastFigure
from coursekit.show.look import CYCLE, OPTIMIZER_COLORS, PALETTE, CourseFigure, new_figure, styled

__all__ = ["METHOD_COLORS", "decay_explorer", "plot_decay_grid", "plot_decay_paths", "plot_root_s_hat"]

#: Plain Adam keeps its colour of the course; each way of decaying has one of its own.
METHOD_COLORS = {"Adam": OPTIMIZER_COLORS["Adam"], "Adam + L2": PALETTE["blue"], "AdamW": PALETTE["reddish_purple"]}


@styled
def plot_decay_grid(weight_decays, accuracies: Mapping, baseline: float | None = None, *,
                    ylabel: str = "validation accuracy (mean of the seeds)",
                    title: str = "The same λ, two ways of decaying") -> CourseFigure:
    """An accuracy against ``λ`` (log axis), one curve per way of decaying, each best point ringed.

    Args:
        weight_decays: the grid of ``λ``, > 0.  accuracies: ``{method: one accuracy per λ}`` ("Adam + L2",
            "AdamW", or other labels).  baseline: plain Adam's accuracy, drawn as a dashed line, or None.
        ylabel, title: the axis label and the title.

    Returns:
        A :class:`CourseFigure`; each curve's ``gid`` is its method, each ring's ``"best <method>"``, the
        dashed line's ``"Adam"``.

    Reference: notebook 12.

    >>> fig = plot_decay_grid([0.01, 0.1], {"AdamW": [0.7, 0.8]}, baseline=0.75)
    >>> [line.get_gid() for line in fig.axes[0].lines]
    ['AdamW', 'best AdamW', 'Adam']
    """
    lams = _validate.array(weight_decays, "weight_decays", ndim=1)
    if not lams.size or (lams <= 0).any():
        raise ValueError(f"weight_decays must be numbers > 0 (a log axis), at least one, got {lams.tolist()}")
    accuracies = _validate.mapping(accuracies, "accuracies", "{method: one accuracy per λ}")
    fig, ax = new_figure()
    for method, values in accuracies.items():
        values = _validate.array(values, f"accuracies[{method!r}]", ndim=1)
        if values.shape != lams.shape:
            raise ValueError(f"accuracies[{method!r}] must hold one accuracy per λ ({lams.size}), got {values.size}")
        color = METHOD_COLORS.get(method, PALETTE["sky_blue"])
        ax.plot(lams, values, "o-", color=color, gid=method, label=method)
        best = int(np.argmax(values))
        ax.plot(lams[best], values[best], "o", ms=11, mfc="none", mec=color, mew=1.6, gid=f"best {method}",
                label=f"best {method}: λ = {lams[best]:g}")
    if baseline is not None:
        level = _validate.finite(baseline, "baseline")
        ax.axhline(level, ls="--", color=METHOD_COLORS["Adam"], gid="Adam", label="Adam, no decay")
    ax.set_xscale("log")
    ax.set_xlabel("λ (weight_decay)")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(loc="lower left")
    return fig


@styled
def plot_root_s_hat(root_s_hat, *, title: str = "Inside Adam, L2 decays each weight 1 / √ŝ times as hard as AdamW"
                    ) -> CourseFigure:
    """How many weights have each size of ``√ŝ``: a histogram on a log axis, and the line ``√ŝ = 1``, where
    L2 inside Adam decays a weight as hard as AdamW does at the same ``α`` and ``λ`` (left of it: harder).

    Args:
        root_s_hat: ``√ŝ`` of each weight (Adam's corrected second moment), numbers > 0, a 1-D array.

    Returns:
        A :class:`CourseFigure`; the bars' ``gid`` is ``"weights"``, the line's ``"as AdamW"``.

    Reference: notebook 12; Loshchilov & Hutter (2019), section 2.

    >>> fig = plot_root_s_hat([0.001, 0.01, 0.02])
    >>> [patch.get_gid() for patch in fig.axes[0].patches][:1], fig.axes[0].lines[0].get_gid()
    (['weights'], 'as AdamW')
    """
    roots = _validate.array(root_s_hat, "root_s_hat", ndim=1)
    if not roots.size or (roots <= 0).any():
        raise ValueError(f"root_s_hat must be numbers > 0 (a log axis), at least one, got {roots.size} values, "
                         f"smallest {roots.min() if roots.size else None!r}")
    low, high = np.floor(np.log10(roots.min())), np.ceil(np.log10(max(roots.max(), 1.0)))
    edges = 10 ** np.arange(low, high + 0.01, 0.25)
    fig, ax = new_figure()
    _, _, bars = ax.hist(roots, bins=edges, color=METHOD_COLORS["Adam + L2"], alpha=0.8)
    for bar in bars:
        bar.set_gid("weights")
    ax.axvline(1.0, color=METHOD_COLORS["AdamW"], ls="--", gid="as AdamW",
               label="√ŝ = 1: decayed as hard as by AdamW")
    ax.set_xscale("log")
    ax.set_xlabel("√ŝ of the weight after the last step (the size of its gradients)")
    ax.set_ylabel("weights and biases")
    ax.set_title(title)
    ax.legend(loc="upper right")
    return fig


@styled
def plot_decay_paths(paths: Mapping, sizes, *, title: str = "Three weights in noise: L2 inside Adam and AdamW"
                     ) -> CourseFigure:
    """Each weight against the step: L2 inside Adam dashed, one colour per gradient size, over AdamW's wide lines.

    Args:
        paths: ``{"Adam + L2": W, "AdamW": W}``, arrays of shape ``(steps + 1, len(sizes))``
            (:func:`coursekit.experiments.weight_decay.decay_paths`).  sizes: the gradient size of each weight.

    Returns:
        A :class:`CourseFigure`; each line's ``gid`` is ``"<method>, |dW| = <size>"``. AdamW's lines share one
        colour and one legend entry: they coincide while the gradients are much larger than ε.

    Reference: notebook 12.

    >>> fig = plot_decay_paths({"AdamW": np.ones((3, 1))}, [0.5])
    >>> [line.get_gid() for line in fig.axes[0].lines]
    ['AdamW, |dW| = 0.5']
    """
    sizes = _validate.array(sizes, "sizes", ndim=1)
    paths = _validate.mapping(paths, "paths", "{method: weights of shape (steps + 1, len(sizes))}")
    fig, ax = new_figure()
    drawn = sorted(paths.items(), key=lambda item: item[0] != "AdamW")  # AdamW first: the dashes go over it
    for method, weights in drawn:
        weights = _validate.array(weights, f"paths[{method!r}]", ndim=2)
        if weights.shape[1] != sizes.size:
            raise ValueError(f"paths[{method!r}] must have one column per size ({sizes.size}), got shape "
                             f"{weights.shape}")
        decoupled = method == "AdamW"  # its weights shrink alike, whatever their gradients: one colour
        for n, (size, column, color) in enumerate(zip(sizes, weights.T, CYCLE)):
            label = "AdamW, every weight" if decoupled else f"{method}, |dW| = {size:g}"
            ax.plot(np.arange(len(column)), column, "-" if decoupled else "--",
                    color=METHOD_COLORS["AdamW"] if decoupled else color, lw=5 if decoupled else 1.6,
                    alpha=0.6 if decoupled else 1.0, gid=f"{method}, |dW| = {size:g}",
                    label=label if not (decoupled and n) else None)
    ax.set_ylim(-0.35, 1.2)  # room for the overshoots of a large α
    ax.set_xlabel("step t")
    ax.set_ylabel("W (from 1)")
    ax.set_title(title)
    ax.legend(loc="center right")
    return fig


class _PathsView:
    """The figure of :func:`decay_explorer`: the lines' data redrawn, the rest kept."""

    def __init__(self, sizes: np.ndarray, steps: int, values: dict):
        self.sizes, self.steps = sizes, steps
        self.fig = plot_decay_paths(self._paths(values), sizes)
        self.lines = self.fig.axes[0].lines
        self.fast = FastFigure(self.fig, self.lines)

    def _paths(self, values: dict) -> dict:
        return decay_paths(self.sizes, values["lr"], values["weight_decay"], self.steps)

    def __call__(self, values: dict):
        paths = self._paths(values)
        lines = {line.get_gid(): line for line in self.lines}
        for method, weights in paths.items():
            for size, column in zip(self.sizes, weights.T):
                lines[f"{method}, |dW| = {size:g}"].set_ydata(column)
        final = ", ".join(f"{w:.3f}" for w in paths["Adam + L2"][-1])
        shrink = (1 - values["lr"] * values["weight_decay"]) ** self.steps
        summary = (f"after {self.steps} steps: AdamW W = {paths['AdamW'][-1][0]:.3f} for each weight "
                   f"((1 − αλ)ᵗ = {shrink:.3f}); L2 inside Adam W = {final}")
        return self.fig, self.fast.png(), summary


def decay_explorer(lr: float = 0.01, weight_decay: float = 0.1, steps: int = 300,
                   sizes=(0.01, 1.0, 100.0)) -> Explorer:
    """Sliders for ``α`` and ``λ`` over three weights in noise, decayed by L2 inside Adam and by AdamW.

    Args:
        lr: ``α``.  weight_decay: ``λ``.  steps: the steps shown.  sizes: each weight's gradient size.

    Returns:
        An :class:`Explorer`; its numbers line gives each weight after the last step.

    Reference: notebook 12.

    >>> w = decay_explorer(steps=100)
    >>> w.controls["weight_decay"].value = 1.0
    >>> round(float(w.figure.axes[0].lines[0].get_ydata()[-1]), 2)   # AdamW: about (1 − 0.01 · 1)^100 = 0.37
    0.37
    """
    sizes = _validate.array(sizes, "sizes", ndim=1)
    steps = _validate.positive_int(steps, "steps")
    controls = {"lr": log_slider("α", _validate.positive(lr, "lr"), 1e-3, 0.1),
                "weight_decay": log_slider("λ (weight_decay)", _validate.positive(weight_decay, "weight_decay"),
                                           1e-3, 10.0)}
    values = {name: control.value for name, control in controls.items()}
    return Explorer(controls, _PathsView(sizes, steps, values))
