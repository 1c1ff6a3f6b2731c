"""Tests of coursekit.figures: the look, the colours, the PNG encoding, and no global side effects."""

import io
import subprocess
import sys

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image

from coursekit.show import look
from tests.show.vision import SIMULATIONS, contrast_ratio, delta_e

PALETTE_HEX = {c.lower() for c in look.PALETTE.values()}


@pytest.fixture
def drawing():
    """A figure with a few curves, a title and a legend, as the course draws them."""
    fig, ax = look.new_figure()
    x = np.linspace(0.0, 6.0, 50)
    for k in range(3):
        ax.plot(x, np.sin(x + k), label=f"curve {k}")
    ax.set(title="three curves", xlabel="x", ylabel="y")
    ax.legend()
    return fig


def test_new_figure_is_a_600x400_course_figure_not_registered_with_pyplot():
    before = plt.get_fignums()
    fig, axes = look.new_figure(2, 3)
    assert isinstance(fig, look.CourseFigure)
    assert tuple(fig.get_size_inches() * fig.dpi) == (600.0, 400.0)
    assert axes.shape == (2, 3)
    assert repr(fig) == "<Figure size 600x400 with 6 Axes>"
    assert plt.get_fignums() == before


def test_repr_png_is_a_600x400_png_and_deterministic(drawing):
    png = drawing._repr_png_()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert Image.open(io.BytesIO(png)).size == (600, 400)
    assert png == drawing._repr_png_()
    assert len(png) < 150_000


def test_encode_png_round_trips_the_canvas_pixels_exactly(drawing):
    drawing.canvas.draw()
    drawn = np.asarray(drawing.canvas.buffer_rgba())[..., :3]
    for level in (1, 6):
        decoded = np.asarray(Image.open(io.BytesIO(look.encode_png(drawing.canvas, level=level))).convert("RGB"))
        np.testing.assert_array_equal(decoded, drawn)


def test_figure_png_gives_any_figure_an_agg_canvas():
    fig = Figure(figsize=(2.0, 1.0), dpi=50)
    assert Image.open(io.BytesIO(look.figure_png(fig))).size == (100, 50)


def test_style_and_styled_apply_the_look_without_changing_rcparams():
    before = dict(matplotlib.rcParams)

    @look.styled
    def titled():
        fig, ax = look.new_figure()
        ax.set_title("J")
        return fig

    assert titled().axes[0].title.get_fontsize() == look.STYLE["axes.titlesize"]
    assert dict(matplotlib.rcParams) == before
    with look.style():
        assert matplotlib.rcParams["font.size"] == look.STYLE["font.size"]
    assert dict(matplotlib.rcParams) == before


def test_importing_the_package_changes_no_rcparams():
    code = (
        "import matplotlib; before = dict(matplotlib.rcParams)\n"
        "import coursekit.show, coursekit.course\n"
        "assert dict(matplotlib.rcParams) == before, 'rcParams changed on import'\n"
        "print('same')"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "same", result.stderr


def test_each_optimizer_has_its_own_palette_colour():
    colors = [c.lower() for c in look.OPTIMIZER_COLORS.values()]
    assert list(look.OPTIMIZER_COLORS) == ["GD", "Momentum", "RMSprop", "Adam"]
    assert len(set(colors)) == 4 and set(colors) <= PALETTE_HEX


#: The least CIE 1976 colour difference between two optimizers' colours: the old GD vermillion and Adam orange
#: were 33 apart with normal vision and 18 with deuteranopia, and a learner could not tell them apart.
DISTINCT = 40


@pytest.mark.parametrize("vision", sorted(SIMULATIONS))
def test_the_optimizers_colours_stay_far_apart_with_common_colour_vision(vision):
    names = list(look.OPTIMIZER_COLORS)
    closest = min((delta_e(look.OPTIMIZER_COLORS[a], look.OPTIMIZER_COLORS[b], vision), a, b)
                  for i, a in enumerate(names) for b in names[i + 1:])
    assert closest[0] >= DISTINCT, f"{closest[1]} and {closest[2]} differ by ΔE {closest[0]:.1f} ({vision})"


@pytest.mark.parametrize("color", sorted(look.PALETTE.values()) + ["#EEEEEE", "#FFFFFF"])
def test_the_ink_chosen_for_a_background_reads_on_it(color):
    assert contrast_ratio(look.ink_on(color), color) >= 4.5


def test_other_series_take_distinct_palette_colours_avoiding_optimizer_colours():
    colors = look.colors_for(["Adam", "a", "b", "c"])
    assert colors["Adam"] == look.OPTIMIZER_COLORS["Adam"]
    assert len(set(colors.values())) == 4
    assert {c.lower() for c in colors.values()} <= PALETTE_HEX


def test_figure_png_refuses_what_is_not_a_figure():
    with pytest.raises(TypeError, match=r"fig must be a matplotlib Figure, got str"):
        look.figure_png("figure")
