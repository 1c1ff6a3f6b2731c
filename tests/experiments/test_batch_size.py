"""Tests of coursekit.experiments.batch_size (sizes × learning rates, gradients in blocks, memory of a step) and coursekit._blas.

No assertion is made on a time: only on what was computed, its shape and its bookkeeping.
"""

import numpy as np
import pytest
import threadpoolctl

from coursekit import data, nn
from coursekit.experiments.batch_size import (SizeSweep, activation_bytes, batch_size_data, gradient_seconds,
                                              step_bytes, sweep_sizes)
from coursekit.optim import GD
from coursekit.train import train


@pytest.fixture(scope="module")
def moons():
    return data.two_moons(m=96, noise=0.2, seed=2)


@pytest.fixture(scope="module")
def sweep(moons):
    X, Y = moons
    return sweep_sizes(X, Y, [2, 5, 1], {8: (0.03, 0.3, 30.0), 96: (0.1, 1.0)}, epochs={8: 3, 96: 10}, seed=1)


def test_every_run_is_trained_as_train_would_with_that_size_and_alpha(moons, sweep):
    X, Y = moons
    assert sweep.sizes == [8, 96] and sweep.lrs(8) == [0.03, 0.3, 30.0] and sweep.lrs(96) == [0.1, 1.0]
    for size, lr, epochs in ((8, 0.3, 3), (96, 1.0, 10)):
        alone = train(X, Y, [2, 5, 1], GD(lr), epochs, size, seed=1)
        assert np.array_equal(sweep.runs[size][lr].epoch_costs, alone.epoch_costs)
        assert sweep.runs[size][lr].epochs == epochs


def test_the_best_alpha_has_the_lowest_final_cost(sweep):
    for size in sweep.sizes:
        costs = sweep.final_costs(size)
        assert costs.shape == (len(sweep.lrs(size)),)
        assert sweep.best(size) is sweep.runs[size][sweep.best_lr(size)]
        assert sweep.best(size).epoch_costs[-1] == costs.min()


def test_seconds_are_the_median_over_the_runs_of_a_size_of_their_seconds_per_epoch(sweep):
    each = [h.seconds_per_epoch for h in sweep.runs[8].values()]
    assert len(each) == 3 and each[0] == np.median(sweep.runs[8][sweep.lrs(8)[0]].epoch_seconds)
    assert sweep.seconds_per_epoch(8) == np.median(each)
    np.testing.assert_allclose(sweep.seconds(8), np.array([1, 2, 3]) * np.median(each))


def test_epochs_to_a_target_is_the_first_epoch_at_or_below_it():
    history = train(np.array([[0.0, 1.0, 2.0, 3.0]]), np.array([[0.0, 0.0, 1.0, 1.0]]), [1, 1], GD(1.0), epochs=30,
                    mini_batch_size=4)
    sweep = SizeSweep({4: {1.0: history}})
    target = history.epoch_costs[9]
    assert sweep.epochs_to(4, target) == 1 + int(np.flatnonzero(history.epoch_costs <= target)[0])
    assert sweep.epochs_to(4, history.epoch_costs.min() / 2) is None


def test_gradient_seconds_times_each_block_size_and_computes_every_example(monkeypatch, moons):
    X, Y = moons
    seen = []
    real = nn.cost_and_grads
    monkeypatch.setattr(nn, "cost_and_grads", lambda X_b, Y_b, p: seen.append(X_b.shape[1]) or real(X_b, Y_b, p))
    seconds = gradient_seconds(X, Y, nn.init_params([2, 3, 1]), blocks=(1, 10, 64), examples=64, repeats=2)
    assert seconds.shape == (3,) and np.all(seconds >= 0)
    per_round = [1] * 64 + [10] * 6 + [4] + [64]
    assert seen == per_round * 2


def test_activation_bytes_count_x_and_each_layers_z_and_a():
    assert activation_bytes([64, 32, 10], 1) == 8 * (64 + 2 * 32 + 2 * 10)
    assert activation_bytes([64, 32, 10], 100) == 100 * activation_bytes([64, 32, 10], 1)
    assert activation_bytes([2, 3], 5, itemsize=4) == 4 * 5 * (2 + 2 * 3)


def test_step_bytes_grow_with_the_size_by_about_the_activations_and_are_reproducible():
    X, Y = np.random.default_rng(0).standard_normal((64, 512)), np.eye(10)[:, np.arange(512) % 10]
    params = nn.init_params([64, 128, 10])
    small, large = (step_bytes(X[:, :size], Y[:, :size], params) for size in (64, 512))
    assert step_bytes(X[:, :64], Y[:, :64], params) == small
    per_example = (large - small) / (512 - 64)
    formula = (activation_bytes([64, 128, 10], 512) - activation_bytes([64, 128, 10], 64)) / (512 - 64)
    assert 0.5 * formula < per_example < 2 * formula
    assert small > sum(p.nbytes for p in params.values())  # the gradients at least: one number per parameter


def test_step_bytes_refuses_to_run_inside_another_trace():
    import tracemalloc

    tracemalloc.start()
    try:
        with pytest.raises(RuntimeError, match="already tracing"):
            step_bytes(np.ones((2, 3)), np.ones((1, 3)), nn.init_params([2, 1]))
    finally:
        tracemalloc.stop()


def test_the_measurements_run_on_one_blas_thread(monkeypatch):
    seen = []
    real = nn.cost_and_grads
    monkeypatch.setattr(nn, "cost_and_grads", lambda *a: seen.append(
        [pool["num_threads"] for pool in threadpoolctl.threadpool_info() if pool["user_api"] == "blas"]) or real(*a))
    X, Y = data.two_moons(m=32)
    gradient_seconds(X, Y, nn.init_params([2, 3, 1]), [8], examples=16)
    assert seen and all(threads == [1] * len(threads) for threads in seen)


@pytest.mark.parametrize("call, message", [
    (lambda X, Y: sweep_sizes(X, Y, [2, 1], {}, {}), r"lrs must be a non-empty dict size -> learning rates"),
    (lambda X, Y: sweep_sizes(X, Y, [2, 1], {8: (0.1,)}, {9: 1}), r"epochs must be a dict with the sizes of lrs \(\[8\]\)"),
    (lambda X, Y: sweep_sizes(X, Y, [2, 1], {0: (0.1,)}, {0: 1}), r"a size of lrs must be an integer >= 1, got 0"),
    (lambda X, Y: sweep_sizes(X, Y, [2, 1], {8: 0.1}, {8: 1}), r"lrs\[8\] must be a non-empty sequence of learning rates"),
    (lambda X, Y: sweep_sizes(X, Y, [2, 1], {8: (-0.1,)}, {8: 1}), r"lrs\[8\] must be a finite number > 0, got -0.1"),
    (lambda X, Y: sweep_sizes(X, Y, [2, 1], {8: (0.1,)}, {8: 0}), r"epochs\[8\] must be an integer >= 1, got 0"),
    (lambda X, Y: gradient_seconds(X, Y, nn.init_params([2, 1]), examples=97), r"examples must be <= m = 96, got 97"),
    (lambda X, Y: gradient_seconds(X, Y, nn.init_params([2, 1]), blocks=(1, 128), examples=96),
     r"blocks must be <= examples = 96, got 128"),
    (lambda X, Y: gradient_seconds(X, Y, nn.init_params([2, 1]), blocks=8, examples=8), r"blocks must be a non-empty sequence of block sizes"),
    (lambda X, Y: gradient_seconds(X, Y, nn.init_params([2, 1]), blocks=(0,), examples=8), r"blocks\[0\] must be an integer >= 1, got 0"),
    (lambda X, Y: gradient_seconds(X, Y, nn.init_params([2, 1]), examples=8, blocks=(8,), repeats=0),
     r"repeats must be an integer >= 1, got 0"),
    (lambda X, Y: step_bytes(X, Y, nn.init_params([2, 1]), repeats=0), r"repeats must be an integer >= 1, got 0"),
    (lambda X, Y: activation_bytes([64], 8), r"layer_dims must be a list of at least two sizes"),
    (lambda X, Y: activation_bytes([64, 0], 8), r"layer_dims\[1\] must be an integer >= 1, got 0"),
    (lambda X, Y: activation_bytes([64, 10], 0), r"mini_batch_size must be an integer >= 1, got 0"),
    (lambda X, Y: activation_bytes([64, 10], 8, itemsize=0), r"itemsize must be an integer >= 1, got 0"),
])
def test_bad_arguments_are_named(moons, call, message):
    X, Y = moons
    with pytest.raises((TypeError, ValueError), match=message):
        call(X, Y)


def test_batch_size_data_trains_as_train_would_and_times_it(moons):
    X, Y = moons
    (h1, s1), (h2, s2) = (batch_size_data(X, Y, [2, 4, 1], 16, "GD", 0.5, epochs=3) for _ in range(2))
    np.testing.assert_array_equal(h1.costs, h2.costs)
    expected = train(X, Y, [2, 4, 1], GD(0.5), epochs=3, mini_batch_size=16)
    np.testing.assert_array_equal(h1.costs, expected.costs)
    assert h1.steps_per_epoch == 6 and s1 > 0 and s2 > 0


def test_batch_size_data_refuses_no_epochs():
    with pytest.raises(ValueError, match=r"epochs must be an integer >= 1, got 0"):
        batch_size_data(np.ones((2, 8)), np.ones((1, 8)), [2, 1], 4, epochs=0)
