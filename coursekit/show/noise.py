"""Gradient noise and the way out of a poor minimum, drawn: a noise slider and an anneal switch (notebook 10).

:func:`noise_escape_explorer` draws what :func:`coursekit.experiments.noise_escape.escape_data` returns: where
the runs of one seed end on the bowl, and the share of starts that end in the deepest well against ``σ``.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from coursekit import _validate
from coursekit.experiments.noise_escape import MODES, NoiseEscape
from coursekit.show.controls import CONTROL_LAYOUT, DESCRIPTION_STYLE
from coursekit.show.explorer import Explorer, FastFigure
from coursekit.show.look import DATA_COLOR, PALETTE, new_figure, styled
from coursekit.show.surfaces import _surface_grid

#: One colour per mode of the noise, and one for the runs that end in the deepest well.
MODE_COLORS, DEEPEST_COLOR = {"constant": PALETTE["blue"], "annealed": PALETTE["orange"]}, PALETTE["vermillion"]


class _NoiseView:
    """The figure of :func:`noise_escape_explorer`: the end points of one seed, and the shares against ``σ``."""

    def __init__(self, data: NoiseEscape):
        self.data, self.surface = data, data.surface
        self._draw()

    def __call__(self, values: dict):
        row, level = int(values["annealed"]), int(np.flatnonzero(self.data.sigmas == values["sigma"])[0])
        mode = MODES[row]
        ends, deepest = self.data.ends[row, level, 0], self.data.deepest[row, level, 0]
        self.inside.set_data(ends[deepest, 0], ends[deepest, 1])
        self.elsewhere.set_data(ends[~deepest, 0], ends[~deepest, 1])
        shares = self.data.shares[row, level]
        sigma = self.data.sigmas[level]
        self.marker.set_data([sigma] if sigma > 0 else [], [shares.mean()] if sigma > 0 else [])
        self.marker.set_color(MODE_COLORS[mode])
        name = "no noise" if sigma == 0 else (f"σ = {sigma:g}" if mode == "constant" else f"σ₀ = {sigma:g}, annealed")
        without = self.data.shares[0, self.data.sigmas == 0]
        summary = (f"{name}: {shares.mean():.0%} of the {self.data.starts.shape[0]} starts end in the deepest well "
                   f"({shares.min():.0%} to {shares.max():.0%} over {len(self.data.seeds)} seeds"
                   + (f"; no noise: {without.mean():.0%})" if without.size else ")"))
        return self.fig, self.fast.png(), summary

    @styled
    def _draw(self):
        data, surface = self.data, self.surface
        self.fig, (bowl, shares) = new_figure(1, 2)
        X, Y, Z = _surface_grid(surface, resolution=100)
        bowl.contour(X, Y, Z, levels=12, colors=DATA_COLOR, linewidths=0.5, linestyles="solid")
        bowl.grid(False)
        (self.elsewhere,) = bowl.plot([], [], ".", color=DATA_COLOR, ms=3, gid="elsewhere", label="in another well")
        (self.inside,) = bowl.plot([], [], ".", color=DEEPEST_COLOR, ms=3, gid="deepest",
                                label="in the deepest well")
        # drawn after the end points (dynamic, listed last), so that the dots never cover it
        (self.star,) = bowl.plot(*surface.minima[0], "*", color="black", mec="white", mew=1.0, ms=14, gid="minimum",
                                 label="the deepest minimum")
        bowl.set(xlim=surface.xlim, ylim=surface.ylim, aspect="equal", xlabel="w₁", ylabel="w₂",
                 title=f"where the runs end (seed {data.seeds[0]})")
        bowl.legend(loc="lower left", fontsize=7)
        noisy = data.sigmas > 0
        for row, mode in enumerate(MODES):
            share = data.shares[row][noisy]
            label = "σ constant" if mode == "constant" else f"annealed, τ = {data.tau:g}"
            shares.fill_between(data.sigmas[noisy], share.min(axis=1), share.max(axis=1), color=MODE_COLORS[mode],
                                alpha=0.25, lw=0)
            shares.plot(data.sigmas[noisy], share.mean(axis=1), "-", color=MODE_COLORS[mode], label=label, gid=mode)
        if not noisy.all():
            shares.axhline(data.shares[0, ~noisy].mean(), color="black", ls=":", lw=1, label="no noise")
        (self.marker,) = shares.plot([], [], "o", ms=8, mec="black", gid="marker")
        shares.set(xscale="log", ylim=(0, 1), xlabel="noise σ (σ₀ when annealed), log scale",
                   ylabel="share in the deepest well", title="mean and range over the seeds")
        shares.legend(loc="lower right", fontsize=7)
        self.fast = FastFigure(self.fig, [self.elsewhere, self.inside, self.star, self.marker])


def noise_escape_explorer(data, sigma: float = 1.0, annealed: bool = False) -> Explorer:
    """A noise slider (``σ``, log scale, 0 included) and an anneal switch over noisy descent from many starts.

    Left, the end points ``w_T`` of the first seed's runs over the bowl, coloured by whether the run settles in
    the deepest well; right, the share of starts that do against ``σ``, for constant and annealed noise
    (``σ_t = σ₀ / (1 + t/τ)``), the mean over the seeds with a band from the lowest to the highest.
    Everything is computed before (:func:`coursekit.experiments.noise_escape.escape_data`): a move only redraws.

    Args:
        data: a :class:`~coursekit.experiments.noise_escape.NoiseEscape`.
        sigma: the first ``σ`` shown, one of ``data.sigmas``.  annealed: whether the switch starts on.

    Returns:
        An :class:`Explorer`; its numbers line gives the share at the chosen ``σ`` and its spread over the seeds.

    Reference: notebook 10.

    >>> from coursekit.experiments.noise_escape import escape_data
    >>> from coursekit.surfaces import several_minima
    >>> w = noise_escape_explorer(escape_data(several_minima(), [[-2.5, 2.5], [1.0, 1.0]], (0.0, 1.0), (0, 1)))
    >>> w.controls["annealed"].value = True
    >>> w.summary.value
    'σ₀ = 1, annealed: 50% of the 2 starts end in the deepest well (50% to 50% over 2 seeds; no noise: 50%)'
    """
    if not isinstance(data, NoiseEscape):
        raise TypeError(f"data must be the NoiseEscape of escape_data, got {type(data).__name__}")
    sigmas = [float(s) for s in data.sigmas]
    if sigma not in sigmas:
        raise ValueError(f"sigma must be one of data.sigmas {sigmas}, got {sigma!r}")
    controls = {
        "sigma": widgets.SelectionSlider(description="noise σ (log scale)", options=[(f"{s:g}", s) for s in sigmas],
                                         value=float(sigma), style=DESCRIPTION_STYLE, layout=CONTROL_LAYOUT),
        "annealed": widgets.Checkbox(description="anneal: σ_t = σ₀ / (1 + t/τ)",
                                     value=_validate.boolean(annealed, "annealed"), style=DESCRIPTION_STYLE,
                                     layout=CONTROL_LAYOUT),
    }
    return Explorer(controls, _NoiseView(data))
