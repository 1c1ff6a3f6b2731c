"""Tests of coursekit.show.convergence: each figure draws the numbers it is given, and refuses bad input."""

import numpy as np
import pytest
from matplotlib.colors import to_hex

from coursekit.experiments.settling import StepsMap, steps_map
from coursekit.show import convergence, look
from coursekit.surfaces import elongated_quadratic


@pytest.fixture(scope="module")
def small_map():
    return steps_map(elongated_quadratic(10.0), np.geomspace(0.01, 1.0, 7), [0.0, 0.5, 0.9], tol=1e-3)


def test_the_steps_map_draws_every_grid_value_the_limit_and_the_marks(small_map):
    fig = convergence.plot_steps_map(small_map, {"theory": (0.3, 0.5), "measured": (0.2, 0.5)}, stability=10.0)
    ax = fig.axes[0]
    (mesh,) = ax.collections
    np.testing.assert_array_equal(mesh.get_array().filled(np.nan).reshape(3, 7), small_map.steps)
    lines = {line.get_label(): line for line in ax.lines}
    assert list(lines) == ["stability limit", "theory", "measured"]
    beta = lines["stability limit"].get_ydata()
    np.testing.assert_allclose(lines["stability limit"].get_xdata(), 2 * (1 + beta) / ((1 - beta) * 10.0))
    assert lines["theory"].get_xydata().tolist() == [[0.3, 0.5]]
    assert ax.get_xscale() == "log" and len(fig.axes) == 2  # the map and its colour bar
    assert "never within the budget" in [t.get_text() for t in fig.legends[0].get_texts()]


def test_velocity_and_effective_step_figures_draw_their_columns():
    g = np.array([[1.0, 10.0], [1.0, -10.0], [1.0, 10.0]])
    fig = convergence.plot_velocity(g, g / 2, beta=0.9)
    for i, ax in enumerate(fig.axes):
        lines = {line.get_gid(): line for line in ax.lines if line.get_gid()}
        np.testing.assert_array_equal(lines["gradient"].get_ydata(), g[:, i])
        np.testing.assert_array_equal(lines["velocity"].get_ydata(), g[:, i] / 2)
        assert to_hex(lines["velocity"].get_color()) == look.BETA_COLORS[0.9].lower()
    fig = convergence.plot_effective_steps(np.array([[0.1, 0.001], [0.2, 0.002]]), {"GD's α": 0.02})
    lines = {line.get_gid(): line for line in fig.axes[0].lines}
    np.testing.assert_array_equal(lines["y"].get_ydata(), [0.001, 0.002])
    assert list(lines["GD's α"].get_ydata()) == [0.02, 0.02] and fig.axes[0].get_yscale() == "log"


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: convergence.plot_steps_map({"steps": 1}), TypeError, "steps_map must be a StepsMap"),
        (lambda: convergence.plot_steps_map(StepsMap(np.ones(1), np.zeros(1), np.ones((1, 1))),
                                            {str(i): (1, 0) for i in range(5)}), ValueError, "marks must hold at most 4"),
        (lambda: convergence.plot_steps_map(StepsMap(np.ones(1), np.zeros(1), np.ones((1, 1))), stability=-1.0),
         ValueError, "stability must be a finite number > 0"),
        (lambda: convergence.plot_velocity(np.ones((3, 2)), np.ones((2, 2)), beta=0.9), ValueError,
         r"grads and velocity must both have shape \(T, 2\)"),
        (lambda: convergence.plot_velocity(np.ones((3, 2)), np.ones((3, 2)), beta=1.0), ValueError, "beta must be in"),
        (lambda: convergence.plot_effective_steps(np.ones((3, 3))), ValueError, r"effective must have shape \(T, 2\)"),
        (lambda: convergence.plot_effective_steps(np.ones((3, 2)), {"GD": 0.0}), ValueError,
         r"references\['GD'\] must be a finite number > 0"),
    ],
)
def test_bad_arguments_are_named(call, error, message):
    with pytest.raises(error, match=message):
        call()
