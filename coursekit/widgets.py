"""Sliders bound to the course's figures, in one import: ``from coursekit import widgets``.

Each ``*_explorer`` builds an :class:`~coursekit.explorer.Explorer`: controls, one figure that re-draws as
a value moves, and a line of numbers. The numbers come from the pure ``*_data`` functions, testable
without a display. They live in small modules, in the order of the course:

* :mod:`coursekit.training_widgets` — the mini-batch size (SYLLABUS §1-2) and the learning-rate schedules (§8);
* :mod:`coursekit.average_widgets` — exponentially weighted averages and bias correction (§3-4);
* :mod:`coursekit.surface_widgets` — optimizers' paths on loss surfaces (§5-7, §9);
* :mod:`coursekit.explorer` — what they are made of: the widget, the fast re-drawing, the controls.
"""

from coursekit.average_widgets import ewa_data, ewa_explorer
from coursekit.explorer import Explorer
from coursekit.surface_widgets import trajectory_data, trajectory_explorer
from coursekit.training_widgets import batch_size_data, batch_size_explorer, schedule_data, schedule_explorer

__all__ = [
    "batch_size_data", "batch_size_explorer", "schedule_data", "schedule_explorer",
    "ewa_data", "ewa_explorer",
    "trajectory_data", "trajectory_explorer",
    "Explorer",
]
