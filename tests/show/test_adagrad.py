"""Tests of coursekit.show.adagrad: the figure draws the medians it is given, AdaGrad's 1/√t reference from its first
point, and one cost line per seed at the α asked for."""

import numpy as np
import pytest
from matplotlib.colors import to_hex

from coursekit.experiments.adagrad import EffectiveSteps, Race
from coursekit.show import adagrad, look
from coursekit.train import History

STEPS = np.array([10, 20, 40])
RUN = History(params={}, costs=np.ones(3), epoch_costs=np.ones(3), lrs=np.ones(3), train_accuracy=np.ones(3),
              test_accuracy=None, steps_per_epoch=10)
FADING = {"AdaGrad": EffectiveSteps(STEPS, np.array([4.0, 3.0, 2.5]), RUN),
          "RMSprop": EffectiveSteps(STEPS, np.array([4.0, 6.0, 9.0]), RUN)}
COSTS = np.arange(2 * 2 * 3, dtype=float).reshape(2, 2, 3) + 1  # (lrs, seeds, epochs)
RACE = Race(np.array([0.1, 1.0]), (0, 7), {"AdaGrad": COSTS, "RMSprop": COSTS / 10})


def test_the_left_axes_draw_each_median_and_adagrads_one_over_root_t_from_its_first_point():
    fig = adagrad.plot_sum_against_average(FADING, RACE, {"AdaGrad": 1.0, "RMSprop": 0.1}, short=2)
    left, right = fig.axes
    lines = {line.get_gid(): line for line in left.lines}
    np.testing.assert_array_equal(lines["RMSprop"].get_ydata(), [4.0, 6.0, 9.0])
    np.testing.assert_allclose(lines["1/√t"].get_ydata(), 4.0 * np.sqrt(10 / STEPS))
    assert left.get_xscale() == left.get_yscale() == "log"
    assert to_hex(lines["RMSprop"].get_color()) == look.OPTIMIZER_COLORS["RMSprop"].lower()


def test_the_right_axes_draw_one_line_per_seed_at_the_alpha_asked_for():
    fig = adagrad.plot_sum_against_average(FADING, RACE, {"AdaGrad": 1.0, "RMSprop": 0.1}, short=2)
    lines = {line.get_gid(): line for line in fig.axes[1].lines if line.get_gid()}
    assert sorted(lines) == ["AdaGrad seed 0", "AdaGrad seed 7", "RMSprop seed 0", "RMSprop seed 7"]
    np.testing.assert_array_equal(lines["AdaGrad seed 7"].get_ydata(), COSTS[1, 1])
    np.testing.assert_array_equal(lines["RMSprop seed 0"].get_ydata(), COSTS[0, 0] / 10)
    assert any(text.get_text() == "2 epochs" for text in fig.axes[1].get_legend().get_texts())


def test_epochs_not_recorded_are_left_out_of_a_cost_line():
    sparse = Race(RACE.lrs, RACE.seeds, {"AdaGrad": np.where(np.arange(3) == 1, np.nan, COSTS)})
    fig = adagrad.plot_sum_against_average({"AdaGrad": FADING["AdaGrad"]}, sparse, {"AdaGrad": 0.1})
    line = next(line for line in fig.axes[1].lines if line.get_gid() == "AdaGrad seed 0")
    assert line.get_xdata().tolist() == [1, 3] and line.get_ydata().tolist() == [1.0, 3.0]


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: adagrad.plot_sum_against_average({}, RACE, {"AdaGrad": 0.1}), ValueError, "effective must be a non-empty dict"),
        (lambda: adagrad.plot_sum_against_average(FADING, "race", {"AdaGrad": 0.1}), TypeError, "race must be a"),
        (lambda: adagrad.plot_sum_against_average(FADING, RACE, {"Adam": 0.1}), ValueError,
         r"lrs must name optimizers of the race \['AdaGrad', 'RMSprop'\], got \['Adam'\]"),
        (lambda: adagrad.plot_sum_against_average(FADING, RACE, {"AdaGrad": 0.3}), ValueError,
         r"lr must be one of the race's learning rates \[0.1, 1.0\], got 0.3"),
        (lambda: adagrad.plot_sum_against_average({"AdaGrad": [1, 2]}, RACE, {"AdaGrad": 0.1}), TypeError,
         r"effective\['AdaGrad'\] must be a"),
        (lambda: adagrad.plot_sum_against_average(FADING, RACE, {"AdaGrad": 0.1}, short=0), ValueError,
         "short must be an integer >= 1, got 0"),
    ],
)
def test_bad_arguments_are_refused_by_name(call, error, message):
    with pytest.raises(error, match=message):
        call()
