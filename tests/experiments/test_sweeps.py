"""Tests of coursekit.experiments.sweeps: side-by-side training equals separate train() runs; sweeps pick the best α; inputs."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit import data
from coursekit.optim import GD, Adam, Momentum, RMSprop, make_optimizer
from coursekit.experiments.sweeps import Sweep, lr_sweep, train_side_by_side
from coursekit.nn import ONE_THREAD
from coursekit.train import History, train


@pytest.fixture(scope="module")
def moons():
    return data.two_moons(m=150, noise=0.2, seed=4)


def _mixed():
    """Every kind of rule, some twice with other hyperparameters, interleaved (groups are not contiguous)."""
    return [Adam(0.01), GD(0.3), Momentum(0.05, beta=0.8), RMSprop(0.003, beta2=0.9, eps=1e-6),
            Adam(0.002, beta1=0.5, beta2=0.99, eps=1e-3), GD(0.05), Momentum(0.02, beta=0.9, average=False),
            RMSprop(0.01, beta2=0.999)]


def _assert_same(h: History, expected: History, rtol=1e-10):
    np.testing.assert_allclose(h.costs, expected.costs, rtol=rtol, atol=0)
    np.testing.assert_allclose(h.epoch_costs, expected.epoch_costs, rtol=rtol, atol=0)
    np.testing.assert_array_equal(h.train_accuracy, expected.train_accuracy)
    np.testing.assert_array_equal(h.lrs, expected.lrs)
    assert h.steps_per_epoch == expected.steps_per_epoch
    assert sorted(h.params) == sorted(expected.params)
    for key in expected.params:
        np.testing.assert_allclose(h.params[key], expected.params[key], rtol=rtol, atol=1e-13)
    if expected.test_accuracy is None:
        assert h.test_accuracy is None
    else:
        np.testing.assert_array_equal(h.test_accuracy, expected.test_accuracy)


def test_each_run_equals_a_separate_train_call_whatever_the_mix_of_optimizers(moons):
    X, Y = moons
    X_test, Y_test = data.two_moons(m=60, seed=9)
    runs = train_side_by_side(X, Y, [2, 4, 3, 1], _mixed(), epochs=12, mini_batch_size=32, seed=3,
                              X_test=X_test, Y_test=Y_test)
    for h, opt in zip(runs, _mixed()):
        _assert_same(h, train(X, Y, [2, 4, 3, 1], opt, epochs=12, mini_batch_size=32, seed=3,
                              X_test=X_test, Y_test=Y_test))


def test_gradient_descent_and_momentum_take_bit_for_bit_the_steps_of_train(moons):
    X, Y = moons
    opts = lambda: [GD(0.2), Momentum(0.1), Momentum(0.05, beta=0.5, average=False)]  # noqa: E731
    for h, opt in zip(train_side_by_side(X, Y, [2, 5, 1], opts(), epochs=5), opts()):
        expected = train(X, Y, [2, 5, 1], opt, epochs=5)
        np.testing.assert_array_equal(h.costs, expected.costs)
        for key in expected.params:
            np.testing.assert_array_equal(h.params[key], expected.params[key])
        # the whole set is evaluated in blocks of examples: its sums may differ in the last bit
        _assert_same(h, expected, rtol=1e-14)


def test_a_softmax_network_on_the_digits_with_a_set_larger_than_one_evaluation_block():
    split = data.load_digits(seed=1)
    X, Y, X_test, Y_test = split.X_train[:, :300], split.Y_train[:, :300], split.X_test, split.Y_test
    assert X.shape[1] > ONE_THREAD // (64 * 16) and X_test.shape[1] > ONE_THREAD // (64 * 16)  # several blocks
    opts = lambda: [GD(0.5), Adam(0.01), RMSprop(0.002, beta2=0.999)]  # noqa: E731
    runs = train_side_by_side(X, Y, [64, 16, 10], opts(), epochs=3, seed=2, X_test=X_test, Y_test=Y_test)
    for h, opt in zip(runs, opts()):
        _assert_same(h, train(X, Y, [64, 16, 10], opt, epochs=3, seed=2, X_test=X_test, Y_test=Y_test))


@settings(max_examples=15)
@given(seed=st.integers(0, 50), size=st.sampled_from([1, 7, 32, 150]), beta1=st.floats(0.0, 0.99),
       lr=st.floats(1e-4, 0.1))
def test_property_adam_side_by_side_equals_train(seed, size, beta1, lr):
    X, Y = data.two_moons(m=40, seed=seed)
    opts = lambda: [Adam(lr, beta1=beta1), GD(lr)]  # noqa: E731
    for h, opt in zip(train_side_by_side(X, Y, [2, 3, 1], opts(), epochs=2, mini_batch_size=size, seed=seed),
                      opts()):
        _assert_same(h, train(X, Y, [2, 3, 1], opt, epochs=2, mini_batch_size=size, seed=seed), rtol=1e-9)


def test_the_optimizers_are_read_not_stepped(moons):
    opts = _mixed()
    train_side_by_side(*moons, [2, 3, 1], opts, epochs=1)
    assert all(opt.t == 0 for opt in opts)


def test_a_run_whose_weights_blow_up_is_stopped_and_the_others_go_on(moons):
    X, Y = moons
    runs = train_side_by_side(X, Y, [2, 8, 8, 1], [GD(0.1), GD(1e300), Adam(0.01)], epochs=4)
    assert np.isnan(runs[1].epoch_costs).all() and np.isnan(runs[1].train_accuracy).all()
    assert np.isnan(runs[1].costs[1:]).all()  # the first mini-batch's cost was taken before any step
    assert all(np.isnan(value).all() for value in runs[1].params.values())
    for h, opt in zip((runs[0], runs[2]), (GD(0.1), Adam(0.01))):
        _assert_same(h, train(X, Y, [2, 8, 8, 1], opt, epochs=4))


# --- sweeps --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sweep(moons):
    return lr_sweep(*moons, [2, 4, 1], ["GD", "RMSprop", "Adam"], [0.001, 0.01, 0.1, 1.0], epochs=15, beta2=0.99)


def test_a_sweep_runs_every_optimizer_at_every_lr_as_train_would(moons, sweep):
    X, Y = moons
    assert list(sweep.histories) == ["GD", "RMSprop", "Adam"] and sweep.lrs.tolist() == [0.001, 0.01, 0.1, 1.0]
    for name in sweep.histories:
        for lr, h in zip(sweep.lrs, sweep.histories[name]):
            _assert_same(h, train(X, Y, [2, 4, 1], make_optimizer(name, float(lr), 0.9, 0.99), epochs=15))


def test_best_lr_is_the_lowest_final_cost_and_best_is_its_history(sweep):
    for name in sweep.histories:
        costs = sweep.final_costs(name)
        assert costs.tolist() == [h.epoch_costs[-1] for h in sweep.histories[name]]
        assert sweep.best_lr(name) == sweep.lrs[np.argmin(costs)]
        assert sweep.best(name) is sweep.history(name, sweep.best_lr(name))


def test_good_lrs_are_those_whose_final_cost_is_at_most_the_bound(sweep):
    costs = sweep.final_costs("Adam")
    bound = float(np.median(costs))
    assert sweep.good_lrs("Adam", bound).tolist() == sweep.lrs[costs <= bound].tolist()


def test_a_stopped_run_is_never_the_best():
    sweep = Sweep(np.array([0.1, 1.0]), {"GD": (_history(0.3), _history(np.nan))})
    assert sweep.best_lr("GD") == 0.1 and sweep.good_lrs("GD", 10.0).tolist() == [0.1]


def _history(final_cost: float) -> History:
    return History({}, np.zeros(2), np.array([0.5, final_cost]), np.ones(2), np.ones(2), None, 1)


def test_history_finds_a_grid_lr_given_as_computed(sweep):
    assert sweep.history("GD", 0.1) is sweep.histories["GD"][2]
    assert sweep.history("GD", 0.01 * 10) is sweep.histories["GD"][2]


# --- bad arguments ---------------------------------------------------------------------------------------


def test_rejects_an_empty_or_single_optimizer(moons):
    with pytest.raises(TypeError, match=r"optimizers must be a non-empty list of optimizers, got \[\]"):
        train_side_by_side(*moons, [2, 3, 1], [], epochs=1)
    with pytest.raises(TypeError, match=r"optimizers must be a non-empty list of optimizers, got GD\(lr=0.1\)"):
        train_side_by_side(*moons, [2, 3, 1], GD(0.1), epochs=1)


def test_rejects_something_that_is_not_an_optimizer(moons):
    with pytest.raises(TypeError, match=r"optimizer must be a coursekit.optim optimizer .*got 'Adam'"):
        train_side_by_side(*moons, [2, 3, 1], [GD(0.1), "Adam"], epochs=1)


def test_rejects_a_used_optimizer(moons):
    used = GD(0.1)
    train(*moons, [2, 3, 1], used, epochs=1)
    with pytest.raises(ValueError, match=r"optimizer must be fresh \(t == 0\), got GD\(lr=0.1\) after 3 steps"):
        train_side_by_side(*moons, [2, 3, 1], [used], epochs=1)


def test_rejects_bad_epochs_and_mismatched_data(moons):
    X, Y = moons
    with pytest.raises(ValueError, match=r"epochs must be an integer >= 1, got 0"):
        train_side_by_side(X, Y, [2, 3, 1], [GD(0.1)], epochs=0)
    with pytest.raises(ValueError, match=r"layer_dims must start with the rows of X \(2\)"):
        train_side_by_side(X, Y, [3, 3, 1], [GD(0.1)], epochs=1)
    with pytest.raises(ValueError, match=r"X_test and Y_test must be given together"):
        train_side_by_side(X, Y, [2, 3, 1], [GD(0.1)], epochs=1, X_test=X)


def test_lr_sweep_rejects_bad_grids_and_names(moons):
    with pytest.raises(ValueError, match=r"lrs must be distinct learning rates > 0, got \[0.1, -0.1\]"):
        lr_sweep(*moons, [2, 3, 1], ["GD"], [0.1, -0.1], epochs=1)
    with pytest.raises(ValueError, match=r"lrs must be distinct learning rates > 0, got \[0.1, 0.1\]"):
        lr_sweep(*moons, [2, 3, 1], ["GD"], [0.1, 0.1], epochs=1)
    with pytest.raises(TypeError, match=r"optimizers must be a non-empty sequence of distinct names from \['GD', .*got 'GD'"):
        lr_sweep(*moons, [2, 3, 1], "GD", [0.1], epochs=1)
    with pytest.raises(ValueError, match=r"optimizers must be a non-empty sequence of distinct names .*got \['SGD'\]"):
        lr_sweep(*moons, [2, 3, 1], ["SGD"], [0.1], epochs=1)


def test_sweep_methods_reject_unknown_names_and_lrs(sweep):
    with pytest.raises(ValueError, match=r"name must be one of the optimizers of the sweep, \['GD', 'RMSprop', "
                                         r"'Adam'\], got 'Momentum'"):
        sweep.best_lr("Momentum")
    with pytest.raises(ValueError, match=r"lr must be one of the sweep's learning rates \[0.001, 0.01, 0.1, 1.0\], "
                                         r"got 0.5"):
        sweep.history("GD", 0.5)
    with pytest.raises(ValueError, match=r"max_cost must be a finite number > 0, got 0"):
        sweep.good_lrs("GD", 0)
