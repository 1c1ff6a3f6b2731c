"""The parts every explorer is made of: controls, one figure re-drawn fast, and a line of numbers.

An :class:`Explorer` (an ``ipywidgets.VBox``) holds the controls, a :class:`~coursekit.show.picture.Picture`
of fixed height that shows the PNG of the figure, and a line of numbers. A change of value updates the data
of the changing lines only and re-renders them over a cached background (:class:`FastFigure`), in about
10 ms for a trajectory plot; in a Jupyter kernel the explorer then draws the nearby values of the control
moved last ahead of time, so that a step to one of them shows in the browser at once. Static renderers
show the picture itself (the widget's static face). The explorers themselves are in :mod:`coursekit.show`.
"""

from __future__ import annotations

import asyncio
import base64
import threading
from collections import OrderedDict
from collections.abc import Callable

import ipywidgets as widgets
from matplotlib.figure import Figure
from matplotlib.text import Text

from coursekit import _validate
from coursekit.show.look import encode_png
from coursekit.show.picture import (REACH, Picture, neighbour, picture_key, steps, steps_away, synced,
                                    synced_name)

#: Seconds a control rests before the pictures of its nearby values are drawn ahead: a drag moves on sooner,
#: and its values are drawn as they come, with the kernel not kept busy by pictures it would never show.
AHEAD_AFTER = 0.08
#: What a reader without a running kernel is told, beside the figure's picture.
STATIC_TEXT = "[an interactive figure: run the notebook to move its sliders]"


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


class Explorer(widgets.VBox):
    """Controls, one figure that ``render`` re-draws when a control changes, and a line of numbers.

    ``render(values)`` gets ``{control name: value}`` and returns ``(figure, png bytes, summary html)``.
    Attributes: ``controls`` (dict), ``picture`` (the :class:`~coursekit.show.picture.Picture`; its ``png``
    is the figure shown), ``summary`` (an ``HTML``), ``figure``.

    A value that needs long work first (training a new run) can be prepared in the background, so that the
    sliders stay live: ``prepare(values, report)`` does the work (``report(text)`` puts a progress line
    under the figure) and returns True when it did any; ``render`` then draws from what it prepared. In a
    Jupyter kernel the work runs in a thread and only the latest value's figure is shown; elsewhere (a
    test, a script) everything runs at once. :meth:`wait` waits for the work in progress.

    ``ahead`` (by default: in a Jupyter kernel) draws, after each change, the pictures of the control moved
    last at :data:`~coursekit.show.picture.REACH` steps either way, once it has rested :data:`AHEAD_AFTER`
    seconds, one per turn of the kernel's event loop and only while nothing changes, and sends them to the
    browser (:mod:`coursekit.show.picture`). With a ``prepare``, only values that ``ready(values)`` says need no preparation are drawn ahead. ``main`` names
    the slider drawn ahead before any has moved (by default the first), the explorer's main slider.

    >>> from coursekit.show.look import figure_png, new_figure
    >>> fig, ax = new_figure()
    >>> w = Explorer({"n": widgets.IntSlider(value=1)}, lambda v: (fig, figure_png(fig), f"n = {v['n']}"))
    >>> w.controls["n"].value = 2
    >>> w.summary.value, w.picture.png[:4], w.picture.at
    ('n = 2', b'\\x89PNG', 2)
    """

    def __init__(self, controls: dict, render: Callable, height: int = 410, prepare: Callable | None = None,
                 background: bool | None = None, ready: Callable | None = None, ahead: bool | None = None,
                 main: str | None = None):
        controls = _validate.mapping(controls, "controls", "widgets {name: slider, ...}", non_empty=False)
        for name, control in controls.items():
            if not (isinstance(control, widgets.Widget) and control.has_trait("value")):
                raise TypeError(f"controls[{name!r}] must be a widget with a value (a slider, a menu), "
                                f"got {control!r:.60}")
        for name, function in (("render", render), ("prepare", prepare), ("ready", ready)):
            if not callable(function) and not (name != "render" and function is None):
                raise TypeError(f"{name} must be a function of the controls' values, got {function!r:.60}")
        self.controls, self._render, self._prepare = controls, render, prepare
        self._ready = ready or (lambda values: prepare is None)
        self._background = _in_a_kernel() if background is None else background
        self._ahead = _in_a_kernel() if ahead is None else bool(ahead)
        self._lock, self._latest, self._worker = threading.Lock(), 0, None
        self._drawn = LruCache(4 * REACH)  # pictures drawn ahead: picture_key -> (png, summary)
        if main is not None and (main not in controls or not steps(controls[main])):
            raise ValueError(f"main must name a slider of controls {list(controls)}, got {main!r}")
        self._main = main or next((name for name, control in controls.items() if steps(control)), None)
        if self._main is not None:
            controls[self._main].add_class("coursekit-main")  # the slider to try first (make bench moves it)
        self._direction, self._generation = 1, 0
        self._synced = {name: synced(control) for name, control in controls.items()}
        self.summary = widgets.HTML()
        self.picture = Picture(controls={control.model_id: synced_name(control) for control in controls.values()},
                               layout=widgets.Layout(height=f"{height}px", overflow="hidden"))
        super().__init__([*controls.values(), self.picture, self.summary])  # numbers below: the figure never moves
        for control in controls.values():
            control.observe(self.update, names="value")
        self._loop = _running_loop()
        self._show(self.values(), self._latest)  # the first picture at once: it is the one a notebook stores

    def values(self) -> dict:
        """The current value of every control."""
        return {name: control.value for name, control in self.controls.items()}

    def update(self, change=None) -> None:
        """Re-render the figure for the current values and show it, replacing the previous one."""
        if change is not None:
            self._moved(change["owner"])
        self._loop = _running_loop()
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

    def _moved(self, control) -> None:
        """Note which control moved and which way: the main control's next steps are drawn ahead; a change of
        any other control starts a new generation (what was drawn ahead before it no longer holds)."""
        name = next((name for name, c in self.controls.items() if c is control), None)
        if name is None:
            return
        before, now = self._synced[name], synced(control)
        self._synced[name] = now
        if name != self._main:
            self._generation += 1
            self._drawn.clear()
            if steps(control):
                self._main, self._direction = name, 1
        elif isinstance(now, (int, float)) and isinstance(before, (int, float)) and now != before:
            self._direction = 1 if now > before else -1

    def _show(self, values: dict, request: int) -> None:
        if self._prepare is not None:
            self._prepare(values, self._report)
        with self._lock:  # one drawing at a time; a value moved past meanwhile is not drawn
            if request != self._latest:
                return
            drawn = self._drawn.pop(picture_key(values), None)
            if drawn is None:
                self.figure, png, summary = self._render(values)
            else:
                png, summary = drawn
            self.summary.value = summary
            self.picture.show(png, *self._where())
        if self._ahead and self._loop is not None and self._main is not None:  # once the slider rests a moment
            self._loop.call_soon_threadsafe(self._loop.call_later, AHEAD_AFTER, self._draw_ahead, request,
                                            steps_away(REACH, self._direction))

    def _where(self) -> tuple:
        """The main control's synced value, the generation, and the main control's model id."""
        main = self.controls[self._main] if self._main is not None else None
        return None if main is None else synced(main), self._generation, "" if main is None else main.model_id

    def _draw_ahead(self, request: int, steps: list[int]) -> None:
        """Draw the next picture ahead (one per call), unless a control has moved since ``request``."""
        control = self.controls[self._main]
        while steps and request == self._latest:
            moved = neighbour(control, steps.pop(0))
            if moved is None:  # past an end of the slider
                continue
            at, value = moved
            values = {**self.values(), self._main: value}
            key = picture_key(values)
            if key in self._drawn or not self._ready(values):
                continue
            if not self._lock.acquire(blocking=False):
                return
            try:
                png, summary = self._render(values)[1:]
                self._drawn[key] = (png, summary)
            finally:
                self._lock.release()
            _, generation, main = self._where()
            self.picture.send_ahead(png, at, generation, main)
            self._loop.call_soon(self._draw_ahead, request, steps)  # the next one after any message waiting
            return

    def _repr_mimebundle_(self, **kwargs):
        """The widget, with its figure as a static face: a reader without a kernel sees the picture."""
        data = super()._repr_mimebundle_(**kwargs)
        data["image/png"] = base64.b64encode(self.picture.png).decode("ascii")
        data["text/plain"] = STATIC_TEXT
        return data


def _running_loop():
    """The event loop running this code (a Jupyter kernel's: where pictures are drawn ahead), or None."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def _in_a_kernel() -> bool:
    """Whether this runs in a Jupyter kernel, where a widget's work may go on while its sliders move."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover (IPython comes with ipywidgets)
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None
