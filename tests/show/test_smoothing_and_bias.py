"""The figures and the explorer of notebooks 04-05 that show.smoothing and show.bias draw, headless."""

import numpy as np
import pytest
from matplotlib.colors import to_hex

from coursekit.averages import correction_factor, ewa, warmup_steps
from coursekit.experiments.lag import lag_table
from coursekit.show import averages, bias, look, smoothing
from coursekit.experiments.smoothers import compare_to_reference

PALETTE_HEX = {c.lower() for c in look.PALETTE.values()}
DAYS = np.arange(800)
WAVE = 10 + 5 * np.sin(2 * np.pi * DAYS / 365.25) + np.sin(DAYS * 1.3)


@pytest.fixture(scope="module")
def figures():
    table = lag_table(WAVE, [0.5, 0.8, 0.9, 0.98])
    comparison = compare_to_reference(WAVE, 10 + 5 * np.sin(2 * np.pi * DAYS / 365.25), range(1, 31))
    return {
        "lag": smoothing.plot_lag(table, data_roughness=1.5),
        "window": smoothing.plot_window_comparison(comparison),
        "startup": bias.plot_startup_bias(DAYS[:100], WAVE[:100] + 20, beta=0.98),
        "factor": bias.plot_correction_factor((0.9, 0.98, 0.999), t_max=10_000, t=10),
    }


@pytest.mark.parametrize("name", ["lag", "window", "startup", "factor"])
def test_each_figure_is_a_600x400_course_figure_with_labelled_axes_titles_and_legends(figures, name):
    fig = figures[name]
    assert isinstance(fig, look.CourseFigure) and tuple(fig.get_size_inches() * fig.dpi) == (600.0, 400.0)
    for ax in fig.axes:
        if ax.get_label() == "<colorbar>" or not ax.lines:
            continue  # the window figure's top axis for β is a secondary axis without lines
        assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title() and ax.get_legend()
    colors = {to_hex(line.get_color()) for ax in fig.axes for line in ax.lines}
    assert colors <= PALETTE_HEX | {look.DATA_COLOR.lower()}


def test_plot_lag_draws_the_measured_lags_and_the_two_predictions(figures):
    left, right = figures["lag"].axes[:2]
    lines = {line.get_gid(): line for line in left.lines if line.get_gid()}
    table = lag_table(WAVE, [0.5, 0.8, 0.9, 0.98])
    np.testing.assert_array_equal(lines["measured"].get_ydata(), table.lag)
    np.testing.assert_array_equal(lines["cycle delay"].get_ydata(), table.cycle_delay)
    np.testing.assert_array_equal(lines["measured"].get_xdata(), 1 / (1 - table.betas))
    np.testing.assert_array_equal(next(l for l in right.lines if l.get_gid() == "roughness").get_ydata(),
                                  table.roughness)
    marked = {line.get_gid(): to_hex(line.get_color()) for line in left.lines if str(line.get_gid()).startswith("beta")}
    assert marked == {f"beta {b:g}": look.BETA_COLORS[b].lower() for b in (0.5, 0.9, 0.98)}


def test_plot_window_comparison_marks_the_best_window_of_each(figures):
    ax = figures["window"].axes[0]
    lines = {line.get_gid(): line for line in ax.lines}
    for gid in ("window", "ewa"):
        errors = lines[gid].get_ydata()
        assert lines[f"best {gid}"].get_ydata()[0] == errors.min()
        assert lines[f"best {gid}"].get_xdata()[0] == lines[gid].get_xdata()[errors.argmin()]


def test_plot_startup_bias_draws_uncorrected_purple_and_corrected_in_the_betas_colour(figures):
    lines = {line.get_gid(): line for line in figures["startup"].axes[0].lines}
    theta = WAVE[:100] + 20
    np.testing.assert_array_equal(lines["uncorrected"].get_ydata(), ewa(theta, 0.98))
    np.testing.assert_array_equal(lines["corrected"].get_ydata(), ewa(theta, 0.98, bias_correction=True))
    assert to_hex(lines["uncorrected"].get_color()) == look.PALETTE["reddish_purple"].lower()
    green = look.PALETTE["bluish_green"].lower()
    assert to_hex(lines["corrected"].get_color()) == look.BETA_COLORS[0.98].lower() == green
    assert lines["uncorrected"].get_ydata()[0] == pytest.approx(0.02 * theta[0])


def test_plot_correction_factor_draws_one_curve_per_beta_in_its_colour(figures):
    ax = figures["factor"].axes[0]
    for beta in (0.9, 0.98, 0.999):
        (curve,) = [line for line in ax.lines if line.get_gid() == f"factor {beta:g}"]
        np.testing.assert_allclose(curve.get_ydata(), correction_factor(beta, curve.get_xdata()))
        assert to_hex(curve.get_color()) == look.BETA_COLORS[beta].lower()
        assert f"from t = {warmup_steps(beta):,}" in curve.get_label()
    assert curve.get_xdata()[0] == 1 and curve.get_xdata()[-1] == 10_000


def test_correction_factor_explorer_follows_the_step():
    w = bias.correction_factor_explorer(t=10)
    assert {44, 229, 4613, 1, 10, 10_000} <= set(w.controls["t"].options)
    w.controls["t"].value = 229
    lines = {line.get_gid(): line for line in w.figure.axes[0].lines}
    assert list(lines["t"].get_xdata()) == [229, 229]
    assert lines["at t 0.98"].get_ydata()[0] == pytest.approx(correction_factor(0.98, 229))
    assert w.summary.value.startswith("t = 229: factor 1/(1 − βᵗ) = ")
    assert "1.01 for β = 0.98" in w.summary.value and "4,613 (β = 0.999)" in w.summary.value
    assert w.picture.png.startswith(b"\x89PNG")


def test_ewa_weights_are_drawn_in_the_colour_of_their_beta():
    bars = averages.plot_ewa_weights(0.98).axes[0].patches
    assert {to_hex(bar.get_facecolor()) for bar in bars} == {look.BETA_COLORS[0.98].lower()}


def test_the_ewa_explorer_s_curves_take_the_colour_of_the_slider_s_beta():
    w = averages.ewa_explorer(np.arange(1, 61), np.linspace(5.0, 25.0, 60), beta=0.9)
    average = w.figure.axes[0].lines[1]
    assert to_hex(average.get_color()) == look.BETA_COLORS[0.9].lower()
    w.controls["beta"].value = 0.98 + 1e-12  # as a slider may send it
    assert to_hex(average.get_color()) == look.BETA_COLORS[0.98].lower()
    w.controls["beta"].value = 0.7
    assert to_hex(average.get_color()) == look.PALETTE["blue"].lower()
    assert "(1/(1 − β) = 3.3)" in w.summary.value


@pytest.mark.parametrize(
    "call, error, pattern",
    [
        (lambda: smoothing.plot_lag({"lag": [1.0]}), TypeError,
         r"table must be a LagTable \(from coursekit\), got dict"),
        (lambda: smoothing.plot_window_comparison(None), TypeError, r"comparison must be a WindowComparison"),
        (lambda: bias.plot_startup_bias([1, 2], [1.0], 0.9), ValueError, r"t must be a 1-D array of 1 values"),
        (lambda: bias.plot_startup_bias([1, 2], [1.0, 2.0], 1.0), ValueError, r"beta must be in \[0, 1\), got 1.0"),
        (lambda: bias.plot_correction_factor((0.0, 0.9)), ValueError,
         r"betas must be a non-empty list of numbers in \(0, 1\)"),
        (lambda: bias.plot_correction_factor((0.9,), t_max=1), ValueError, r"t_max must be an integer >= 2, got 1"),
        (lambda: bias.correction_factor_explorer(t=20, t_max=10), ValueError, r"t must be in 1..t_max = 10, got 20"),
        (lambda: bias.correction_factor_explorer(t=0), ValueError, r"t must be an integer >= 1, got 0"),
    ],
)
def test_bad_arguments(call, error, pattern):
    with pytest.raises(error, match=pattern):
        call()
