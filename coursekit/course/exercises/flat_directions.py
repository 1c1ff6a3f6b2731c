"""The second exercise of notebook 10: count a Hessian's flat directions, and the mistakes its check names.

At the linear autoencoder's global minimum the second-derivative test says "degenerate": the code
can be changed by any invertible p × p matrix A, W₁ → A W₁ and W₂ → W₂ A⁻¹, without changing W₂ W₁,
so the cost is flat along p² directions. The learner counts the zero eigenvalues with the notebook's
tolerance, |λ| ≤ 1e-8 · max(1, largest |λ|), the one of ``classify_critical_point``. The cases turn
chosen eigenvalues by seeded rotations (see :mod:`.nb10`), so that flat directions lie off the axes and
come out as tiny numbers of either sign; stiff Hessians (|λ| up to 1e10) and tiny ones (|λ| near 1e-9)
tell that tolerance from a fixed one, from one without the max(1, ·), and from numpy's rank.
"""

from __future__ import annotations

import numpy as np

from coursekit.course.exercises.machinery import Case, Exercise, Mistake

__all__ = ["FLAT_DIRECTIONS", "rotated", "zero_of"]


def rotated(*eigenvalues: float, seed: int) -> np.ndarray:
    """A symmetric matrix with the given eigenvalues, turned by a seeded rotation (no zero entries)."""
    q, _ = np.linalg.qr(np.random.default_rng(seed).standard_normal((len(eigenvalues),) * 2))
    h = q @ np.diag(eigenvalues) @ q.T
    return (h + h.T) / 2


def zero_of(values) -> float:
    """The notebook's zero for the eigenvalues ``values``: 1e-8 · max(1, largest |λ|)."""
    return 1e-8 * max(1.0, float(np.abs(values).max()))


def _flat_directions(hessian) -> int:
    """The number of eigenvalues λ of the symmetric ``hessian`` with |λ| ≤ 1e-8 · max(1, max |λ|)."""
    values = np.linalg.eigvalsh(hessian)
    return int(np.sum(np.abs(values) <= zero_of(values)))


def _counted_below(zero_of_values):
    """The count with λ taken as 0 when ``|λ| ≤ zero_of_values(eigenvalues)``."""

    def count(hessian) -> int:
        values = np.linalg.eigvalsh(hessian)
        return int(np.sum(np.abs(values) <= zero_of_values(values)))

    return count


def _sign_forgotten(hessian) -> int:
    values = np.linalg.eigvalsh(hessian)
    return int(np.sum(values <= zero_of(values)))


def _curving_counted(hessian) -> int:
    return len(hessian) - _flat_directions(hessian)


def _by_numpys_rank(hessian) -> int:
    return len(hessian) - int(np.linalg.matrix_rank(hessian))


def _zero_diagonal(hessian) -> int:
    diagonal = np.diag(hessian)
    return int(np.sum(np.abs(diagonal) <= zero_of(diagonal)))


def _a_yes_or_no(args, result) -> bool:
    return isinstance(result, (bool, np.bool_))


FLAT_DIRECTIONS = Exercise(
    name="flat_directions",
    notebook="10",
    args=("hessian",),
    returns=("count",),
    description="The number of flat directions of a symmetric Hessian: how many of its eigenvalues are 0, counting "
    "λ as 0 when |λ| ≤ 1e-8 · max(1, largest |λ|), as classify_critical_point does. Return a whole number.",
    hints=(
        "A flat direction is one along which the cost does not curve: an eigenvector whose eigenvalue is zero.",
        "Computed eigenvalues are never exactly zero: use the tolerance of classify_critical_point, scaled to the "
        "largest |λ| but never below 1e-8.",
        "Count the eigenvalues whose size is within that tolerance, whatever their sign; the count is a whole "
        "number, not the eigenvalues themselves.",
    ),
    reference=_flat_directions,
    cases=(
        Case("a flat direction along an axis", (np.array([[2.0, 0.0], [0.0, 0.0]]),)),
        Case("a flat direction off the axes", (rotated(2.0, 0.0, seed=21),)),
        Case("no flat direction", (rotated(1.0, 2.0, 3.0, 4.0, 5.0, seed=22),)),
        Case("up, down and flat at once", (rotated(3.0, -1.0, 0.0, seed=23),)),
        Case("three flat directions among six", (rotated(4.0, 3.0, 2.0, 0.0, 0.0, 0.0, seed=24),)),
        Case("down and flat, nothing up", (rotated(-2.0, -1.0, 0.0, 0.0, seed=25),)),
        Case("stiff: |λ| up to 1e10, and two flat directions", (rotated(1e10, 3e9, 0.0, 0.0, seed=26),)),
        Case("stiff: a curvature of 50 is flat beside one of 1e10", (rotated(1e10, 50.0, seed=27),)),
        Case("tiny curvatures near 1e-9, all flat", (rotated(2e-9, 1e-9, -1e-9, seed=28),)),
        Case("the identity: a positive diagonal and nothing flat", (np.eye(3),)),
    ),
    mistakes=(
        Mistake(
            "a yes or no instead of a count",
            "the question is how many directions are flat, not whether one is: return the number of eigenvalues "
            "counted as 0.",
            spot=_a_yes_or_no,
        ),
        Mistake(
            "eigenvalues compared with 0 exactly",
            "a flat direction that is not along an axis comes out of numpy as a tiny number like 1e-16, of either "
            "sign, and almost never as 0: compare |λ| with the tolerance 1e-8 · max(1, largest |λ|).",
            wrong=_counted_below(lambda values: 0.0),
        ),
        Mistake(
            "a fixed tolerance, not scaled to the largest |λ|",
            "the rounding errors of computed eigenvalues grow with the Hessian: beside |λ| near 1e10 a flat direction "
            "comes out as 1e-6 or so, and a curvature of 50 is flat by comparison. Scale the tolerance to the largest "
            "|λ|: 1e-8 · max(1, largest |λ|).",
            wrong=_counted_below(lambda values: 1e-8),
        ),
        Mistake(
            "tolerance without the max(1, ·)",
            "1e-8 · largest |λ| alone shrinks with the curvatures: when every |λ| is near 1e-9 nothing counts as "
            "flat. The max(1, ·) keeps the tolerance at 1e-8 or more.",
            wrong=_counted_below(lambda values: 1e-8 * np.abs(values).max()),
        ),
        Mistake(
            "the directions that curve down counted as flat",
            "a flat direction has |λ| within the tolerance, whatever its sign; λ at most the tolerance also takes "
            "in every negative eigenvalue, the directions that curve down.",
            wrong=_sign_forgotten,
        ),
        Mistake(
            "the directions that curve counted",
            "that is the number of eigenvalues that are not 0, the rank of the Hessian; the flat directions are "
            "the others, those with |λ| within the tolerance.",
            wrong=_curving_counted,
        ),
        Mistake(
            "the size minus numpy's rank",
            "the rank's own tolerance is made for rounding errors of the order of 1e-16 times the largest |λ|, not "
            "for the notebook's 1e-8 · max(1, largest |λ|): on tiny or stiff Hessians the two counts differ. Count "
            "the eigenvalues within the notebook's tolerance.",
            wrong=_by_numpys_rank,
        ),
        Mistake(
            "diagonal entries instead of eigenvalues",
            "the diagonal holds the curvatures along the axes only; a flat direction off the axes leaves no zero "
            "on the diagonal. Use the eigenvalues, which see every direction.",
            wrong=_zero_diagonal,
        ),
    ),
    tolerance="exact count",
)
