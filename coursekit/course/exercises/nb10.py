"""The exercises of notebook 10 (local optima): name a critical point from its Hessian, and its known mistakes;
then count the flat directions of a degenerate one (:mod:`.flat_directions`).

The cases turn chosen eigenvalues by a rotation, each case with its own seed, so that no entry is zero and
a flat direction can lie off the axes, where computed eigenvalues are tiny numbers rather than 0. Stiff
Hessians (|λ| up to 1e10) and tiny ones (|λ| near 1e-9) tell the notebook's tolerance, 1e-8 · max(1, largest
|λ|), from a fixed one and from one without the max(1, ·): for |λ| between 2 and 20 all three agree.
"""

from __future__ import annotations

import numpy as np

from coursekit import critical_points
from coursekit.course.exercises.flat_directions import FLAT_DIRECTIONS
from coursekit.course.exercises.flat_directions import rotated as _rotated
from coursekit.course.exercises.flat_directions import zero_of as _zero
from coursekit.course.exercises.machinery import Case, Exercise, Mistake

__all__ = ["CLASSIFY_CRITICAL_POINT", "EXERCISES", "FLAT_DIRECTIONS"]


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


def _with_zero(zero_of):
    """The lecture's test with an eigenvalue counted as 0 when ``|λ| ≤ zero_of(eigenvalues)``."""

    def classify(hessian) -> str:
        values = np.linalg.eigvalsh(hessian)
        zero = zero_of(values)
        up, down = (values > zero).any(), (values < -zero).any()
        if up and down:
            return "saddle"
        if (np.abs(values) <= zero).any():
            return "degenerate"
        return "minimum" if up else "maximum"

    return classify


def _flat_called_saddle(hessian) -> str:
    values = np.linalg.eigvalsh(hessian)
    zero = _zero(values)
    if (values > zero).all():
        return "minimum"
    return "maximum" if (values < -zero).all() else "saddle"


def _saddle_if_any_down(hessian) -> str:
    values = np.linalg.eigvalsh(hessian)
    zero = _zero(values)
    if (values < -zero).any():
        return "saddle"
    return "degenerate" if (np.abs(values) <= zero).any() else "minimum"


_KINDS = ("minimum", "maximum", "saddle", "degenerate")


def _another_name(args, result) -> bool:
    """A name that means one of the four but is spelled otherwise ('Saddle', 'saddle point', 'local minimum')."""
    if not isinstance(result, str) or result in _KINDS:
        return False
    words = result.lower().replace("_", " ").replace("-", " ").split()
    return any(kind.startswith(word) and len(word) >= 3 for word in words for kind in _KINDS)


CLASSIFY_CRITICAL_POINT = Exercise(
    name="classify_critical_point",
    notebook="10",
    args=("hessian",),
    returns=("kind",),
    description="Name a critical point from its Hessian's eigenvalues: 'saddle' if some are > 0 and some < 0 (whatever "
    "the others); otherwise 'minimum' if all are > 0, 'maximum' if all are < 0, and 'degenerate' if some is 0. "
    "Computed eigenvalues are never exactly 0: count λ as 0 when |λ| ≤ 1e-8 · max(1, largest |λ|).",
    hints=(
        "The Hessian's eigenvalues are the curvatures along its principal directions.",
        "numpy computes the eigenvalues of a symmetric matrix for you: the text of the exercise names the function.",
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
        Case("stiff: |λ| up to 1e10, and a flat direction off the axes", (_rotated(1e10, 3e9, 0.0, seed=8),)),
        Case("stiff: a curvature of 50 is flat beside one of 1e10", (_rotated(1e10, 50.0, seed=9),)),
        Case("tiny curvatures near 1e-9, all up", (_rotated(2e-9, 1e-9, seed=10),)),
        Case("tiny curvatures near 1e-9, up and down", (_rotated(1e-9, -2e-9, seed=11),)),
    ),
    mistakes=(
        Mistake(
            "a fixed tolerance, not scaled to the largest |λ|",
            "the rounding errors of computed eigenvalues grow with the size of the Hessian: beside |λ| near 1e10 a "
            "flat direction comes out as 1e-7 or so. Count λ as 0 when |λ| ≤ 1e-8 · max(1, largest |λ|), not below "
            "a fixed number.",
            wrong=_with_zero(lambda values: 1e-8),
        ),
        Mistake(
            "tolerance without the max(1, ·)",
            "1e-8 · largest |λ| alone shrinks with the curvatures: when every |λ| is near 1e-9 nothing counts as flat. "
            "The max(1, ·) keeps the tolerance at 1e-8 or more: |λ| ≤ 1e-8 · max(1, largest |λ|).",
            wrong=_with_zero(lambda values: 1e-8 * np.abs(values).max()),
        ),
        Mistake(
            "a name other than the four",
            "return exactly one of the four names, in lower case: 'minimum', 'maximum', 'saddle' or 'degenerate'.",
            spot=_another_name,
        ),
        Mistake(
            "flat directions called a saddle",
            "a saddle needs one direction curving up and another curving down; with a zero eigenvalue and no such "
            "pair the second-derivative test cannot decide: 'degenerate'.",
            wrong=_flat_called_saddle,
        ),
        Mistake(
            "a saddle whenever some λ < 0",
            "a saddle needs curvature of both signs: with every eigenvalue below 0 the point is a maximum (every "
            "direction curves down).",
            wrong=_saddle_if_any_down,
        ),
        Mistake(
            "eigenvalues compared with 0 exactly",
            "a flat direction that is not along an axis comes out of numpy as a tiny number like 1e-16, of "
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
            "Use the eigenvalues, which see every direction.",
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


#: The exercises of notebook 10, in the order the notebook asks them.
EXERCISES = (CLASSIFY_CRITICAL_POINT, FLAT_DIRECTIONS)
