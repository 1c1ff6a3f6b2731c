"""The race of heavy ball and Nesterov, drawn: steps against β at each β's best α, the spread over the starts as
a band, each best ringed and named, the βs where nothing settles crossed."""

import numpy as np
from matplotlib.colors import to_hex

from coursekit.experiments.nesterov import Race
from coursekit.show import look
from coursekit.show.nesterov import plot_steps_by_beta

#: 2 starts × 3 β × 2 α per method; β = 0.9 settles for neither α with Nesterov.
STEPS = {"Momentum": np.array([[[50.0, 40.0], [30.0, 35.0], [60.0, np.nan]],
                               [[52.0, 44.0], [34.0, 31.0], [64.0, np.nan]]]),
         "Nesterov": np.array([[[50.0, 40.0], [36.0, 45.0], [np.nan, np.nan]],
                               [[52.0, 44.0], [38.0, 47.0], [np.nan, np.nan]]])}
RACE = Race(np.array([0.1, 0.2]), np.array([0.0, 0.5, 0.9]), np.zeros((2, 2)), STEPS)


def _lines(fig) -> dict:
    return {line.get_gid(): line for line in fig.axes[0].lines}


def test_each_beta_is_drawn_at_its_best_alpha_with_the_spread_of_the_starts():
    fig = plot_steps_by_beta(RACE)
    lines = _lines(fig)
    assert lines["Momentum"].get_xydata().tolist() == [[0.0, 42.0], [0.5, 32.0], [0.9, 62.0]]
    assert lines["Nesterov"].get_xydata().tolist() == [[0.0, 42.0], [0.5, 37.0]]
    band = next(c for c in fig.axes[0].collections if c.get_gid() == "Momentum spread")
    ys = band.get_paths()[0].vertices[:, 1]
    assert ys.min() == 30.0 and ys.max() == 64.0  # lowest and highest start at each β's best α


def test_each_best_is_ringed_and_named_and_a_beta_where_nothing_settles_is_crossed():
    fig = plot_steps_by_beta(RACE)
    lines = _lines(fig)
    assert lines["best Momentum"].get_xydata().tolist() == [[0.5, 32.0]]
    assert lines["best Nesterov"].get_xydata().tolist() == [[0.5, 37.0]]
    assert lines["Nesterov never"].get_xdata().tolist() == [0.9] and "Momentum never" not in lines
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == [
        "Momentum: best α = 0.1, β = 0.50 (32)", "Nesterov: best α = 0.1, β = 0.50 (37)"]
    assert to_hex(lines["Momentum"].get_color()) == look.OPTIMIZER_COLORS["Momentum"].lower()
    assert to_hex(lines["Nesterov"].get_color()) != to_hex(lines["Momentum"].get_color())
    assert fig.axes[0].get_yscale() == "log" and "mean of 2 starts" in fig.axes[0].get_ylabel()
