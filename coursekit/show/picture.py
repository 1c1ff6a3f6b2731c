"""An explorer's picture in the browser, and the pictures of nearby values it is sent ahead of time.

A slider's step costs a round trip to the kernel (the value there, the picture back) and a redraw,
about 45 ms in JupyterLab on two cores however fast the figure is drawn. So while the learner looks,
the kernel draws ahead: the pictures of the nearby values of the control moved last (one and two
steps either way, the way it moved first), sent to the browser and kept there decoded. A step to one of
them shows its picture at once, in the browser, without waiting for the kernel
(``picture.js``, an `anywidget <https://anywidget.dev>`_ module); any other step waits for the kernel's
picture as before. A picture drawn ahead is used only in its generation: the explorer counts a new
one at each change of any other control (and the browser drops the pictures drawn before a change it sees).
"""

from __future__ import annotations

import math
from pathlib import Path

import anywidget
import ipywidgets as widgets
import traitlets

from coursekit import _validate

#: How many steps either way of the control moved last are drawn ahead.
REACH = 2


class Picture(anywidget.AnyWidget):
    """The PNG of an explorer's figure, shown in the browser; pictures drawn ahead go as messages.

    Traits (synced): ``png`` (the picture the kernel drew last), ``at`` (the main control's synced value
    it was drawn at), ``generation`` (the count of changes of the other controls it was drawn after),
    ``controls`` (every control's model id and synced name), ``control`` (the main control's model id).

    >>> picture = Picture(png=b"\\x89PNG")
    >>> picture.png[:4], picture.at
    (b'\\x89PNG', None)
    """

    _esm = Path(__file__).with_name("picture.js")
    png = traitlets.Bytes(b"").tag(sync=True)
    at = traitlets.Any(None).tag(sync=True)
    generation = traitlets.Int(0).tag(sync=True)
    controls = traitlets.Dict().tag(sync=True)
    control = traitlets.Unicode("").tag(sync=True)

    def __init__(self, png: bytes = b"", **kwargs):
        if not isinstance(png, bytes):
            raise TypeError(f"png must be the bytes of a PNG file, got {png!r:.40}")
        super().__init__(png=png, **kwargs)

    def show(self, png: bytes, at, generation: int, control: str) -> None:
        """Show ``png``, drawn at the main control's synced value ``at`` in ``generation``."""
        with self.hold_sync():
            self.control, self.at, self.generation, self.png = control, at, generation, png

    def send_ahead(self, png: bytes, at, generation: int, control: str) -> None:
        """Send the browser the picture it will show when the main control reaches ``at`` in ``generation``."""
        self.send({"kind": "ahead", "control": control, "at": at, "generation": generation}, [png])


def synced_name(control: widgets.Widget) -> str:
    """The trait a control's browser view shares: ``index`` for a choice among options, else ``value``.

    >>> synced_name(widgets.SelectionSlider(options=[1, 2])), synced_name(widgets.IntSlider())
    ('index', 'value')
    """
    _validate.instance(control, "control", widgets.Widget)
    return "index" if control.has_trait("index") and control.trait_metadata("index", "sync") else "value"


def synced(control: widgets.Widget):
    """A control's value as its browser view holds it (see :func:`synced_name`).

    >>> synced(widgets.SelectionSlider(options=[1, 8, 64], value=8))
    1
    """
    return getattr(control, synced_name(control))


def steps_away(reach: int = REACH, direction: int = 1) -> list[int]:
    """The steps drawn ahead, nearest first, each distance the way the control moved last first.

    >>> steps_away(2, 1), steps_away(2, -1)
    ([1, -1, 2, -2], [-1, 1, -2, 2])
    """
    _validate.positive_int(reach, "reach")
    if direction not in (1, -1):
        raise ValueError(f"direction must be 1 or -1 (the way the control moved last), got {direction!r}")
    return [sign * distance * direction for distance in range(1, reach + 1) for sign in (1, -1)]


def neighbour(control: widgets.Widget, steps: int):
    """``(synced value, value)`` of ``control`` moved by ``steps`` steps as its slider moves, or None past an end.

    A choice among options moves by index; a log slider by ``step`` in the exponent; a number slider by
    ``step``. Other controls (a menu of surfaces, a check box) have no neighbours: None.

    >>> math.isclose(neighbour(widgets.FloatLogSlider(value=0.1, min=-4, max=0, step=0.5), 1)[1], 10 ** -0.5)
    True
    >>> neighbour(widgets.IntSlider(value=9, min=0, max=10), 2) is None
    True
    >>> neighbour(widgets.SelectionSlider(options=[("a", 1), ("b", 8)], value=1), 1)
    (1, 8)
    """
    _validate.instance(control, "control", widgets.Widget)
    if isinstance(steps, bool) or not isinstance(steps, int):
        raise TypeError(f"steps must be an integer (how many steps the control moves), got {steps!r}")
    if isinstance(control, (widgets.SelectionSlider, widgets.SelectionRangeSlider)):
        if isinstance(control.index, int) and 0 <= control.index + steps < len(control.options):
            index = control.index + steps
            return index, control._options_values[index]
        return None
    if isinstance(control, widgets.FloatLogSlider):
        exponent = math.log(control.value, control.base) + steps * control.step
        if control.min - 1e-9 <= exponent <= control.max + 1e-9:
            value = control.base ** exponent
            return value, value
        return None
    if isinstance(control, (widgets.IntSlider, widgets.FloatSlider)):
        value = control.value + steps * control.step
        if control.min <= value <= control.max:
            return value, value
    return None


def steps(control: widgets.Widget) -> bool:
    """Whether a control moves in steps (a slider), so that its nearby values can be drawn ahead.

    >>> steps(widgets.IntSlider()), steps(widgets.Dropdown(options=["a", "b"]))
    (True, False)
    """
    _validate.instance(control, "control", widgets.Widget)
    return neighbour(control, 1) is not None or neighbour(control, -1) is not None


def picture_key(values: dict) -> str:
    """The key of a picture: every control's value, numbers to 12 significant digits (a slider's value computed
    in the browser and in Python may differ in the last bits).

    >>> picture_key({"lr": 0.1}) == picture_key({"lr": 0.1 + 1e-17})
    True
    """
    values = _validate.mapping(values, "values", "the controls' values {name: value}", non_empty=False)
    return repr([(name, float(f"{value:.12g}") if isinstance(value, float) else value)
                 for name, value in values.items()])
