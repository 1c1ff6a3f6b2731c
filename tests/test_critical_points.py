"""Tests of coursekit.critical_points: the second-derivative test in n dimensions and the coin-flip odds."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursekit.critical_points import classify_critical_point, critical_point_odds, log10_critical_point_odds


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
