"""Cosine decay, linear warmup, warmup + cosine and one-cycle (after the lecture): golden values and properties —
bounds, monotone pieces, the values at the ends, continuity at the joins."""

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from coursekit.warmup_and_cosine import cosine_decay, linear_warmup, one_cycle, warmup_cosine

lr0s = st.floats(1e-4, 10.0)
lengths = st.integers(1, 300)
start_factors = st.floats(0.01, 1.0)
min_shares = st.floats(0.0, 1.0)  # α_min as a share of α₀
REL = 1e-12


def _values(schedule, last):
    return [schedule(t) for t in range(last + 1)]


def _non_increasing(values):
    return all(b <= a * (1 + REL) for a, b in zip(values, values[1:]))


def _non_decreasing(values):
    return all(b >= a * (1 - REL) for a, b in zip(values, values[1:]))


# --- golden values ---------------------------------------------------------------------------------------------


def test_cosine_decay_golden():
    # α₀ = 0.3, α_min = 0.1, T = 6: 0.1 + 0.1 (1 + cos(πt/6)); t = 2: 0.1 + 0.1 · 1.5 = 0.25, t = 3: 0.2
    schedule = cosine_decay(0.3, T=6, lr_min=0.1)
    assert [schedule(t) for t in (0, 2, 3, 6, 7, 100)] == pytest.approx([0.3, 0.25, 0.2, 0.1, 0.1, 0.1], rel=1e-14)


def test_linear_warmup_golden():
    # α₀ = 0.6, s = 1/3, W = 4: 0.6 (1/3 + (2/3) t / 4) = 0.2, 0.3, 0.4, 0.5, 0.6, then 0.6
    schedule = linear_warmup(0.6, W=4)
    assert [schedule(t) for t in (0, 1, 2, 3, 4, 50)] == pytest.approx([0.2, 0.3, 0.4, 0.5, 0.6, 0.6], rel=1e-14)


def test_warmup_cosine_golden():
    # α₀ = 1, W = 4, s = 0.25, T = 10: 0.25, 0.4375, 0.625, 0.8125, then ½(1 + cos(π(t − 4)/6)): t = 7 → 0.5
    schedule = warmup_cosine(1.0, W=4, T=10, start_factor=0.25)
    assert [schedule(t) for t in (0, 1, 2, 3, 4, 7, 10, 11)] == pytest.approx(
        [0.25, 0.4375, 0.625, 0.8125, 1.0, 0.5, 0.0, 0.0], rel=1e-14, abs=1e-16)


def test_one_cycle_golden_at_torchs_defaults():
    # α_max = 2.5, N = 20: u = 0.3 · 20 − 1 = 5; starts at 2.5 / 25 = 0.1, peaks at t = 5, ends at 0.1 / 1e4 = 1e-5
    schedule = one_cycle(2.5, total_steps=20)
    start, peak, end = 0.1, 2.5, 1e-5
    assert schedule(0) == pytest.approx(start, rel=1e-14)
    assert schedule(5) == pytest.approx(peak, rel=1e-14)
    assert schedule(19) == pytest.approx(end, rel=1e-12)
    # half way up (t = 2.5 is not a step; t = 1: p = 1/5) and down (t = 12: p = 7/14 = ½)
    assert schedule(1) == pytest.approx(peak + (start - peak) / 2 * (1 + math.cos(math.pi / 5)), rel=1e-14)
    assert schedule(12) == pytest.approx((peak + end) / 2, rel=1e-14)
    assert schedule(25) == schedule(19)


# --- properties ------------------------------------------------------------------------------------------------


@given(lr0s, lengths, min_shares)
def test_cosine_decay_falls_from_lr0_to_lr_min_and_stays(lr0, T, share):
    lr_min = share * lr0
    values = _values(cosine_decay(lr0, T, lr_min), T + 3)
    assert values[0] == pytest.approx(lr0, rel=REL)
    assert values[T:] == pytest.approx([lr_min] * 4, rel=REL, abs=1e-15 * lr0)
    assert all(lr_min * (1 - REL) - 1e-15 * lr0 <= v <= lr0 * (1 + REL) for v in values)
    assert _non_increasing(values)


@given(lr0s, lengths, min_shares, st.integers(0, 300))
def test_cosine_decay_is_symmetric_about_its_midpoint(lr0, T, share, t):
    """cos(π(T − t)/T) = −cos(πt/T): α_t − mid = mid − α_{T−t}, mid = (α₀ + α_min)/2."""
    t = t % (T + 1)
    schedule, mid = cosine_decay(lr0, T, share * lr0), (lr0 + share * lr0) / 2
    assert schedule(t) - mid == pytest.approx(mid - schedule(T - t), abs=1e-14 * lr0)


@given(lr0s, lengths, start_factors)
def test_linear_warmup_rises_in_equal_steps_to_lr0_and_stays(lr0, W, s):
    values = _values(linear_warmup(lr0, W, s), W + 3)
    assert values[0] == pytest.approx(s * lr0, rel=REL)
    assert values[W:] == pytest.approx([lr0] * 4, rel=REL)
    steps = [b - a for a, b in zip(values[: W + 1], values[1: W + 1])]
    assert steps == pytest.approx([(1 - s) * lr0 / W] * W, rel=1e-9, abs=1e-15 * lr0)
    assert all(s * lr0 * (1 - REL) <= v <= lr0 * (1 + REL) for v in values)


@st.composite
def warmup_cosine_settings(draw):
    W = draw(st.integers(1, 100))
    return draw(lr0s), W, W + draw(st.integers(1, 200)), draw(start_factors), draw(min_shares)


@given(warmup_cosine_settings())
def test_warmup_cosine_is_the_warmup_then_the_cosine_joined_at_W(settings):
    lr0, W, T, s, share = settings
    schedule = warmup_cosine(lr0, W, T, start_factor=s, lr_min=share * lr0)
    warmup, decay = linear_warmup(lr0, W, s), cosine_decay(lr0, T - W, share * lr0)
    assert [schedule(t) for t in range(W)] == [warmup(t) for t in range(W)]
    assert [schedule(t) for t in range(W, T + 3)] == [decay(t - W) for t in range(W, T + 3)]
    values = _values(schedule, T + 2)
    assert _non_decreasing(values[: W + 1]) and _non_increasing(values[W:])
    assert max(values) == pytest.approx(lr0, rel=REL) and values[T] == pytest.approx(share * lr0, rel=REL, abs=1e-15)


@given(warmup_cosine_settings())
def test_warmup_cosine_is_continuous_at_W(settings):
    """The straight line of the warmup, continued to t = W, reaches α₀, where the cosine starts: no jump at the
    join, so the step into W is the warmup's own step (1 − s)α₀/W, and the step out of it the cosine's first."""
    lr0, W, T, s, share = settings
    schedule = warmup_cosine(lr0, W, T, start_factor=s, lr_min=share * lr0)
    assert linear_warmup(lr0, W, s)(W) == pytest.approx(lr0, rel=REL) and schedule(W) == pytest.approx(lr0, rel=REL)
    assert schedule(W) - schedule(W - 1) == pytest.approx((1 - s) * lr0 / W, rel=1e-9, abs=1e-15 * lr0)
    cosine_step = (lr0 - share * lr0) / 2 * (1 - math.cos(math.pi / (T - W)))
    assert schedule(W) - schedule(W + 1) == pytest.approx(cosine_step, rel=1e-9, abs=1e-15 * lr0)


@st.composite
def one_cycle_settings(draw):
    pct_start = draw(st.floats(0.05, 0.95))
    N = draw(st.integers(math.floor(1 / pct_start) + 1, 400))
    return draw(lr0s), N, pct_start, draw(st.floats(1.5, 100.0)), draw(st.floats(1.0, 1e5))


@given(one_cycle_settings())
def test_one_cycle_climbs_to_lr_max_then_falls_to_its_end(settings):
    lr_max, N, pct_start, d, d_f = settings
    values = _values(one_cycle(lr_max, N, pct_start, d, d_f), N + 2)
    u = pct_start * N - 1
    top = max(range(N), key=values.__getitem__)
    assert values[0] == pytest.approx(lr_max / d, rel=REL)
    assert values[N - 1:] == pytest.approx([lr_max / (d * d_f)] * 4, rel=1e-11)
    assert top in (math.floor(u), math.floor(u) + 1), "the peak is at the step nearest u"
    assert _non_decreasing(values[: top + 1]) and _non_increasing(values[top:])
    assert all(lr_max / (d * d_f) * (1 - 1e-11) <= v <= lr_max * (1 + REL) for v in values)
    if u == int(u):
        assert values[int(u)] == pytest.approx(lr_max, rel=REL)


@given(lr0s, st.integers(3, 400))
def test_one_cycle_with_a_whole_climb_is_two_half_cosines_joined_at_its_peak(lr_max, N):
    """With pct_start · N − 1 = u a whole step, the climb is a cosine rise over u steps and the fall a cosine decay
    over N − 1 − u steps from the peak: continuous at the join."""
    u = N // 2
    pct_start = (u + 1) / N
    assume(float(pct_start * N) - 1 == u)  # (u + 1) / N · N may round off u
    schedule, end = one_cycle(lr_max, N, pct_start), lr_max / 25 / 1e4
    fall = cosine_decay(lr_max, N - 1 - u, end)
    assert [schedule(t) for t in range(u, N)] == pytest.approx([fall(k) for k in range(N - u)], rel=1e-12)
    rise = [lr_max + (lr_max / 25 - lr_max) / 2 * (1 + math.cos(math.pi * t / u)) for t in range(u + 1)]
    assert [schedule(t) for t in range(u + 1)] == pytest.approx(rise, rel=1e-12)
