"""Tests of the explorers of coursekit.show, headless: their numbers, redraws, caches and inputs."""

import io

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
from PIL import Image

from coursekit import trajectories
from coursekit.experiments import batch_size
from coursekit.show import averages, schedules, surfaces, training
from coursekit.show.look import figure_png
from coursekit.averages import ewa
from coursekit.data import two_moons
from coursekit.optim import GD, Adam, Momentum, RMSprop
from coursekit.schedules import (exponential_decay, interval_inverse_time_decay, inverse_sqrt_decay, inverse_time_decay,
                                 staircase_decay)
from coursekit.surfaces import elongated_quadratic, rosenbrock, rotated_quadratic
from coursekit.trajectories import trajectory
from coursekit.train import train


def _image(explorer) -> np.ndarray:
    assert explorer.picture.png.startswith(b"\x89PNG")
    return np.asarray(Image.open(io.BytesIO(explorer.picture.png)))


def _paths(explorer) -> dict:
    lines = explorer.figure.axes[0].lines
    return {line.get_gid(): line.get_xydata() for line in lines if line.get_gid() and "outside" not in line.get_gid()}


@pytest.fixture
def counted(monkeypatch):
    """Count the calls of a module-level function as the widgets module sees it."""

    def count(module, name):
        calls, original = [], getattr(module, name)

        def wrapper(*args, **kwargs):
            calls.append(args)
            return original(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapper)
        return calls

    return count


# --- the pure parts -----------------------------------------------------------------------------------


def test_the_ewa_explorer_draws_the_average_with_and_without_correction():
    theta = np.arange(10.0)
    w = averages.ewa_explorer(np.arange(1, 11), theta, beta=0.7, bias_correction=True)
    _, average, corrected = w.figure.axes[0].lines
    np.testing.assert_array_equal(average.get_ydata(), ewa(theta, 0.7))
    np.testing.assert_array_equal(corrected.get_ydata(), ewa(theta, 0.7, bias_correction=True))


def test_the_schedule_explorer_draws_the_schedules_module():
    w = schedules.schedule_explorer(lr0=0.3, decay_rate=0.5, k=1.5, base=0.9, interval=3, epochs=7)
    data = {line.get_gid(): line.get_ydata() for line in w.figure.axes[0].lines}
    epochs = range(1, 8)
    assert list(data) == list(schedules.SCHEDULES)
    np.testing.assert_allclose(data["constant"], [0.3] * 7)
    np.testing.assert_allclose(data["inverse time"], [inverse_time_decay(0.3, 0.5)(e) for e in epochs])
    np.testing.assert_allclose(data["interval inverse time"],
                               [interval_inverse_time_decay(0.3, 0.5, 3)(e) for e in epochs])
    np.testing.assert_allclose(data["exponential"], [exponential_decay(0.3, 0.9)(e) for e in epochs])
    np.testing.assert_allclose(data["k / √epoch"], [inverse_sqrt_decay(0.3, 1.5)(e) for e in epochs])
    np.testing.assert_allclose(data["staircase (halve)"], [staircase_decay(0.3, 0.5, 3)(e) for e in epochs])


@pytest.fixture(scope="module")
def moons():
    return two_moons(m=48, seed=3)


# --- the trajectory explorer ---------------------------------------------------------------------------


@pytest.fixture
def explorer():
    return surfaces.trajectory_explorer(optimizers=("GD", "Momentum", "Adam"), lr=0.1, steps=30)


def test_trajectory_explorer_is_a_vbox_of_controls_numbers_and_a_fixed_height_output(explorer):
    assert isinstance(explorer, ipywidgets.VBox)
    assert list(explorer.controls) == ["surface", "condition_number", "lr", "beta1", "beta2", "steps"]
    assert explorer.children[-2:] == (explorer.picture, explorer.summary) and explorer.picture.layout.height == "410px"
    assert _image(explorer).shape[:2] == (400, 600)


def test_moving_a_slider_redraws_the_paths_with_the_new_numbers(explorer):
    before = _paths(explorer)
    explorer.controls["lr"].value = 0.05
    after = _paths(explorer)
    s = elongated_quadratic(10.0)
    for name, opt in {"GD": GD(0.05), "Momentum": Momentum(0.05), "Adam": Adam(0.05)}.items():
        np.testing.assert_array_equal(after[name], trajectory(s, opt, steps=30).points)
        assert not np.array_equal(before[name], after[name])
    explorer.controls["steps"].value = 12
    assert {name: xy.shape for name, xy in _paths(explorer).items()} == {name: (13, 2) for name in before}


def test_the_picture_is_redrawn_whenever_a_value_changes(explorer):
    images = []
    for lr in (0.02, 0.04, 0.08):
        explorer.controls["lr"].value = lr
        assert explorer.picture.png.startswith(b"\x89PNG")
        images.append(_image(explorer))
    assert not np.array_equal(images[0], images[2])
    assert "J = " in explorer.summary.value and "GD" in explorer.summary.value


def test_only_the_optimizers_that_use_a_changed_value_are_rerun(explorer, counted):
    calls = counted(trajectories, "trajectory")
    explorer.controls["beta2"].value = 0.99
    assert [type(args[1]).__name__ for args in calls] == ["Adam"]
    explorer.controls["beta1"].value = 0.8
    assert sorted(type(args[1]).__name__ for args in calls[1:]) == ["Adam", "Momentum"]
    explorer.controls["beta1"].value = 0.9  # seen before: reused
    explorer.controls["beta2"].value = 0.999
    assert len(calls) == 3


def test_the_contour_is_drawn_once_per_surface(explorer, counted):
    calls = counted(surfaces, "plot_trajectories")
    first_figure = explorer.figure
    explorer.controls["lr"].value = 0.03
    assert calls == [] and explorer.figure is first_figure
    explorer.controls["surface"].value = "saddle"
    assert len(calls) == 1 and explorer.figure.axes[0].get_title() == "a saddle point"
    assert explorer.controls["condition_number"].disabled
    explorer.controls["surface"].value = "elongated quadratic"
    assert len(calls) == 1 and explorer.figure is first_figure
    assert not explorer.controls["condition_number"].disabled


def test_the_fast_redraw_matches_a_full_redraw(explorer):
    explorer.controls["lr"].value = 0.15
    fast = _image(explorer)[..., :3].astype(int)
    full = np.asarray(Image.open(io.BytesIO(figure_png(explorer.figure))))[..., :3].astype(int)
    differ = np.any(fast != full, axis=-1)
    assert differ.mean() < 0.001  # only where a path crosses an axis spine may the drawing order differ


def test_one_learning_rate_slider_per_optimizer_when_lr_is_a_dict():
    w = surfaces.trajectory_explorer(rosenbrock(), optimizers=("GD", "Adam"), lr={"GD": 1e-3, "Adam": 0.05}, steps=10)
    assert list(w.controls) == ["lr GD", "lr Adam", "beta1", "beta2", "steps"]
    w.controls["lr Adam"].value = 0.1
    np.testing.assert_array_equal(_paths(w)["Adam"], trajectory(rosenbrock(), Adam(0.1), steps=10).points)
    np.testing.assert_array_equal(_paths(w)["GD"], trajectory(rosenbrock(), GD(1e-3), steps=10).points)


def test_the_numbers_line_gives_the_step_from_which_each_path_stays_within_tol():
    w = surfaces.trajectory_explorer(optimizers=("GD", "Momentum"), lr={"GD": 0.0198, "Momentum": 0.063},
                                     condition_number=100.0, steps=150)
    s = elongated_quadratic(100.0)
    gd = trajectory(s, GD(0.0198), steps=400).steps_to_settle((0, 0), 1e-3)
    momentum = trajectory(s, Momentum(0.063), steps=400).steps_to_settle((0, 0), 1e-3)
    assert (gd, momentum) == (378, 132)  # notebook 06's explorer: momentum settles first, GD after 150 steps
    gd_line, momentum_line = w.summary.value.split("<br>")
    assert "not yet within 0.001 of it" in gd_line and f"within 0.001 of it from step {momentum} on" in momentum_line
    w.controls["steps"].value = 400
    assert f"within 0.001 of it from step {gd} on" in w.summary.value
    w.controls["lr GD"].value = 0.5
    assert "GD</b>: diverged after" in w.summary.value


def test_fewer_steps_are_read_from_the_longest_run_so_far(explorer, counted):
    calls = counted(trajectories, "trajectory")
    explorer.controls["steps"].value = 200
    assert len(calls) == 3  # one longer run per optimizer
    for steps in (5, 80, 200, 30):
        explorer.controls["steps"].value = steps
        assert _paths(explorer)["GD"].shape == (steps + 1, 2)
    assert len(calls) == 3


def test_iterates_outside_the_window_are_marked_on_its_edge_and_counted():
    w = surfaces.trajectory_explorer(optimizers=("RMSprop",), lr=0.1, beta2=0.999, steps=20)
    s = elongated_quadratic(10.0)
    run = trajectory(s, RMSprop(0.1, beta2=0.999), steps=20)
    marks = surfaces._outside_marks(s, run)
    (edge,) = [line for line in w.figure.axes[0].lines if line.get_gid() == "RMSprop outside"]
    np.testing.assert_array_equal(edge.get_xydata(), marks)
    assert len(marks) >= 1 and np.all(np.abs(marks[:, 1]) <= 1.0) and np.any(np.abs(marks[:, 1]) == 1.0)
    assert f"{len(marks)} point" in w.summary.value and "outside the window" in w.summary.value
    w.controls["beta2"].value = 0.9  # RMSprop's default: a first step of 3.2 α stays in view
    assert "outside the window" not in w.summary.value


def test_beta2_starts_at_the_default_of_the_optimizer_shown():
    assert surfaces.trajectory_explorer(optimizers=("GD", "RMSprop")).controls["beta2"].value == 0.9
    assert surfaces.trajectory_explorer(optimizers=("GD", "Adam")).controls["beta2"].value == 0.999
    assert surfaces.trajectory_explorer(optimizers=("RMSprop",), beta2=0.99).controls["beta2"].value == 0.99


def test_the_menu_turns_the_bowl_and_keeps_kappa():
    w = surfaces.trajectory_explorer(optimizers=("GD",), lr=0.01, condition_number=100.0, steps=10)
    w.controls["surface"].value = "rotated quadratic"
    assert not w.controls["condition_number"].disabled
    assert w.figure.axes[0].get_title() == "elongated bowl, κ = 100, turned 45°"
    np.testing.assert_array_equal(_paths(w)["GD"], trajectory(rotated_quadratic(100.0, 45.0), GD(0.01), steps=10).points)


def test_a_diverging_optimizer_is_reported_not_raised():
    w = surfaces.trajectory_explorer(optimizers=("GD",), lr=3.0, steps=50)
    assert "diverged" in w.summary.value
    assert w.picture.png.startswith(b"\x89PNG")


def test_widgets_do_not_register_figures_with_pyplot(explorer):
    before = plt.get_fignums()
    explorer.controls["lr"].value = 0.07
    schedules.schedule_explorer(epochs=5)
    assert plt.get_fignums() == before


# --- the other explorers ---------------------------------------------------------------------------------


def test_ewa_explorer_follows_beta_and_the_bias_correction_switch():
    theta = np.linspace(5.0, 25.0, 60)
    w = averages.ewa_explorer(np.arange(1, 61), theta, beta=0.9)
    ax = w.figure.axes[0]
    assert not ax.lines[2].get_visible() and len(ax.get_legend().get_texts()) == 2
    w.controls["beta"].value = 0.5
    np.testing.assert_array_equal(ax.lines[1].get_ydata(), ewa(theta, 0.5))
    w.controls["bias_correction"].value = True
    np.testing.assert_array_equal(ax.lines[2].get_ydata(), ewa(theta, 0.5, bias_correction=True))
    assert ax.lines[2].get_visible() and len(ax.get_legend().get_texts()) == 3
    assert ax.get_legend().get_texts()[1].get_text() == "β = 0.5 (≈ 2 values)"
    assert w.picture.png.startswith(b"\x89PNG") and w.summary.value.startswith("β = 0.5 averages about 2 values")


def test_batch_size_explorer_trains_each_size_once_and_shows_its_costs(moons, counted):
    X, Y = moons
    calls = counted(batch_size, "train")
    w = training.batch_size_explorer(X, Y, [2, 4, 1], sizes=(1, 16, 100), optimizer="GD", lr=0.5, epochs=2)
    slider = w.controls["mini_batch_size"]
    assert slider.options == (("1 (stochastic GD)", 1), ("16", 16), ("m = 48 (batch GD)", 48))
    assert slider.value == 16 and len(calls) == 2  # batch GD for reference, then the shown size
    slider.value = 1
    expected = train(X, Y, [2, 4, 1], GD(0.5), epochs=2, mini_batch_size=1)
    steps = w.figure.axes[0].lines[0]
    np.testing.assert_array_equal(steps.get_ydata(), expected.costs)
    np.testing.assert_allclose(steps.get_xdata()[[0, -1]], [1 / 48, 2.0])
    assert "48 steps per epoch" in w.summary.value and w.figure.axes[0].get_title().endswith("48 steps per epoch")
    slider.value = 16
    assert len(calls) == 3 and w.picture.png.startswith(b"\x89PNG")


def test_a_new_size_is_trained_with_a_progress_line_per_epoch(moons):
    X, Y = moons
    w = training.batch_size_explorer(X, Y, [2, 4, 1], sizes=(1, 16), optimizer="GD", lr=0.5, epochs=3)
    seen = []
    w.summary.observe(lambda change: seen.append(change["new"]), names="value")
    w.controls["mini_batch_size"].value = 1
    progress = [text for text in seen if text.startswith("⏳")]
    assert progress[0] == "⏳ training mini-batch size 1 for 3 epochs (48 steps per epoch) …"
    assert [text.split(":")[1].split(" done")[0] for text in progress[1:]] == [
        f" epoch {e} of 3" for e in (1, 2, 3)]
    assert seen[-1].startswith("size 1:"), "the numbers line replaces the progress once the figure is drawn"
    w.controls["mini_batch_size"].value = 16
    assert not any(text.startswith("⏳") for text in seen[len(seen) - 1:]), "a trained size needs no work"


def test_schedule_explorer_redraws_the_curves_and_follows_lr0():
    w = schedules.schedule_explorer(lr0=0.2, decay_rate=1.0, epochs=10)
    assert "0.1, 0.0667, 0.05, 0.04" in w.summary.value
    w.controls["decay_rate"].value = 0.5
    lines = {line.get_gid(): line for line in w.figure.axes[0].lines}
    np.testing.assert_allclose(lines["inverse time"].get_ydata(), [0.2 / (1 + 0.5 * e) for e in range(1, 11)])
    w.controls["lr0"].value = 0.5
    assert w.figure.axes[0].get_ylim() == pytest.approx((0, 1.0))  # 1.05 · 0.5 rounded up to 1-2-5
    assert lines["constant"].get_ydata()[0] == 0.5
    w.controls["k"].value = 1.5  # k / √1 · α₀ = 0.75 starts above α₀: the axis follows it
    assert w.figure.axes[0].get_ylim() == pytest.approx((0, 1.0))  # 1.05 · 0.75: still within the axis
    w.controls["k"].value = 2.0  # 1.05 · 1.0 > 1: the next step of the axis
    assert w.figure.axes[0].get_ylim() == pytest.approx((0, 2.0))
    w.controls["interval"].value = 4
    np.testing.assert_allclose(lines["staircase (halve)"].get_ydata()[:5], [0.5, 0.5, 0.5, 0.25, 0.25])
    assert "α at epoch 10: constant 0.5" in w.summary.value


def test_the_base_slider_reaches_the_target_of_notebook_08():
    # 09's "try this": a base whose exponential schedule ends epoch 30 where inverse-time decay with
    # decay_rate = 0.1 ends; the notebook's explorer starts at lr0 = 0.2, decay_rate = 1.0, base = 0.95.
    w = schedules.schedule_explorer(lr0=0.2, decay_rate=1.0, k=1.0, base=0.95, interval=10, epochs=30)
    rate, base = w.controls["decay_rate"], w.controls["base"]
    assert round((0.1 - rate.min) / rate.step, 9) % 1 == 0, "decay_rate 0.1 is one of the slider's values"
    rate.value = 0.1
    lines = {line.get_gid(): line for line in w.figure.axes[0].lines}
    target = lines["inverse time"].get_ydata()[-1]
    reachable = base.min + base.step * np.arange(round((base.max - base.min) / base.step) + 1)
    base.value = float(reachable[np.argmin(np.abs(0.2 * reachable**30 - target))])
    assert lines["exponential"].get_ydata()[-1] == pytest.approx(target, rel=0.01)


# --- bad inputs -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: surfaces.trajectory_explorer("bowl"),
         ValueError, r"surface must be a Surface or one of \['elongated quadratic'"),
        (lambda: surfaces.trajectory_explorer(lr=0.0), ValueError, r"lr\['GD'\] must be a finite number > 0, got 0.0"),
        (lambda: surfaces.trajectory_explorer(steps=0), ValueError, r"steps must be an integer >= 1, got 0"),
        (lambda: surfaces.trajectory_explorer(beta1=1.0), ValueError, r"beta1 must be in \[0, 1\), got 1.0"),
        (lambda: surfaces.trajectory_explorer(condition_number=-2.0),
         ValueError, r"condition_number must be a finite number >= 1, got -2.0"),
        (lambda: surfaces.trajectory_explorer(tol=0.0), ValueError, r"tol must be a finite number > 0, got 0.0"),
        (lambda: surfaces.trajectory_explorer(optimizers=("RMSprop",), beta2=1.0),
         ValueError, r"beta2 must be in \[0, 1\), got 1.0"),
        (lambda: averages.ewa_explorer([1, 2], [1.0, 2.0], beta=-0.1),
         ValueError, r"beta must be in \[0, 1\), got -0.1"),
        (lambda: averages.ewa_explorer([1, 2], [1.0, 2.0], bias_correction=1),
         TypeError, r"bias_correction must be True or False, got 1"),
        (lambda: averages.ewa_explorer([1, 2], [[1.0, 2.0]]), ValueError, r"thetas must be a 1-D array"),
        (lambda: training.batch_size_explorer(np.ones((2, 8)), np.ones((1, 8)), [2, 1], sizes=8),
         TypeError, r"sizes must be a non-empty sequence of mini-batch sizes, got 8"),
        (lambda: training.batch_size_explorer(np.ones((2, 8)), np.ones((1, 8)), [2, 1], sizes=(0,)),
         ValueError, r"sizes\[...\] must be an integer >= 1, got 0"),
        (lambda: training.batch_size_explorer(np.ones((2, 8)), np.ones((1, 8)), [2, 1], optimizer="SGD"),
         ValueError, r"optimizer name must be one of"),
        (lambda: schedules.schedule_explorer(lr0=0.0), ValueError, r"lr0 must be a finite number > 0, got 0.0"),
        (lambda: schedules.schedule_explorer(base=1.5), ValueError, r"base must be in \(0, 1\], got 1.5"),
        (lambda: schedules.schedule_explorer(interval=0), ValueError, r"interval must be an integer >= 1, got 0"),
        (lambda: schedules.schedule_explorer(k=-1.0), ValueError, r"k must be a finite number > 0, got -1.0"),
        (lambda: schedules.schedule_explorer(epochs=2.5), TypeError, r"epochs must be an integer >= 1, got 2.5"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(call, error, message):
    with pytest.raises(error, match=message):
        call()
