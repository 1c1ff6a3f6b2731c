"""Tests of coursekit.experiments.adagrad: the effective step read along a run is the rule's α / (√s + ε), AdaGrad's
only falls, and the race reads train_over_seeds' runs by optimizer, α and seed and picks α by the mean over seeds."""

import numpy as np
import pytest

from coursekit import data
from coursekit.experiments import adagrad, over_seeds
from coursekit.optim import GD, AdaGrad, RMSprop
from coursekit.train import train

MAKERS = {"AdaGrad": AdaGrad, "RMSprop": RMSprop}


@pytest.fixture(scope="module")
def moons():
    return data.two_moons(m=96, noise=0.2, seed=3)


def test_the_effective_step_is_the_median_of_alpha_over_root_s_plus_eps_of_the_weights_with_a_gradient(moons):
    run = adagrad.effective_steps(*moons, [2, 4, 1], AdaGrad(0.1, eps=1e-3), epochs=3, mini_batch_size=32, seed=2)
    opt = AdaGrad(0.1, eps=1e-3)
    same = train(*moons, [2, 4, 1], opt, epochs=3, mini_batch_size=32, seed=2)
    s = np.concatenate([value.ravel() for value in opt.state["s"].values()])
    assert run.median[-1] == pytest.approx(np.median(0.1 / (np.sqrt(s[s > 0]) + 1e-3)), rel=1e-12)
    np.testing.assert_array_equal(run.history.costs, same.costs)
    assert run.steps.tolist() == [3, 6, 9] and run.median.shape == (3,)


def test_a_weight_that_never_had_a_gradient_is_left_out(moons):
    X, Y = moons
    blank = np.vstack([X, np.zeros((1, X.shape[1]))])  # a third input that is 0 in every example
    with_blank = adagrad.effective_steps(blank, Y, [3, 4, 1], AdaGrad(0.1), epochs=2)
    opt = AdaGrad(0.1)
    train(blank, Y, [3, 4, 1], opt, epochs=2)
    assert (opt.state["s"]["W1"][:, 2] == 0).all(), "the blank input's weights never get a gradient"
    s = np.concatenate([value.ravel() for value in opt.state["s"].values()])
    assert with_blank.median[-1] == pytest.approx(np.median(0.1 / (np.sqrt(s[s > 0]) + 1e-8)), rel=1e-12)
    assert with_blank.median[-1] < 0.1 / 1e-8 / 1e3, "α / ε of the blank weights is not in the median"


def test_adagrads_effective_step_never_rises_and_rmsprops_can(moons):
    ada = adagrad.effective_steps(*moons, [2, 8, 1], AdaGrad(0.3), epochs=40, mini_batch_size=16)
    rms = adagrad.effective_steps(*moons, [2, 8, 1], RMSprop(0.03), epochs=40, mini_batch_size=16)
    assert np.all(np.diff(ada.median) <= 0)
    assert np.any(np.diff(rms.median) > 0)


def test_contestants_are_fresh_optimizers_name_by_name_then_alpha_by_alpha():
    made = adagrad.contestants(MAKERS, [0.01, 0.1, 1.0])
    assert [(type(opt).__name__, opt.lr) for opt in made] == [
        ("AdaGrad", 0.01), ("AdaGrad", 0.1), ("AdaGrad", 1.0), ("RMSprop", 0.01), ("RMSprop", 0.1), ("RMSprop", 1.0)]
    assert all(opt.t == 0 for opt in made) and len({id(opt) for opt in made}) == 6


def test_the_race_reads_each_run_by_optimizer_alpha_and_seed_and_picks_alpha_by_the_mean_over_seeds(moons):
    lrs, seeds = (0.01, 0.1, 1.0), (0, 4)
    runs = over_seeds.train_over_seeds(*moons, [2, 4, 1], adagrad.contestants(MAKERS, lrs), seeds, epochs=6,
                                       evaluate_every=3)
    race = adagrad.race(runs, list(MAKERS), lrs, seeds)
    for k, (name, lr) in enumerate((name, lr) for name in MAKERS for lr in lrs):
        for j, seed in enumerate(seeds):
            np.testing.assert_array_equal(race.curves(name, lr)[:, j], runs[k][j].epoch_costs)
    for name in MAKERS:
        for epochs in (3, 6):
            mean = race.costs[name][:, :, epochs - 1].mean(axis=1)
            lr, costs = race.best(name, epochs)
            assert lr == lrs[int(np.argmin(mean))]
            np.testing.assert_array_equal(costs, race.curves(name, lr)[epochs - 1])
    assert np.isnan(race.curves("AdaGrad", 0.1)[0]).all(), "an epoch that was not evaluated holds NaN"


def test_a_stopped_run_counts_as_the_worst():
    nan = float("nan")
    race = adagrad.Race(np.array([0.1, 1.0]), (0, 1), {"GD": np.array([[[0.5], [0.4]], [[0.01], [nan]]])})
    assert race.best("GD", 1)[0] == 0.1


def test_the_race_refuses_runs_that_do_not_fit_its_grid(moons):
    runs = [[train(*moons, [2, 2, 1], GD(lr), epochs=2, seed=seed) for seed in (0, 1)] for lr in (0.1, 1.0)]
    with pytest.raises(ValueError, match=r"histories must hold 1 × 3 rows of 2 runs .*, got 2 rows"):
        adagrad.race(runs, ["GD"], [0.1, 0.3, 1.0], (0, 1))
    longer = [runs[0], [runs[1][0], train(*moons, [2, 2, 1], GD(1.0), epochs=3, seed=1)]]
    with pytest.raises(ValueError, match=r"histories must all have the same number of epochs, got \[2, 3\]"):
        adagrad.race(longer, ["GD"], [0.1, 1.0], (0, 1))
