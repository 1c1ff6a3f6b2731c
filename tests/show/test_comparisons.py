"""Tests of coursekit.show.comparisons: what each figure of notebook 08 draws, and its inputs."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex, to_rgb

from coursekit import data, nn
from coursekit.experiments.first_steps import adam_steps
from coursekit.optim import GD
from coursekit.show import comparisons
from coursekit.show.look import FIGSIZE, OPTIMIZER_COLORS
from coursekit.experiments.sweeps import lr_sweep
from coursekit.train import train


def _lines(fig, axis=0) -> dict:
    return {line.get_gid(): line for line in fig.axes[axis].lines if line.get_gid()}


@pytest.fixture(scope="module")
def moons():
    return data.two_moons(m=80, seed=2)


@pytest.fixture(scope="module")
def sweep(moons):
    return lr_sweep(*moons, [2, 3, 1], ["GD", "Adam"], [0.01, 0.1, 1.0], epochs=4)


def test_first_steps_are_drawn_in_units_of_alpha_with_a_line_at_one():
    steps = {"Adam": adam_steps(np.ones(10), 0.1), "uncorrected": adam_steps(np.ones(10), 0.1, bias_correction=False)}
    fig = comparisons.plot_first_steps(steps, 0.1)
    lines = _lines(fig)
    np.testing.assert_allclose(lines["uncorrected"].get_ydata(), np.abs(steps["uncorrected"]) / 0.1)
    np.testing.assert_array_equal(lines["Adam"].get_xdata(), np.arange(1, 11))
    assert lines["alpha"].get_ydata()[0] == 1.0 and fig.axes[0].get_yscale() == "log"
    assert to_hex(lines["Adam"].get_color()) == OPTIMIZER_COLORS["Adam"].lower()
    assert tuple(fig.get_size_inches()) == FIGSIZE


def test_first_step_sizes_are_drawn_against_the_gradient_on_log_axes():
    dw = np.logspace(-4, 2, 7)
    fig = comparisons.plot_first_step_sizes(dw, {"GD": 0.1 * dw, "Adam": np.full(7, 0.1)}, 0.1)
    lines = _lines(fig)
    np.testing.assert_array_equal(lines["GD"].get_xdata(), dw)
    np.testing.assert_array_equal(lines["GD"].get_ydata(), 0.1 * dw)
    assert lines["alpha"].get_ydata()[0] == 0.1
    assert (fig.axes[0].get_xscale(), fig.axes[0].get_yscale()) == ("log", "log")


def test_costs_against_steps_and_against_measured_seconds(moons):
    runs = {name: train(*moons, [2, 3, 1], GD(lr), epochs=3) for name, lr in (("GD", 0.1), ("slow GD", 0.01))}
    fig = comparisons.plot_costs_against_time(runs, {"GD": 0.5, "slow GD": 2.0})
    assert len(fig.axes) == 2
    steps, seconds = _lines(fig, 0), _lines(fig, 1)
    assert steps["GD"].get_xdata().tolist() == [2, 4, 6]  # 2 mini-batches of 64 per epoch of 80 examples
    assert seconds["slow GD"].get_xdata().tolist() == [2.0, 4.0, 6.0]
    np.testing.assert_array_equal(seconds["GD"].get_ydata(), runs["GD"].epoch_costs)


def test_decision_boundaries_colour_the_plane_by_the_predicted_class(moons):
    X, Y = moons
    always_one = {"W1": np.zeros((1, 2)), "b1": np.full((1, 1), 5.0)}
    fig = comparisons.plot_decision_boundaries(X, Y, {"one": always_one, "net": nn.init_params([2, 3, 1], 0)},
                                               ncols=2, resolution=20)
    assert [ax.get_title() for ax in fig.axes] == ["one", "net"]
    regions = fig.axes[0].collections[0]
    assert to_rgb(regions.get_facecolor()[-1]) == pytest.approx(comparisons._lighter(comparisons.CLASS_COLORS[1]))
    points = fig.axes[0].lines
    assert [len(line.get_xdata()) for line in points] == [int((Y == 0).sum()), int((Y == 1).sum())]


def test_extra_panel_slots_are_removed(moons):
    params = nn.init_params([2, 3, 1], 0)
    fig = comparisons.plot_decision_boundaries(*moons, {str(k): params for k in range(4)}, ncols=3, resolution=10)
    assert len(fig.axes) == 4


def test_figures_are_not_registered_with_pyplot(moons):
    before = plt.get_fignums()
    comparisons.plot_decision_boundaries(*moons, {"a": nn.init_params([2, 3, 1], 0)}, resolution=10)
    assert plt.get_fignums() == before


def test_bad_arguments_are_named(moons, sweep):
    X, Y = moons
    with pytest.raises(TypeError, match=r"steps must be a non-empty dict label -> 1-D array, got \{\}"):
        comparisons.plot_first_steps({}, 0.1)
    with pytest.raises(ValueError, match=r"lr must be a finite number > 0, got -1"):
        comparisons.plot_first_steps({"a": [1.0]}, -1)
    with pytest.raises(ValueError, match=r"sizes\['GD'\] must have the shape of dw, \(3,\), got \(2,\)"):
        comparisons.plot_first_step_sizes([1.0, 2.0, 3.0], {"GD": [1.0, 2.0]}, 0.1)
    with pytest.raises(ValueError, match=r"seconds_per_epoch must give a duration for each of \['GD'\]"):
        comparisons.plot_costs_against_time({"GD": sweep.best("GD")}, {"Adam": 1.0})
    with pytest.raises(ValueError, match=r"X must have shape \(2, m\) and Y shape \(1, m\), got \(2, 80\) and "
                                         r"\(2, 80\)"):
        comparisons.plot_decision_boundaries(X, np.vstack([Y, Y]), {"a": nn.init_params([2, 1], 0)})
    with pytest.raises(TypeError, match=r"panels must be a non-empty dict title -> params"):
        comparisons.plot_decision_boundaries(X, Y, {})
