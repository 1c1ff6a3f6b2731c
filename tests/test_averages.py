"""Exponentially weighted averages and bias correction (SYLLABUS §3-4)."""

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from coursekit.averages import bias_correct, ewa, ewa_step
from tests.strategies import arrays, betas, entries, shapes


def test_ewa_golden():
    # β = 0.5, θ = [10, 20, 30]:
    #   v1 = 0.5·0 + 0.5·10 = 5;  v2 = 0.5·5 + 0.5·20 = 12.5;  v3 = 0.5·12.5 + 0.5·30 = 21.25
    np.testing.assert_allclose(ewa([10.0, 20.0, 30.0], beta=0.5), [5.0, 12.5, 21.25], rtol=1e-14)


def test_ewa_golden_with_bias_correction():
    # divided by 1 − 0.5^t = 0.5, 0.75, 0.875:  5/0.5 = 10,  12.5/0.75 = 16.666…,  21.25/0.875 = 24.285714…
    expected = [10.0, 16.666666666667, 24.285714285714]
    np.testing.assert_allclose(ewa([10.0, 20.0, 30.0], beta=0.5, bias_correction=True), expected, rtol=1e-12)


def test_first_estimate_is_two_percent_for_beta_098():
    """SYLLABUS §4: with β = 0.98, v_1 = 0.02 θ_1 — far too low — and bias correction repairs it."""
    assert ewa([25.0], beta=0.98)[0] == pytest.approx(0.5, rel=1e-12)
    assert ewa([25.0], beta=0.98, bias_correction=True)[0] == pytest.approx(25.0, rel=1e-12)


def test_ewa_step_and_bias_correct_golden():
    assert ewa_step(4.0, 10.0, beta=0.75) == pytest.approx(5.5)  # 0.75·4 + 0.25·10
    assert bias_correct(5.5, beta=0.75, t=2) == pytest.approx(5.5 / 0.4375)  # 1 − 0.75² = 0.4375
    np.testing.assert_allclose(ewa_step(np.array([0.0, 2.0]), np.array([4.0, 2.0]), beta=0.5), [2.0, 2.0])


def test_ewa_returns_a_float_array_of_the_input_length():
    out = ewa([1, 2, 3, 4], beta=0.9)
    assert isinstance(out, np.ndarray) and out.dtype == np.float64 and out.shape == (4,)


constants = st.floats(-1e3, 1e3, allow_subnormal=False)


def _rtol(beta, length):
    """Rounding bound: t steps of the average, and 1 − β^t, which loses digits when β is close to 1."""
    return 4e-16 * (length + 1 / (1 - beta))


@given(constants, betas, st.integers(1, 200))
@example(c=21.5, beta=0.999999999, length=200)
@example(c=-3.0, beta=0.0, length=5)
def test_bias_corrected_average_of_a_constant_is_the_constant(c, beta, length):
    out = ewa(np.full(length, c), beta=beta, bias_correction=True)
    np.testing.assert_allclose(out, c, rtol=_rtol(beta, length), atol=0)


@given(constants, betas, st.integers(1, 200))
@example(c=21.5, beta=0.999999999, length=200)
def test_uncorrected_average_of_a_constant_is_c_times_one_minus_beta_to_the_t(c, beta, length):
    t = np.arange(1, length + 1)
    np.testing.assert_allclose(ewa(np.full(length, c), beta=beta), c * (1 - beta**t), rtol=_rtol(beta, length), atol=0)


@given(st.lists(entries, min_size=1, max_size=30), betas)
def test_ewa_is_the_exponentially_weighted_sum(thetas, beta):
    """Unrolled form of §3: v_t = Σ_k (1 − β) β^(t−k) θ_k."""
    t = len(thetas)
    weights = (1 - beta) * beta ** np.arange(t - 1, -1, -1)
    assert ewa(thetas, beta=beta)[-1] == pytest.approx(float(weights @ np.array(thetas)), rel=1e-9, abs=1e-9)


@given(st.lists(entries, min_size=1, max_size=30))
def test_ewa_with_beta_zero_is_the_sequence_itself(thetas):
    np.testing.assert_array_equal(ewa(thetas, beta=0.0), thetas)


@given(st.data(), betas)
def test_ewa_step_does_not_modify_its_arguments(data, beta):
    shape = data.draw(shapes)
    v, theta = data.draw(arrays(shape)), data.draw(arrays(shape))
    v0, theta0 = v.copy(), theta.copy()
    result = ewa_step(v, theta, beta)
    np.testing.assert_array_equal(v, v0)
    np.testing.assert_array_equal(theta, theta0)
    assert result is not v


def test_ewa_does_not_modify_its_input():
    thetas = np.array([1.0, 5.0, 3.0])
    ewa(thetas, beta=0.9, bias_correction=True)
    np.testing.assert_array_equal(thetas, [1.0, 5.0, 3.0])


def test_bias_correction_vanishes_as_t_grows():
    """The factor 1 / (1 − β^t) is large at the start and tends to 1 (β = 0.9: 10 at t = 1, < 1.0001 at t = 100)."""
    assert bias_correct(1.0, beta=0.9, t=1) == pytest.approx(10.0)
    assert bias_correct(1.0, beta=0.9, t=100) == pytest.approx(1.0, abs=1e-4)
    assert bias_correct(1.0, beta=0.9, t=100) > 1.0
