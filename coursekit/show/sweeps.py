"""A learning-rate sweep drawn: a value (a cost, the steps to settle) against α, one curve per optimizer or
mini-batch size, each one's best α ringed (notebooks 02, 06-08).

The fair comparison of the course is each contender at its own best learning rate; every sweep of the
course — over mini-batch sizes (:mod:`coursekit.experiments.batch_size`), over optimizers on a surface
(:mod:`coursekit.experiments.settling`) or on a data set (:mod:`coursekit.experiments.sweeps`) — is drawn by this one figure.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from coursekit import _validate
from coursekit.show.look import CourseFigure, colors_for, new_figure, styled


def _curve(value, name: str) -> tuple[np.ndarray, np.ndarray]:
    """A pair ``(learning rates, values)``, or an object whose ``curve()`` gives one (e.g. a ``settling.StepsByLr``)."""
    if hasattr(value, "curve"):
        value = value.curve()
    if isinstance(value, tuple) and len(value) == 2:
        lrs = _validate.array(value[0], f"{name} learning rates", ndim=1)
        values = _validate.array(value[1], f"{name} values", ndim=1, finite=False)
        if lrs.shape != values.shape:
            raise ValueError(f"{name} must pair one value with each learning rate, got {lrs.shape} and {values.shape}")
        return lrs, values
    raise TypeError(f"{name} must be a sweep or a pair (learning rates, values), got {type(value).__name__}")


@styled
def plot_lr_sweeps(sweeps: Mapping, *, ylabel: str = "steps to settle", log_y: bool = True,
                   title: str = "Each optimizer at its own best learning rate", colors: Mapping | None = None,
                   level: float | None = None) -> CourseFigure:
    """A learning-rate sweep per contender: a value (steps, a cost) against ``α``, each best one ringed.

    The fair comparison of the course: each at the ``α`` where its value is lowest (ringed, and named in
    the legend). Points where the value is NaN (never reached, diverged, stopped) are left out of the
    curve and drawn as crosses at the bottom.

    Args:
        sweeps: ``{label: (learning rates, values)}`` or ``{label: sweep}`` with a ``curve()`` method
            (``settling.StepsByLr``); ``sweeps.Sweep.curves()`` and ``SizeSweep.curves()`` give such dicts.
            Optimizer names keep their colours.
        ylabel: what the values are.  log_y: a logarithmic value axis.  title: the figure's title.
        colors: ``{label: colour}`` for some labels (the others: :func:`coursekit.show.look.colors_for`).
        level: a value drawn as a dashed line (the "good enough" level of a claim), or None.

    Returns:
        A :class:`CourseFigure`; each curve's ``gid`` is its label, each ring's ``"best <label>"``, the
        crosses' (if any) ``"<label> never"``.

    Reference: notebooks 02, 06-08.

    >>> fig = plot_lr_sweeps({"GD": ([0.1, 0.2, 0.4], [30.0, 12.0, np.nan])})
    >>> [line.get_gid() for line in fig.axes[0].lines]
    ['GD', 'best GD', 'GD never']
    """
    if not isinstance(sweeps, Mapping) or not sweeps:
        raise TypeError(f"sweeps must be a non-empty dict, got {sweeps!r:.80}")
    curves = {label: _curve(value, f"sweeps[{label!r}]") for label, value in sweeps.items()}
    palette = {**colors_for(curves), **(colors or {})}
    fig, ax = new_figure()
    for label, (lrs, values) in curves.items():
        ok = np.isfinite(values)
        best = int(np.nanargmin(np.where(ok, values, np.nan))) if ok.any() else None
        text = str(label) if best is None else f"{label}: best α = {lrs[best]:.3g} ({values[best]:.3g})"
        ax.plot(lrs[ok], values[ok], "o-", color=palette[label], ms=4, label=text, gid=str(label))
        if best is not None:
            ax.plot([lrs[best]], [values[best]], "o", ms=12, mfc="none", mec=palette[label], mew=2,
                    gid=f"best {label}")
        if not ok.all():  # (an empty line outside the axes would still take room in the layout)
            ax.plot(lrs[~ok], np.zeros(int((~ok).sum())), "x", color=palette[label], ms=6, gid=f"{label} never",
                    transform=ax.get_xaxis_transform(), clip_on=False)
    if level is not None:
        ax.axhline(_validate.positive(level, "level"), color="black", ls="--", lw=1, label=f"{level:g}")
    ax.set_xscale("log")
    tried = np.unique(np.concatenate([lrs for lrs, _ in curves.values()]))
    if len(tried) <= 8:  # a short sweep: label exactly the values tried
        ax.set_xticks(tried, [f"{lr:g}" for lr in tried])
        ax.minorticks_off()
    if log_y:
        ax.set_yscale("log")
    ax.set(xlabel="learning rate α (log scale)", ylabel=ylabel, title=title)
    fig.legend(loc="outside lower center", fontsize=7, ncols=min(2, len(curves) + (level is not None)))
    return fig
