"""The noise explorer of coursekit.show.noise (notebook 10): a σ slider and an anneal switch over precomputed runs."""

import numpy as np
import pytest
from matplotlib.colors import to_hex

from coursekit.experiments.noise_escape import escape_data
from coursekit.show import look, noise
from coursekit.surfaces import several_minima
from tests.show.vision import SIMULATIONS, delta_e

BOWL = several_minima()
STARTS = np.array([[-2.5, 2.5], [1.0, 1.0], [0.3, -2.0], [-0.2, 0.4], [2.5, -2.5], [-1.0, -1.0]])


@pytest.fixture(scope="module")
def data():
    return escape_data(BOWL, STARTS, sigmas=(0.0, 0.5, 1.0, 3.0), seeds=(0, 1, 2), steps=100, settle=100)


def _lines(w):
    return {line.get_gid(): line for ax in w.figure.axes for line in ax.lines if line.get_gid()}


def test_the_end_points_of_the_first_seed_follow_the_slider_and_the_switch(data):
    w = noise.noise_escape_explorer(data, sigma=0.0)
    lines = _lines(w)
    for annealed in (False, True):
        w.controls["annealed"].value = annealed
        for level, sigma in enumerate(data.sigmas):
            w.controls["sigma"].value = float(sigma)
            ends, deepest = data.ends[int(annealed), level, 0], data.deepest[int(annealed), level, 0]
            np.testing.assert_array_equal(np.column_stack(lines["deepest"].get_data()), ends[deepest])
            np.testing.assert_array_equal(np.column_stack(lines["elsewhere"].get_data()), ends[~deepest])
            assert w.picture.png.startswith(b"\x89PNG")


def test_the_marker_sits_on_the_curve_of_the_chosen_mode_and_hides_without_noise(data):
    w = noise.noise_escape_explorer(data, sigma=3.0, annealed=True)
    lines = _lines(w)
    assert list(lines["marker"].get_xdata()) == [3.0]
    assert list(lines["marker"].get_ydata()) == [data.shares[1, 3].mean()]
    assert to_hex(lines["marker"].get_color()) == noise.MODE_COLORS["annealed"].lower()
    np.testing.assert_array_equal(lines["annealed"].get_ydata(), data.shares[1, 1:].mean(axis=1))
    w.controls["sigma"].value = 0.0
    assert len(lines["marker"].get_xdata()) == 0


def test_the_numbers_line_gives_the_share_and_its_spread_over_the_seeds(data):
    w = noise.noise_escape_explorer(data, sigma=1.0)
    shares = data.shares[0, 2]
    assert w.summary.value == (f"σ = 1: {shares.mean():.0%} of the 6 starts end in the deepest well "
                               f"({shares.min():.0%} to {shares.max():.0%} over 3 seeds; no noise: "
                               f"{data.shares[0, 0].mean():.0%})")
    w.controls["sigma"].value = 0.0
    assert w.summary.value.startswith("no noise: ")
    only_noisy = escape_data(BOWL, STARTS, sigmas=(1.0, 3.0), seeds=(0,), steps=20, settle=20)
    assert "no noise" not in noise.noise_escape_explorer(only_noisy).summary.value


def test_the_figure_has_two_labelled_panels_and_colours_told_apart_with_any_colour_vision(data):
    w = noise.noise_escape_explorer(data)
    assert isinstance(w.figure, look.CourseFigure) and len(w.figure.axes) == 2
    assert all(ax.get_xlabel() and ax.get_ylabel() and ax.get_title() for ax in w.figure.axes)
    pairs = [(noise.DEEPEST_COLOR, look.DATA_COLOR), tuple(noise.MODE_COLORS.values())]  # left panel, right panel
    for vision in SIMULATIONS:
        assert min(delta_e(a, b, vision) for a, b in pairs) >= 40, vision


def test_a_sigma_off_the_computed_levels_is_refused(data):
    with pytest.raises(ValueError, match=r"sigma must be one of data.sigmas \[0.0, 0.5, 1.0, 3.0\], got 2.0"):
        noise.noise_escape_explorer(data, sigma=2.0)


def test_the_star_of_the_deepest_minimum_is_drawn_over_the_end_points(data):
    w = noise.noise_escape_explorer(data)
    assert list(_lines(w)["minimum"].get_xydata()[0]) == list(BOWL.minima[0])
    order = [artist.get_gid() for artist in w._render.fast.dynamic]  # the order in which each move redraws them
    assert order.index("minimum") > max(order.index("deepest"), order.index("elsewhere"))
