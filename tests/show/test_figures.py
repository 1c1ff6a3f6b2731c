"""Tests of the figures of coursekit.show: kinds, sizes, labels, colours and inputs."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex

from coursekit.show import averages, look, schedules, surfaces, training
from coursekit.averages import ewa
from coursekit.optim import GD, Adam, Momentum, RMSprop
from coursekit.schedules import exponential_decay, inverse_time_decay
from coursekit.surfaces import elongated_quadratic, saddle
from coursekit.trajectories import trajectory
from coursekit.train import train

PALETTE_HEX = {c.lower() for c in look.PALETTE.values()}
THETA = np.linspace(0.0, 20.0, 40) + np.sin(np.arange(40))


@pytest.fixture(scope="module")
def quadratic_runs():
    s = elongated_quadratic()
    opts = {"GD": GD(0.1), "Momentum": Momentum(0.1), "RMSprop": RMSprop(0.05), "Adam": Adam(0.1)}
    return s, {name: trajectory(s, opt, steps=15) for name, opt in opts.items()}


@pytest.fixture(scope="module")
def history():
    X = np.array([[0.0, 1.0, 2.0, 3.0, 4.0, 5.0]])
    Y = np.array([[0.0, 0.0, 0.0, 1.0, 1.0, 1.0]])
    return train(X, Y, [1, 3, 1], Adam(lr=0.1), epochs=4, mini_batch_size=4)


@pytest.fixture(scope="module")
def course_figures(quadratic_runs, history):
    s, runs = quadratic_runs
    return {
        "ewa": averages.plot_ewa(np.arange(1, 41), THETA, {0.9: ewa(THETA, 0.9)}, {0.9: ewa(THETA, 0.9, True)}),
        "weights": averages.plot_ewa_weights(0.9, n=20),
        "trajectories": surfaces.plot_trajectories(s, runs),
        "costs": training.plot_costs({"batch": history}, per="epoch"),
        "minibatch": training.plot_minibatch_costs(history, history),
        "schedules": schedules.plot_schedules({"inverse time": inverse_time_decay(0.2)}, epochs=5),
    }


def _line_colors(ax):
    return [to_hex(line.get_color()) for line in ax.lines]


# --- every figure: kind, size, labels, look, no pyplot registration -------------------------------


@pytest.mark.parametrize("name", ["ewa", "weights", "trajectories", "costs", "minibatch", "schedules"])
def test_figure_is_a_600x400_course_figure_with_labelled_axes(course_figures, name):
    fig = course_figures[name]
    assert isinstance(fig, look.CourseFigure)
    assert tuple(fig.get_size_inches() * fig.dpi) == (600.0, 400.0)
    assert len(fig.axes) == 1
    ax = fig.axes[0]
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title()
    assert ax.title.get_fontsize() == look.STYLE["axes.titlesize"]  # drawn in the course's look
    assert repr(fig) == "<Figure size 600x400 with 1 Axes>"


@pytest.mark.parametrize("name", ["ewa", "trajectories", "costs", "schedules"])
def test_figure_has_a_legend_naming_its_series(course_figures, name):
    fig = course_figures[name]
    legend = fig.axes[0].get_legend() or fig.legends[0]
    labels = [t.get_text() for t in legend.get_texts()]
    assert labels and all(labels)


def test_figures_are_not_registered_with_pyplot(quadratic_runs):
    before = plt.get_fignums()
    s, runs = quadratic_runs
    surfaces.plot_trajectories(s, runs)
    averages.plot_ewa_weights(0.5)
    assert plt.get_fignums() == before


# --- colours --------------------------------------------------------------------------------------


def test_each_optimizer_keeps_its_palette_colour(course_figures):
    ax = course_figures["trajectories"].axes[0]
    paths = {line.get_gid(): to_hex(line.get_color()) for line in ax.lines if line.get_gid()
             and not line.get_gid().endswith(" outside")}
    assert paths == {name: c.lower() for name, c in look.OPTIMIZER_COLORS.items()}
    assert len(set(paths.values())) == 4


@pytest.mark.parametrize("name", ["ewa", "costs", "schedules", "weights"])
def test_series_colours_come_from_the_palette(course_figures, name):
    ax = course_figures[name].axes[0]
    series = [c for c in _line_colors(ax) if c != look.DATA_COLOR.lower()]
    series += [to_hex(p.get_facecolor()) for p in ax.patches]
    assert series and set(series) <= PALETTE_HEX


# --- what each figure shows -------------------------------------------------------------------------


def test_plot_ewa_draws_dots_and_the_given_curves(course_figures):
    ax = course_figures["ewa"].axes[0]
    data, average, corrected = ax.lines
    assert data.get_linestyle() == "None" and data.get_marker() == "."
    np.testing.assert_allclose(average.get_ydata(), ewa(THETA, 0.9))
    np.testing.assert_allclose(corrected.get_ydata(), ewa(THETA, 0.9, bias_correction=True))
    assert corrected.get_linestyle() == "--" and corrected.get_color() == average.get_color()
    assert average.get_label() == "β = 0.9 (≈ 10 values)"


def test_plot_ewa_accepts_dates():
    dates = np.arange("2015-01-01", "2015-01-11", dtype="datetime64[D]")
    fig = averages.plot_ewa(dates, THETA[:10], {0.5: ewa(THETA[:10], 0.5)})
    assert fig.axes[0].lines[1].get_xdata()[0] == dates[0]


def test_ewa_weights_are_the_unrolled_average_of_an_impulse():
    beta, n = 0.9, 25
    bars = averages.plot_ewa_weights(beta, n=n).axes[0].patches
    impulse_response = ewa(np.eye(1, 60)[0], beta)[:n]  # v_t for θ = (1, 0, 0, ...) is (1 − β) β^(t−1)
    np.testing.assert_allclose([b.get_height() for b in bars], impulse_response)
    assert bars[10].get_height() / bars[0].get_height() == pytest.approx(0.9**10)


def test_ewa_weights_title_gives_their_sum():
    fig = averages.plot_ewa_weights(0.5, n=3)
    assert "sum to 0.875" in fig.axes[0].get_title()  # 0.5 + 0.25 + 0.125


def test_plot_trajectories_draws_paths_start_and_minima(course_figures, quadratic_runs):
    s, runs = quadratic_runs
    ax = course_figures["trajectories"].axes[0]
    lines = {line.get_label(): line for line in ax.lines}
    np.testing.assert_array_equal(lines["Adam"].get_xydata(), runs["Adam"].points)
    assert tuple(lines["start"].get_xydata()[0]) == s.start
    assert tuple(lines["minimum"].get_xydata()[0]) == s.minima[0]
    assert ax.get_xlim() == s.xlim and ax.get_ylim() == s.ylim
    assert len(ax.collections) == 2  # filled contours and contour lines


def test_plot_trajectories_marks_saddle_points():
    s = saddle()
    fig = surfaces.plot_trajectories(s, {"GD": trajectory(s, GD(0.1), steps=5)})
    labels = [line.get_label() for line in fig.axes[0].lines if not line.get_label().startswith("_")]
    assert labels == ["GD", "start", "minimum", "saddle point"]


def test_surface_grid_evaluates_the_loss_on_the_window():
    s = elongated_quadratic(4.0)
    X, Y, Z = surfaces._surface_grid(s, resolution=5)
    assert X[0, 0] == s.xlim[0] and Y[-1, -1] == s.ylim[1]
    np.testing.assert_allclose(Z, 0.5 * (X**2 + 4.0 * Y**2))


def test_plot_costs_per_iteration_and_per_epoch(history):
    per_step = training.plot_costs({"Adam": history}, per="iteration", log=True).axes[0]
    np.testing.assert_array_equal(per_step.lines[0].get_ydata(), history.costs)
    assert per_step.lines[0].get_xdata()[0] == 1 and per_step.get_yscale() == "log"
    per_epoch = training.plot_costs({"Adam": history, "given": [1.0, 0.5]}, per="epoch").axes[0]
    np.testing.assert_array_equal(per_epoch.lines[0].get_ydata(), history.epoch_costs)
    assert per_epoch.get_xlabel() == "epoch"
    assert to_hex(per_epoch.lines[0].get_color()) == look.OPTIMIZER_COLORS["Adam"].lower()


def test_plot_minibatch_costs_puts_steps_on_an_epoch_axis(history):
    ax = training.plot_minibatch_costs(history).axes[0]
    steps, epochs = ax.lines
    assert history.steps_per_epoch == 2
    np.testing.assert_allclose(steps.get_xdata(), np.arange(1, 9) / 2)
    np.testing.assert_array_equal(epochs.get_xdata(), [1, 2, 3, 4])
    np.testing.assert_array_equal(epochs.get_ydata(), history.epoch_costs)


def test_plot_schedules_gives_the_lectures_values(course_figures):
    line = course_figures["schedules"].axes[0].lines[0]
    np.testing.assert_array_equal(line.get_xdata(), [1, 2, 3, 4, 5])
    np.testing.assert_allclose(line.get_ydata()[:4], [0.1, 0.2 / 3, 0.05, 0.04])


def test_plot_schedules_accepts_arrays_of_rates_and_a_start_epoch(history):
    fig = schedules.plot_schedules({"trained": history.lrs, "exp": exponential_decay(1.0, 0.5)}, epochs=3, start=0)
    trained, exp = fig.axes[0].lines
    np.testing.assert_array_equal(trained.get_ydata(), history.lrs[:4])
    np.testing.assert_allclose(exp.get_ydata(), [1.0, 0.5, 0.25, 0.125])


# --- bad inputs ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: averages.plot_ewa(np.arange(3), [1.0, 2.0], {0.9: [1.0, 2.0]}),
         ValueError, r"t must be a 1-D array of 2 values"),
        (lambda: averages.plot_ewa([1, 2], [1.0, np.nan], {0.9: [1.0, 2.0]}), ValueError, r"thetas must be finite"),
        (lambda: averages.plot_ewa([1, 2], [1.0, 2.0], {}), TypeError, r"averages must be a non-empty dict"),
        (lambda: averages.plot_ewa([1, 2], [1.0, 2.0], {0.9: [1.0]}), ValueError, r"averages\[0.9\] must have 2 values"),
        (lambda: averages.plot_ewa([1, 2], [1.0, 2.0], {0.9: [1, 2]}, [1, 2]),
         TypeError, r"corrected must be a non-empty dict"),
        (lambda: averages.plot_ewa_weights(1.0), ValueError, r"beta must be in \[0, 1\), got 1.0"),
        (lambda: averages.plot_ewa_weights(0.9, n=0), ValueError, r"n must be an integer >= 1, got 0"),
        (lambda: surfaces.plot_trajectories("bowl", {}), TypeError, r"surface must be a coursekit.surfaces.Surface"),
        (lambda: surfaces.plot_trajectories(saddle(), {}), TypeError, r"trajectories must be a non-empty dict"),
        (lambda: surfaces.plot_trajectories(saddle(), {"GD": np.zeros((3, 2))}),
         TypeError, r"trajectories\['GD'\] must be a Trajectory"),
        (lambda: surfaces.plot_trajectories(saddle(), {"GD": trajectory(saddle(), GD(0.1), steps=2)}, levels=0),
         ValueError, r"levels must be an integer >= 1"),
        (lambda: surfaces._surface_grid(saddle(), resolution=1.5),
         TypeError, r"resolution must be an integer >= 1, got 1.5"),
        (lambda: training.plot_costs({"a": [1.0]}, per="step"),
         ValueError, r"per must be one of \['iteration', 'epoch'\], got 'step'"),
        (lambda: training.plot_costs({"a": [1.0]}, log="yes"), TypeError, r"log must be True or False, got 'yes'"),
        (lambda: training.plot_costs([1.0, 0.5]), TypeError, r"costs must be a non-empty dict"),
        (lambda: training.plot_costs({"a": [[1.0]]}), ValueError, r"costs\['a'\] must be a 1-D array"),
        (lambda: training.plot_minibatch_costs([1.0, 0.5]), TypeError, r"history must be a History"),
        (lambda: schedules.plot_schedules({"c": lambda e: 0.1}, epochs=0),
         ValueError, r"epochs must be an integer >= 1, got 0"),
        (lambda: schedules.plot_schedules({"c": lambda e: 0.1}, epochs=3, start=4),
         ValueError, r"start must be <= epochs \(3\), got 4"),
        (lambda: schedules.plot_schedules({}, epochs=3), TypeError, r"schedules must be a non-empty dict"),
        (lambda: schedules.plot_schedules({"a": "fast"}, epochs=3), TypeError, r"schedules\['a'\] must be a numeric array"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_bad_input_is_refused_with_a_clear_message(call, error, message):
    before = plt.get_fignums()
    with pytest.raises(error, match=message):
        call()
    assert plt.get_fignums() == before


def test_plot_digits_folds_each_column_into_its_image():
    X = np.zeros((64, 5))
    X[3, 2] = 1.0  # image 2: one dark pixel at row 0, column 3
    fig = training.plot_digits(X, np.array([7, 1, 4, 0, 9]), count=5, columns=3)
    assert len(fig.axes) == 5
    assert [ax.get_title() for ax in fig.axes] == ["label 7", "label 1", "label 4", "label 0", "label 9"]
    image = fig.axes[2].images[0].get_array()
    assert image.shape == (8, 8) and image[0, 3] == 1.0 and image.sum() == 1.0


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"X": np.zeros((63, 4))}, ValueError, r"X must hold 8×8 images as columns, shape \(64, m\), got \(63, 4\)"),
        ({"labels": np.zeros(3)}, ValueError, r"labels must have one entry per column of X, shape \(4,\), got \(3,\)"),
        ({"count": 5}, ValueError, r"count must be <= m \(4\), got 5"),
        ({"count": 0}, ValueError, r"count must be an integer >= 1, got 0"),
        ({"columns": 1.5}, TypeError, r"columns must be an integer >= 1, got 1.5"),
    ],
)
def test_plot_digits_rejects_bad_input(kwargs, error, match):
    args = {"X": np.zeros((64, 4)), "labels": np.arange(4), "count": 4} | kwargs
    with pytest.raises(error, match=match):
        training.plot_digits(**args)
