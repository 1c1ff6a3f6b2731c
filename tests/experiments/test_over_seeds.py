"""Tests of coursekit.experiments.over_seeds: each (optimizer, seed) run equals a separate train() run, schedules,
the records kept, stopped runs, the sweep's choice of α by the mean over seeds, and the checks of the inputs."""

import math

import numpy as np
import pytest

from coursekit import data, schedules
from coursekit.experiments import over_seeds
from coursekit.experiments.over_seeds import SeedSweep, seed_sweep, train_over_seeds
from coursekit.optim import GD, L2, AdaGrad, Adam, AdamW, Momentum, Nesterov, RMSprop
from coursekit.train import train


@pytest.fixture(scope="module")
def moons():
    return data.two_moons(m=120, noise=0.2, seed=4)


def _mixed():
    """Every kind of rule, one twice with other hyperparameters, interleaved: fresh objects at each call."""
    return [Adam(0.01), GD(0.3), Momentum(0.05, beta=0.8), RMSprop(0.003, beta2=0.9, eps=1e-6),
            Adam(0.002, beta1=0.5, beta2=0.99, eps=1e-3), GD(0.05)]


def test_each_run_is_what_train_gives_that_optimizer_from_that_seed(moons):
    X, Y = moons
    X_test, Y_test = data.two_moons(m=60, noise=0.2, seed=5)
    seeds = [3, 0, 7]
    runs = train_over_seeds(X, Y, [2, 4, 3, 1], _mixed(), seeds, epochs=6, mini_batch_size=32,
                              X_test=X_test, Y_test=Y_test)
    assert [len(row) for row in runs] == [3] * len(_mixed())
    for i, row in enumerate(runs):
        for seed, h in zip(seeds, row):
            expected = train(X, Y, [2, 4, 3, 1], _mixed()[i], epochs=6, mini_batch_size=32, seed=seed,
                             X_test=X_test, Y_test=Y_test)
            np.testing.assert_allclose(h.costs, expected.costs, rtol=1e-10, atol=0)
            np.testing.assert_allclose(h.epoch_costs, expected.epoch_costs, rtol=1e-10, atol=0)
            np.testing.assert_array_equal(h.train_accuracy, expected.train_accuracy)
            np.testing.assert_array_equal(h.test_accuracy, expected.test_accuracy)
            for key in expected.params:
                np.testing.assert_allclose(h.params[key], expected.params[key], rtol=1e-10, atol=1e-13)
            assert h.steps_per_epoch == expected.steps_per_epoch == 4 and h.epoch_seconds is None


def _after_the_lecture():
    """The optimizers of notebook 12 and their relatives, the decaying ones among them (their step depends on W)."""
    return [AdamW(0.01, weight_decay=0.5), L2(Adam(0.01), 0.5), L2(GD(0.3), 0.2), AdamW(0.01, weight_decay=0.0),
            L2(Momentum(0.05, beta=0.8, average=False), 0.1), Nesterov(0.05, beta=0.8), AdaGrad(0.05)]


def test_weight_decay_in_either_form_is_what_train_gives(moons):
    X, Y = moons
    seeds = [3, 0]
    runs = train_over_seeds(X, Y, [2, 4, 1], _after_the_lecture(), seeds, epochs=5, mini_batch_size=32)
    for i, row in enumerate(runs):
        for seed, h in zip(seeds, row):
            expected = train(X, Y, [2, 4, 1], _after_the_lecture()[i], epochs=5, mini_batch_size=32, seed=seed)
            np.testing.assert_allclose(h.costs, expected.costs, rtol=1e-10, atol=0, err_msg=repr(_after_the_lecture()[i]))
    assert not np.allclose(runs[0][0].costs, runs[3][0].costs), "the decay changes the run"


def test_a_schedule_drives_its_runs_alpha_epoch_by_epoch(moons):
    X, Y = moons
    decay = schedules.inverse_time_decay(0.5, decay_rate=0.3)
    (fixed, decayed) = train_over_seeds(X, Y, [2, 4, 1], [GD(0.5), GD(0.5)], [0, 1], epochs=5,
                                          schedules=[None, decay])
    assert fixed[0].lrs.tolist() == [0.5] * 5
    for seed, h in zip([0, 1], decayed):
        np.testing.assert_array_equal(h.lrs, [decay(e) for e in range(1, 6)])
        expected = train(X, Y, [2, 4, 1], GD(0.5), epochs=5, schedule=decay, seed=seed)
        np.testing.assert_allclose(h.epoch_costs, expected.epoch_costs, rtol=1e-10, atol=0)


def test_records_are_kept_every_few_epochs_and_at_the_last(moons):
    X, Y = moons
    ((h,),) = train_over_seeds(X, Y, [2, 4, 1], [GD(0.3)], [0], epochs=7, evaluate_every=3)
    kept = ~np.isnan(h.epoch_costs)
    assert np.flatnonzero(kept).tolist() == [2, 5, 6] and (~np.isnan(h.train_accuracy) == kept).all()
    (expected,) = train_over_seeds(X, Y, [2, 4, 1], [GD(0.3)], [0], epochs=7)[0]
    np.testing.assert_array_equal(h.epoch_costs[kept], expected.epoch_costs[kept])
    np.testing.assert_array_equal(h.costs, expected.costs)


def test_a_run_that_blows_up_is_stopped_and_the_others_go_on(moons):
    X, Y = moons
    (ok, blown) = train_over_seeds(X, Y, [2, 8, 8, 1], [GD(0.3), GD(1e200)], [0, 1], epochs=4)
    assert all(np.isfinite(h.epoch_costs).all() for h in ok)
    assert all(np.isnan(h.epoch_costs).all() and np.isnan(h.params["W1"]).all() for h in blown)
    expected = train(X, Y, [2, 8, 8, 1], GD(0.3), epochs=4, seed=1)
    np.testing.assert_allclose(ok[1].epoch_costs, expected.epoch_costs, rtol=1e-10, atol=0)


def test_the_sweep_picks_one_alpha_by_the_mean_over_the_seeds(moons):
    X, Y = moons
    sweep = seed_sweep(X, Y, [2, 4, 1], ["GD", "Adam"], [0.03, 0.3, 3.0], seeds=[0, 1, 2], epochs=15,
                     mini_batch_size=32)
    assert isinstance(sweep, SeedSweep) and sweep.seeds == (0, 1, 2)
    costs = sweep.finals("GD")
    assert costs.shape == (3, 3)
    np.testing.assert_array_equal(sweep.mean_costs("GD"), costs.mean(axis=1))
    assert sweep.best_lr("GD") == sweep.lrs[np.nanargmin(np.where(np.isnan(costs).any(axis=1), np.inf,
                                                                  costs.mean(axis=1)))]
    lrs, means = sweep.curves()["Adam"]
    np.testing.assert_array_equal(lrs, [0.03, 0.3, 3.0])
    np.testing.assert_array_equal(means, sweep.mean_costs("Adam"))
    runs = sweep.at("Adam", 0.3)
    assert len(runs) == 3 and runs[2] is sweep.histories["Adam"][1][2]
    expected = train(X, Y, [2, 4, 1], Adam(0.3), epochs=15, mini_batch_size=32, seed=2)
    assert math.isclose(runs[2].epoch_costs[-1], expected.epoch_costs[-1], rel_tol=1e-10)
    np.testing.assert_array_equal(sweep.finals("Adam", "train_accuracy")[1],
                                  [h.train_accuracy[-1] for h in runs])


def test_a_stopped_run_counts_as_the_worst(moons):
    X, Y = moons
    sweep = seed_sweep(X, Y, [2, 8, 8, 1], ["GD"], [0.3, 1e200], seeds=[0, 1], epochs=3)
    assert np.isnan(sweep.mean_costs("GD")[1]) and sweep.best_lr("GD") == 0.3


@pytest.mark.parametrize("call, error", [
    (lambda X, Y: train_over_seeds(X, Y, [2, 1], GD(0.1), [0], epochs=1), TypeError),
    (lambda X, Y: train_over_seeds(X, Y, [2, 1], [], [0], epochs=1), TypeError),
    (lambda X, Y: train_over_seeds(X, Y, [2, 1], [GD(0.1)], [0, 0], epochs=1), ValueError),
    (lambda X, Y: train_over_seeds(X, Y, [2, 1], [GD(0.1)], [], epochs=1), ValueError),
    (lambda X, Y: train_over_seeds(X, Y, [2, 1], [GD(0.1)], [-1], epochs=1), ValueError),
    (lambda X, Y: train_over_seeds(X, Y, [2, 1], [GD(0.1)], [0], epochs=1, schedules=[None, None]), TypeError),
    (lambda X, Y: train_over_seeds(X, Y, [2, 1], [GD(0.1)], [0], epochs=1, schedules=[0.1]), TypeError),
    (lambda X, Y: train_over_seeds(X, Y, [2, 1], [GD(0.1)], [0], epochs=1, evaluate_every=0), ValueError),
    (lambda X, Y: seed_sweep(X, Y, [2, 1], ["GD"], [0.1, 0.1], [0], epochs=1), ValueError),
    (lambda X, Y: seed_sweep(X, Y, [2, 1], "GD", [0.1], [0], epochs=1), TypeError),
])
def test_bad_inputs_are_refused(moons, call, error):
    with pytest.raises(error):
        call(*moons)


def test_a_used_optimizer_is_refused(moons):
    used = GD(0.1)
    used.step({"w": np.zeros(1)}, {"w": np.ones(1)})
    with pytest.raises(ValueError, match="fresh"):
        train_over_seeds(*moons, [2, 1], [used], [0], epochs=1)


def test_the_sweep_refuses_an_unknown_name_or_alpha(moons):
    sweep = seed_sweep(*moons, [2, 1], ["GD"], [0.1], [0], epochs=1)
    with pytest.raises(ValueError, match="name"):
        sweep.finals("Adam")
    with pytest.raises(ValueError, match="lr"):
        sweep.at("GD", 0.2)
    with pytest.raises(ValueError, match="record"):
        sweep.finals("GD", "costs")


def test_each_size_is_a_gd_sweep_over_the_seeds_at_that_size(moons):
    X, Y = moons
    lrs, epochs = {8: (0.1, 1.0), 120: (0.3, 3.0)}, {8: 2, 120: 6}
    sweeps = over_seeds.sizes_over_seeds(X, Y, [2, 4, 1], lrs, epochs, seeds=[0, 3])
    assert list(sweeps) == [8, 120] and all(sweep.seeds == (0, 3) for sweep in sweeps.values())
    for size, sweep in sweeps.items():
        np.testing.assert_array_equal(sweep.lrs, lrs[size])
        run = sweep.at("GD", lrs[size][1])[1]
        expected = train(X, Y, [2, 4, 1], GD(lrs[size][1]), epochs=epochs[size], mini_batch_size=size, seed=3)
        assert run.steps_per_epoch == expected.steps_per_epoch and len(run.epoch_costs) == epochs[size]
        np.testing.assert_allclose(run.epoch_costs, expected.epoch_costs, rtol=1e-10)


@pytest.mark.parametrize("lrs, epochs, error", [({}, {}, TypeError), ([8], {8: 1}, TypeError),
                                                ({8: (0.1,)}, {16: 1}, ValueError)])
def test_sizes_over_seeds_refuses_bad_plans(moons, lrs, epochs, error):
    with pytest.raises(error, match="lrs|epochs"):
        over_seeds.sizes_over_seeds(*moons, [2, 4, 1], lrs, epochs, seeds=[0])
