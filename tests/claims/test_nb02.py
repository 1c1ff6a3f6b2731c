"""The claims of notebook 02 (which mini-batch size), at the notebook's own settings: a change in coursekit that breaks the lesson fails here.

Timings are never asserted (the machine is shared): what is pinned is the deterministic part of each claim —
the costs after each size's budget, the epochs and steps to a cost, the bytes. The seconds themselves belong to
`make bench`. The noise of a mini-batch and the sharp minima are notebook 03's claims, in test_nb03.py.
"""

import math

import numpy as np
import pytest

from coursekit import nn
from coursekit.experiments import batch_size, over_seeds
from coursekit.course.questions.nb02 import EPOCHS, LAYERS, LRS, M
from coursekit.data import load_digits


@pytest.fixture(scope="module")
def digits():
    return load_digits()


@pytest.fixture(scope="module")
def sweep(digits):
    assert digits.X_train.shape[1] == M
    return batch_size.sweep_sizes(digits.X_train, digits.Y_train, LAYERS, LRS, EPOCHS)


# --- a fair race: each size at its best α -----------------------------------------------------------------


def test_the_best_alpha_grows_with_the_size_and_is_the_middle_of_each_sweep(sweep):
    assert {size: sweep.best_lr(size) for size in sweep.sizes} == {1: 0.1, 8: 0.3, 64: 1.0, 256: 1.0, M: 1.0}
    assert all(sweep.best_lr(size) == sweep.lrs(size)[1] for size in sweep.sizes), "a best α at an edge: widen the sweep"


def test_alpha_3_stops_every_size_from_64_up_at_ln_10(sweep):
    for size in (64, 256, M):
        assert sweep.runs[size][3.0].epoch_costs[-1] == pytest.approx(math.log(10), abs=0.05)


def test_per_epoch_size_1_is_ahead_after_one_epoch(sweep):
    first = {size: sweep.best(size).epoch_costs[0] for size in sweep.sizes}
    assert first[1] == pytest.approx(0.157, abs=0.005) and first[8] == pytest.approx(0.184, abs=0.005)
    assert first[M] == pytest.approx(2.109, abs=0.01) and first[64] == pytest.approx(1.441, abs=0.01)
    assert min(first, key=first.get) == 1


def test_within_the_same_budget_size_64_ends_lowest_and_size_1_highest(sweep):
    final = {size: sweep.best(size).epoch_costs[-1] for size in sweep.sizes}
    assert sorted(final, key=final.get) == [64, 256, 8, M, 1]
    expected = {1: 0.157, 8: 0.066, 64: 0.011, 256: 0.035, M: 0.096}
    for size, cost in expected.items():
        assert final[size] == pytest.approx(cost, rel=0.1), size
    assert final[M] / final[64] > 5  # seed 0: 0.096 against 0.011


def test_epochs_and_steps_to_reach_a_cost_of_0_1(sweep):
    reached = {size: sweep.epochs_to(size, 0.1) for size in sweep.sizes}
    assert reached == {1: None, 8: 5, 64: 5, 256: 21, M: 95}
    steps = {size: reached[size] * sweep.best(size).steps_per_epoch for size in (8, 64, 256, M)}
    assert steps == {8: 900, 64: 115, 256: 126, M: 95}
    # per step, mini-batches of 64 and 256 make about as much progress as the whole set
    assert steps[64] < 1.5 * steps[M] and steps[256] < 1.5 * steps[M]


def test_the_alpha_limit_is_lower_for_small_sizes(sweep):
    assert sweep.runs[8][1.0].epoch_costs[-1] == pytest.approx(2.0, abs=0.1)  # "size 8 already ends near 2 at α = 1"
    assert sweep.runs[1][0.3].epoch_costs[-1] == pytest.approx(1.6, abs=0.1)  # "size 1 near 1.6 at α = 0.3"
    assert all(sweep.runs[size][1.0].epoch_costs[-1] < 0.1 for size in (64, 256, M))


@pytest.fixture(scope="module")
def over(digits):
    return over_seeds.sizes_over_seeds(digits.X_train, digits.Y_train, LAYERS, LRS, EPOCHS, seeds=range(5))


def test_over_five_seeds_size_64_ends_lowest_and_size_1_highest_on_every_seed(sweep, over):
    assert {size: runs.best_lr("GD") for size, runs in over.items()} == {size: sweep.best_lr(size) for size in sweep.sizes}
    size_1 = over[1].finals("GD")[:2]  # α = 0.03 and 0.1, the two the notebook runs over the seeds, × seed
    assert [LRS[1][i] for i in size_1.argmin(axis=0)] == [0.1, 0.03, 0.1, 0.1, 0.03]  # "best on two seeds of five"
    assert 1 < size_1[0].mean() / size_1[1].mean() < 1.03  # "within 3 % of α = 0.1 on average"
    finals = {size: np.array([h.epoch_costs[-1] for h in runs.at("GD", runs.best_lr("GD"))]) for size, runs in over.items()}
    for j in range(5):
        order = sorted(finals, key=lambda size: finals[size][j])
        assert order[0] == 64 and order[-2:] == [M, 1], (j, order)
    assert sum(finals[8] < finals[256]) == 1  # sizes 8 and 256 swap places on one seed
    ratio = finals[M] / finals[64]
    assert (round(ratio.min()), round(ratio.max())) == (4, 9)
    assert round(finals[1][0], 2) == 0.16 and (round(finals[1][1:].min(), 2), round(finals[1][1:].max(), 2)) == (0.24, 0.46)


def test_over_five_seeds_the_epochs_to_reach_0_1(over):
    def reached(size):
        runs = over[size]
        return [int(np.flatnonzero(h.epoch_costs <= 0.1)[0]) + 1 if (h.epoch_costs <= 0.1).any() else None
                for h in runs.at("GD", runs.best_lr("GD"))]
    assert reached(1) == [None] * 5
    assert (min(reached(64)), max(reached(64))) == (5, 10)  # 115 to 230 steps
    assert reached(M) == [95, None, None, 93, 99]  # batch GD: 93 to 99 steps on three seeds, not within 100 on two


def test_over_five_seeds_the_alpha_limit_is_lower_for_small_sizes(over):
    def finals(size, lr):
        return over[size].finals("GD")[list(over[size].lrs).index(lr)]
    assert np.all(finals(8, 1.0) > 1.5) and np.all(finals(1, 0.3) > 1.0)  # the smallest sizes fail on every seed
    assert all(np.all(finals(size, 1.0) < 0.15) for size in (64, 256, M))  # where the larger ones train best


# --- memory ---------------------------------------------------------------------------------------------------


def test_the_memory_of_a_step_grows_in_proportion_to_the_size_and_the_widths(digits):
    X, Y = digits.X_train, digits.Y_train
    peaks = {}
    for dims in ([64, 32, 10], [64, 512, 512, 10]):
        params = nn.init_params(dims)
        peaks[str(dims)] = [batch_size.step_bytes(X[:, :size], Y[:, :size], params) for size in (1, 64, 1024)]
    small, wide = peaks["[64, 32, 10]"], peaks["[64, 512, 512, 10]"]
    assert (small[2] - small[1]) / 960 == pytest.approx(1000, rel=0.1)  # "about 1.0 kB per example"
    assert (wide[2] - wide[1]) / 960 == pytest.approx(25_250, rel=0.1)  # "25 kB per example"
    assert small[0] / 1e6 == pytest.approx(0.02, abs=0.005) and wide[0] / 1e6 == pytest.approx(2.4, abs=0.1)
    assert batch_size.activation_bytes([64, 32, 10], 1) == 1184  # the formula's 1.18 kB
    assert batch_size.activation_bytes([64, 512, 512, 10], 1) == 17_056  # and 17 kB


# --- the explorer: the size at one α ---------------------------------------------------------------------------


def test_in_the_explorer_alpha_1_is_too_large_for_the_small_sizes(digits):
    sizes = (1, 8, 64, 256, M)
    five = batch_size.sweep_sizes(digits.X_train, digits.Y_train, LAYERS, {size: (1.0,) for size in sizes},
                                  {size: 5 for size in sizes})
    final = {size: five.best(size).epoch_costs[-1] for size in sizes}
    np.testing.assert_allclose([final[size] for size in sizes], [2.517, 1.889, 0.097, 0.313, 1.552], atol=0.0005)
    assert min(final, key=final.get) == 64 and final[1] > math.log(10) and final[8] > 1.5
