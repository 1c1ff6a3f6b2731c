"""The check of notebook 10's second exercise, flat_directions: each wrong count as a learner writes it fails with
its own mistake named, right counts written otherwise pass, and the cases agree with the autoencoder's p² flat
directions at its global minimum."""

import numpy as np
import pytest

from coursekit.course.exercises import evaluate, reference
from coursekit.experiments import saddles


def _eigenvalues(hessian):
    return np.linalg.eigvalsh(hessian)


def _exactly_zero(hessian):
    return int(np.sum(_eigenvalues(hessian) == 0))


def _fixed_tolerance(hessian):
    return int(np.sum(np.abs(_eigenvalues(hessian)) < 1e-8))


def _without_the_max(hessian):
    values = _eigenvalues(hessian)
    return int(np.count_nonzero(np.abs(values) <= 1e-8 * np.abs(values).max()))


def _below_the_tolerance(hessian):
    values = _eigenvalues(hessian)
    return int(np.sum(values <= 1e-8 * max(1.0, np.abs(values).max())))


def _curving(hessian):
    values = _eigenvalues(hessian)
    return int(np.sum(np.abs(values) > 1e-8 * max(1.0, np.abs(values).max())))


def _numpys_rank(hessian):
    return hessian.shape[0] - np.linalg.matrix_rank(hessian)


def _diagonal(hessian):
    d = np.diag(hessian)
    return sum(1 for x in d if abs(x) <= 1e-8 * max(1.0, np.abs(d).max()))


def _any_flat(hessian):
    values = _eigenvalues(hessian)
    return bool(np.any(np.abs(values) <= 1e-8 * max(1.0, np.abs(values).max())))


WRONG = [
    ("eigenvalues compared with 0 exactly", _exactly_zero),
    ("a fixed tolerance, not scaled to the largest |λ|", _fixed_tolerance),
    ("tolerance without the max(1, ·)", _without_the_max),
    ("the directions that curve down counted as flat", _below_the_tolerance),
    ("the directions that curve counted", _curving),
    ("the size minus numpy's rank", _numpys_rank),
    ("diagonal entries instead of eigenvalues", _diagonal),
    ("a yes or no instead of a count", _any_flat),
]


def _sorted_count(hessian):
    values = np.sort(np.abs(np.linalg.eigvalsh(hessian)))
    return int(np.searchsorted(values, 1e-8 * max(1.0, values[-1]), side="right"))


def _by_loop(hessian):
    values = list(np.linalg.eigvals(np.asarray(hessian, dtype=float)).real)
    zero = 1e-8 * max([1.0] + [abs(v) for v in values])
    count = 0
    for v in values:
        if -zero <= v <= zero:
            count += 1
    return count


RIGHT = [_sorted_count, _by_loop, lambda h: np.int64(_sorted_count(h))]


def test_unfinished_and_malformed_answers_are_told_so():
    def unfinished(hessian):
        raise NotImplementedError

    assert "not implemented yet" in evaluate("flat_directions", unfinished).message
    assert "returned None" in evaluate("flat_directions", lambda hessian: None).message


@pytest.mark.parametrize("p", [1, 2, 3])


def test_the_autoencoders_minimum_has_p_squared_flat_directions_and_exact_zeros_miss_them(p):
    """Notebook 10: 'the count is p² at every p' — the dimension of the invertible p × p matrices A."""
    pixels = saddles.pooled_digits(side=4)
    vectors = np.linalg.eigh(pixels @ pixels.T / pixels.shape[1])[1][:, ::-1][:, :p]
    A = np.eye(p) + 0.3 * np.arange(p * p).reshape(p, p) / p**2  # another member of the family: A W₁, W₂ A⁻¹
    for W1, W2 in ((vectors.T, vectors), (A @ vectors.T, vectors @ np.linalg.inv(A))):
        hessian = saddles.autoencoder_hessian(pixels, W1, W2)
        assert reference("flat_directions")(hessian) == p * p
        assert _exactly_zero(hessian) < p * p, "the flat directions come out as tiny numbers, not 0"
