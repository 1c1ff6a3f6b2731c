"""The one figure of a learning-rate sweep: a value against α per contender, each best ringed, NaN crossed."""

import numpy as np
import pytest
from matplotlib.colors import to_hex

from coursekit import show
from coursekit.experiments.settling import StepsByLr
from coursekit.data import two_moons
from coursekit.show import look
from coursekit.show.sweeps import plot_lr_sweeps
from coursekit.experiments.sweeps import lr_sweep


def _lines(fig) -> dict:
    return {line.get_gid(): line for line in fig.axes[0].lines if line.get_gid()}


def test_each_best_is_ringed_and_what_never_got_there_is_crossed():
    fig = plot_lr_sweeps({"GD": StepsByLr(np.array([0.1, 0.2, 0.4]), np.array([30.0, 12.0, np.nan])),
                          "Momentum": ([0.1, 0.2], [8.0, 9.0])})
    lines = _lines(fig)
    assert lines["best GD"].get_xydata().tolist() == [[0.2, 12.0]]
    assert lines["best Momentum"].get_xydata().tolist() == [[0.1, 8.0]]
    assert lines["GD never"].get_xdata().tolist() == [0.4]
    assert to_hex(lines["Momentum"].get_color()) == look.OPTIMIZER_COLORS["Momentum"].lower()
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["GD: best α = 0.2 (12)", "Momentum: best α = 0.1 (8)"]


def test_a_training_sweep_draws_its_final_costs_with_a_level_line():
    sweep = lr_sweep(*two_moons(m=60, seed=0), [2, 3, 1], ["GD", "Adam"], [0.01, 0.1, 1.0], epochs=3)
    fig = plot_lr_sweeps(sweep.curves(), ylabel="cost J after 3 epochs", level=0.5)
    lines = _lines(fig)
    for name in ("GD", "Adam"):
        np.testing.assert_array_equal(lines[name].get_ydata(), sweep.final_costs(name))
        assert lines[f"best {name}"].get_xdata()[0] == sweep.best_lr(name)
    assert any(list(line.get_ydata()[:1]) == [0.5] and line.get_linestyle() == "--" for line in fig.axes[0].lines)
    assert fig.axes[0].get_ylabel() == "cost J after 3 epochs"


def test_given_colours_win_over_the_cycle():
    fig = plot_lr_sweeps({"size 8": ([0.1, 1.0], [1.0, 0.5])}, colors={"size 8": "#123456"})
    assert to_hex(_lines(fig)["size 8"].get_color()) == "#123456"


def test_show_offers_one_sweep_figure():
    assert show.plot_lr_sweeps is plot_lr_sweeps and not hasattr(show, "plot_lr_sweep")


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: plot_lr_sweeps({}), TypeError, "sweeps must be a non-empty dict"),
        (lambda: plot_lr_sweeps({"GD": [1, 2]}), TypeError, r"sweeps\['GD'\] must be a sweep or a pair"),
        (lambda: plot_lr_sweeps({"GD": ([0.1, 0.2], [1.0])}), ValueError, "must pair one value with each learning rate"),
        (lambda: plot_lr_sweeps({"GD": ([0.1], [1.0])}, level=0), ValueError, "level must be a finite number > 0"),
    ],
)
def test_bad_arguments_are_named(call, error, message):
    with pytest.raises(error, match=message):
        call()
