"""How the course is shown: its figures and the slider explorers that redraw them, in one import.

``from coursekit import show``, then ``show.plot_costs(...)`` or ``show.trajectory_explorer(...)``. Each
``plot_*`` returns a :class:`~coursekit.show.look.CourseFigure` (600 × 400 px, shown once as a PNG, never
registered with pyplot); each ``*_explorer`` an :class:`~coursekit.show.explorer.Explorer` whose figure
redraws as a slider moves. ``show`` only draws: the numbers a notebook prints are computed below it, in the
top level of :mod:`coursekit` and in :mod:`coursekit.experiments` (e.g.
:func:`coursekit.experiments.gradient_noise.gradient_noise_data`), and ``show`` draws what they return.
One module per topic, in the order of the course:

* :mod:`~coursekit.show.training` — the digits, costs per step or epoch, the mini-batch size (notebooks 01-02);
* :mod:`~coursekit.show.batch_size` — each size at its best α, per epoch and per second, vectorization (02),
  the cost between two solutions (03);
* :mod:`~coursekit.show.gradient_noise` — the spread of mini-batch gradients and noisy descent paths (03);
* :mod:`~coursekit.show.averages` — exponentially weighted averages and their weights (04-05);
* :mod:`~coursekit.show.smoothing` — the average's lag against its smoothing, and a moving window beside it (04);
* :mod:`~coursekit.show.bias` — the start-up bias and the correction factor 1 / (1 − β^t) (05);
* :mod:`~coursekit.show.surfaces` — optimizers' paths over a loss surface's contours (06-08, 10);
* :mod:`~coursekit.show.convergence` — steps over a grid of (α, β), momentum's
  velocity and RMSprop's effective step (06-07);
* :mod:`~coursekit.show.damping` — each eigen-direction's error for GD and momentum, and critical damping (06);
* :mod:`~coursekit.show.nesterov` — heavy ball and Nesterov, each β at its best α (06);
* :mod:`~coursekit.show.adagrad` — AdaGrad's sum against RMSprop's average (07);
* :mod:`~coursekit.show.comparisons` — Adam's first steps, costs against seconds, decision boundaries (08);
* :mod:`~coursekit.show.playground` — the optimizer playground: any optimizers on any surface (08);
* :mod:`~coursekit.show.sweeps` — a learning-rate sweep: each contender at its own best α (02, 06-08);
* :mod:`~coursekit.show.schedules` — learning-rate decay, and why it helps (09);
* :mod:`~coursekit.show.optima` — local minima, saddle points and plateaus (10);
* :mod:`~coursekit.show.noise` — when gradient noise carries runs out of a poor well (10);
* :mod:`~coursekit.show.weight_decay` — L2 inside Adam against AdamW (12);
* :mod:`~coursekit.show.warmup` — warmup, cosine decay and one-cycle, and their race (12);

built on :mod:`~coursekit.show.look` (the palette, one colour per optimizer, PNG encoding) and
:mod:`~coursekit.show.explorer` (the widget and its fast redraw).
"""

from coursekit.show.adagrad import plot_sum_against_average
from coursekit.show.averages import ewa_explorer, plot_ewa, plot_ewa_weights
from coursekit.show.batch_size import plot_cost_vs_seconds, plot_examples_per_second, plot_interpolation, plot_size_sweep
from coursekit.show.bias import correction_factor_explorer, plot_correction_factor, plot_startup_bias
from coursekit.show.convergence import plot_effective_steps, plot_steps_map, plot_velocity
from coursekit.show.damping import eigen_errors_explorer, plot_damping_map
from coursekit.show.comparisons import (
    plot_costs_against_time,
    plot_decision_boundaries,
    plot_first_step_sizes,
    plot_first_steps,
)
from coursekit.show.explorer import Explorer
from coursekit.show.gradient_noise import gradient_noise_explorer, noisy_descent_explorer, plot_gradient_noise
from coursekit.show.nesterov import plot_steps_by_beta
from coursekit.show.noise import noise_escape_explorer
from coursekit.show.look import BETA_COLORS, OPTIMIZER_COLORS, PALETTE, CourseFigure, new_figure
from coursekit.show.playground import playground_explorer
from coursekit.show.smoothing import plot_lag, plot_window_comparison
from coursekit.show.sweeps import plot_lr_sweeps
from coursekit.show.optima import plateau_explorer, plot_basins, plot_goe_fractions, plot_index_vs_cost, plot_stages
from coursekit.show.schedules import plot_schedules, plot_wandering, schedule_explorer
from coursekit.show.surfaces import plot_trajectories, trajectory_explorer
from coursekit.show.training import batch_size_explorer, plot_costs, plot_digits, plot_minibatch_costs
from coursekit.show.warmup import plot_schedule_race, plot_warmup_first_steps, plot_warmup_schedules, warmup_explorer
from coursekit.show.weight_decay import decay_explorer, plot_decay_grid, plot_decay_paths, plot_root_s_hat

__all__ = [
    "plot_digits", "plot_costs", "plot_minibatch_costs", "batch_size_explorer",
    "plot_size_sweep", "plot_cost_vs_seconds", "plot_examples_per_second", "plot_interpolation",
    "plot_gradient_noise", "gradient_noise_explorer", "noisy_descent_explorer",
    "plot_ewa", "plot_ewa_weights", "ewa_explorer",
    "plot_lag", "plot_window_comparison", "plot_startup_bias", "plot_correction_factor", "correction_factor_explorer",
    "plot_trajectories", "trajectory_explorer",
    "plot_steps_map", "plot_velocity", "plot_effective_steps", "eigen_errors_explorer", "plot_damping_map",
    "plot_steps_by_beta", "plot_sum_against_average",
    "plot_lr_sweeps",
    "plot_first_steps", "plot_first_step_sizes", "plot_costs_against_time",
    "plot_decision_boundaries", "playground_explorer",
    "plot_schedules", "plot_wandering", "schedule_explorer",
    "plot_basins", "plot_goe_fractions", "plot_index_vs_cost", "plot_stages", "plateau_explorer",
    "noise_escape_explorer",
    "plot_decay_grid", "plot_root_s_hat", "plot_decay_paths", "decay_explorer",
    "plot_warmup_schedules", "warmup_explorer", "plot_warmup_first_steps", "plot_schedule_race",
    "PALETTE", "OPTIMIZER_COLORS", "BETA_COLORS", "CourseFigure", "new_figure", "Explorer",
]
