"""Tests of coursekit.explorer, headless: the cache, the fast re-drawing, the output, the widget and its controls."""

import base64
import io
import threading
import time

import ipywidgets
import numpy as np
import pytest
from PIL import Image

from coursekit.show.controls import log_slider, slider
from coursekit.show.explorer import STATIC_TEXT, Explorer, FastFigure, LruCache
from coursekit.show.look import figure_png, new_figure


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


@pytest.fixture
def curve():
    """A figure with one line well inside its axes (never crossing a spine) and that line."""
    fig, ax = new_figure()
    ax.set(xlim=(-1, 2), ylim=(-1, 2), title="a line", xlabel="x", ylabel="y")
    (line,) = ax.plot([0, 1], [0, 1], gid="dynamic")
    return fig, line


# --- LruCache ---------------------------------------------------------------------------------------


def test_cache_computes_each_key_once_and_forgets_the_least_recently_used():
    made = []
    cache = LruCache(maxsize=2)

    def make(key):
        return lambda: made.append(key) or key.upper()

    assert [cache.get(k, make(k)) for k in ("a", "b", "a", "c", "a", "b")] == ["A", "B", "A", "C", "A", "B"]
    assert made == ["a", "b", "c", "b"]  # "b" was forgotten when "c" came, "a" kept: used just before
    assert list(cache) == ["a", "b"]


# --- FastFigure --------------------------------------------------------------------------------------


def test_fast_figure_redraws_a_changed_line_exactly_as_a_full_redraw(curve):
    fig, line = curve
    fast = FastFigure(fig, [line])
    first = fast.png()
    line.set_data([0, 0.5, 1], [1, 0.2, 0.7])
    again = fast.png()
    assert not np.array_equal(_pixels(first), _pixels(again))
    np.testing.assert_array_equal(_pixels(again), _pixels(figure_png(fig)))


def test_fast_figure_draws_a_changing_title_where_a_full_redraw_draws_it(curve):
    fig, line = curve
    ax = fig.axes[0]
    fast = FastFigure(fig, [line, ax.title])
    first = fast.png()  # the first picture is the one a notebook stores: its title must be there
    np.testing.assert_array_equal(_pixels(first), _pixels(figure_png(fig)))
    ax.set_title("a longer title that changed")
    np.testing.assert_array_equal(_pixels(fast.png()), _pixels(figure_png(fig)))


def test_fast_figure_keeps_its_background_until_invalidated(curve):
    fig, line = curve
    fast = FastFigure(fig, [line])
    fast.png()
    fig.axes[0].set_title("a new title")
    stale = fast.png()
    assert not np.array_equal(_pixels(stale), _pixels(figure_png(fig)))  # the old title is still shown
    fast.invalidate()
    np.testing.assert_array_equal(_pixels(fast.png()), _pixels(figure_png(fig)))


def test_fast_figure_restores_the_visibility_of_hidden_artists(curve):
    fig, line = curve
    line.set_visible(False)
    FastFigure(fig, [line]).png()
    assert not line.get_visible()


# --- Explorer ------------------------------------------------------------------------------------------


def test_explorer_renders_the_current_values_and_shows_them_in_its_picture(curve):
    fig, line = curve
    seen = []

    def render(values):
        seen.append(values)
        line.set_ydata([0, values["slope"]])
        return fig, figure_png(fig), f"slope {values['slope']}, {values['label']}"

    controls = {"slope": ipywidgets.FloatSlider(value=1.0, min=0, max=2), "label": ipywidgets.Text(value="a")}
    w = Explorer(controls, render, height=300)
    controls["slope"].value = 0.5
    controls["label"].value = "b"
    assert seen == [{"slope": 1.0, "label": "a"}, {"slope": 0.5, "label": "a"}, {"slope": 0.5, "label": "b"}]
    assert w.summary.value == "slope 0.5, b" and w.figure is fig
    assert w.picture.png == figure_png(fig) and w.picture.at == 0.5
    assert w.children == (controls["slope"], controls["label"], w.picture, w.summary)
    assert w.picture.layout.height == "300px"
    bundle = w._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"]) == w.picture.png, "the static face is the picture shown"
    assert bundle["text/plain"] == STATIC_TEXT


# --- controls ------------------------------------------------------------------------------------------


def test_slider_widens_its_range_to_hold_the_value_and_has_the_course_layout():
    inside = slider(ipywidgets.IntSlider, "steps T", 50, 1, 300, 1)
    above = slider(ipywidgets.IntSlider, "steps T", 500, 1, 300, 1)
    assert (inside.min, inside.max, inside.value) == (1, 300, 50)
    assert (above.min, above.max, above.value) == (1, 500, 500)
    assert inside.style.description_width == "11em" and inside.layout.width == "480px"


def test_log_slider_spans_the_decades_and_widens_to_hold_the_value():
    s = log_slider("α", 1e-5, 1e-4, 3.0)
    assert (s.min, s.max, s.step, s.value) == (pytest.approx(-5.0), pytest.approx(np.log10(3.0)), 0.05, 1e-5)
    assert isinstance(s, ipywidgets.FloatLogSlider) and s.layout.width == "480px"


@pytest.mark.parametrize("value", [2 / 101, 0.063, 1e-4, 0.1, 2.5, 1e-5])
def test_log_slider_steps_pass_through_its_value_so_a_browser_keeps_it(value):
    s = log_slider("α", value, 1e-4, 3.0)
    k = (np.log10(value) - s.min) / s.step
    assert k == pytest.approx(round(k), abs=1e-9) and s.value == value
    assert min(np.log10(1e-4) - s.step, np.log10(value)) - 1e-12 < s.min <= min(np.log10(1e-4), np.log10(value)) + 1e-12


# --- long work in the background ------------------------------------------------------------------------


def test_long_work_runs_in_the_background_with_its_progress_and_only_the_latest_value_is_drawn(curve):
    fig, line = curve
    release, drawn, reports = threading.Event(), [], []

    def prepare(values, report):
        if values["n"] == 2:  # a value that needs long work: wait until the test lets it finish
            report("training n = 2 …")
            reports.append(w.summary.value)
            release.wait(timeout=30)

    def render(values):
        drawn.append(values["n"])
        return fig, figure_png(fig), f"n = {values['n']}"

    w = Explorer({"n": ipywidgets.IntSlider(value=1)}, render, prepare=prepare, background=True)
    w.controls["n"].value = 2  # starts the long work and returns at once
    w.controls["n"].value = 3  # the slider is still live: a quick value is drawn meanwhile
    w.wait(timeout=30)
    assert w.summary.value == "n = 3" and reports == ["⏳ training n = 2 …"]
    release.set()
    time.sleep(0.2)
    assert drawn == [1, 3], "the value moved past while it was prepared is never drawn over the latest"
    assert w.summary.value == "n = 3" and w.picture.at == 3


def test_outside_a_kernel_everything_runs_at_once(curve):
    fig, _ = curve
    prepared = []
    w = Explorer({"n": ipywidgets.IntSlider(value=1)}, lambda v: (fig, figure_png(fig), str(v["n"])),
                 prepare=lambda values, report: prepared.append(values["n"]))
    w.controls["n"].value = 5
    assert prepared == [1, 5] and w.summary.value == "5"
