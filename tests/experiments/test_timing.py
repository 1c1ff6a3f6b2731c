"""Tests of coursekit.experiments.timing: one median per optimizer, measured interleaved, on runs that train() makes."""

import numpy as np
import pytest

from coursekit import data
from coursekit.experiments import timing
from coursekit.train import History


@pytest.fixture(scope="module")
def moons():
    return data.two_moons(m=64, seed=1)


def test_one_positive_median_per_optimizer_in_the_given_order(moons):
    seconds = timing.seconds_per_epoch(*moons, [2, 3, 1], {"Adam": 0.01, "GD": 0.1, "RMSprop": 0.01}, repeats=2)
    assert list(seconds) == ["Adam", "GD", "RMSprop"] and all(s > 0 for s in seconds.values())


def test_the_runs_are_interleaved_and_use_fresh_optimizers_with_the_given_settings(moons, monkeypatch):
    calls = []

    def fake_train(X, Y, layer_dims, optimizer, epochs, mini_batch_size, seed):
        calls.append((repr(optimizer), optimizer.t, epochs, mini_batch_size, seed))
        return _history([0.1] * epochs)

    monkeypatch.setattr(timing, "train", fake_train)
    timing.seconds_per_epoch(*moons, [2, 3, 1], {"GD": 0.1, "RMSprop": 0.01}, epochs=2, repeats=3,
                             mini_batch_size=16, seed=5, beta2=0.9)
    names = [call[0].split("(")[0] for call in calls]
    assert names == ["GD", "RMSprop"] * 3
    assert calls[1] == ("RMSprop(lr=0.01, beta2=0.9, eps=1e-08)", 0, 2, 16, 5)


def _history(epoch_seconds) -> History:
    epochs = len(epoch_seconds)
    return History({}, np.zeros(epochs), np.ones(epochs), np.ones(epochs), np.ones(epochs), None, 1,
                   np.array(epoch_seconds))


def test_each_run_gives_the_seconds_per_epoch_of_its_history_and_the_median_of_the_runs_is_kept(moons, monkeypatch):
    runs = iter([_history([0.4, 0.5, 9.0]), _history([0.2, 0.3, 0.2]), _history([1.0, 1.1, 1.2])])  # 0.5, 0.2, 1.1
    monkeypatch.setattr(timing, "train", lambda *args, **kwargs: next(runs))
    assert timing.seconds_per_epoch(*moons, [2, 3, 1], {"GD": 0.1}, epochs=3, repeats=3) == {"GD": 0.5}


def test_bad_arguments_are_named(moons):
    with pytest.raises(TypeError, match=r"lrs must be a non-empty dict optimizer name -> α, got \{\}"):
        timing.seconds_per_epoch(*moons, [2, 3, 1], {})
    with pytest.raises(ValueError, match=r"repeats must be an integer >= 1, got 0"):
        timing.seconds_per_epoch(*moons, [2, 3, 1], {"GD": 0.1}, repeats=0)
    with pytest.raises(ValueError, match=r"epochs must be an integer >= 1, got 0"):
        timing.seconds_per_epoch(*moons, [2, 3, 1], {"GD": 0.1}, epochs=0)
