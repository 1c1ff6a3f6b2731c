"""The course's figures, in one import: ``from coursekit import plots``, then ``plots.plot_costs(...)``.

Each function returns a :class:`~coursekit.figures.CourseFigure` (600 × 400 px, shown once as a PNG,
never registered with pyplot) in the course's look. They live in small modules, in the order of the course:

* :mod:`coursekit.training_plots` — the data, costs per step or epoch, learning rates (SYLLABUS §1-2, §8);
* :mod:`coursekit.average_plots` — exponentially weighted averages and their weights (§3-4);
* :mod:`coursekit.surface_plots` — optimizers' paths over the contours of a loss surface (§5-7, §9);
* :mod:`coursekit.figures` — the look (palette, one colour per optimizer), :func:`new_figure` for a figure
  of one's own, and the PNG encoding.
"""

from coursekit.average_plots import plot_ewa, plot_ewa_weights
from coursekit.figures import OPTIMIZER_COLORS, PALETTE, CourseFigure, new_figure
from coursekit.surface_plots import plot_trajectories, surface_grid
from coursekit.training_plots import plot_costs, plot_digits, plot_minibatch_costs, plot_schedules

__all__ = [
    "plot_costs", "plot_digits", "plot_minibatch_costs", "plot_schedules",
    "plot_ewa", "plot_ewa_weights",
    "plot_trajectories", "surface_grid",
    "PALETTE", "OPTIMIZER_COLORS", "CourseFigure", "new_figure",
]
