"""The time per epoch that notebook 01's mini-batch-size explorer states: a multiple of batch GD's, measured
side by side, with its spread, or that the machine was too noisy to tell (fake seconds: no timing asserted)."""

import numpy as np
import pytest

from coursekit.data import two_moons
from coursekit.experiments import timing
from coursekit.show import training
from coursekit.train import History

M = 48


@pytest.fixture
def moons():
    return two_moons(m=M, seed=2)


def _fake_seconds(monkeypatch, seconds_of):
    """Make every timed epoch of size ``n`` take ``seconds_of(n, call number)`` seconds."""
    calls = []

    def fake_train(X, Y, layer_dims, optimizer, epochs, mini_batch_size, seed):
        calls.append(mini_batch_size)
        seconds = seconds_of(mini_batch_size, len(calls))
        return History({}, np.zeros(1), np.ones(1), np.ones(1), np.ones(1), None, 1, np.array([seconds]))

    monkeypatch.setattr(timing, "train", fake_train)
    return calls


def test_a_size_is_timed_beside_batch_gd_and_stated_as_a_multiple_of_its_time(moons, monkeypatch):
    calls = _fake_seconds(monkeypatch, lambda size, call: 0.002 if size == M else 0.020)
    w = training.batch_size_explorer(*moons, [2, 4, 1], sizes=(1, 16), optimizer="GD", lr=0.5, epochs=2)
    w.controls["mini_batch_size"].value = 1
    repeats = training.TIMING_REPEATS + 1  # one untimed, then the timed repeats
    assert calls == [M] * repeats + [16, M] * repeats + [1, M] * repeats
    assert ("20.0 ms per epoch on this machine; size 1 takes 10 × batch GD's time per epoch "
            f"({training.TIMING_REPEATS} interleaved repeats, the highest and lowest left out)") in w.summary.value
    w.controls["mini_batch_size"].value = M
    assert f"2.0 ms per epoch on this machine (median of {training.TIMING_REPEATS} repeats)" in w.summary.value


def test_a_busy_machine_is_said_to_be_too_noisy_to_tell(moons, monkeypatch):
    # size 16 takes 0.6 to 1.6 times batch GD's time, repeat after repeat: no lesson can be drawn
    ratios = iter([9.0, 0.6, 0.8, 1.0, 1.3, 1.6])  # the first run is untimed
    _fake_seconds(monkeypatch, lambda size, call: 0.01 if size == M else 0.01 * next(ratios))
    w = training.batch_size_explorer(*moons, [2, 4, 1], sizes=(16,), optimizer="GD", lr=0.5, epochs=2)
    w.controls["mini_batch_size"].value = 16
    assert "on this machine; size 16 against batch GD: the machine was too noisy to tell which is faster" in w.summary.value
