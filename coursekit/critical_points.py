"""Critical points (``∇J = 0``): minimum, maximum or saddle, from the Hessian's eigenvalues (notebook 10)."""

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

    Reference: notebook 10.

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

    Reference: notebook 10.

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

    Reference: notebook 10.

    >>> round(log10_critical_point_odds(20000), 1)   # 2^-20000 is about 10^-6020.6
    -6020.6
    """
    return -_validate.positive_int(n_directions, "n_directions") * math.log10(2.0)


def goe(n: int, count: int = 1, seed: int = 0) -> np.ndarray:
    """Random symmetric matrices of the Gaussian orthogonal ensemble: ``H = (A + Aᵀ) / √2``, ``A`` standard normal.

    Off the diagonal ``H_ij ~ N(0, 1)``, on it ``H_ii ~ N(0, 2)``; the distribution does not change under
    any rotation, so no direction is special: the simplest model of a Hessian "at random".

    Args:
        n: the size ``n`` ≥ 1.  count: how many matrices, ≥ 1.  seed: seeds ``numpy.random.default_rng``.

    Returns:
        An array of shape ``(count, n, n)``.

    Reference: notebook 10.

    >>> H = goe(3, count=2)
    >>> H.shape, bool(np.allclose(H, H.transpose(0, 2, 1)))
    ((2, 3, 3), True)
    """
    n = _validate.positive_int(n, "n")
    count = _validate.positive_int(count, "count")
    _validate.budget((n, count), "(n, count)", memory=2 * 8 * count * n * n)  # A and H
    A = np.random.default_rng(_validate.non_negative_int(seed, "seed")).standard_normal((count, n, n))
    return (A + A.transpose(0, 2, 1)) / math.sqrt(2)


def goe_all_positive(n_max: int, count: int, seed: int = 0, chunk: int = 250_000) -> np.ndarray:
    """For n = 1..n_max, how many of ``count`` sampled n × n GOE matrices have every eigenvalue > 0.

    The leading ``k × k`` block of a GOE matrix is itself a GOE matrix, and a symmetric matrix has only
    positive eigenvalues exactly when every leading block has a positive determinant (Sylvester's
    criterion), that is when every pivot of its Cholesky factorisation ``H = L Lᵀ`` is positive. So the
    matrices are grown one row ``(b, c)`` at a time, with ``L y = b`` and the new pivot ``c − ‖y‖²``; only
    those still positive definite are kept, and one sample answers every n: hit ``k`` counts the matrices
    whose first ``k`` pivots are all > 0. Only elementwise arithmetic decides, so the count does not depend
    on the linear-algebra library. Each hit count divided by ``count`` estimates ``P(all n eigenvalues > 0)``
    (its uncertainty: :func:`rate_interval`).

    Args:
        n_max: the largest size, ≥ 1.  count: matrices sampled, ≥ 1.  seed: seeds the generator.
        chunk: matrices drawn at a time (bounds the memory), ≥ 1.

    Returns:
        An integer array of shape ``(n_max,)``; entry ``n − 1`` is the number of positive definite n × n ones.

    Reference: notebook 10; Dean & Majumdar (2006), "Large deviations of extreme eigenvalues of random
    matrices", Physical Review Letters 97, 160201 (the probability falls like ``exp(−(ln 3 / 4) n²)``).

    >>> hits = goe_all_positive(3, count=100_000)
    >>> [round(float(h) / 100_000, 2) for h in hits]
    [0.5, 0.15, 0.02]
    """
    n_max = _validate.positive_int(n_max, "n_max")
    count = _validate.positive_int(count, "count")
    chunk = _validate.positive_int(chunk, "chunk")
    # Beyond about 30 rows no sample is still positive definite (the chance falls like exp(−(ln 3 / 4) n²)).
    rows = min(n_max, 30)
    _validate.budget(count, "count", memory=8 * (n_max + min(chunk, count) * rows * rows),
                     operations=count * rows * rows + -(-count // chunk) * rows * rows * _validate.STEP_OPERATIONS)
    rng = np.random.default_rng(_validate.non_negative_int(seed, "seed"))
    hits = np.zeros(n_max, dtype=np.int64)
    for start in range(0, count, chunk):
        L = np.empty((min(chunk, count - start), 0, 0))  # Cholesky factors of the positive definite blocks
        for k in range(n_max):
            row = rng.standard_normal((len(L), k + 1))  # the new row (b, c) of each kept matrix
            row[:, k] *= math.sqrt(2)  # the diagonal of (A + Aᵀ) / √2 has variance 2
            y = np.empty((len(L), k))
            for i in range(k):  # forward substitution, L y = b
                y[:, i] = (row[:, i] - np.einsum("mj,mj->m", L[:, i, :i], y[:, :i])) / L[:, i, i]
            pivot = row[:, k] - np.einsum("mj,mj->m", y, y)
            kept = pivot > 0
            grown = np.zeros((int(kept.sum()), k + 1, k + 1))
            grown[:, :k, :k], grown[:, k, :k], grown[:, k, k] = L[kept], y[kept], np.sqrt(pivot[kept])
            L = grown
            hits[k] += len(L)
            if not len(L):
                break
    return hits


def rate_interval(hits: int, count: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval for a rate estimated as ``hits / count`` (95 % for ``z = 1.96``).

    With ``p̂ = hits / count`` and ``N = count``: centre ``(p̂ + z²/2N) / (1 + z²/N)``, half-width
    ``z / (1 + z²/N) · √(p̂ (1 − p̂) / N + z² / 4N²)``; unlike ``p̂ ± z √(p̂ (1 − p̂) / N)`` it stays
    inside [0, 1] and is right for a handful of hits, or none.

    Args:
        hits: the samples that hit, 0 ≤ hits ≤ count.  count: the samples, ≥ 1.  z: the normal quantile > 0.

    Returns:
        ``(low, high)``.

    Reference: notebook 10; E. B. Wilson (1927), "Probable inference, the law of succession, and
    statistical inference", Journal of the American Statistical Association 22(158), 209–212.

    >>> [round(x, 4) for x in rate_interval(50, 100)], round(rate_interval(0, 1000)[1], 4)
    ([0.4038, 0.5962], 0.0038)
    """
    count = _validate.positive_int(count, "count")
    hits = _validate.non_negative_int(hits, "hits")
    if hits > count:
        raise ValueError(f"hits must be at most count = {count}, got {hits}")
    z = _validate.positive(z, "z")
    p, shrink = hits / count, 1 + z**2 / count
    centre = (p + z**2 / (2 * count)) / shrink
    half = z / shrink * math.sqrt(p * (1 - p) / count + z**2 / (4 * count**2))
    return max(0.0, centre - half), min(1.0, centre + half)
