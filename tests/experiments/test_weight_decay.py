"""Tests of coursekit.experiments.weight_decay: the three methods' optimizers, the race's grid and its fair pick on a
validation set, the decay inside Adam, and the three weights in noise."""

import numpy as np
import pytest

from coursekit import nn
from coursekit.experiments import weight_decay
from coursekit.experiments.over_seeds import train_over_seeds
from coursekit.experiments.weight_decay import DecayRace, decay_inside_adam, decay_paths, decayed, race_grid
from coursekit.optim import L2, Adam, AdamW, adam_update, adamw_update
from coursekit.train import train


@pytest.fixture(scope="module")
def split():
    return weight_decay.small_digits(60, 40)


def test_the_small_digits_are_disjoint_slices_of_the_training_part_and_the_whole_test_part():
    full = weight_decay.load_digits()
    split = weight_decay.small_digits(100, 400)
    np.testing.assert_array_equal(split.X, full.X_train[:, :100])
    np.testing.assert_array_equal(split.X_validation, full.X_train[:, 100:500])
    np.testing.assert_array_equal(split.Y_test, full.Y_test)


def test_each_method_makes_its_optimizer():
    assert type(decayed("Adam", 0.01, 0.0)) is Adam
    l2 = decayed("Adam + L2", 0.03, 0.1)
    assert isinstance(l2, L2) and type(l2.optimizer) is Adam and (l2.lr, l2.weight_decay) == (0.03, 0.1)
    adamw = decayed("AdamW", 0.01, 2.0)
    assert type(adamw) is AdamW and (adamw.lr, adamw.weight_decay) == (0.01, 2.0)


def test_the_grid_gives_plain_adam_every_alpha_and_both_decays_every_pair():
    grid = race_grid([0.01, 0.1], [0.5, 5.0])
    assert grid[:2] == [("Adam", 0.01, 0.0), ("Adam", 0.1, 0.0)]
    assert grid[2:6] == [("Adam + L2", lr, lam) for lr in (0.01, 0.1) for lam in (0.5, 5.0)]
    assert grid[6:] == [("AdamW", lr, lam) for lr in (0.01, 0.1) for lam in (0.5, 5.0)]


def test_the_race_scores_each_run_on_validation_and_test_and_picks_by_the_mean_over_the_seeds(split):
    lrs, lams, seeds = [0.01, 0.1], [0.01, 1.0], [0, 2]
    runs = train_over_seeds(split.X, split.Y, [64, 8, 10], [decayed(*run) for run in race_grid(lrs, lams)], seeds,
                            epochs=5, mini_batch_size=60, evaluate_every=5)
    race = weight_decay.decay_race(split, lrs, lams, seeds, runs)
    i = race_grid(lrs, lams).index(("AdamW", 0.1, 1.0))
    assert race.test["AdamW"][1, 1, 1] == nn.accuracy(split.X_test, split.Y_test, runs[i][1].params)
    assert race.validation["Adam"].shape == (2, 1, 2) and race.validation["Adam + L2"].shape == (2, 2, 2)
    for method in weight_decay.METHODS:
        means = race.validation[method].mean(axis=2)
        lr, lam = race.best(method)
        k = list(race.decays[method]).index(lam)
        assert means[list(race.lrs).index(lr), k] == means.max()
        np.testing.assert_array_equal(race.at_best(method), race.test[method][list(race.lrs).index(lr), k])


def test_the_stacked_runs_of_the_race_are_those_train_gives(split):
    runs = train_over_seeds(split.X, split.Y, [64, 8, 10], [decayed("Adam + L2", 0.03, 0.1), decayed("AdamW", 0.03, 3.0)],
                            [1], epochs=4, mini_batch_size=60)
    for opt_args, row in zip((("Adam + L2", 0.03, 0.1), ("AdamW", 0.03, 3.0)), runs):
        alone = train(split.X, split.Y, [64, 8, 10], decayed(*opt_args), 4, 60, seed=1)
        np.testing.assert_allclose(row[0].costs, alone.costs, rtol=1e-10, atol=0)


def test_a_tie_goes_to_the_first_pick_of_the_grid():
    same = {"Adam": np.full((2, 1, 2), 0.5)}
    assert DecayRace(np.array([0.01, 0.1]), {"Adam": np.zeros(1)}, (0, 1), same, same).best("Adam") == (0.01, 0.0)


def test_l2_inside_adam_decays_each_weight_one_over_root_s_hat_times_as_hard_as_adamw():
    """Where W hardly moves and the cost's gradient is 0, Adam fed λW steps αλW / (√ŝ + ε) of it: the share."""
    s = np.array([1e-6, 1e-2, 1.0, 1e4])
    share = decay_inside_adam(s, t=10, lr=0.01, weight_decay=0.1, beta2=0.9, eps=1e-8)
    root = np.sqrt(s / (1 - 0.9**10))
    np.testing.assert_allclose(share, 0.01 * 0.1 / (root + 1e-8), rtol=1e-15)
    assert np.all(np.diff(share) < 0), "the larger the gradients, the less decay"
    w, s_before, dw = np.array([2.0]), np.array([4.0]), np.array([0.0])  # β₁ = 0: v̂ is the λW fed this step
    new_w, _, s_after = adam_update(w, np.zeros(1), s_before, dw + 0.1 * w, 1000, 0.01, 0.0, 0.999)
    np.testing.assert_allclose((w - new_w) / w, decay_inside_adam(s_after, 1000, 0.01, 0.1), rtol=1e-12)


def test_in_noise_adamw_shrinks_every_weight_alike_and_l2_crushes_the_one_with_small_gradients():
    paths = decay_paths([0.01, 1.0, 100.0], lr=0.01, weight_decay=0.1, steps=300)
    assert paths["AdamW"].shape == (301, 3)
    np.testing.assert_allclose(paths["AdamW"][-1], paths["AdamW"][-1][0], rtol=1e-6)  # alike, but for ε
    np.testing.assert_allclose(paths["AdamW"][-1], 0.999**300, rtol=0.03)  # (1 − αλ)^t, and Adam's first step of +α
    small, unit, large = paths["Adam + L2"][-1]
    assert abs(small) < 0.01 and unit == pytest.approx(paths["AdamW"][-1][1], rel=1e-3) and large > 1.0


def test_the_paths_run_any_adamw_rule_given_and_with_no_decay_are_adams():
    mine = decay_paths([0.1, 10.0], 0.02, 0.5, 50, adamw=lambda *args: adamw_update(*args))
    np.testing.assert_array_equal(mine["AdamW"], decay_paths([0.1, 10.0], 0.02, 0.5, 50)["AdamW"])
    none = decay_paths([0.1, 10.0], 0.02, 0.0, 50)
    np.testing.assert_array_equal(none["AdamW"], none["Adam + L2"])
