"""The course's look and how its figures are made and shown (the machinery behind :mod:`coursekit.show`).

Every figure of the course is a :class:`CourseFigure` of ``FIGSIZE`` inches at ``DPI`` (600 × 400 px)
that Jupyter shows once, as a PNG, whatever the backend. It is never registered with pyplot, so figures
do not pile up and ``plt.show()`` is never needed. The look (``STYLE``) is applied with
``matplotlib.rc_context`` while a figure is built; the global ``rcParams`` are never changed. Colours
come from the colour-blind-safe palette of Okabe & Ito; each optimizer keeps its colour in every figure
of the course (``OPTIMIZER_COLORS``).
"""

from __future__ import annotations

import contextlib
import functools
import struct
import zlib
from collections.abc import Mapping
from numbers import Integral

import matplotlib
import numpy as np
from cycler import cycler
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from coursekit import _validate

#: Okabe & Ito (2008), "Color Universal Design": eight colours told apart with any colour vision.
PALETTE = {
    "black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7",
}
#: One colour per optimizer, the same in every figure, chosen to stay apart with any colour vision (GD in
#: black: Okabe-Ito's vermillion and orange are too alike for two curves of one figure).
OPTIMIZER_COLORS = {
    "GD": PALETTE["black"], "Momentum": PALETTE["blue"],
    "RMSprop": PALETTE["bluish_green"], "Adam": PALETTE["orange"],
}
#: One colour per β of an exponentially weighted average, the same in every figure: the lecture's red (0.9),
#: green (0.98) and yellow (0.5) as their nearest colour-blind-safe shades (Okabe-Ito yellow is too pale
#: for a line on white, so 0.5 takes orange); Adam's β₂ = 0.999 in sky blue (reddish purple is kept for
#: the lecture's uncorrected average of notebook 05).
BETA_COLORS = {0.9: PALETTE["vermillion"], 0.98: PALETTE["bluish_green"], 0.5: PALETTE["orange"],
               0.999: PALETTE["sky_blue"]}
#: The order of colours for other series (yellow left out: too pale on white); vermillion last, so that up to
#: six series never pair it with orange, which it resembles (notebook 09 compares two of its six schedules).
CYCLE = tuple(PALETTE[k] for k in ("blue", "orange", "bluish_green", "reddish_purple", "sky_blue", "black",
                                   "vermillion"))
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


def styled(plot):
    """Decorate a function that builds a figure so that it runs inside :func:`style`.

    >>> @styled
    ... def title_size():
    ...     fig, ax = new_figure()
    ...     return ax.set_title("J").get_fontsize()
    >>> title_size()
    10.0
    """
    if not callable(plot):
        raise TypeError(f"plot must be a function that draws a figure, got {plot!r:.80}")

    @functools.wraps(plot)
    def with_style(*args, **kwargs):
        with style():
            return plot(*args, **kwargs)

    return with_style


def new_figure(nrows: int = 1, ncols: int = 1, **subplot_kw) -> tuple[CourseFigure, object]:
    """A styled ``FIGSIZE`` figure with an Agg canvas and its axes (an array when there are several).

    >>> fig, ax = new_figure()
    >>> fig
    <Figure size 600x400 with 1 Axes>
    """
    nrows, ncols = _validate.positive_int(nrows, "nrows"), _validate.positive_int(ncols, "ncols")
    axes_operations = 100 * _validate.STEP_OPERATIONS  # making an axes takes about a millisecond
    _validate.budget(nrows, "nrows", operations=nrows * axes_operations)
    _validate.budget(ncols, "ncols", operations=nrows * ncols * axes_operations)
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
    _validate.instance(canvas, "canvas", FigureCanvasAgg)
    if isinstance(level, bool) or not isinstance(level, Integral) or not 0 <= level <= 9:
        raise ValueError(f"level must be an integer from 0 to 9 (zlib's levels), got {level!r}")
    if getattr(canvas, "renderer", None) is None:
        raise ValueError("canvas must have been drawn (canvas.draw()) before it is encoded, got an undrawn canvas")
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
    """A colour per label: an optimizer's or a β's own colour, the next unused colour of ``CYCLE`` otherwise.

    ``"GD"``, ``"Momentum"``, ``"RMSprop"`` and ``"Adam"`` keep ``OPTIMIZER_COLORS`` and the βs of
    ``BETA_COLORS`` (as numbers) theirs in every figure; other labels take the colours of ``CYCLE`` in order,
    skipping those already fixed in the same figure.

    >>> colors_for(["Adam", "batch 64"]) == {"Adam": OPTIMIZER_COLORS["Adam"], "batch 64": PALETTE["blue"]}
    True
    >>> colors_for([0.98])[0.98] == PALETTE["bluish_green"]
    True
    """
    labels = list(labels) if isinstance(labels, Mapping) else _validate.sequence(labels, "labels", "labels or a dict")
    fixed = {label: _fixed_color(label) for label in labels if _fixed_color(label)}
    free = iter([c for c in CYCLE if c not in fixed.values()] + [c for c in CYCLE if c in fixed.values()])
    colors = {}
    for label in labels:
        if label not in colors:
            colors[label] = fixed.get(label) or next(free, None) or CYCLE[len(colors) % len(CYCLE)]
    return colors


def _fixed_color(label) -> str | None:
    """The colour a label always has: an optimizer's name, or a β given as a number."""
    if isinstance(label, str):
        return OPTIMIZER_COLORS.get(label)
    if isinstance(label, (int, float)) and not isinstance(label, bool):
        return BETA_COLORS.get(float(label))
    return None


def ink_on(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (a ``"#RRGGBB"`` colour).

    Readability is the contrast ratio of WCAG 2.1, ``(L₁ + 0.05) / (L₂ + 0.05)`` of the two relative
    luminances ``L = 0.2126 R + 0.7152 G + 0.0722 B`` (linear sRGB); on every colour of ``PALETTE`` the ink
    chosen reaches at least 4.5, the standard's minimum for text.

    Reference: W3C, "Web Content Accessibility Guidelines 2.1", success criterion 1.4.3 (2018).

    >>> ink_on(OPTIMIZER_COLORS["Momentum"]), ink_on(OPTIMIZER_COLORS["Adam"])
    ('#FFFFFF', '#000000')
    """
    if not (isinstance(background, str) and len(background) == 7 and background[0] == "#"
            and all(c in "0123456789abcdefABCDEF" for c in background[1:])):
        raise ValueError(f"background must be a colour '#RRGGBB', got {background!r}")
    return "#000000" if _luminance(background) > 0.179 else "#FFFFFF"  # where both inks contrast equally


def _luminance(color: str) -> float:
    """The relative luminance of ``"#RRGGBB"``: 0 for black, 1 for white."""
    c = np.array([int(color[i:i + 2], 16) for i in (1, 3, 5)]) / 255
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return float(linear @ [0.2126, 0.7152, 0.0722])
