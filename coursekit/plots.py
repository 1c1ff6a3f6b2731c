"""The course's figures, in one shared look (SYLLABUS §1-9).

Every function returns a :class:`CourseFigure`: a matplotlib figure of ``FIGSIZE`` inches at ``DPI``
(600 × 400 px) that Jupyter shows once, as a PNG, whatever the backend. It is never registered with
pyplot, so figures do not pile up and ``plt.show()`` is never needed. The look (``STYLE``) is applied
with ``matplotlib.rc_context`` while a figure is built; the global ``rcParams`` are never changed.
Colours come from the colour-blind-safe palette of Okabe & Ito; each optimizer keeps its colour in
every figure of the course (``OPTIMIZER_COLORS``).
"""

from __future__ import annotations

import contextlib
import functools
import math
import struct
import zlib
from collections.abc import Mapping

import matplotlib
import numpy as np
from cycler import cycler
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from coursekit import _validate
from coursekit.surfaces import Surface, Trajectory

#: Okabe & Ito (2008), "Color Universal Design": eight colours told apart with any colour vision.
PALETTE = {
    "black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7",
}
#: One colour per optimizer, the same in every figure.
OPTIMIZER_COLORS = {
    "GD": PALETTE["vermillion"], "Momentum": PALETTE["blue"],
    "RMSprop": PALETTE["bluish_green"], "Adam": PALETTE["orange"],
}
#: The order of colours for other series (yellow left out: too pale on white).
CYCLE = tuple(PALETTE[k] for k in ("blue", "orange", "bluish_green", "vermillion", "reddish_purple", "sky_blue",
                                   "black"))
#: Raw data (temperatures, mini-batch costs) in a neutral grey, behind the coloured curves.
DATA_COLOR = "#999999"
FIGSIZE, DPI = (6.0, 4.0), 100
STYLE = {
    "font.size": 9, "axes.titlesize": 10, "axes.labelsize": 9, "legend.fontsize": 8,
    "axes.grid": True, "grid.alpha": 0.3, "axes.spines.top": False, "axes.spines.right": False,
    "axes.prop_cycle": cycler(color=CYCLE), "lines.linewidth": 1.6, "lines.markersize": 3,
}


class CourseFigure(Figure):
    """A matplotlib figure that Jupyter shows as one PNG (``_repr_png_``), whatever the backend, without pyplot.

    Its ``repr`` is matplotlib's, e.g. ``<Figure size 600x400 with 1 Axes>``, which nbval compares as text.

    >>> fig, ax = new_figure()
    >>> fig._repr_png_()[1:4]
    b'PNG'
    """

    def _repr_png_(self) -> bytes:
        return figure_png(self)

    def __repr__(self) -> str:
        return super().__repr__().replace(type(self).__name__, "Figure", 1)


@contextlib.contextmanager
def style():
    """Apply the course's look (``STYLE``) inside a ``with`` block only; rcParams are restored after.

    >>> with style():
    ...     matplotlib.rcParams["font.size"]
    9.0
    """
    with matplotlib.rc_context(STYLE):
        yield


def _styled(plot):
    """Build a figure inside :func:`style`."""

    @functools.wraps(plot)
    def styled(*args, **kwargs):
        with style():
            return plot(*args, **kwargs)

    return styled


def new_figure(nrows: int = 1, ncols: int = 1, **subplot_kw) -> tuple[CourseFigure, object]:
    """A styled ``FIGSIZE`` figure with an Agg canvas and its axes (an array when there are several).

    >>> fig, ax = new_figure()
    >>> fig
    <Figure size 600x400 with 1 Axes>
    """
    with style():
        fig = CourseFigure(figsize=FIGSIZE, dpi=DPI, layout="constrained")
        FigureCanvasAgg(fig)
        return fig, fig.subplots(nrows, ncols, subplot_kw=subplot_kw or None)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def encode_png(canvas: FigureCanvasAgg, level: int = 6) -> bytes:
    """What is drawn on an Agg canvas as PNG bytes: 8-bit RGB rows, unfiltered, compressed by zlib at ``level``.

    Written with numpy and zlib: Pillow's adaptive row filters would take most of a widget's time,
    and on these flat plots they make the file no smaller. Level 1 encodes 600 × 400 px in a few ms.

    Args:
        canvas: an Agg canvas that has been drawn.  level: zlib's compression level, 0-9.

    Returns:
        The bytes of a PNG file of the canvas's size (alpha dropped: figures are opaque).

    >>> fig, ax = new_figure(); fig.canvas.draw()
    >>> len(encode_png(fig.canvas, level=1)) < 600 * 400 * 3
    True
    """
    rgb = np.asarray(canvas.buffer_rgba())[..., :3]
    height, width = rgb.shape[:2]
    rows = np.zeros((height, 1 + 3 * width), dtype=np.uint8)  # each row starts with filter type 0
    rows[:, 1:] = rgb.reshape(height, -1)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8 bits per channel, colour type 2 (RGB)
    idat = zlib.compress(rows.tobytes(), level)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


def figure_png(fig: Figure) -> bytes:
    """Draw a figure and return it as a PNG of ``width × height`` pixels at the figure's dpi.

    >>> fig, ax = new_figure()
    >>> figure_png(fig)[:4]
    b'\\x89PNG'
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    fig.canvas.draw()
    return encode_png(fig.canvas)


def colors_for(labels) -> dict:
    """A colour per label: an optimizer's own colour for its name, the next unused colour of ``CYCLE`` otherwise.

    ``"GD"``, ``"Momentum"``, ``"RMSprop"`` and ``"Adam"`` keep ``OPTIMIZER_COLORS`` in every figure; other
    labels take the colours of ``CYCLE`` in order, skipping those of the optimizers in the same figure.

    >>> colors_for(["Adam", "batch 64"]) == {"Adam": OPTIMIZER_COLORS["Adam"], "batch 64": PALETTE["blue"]}
    True
    """
    labels = list(labels)
    taken = {OPTIMIZER_COLORS[label] for label in labels if label in OPTIMIZER_COLORS}
    free = iter([c for c in CYCLE if c not in taken] + [c for c in CYCLE if c in taken])
    colors = {}
    for label in labels:
        if label not in colors:
            colors[label] = OPTIMIZER_COLORS.get(label) or next(free, None) or CYCLE[len(colors) % len(CYCLE)]
    return colors


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
    if _validate._is_real(key) and 0 <= key < 1:
        return f"β = {key:g} (≈ {1 / (1 - key):.0f} values)"
    return str(key)


def _x_values(t, length: int) -> np.ndarray:
    """Check the x values of a sequence plot: dates (``datetime64``) or numbers, one per value."""
    arr = np.asarray(t)
    if arr.dtype.kind != "M":
        arr = _validate.array(t, "t", ndim=1)
    if arr.shape != (length,):
        raise ValueError(f"t must be a 1-D array of {length} values (one per θ_t), got shape {arr.shape}")
    return arr


@_styled
def plot_ewa(t, thetas, averages, corrected=None, *, xlabel: str = "day", ylabel: str = "temperature θ (°C)",
             title: str = "Exponentially weighted averages") -> CourseFigure:
    """The values ``θ_t`` as dots, with their exponentially weighted averages as curves.

    ``v_t = β v_{t−1} + (1 − β) θ_t`` (solid); bias-corrected ``v_t / (1 − β^t)`` (dashed).

    Args:
        t: the x values: day numbers or ``datetime64`` dates, one per ``θ_t``.
        thetas: ``θ_1..θ_T``.
        averages: ``{β: [v_1..v_T]}`` (or ``{label: curve}``), e.g. from :func:`coursekit.averages.ewa`.
        corrected: optional ``{β: [v̂_1..v̂_T]}``, drawn dashed in the colour of the same ``β``.
        xlabel, ylabel, title: the figure's texts.

    Returns:
        A :class:`CourseFigure`; each curve's ``gid`` is ``"average <key>"`` or ``"corrected <key>"``.

    Reference: SYLLABUS §3-4.

    >>> from coursekit.averages import ewa
    >>> theta = np.linspace(0.0, 10.0, 50)
    >>> fig = plot_ewa(np.arange(1, 51), theta, {0.9: ewa(theta, 0.9)}, {0.9: ewa(theta, 0.9, True)})
    >>> len(fig.axes[0].lines)
    3
    """
    thetas = _validate.array(thetas, "thetas", ndim=1)
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
    ax.set(xlabel=xlabel, ylabel=ylabel, title=title)
    ax.legend(loc="upper left")
    return fig


@_styled
def plot_ewa_weights(beta: float, n: int | None = None) -> CourseFigure:
    """The weight that ``v_t`` gives to the value ``k`` steps back: ``(1 − β) β^k``.

    ``v_t = (1 − β) θ_t + (1 − β) β θ_{t−1} + (1 − β) β² θ_{t−2} + …``; after ``k = 1 / (1 − β)`` steps
    the weight has fallen to about ``1/e`` of the first (``0.9^10 ≈ 0.35``), marked by a vertical line.

    Args:
        beta: ``β`` in [0, 1).  n: how many weights to show, ``k = 0..n−1`` (default ``3 / (1 − β)``, ≥ 10).

    Returns:
        A :class:`CourseFigure` with one bar per weight; the title gives their sum ``1 − β^n``.

    Reference: SYLLABUS §3 (the unrolled average).

    >>> fig = plot_ewa_weights(0.9, n=30)
    >>> len(fig.axes[0].patches)
    30
    """
    beta = _validate.beta(beta, "beta")
    n = max(10, round(3 / (1 - beta))) if n is None else _validate.positive_int(n, "n")
    k = np.arange(n)
    weights = (1 - beta) * beta**k
    fig, ax = new_figure()
    ax.bar(k, weights, width=0.8, color=PALETTE["blue"], label=r"$(1-\beta)\,\beta^k$")
    span = 1 / (1 - beta)
    ax.axvline(span, color=PALETTE["vermillion"], ls="--",
               label=f"k = 1/(1 − β) = {span:.3g}: weight × {beta**span:.2f} (≈ 1/e)")
    ax.set(xlabel="k (steps back from t)", ylabel=r"weight of $\theta_{t-k}$ in $v_t$",
           title=f"Weights of the average for β = {beta:g}; the {n} shown sum to {weights.sum():.3f}")
    ax.legend(loc="upper right")
    return fig


def surface_grid(surface: Surface, resolution: int = 150) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(X, Y, J(X, Y))`` on a ``resolution × resolution`` grid over the surface's plotting window.

    >>> from coursekit.surfaces import saddle
    >>> [a.shape for a in surface_grid(saddle(), resolution=20)]
    [(20, 20), (20, 20), (20, 20)]
    """
    if not isinstance(surface, Surface):
        raise TypeError(f"surface must be a coursekit.surfaces.Surface (e.g. rosenbrock()), "
                        f"got {type(surface).__name__}")
    resolution = _validate.positive_int(resolution, "resolution")
    X, Y = np.meshgrid(np.linspace(*surface.xlim, resolution), np.linspace(*surface.ylim, resolution))
    return X, Y, np.asarray(surface.f(X, Y), dtype=float)


def _levels(Z: np.ndarray, count: int) -> np.ndarray:
    """Contour levels at quantiles of ``Z``: evenly spread over the picture whatever the scale of ``J``."""
    return np.unique(np.quantile(Z[np.isfinite(Z)], np.linspace(0, 1, count)))


@_styled
def plot_trajectories(surface: Surface, trajectories: Mapping[str, Trajectory], *, grid=None, levels: int = 15,
                      title: str | None = None) -> CourseFigure:
    """Contours of a loss surface ``J(x, y)`` with the paths ``w_0, w_1, …`` of one or more optimizers.

    Each path joins the iterates ``w_t`` (dots), from the start ``w_0`` (a black circle) towards the
    known minima (black stars); saddle points are black crosses.

    Args:
        surface: a :class:`~coursekit.surfaces.Surface`.
        trajectories: ``{label: Trajectory}`` from :func:`coursekit.surfaces.trajectory`; a label that
            names an optimizer ("GD", "Momentum", "RMSprop", "Adam") gets that optimizer's colour.
        grid: ``(X, Y, Z)`` from :func:`surface_grid`, to reuse a grid already computed.
        levels: the number of contour levels.  title: defaults to the surface's name.

    Returns:
        A :class:`CourseFigure`; each path's line has its label as ``gid``.

    Reference: SYLLABUS §5-7 and §9.

    >>> from coursekit.optim import GD, Adam
    >>> from coursekit.surfaces import elongated_quadratic, trajectory
    >>> s = elongated_quadratic()
    >>> runs = {"GD": trajectory(s, GD(0.1), steps=20), "Adam": trajectory(s, Adam(0.1), steps=20)}
    >>> fig = plot_trajectories(s, runs)
    >>> [line.get_gid() for line in fig.axes[0].lines][:2]
    ['GD', 'Adam']
    """
    X, Y, Z = surface_grid(surface) if grid is None else grid
    if not isinstance(trajectories, Mapping) or not trajectories:
        raise TypeError(f"trajectories must be a non-empty dict label -> Trajectory, got {trajectories!r:.80}")
    for label, run in trajectories.items():
        if not isinstance(run, Trajectory):
            raise TypeError(f"trajectories[{label!r}] must be a Trajectory (coursekit.surfaces.trajectory), "
                            f"got {type(run).__name__}")
    levels = _levels(Z, _validate.positive_int(levels, "levels"))
    fig, ax = new_figure()
    ax.contourf(X, Y, Z, levels=levels, cmap="Greys_r", alpha=0.35)
    ax.contour(X, Y, Z, levels=levels, colors="#777777", linewidths=0.5)
    ax.grid(False)
    colors = colors_for(trajectories)
    for label, run in trajectories.items():
        ax.plot(run.points[:, 0], run.points[:, 1], ".-", color=colors[label], lw=1.3, label=label, gid=label)
    marks = [("start", [surface.start], "o"), ("minimum", surface.minima, "*"), ("saddle point", surface.saddles, "X")]
    for label, points, marker in marks:
        if points:
            xy = np.array(points, dtype=float)
            ax.plot(xy[:, 0], xy[:, 1], marker, color="black", ms=9 if marker == "*" else 6, ls="none", label=label)
    ax.set(xlim=surface.xlim, ylim=surface.ylim, xlabel="x (first parameter)", ylabel="y (second parameter)",
           title=surface.name if title is None else title)
    fig.legend(loc="outside right upper")
    return fig


def _cost_curve(value, name: str, per: str) -> np.ndarray:
    """The costs of one series: a History's per-step ``costs`` or per-epoch ``epoch_costs``, or an array."""
    if hasattr(value, "costs") and hasattr(value, "epoch_costs"):
        value = value.costs if per == "iteration" else value.epoch_costs
    return _validate.array(value, name, ndim=1, finite=False)


@_styled
def plot_costs(costs: Mapping, per: str = "iteration", log: bool = False, *,
               title: str | None = None) -> CourseFigure:
    """Cost curves: ``J{t}`` per mini-batch step (noisy) or ``J`` per epoch (smooth), one per series.

    ``J{t} = (1/size) Σ_i L(ŷ(i), y(i))`` over mini-batch ``t``; ``J`` over the whole training set.

    Args:
        costs: ``{label: History or 1-D array of costs}``; for a History, ``per`` picks ``costs`` (per
            step) or ``epoch_costs``. Optimizer names as labels get the optimizer's colour.
        per: ``"iteration"`` (x = mini-batch step t, from 1) or ``"epoch"`` (x = epoch, from 1).
        log: use a logarithmic cost axis.  title: defaults to "Cost per iteration/epoch".

    Returns:
        A :class:`CourseFigure` with one line per series (its ``gid`` is the label).

    Reference: SYLLABUS §1-2.

    >>> fig = plot_costs({"batch": [0.7, 0.5, 0.4], "mini-batch": [0.7, 0.6, 0.3]}, per="iteration")
    >>> [line.get_gid() for line in fig.axes[0].lines]
    ['batch', 'mini-batch']
    """
    if per not in ("iteration", "epoch"):
        raise ValueError(f"per must be 'iteration' or 'epoch', got {per!r}")
    if not isinstance(log, bool):
        raise TypeError(f"log must be True or False, got {log!r}")
    if not isinstance(costs, Mapping) or not costs:
        raise TypeError(f"costs must be a non-empty dict label -> History or array of costs, got {costs!r:.80}")
    curves = {label: _cost_curve(value, f"costs[{label!r}]", per) for label, value in costs.items()}
    colors = colors_for(curves)
    fig, ax = new_figure()
    for label, J in curves.items():
        width = 1.0 if per == "iteration" else 1.6
        ax.plot(np.arange(1, len(J) + 1), J, color=colors[label], lw=width, label=str(label), gid=str(label))
    ax.set(xlabel="iteration t (mini-batch step)" if per == "iteration" else "epoch", ylabel="cost J",
           title=f"Cost per {per}" if title is None else title)
    if log:
        ax.set_yscale("log")
    ax.legend(loc="upper right")
    return fig


@_styled
def plot_minibatch_costs(history, reference=None, *, label: str = "mini-batch",
                         title: str | None = None) -> CourseFigure:
    """Costs on an epoch axis: every mini-batch's ``J{t}`` (noisy) and the whole set's ``J`` per epoch.

    Step ``t`` of an epoch of ``ceil(m / size)`` steps sits at ``x = t / ceil(m / size)``, so runs with
    different mini-batch sizes share one axis.

    Args:
        history: a :class:`~coursekit.train.History`.  reference: an optional History (e.g. of batch
            gradient descent) whose per-epoch ``J`` is drawn dashed in black.
        label: names ``history`` in the legend.  title: defaults to the steps per epoch.

    Returns:
        A :class:`CourseFigure`; lines have ``gid`` "steps", "epochs" (and "reference").

    Reference: SYLLABUS §1-2.

    >>> from coursekit.data import two_moons
    >>> from coursekit.optim import GD
    >>> from coursekit.train import train
    >>> X, Y = two_moons(m=64)
    >>> fig = plot_minibatch_costs(train(X, Y, [2, 4, 1], GD(0.1), epochs=2, mini_batch_size=16))
    >>> fig.axes[0].lines[0].get_xdata().tolist()
    [0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0]
    """
    runs = {"history": history} if reference is None else {"history": history, "reference": reference}
    for name, run in runs.items():
        if not all(hasattr(run, a) for a in ("costs", "epoch_costs", "steps_per_epoch")):
            raise TypeError(f"{name} must be a History (coursekit.train.train), got {type(run).__name__}")
    fig, ax = new_figure()
    steps = np.arange(1, len(history.costs) + 1) / history.steps_per_epoch
    ax.plot(steps, history.costs, color=DATA_COLOR, lw=0.6, alpha=0.7, label=f"{label}: J{{t}} of each step",
            gid="steps")
    epochs = np.arange(1, len(history.epoch_costs) + 1)
    ax.plot(epochs, history.epoch_costs, "o-", color=PALETTE["blue"], label=f"{label}: J of the whole set",
            gid="epochs")
    if reference is not None:
        ax.plot(np.arange(1, len(reference.epoch_costs) + 1), reference.epoch_costs, "--", color="black",
                label="batch gradient descent: J", gid="reference")
    default = f"{history.steps_per_epoch} steps per epoch"
    ax.set(xlabel="epoch", ylabel="cost J", title=default if title is None else title)
    ax.legend(loc="upper right")
    return fig


@_styled
def plot_schedules(schedules: Mapping, epochs: int, *, start: int = 1) -> CourseFigure:
    """Learning rate ``α`` against the epoch number, one curve per schedule.

    E.g. ``α = α₀ / (1 + decay_rate · epoch_num)`` or ``α = 0.95^epoch_num · α₀``.

    Args:
        schedules: ``{label: schedule}``, each a function ``epoch -> α`` (:mod:`coursekit.schedules`) or a
            1-D array of rates per epoch (e.g. ``History.lrs``), the first for epoch ``start``.
        epochs: the last epoch shown.
        start: the first epoch shown (1, as :func:`coursekit.train.train` counts).

    Returns:
        A :class:`CourseFigure` with one line (with dots) per schedule, ``gid`` = label.

    Reference: SYLLABUS §8.

    >>> from coursekit.schedules import inverse_time_decay
    >>> fig = plot_schedules({"1/(1 + epoch)": inverse_time_decay(0.2, 1.0)}, epochs=4)
    >>> fig.axes[0].lines[0].get_ydata().round(3).tolist()
    [0.1, 0.067, 0.05, 0.04]
    """
    epochs = _validate.positive_int(epochs, "epochs")
    start = _validate.non_negative_int(start, "start")
    if start > epochs:
        raise ValueError(f"start must be <= epochs ({epochs}), got {start}")
    if not isinstance(schedules, Mapping) or not schedules:
        raise TypeError(f"schedules must be a non-empty dict label -> schedule or array, got {schedules!r:.80}")
    x = np.arange(start, epochs + 1)
    curves = {}
    for label, schedule in schedules.items():
        if callable(schedule):
            curves[label] = np.array([schedule(int(e)) for e in x], dtype=float)
        else:
            curves[label] = _validate.array(schedule, f"schedules[{label!r}]", ndim=1)[: len(x)]
    colors = colors_for(curves)
    fig, ax = new_figure()
    for label, lr in curves.items():
        ax.plot(x[: len(lr)], lr, ".-", color=colors[label], label=str(label), gid=str(label))
    ax.set(xlabel="epoch", ylabel="learning rate α", title="Learning-rate decay", ylim=(0, None))
    ax.legend(loc="upper right")
    return fig


@_styled
def plot_digits(X, labels, count: int = 12, *, columns: int = 6) -> CourseFigure:
    """The first ``count`` examples of a set of 8×8 images, each column of ``X`` folded back into a picture.

    Column ``x^(i)`` of ``X`` (64 pixel values) is shown as the 8×8 image it came from, titled with its label.

    Args:
        X: images as columns, shape ``(64, m)``.  labels: the ``m`` labels (e.g. the digits 0-9).
        count: how many images to show, 1 <= count <= m.  columns: images per row.

    Returns:
        A :class:`CourseFigure` with ``count`` image axes.

    Reference: SYLLABUS §1 (examples are columns); :func:`coursekit.data.load_digits`.

    >>> from coursekit.data import load_digits
    >>> split = load_digits()
    >>> fig = plot_digits(split.X_train, split.labels_train, count=6, columns=3)
    >>> len(fig.axes), fig.axes[0].get_title()
    (6, 'label 1')
    """
    X = _validate.array(X, "X", ndim=2)
    if X.shape[0] != 64:
        raise ValueError(f"X must hold 8×8 images as columns, shape (64, m), got {X.shape}")
    labels = np.asarray(labels)
    if labels.shape != (X.shape[1],):
        raise ValueError(f"labels must have one entry per column of X, shape ({X.shape[1]},), got {labels.shape}")
    count = _validate.positive_int(count, "count")
    if count > X.shape[1]:
        raise ValueError(f"count must be <= m ({X.shape[1]}), got {count}")
    columns = min(_validate.positive_int(columns, "columns"), count)
    fig, axes = new_figure(math.ceil(count / columns), columns)
    for i, ax in enumerate(np.atleast_1d(axes).flat):
        if i < count:
            ax.imshow(X[:, i].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
            ax.set_title(f"label {labels[i]}")
            ax.set_axis_off()
        else:
            fig.delaxes(ax)
    return fig
