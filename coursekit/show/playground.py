"""The optimizer playground: any optimizers on any surface of the course, from any start, drawn together (notebook 08).

One widget holds everything the optimizers of the course depend on: which of GD, momentum, RMSprop and
Adam to run, the surface (the elongated and the rotated bowl, Rosenbrock's valley, a saddle, a plateau,
several minima), the start ``w_0``, each optimizer's ``α``, the ``β``'s and the number of steps. The paths
come from :func:`coursekit.trajectories.trajectory_data` and are kept by :class:`~coursekit.trajectories.Paths`
with their hyperparameters and start, so a longer one serves every shorter number of steps and going back to
a setting seen before is instant; they are drawn as the trajectory explorer draws them
(:class:`~coursekit.show.surfaces.PathPictures`): one contour picture per surface and choice of optimizers,
the paths and the start redrawn over it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import ipywidgets as widgets
import numpy as np
import traitlets

from coursekit import _validate, surfaces
from coursekit.optim import OPTIMIZERS, make_optimizer
from coursekit.show.controls import DESCRIPTION_STYLE, log_slider, slider
from coursekit.show.explorer import Explorer
from coursekit.show.look import OPTIMIZER_COLORS, ink_on
from coursekit.show.surfaces import PathPictures, coloured_lines
from coursekit.trajectories import Paths, paths_summary, trajectory_data

#: The surfaces of the playground's menu, by name.
SURFACES: dict[str, Callable[[], surfaces.Surface]] = {
    "elongated quadratic": surfaces.elongated_quadratic,
    "rotated quadratic": surfaces.rotated_quadratic,
    "Rosenbrock": surfaces.rosenbrock,
    "saddle": surfaces.saddle,
    "plateau": surfaces.plateau,
    "several minima": surfaces.several_minima,
}
#: Each optimizer's initial ``α`` unless the caller gives one: stable on the quadratics, on the slider's grid.
DEFAULT_LRS = {"GD": 0.1, "Momentum": 0.1, "RMSprop": 0.01, "Adam": 0.1}
#: The width of one control: two side by side fit a notebook's cell.
NARROW = "340px"
#: An optimizer's button when it is off: pale, whatever the theme.
OFF_COLOR = "#EEEEEE"


class OptimizerToggle(widgets.Button):
    """A button that stays pressed until pressed again (``value``), filled with its optimizer's colour when on.

    On, its label is in the ink that reads best on that colour; off, it is pale (``OFF_COLOR``) with a dark
    label, framed in the optimizer's colour either way: both reach a contrast ratio of 4.5
    (:func:`coursekit.show.look.ink_on`), whatever the notebook's theme.

    >>> button = OptimizerToggle("Momentum", value=True)
    >>> button.style.button_color, button.style.text_color
    ('#0072B2', '#FFFFFF')
    """

    value = traitlets.Bool(False)

    def __init__(self, name: str, value: bool = False):
        self.color = OPTIMIZER_COLORS[_validate.one_of(name, "name", list(OPTIMIZER_COLORS))]
        super().__init__(description=name, layout=widgets.Layout(width="125px", border=f"2px solid {self.color}"),
                         style={"font_weight": "bold"})
        self.on_click(lambda _: setattr(self, "value", not self.value))
        self.observe(self._restyle, names="value")
        self.value = _validate.boolean(value, "value")
        self._restyle()

    def _restyle(self, change=None) -> None:
        background = self.color if self.value else OFF_COLOR
        self.style.button_color, self.style.text_color = background, ink_on(background)


class OptimizerPicker(widgets.HBox):
    """One :class:`OptimizerToggle` per optimizer; ``value`` is the tuple of those pressed (never empty).

    >>> picker = OptimizerPicker(("GD", "Adam"))
    >>> picker.buttons["Momentum"].value = True; picker.value
    ('GD', 'Momentum', 'Adam')
    """

    value = traitlets.Tuple()

    def __init__(self, selected):
        selected = _validate.names(selected, "selected", OPTIMIZERS)
        self.buttons = {name: OptimizerToggle(name, value=name in selected) for name in OPTIMIZERS}
        super().__init__([widgets.Label("optimizers", layout=widgets.Layout(width="8em")), *self.buttons.values()])
        for button in self.buttons.values():
            button.observe(self._changed, names="value")
        self._changed()

    def _changed(self, change=None) -> None:
        chosen = tuple(name for name, button in self.buttons.items() if button.value)
        if not chosen:  # the last one pressed stays pressed: a figure needs a path
            change.owner.value = True
            return
        self.value = chosen


class _PlaygroundView:
    """The playground's figure: one picture per surface and choice of optimizers; paths kept by setting."""

    def __init__(self):
        self._paths, self._pictures = Paths(), PathPictures()
        self._surfaces = {name: make() for name, make in SURFACES.items()}

    def __call__(self, values: dict):
        surface = self._surfaces[values["surface"]]
        start = (values["x0"], values["y0"])
        runs = {}
        for name in values["optimizers"]:
            lr, beta1, beta2 = values[f"lr {name}"], values["beta1"], values["beta2"]
            key = (values["surface"], start, repr(make_optimizer(name, lr, beta1, beta2)))
            runs[name] = self._paths.run(key, values["steps"], lambda steps, name=name, lr=lr: trajectory_data(
                surface, [name], lr, beta1, beta2, steps, start)[name])
        fig, png = self._pictures.draw((values["surface"], tuple(runs)), surface, runs, start)
        return fig, png, coloured_lines(_say_hidden(surface, runs, paths_summary(surface, runs)))


#: A path that never gets farther from its start than this fraction of the window's width is hidden by the start's dot.
HIDDEN = 0.01


def _say_hidden(surface: surfaces.Surface, runs: Mapping, sentences: dict) -> dict:
    """``sentences`` with, for each path that stays under the start's dot, how far it got and that it is hidden."""
    width = surface.xlim[1] - surface.xlim[0]
    said = dict(sentences)
    for name, run in runs.items():
        reach = float(np.max(np.hypot(*(run.points - run.points[0]).T)))
        if not run.diverged and reach < HIDDEN * width:
            said[name] += f"; it moved at most {reach:.2g} from the start, so its path is hidden under the start's dot"
    return said


def playground_explorer(surface: str = "elongated quadratic", optimizers=OPTIMIZERS, lr: Mapping | None = None,
                        beta1: float = 0.9, beta2: float = 0.999, steps: int = 100, start=None) -> Explorer:
    """The optimizer playground: pick optimizers and a surface, a start, each ``α``, ``β₁``, ``β₂`` and the steps.

    ``w_t = w_{t−1} − α · (each optimizer's step)`` for t = 1..steps from the same ``w_0``, on one surface.

    Args:
        surface: a name from ``SURFACES``.  optimizers: the names pressed at first (from ``OPTIMIZERS``).
        lr: ``{name: α}`` for some optimizers; the others start at ``DEFAULT_LRS``.
        beta1: momentum's ``β`` and Adam's ``β₁``.  beta2: ``β₂`` of RMSprop and Adam.
        steps: ``T``, 1 to 300.  start: ``w_0`` in the surface's window (default: the surface's own start);
            a new surface resets it to that surface's start.

    Returns:
        An :class:`~coursekit.show.explorer.Explorer`; its numbers line gives each path's end.

    Reference: notebook 08.

    >>> w = playground_explorer("Rosenbrock", optimizers=("GD", "Adam"), lr={"GD": 0.001}, steps=20)
    >>> w.controls["optimizers"].buttons["Momentum"].value = True
    >>> sorted(gid for line in w.figure.axes[0].lines if (gid := line.get_gid()) and "outside" not in gid)
    ['Adam', 'GD', 'Momentum']
    """
    _validate.one_of(surface, "surface", list(SURFACES))
    optimizers = _validate.names(optimizers, "optimizers", OPTIMIZERS)
    if lr is not None and (not isinstance(lr, Mapping) or not set(lr) <= set(OPTIMIZERS)):
        raise ValueError(f"lr must be a dict optimizer name -> α with names from {list(OPTIMIZERS)}, got {lr!r}")
    rates = {name: _validate.positive(value, f"lr[{name!r}]") for name, value in {**DEFAULT_LRS, **(lr or {})}.items()}
    window = SURFACES[surface]()
    x0, y0 = window.start if start is None else _validate.point(start, "start")
    if not (window.xlim[0] <= x0 <= window.xlim[1] and window.ylim[0] <= y0 <= window.ylim[1]):
        raise ValueError(f"start must lie in the surface's window {window.xlim} × {window.ylim}, got {(x0, y0)}")
    controls = {
        "optimizers": OptimizerPicker(tuple(optimizers)),
        "surface": widgets.Dropdown(options=list(SURFACES), value=surface, description="surface",
                                    style=DESCRIPTION_STYLE),
        **{f"lr {name}": log_slider(f"α ({name})", rates[name], 1e-4, 3.0) for name in OPTIMIZERS},
        "beta1": slider(widgets.FloatSlider, "β₁", _validate.beta(beta1, "beta1"), 0.0, 0.99, 0.01),
        "beta2": slider(widgets.FloatSlider, "β₂", _validate.beta(beta2, "beta2"), 0.5, 0.999, 0.001,
                        readout_format=".3f"),
        "steps": slider(widgets.IntSlider, "steps T", _validate.positive_int(steps, "steps"), 1, 300, 1),
        "x0": slider(widgets.FloatSlider, "start x", x0, *window.xlim, 0.01),
        "y0": slider(widgets.FloatSlider, "start y", y0, *window.ylim, 0.01),
    }
    for name, control in controls.items():
        if name not in ("optimizers", "surface"):
            control.layout.width = NARROW
    explorer = Explorer(controls, _PlaygroundView())
    rows = [("optimizers",), ("surface",), ("lr GD", "lr Momentum"), ("lr RMSprop", "lr Adam"), ("beta1", "beta2"),
            ("steps",), ("x0", "y0")]
    explorer.children = [widgets.HBox([controls[name] for name in row]) for row in rows] + [explorer.picture,
                                                                                          explorer.summary]
    controls["surface"].unobserve(explorer.update, names="value")
    controls["surface"].observe(lambda change: _new_surface(explorer), names="value")
    return explorer


def _new_surface(explorer: Explorer) -> None:
    """Move the start sliders to the new surface's window and start, then redraw once."""
    surface = SURFACES[explorer.controls["surface"].value]()
    for name, (low, high), value in (("x0", surface.xlim, surface.start[0]), ("y0", surface.ylim, surface.start[1])):
        control = explorer.controls[name]
        control.unobserve(explorer.update, names="value")
        control.min, control.max = min(low, control.min), max(high, control.max)  # widen first: never clamped
        control.value = value
        control.min, control.max = low, high
        control.observe(explorer.update, names="value")
    explorer.update()
