"""Tests of coursekit.experiments.first_steps: Adam assembled from the averages equals optim.Adam; the size of the first steps."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from coursekit.experiments.first_steps import adam_steps, steps_taken
from coursekit.optim import GD, Adam, Momentum, RMSprop
from tests.strategies import betas, epsilons, learning_rates

gradients = hnp.arrays(np.float64, st.integers(1, 30), elements=st.floats(-10, 10, allow_subnormal=False))


@given(grads=gradients, lr=learning_rates, beta1=betas, beta2=betas, eps=epsilons)
def test_adam_assembled_from_the_averages_takes_the_steps_of_optim_adam(grads, lr, beta1, beta2, eps):
    by_adam = steps_taken(grads[:, np.newaxis], Adam(lr, beta1, beta2, eps))[:, 0]
    # steps_taken reads each step as a difference of w, exact only to w's rounding (a huge first step, when
    # a gradient of 0 meets a tiny ε, moves w far): allow a few ulps of the largest |w| on the way
    rounding = 4 * np.finfo(float).eps * np.abs(np.cumsum(by_adam)).max()
    np.testing.assert_allclose(adam_steps(grads, lr, beta1, beta2, eps), by_adam, rtol=1e-9, atol=1e-12 + rounding)


@given(grads=gradients, lr=learning_rates, beta2=betas, eps=epsilons)
def test_without_correction_and_with_beta1_zero_it_is_rmsprop(grads, lr, beta2, eps):
    by_rmsprop = steps_taken(grads[:, np.newaxis], RMSprop(lr, beta2=beta2, eps=eps))[:, 0]
    rounding = 4 * np.finfo(float).eps * np.abs(np.cumsum(by_rmsprop)).max()  # as above
    np.testing.assert_allclose(adam_steps(grads, lr, 0.0, beta2, eps, bias_correction=False), by_rmsprop,
                               rtol=1e-9, atol=1e-12 + rounding)


@given(dw=st.floats(1e-3, 1e3), beta1=st.floats(0.0, 0.99), beta2=st.floats(0.5, 0.999))
def test_the_uncorrected_first_step_is_alpha_times_one_minus_beta1_over_the_root_of_one_minus_beta2(dw, beta1, beta2):
    (step,) = adam_steps([dw], lr=1.0, beta1=beta1, beta2=beta2, eps=1e-12, bias_correction=False)
    assert abs(step) == pytest.approx((1 - beta1) / math.sqrt(1 - beta2), rel=1e-6)


def test_on_a_constant_slope_the_corrected_steps_are_alpha_and_the_uncorrected_first_grow():
    corrected = adam_steps(np.full(60, 2.0), lr=0.01)
    np.testing.assert_allclose(corrected, -0.01, rtol=1e-6)
    uncorrected = np.abs(adam_steps(np.full(60, 2.0), lr=0.01, bias_correction=False)) / 0.01
    assert uncorrected[0] == pytest.approx(0.1 / math.sqrt(0.001), rel=1e-6)
    assert uncorrected.argmax() == 11 and uncorrected.max() == pytest.approx(6.56, abs=0.01)


@given(scale=st.floats(1e-6, 1e6), lr=learning_rates)
def test_adams_first_step_is_alpha_for_any_gradient_well_above_eps(scale, lr):
    ((step,),) = steps_taken([[scale]], Adam(lr))
    assert abs(step) == pytest.approx(lr * scale / (scale + 1e-8), rel=1e-9)
    assert abs(step) == pytest.approx(lr, rel=0.011)


def test_steps_taken_records_w_t_minus_w_t_minus_1_per_weight():
    grads = np.array([[1.0, -2.0], [3.0, 0.5], [-1.0, 1.0]])
    np.testing.assert_allclose(steps_taken(grads, GD(0.1)), -0.1 * grads)
    momentum = steps_taken(grads, Momentum(0.1, beta=0.5))
    np.testing.assert_allclose(momentum[:, 0], [-0.05, -0.175, -0.0375])  # v = 0.5, 1.75, 0.375


def test_steps_taken_leaves_its_gradients_alone():
    grads = np.ones((2, 3))
    steps_taken(grads, Adam(0.1))
    np.testing.assert_array_equal(grads, np.ones((2, 3)))


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match=r"grads must be a 1-D array, got 2-D array of shape \(1, 1\)"):
        adam_steps([[1.0]])
    with pytest.raises(ValueError, match=r"lr must be a finite number > 0, got 0"):
        adam_steps([1.0], lr=0)
    with pytest.raises(TypeError, match=r"bias_correction must be True or False, got 'yes'"):
        adam_steps([1.0], bias_correction="yes")
    with pytest.raises(ValueError, match=r"beta1 must be in \[0, 1\), got 1.0"):
        adam_steps([1.0], beta1=1.0)
    with pytest.raises(ValueError, match=r"grads must be a 2-D array, got 1-D array of shape \(2,\)"):
        steps_taken([1.0, 2.0], Adam(0.1))
    with pytest.raises(TypeError, match=r"optimizer must be a coursekit.optim optimizer .*got 'Adam'"):
        steps_taken([[1.0]], "Adam")
    used = Adam(0.1)
    steps_taken([[1.0]], used)
    with pytest.raises(ValueError, match=r"optimizer must be fresh \(t == 0\), got Adam\(.*after 1 steps"):
        steps_taken([[1.0]], used)
