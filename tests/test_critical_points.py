"""Tests of coursekit.critical_points: the second-derivative test in n dimensions and the coin-flip odds."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursekit.critical_points import (classify_critical_point, critical_point_odds, goe, goe_all_positive,
                                       log10_critical_point_odds)


# ---- analytic derivatives -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "eigenvalues, expected",
    [
        ([2.0, 0.5], "minimum"),
        ([-2.0, -0.5], "maximum"),
        ([2.0, -0.5], "saddle"),
        ([2.0, 0.0], "degenerate"),
        ([-1.0, 1e-12], "degenerate"),
        ([3.0, 1.0, 0.5, 2.0, 7.0], "minimum"),
        ([-3.0, -1.0, -0.5, -2.0, -7.0], "maximum"),
        ([3.0, 1.0, -0.5, 2.0, 7.0], "saddle"),
        ([3.0, 0.0, -0.5, 2.0, 7.0], "saddle"),  # both signs: a saddle whatever the zero direction does
        ([3.0, 0.0, 0.5, 2.0, 7.0], "degenerate"),
        ([0.0, 0.0, 0.0], "degenerate"),
    ],
)
def test_classify_critical_point_from_rotated_eigenvalues(eigenvalues, expected):
    n = len(eigenvalues)
    q, _ = np.linalg.qr(np.random.default_rng(n).normal(size=(n, n)))
    hessian = q @ np.diag(eigenvalues) @ q.T
    assert classify_critical_point((hessian + hessian.T) / 2) == expected


def test_classify_critical_point_tolerance_is_relative_to_the_largest_eigenvalue():
    assert classify_critical_point(np.diag([1e6, 0.1]), tol=1e-8) == "minimum"  # |λ| ≤ 0.01 counts as zero
    assert classify_critical_point(np.diag([1e6, 0.1]), tol=1e-6) == "degenerate"  # |λ| ≤ 1 counts as zero
    assert classify_critical_point(np.diag([1e-3, 1e-9]), tol=1e-8) == "degenerate"  # floor: |λ| ≤ 1e-8


def test_classify_refuses_a_non_square_hessian():
    with pytest.raises(ValueError, match=r"hessian must be a non-empty square n x n array, got shape \(2, 3\)"):
        classify_critical_point(np.zeros((2, 3)))


def test_classify_refuses_an_empty_hessian():
    with pytest.raises(ValueError, match=r"hessian must be a non-empty square n x n array, got shape \(0, 0\)"):
        classify_critical_point(np.zeros((0, 0)))


def test_classify_refuses_an_asymmetric_hessian():
    with pytest.raises(ValueError, match=r"hessian must be symmetric, got max \|H - H.T\| = 1 > tol = 1e-08"):
        classify_critical_point([[1.0, 1.0], [0.0, 1.0]])


def test_classify_refuses_a_nan_hessian():
    with pytest.raises(ValueError, match=r"hessian must be finite, got 1 NaN or inf value\(s\)"):
        classify_critical_point([[1.0, np.nan], [0.0, 1.0]])


def test_classify_refuses_a_hessian_of_wrong_rank():
    with pytest.raises(ValueError, match=r"hessian must be a 2-D array, got 1-D array of shape \(2,\)"):
        classify_critical_point([1.0, 2.0])


def test_classify_refuses_a_bad_tolerance():
    with pytest.raises(ValueError, match=r"tol must be a finite number > 0, got 0"):
        classify_critical_point(np.eye(2), tol=0)


def test_critical_point_odds_small_and_huge():
    assert [critical_point_odds(n) for n in (1, 2, 10)] == [0.5, 0.25, 1 / 1024]
    assert critical_point_odds(20000) == 0.0  # underflows: use the log10 form
    assert log10_critical_point_odds(20000) == pytest.approx(-20000 * math.log10(2), rel=1e-15)


@given(n=st.integers(1, 1000))
def test_log10_odds_agree_with_the_odds(n):
    assert log10_critical_point_odds(n) == pytest.approx(math.log10(critical_point_odds(n)), rel=1e-12)


def test_critical_point_odds_refuses_zero_directions():
    with pytest.raises(ValueError, match=r"n_directions must be an integer >= 1, got 0"):
        critical_point_odds(0)


def test_log10_odds_refuses_a_float():
    with pytest.raises(TypeError, match=r"n_directions must be an integer >= 1, got 3.0 of type float"):
        log10_critical_point_odds(3.0)


# ---- random symmetric matrices ------------------------------------------------------------------


def test_goe_matrices_are_symmetric_with_the_goe_variances():
    H = goe(4, count=50_000, seed=1)
    np.testing.assert_array_equal(H, H.transpose(0, 2, 1))
    assert np.var(H[:, 0, 1]) == pytest.approx(1.0, rel=0.03)
    assert np.var(H[:, 2, 2]) == pytest.approx(2.0, rel=0.03)
    assert abs(H.mean()) < 0.01


def test_goe_all_positive_agrees_with_counting_eigenvalues_of_fresh_samples():
    """The nested count (leading determinants, grown matrices) against the plain count on other samples."""
    count = 200_000
    nested = goe_all_positive(4, count=count, seed=2) / count
    for n in (1, 2, 3, 4):
        direct = np.mean(np.linalg.eigvalsh(goe(n, count=count, seed=10 + n))[:, 0] > 0)
        standard_error = np.sqrt(direct * (1 - direct) / count)
        assert abs(nested[n - 1] - direct) < 5 * standard_error * np.sqrt(2)
    assert nested[1] == pytest.approx((1 - 1 / math.sqrt(2)) / 2, abs=0.003)  # exact for 2 x 2: 0.1464


def test_goe_all_positive_counts_fall_with_n_and_repeat_with_the_seed():
    hits = goe_all_positive(5, count=30_000, seed=3)
    assert all(b <= a for a, b in zip(hits, hits[1:]))
    np.testing.assert_array_equal(goe_all_positive(3, count=1000, seed=4), goe_all_positive(3, count=1000, seed=4))
    chunked = goe_all_positive(3, count=1000, seed=4, chunk=300)  # four chunks of 300, 300, 300 and 100
    assert chunked.shape == (3,) and 400 < chunked[0] < 600


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: goe(0), r"n must be an integer >= 1, got 0"),
        (lambda: goe(2, count=0),
         r"count must be an integer >= 1, got 0"),
        (lambda: goe_all_positive(0, 10),
         r"n_max must be an integer >= 1, got 0"),
        (lambda: goe_all_positive(2, 10, chunk=0),
         r"chunk must be an integer >= 1, got 0"),
    ],
)
def test_goe_functions_refuse_bad_sizes(call, message):
    with pytest.raises(ValueError, match=message):
        call()
