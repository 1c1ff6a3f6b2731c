"""Tests of coursekit.show.batch_size and coursekit.show.gradient_noise, headless: what each figure draws,
what each explorer redraws and says, and how bad input is refused."""

import io

import numpy as np
import pytest
from PIL import Image

from coursekit import nn
from coursekit.experiments.batch_size import sweep_sizes
from coursekit.data import two_moons
from coursekit.experiments.gradient_noise import gradient_noise_data, noisy_descent_data
from coursekit.show import batch_size, gradient_noise
from coursekit.show.look import CYCLE
from coursekit.surfaces import elongated_quadratic


@pytest.fixture(scope="module")
def moons():
    return two_moons(m=64, noise=0.2, seed=1)


@pytest.fixture(scope="module")
def sweep(moons):
    X, Y = moons
    return sweep_sizes(X, Y, [2, 4, 1], {1: (0.01, 0.1), 8: (0.1, 1.0), 64: (0.3, 3.0)}, {1: 1, 8: 3, 64: 20})


@pytest.fixture(scope="module")
def noise(moons):
    X, Y = moons
    return gradient_noise_data(X, Y, nn.init_params([2, 4, 1]), sizes=(1, 4, 16, 64), count=16)


def _image(explorer) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(explorer.picture.png)))


def test_sizes_keep_one_colour_and_the_extremes_say_what_they_are():
    assert batch_size.size_colors([256, 1, 64]) == {1: CYCLE[0], 64: CYCLE[1], 256: CYCLE[2]}
    assert [batch_size.size_label(s, 100) for s in (1, 10, 100)] == ["1 (stochastic)", "10", "m = 100 (batch)"]


def test_the_sweep_figure_draws_each_size_against_alpha_in_its_colour_and_rings_its_best(sweep):
    fig = batch_size.plot_size_sweep(sweep)
    ax = fig.axes[0]
    lines = {line.get_gid(): line for line in ax.lines}
    colors = batch_size.size_colors(sweep.sizes)
    for size in sweep.sizes:
        label = batch_size.size_label(size, 64)
        np.testing.assert_array_equal(lines[label].get_ydata(), sweep.final_costs(size))
        best = lines[f"best {label}"]
        assert best.get_xdata()[0] == sweep.best_lr(size) and lines[label].get_color() == colors[size]
    assert ax.get_xscale() == ax.get_yscale() == "log"
    assert [t.get_text().split(":")[0] for t in fig.legends[0].get_texts()] == ["1 (stochastic)", "8", "m = 64 (batch)"]


def test_cost_per_epoch_and_per_second_share_the_costs_of_each_best_run(sweep):
    fig = batch_size.plot_cost_vs_seconds(sweep, target=0.5)
    per_epoch, per_second = fig.axes
    for size in sweep.sizes:
        left = next(line for line in per_epoch.lines if line.get_gid() == str(size))
        right = next(line for line in per_second.lines if line.get_gid() == str(size))
        np.testing.assert_array_equal(left.get_ydata(), sweep.best(size).epoch_costs)
        np.testing.assert_array_equal(right.get_ydata(), sweep.best(size).epoch_costs)
        np.testing.assert_array_equal(right.get_xdata(), sweep.seconds(size))
    assert [line.get_ydata()[0] for ax in fig.axes for line in ax.lines if line.get_gid() == "target"] == [0.5, 0.5]
    assert per_epoch.get_ylim() == per_second.get_ylim()
    fig.canvas.draw()
    label = next(text for text in per_epoch.texts if text.get_gid() == "target label")
    box = label.get_window_extent()
    for line in per_epoch.lines:  # the label covers no point of any curve
        points = per_epoch.transData.transform(line.get_xydata())
        assert not any(box.contains(x, y) for x, y in points), line.get_gid()


def test_examples_per_second_are_bars_labelled_with_the_speed_up():
    ax = batch_size.plot_examples_per_second([1, 8, 64], [0.064, 0.01, 0.002], examples=64).axes[0]
    np.testing.assert_allclose([bar.get_height() for bar in ax.patches], [1000, 6400, 32000])
    assert [text.get_text() for text in ax.texts] == ["×1.0", "×6", "×32"]


def test_the_interpolation_marks_both_solutions_on_the_cost_line():
    steps, costs = np.linspace(-1, 2, 7), np.array([3.0, 2.0, 1.0, 1.5, 1.0, 2.5, 4.0])
    ax = batch_size.plot_interpolation(steps, costs, ("small", "large")).axes[0]
    assert ax.lines[0].get_gid() == "costs"
    marks = [(line.get_xdata()[0], line.get_ydata()[0]) for line in ax.lines[1:]]
    assert marks == [(0.0, 1.0), (1.0, 1.0)]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["s = 0: small", "s = 1: large"]


def test_the_noise_figure_draws_the_measured_spread_against_the_line(noise):
    ax = gradient_noise.plot_gradient_noise(noise).axes[0]
    lines = {line.get_gid(): line for line in ax.lines}
    np.testing.assert_array_equal(lines["measured"].get_ydata(), noise.spread)
    x, y = lines["line"].get_data()
    np.testing.assert_allclose(y * np.sqrt(x), y[0] * np.sqrt(x[0]))  # c / √size
    assert lines["overlap"].get_ydata()[-1] == pytest.approx(0, abs=1e-12)  # zero at size m
    assert lines["full gradient"].get_ydata()[0] == pytest.approx(np.linalg.norm(noise.full))


def test_the_cloud_explorer_shows_each_sizes_gradients_and_their_numbers(noise):
    w = gradient_noise.gradient_noise_explorer(noise)
    assert [v for _, v in w.controls["mini_batch_size"].options] == [1, 4, 16, 64]
    cloud = next(line for line in w.figure.axes[0].lines if line.get_gid() == "cloud")
    assert len(cloud.get_xdata()) == 16
    first, summary = _image(w), w.summary.value
    assert summary.startswith("size 1: spread") and "point downhill" in summary
    w.controls["mini_batch_size"].value = 16
    assert not np.array_equal(first, _image(w)) and w.summary.value.startswith("size 16: spread")
    # a projection on a plane through g: the points lie no farther from g, on average, than in every dimension
    spread_16 = noise.spread[2]
    assert np.sqrt(np.mean((cloud.get_xdata() - np.linalg.norm(noise.full)) ** 2 + cloud.get_ydata() ** 2)) <= spread_16


def test_the_path_explorer_redraws_the_chosen_sizes_path():
    w = gradient_noise.noisy_descent_explorer(noisy_descent_data(elongated_quadratic(5.0), sizes=(1, 64)))
    path = next(line for line in w.figure.axes[0].lines if line.get_gid() == "path")
    first = path.get_xydata().copy()
    w.controls["mini_batch_size"].value = 64
    assert not np.array_equal(first, path.get_xydata()) and w.summary.value.startswith("size 64: over the last 30")
    assert w.figure.axes[0].get_title() == "60 steps with the gradient noise of mini-batches of 64"


@pytest.mark.parametrize("call, error, message", [
    (lambda: batch_size.plot_size_sweep({}), TypeError, r"sweep must be a SizeSweep .*, got dict"),
    (lambda: batch_size.plot_examples_per_second([1, 8], [0.1], 8), ValueError,
     r"seconds must hold one time > 0 per block size \(2\), got \[0.1\]"),
    (lambda: batch_size.plot_examples_per_second(8, [0.1], 8), TypeError, r"blocks must be a non-empty sequence of block sizes"),
    (lambda: batch_size.plot_interpolation([0, 1], [1.0], ("a", "b")), ValueError, r"costs must have one value per step"),
    (lambda: batch_size.plot_interpolation([0, 1], [1.0, 2.0], "ab"), ValueError, r"labels must name the two solutions"),
    (lambda: gradient_noise.plot_gradient_noise([1.0]), TypeError, r"data must be the NoiseData of gradient_noise_data"),
    (lambda: gradient_noise.gradient_noise_explorer(None), TypeError, r"data must be the NoiseData"),
    (lambda: gradient_noise.noisy_descent_explorer({}), TypeError, r"data must be the NoisyPaths of noisy_descent_data"),
])
def test_bad_input_is_refused_with_a_clear_message(call, error, message):
    with pytest.raises(error, match=message):
        call()
