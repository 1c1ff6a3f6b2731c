"""Figures and the plateau explorer of coursekit.show.optima, and plot_wandering of coursekit.show.schedules."""

import numpy as np
import pytest
from matplotlib.colors import to_hex

from coursekit.experiments import basins, saddles
from coursekit.experiments.least_squares import least_squares, mean_distance, minibatch_path
from coursekit.optim import GD
from coursekit.experiments.plateaus import LEAVE_LEVEL, plateau_data, steps_to_leave
from coursekit.schedules import inverse_time_decay
from coursekit.show import look, optima, schedules
from coursekit.surfaces import saddle, several_minima
from tests.show.vision import SIMULATIONS, delta_e


def _is_course_figure(fig, axes=1):
    assert isinstance(fig, look.CourseFigure) and len(fig.axes) == axes
    assert tuple(fig.get_size_inches() * fig.dpi) == (600.0, 400.0)
    assert all(ax.get_xlabel() and ax.get_ylabel() and ax.get_title() for ax in fig.axes)


def test_plot_basins_colours_each_start_by_its_minimum():
    surface = several_minima()
    starts = basins.start_grid(surface, per_side=6)
    reached = np.arange(len(starts)) % 4 - 1  # −1, 0, 1, 2, ...
    fig = optima.plot_basins(surface, starts, reached)
    _is_course_figure(fig)
    groups = {line.get_gid(): line for line in fig.axes[0].lines if line.get_gid()}
    assert sorted(groups) == ["minimum 1", "minimum 2", "minimum 3"], "counted from 1, as the notebook counts the wells"
    np.testing.assert_array_equal(groups["minimum 2"].get_xydata(), starts[reached == 1])
    assert to_hex(groups["minimum 1"].get_color()) != to_hex(groups["minimum 2"].get_color())
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert labels[-1] == "in no minimum: 9" and fig.axes[0].get_title() == "36 starts: 25% end in the deepest"


def test_plot_goe_fractions_draws_the_coin_flips_and_leaves_out_sizes_without_a_hit():
    fig = optima.plot_goe_fractions([500, 150, 25, 0], count=1000)
    _is_course_figure(fig)
    ax = fig.axes[0]
    assert ax.get_yscale() == "log"
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [0.5, 0.25, 0.125, 0.0625])
    (points,) = [c for c in ax.containers]
    np.testing.assert_allclose(points.lines[0].get_ydata(), [0.5, 0.15, 0.025])


def test_plot_index_vs_cost_separates_minima_from_saddles():
    points = saddles.critical_points(saddles.pooled_digits(2), p=2)
    fig = optima.plot_index_vs_cost(points)
    _is_course_figure(fig)
    lines = {line.get_gid(): line for line in fig.axes[0].lines}
    assert len(lines["minima"].get_xdata()) == 1 and len(lines["saddles"].get_xdata()) == len(points) - 1
    assert lines["minima"].get_ydata()[0] == pytest.approx(points[0].cost)


def test_plot_stages_draws_the_curves_and_one_line_per_level():
    fig = optima.plot_stages({"GD": [0.3, 0.3, 0.2], "Adam": [0.3, 0.2, 0.1]}, {"saddle": 0.3, "minimum": 0.1})
    _is_course_figure(fig)
    gids = [line.get_gid() for line in fig.axes[0].lines]
    assert gids == ["GD", "Adam", "saddle", "minimum"]
    assert to_hex(fig.axes[0].lines[0].get_color()) == look.OPTIMIZER_COLORS["GD"].lower()


def test_plateau_explorer_follows_the_length_slider():
    w = optima.plateau_explorer(lengths=(5, 10, 15), length=5, steps=400)
    lines = {line.get_gid(): line for line in w.figure.axes[0].lines if line.get_gid()}
    data = plateau_data([5, 10, 15], lr=0.3, steps=400)
    w.controls["length"].value = 15
    np.testing.assert_allclose(lines["Adam"].get_ydata(), data["Adam"][2])
    assert f"<b>Adam</b>: off after {steps_to_leave(data['Adam'][2])} steps" in w.summary.value
    assert "<b>GD</b>: still on it after 400 steps" in w.summary.value
    assert w.picture.png.startswith(b"\x89PNG")


def test_the_squares_of_the_plateau_explorers_numbers_line_have_the_colours_of_its_curves():
    w = optima.plateau_explorer(lengths=(5, 10), length=5, steps=200)
    w.controls["length"].value = 10
    for line in (line for line in w.figure.axes[0].lines if line.get_gid()):
        square = f'<span style="color:{to_hex(line.get_color())}">■</span> <b>{line.get_gid()}</b>:'
        assert square.lower() in w.summary.value.lower(), f"{line.get_gid()}'s square is not its curve's colour"


def test_every_curve_of_the_plateau_explorer_can_be_seen_and_told_apart():
    w = optima.plateau_explorer(lengths=(5, 10), length=10, steps=400)
    lines = [line for line in w.figure.axes[0].lines if line.get_gid()]
    drawn = sorted(lines, key=lambda line: line.get_zorder())  # matplotlib's order: by z-order, then as added
    assert w._render.fast.dynamic == drawn, "a slider move redraws the curves in another order"
    for i, below in enumerate(drawn):
        for above in drawn[i + 1:]:
            assert below.get_linewidth() >= above.get_linewidth(), f"{below.get_gid()} under a thicker line"
            on = np.maximum(below.get_ydata(), above.get_ydata()) > LEAVE_LEVEL  # while either crosses the plateau
            overlap = np.mean(np.abs(below.get_ydata() - above.get_ydata())[on] < 0.01)
            if overlap > 0.5:  # one runs on top of the other: the upper one must let the lower show through
                assert above.get_linestyle() != "-", f"{above.get_gid()} hides {below.get_gid()}"
    looks = {(to_hex(line.get_color()), line.get_linestyle()) for line in lines}
    assert len(looks) == len(lines)
    momentum = [line for line in lines if line.get_gid().startswith("Momentum")]
    assert len({to_hex(line.get_color()) for line in momentum}) == 1, "momentum's two runs: one colour, two dashes"
    others = [to_hex(line.get_color()) for line in lines if line not in momentum[1:]]
    for vision in SIMULATIONS:
        assert min(delta_e(a, b, vision) for i, a in enumerate(others) for b in others[i + 1:]) >= 40, vision


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: optima.plot_basins("bowl", [[0.0, 0.0]], [0]), TypeError,
         r"surface must be a coursekit.surfaces.Surface, got str"),
        (lambda: optima.plot_basins(saddle(), [[0.0, 0.0]], [0, 1]), ValueError,
         r"starts must have shape \(N, 2\) and reached shape \(N,\)"),
        (lambda: optima.plot_goe_fractions([1, 2], count=0), ValueError, r"count must be an integer >= 1, got 0"),
        (lambda: optima.plot_index_vs_cost([]), TypeError, r"points must be a non-empty list of CriticalPoint"),
        (lambda: optima.plot_stages({}, {}), TypeError, r"costs must be a non-empty dict"),
        (lambda: optima.plateau_explorer(lengths=(5, 10), length=7), ValueError,
         r"length must be one of lengths \(5, 10\), got 7"),
        (lambda: optima.plateau_explorer(lengths=(0,), length=0), ValueError, r"lengths\[...\] must be an integer >= 1"),
    ],
)
def test_bad_arguments_are_refused(call, error, message):
    with pytest.raises(error, match=message):
        call()


# --- plot_wandering (coursekit.show.schedules) -------------------------------------------------------------------


def test_plot_wandering_shows_the_last_steps_and_a_circle_of_their_mean_distance():
    problem = least_squares()
    runs = {"fixed": minibatch_path(problem, GD(0.2), epochs=10),
            "decayed": minibatch_path(problem, GD(0.2), epochs=10, schedule=inverse_time_decay(0.2, 1.0))}
    fig = schedules.plot_wandering(problem.surface, runs, last=50)
    _is_course_figure(fig, axes=2)
    near = fig.axes[1]
    tails = {line.get_gid(): line for line in near.lines if line.get_gid()}
    np.testing.assert_array_equal(tails["fixed"].get_xydata(), runs["fixed"].points[-50:])
    radii = sorted(patch.get_radius() for patch in near.patches)
    expected = sorted(mean_distance(run.points, problem.w_star, last=50) for run in runs.values())
    np.testing.assert_allclose(radii, expected)


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: schedules.plot_wandering("bowl", {}), TypeError, r"surface must be a coursekit.surfaces.Surface, got str"),
        (lambda: schedules.plot_wandering(saddle(), {}), TypeError, r"runs must be a non-empty dict"),
        (lambda: schedules.plot_wandering(saddle(), {"a": [1.0]}), TypeError, r"runs\['a'\] must be a Trajectory"),
    ],
)
def test_plot_wandering_refuses_bad_arguments(call, error, message):
    with pytest.raises(error, match=message):
        call()
