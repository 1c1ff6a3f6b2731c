"""Gradient noise, drawn: the spread of mini-batch gradients by size, their cloud around the full gradient,
and noisy descent paths on a 2-D bowl, each with a mini-batch-size slider (notebook 03).

The numbers come from :func:`~coursekit.experiments.gradient_noise.gradient_noise_data` and
:func:`~coursekit.experiments.gradient_noise.noisy_descent_data`; the ``plot_*`` and ``*_explorer`` functions
draw what they return.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from coursekit.experiments.gradient_noise import NoiseData, NoisyPaths
from coursekit.show.controls import CONTROL_LAYOUT, DESCRIPTION_STYLE
from coursekit.show.explorer import Explorer, FastFigure
from coursekit.show.look import CYCLE, DATA_COLOR, PALETTE, CourseFigure, new_figure, style, styled


def _checked_noise(data) -> NoiseData:
    if not isinstance(data, NoiseData):
        raise TypeError(f"data must be the NoiseData of gradient_noise_data, got {type(data).__name__}")
    return data


def _reference_constant(data: NoiseData) -> float:
    """``c`` of the line ``c / √size`` through the measured spreads (their geometric mean of ``spread · √size``,
    over the sizes up to ``m / 8``, where the overlap with the whole set is negligible).

    >>> data = NoiseData((1, 4), 100, np.zeros(2), {}, np.array([2.0, 1.0]), np.ones(2))
    >>> _reference_constant(data)
    2.0
    """
    sizes = np.array(data.sizes, dtype=float)
    small = sizes <= data.m / 8
    return float(np.exp(np.mean(np.log(data.spread[small] * np.sqrt(sizes[small])))))


@styled
def plot_gradient_noise(data) -> CourseFigure:
    """The measured spread of mini-batch gradients against the size, with the line ``c / √size``.

    The dotted curve multiplies the line by ``√((m − size) / (m − 1))``: mini-batches drawn without
    replacement overlap the whole set more as the size nears ``m``, and the spread is 0 at ``size = m``.

    Args:
        data: a :class:`~coursekit.experiments.gradient_noise.NoiseData` from
            :func:`~coursekit.experiments.gradient_noise.gradient_noise_data`.

    Returns:
        A :class:`CourseFigure` on log-log axes (lines with ``gid`` "line", "overlap", "measured" and
        "full gradient", a level line at ``||g||``).

    Reference: notebook 03.

    >>> data = NoiseData((1, 4, 16), 1000, np.ones(3), {}, np.array([2.0, 1.0, 0.5]), np.ones(3))
    >>> [line.get_gid() for line in plot_gradient_noise(data).axes[0].lines]
    ['line', 'overlap', 'measured', 'full gradient']
    """
    data = _checked_noise(data)
    sizes = np.array(data.sizes, dtype=float)
    c = _reference_constant(data)
    fine = np.geomspace(1, sizes.max(), 100)
    fig, ax = new_figure()
    ax.plot(fine, c / np.sqrt(fine), "--", color="black", lw=1, label=f"{c:.2f} / √size", gid="line")
    overlap = c / np.sqrt(fine) * np.sqrt((data.m - fine) / (data.m - 1))
    ax.plot(fine, overlap, ":", color="black", lw=1, label="× √((m − size)/(m − 1))", gid="overlap")
    ax.plot(sizes, data.spread, "o", color=CYCLE[0], ms=7, label="measured spread", gid="measured")
    ax.axhline(np.linalg.norm(data.full), color=PALETTE["vermillion"], lw=1,
               label=f"length of the full gradient ‖g‖ = {np.linalg.norm(data.full):.2f}", gid="full gradient")
    ax.set(xscale="log", yscale="log", xlabel="mini-batch size",
           ylabel="spread  √mean ‖g{t} − g‖²", title="Mini-batch gradients scatter less as the size grows")
    ax.legend(loc="lower left")
    return fig


def _plane(data: NoiseData) -> np.ndarray:
    """Two orthonormal directions: along the full gradient, and the widest spread of size-1 gradients across it."""
    along = data.full / np.linalg.norm(data.full)
    noise = data.grads[data.sizes[0]] - data.full
    noise = noise - np.outer(noise @ along, along)
    _, _, vt = np.linalg.svd(noise, full_matrices=False)
    return np.array([along, vt[0]])


class _CloudView:
    """The figure of :func:`gradient_noise_explorer`: the mini-batch gradients of one size, projected on a plane."""

    def __init__(self, data: NoiseData):
        self.data, plane, length = data, _plane(data), np.linalg.norm(data.full)
        self.points = {size: (data.grads[size] - data.full) @ plane.T + [length, 0] for size in data.sizes}
        widest = self.points[data.sizes[0]]
        reach = 1.1 * max(np.abs(widest[:, 0]).max(), 1.5 * np.abs(widest[:, 1]).max())
        with style():
            self.fig, ax = new_figure()
            ax.set(xlim=(-reach, reach), ylim=(-reach / 1.5, reach / 1.5), aspect="equal",
                   xlabel="along the full gradient g", ylabel="across g (where size-1 gradients spread most)",
                   title=" ")
            ax.axhline(0, color=DATA_COLOR, lw=0.6)
            ax.axvline(0, color=DATA_COLOR, lw=0.6)
            self.cloud, = ax.plot([], [], "o", color=CYCLE[0], ms=4, alpha=0.7, label="mini-batch gradients g{t}",
                                 gid="cloud")
            ax.annotate("", xy=(length, 0), xytext=(0, 0),
                        arrowprops=dict(arrowstyle="-|>", color=PALETTE["vermillion"], lw=2))
            ax.plot([], [], color=PALETTE["vermillion"], lw=2, label="full gradient g")
            ax.legend(loc="upper left")
        self.fast = FastFigure(self.fig, [self.cloud, ax.title])

    def __call__(self, values: dict):
        size, data = values["mini_batch_size"], self.data
        xy, spread = self.points[size], data.spread[data.sizes.index(size)]
        self.cloud.set_data(xy[:, 0], xy[:, 1])
        with style():
            self.fig.axes[0].set_title(f"{len(xy)} mini-batches of {size}, seen in a plane through g")
        downhill = data.downhill[data.sizes.index(size)]
        summary = (
            f"size {size}: spread {spread:.3f} = spread of size 1 / {data.spread[0] / spread:.2f} "
            f"(√{size} = {np.sqrt(size):.2f}); ‖g‖ = {np.linalg.norm(data.full):.3f}; "
            f"{downhill:.0%} of these g{{t}} point downhill (g{{t}}·g > 0)"
        )
        return self.fig, self.fast.png(), summary


def gradient_noise_explorer(data) -> Explorer:
    """A mini-batch-size slider over the cloud of mini-batch gradients around the full gradient ``g``.

    The gradients live in as many dimensions as the network has parameters; the picture projects them
    on the plane spanned by ``g`` and the direction in which size-1 gradients scatter most across it
    (fixed for every size, so the clouds compare). The line under the figure gives the spread, measured
    in every dimension.

    Args:
        data: a :class:`~coursekit.experiments.gradient_noise.NoiseData` from
            :func:`~coursekit.experiments.gradient_noise.gradient_noise_data`.

    Returns:
        An :class:`Explorer` (everything is precomputed: the slider only redraws).

    Reference: notebook 03.

    >>> X, Y = np.arange(16.0).reshape(2, 8), np.array([[0.0, 1.0] * 4])
    >>> from coursekit import nn
    >>> from coursekit.experiments.gradient_noise import gradient_noise_data
    >>> w = gradient_noise_explorer(gradient_noise_data(X, Y, nn.init_params([2, 3, 1]), sizes=(1, 4), count=8))
    >>> w.controls["mini_batch_size"].options
    (('1', 1), ('4', 4))
    """
    data = _checked_noise(data)
    size_slider = widgets.SelectionSlider(options=[(str(s), s) for s in data.sizes], value=data.sizes[0],
                                          description="mini-batch size", style=DESCRIPTION_STYLE, layout=CONTROL_LAYOUT)
    return Explorer({"mini_batch_size": size_slider}, _CloudView(data))


class _PathView:
    """The figure of :func:`noisy_descent_explorer`: contours, the noiseless path and one noisy path."""

    def __init__(self, data: NoisyPaths):
        self.data, surface = data, data.surface
        X, Y = np.meshgrid(np.linspace(*surface.xlim, 150), np.linspace(*surface.ylim, 150))
        Z = surface.f(X, Y)
        levels = np.quantile(Z, np.linspace(0, 1, 15))
        with style():
            self.fig, ax = new_figure()
            ax.contourf(X, Y, Z, levels=levels, cmap="Greys_r", alpha=0.35)
            ax.contour(X, Y, Z, levels=levels, colors="#777777", linewidths=0.5)
            ax.grid(False)
            ref = data.reference.points
            ax.plot(ref[:, 0], ref[:, 1], "--", color="black", lw=1.2, label="no noise (batch GD)")
            self.path, = ax.plot([], [], ".-", color=CYCLE[0], lw=1, ms=4, label="with mini-batch noise", gid="path")
            ax.plot(*surface.start, "o", color="black", ms=6, label="start")
            ax.plot(*surface.minima[0], "*", color="black", ms=10, label="minimum")
            ax.set(xlim=surface.xlim, ylim=surface.ylim, xlabel="w₁ (first parameter)",
                   ylabel="w₂ (second parameter)", title=" ")
            self.fig.legend(loc="outside right upper")
        self.fast = FastFigure(self.fig, [self.path, ax.title])

    def __call__(self, values: dict):
        size, data = values["mini_batch_size"], self.data
        points = data.paths[size].points
        self.path.set_data(points[:, 0], points[:, 1])
        with style():
            self.fig.axes[0].set_title(f"{len(points) - 1} steps with the gradient noise of mini-batches of {size}")
        smallest, last = min(data.paths), (len(points) - 1) - (len(points) - 1) // 2
        summary = (f"size {size}: over the last {last} steps the path stays {data.wander[size]:.3f} from the "
                   f"minimum (root mean square)")
        if size != smallest:
            summary += f", {data.wander[smallest] / data.wander[size]:.1f} times closer than size {smallest}"
        return self.fig, self.fast.png(), summary


def noisy_descent_explorer(data) -> Explorer:
    """A mini-batch-size slider over a noisy descent path on a 2-D bowl, beside the path without noise.

    Args:
        data: a :class:`~coursekit.experiments.gradient_noise.NoisyPaths` from
            :func:`~coursekit.experiments.gradient_noise.noisy_descent_data`.

    Returns:
        An :class:`Explorer` (the paths are precomputed: the slider only redraws).

    Reference: notebook 03.

    >>> from coursekit.experiments.gradient_noise import noisy_descent_data
    >>> from coursekit.surfaces import elongated_quadratic
    >>> w = noisy_descent_explorer(noisy_descent_data(elongated_quadratic(5.0), sizes=(1, 16), steps=10))
    >>> w.controls["mini_batch_size"].value
    1
    """
    if not isinstance(data, NoisyPaths):
        raise TypeError(f"data must be the NoisyPaths of noisy_descent_data, got {type(data).__name__}")
    sizes = sorted(data.paths)
    size_slider = widgets.SelectionSlider(options=[(str(s), s) for s in sizes], value=sizes[0],
                                          description="mini-batch size", style=DESCRIPTION_STYLE, layout=CONTROL_LAYOUT)
    return Explorer({"mini_batch_size": size_slider}, _PathView(data))
