"""The parts every explorer is made of: controls, one figure re-drawn fast, and a line of numbers.

An :class:`Explorer` (an ``ipywidgets.VBox``) holds the controls, an ``Output`` of fixed height that
always holds exactly one PNG of the figure, and a line of numbers. The figure shows in JupyterLab, in
nbval runs and in static renderers alike, with any matplotlib backend: the ``Output``'s ``outputs`` are
replaced, never appended to, and nothing is printed to the cell. A change of value updates the data of
the changing lines only and re-renders them over a cached background (:class:`FastFigure`), in about
10 ms for a trajectory plot. The explorers themselves are in :mod:`coursekit.show`.
"""

from __future__ import annotations

import base64
import math
import threading
from collections import OrderedDict
from collections.abc import Callable

import ipywidgets as widgets
from matplotlib.figure import Figure
from matplotlib.text import Text

from coursekit import _validate
from coursekit.show.look import encode_png

#: What a reader without a running kernel is told, beside the figure's picture.
STATIC_TEXT = "[an interactive figure: run the notebook to move its sliders]"
#: The controls' look: room for the longest description, and sliders of one width.
DESCRIPTION_STYLE, CONTROL_LAYOUT = {"description_width": "11em"}, {"width": "480px"}


class LruCache(OrderedDict):
    """A small least-recently-used store: ``get(key, make)`` computes on a miss, keeps ``maxsize`` items.

    An explorer keeps what a value costs to compute (a trajectory, a training run, a contour picture)
    so that going back to a value seen before is instant.

    >>> cache = LruCache(maxsize=2)
    >>> [cache.get(key, lambda: key * key) for key in (2, 3, 2, 4)], list(cache)
    ([4, 9, 4, 16], [2, 4])
    """

    def __init__(self, maxsize: int = 64):
        super().__init__()
        self.maxsize = _validate.positive_int(maxsize, "maxsize")

    def get(self, key, make):
        if key in self:
            self.move_to_end(key)
        else:
            self[key] = make()
            if len(self) > self.maxsize:
                self.popitem(last=False)
        return self[key]


class FastFigure:
    """Re-render a figure by drawing only its changing artists over a cached picture of the rest.

    The first :meth:`png` (and the first after :meth:`invalidate`) lays the figure out and fixes that
    layout, then draws it with the ``dynamic`` artists hidden and keeps those pixels. Every call then
    restores them, draws the dynamic artists (in their list order) and encodes the canvas as a PNG.

    Args:
        fig: a figure with an Agg canvas (as :func:`coursekit.show.look.new_figure` makes them).
        dynamic: the artists that change (lines, a legend or title whose text changes); list them
            last-drawn last, and keep limits and other artists fixed or call :meth:`invalidate`.

    >>> from coursekit.show.look import new_figure
    >>> fig, ax = new_figure()
    >>> line, = ax.plot([0, 1], [0, 1])
    >>> fast = FastFigure(fig, [line])
    >>> first = fast.png(); line.set_ydata([1, 0]); fast.png() != first
    True
    """

    def __init__(self, fig: Figure, dynamic):
        _validate.instance(fig, "fig", Figure)
        self.fig, self.dynamic, self._background = fig, _validate.sequence(dynamic, "dynamic", "artists of fig"), None

    def invalidate(self) -> None:
        """Forget the cached background (after a change to a static artist, limits or labels)."""
        self._background = None

    def png(self) -> bytes:
        """The current figure as PNG bytes."""
        canvas = self.fig.canvas
        if self._background is None:
            canvas.draw()  # lay out with every artist shown, then keep that layout
            self.fig.set_layout_engine("none")
            shown = [artist.get_visible() for artist in self.dynamic]
            # a drawing moves an axes title above whatever is visible: keep where the full drawing put texts
            placed = [artist.get_position() if isinstance(artist, Text) else None for artist in self.dynamic]
            for artist in self.dynamic:
                artist.set_visible(False)
            canvas.draw()
            self._background = canvas.copy_from_bbox(self.fig.bbox)
            for artist, visible, position in zip(self.dynamic, shown, placed):
                artist.set_visible(visible)
                if position is not None:
                    artist.set_position(position)
        canvas.restore_region(self._background)
        for artist in self.dynamic:
            self.fig.draw_artist(artist)
        return encode_png(canvas, level=1)


def png_output(png: bytes, text: str = "<Figure>") -> dict:
    """One ``display_data`` output holding a PNG (base64) and a text, as an ``ipywidgets.Output`` stores it.

    >>> png_output(b"\\x89PNG", "<Figure>")["data"]
    {'image/png': 'iVBORw==', 'text/plain': '<Figure>'}
    """
    if not isinstance(png, bytes) or not png.startswith(b"\x89PNG"):
        raise TypeError(f"png must be the bytes of a PNG file, got {png!r:.40}")
    return {
        "output_type": "display_data",
        "data": {"image/png": base64.b64encode(png).decode("ascii"), "text/plain": text},
        "metadata": {},
    }


class Explorer(widgets.VBox):
    """Controls, one figure that ``render`` re-draws when a control changes, and a line of numbers.

    ``render(values)`` gets ``{control name: value}`` and returns ``(figure, png bytes, summary html)``.
    Attributes: ``controls`` (dict), ``output`` (the ``Output``), ``summary`` (an ``HTML``), ``figure``.

    A value that needs long work first (training a new run) can be prepared in the background, so that the
    sliders stay live: ``prepare(values, report)`` does the work (``report(text)`` puts a progress line
    under the figure) and returns True when it did any; ``render`` then draws from what it prepared. In a
    Jupyter kernel the work runs in a thread and only the latest value's figure is shown; elsewhere (a
    test, a script) everything runs at once. :meth:`wait` waits for the work in progress.

    >>> from coursekit.show.look import figure_png, new_figure
    >>> fig, ax = new_figure()
    >>> w = Explorer({"n": widgets.IntSlider(value=1)}, lambda v: (fig, figure_png(fig), f"n = {v['n']}"))
    >>> w.controls["n"].value = 2
    >>> w.summary.value, len(w.output.outputs)
    ('n = 2', 1)
    """

    def __init__(self, controls: dict, render: Callable, height: int = 410, prepare: Callable | None = None,
                 background: bool | None = None):
        controls = _validate.mapping(controls, "controls", "widgets {name: slider, ...}", non_empty=False)
        for name, control in controls.items():
            if not (isinstance(control, widgets.Widget) and control.has_trait("value")):
                raise TypeError(f"controls[{name!r}] must be a widget with a value (a slider, a menu), "
                                f"got {control!r:.60}")
        for name, function in (("render", render), ("prepare", prepare)):
            if not callable(function) and not (name == "prepare" and function is None):
                raise TypeError(f"{name} must be a function of the controls' values, got {function!r:.60}")
        self.controls, self._render, self._prepare = controls, render, prepare
        self._background = _in_a_kernel() if background is None else background
        self._lock, self._latest, self._worker = threading.Lock(), 0, None
        self.summary = widgets.HTML()
        self.output = widgets.Output(layout=widgets.Layout(height=f"{height}px", overflow="hidden"))
        super().__init__([*controls.values(), self.output, self.summary])  # numbers below: the figure never moves
        for control in controls.values():
            control.observe(self.update, names="value")
        self._show(self.values(), self._latest)  # the first picture at once: it is the one a notebook stores

    def values(self) -> dict:
        """The current value of every control."""
        return {name: control.value for name, control in self.controls.items()}

    def update(self, change=None) -> None:
        """Re-render the figure for the current values and show it, replacing the previous one."""
        values = self.values()
        self._latest += 1
        if self._prepare is not None and self._background:
            self._worker = threading.Thread(target=self._show, args=(values, self._latest), daemon=True)
            self._worker.start()
        else:
            self._show(values, self._latest)

    def wait(self, timeout: float | None = None) -> None:
        """Wait until the work for the latest value is done and its figure shown."""
        if self._worker is not None:
            self._worker.join(timeout)

    def _report(self, text: str) -> None:
        self.summary.value = f"⏳ {text}"

    def _show(self, values: dict, request: int) -> None:
        if self._prepare is not None:
            self._prepare(values, self._report)
        with self._lock:  # one drawing at a time; a value moved past meanwhile is not drawn
            if request == self._latest:
                self.figure, png, self.summary.value = self._render(values)
                self.output.outputs = (png_output(png, repr(self.figure)),)

    def _repr_mimebundle_(self, **kwargs):
        """The widget, with its figure as a static face: a reader without a kernel sees the picture."""
        data = super()._repr_mimebundle_(**kwargs)
        data["image/png"] = self.output.outputs[0]["data"]["image/png"]
        data["text/plain"] = STATIC_TEXT
        return data


def _in_a_kernel() -> bool:
    """Whether this runs in a Jupyter kernel, where a widget's work may go on while its sliders move."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover (IPython comes with ipywidgets)
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def slider(kind, description: str, value, low, high, step, **kwargs):
    """A slider of ``kind`` in the course's layout, its range widened to hold ``value`` (a slider clamps silently).

    >>> s = slider(widgets.FloatSlider, "β", 0.995, 0.0, 0.99, 0.01)
    >>> s.min, s.max, s.value
    (0.0, 0.995, 0.995)
    """
    _range(description, low, high, value)
    _validate.positive(step, "step")
    return kind(description=description, value=value, min=min(low, value), max=max(high, value), step=step,
                style=DESCRIPTION_STYLE, layout=CONTROL_LAYOUT, **kwargs)


def log_slider(description: str, value: float, low: float, high: float):
    """A slider on a log10 scale from ``low`` to ``high`` (widened to hold ``value``), 20 steps per decade.

    A browser snaps a slider's value to ``min + k · step``; the steps start just below ``low`` so that
    ``value`` lies on one (an α of 2/101 stays 0.0198 instead of becoming 10^−1.7 ≈ 0.01995).

    >>> s = log_slider("α", 0.1, 1e-4, 3.0)
    >>> round(s.min, 3), round(s.max, 3), s.value
    (-4.0, 0.477, 0.1)
    >>> s = log_slider("α", 2 / 101, 1e-4, 3.0)
    >>> round((math.log10(s.value) - s.min) / s.step, 9) % 1, round(s.min, 4)
    (0.0, -4.0033)
    """
    _range(description, _validate.positive(low, "low"), _validate.positive(high, "high"),
           _validate.positive(value, "value"))
    exponent, step = math.log10(value), 0.05
    lowest = exponent - math.ceil(round((exponent - math.log10(low)) / step, 9)) * step
    return widgets.FloatLogSlider(description=description, value=value, min=min(lowest, exponent),
                                  max=max(math.log10(high), exponent), step=step, style=DESCRIPTION_STYLE,
                                  layout=CONTROL_LAYOUT)


def _range(description, low, high, value) -> None:
    """Check a slider's range: finite numbers with ``low <= high``, and a finite ``value``; its ``description``."""
    if not isinstance(description, str):
        raise TypeError(f"description must be a string (the slider's label), got {description!r:.60}")
    for name, number in (("low", low), ("high", high), ("value", value)):
        _validate.finite(number, name)
    if not low <= high:
        raise ValueError(f"high must be a number >= low ({low!r}), got {high!r}")
