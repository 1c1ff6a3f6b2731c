"""Gradient noise from many starts: coursekit.experiments.noise_escape (notebook 10)."""

import warnings

import numpy as np
import pytest

from coursekit.experiments.basins import nearest_minimum
from coursekit.experiments.noise_escape import MODES, NoiseEscape, escape_data, noise_levels
from coursekit.optim import GD
from coursekit.schedules import inverse_time_decay
from coursekit.surfaces import several_minima
from coursekit.trajectories import from_starts

BOWL = several_minima()
STARTS = np.array([[-2.5, 2.5], [1.0, 1.0], [0.3, -2.0], [-0.2, 0.4], [2.5, -2.5]])


def test_constant_noise_stays_and_annealed_noise_is_the_inverse_time_decay_of_notebook_08():
    assert noise_levels(0.7, 5).tolist() == [0.7] * 5
    annealed = noise_levels(2.0, 300, tau=100.0)   # σ_1, ..., σ_300: t counts from 1
    assert annealed[99] == 1.0 and annealed[299] == 0.5
    decay = inverse_time_decay(2.0, decay_rate=1 / 100.0)
    np.testing.assert_array_equal(annealed, [decay(t) for t in range(1, 301)])
    assert noise_levels(0.0, 3, tau=10.0).tolist() == [0.0, 0.0, 0.0]


def test_without_noise_every_run_is_plain_gradient_descent_ending_where_basins_says():
    data = escape_data(BOWL, STARTS, sigmas=(0.0,), seeds=(0, 3), steps=300, settle=200)
    plain = from_starts(BOWL, GD(lr=0.3), STARTS, steps=300)[-1]
    for row in range(len(MODES)):
        for k in range(2):
            np.testing.assert_allclose(data.ends[row, 0, k], plain, rtol=0, atol=1e-12)
    settled = from_starts(BOWL, GD(lr=0.3), STARTS, steps=500)[-1]
    np.testing.assert_array_equal(data.deepest[0, 0, 0], nearest_minimum(BOWL, settled) == 0)


def test_one_noisy_run_follows_the_update_rule_written_out():
    sigma, lr, steps = 0.8, 0.3, 40
    data = escape_data(BOWL, STARTS[:2], sigmas=(sigma,), seeds=(7,), tau=10.0, lr=lr, steps=steps, settle=1)
    xi = np.random.default_rng(7).standard_normal((steps, 2, 2))
    for row, tau in enumerate((None, 10.0)):
        w = STARTS[:2].copy()
        for t, sigma_t in enumerate(noise_levels(sigma, steps, tau)):
            w = w - lr * (np.column_stack(BOWL.df(w[:, 0], w[:, 1])) + sigma_t * xi[t])
        np.testing.assert_allclose(data.ends[row, 0, 0], w, rtol=1e-12, atol=1e-12)


def test_a_seed_draws_the_same_noise_for_every_level_and_another_seed_other_noise():
    data = escape_data(BOWL, STARTS, sigmas=(1.0, 0.5, 1.0), seeds=(0, 1, 0), steps=30, settle=10)
    np.testing.assert_array_equal(data.ends[:, 0], data.ends[:, 2])
    np.testing.assert_array_equal(data.ends[:, :, 0], data.ends[:, :, 2])
    assert not np.allclose(data.ends[:, :, 0], data.ends[:, :, 1])
    again = escape_data(BOWL, STARTS, sigmas=(1.0, 0.5, 1.0), seeds=(0, 1, 0), steps=30, settle=10)
    np.testing.assert_array_equal(data.ends, again.ends)


def test_shares_count_the_runs_that_settle_at_the_deepest_minimum():
    data = escape_data(BOWL, [[1.0, 1.0], [-2.5, 2.5]], sigmas=(0.0,), seeds=(0,))
    assert data.deepest[0, 0, 0].tolist() == [True, False]
    assert data.shares.shape == (2, 1, 1) and data.shares[0, 0, 0] == 0.5


def test_a_run_sent_off_by_a_too_large_step_ends_in_no_well_without_a_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        data = escape_data(BOWL, [[1.0, 1.0]], sigmas=(1.0,), seeds=(0,), lr=30.0, steps=50, settle=50)
    assert not data.deepest.any()


def _record(shares):
    """A NoiseEscape whose mean shares over one seed and ten starts are ``shares[mode][level]``."""
    shares = np.array(shares)
    deepest = np.arange(10) < np.rint(shares[..., None, None] * 10)
    return NoiseEscape(BOWL, np.array([0.0, 1.0, 3.0]), (0,), 100.0, np.zeros((10, 2)),
                       np.zeros((*deepest.shape, 2)), deepest)


def test_the_window_is_the_range_of_levels_whose_mean_share_reaches_the_level():
    data = _record([[0.4, 0.9, 0.5], [0.4, 0.6, 0.8]])
    assert data.window("constant") == (1.0, 1.0)
    assert data.window("annealed") == (3.0, 3.0)
    assert data.window("annealed", level=0.5) == (1.0, 3.0)
    assert data.window("constant", level=0.95) is None


@pytest.mark.parametrize("mode, level", [("both", 0.8), ("constant", 1.0)])
def test_the_window_refuses_a_bad_mode_or_level(mode, level):
    with pytest.raises(ValueError, match=r"must be"):
        _record([[0.4, 0.9, 0.5], [0.4, 0.6, 0.8]]).window(mode, level)
