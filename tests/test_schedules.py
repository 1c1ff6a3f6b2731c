"""Learning-rate decay schedules (SYLLABUS §8)."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursekit.schedules import (
    constant,
    exponential_decay,
    interval_inverse_time_decay,
    inverse_sqrt_decay,
    inverse_time_decay,
    manual_decay,
    stalled_at,
    staircase_decay,
)

lr0s = st.floats(1e-4, 10.0)
epochs = st.integers(0, 10_000)


def test_inverse_time_decay_syllabus_example():
    """α₀ = 0.2, decay_rate = 1: epochs 1-4 give 0.2/2, 0.2/3, 0.2/4, 0.2/5."""
    schedule = inverse_time_decay(0.2, decay_rate=1.0)
    assert [schedule(e) for e in (1, 2, 3, 4)] == pytest.approx([0.1, 0.0666666666667, 0.05, 0.04], rel=1e-11)
    assert [round(schedule(e), 3) for e in (1, 2, 3, 4)] == [0.1, 0.067, 0.05, 0.04]


def test_inverse_time_decay_other_rate():
    # α₀ = 0.5, decay_rate = 0.25, epoch 6: 0.5 / (1 + 1.5) = 0.2
    assert inverse_time_decay(0.5, decay_rate=0.25)(6) == pytest.approx(0.2, rel=1e-14)


def test_interval_inverse_time_decay_steps_at_interval_boundaries():
    # α₀ = 0.3, decay_rate = 2, time_interval = 5: floor(epoch / 5) = 0 for epochs 0-4, 1 for 5-9, 2 for 10-14
    schedule = interval_inverse_time_decay(0.3, decay_rate=2.0, time_interval=5)
    assert [schedule(e) for e in (0, 1, 4)] == pytest.approx([0.3] * 3, rel=1e-14)
    assert [schedule(e) for e in (5, 9)] == pytest.approx([0.1] * 2, rel=1e-14)  # 0.3 / (1 + 2·1)
    assert [schedule(e) for e in (10, 14)] == pytest.approx([0.06] * 2, rel=1e-14)  # 0.3 / (1 + 2·2)


@given(lr0s, st.floats(0.0, 10.0), st.integers(1, 50), epochs)
def test_interval_inverse_time_decay_with_interval_one_is_inverse_time_decay(lr0, rate, interval, epoch):
    stepped = interval_inverse_time_decay(lr0, decay_rate=rate, time_interval=interval)
    assert stepped(epoch) == pytest.approx(inverse_time_decay(lr0, decay_rate=rate)(epoch // interval), rel=1e-14)
    assert interval_inverse_time_decay(lr0, rate, 1)(epoch) == pytest.approx(
        inverse_time_decay(lr0, rate)(epoch), rel=1e-14
    )


def test_exponential_decay_golden():
    # 0.95^epoch · α₀ with α₀ = 0.2:  epoch 1 → 0.19, epoch 2 → 0.1805, epoch 3 → 0.171475
    schedule = exponential_decay(0.2, base=0.95)
    assert [schedule(e) for e in (1, 2, 3)] == pytest.approx([0.19, 0.1805, 0.171475], rel=1e-13)
    assert exponential_decay(1.0, base=0.5)(10) == pytest.approx(1 / 1024, rel=1e-14)


def test_inverse_sqrt_decay_golden():
    # k / √n · α₀ with k = 3, α₀ = 0.2:  n = 1 → 0.6, n = 4 → 0.3, n = 9 → 0.2,
    #                                    n = 2 → 0.6/√2 = 0.424264068712
    schedule = inverse_sqrt_decay(0.2, k=3.0)
    assert [schedule(n) for n in (1, 4, 9, 2)] == pytest.approx([0.6, 0.3, 0.2, 0.424264068712], rel=1e-11)


def test_staircase_decay_golden():
    # α₀ = 0.9, factor = 1/3, every = 4: n = 0-3 → 0.9, 4-7 → 0.3, 8 → 0.1
    schedule = staircase_decay(0.9, factor=1 / 3, every=4)
    assert [schedule(n) for n in (0, 3, 4, 7, 8)] == pytest.approx([0.9, 0.9, 0.3, 0.3, 0.1], rel=1e-14)


@given(lr0s, epochs)
def test_constant_schedule(lr0, epoch):
    assert constant(lr0)(epoch) == lr0


@pytest.mark.parametrize(
    "schedule",
    [
        constant(0.2),
        inverse_time_decay(0.2, decay_rate=3.0),
        interval_inverse_time_decay(0.2, decay_rate=3.0, time_interval=7),
        exponential_decay(0.2, base=0.5),
        staircase_decay(0.2, factor=0.1, every=2),
    ],
    ids=["constant", "inverse_time", "interval_inverse_time", "exponential", "staircase"],
)
def test_epoch_zero_gives_the_initial_rate(schedule):
    """Epoch 0 (before any decay) gives α₀ exactly: every formula's decay term is 1 at n = 0."""
    assert schedule(0) == 0.2


def test_inverse_sqrt_decay_starts_at_one():
    """k/√n is undefined at n = 0, so this schedule counts from 1 and n = 1 gives k·α₀."""
    assert inverse_sqrt_decay(0.2, k=1.0)(1) == 0.2
    with pytest.raises(ValueError, match=r"n must be an integer >= 1, got 0"):
        inverse_sqrt_decay(0.2, k=1.0)(0)


SCHEDULES = st.one_of(
    st.builds(constant, lr0s),
    st.builds(inverse_time_decay, lr0s, st.floats(0.0, 10.0)),
    st.builds(interval_inverse_time_decay, lr0s, st.floats(0.0, 10.0), st.integers(1, 100)),
    st.builds(exponential_decay, lr0s, st.floats(0.01, 1.0)),
    st.builds(inverse_sqrt_decay, lr0s, st.floats(0.01, 10.0)),
    st.builds(staircase_decay, lr0s, st.floats(0.01, 1.0), st.integers(1, 100)),
)


@given(SCHEDULES, st.integers(1, 10_000), st.integers(1, 1_000))
def test_schedules_are_non_increasing(schedule, n, gap):
    earlier, later = schedule(n), schedule(n + gap)
    assert 0 <= later <= earlier  # 0 only where base^n or factor^n underflows (e.g. 0.5^1075)
    assert math.isfinite(earlier)


@given(lr0s, st.floats(0.01, 10.0), st.integers(0, 200))
def test_inverse_time_decay_formula(lr0, rate, epoch):
    assert inverse_time_decay(lr0, decay_rate=rate)(epoch) == pytest.approx(lr0 / (1 + rate * epoch), rel=1e-14)


@given(lr0s, st.floats(0.01, 1.0), st.integers(0, 200))
def test_exponential_decay_formula(lr0, base, epoch):
    assert exponential_decay(lr0, base=base)(epoch) == pytest.approx(base**epoch * lr0, rel=1e-12)


@given(lr0s, st.floats(0.01, 10.0), st.integers(1, 10_000))
def test_inverse_sqrt_decay_formula(lr0, k, n):
    assert inverse_sqrt_decay(lr0, k=k)(n) == pytest.approx(k / math.sqrt(n) * lr0, rel=1e-14)


@given(lr0s, st.floats(0.01, 1.0), st.integers(1, 50), st.integers(0, 1_000))
def test_staircase_decay_formula(lr0, factor, every, n):
    assert staircase_decay(lr0, factor=factor, every=every)(n) == pytest.approx(lr0 * factor ** (n // every), rel=1e-12)


# --- manual decay and when to do it ---------------------------------------------------------------------------


def test_manual_decay_drops_by_the_factor_at_each_listed_epoch_in_any_order():
    schedule = manual_decay(2.0, drops=[30, 10], factor=0.5)
    assert [schedule(n) for n in (0, 9, 10, 29, 30, 100)] == [2.0, 2.0, 1.0, 1.0, 0.5, 0.5]
    assert manual_decay(0.3, drops=[])(50) == 0.3


@given(lr0s, st.integers(1, 20), st.floats(0.1, 1.0), st.integers(0, 200))
def test_manual_decay_with_evenly_spaced_drops_is_the_staircase(lr0, every, factor, n):
    drops = range(every, 201, every)
    assert manual_decay(lr0, drops, factor)(n) == pytest.approx(staircase_decay(lr0, factor, every)(n), rel=1e-12)


def test_stalled_at_is_the_epoch_completing_patience_epochs_without_a_new_best():
    # new bests at epochs 1-3; epochs 4, 5, 6 improve by less than 1% (0.299 > 0.99 · 0.3): stall at 6
    assert stalled_at([1.0, 0.5, 0.3, 0.299, 0.31, 0.298, 0.1], patience=3) == 6
    # a 2% gain restarts the count when min_decrease is 1%, not when it is 5%
    costs = [1.0, 0.98, 0.9604, 0.941192]
    assert stalled_at(costs, patience=2, min_decrease=0.01) is None
    assert stalled_at(costs, patience=2, min_decrease=0.05) == 3


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: manual_decay(0.1, drops=5), TypeError,
         r"drops must be a sequence of epochs \(integers >= 1\), got 5"),
        (lambda: manual_decay(0.1, drops=[3, 0]), ValueError,
         r"drops\[1\] must be an integer >= 1, got 0"),
        (lambda: manual_decay(0.1, drops=[3], factor=2.0), ValueError,
         r"factor must be in \(0, 1\], got 2.0"),
        (lambda: manual_decay(0.1, drops=[3])(-1), ValueError,
         r"n must be an integer >= 0, got -1"),
        (lambda: stalled_at([[1.0]]), ValueError,
         r"costs must be a 1-D array"),
        (lambda: stalled_at([1.0], patience=0), ValueError,
         r"patience must be an integer >= 1, got 0"),
        (lambda: stalled_at([1.0], min_decrease=1.0), ValueError,
         r"min_decrease must be in \[0, 1\), got 1.0"),
    ],
)
def test_manual_decay_and_stalled_at_refuse_bad_arguments(call, error, message):
    with pytest.raises(error, match=message):
        call()
