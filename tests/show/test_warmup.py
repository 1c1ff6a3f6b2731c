"""Tests of coursekit.show.warmup, headless: the explorer draws coursekit.warmup_and_cosine and follows its sliders,
keeps a static face, and the figures of the first steps and of the race draw what they are given."""

import base64
import io

import numpy as np
import pytest
from PIL import Image

from coursekit.data import two_moons
from coursekit.experiments.schedule_race import RACE
from coursekit.optim import Adam
from coursekit.show import warmup
from coursekit.show.explorer import STATIC_TEXT
from coursekit.show.look import figure_png
from coursekit.train import train
from coursekit.warmup_and_cosine import cosine_decay, linear_warmup, one_cycle, warmup_cosine


def _curves(explorer) -> dict:
    return {line.get_gid(): line.get_xydata() for line in explorer.figure.axes[0].lines}


def _expected(lr_max, W, T) -> dict:
    made = {"linear warmup": linear_warmup(lr_max, W), "cosine": cosine_decay(lr_max, T),
            "warmup + cosine": warmup_cosine(lr_max, W, T), "one-cycle": one_cycle(lr_max, T, pct_start=W / T)}
    return {label: [s(t) for t in range(T)] for label, s in made.items()}


def test_the_explorer_draws_the_four_schedules_of_warmup_and_cosine_step_by_step_from_zero():
    w = warmup.warmup_explorer(lr_max=0.2, warmup=8, total=60)
    curves = _curves(w)
    assert list(curves) == list(warmup.SHAPES)
    for label, rates in _expected(0.2, 8, 60).items():
        np.testing.assert_array_equal(curves[label][:, 0], np.arange(60))
        np.testing.assert_allclose(curves[label][:, 1], rates, rtol=1e-15)


def test_the_explorer_follows_each_slider_and_its_axes_follow_the_run():
    w = warmup.warmup_explorer()
    w.controls["total"].value = 200
    w.controls["warmup"].value = 30
    w.controls["lr_max"].value = 0.5
    curves = _curves(w)
    for label, rates in _expected(0.5, 30, 200).items():
        np.testing.assert_allclose(curves[label][:, 1], rates, rtol=1e-12)
    ax = w.figure.axes[0]
    assert ax.get_xlim() == (0, 199) and ax.get_ylim() == (0, 1.0)
    assert "warmup + cosine 0.167" in w.summary.value and "one-cycle 0.02" in w.summary.value


def _picture(explorer) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(explorer.picture.png)))


def test_a_fast_redraw_is_the_picture_a_full_drawing_makes():
    """The dynamic lines are redrawn in their z-order, as a full drawing draws them: where two coincide, the dashed
    or dotted one stays on top."""
    moved = warmup.warmup_explorer()
    moved.controls["warmup"].value = 30
    full = np.asarray(Image.open(io.BytesIO(figure_png(moved.figure))))[..., :3].astype(int)
    differ = np.abs(_picture(moved).astype(int) - full).max(axis=-1) > 40  # beyond antialiasing at the axes' edge
    assert differ.sum() < 20  # in list order instead, the lines on top differ at some 350 pixels


def test_the_explorers_sliders_cannot_make_the_warmup_as_long_as_the_run():
    for W in (10, 55, 120):
        w = warmup.warmup_explorer(warmup=W, total=300)
        assert w.controls["total"].min > w.controls["warmup"].max >= W


def test_the_explorer_shows_its_figure_without_a_kernel():
    w = warmup.warmup_explorer()
    bundle = w._repr_mimebundle_()
    assert bundle["text/plain"] == STATIC_TEXT
    picture = np.asarray(Image.open(io.BytesIO(base64.b64decode(bundle["image/png"]))))
    assert picture.shape[:2] == (400, 600)


def test_the_explorer_refuses_a_warmup_it_cannot_draw():
    with pytest.raises(ValueError, match=r"warmup must be an integer in \[2, total\), here \[2, 100\), got 1"):
        warmup.warmup_explorer(warmup=1)
    with pytest.raises(ValueError, match=r"warmup must be an integer in \[2, total\), here \[2, 40\), got 40"):
        warmup.warmup_explorer(warmup=40, total=40)


def test_one_colour_per_schedule_in_every_figure_of_the_notebook():
    w = warmup.warmup_explorer()
    assert {line.get_gid(): line.get_color() for line in w.figure.axes[0].lines} == \
           {label: warmup.COLORS[label] for label in warmup.SHAPES}
    fig = warmup.plot_schedule_race({name: ([0.1, 0.2], [0.9, 0.8]) for name in RACE})
    assert {line.get_gid(): line.get_color() for line in fig.axes[0].lines
            if not line.get_gid().startswith("mean ")} == \
           {name: warmup.COLORS[name] for name in RACE}
    assert len(set(warmup.COLORS.values())) == len(warmup.COLORS)


@pytest.fixture(scope="module")
def runs():
    X, Y = two_moons(m=64, seed=1)
    return [train(X, Y, [2, 4, 1], Adam(0.1), epochs=3, mini_batch_size=16, seed=seed,
                  schedule=lambda e: 0.1 * e) for seed in (0, 1)]


def test_the_first_steps_figure_draws_alpha_step_by_step_and_the_mean_cost_so_far(runs):
    fig = warmup.plot_warmup_first_steps({"warmup + cosine": runs}, steps=10)
    top, bottom = fig.axes
    np.testing.assert_allclose(top.lines[0].get_ydata(), [0.1] * 4 + [0.2] * 4 + [0.3] * 2)
    assert len(bottom.lines) == 2
    for line, h in zip(bottom.lines, runs):
        np.testing.assert_allclose(line.get_ydata(), [h.costs[:t].mean() for t in range(1, 11)], rtol=1e-12)


def test_the_first_steps_figure_refuses_what_it_cannot_draw(runs):
    with pytest.raises(ValueError, match=r"steps must be an integer in \[1, 12\] .*, got 13"):
        warmup.plot_warmup_first_steps({"a": runs}, steps=13)
    with pytest.raises(TypeError, match=r"runs\['a'\]\[1\] must be a coursekit.train.History, got list"):
        warmup.plot_warmup_first_steps({"a": [runs[0], [0.5]]}, steps=3)


def test_the_race_figure_puts_each_seed_and_the_mean_on_the_contenders_row():
    fig = warmup.plot_schedule_race({"cosine": ([0.09, 0.08, 0.07], [0.93, 0.92, 0.94]),
                                     "constant": ([0.1, 0.11, 0.12], [0.92, 0.93, 0.91])})
    costs, accuracies = fig.axes
    seeds, mean = costs.lines[2], costs.lines[3]  # the second contender's row
    np.testing.assert_allclose(seeds.get_xdata(), [0.1, 0.11, 0.12])
    assert seeds.get_ydata().tolist() == [1, 1, 1] and mean.get_xdata()[0] == pytest.approx(0.11)
    np.testing.assert_allclose(accuracies.lines[0].get_xdata(), [0.93, 0.92, 0.94])
    assert [t.get_text() for t in costs.get_yticklabels()] == ["cosine", "constant"]
    assert costs.get_ylim()[0] > costs.get_ylim()[1]  # the first contender on top


def test_the_race_figure_refuses_a_row_that_is_not_two_arrays():
    with pytest.raises(ValueError, match=r"finals\['cosine'\] must be two arrays \(final costs, test accuracies\), "
                                         r"got 3"):
        warmup.plot_schedule_race({"cosine": ([0.1], [0.9], [1.0])})
