"""Tests of coursekit.show.damping: the eigen-direction explorer and the map with its critical-damping curves."""

import numpy as np

from coursekit import optim
from coursekit.experiments import damping
from coursekit.experiments.settling import steps_map
from coursekit.show import damping as show_damping
from coursekit.surfaces import elongated_quadratic

BOWL = elongated_quadratic(100.0)

def test_the_explorer_draws_each_direction_s_error_for_gd_and_for_the_slider_s_momentum():
    w = show_damping.eigen_errors_explorer(BOWL, gd_lr=0.0198, lr=0.0631, beta=0.9, steps=50)
    view = w._render
    w.controls["beta"].value = 0.5
    expected = damping.eigen_errors(BOWL, optim.Momentum(lr=0.0631, beta=0.5), steps=50).errors
    for i, line in enumerate(view.momentum):
        np.testing.assert_allclose(line.get_ydata(), np.maximum(np.abs(expected[:, i]), show_damping.FLOOR))
    gd = damping.eigen_errors(BOWL, optim.GD(lr=0.0198), steps=50).errors
    np.testing.assert_allclose(view.fig.axes[1].lines[0].get_ydata(), np.abs(gd[:, 1]))
    assert [ax.get_title() for ax in view.fig.axes] == ["direction 1: curvature λ = 1", "direction 2: curvature λ = 100"]
    assert w.summary.value == ("λ = 1: creeps in at 0.932 per step (β below its critical 0.777); "
                               "λ = 100: grows by 1.257 per step: the path diverges")
    w.controls["beta"].value = 0.9
    assert w.summary.value == ("λ = 1: swings in at √β = 0.949 per step (β above its critical 0.777); "
                               "λ = 100: swings in at √β = 0.949 per step (β above its critical 0.528)")

def test_the_map_draws_one_critical_damping_curve_per_curvature():
    m = steps_map(elongated_quadratic(10.0), np.geomspace(0.01, 1, 5), [0.0, 0.5, 0.9], tol=1e-3)
    fig = show_damping.plot_damping_map(m, [1.0, 10.0], {"theory": (0.3, 0.5)}, stability=10.0)
    curves = {line.get_label(): line for line in fig.axes[0].lines if line.get_label().startswith("critical")}
    assert list(curves) == ["critical damping, λ = 1", "critical damping, λ = 10"]
    for lam, line in zip((1.0, 10.0), curves.values()):
        x = line.get_xdata()
        np.testing.assert_allclose(line.get_ydata(), ((1 - x * lam) / (1 + x * lam)) ** 2)
        assert line.get_ydata().max() <= 0.9
