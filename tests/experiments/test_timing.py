"""Tests of coursekit.experiments.timing: interleaved runs that train() makes, their medians, and the relation
between two contenders stated with its spread, or as too noisy to tell (fake runs: no timing is asserted)."""

import numpy as np
import pytest

from coursekit import data
from coursekit.experiments import timing
from coursekit.train import History


@pytest.fixture(scope="module")
def moons():
    return data.two_moons(m=64, seed=1)


def _history(epoch_seconds) -> History:
    epochs = len(epoch_seconds)
    return History({}, np.zeros(epochs), np.ones(epochs), np.ones(epochs), np.ones(epochs), None, 1,
                   np.array(epoch_seconds))


def _fake_runs(monkeypatch, seconds):
    """Make timing's train() return histories whose epochs took the given seconds, one per call, in turn."""
    runs = iter(seconds)
    monkeypatch.setattr(timing, "train", lambda *args, **kwargs: _history([next(runs)]))


def test_one_positive_run_per_repeat_and_optimizer_in_the_given_order(moons):
    timed = timing.seconds_per_epoch(*moons, [2, 3, 1], {"Adam": 0.01, "GD": 0.1, "RMSprop": 0.01}, repeats=2)
    assert list(timed.medians) == ["Adam", "GD", "RMSprop"] and all(s > 0 for s in timed.medians.values())
    assert [len(runs) for runs in timed.seconds.values()] == [2, 2, 2]


def test_the_runs_are_interleaved_after_one_untimed_run_each_with_fresh_optimizers_and_the_settings(moons, monkeypatch):
    calls = []

    def fake_train(X, Y, layer_dims, optimizer, epochs, mini_batch_size, seed):
        calls.append((repr(optimizer), optimizer.t, epochs, mini_batch_size, seed))
        return _history([0.1] * epochs)

    monkeypatch.setattr(timing, "train", fake_train)
    timing.seconds_per_epoch(*moons, [2, 3, 1], {"GD": 0.1, "RMSprop": 0.01}, epochs=2, repeats=3,
                             mini_batch_size=16, seed=5, beta2=0.9)
    names = [call[0].split("(")[0] for call in calls]
    assert names == ["GD", "RMSprop"] * 4
    assert calls[1] == calls[3] == ("RMSprop(lr=0.01, beta2=0.9, eps=1e-08)", 0, 2, 16, 5)


def test_each_run_gives_the_seconds_per_epoch_of_its_history_and_the_median_of_the_runs_is_kept(moons, monkeypatch):
    runs = iter([_history([7.0, 8.0, 9.0]),  # the untimed first run (compilation, caches): not kept
                 _history([0.4, 0.5, 9.0]), _history([0.2, 0.3, 0.2]), _history([1.0, 1.1, 1.2])])  # 0.5, 0.2, 1.1
    monkeypatch.setattr(timing, "train", lambda *args, **kwargs: next(runs))
    timed = timing.seconds_per_epoch(*moons, [2, 3, 1], {"GD": 0.1}, epochs=3, repeats=3)
    assert timed.seconds == {"GD": (0.5, 0.2, 1.1)} and timed.medians == {"GD": 0.5}


def test_sizes_are_timed_interleaved_with_their_own_mini_batch_size(moons, monkeypatch):
    sizes = []

    def fake_train(X, Y, layer_dims, optimizer, epochs, mini_batch_size, seed):
        sizes.append(mini_batch_size)
        return _history([mini_batch_size / 1000])

    monkeypatch.setattr(timing, "train", fake_train)
    timed = timing.seconds_per_epoch_by_size(*moons, [2, 3, 1], {"size 8": 8, "batch GD": 64}, repeats=2)
    assert sizes == [8, 64] * 3
    assert timed.medians == {"size 8": 0.008, "batch GD": 0.064}


def test_a_relation_is_read_from_the_ratios_of_runs_taken_side_by_side(moons, monkeypatch):
    # a busy moment slows repeat 3 of both alike; the side-by-side ratios are 1.2, 1.3, 1.3, 1.3, 1.4
    gd = [1.0, 1.0, 5.0, 1.0, 1.0]
    adam = [1.2, 1.3, 6.5, 1.3, 1.4]
    _fake_runs(monkeypatch, [9.0, 1.0] + [s for pair in zip(gd, adam) for s in pair])  # untimed first: 9.0, 1.0
    relation = timing.seconds_per_epoch(*moons, [2, 3, 1], {"GD": 0.1, "Adam": 0.01}, repeats=5).relation("Adam", "GD")
    assert (relation.low, relation.median, relation.high, relation.repeats) == pytest.approx((1.3, 1.3, 1.3, 5))
    assert not relation.too_noisy
    assert str(relation) == ("Adam takes 1.3 × GD's time per epoch "
                             "(5 interleaved repeats, the highest and lowest left out)")


def test_fewer_repeats_keep_every_ratio():
    relation = timing.Timings({"GD": (1.0, 1.0, 1.0), "Adam": (1.2, 1.3, 1.5)}).relation("Adam", "GD")
    assert (relation.low, relation.high) == pytest.approx((1.2, 1.5))
    assert str(relation) == "Adam takes 1.2–1.5 × GD's time per epoch (3 interleaved repeats)"
    single = timing.Timings({"GD": (1.0,), "Adam": (1.2,)}).relation("Adam", "GD")
    assert str(single) == "Adam takes 1.2 × GD's time per epoch (1 interleaved repeat)"


def test_a_spread_around_1_too_wide_to_tell_which_is_faster_is_said_plainly():
    noisy = timing.Timings({"GD": (1.0,) * 4, "Adam": (0.7, 0.9, 1.3, 1.6)}).relation("Adam", "GD")
    assert noisy.too_noisy
    assert str(noisy) == ("Adam against GD: the machine was too noisy to tell which is faster (Adam took 0.7–1.6 × "
                          "GD's time per epoch, 4 interleaved repeats)")


@pytest.mark.parametrize("adam, too_noisy", [
    ((0.98, 1.0, 1.02, 1.05), False),  # about the same time, and the machine could tell
    ((1.5, 2.0, 3.0, 4.0), False),  # a wide spread, but Adam is slower in every repeat
    ((0.5, 0.6, 0.7, 0.8), False),  # faster in every repeat
    ((0.8, 0.95, 1.1, 1.3), True),
])
def test_only_a_wide_spread_that_straddles_1_is_too_noisy(adam, too_noisy):
    assert timing.Timings({"GD": (1.0,) * 4, "Adam": adam}).relation("Adam", "GD").too_noisy is too_noisy


def test_bad_arguments_are_named(moons):
    with pytest.raises(ValueError, match=r"lrs must be a non-empty dict of optimizer name -> α, got \{\}"):
        timing.seconds_per_epoch(*moons, [2, 3, 1], {})
    with pytest.raises(ValueError, match=r"repeats must be an integer >= 1, got 0"):
        timing.seconds_per_epoch(*moons, [2, 3, 1], {"GD": 0.1}, repeats=0)
    with pytest.raises(ValueError, match=r"epochs must be an integer >= 1, got 0"):
        timing.seconds_per_epoch(*moons, [2, 3, 1], {"GD": 0.1}, epochs=0)
    with pytest.raises(ValueError, match=r"reference must be one of \['GD'\], got 'Adam'"):
        timing.Timings({"GD": (1.0,)}).relation("GD", "Adam")


def test_factories_make_a_fresh_optimizer_for_every_run_timed_interleaved(moons, monkeypatch):
    from coursekit import optim
    made, trained = [], []

    def factory(label, make):
        def build():
            made.append(label)
            return make()
        return build

    def fake_train(X, Y, layer_dims, optimizer, epochs, mini_batch_size, seed):
        trained.append((optimizer, optimizer.t, epochs, mini_batch_size, seed))
        return _history([0.1] * epochs)

    monkeypatch.setattr(timing, "train", fake_train)
    factories = {"yours": factory("yours", lambda: optim.Rule(optim.adam_update, "Adam", lr=0.01)),
                 "Adam": factory("Adam", lambda: optim.Adam(lr=0.01))}
    timed = timing.seconds_per_epoch_of(*moons, [2, 3, 1], factories, epochs=2, repeats=3, mini_batch_size=16, seed=4)
    assert list(timed.seconds) == ["yours", "Adam"] and made == ["yours", "Adam"] * 5  # one tried, then 4 runs each
    assert len({id(run[0]) for run in trained}) == len(trained) == 8, "a fresh optimizer for every run"
    assert {run[1:] for run in trained} == {(0, 2, 16, 4)}


def test_a_relation_of_a_learners_rule_to_the_compiled_one_is_read_as_for_names(moons, monkeypatch):
    from coursekit import optim
    yours, compiled = [3.0, 2.0, 3.3, 2.9, 3.1], [1.0, 1.0, 1.1, 1.0, 1.0]
    _fake_runs(monkeypatch, [9.0, 9.0] + [s for pair in zip(yours, compiled) for s in pair])
    timed = timing.seconds_per_epoch_of(*moons, [2, 3, 1], {"your Adam": lambda: optim.Rule(optim.adam_update, "Adam", lr=0.01),
                                                            "Adam": lambda: optim.Adam(0.01)}, repeats=5)
    assert str(timed.relation("your Adam", "Adam")) == ("your Adam takes 2.9–3 × Adam's time per epoch "
                                                        "(5 interleaved repeats, the highest and lowest left out)")


@pytest.mark.parametrize("optimizers, error, message", [
    ({"GD": 0.1}, TypeError, r"optimizers\['GD'\] must be a function making an optimizer, got float"),
    ({"GD": lambda: "GD"}, TypeError, r"optimizers\['GD'\]\(\) must be a coursekit.optim.optimizer.Optimizer, got str"),
    ({}, ValueError, r"optimizers must"),
])
def test_a_factory_that_makes_no_optimizer_is_refused_before_any_training(moons, monkeypatch, optimizers, error,
                                                                         message):
    monkeypatch.setattr(timing, "train", lambda *args, **kwargs: pytest.fail("trained before checking"))
    with pytest.raises(error, match=message):
        timing.seconds_per_epoch_of(*moons, [2, 3, 1], optimizers)
