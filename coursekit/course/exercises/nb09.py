"""The exercise of notebook 09 (local optima): name a critical point from its Hessian, and its known mistakes.

The cases turn chosen eigenvalues by a rotation, each case with its own seed, so that no entry is zero and
a flat direction can lie off the axes, where computed eigenvalues are tiny numbers rather than 0.
"""

from __future__ import annotations

import numpy as np

from coursekit import critical_points
from coursekit.course.exercises.machinery import Case, Exercise, Mistake

__all__ = ["CLASSIFY_CRITICAL_POINT", "EXERCISES"]


def _named_by_signs(values) -> str:
    """The critical point's name from the signs of the curvatures ``values`` (for the wrong answers)."""
    values = np.asarray(values)
    if (values > 0).any() and (values < 0).any():
        return "saddle"
    if (values == 0).any():
        return "degenerate"
    return "minimum" if (values > 0).all() else "maximum"


def _by_determinant_and_trace(hessian) -> str:
    determinant, trace = np.linalg.det(hessian), np.trace(hessian)
    if abs(determinant) < 1e-12:
        return "degenerate"
    if determinant < 0:
        return "saddle"
    return "minimum" if trace > 0 else "maximum"


def _min_max_swapped(hessian) -> str:
    name = _named_by_signs(np.linalg.eigvalsh(hessian))
    return {"minimum": "maximum", "maximum": "minimum"}.get(name, name)


def _by_exact_signs(hessian) -> str:
    """Eigenvalues compared with 0 exactly: a flat direction off the axes comes out as ±1e-16, not 0."""
    return _named_by_signs(np.linalg.eigvalsh(hessian))


def _zero(values) -> float:
    return 1e-8 * max(1.0, float(np.abs(values).max()))


def _flat_checked_first(hessian) -> str:
    """A zero eigenvalue answers 'degenerate' before the signs are looked at."""
    values = np.linalg.eigvalsh(hessian)
    if (np.abs(values) <= _zero(values)).any():
        return "degenerate"
    return _named_by_signs(values)


def _flat_counted_as_curving(hessian) -> str:
    """Non-strict tests: 'all ≥ 0' gives a minimum and 'all ≤ 0' a maximum, even with flat directions."""
    values = np.linalg.eigvalsh(hessian)
    zero = _zero(values)
    if (values > zero).any() and (values < -zero).any():
        return "saddle"
    return "minimum" if (values >= -zero).all() else "maximum"


def _rotated(*eigenvalues: float, seed: int) -> np.ndarray:
    """A symmetric matrix with the given eigenvalues, turned by a seeded rotation (no zero entries)."""
    q, _ = np.linalg.qr(np.random.default_rng(seed).standard_normal((len(eigenvalues),) * 2))
    h = q @ np.diag(eigenvalues) @ q.T
    return (h + h.T) / 2


CLASSIFY_CRITICAL_POINT = Exercise(
    name="classify_critical_point",
    notebook="09",
    args=("hessian",),
    returns=("kind",),
    description="Name a critical point from its Hessian's eigenvalues: 'saddle' if some are > 0 and some < 0 (whatever "
    "the others); otherwise 'minimum' if all are > 0, 'maximum' if all are < 0, and 'degenerate' if some is 0. "
    "Computed eigenvalues are never exactly 0: count λ as 0 when |λ| ≤ 1e-8 · max(1, largest |λ|).",
    hints=(
        "The Hessian's eigenvalues are the curvatures along its principal directions.",
        "numpy computes the eigenvalues of a symmetric matrix with np.linalg.eigvalsh.",
        "Signs first: one direction up and one down make a saddle, flat directions or not. Otherwise all positive "
        "is a minimum, all negative a maximum, and a (near-)zero among them leaves the test undecided.",
    ),
    reference=critical_points.classify_critical_point,
    cases=(
        Case("2 × 2, positive diagonal, yet a saddle", (np.array([[1.0, 2.0], [2.0, 1.0]]),)),
        Case("2 × 2 minimum", (np.array([[2.0, 0.5], [0.5, 1.0]]),)),
        Case("3 × 3 saddle with positive determinant and trace", (_rotated(-1.0, -1.0, 5.0, seed=1),)),
        Case("3 × 3 maximum", (_rotated(-1.0, -2.0, -3.0, seed=2),)),
        Case("a flat direction", (np.array([[2.0, 0.0], [0.0, 0.0]]),)),
        Case("20 directions, one curving down", (_rotated(*np.arange(1.0, 20.0), -0.5, seed=3),)),
        Case("20 directions, all curving up", (_rotated(*np.arange(1.0, 21.0), seed=4),)),
        Case("a flat direction off the axes", (_rotated(2.0, 0.0, seed=5),)),
        Case("up, down and flat at once", (_rotated(3.0, -1.0, 0.0, seed=6),)),
        Case("down and flat, nothing up", (_rotated(-2.0, -1.0, 0.0, seed=7),)),
    ),
    mistakes=(
        Mistake(
            "eigenvalues compared with 0 exactly",
            "a flat direction that is not along an axis comes out of eigvalsh as a tiny number like 1e-16, of "
            "either sign: compare |λ| with a small tolerance, 1e-8 · max(1, largest |λ|).",
            wrong=_by_exact_signs,
        ),
        Mistake(
            "flat directions checked before the signs",
            "a direction curving up and another curving down make a saddle whatever the flat ones do: test for "
            "both signs first, and only then for a zero eigenvalue.",
            wrong=_flat_checked_first,
        ),
        Mistake(
            "flat directions counted as curving",
            "a minimum needs every eigenvalue > 0 and a maximum every one < 0; with a zero among them (and no "
            "saddle) the second-derivative test cannot decide: 'degenerate'.",
            wrong=_flat_counted_as_curving,
        ),
        Mistake(
            "determinant and trace test",
            "det > 0 with trace > 0 means a minimum only for 2 × 2 Hessians; in n dimensions two negative "
            "eigenvalues can hide in a positive determinant. Look at every eigenvalue.",
            wrong=_by_determinant_and_trace,
        ),
        Mistake(
            "diagonal entries instead of eigenvalues",
            "the diagonal holds the curvatures along the axes only; a saddle can have a positive diagonal. "
            "Use the eigenvalues (np.linalg.eigvalsh).",
            wrong=lambda hessian: _named_by_signs(np.diag(hessian)),
        ),
        Mistake(
            "minimum and maximum swapped",
            "positive curvature in every direction (all eigenvalues > 0) is a valley floor: a minimum.",
            wrong=_min_max_swapped,
        ),
    ),
    tolerance="exact match of the name",
)


#: The exercises of notebook 09, in the order the notebook asks them.
EXERCISES = (CLASSIFY_CRITICAL_POINT,)
