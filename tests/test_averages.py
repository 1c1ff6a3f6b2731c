"""Exponentially weighted averages and bias correction (SYLLABUS §3-4): the rules, the weights, the warm-up."""

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from coursekit.averages import (
    bias_correct,
    correction_factor,
    e_folding_steps,
    ewa,
    ewa_step,
    ewa_weights,
    startup_bias,
    warmup_steps,
)
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


# --- the weights, the correction factor and how long the bias lasts (notebooks 04-05) ----------------------


@given(betas, st.integers(1, 300))
def test_ewa_weights_are_the_unrolled_average_and_sum_to_one_minus_beta_to_the_n(beta, n):
    weights = ewa_weights(beta, n)
    impulse_response = ewa(np.eye(1, n)[0], beta)  # θ = (1, 0, 0, …): v_t is the weight of θ_1 at age t − 1
    np.testing.assert_allclose(weights, impulse_response, rtol=1e-12, atol=1e-300)
    assert weights.sum() == pytest.approx(1 - beta**n, rel=1e-9, abs=1e-12)


def test_ewa_weights_golden():
    np.testing.assert_allclose(ewa_weights(0.9, 3), [0.1, 0.09, 0.081], rtol=1e-14)


@given(st.floats(0.01, 0.999))
def test_e_folding_steps_is_where_the_weights_fall_to_one_over_e(beta):
    k = e_folding_steps(beta)
    assert beta**k == pytest.approx(np.exp(-1), rel=1e-12)
    assert 1 / (1 - beta) - 1 <= k <= 1 / (1 - beta)  # the rule of thumb 1/(1 − β) is within one step


def test_e_folding_steps_golden_and_beta_zero():
    assert e_folding_steps(0.9) == pytest.approx(9.4912, abs=1e-4)  # −1 / ln 0.9
    assert e_folding_steps(0.0) == 0.0


@given(betas, st.integers(1, 500))
def test_correction_factor_is_what_bias_correct_divides_by(beta, t):
    assert correction_factor(beta, t) == pytest.approx(bias_correct(1.0, beta, t), rel=1e-12)
    np.testing.assert_allclose(correction_factor(beta, np.array([t, t + 1])),
                               [bias_correct(1.0, beta, t), bias_correct(1.0, beta, t + 1)], rtol=1e-12)


def test_correction_factor_golden():
    assert correction_factor(0.98, 1) == pytest.approx(50.0)  # v_1 = 0.02 θ_1 is multiplied back by 50
    assert correction_factor(0.9, 10) == pytest.approx(1 / (1 - 0.9**10))  # 1.535…, the factor at t = 10
    assert isinstance(correction_factor(0.9, np.int64(3)), float)
    assert correction_factor(0.5, np.array([[1, 2]])).shape == (1, 2)


@given(st.floats(0.0, 0.9999), st.sampled_from([0.001, 0.01, 0.1]))
def test_warmup_steps_is_the_first_step_within_the_tolerance(beta, tolerance):
    t = warmup_steps(beta, tolerance)
    assert correction_factor(beta, t) <= 1 + tolerance
    assert t == 1 or correction_factor(beta, t - 1) > 1 + tolerance


@pytest.mark.parametrize("beta", [1 - 2**-20, 1 - 2**-40, 0.9999999999999999])
def test_warmup_steps_answers_at_once_when_beta_is_a_hair_below_1(beta):
    """The logs' rounding puts the first guess millions of steps off there; the search still ends at once."""
    t = warmup_steps(beta, 1e-12)
    assert correction_factor(beta, t) <= 1 + 1e-12 < correction_factor(beta, t - 1)


def test_warmup_steps_golden():
    """Notebook 05: within 1 % from t = 44 (β = 0.9), 229 (0.98) and 4,613 (0.999); ln(0.0099)/ln(0.9) = 43.8."""
    assert [warmup_steps(b) for b in (0.9, 0.98, 0.999)] == [44, 229, 4613]
    assert warmup_steps(0.0) == 1 and warmup_steps(0.5, tolerance=1.0) == 1  # 1/(1 − 0.5) = 2 = 1 + 1


def test_startup_bias_is_the_mean_gap_between_corrected_and_uncorrected():
    thetas = np.array([20.0, 22.0, 18.0, 30.0])
    gap = ewa(thetas, 0.8, bias_correction=True) - ewa(thetas, 0.8)
    assert startup_bias(thetas, 0.8, days=3) == pytest.approx(gap[:3].mean(), rel=1e-12)


@given(st.floats(-20, 40), st.floats(0.0, 0.99), st.integers(1, 30))
def test_startup_bias_of_a_constant_is_the_constant_times_the_mean_of_beta_to_the_t(c, beta, days):
    t = np.arange(1, days + 1)
    expected = c * np.mean(beta**t)  # v̂_t − v_t = c − c(1 − β^t)
    assert startup_bias(np.full(days + 5, c), beta, days) == pytest.approx(expected, rel=1e-9, abs=1e-9)


@pytest.mark.parametrize(
    "call, error, pattern",
    [
        (lambda: ewa_weights(1.0, 3), ValueError, r"beta must be in \[0, 1\), got 1.0"),
        (lambda: ewa_weights(0.9, 0), ValueError, r"n must be an integer >= 1, got 0"),
        (lambda: ewa_weights(0.9, 2.5), TypeError, r"n must be an integer >= 1, got 2.5 of type float"),
        (lambda: e_folding_steps(-0.1), ValueError, r"beta must be in \[0, 1\), got -0.1"),
        (lambda: correction_factor(0.9, 0), ValueError, r"t must be an integer >= 1, got 0"),
        (lambda: correction_factor(0.9, 2.0), ValueError,
         r"t must be an integer >= 1 or a non-empty array of them, got 2.0"),
        (lambda: correction_factor(0.9, [0, 1]), ValueError, r"t must be an integer >= 1 or a non-empty array"),
        (lambda: correction_factor(0.9, []), ValueError, r"t must be an integer >= 1 or a non-empty array"),
        (lambda: correction_factor("0.9", 1), TypeError, r"beta must be a number in \[0, 1\), got '0.9'"),
        (lambda: warmup_steps(0.9, tolerance=0), ValueError, r"tolerance must be a finite number >= 1e-12, got 0"),
        (lambda: warmup_steps(1.0), ValueError, r"beta must be in \[0, 1\), got 1.0"),
        (lambda: startup_bias([1.0, 2.0], 0.9, days=3), ValueError,
         r"thetas must hold at least days = 3 values, got 2"),
        (lambda: startup_bias([1.0, 2.0], 0.9, days=0), ValueError, r"days must be an integer >= 1, got 0"),
        (lambda: startup_bias([[1.0, 2.0]], 0.9, days=1), ValueError, r"thetas must be a 1-D array"),
    ],
)
def test_bad_arguments_of_the_weights_and_the_correction(call, error, pattern):
    with pytest.raises(error, match=pattern):
        call()
