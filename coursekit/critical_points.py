"""Critical points (``∇J = 0``): minimum, maximum or saddle, from the Hessian's eigenvalues (notebook 09)."""

from __future__ import annotations

import math

import numpy as np

from coursekit import _validate

def classify_critical_point(hessian, tol: float = 1e-8) -> str:
    """Name a critical point (``∇J = 0``) from the eigenvalues ``λᵢ`` of its Hessian.

    ``"minimum"`` if all ``λᵢ > 0``; ``"maximum"`` if all ``λᵢ < 0``; ``"saddle"`` if some are > 0 and
    some < 0; otherwise ``"degenerate"`` (some ``λᵢ ≈ 0`` and the second-derivative test is
    inconclusive). An eigenvalue counts as zero when ``|λᵢ| ≤ tol · max(1, maxⱼ |λⱼ|)``.

    Args:
        hessian: ``H``, a finite, symmetric n × n array-like (n ≥ 1; symmetry checked to ``tol`` likewise).
        tol: the relative tolerance ``tol`` > 0.

    Returns:
        One of ``"minimum"``, ``"maximum"``, ``"saddle"``, ``"degenerate"``.

    Reference: notebook 09.

    >>> from coursekit.surfaces import saddle
    >>> classify_critical_point(saddle().hessian([0.0, 0.0]))
    'saddle'
    """
    h = _validate.array(hessian, "hessian", ndim=2)
    tol = _validate.positive(tol, "tol")
    if h.shape[0] != h.shape[1] or h.size == 0:
        raise ValueError(f"hessian must be a non-empty square n x n array, got shape {h.shape}")
    scale = max(1.0, float(np.abs(h).max()))
    if np.abs(h - h.T).max() > tol * scale:
        raise ValueError(f"hessian must be symmetric, got max |H - H.T| = {np.abs(h - h.T).max():.3g} > tol = {tol:g}")
    eigenvalues = np.linalg.eigvalsh(h)
    zero = tol * max(1.0, float(np.abs(eigenvalues).max()))
    up, down = bool(np.any(eigenvalues > zero)), bool(np.any(eigenvalues < -zero))
    if up and down:
        return "saddle"
    if np.any(np.abs(eigenvalues) <= zero):
        return "degenerate"
    return "minimum" if up else "maximum"


def critical_point_odds(n_directions: int) -> float:
    """The chance that ``n`` independent coin-flip directions all curve upward: ``2^(−n)``.

    Underflows to ``0.0`` beyond n = 1074; use :func:`log10_critical_point_odds` for large ``n``.

    Args:
        n_directions: ``n`` ≥ 1, the number of parameters (directions) at the critical point.

    Returns:
        ``2^(−n)`` as a float.

    Reference: notebook 09.

    >>> critical_point_odds(2), critical_point_odds(20000)
    (0.25, 0.0)
    """
    return math.ldexp(1.0, -_validate.positive_int(n_directions, "n_directions"))


def log10_critical_point_odds(n_directions: int) -> float:
    """The odds of :func:`critical_point_odds` as a power of ten, without underflow.

    ``log₁₀ 2^(−n) = −n log₁₀ 2``

    Args:
        n_directions: ``n`` ≥ 1.

    Returns:
        ``−n log₁₀ 2`` as a float.

    Reference: notebook 09.

    >>> round(log10_critical_point_odds(20000), 1)   # 2^-20000 is about 10^-6020.6
    -6020.6
    """
    return -_validate.positive_int(n_directions, "n_directions") * math.log10(2.0)
