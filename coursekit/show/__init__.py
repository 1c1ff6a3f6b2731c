"""How the course is shown: its figures and the slider explorers that redraw them, in one import.

``from coursekit import show``, then ``show.plot_costs(...)`` or ``show.trajectory_explorer(...)``. Each
``plot_*`` returns a :class:`~coursekit.show.look.CourseFigure` (600 × 400 px, shown once as a PNG, never
registered with pyplot); each ``*_explorer`` an :class:`~coursekit.show.explorer.Explorer` whose figure
redraws as a slider moves, its numbers computed by a ``*_data`` function that needs no display.
One module per topic, in the order of the course:

* :mod:`~coursekit.show.training` — the digits, costs per step or epoch, the mini-batch size (notebooks 01-02);
* :mod:`~coursekit.show.averages` — exponentially weighted averages and their weights (03-04);
* :mod:`~coursekit.show.smoothing` — the average's lag against its smoothing, and a moving window beside it (03);
* :mod:`~coursekit.show.bias` — the start-up bias and the correction factor 1 / (1 − β^t) (04);
* :mod:`~coursekit.show.surfaces` — optimizers' paths over a loss surface's contours (05-07, 09);
* :mod:`~coursekit.show.convergence` — steps over a grid of (α, β), learning-rate sweeps, momentum's
  velocity and RMSprop's effective step (05-06);
* :mod:`~coursekit.show.schedules` — learning-rate decay (08);

built on :mod:`~coursekit.show.look` (the palette, one colour per optimizer, PNG encoding) and
:mod:`~coursekit.show.explorer` (the widget and its fast redraw).
"""

from coursekit.show.averages import ewa_data, ewa_explorer, plot_ewa, plot_ewa_weights
from coursekit.show.bias import correction_factor_explorer, plot_correction_factor, plot_startup_bias
from coursekit.show.convergence import plot_effective_steps, plot_lr_sweeps, plot_steps_map, plot_velocity
from coursekit.show.explorer import Explorer
from coursekit.show.look import BETA_COLORS, OPTIMIZER_COLORS, PALETTE, CourseFigure, new_figure
from coursekit.show.schedules import plot_schedules, schedule_data, schedule_explorer
from coursekit.show.smoothing import plot_lag, plot_window_comparison
from coursekit.show.surfaces import plot_trajectories, surface_grid, trajectory_data, trajectory_explorer
from coursekit.show.training import batch_size_data, batch_size_explorer, plot_costs, plot_digits, plot_minibatch_costs

__all__ = [
    "plot_digits", "plot_costs", "plot_minibatch_costs", "batch_size_data", "batch_size_explorer",
    "plot_ewa", "plot_ewa_weights", "ewa_data", "ewa_explorer",
    "plot_lag", "plot_window_comparison", "plot_startup_bias", "plot_correction_factor", "correction_factor_explorer",
    "plot_trajectories", "surface_grid", "trajectory_data", "trajectory_explorer",
    "plot_steps_map", "plot_lr_sweeps", "plot_velocity", "plot_effective_steps",
    "plot_schedules", "schedule_data", "schedule_explorer",
    "PALETTE", "OPTIMIZER_COLORS", "BETA_COLORS", "CourseFigure", "new_figure", "Explorer",
]
