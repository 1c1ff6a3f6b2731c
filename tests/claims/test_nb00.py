"""The claims of notebook 00 (start here), at the notebook's own settings: gradient descent for 30 steps on the
elongated bowl of condition number κ = 10, at three learning rates, and one past the limit 2/κ."""

import numpy as np
import pytest

from coursekit import optim, surfaces
from coursekit.trajectories import trajectory

KAPPA = 10.0


@pytest.fixture(scope="module")
def runs():
    bowl = surfaces.elongated_quadratic(condition_number=KAPPA)
    return {lr: trajectory(bowl, optim.GD(lr=lr), steps=30) for lr in (0.19, 0.1, 0.02, 0.25)}


def test_too_small_a_learning_rate_creeps(runs):
    assert runs[0.02].losses[-1] == pytest.approx(0.482, abs=0.0005)
    assert runs[0.02].losses[-1] > 100 * runs[0.1].losses[-1]  # still far from the minimum when its steps run out
    assert np.all(np.diff(runs[0.02].losses) < 0)  # it creeps, but downhill at every step
    # its path ends on the flat axis, where α = 0.1's runs: hence it is drawn last, on top
    assert abs(runs[0.02].points[-1, 1]) < 0.01 and abs(runs[0.02].points[-1, 0]) > 0.5


def test_the_two_larger_rates_end_at_almost_the_same_cost_set_by_their_slowest_factor(runs):
    assert runs[0.1].losses[-1] == pytest.approx(2.91e-3, rel=0.01)
    assert runs[0.19].losses[-1] == pytest.approx(3.24e-3, rel=0.01)
    slowest = {lr: max(abs(1 - lr * curvature) for curvature in (1.0, KAPPA)) for lr in (0.02, 0.1, 0.19)}
    assert slowest == pytest.approx({0.02: 0.98, 0.1: 0.9, 0.19: 0.9})  # the table of factors


def test_past_two_over_kappa_the_path_diverges(runs):
    assert 0.25 > 2 / KAPPA
    assert np.all(np.diff(runs[0.25].losses) > 0) and runs[0.25].losses[-1] > 1e6
