"""The critical points of a linear autoencoder, all known in closed form: one minimum, the rest saddles (notebook 10).

A linear autoencoder squeezes ``n`` inputs through ``p < n`` hidden units and back, ``x̂ = W2 W1 x``, with
the cost ``J = 1/(2m) ‖X − W2 W1 X‖²`` (Frobenius norm). Baldi & Hornik (1989) showed that its critical
points (with ``W1`` of full rank) are the projections onto ``p`` of the eigenvectors ``u_i`` of the data's
covariance ``Σ = X Xᵀ / m``: ``W1 = U_Iᵀ``, ``W2 = U_I`` for a subset ``I`` of ``p`` indices (up to an
invertible ``C``: ``W1 = C U_Iᵀ``, ``W2 = U_I C⁻¹``). Keeping the ``p`` largest eigenvalues is the only
minimum; every other subset is a saddle, whose Hessian has one negative eigenvalue for each pair ``(i, j)``
with ``i`` kept, ``j`` left out and ``λ_j > λ_i``. The cost there is ``½ Σ_{j ∉ I} λ_j``: the more such
pairs, the higher the cost — the picture of Dauphin et al. (2014) in a case that can be solved exactly.
"""

from __future__ import annotations

import itertools
import math
from typing import NamedTuple

import numpy as np

from coursekit import _validate
from coursekit.data import load_digits
from coursekit.optim import Optimizer, check_fresh


def pooled_digits(side: int = 4) -> np.ndarray:
    """The 1,438 training digits averaged down to ``side × side`` pixels, centred: columns of ``side²`` numbers.

    Each 8 × 8 image is cut into ``side × side`` blocks whose pixels are averaged; then each pixel's mean over
    the examples is subtracted (a linear autoencoder has no bias).

    Args:
        side: 1, 2, 4 or 8 (a divisor of 8).

    Returns:
        ``X`` of shape ``(side², 1438)`` with rows of mean zero.

    Reference: notebook 10.

    >>> X = pooled_digits(4)
    >>> X.shape, bool(np.abs(X.mean(axis=1)).max() < 1e-12)
    ((16, 1438), True)
    """
    side = _validate.positive_int(side, "side")
    if 8 % side:
        raise ValueError(f"side must divide 8 (1, 2, 4 or 8), got {side}")
    X = load_digits().X_train
    block = 8 // side
    X = X.reshape(side, block, side, block, -1).mean(axis=(1, 3)).reshape(side * side, -1)
    return X - X.mean(axis=1, keepdims=True)


def _sigma(X) -> np.ndarray:
    X = _validate.not_empty(_validate.array(X, "X", ndim=2), "X")
    return X @ X.T / X.shape[1]


def _checked_weights(W1, W2, n: int) -> tuple[np.ndarray, np.ndarray]:
    W1 = _validate.array(W1, "W1", ndim=2)
    W2 = _validate.array(W2, "W2", ndim=2)
    if W1.shape[1] != n or W2.shape != (n, W1.shape[0]):
        raise ValueError(f"W1 must have shape (p, {n}) and W2 shape ({n}, p), got {W1.shape} and {W2.shape}")
    return W1, W2


def _cost_and_grads(sigma: np.ndarray, W1: np.ndarray, W2: np.ndarray) -> tuple[float, dict[str, np.ndarray]]:
    R = np.eye(len(sigma)) - W2 @ W1
    return float(np.trace(R @ sigma @ R.T) / 2), {"W1": -W2.T @ R @ sigma, "W2": -R @ sigma @ W1.T}


def autoencoder_cost(X, W1, W2) -> float:
    """``J = 1/(2m) ‖X − W2 W1 X‖² = ½ tr((I − W2 W1) Σ (I − W2 W1)ᵀ)`` with ``Σ = X Xᵀ / m``.

    Args:
        X: the data, ``(n, m)``.  W1: the encoder, ``(p, n)``.  W2: the decoder, ``(n, p)``.

    Returns:
        ``J`` as a float.

    Reference: notebook 10.

    >>> X = np.array([[1.0, -1.0], [0.0, 0.0]])
    >>> autoencoder_cost(X, np.zeros((1, 2)), np.zeros((2, 1))), autoencoder_cost(X, [[1.0, 0.0]], [[1.0], [0.0]])
    (0.5, 0.0)
    """
    sigma = _sigma(X)
    return _cost_and_grads(sigma, *_checked_weights(W1, W2, len(sigma)))[0]


def autoencoder_grads(X, W1, W2) -> dict[str, np.ndarray]:
    """The gradients of :func:`autoencoder_cost`: ``dW1 = −W2ᵀ R Σ``, ``dW2 = −R Σ W1ᵀ`` with ``R = I − W2 W1``.

    Returns:
        ``{"W1": dW1, "W2": dW2}``, the keys an optimizer steps on.

    Reference: notebook 10.

    >>> X = np.array([[1.0, -1.0], [0.0, 0.0]])
    >>> autoencoder_grads(X, [[0.5, 0.0]], [[1.0], [0.0]])["W1"].tolist()
    [[-0.5, 0.0]]
    """
    sigma = _sigma(X)
    return _cost_and_grads(sigma, *_checked_weights(W1, W2, len(sigma)))[1]


def autoencoder_hessian(X, W1, W2) -> np.ndarray:
    """The Hessian of :func:`autoencoder_cost` over all ``2np`` weights, ``W1`` (row by row) first, then ``W2``.

    Column ``k`` is the change of the gradient along the ``k``-th weight, from the exact directional
    derivative: with ``dR = −(E2 W1 + W2 E1)``,
    ``d(dW1) = −E2ᵀ R Σ − W2ᵀ dR Σ`` and ``d(dW2) = −dR Σ W1ᵀ − R Σ E1ᵀ``.

    Args:
        X: the data, ``(n, m)``.  W1: ``(p, n)``.  W2: ``(n, p)``.

    Returns:
        A symmetric array of shape ``(2np, 2np)``.

    Reference: notebook 10.

    >>> X = np.array([[2.0, -2.0], [1.0, -1.0]])
    >>> autoencoder_hessian(X, np.zeros((1, 2)), np.zeros((2, 1))).shape
    (4, 4)
    """
    sigma = _sigma(X)
    W1, W2 = _checked_weights(W1, W2, len(sigma))
    p, n = W1.shape
    size = p * n
    _validate.budget(W1.shape, "W1.shape", memory=8 * 2 * size * (6 * size + 4 * n * n + 4 * size))
    unit = np.eye(2 * size)  # row k: the unit direction of the k-th weight
    E1, E2 = unit[:, :size].reshape(2 * size, p, n), unit[:, size:].reshape(2 * size, n, p)
    R = np.eye(n) - W2 @ W1
    dR = -(E2 @ W1 + W2 @ E1)
    d_dW1 = -np.transpose(E2, (0, 2, 1)) @ R @ sigma - W2.T @ dR @ sigma
    d_dW2 = -dR @ sigma @ W1.T - R @ sigma @ np.transpose(E1, (0, 2, 1))
    H = np.concatenate([d_dW1.reshape(2 * size, size), d_dW2.reshape(2 * size, size)], axis=1)
    return (H + H.T) / 2


class CriticalPoint(NamedTuple):
    """One critical point of a linear autoencoder: the kept eigenvectors ``subset`` (0 = largest eigenvalue),
    its ``cost``, its ``index`` (negative Hessian eigenvalues, from the closed form), the count
    ``negative_found`` of negative eigenvalues of the numerically computed Hessian, and ``n_weights`` = 2np.

    >>> CriticalPoint((0,), 0.5, 0, 0, 4).index_fraction
    0.0
    """

    subset: tuple
    cost: float
    index: int
    negative_found: int
    n_weights: int

    @property
    def index_fraction(self) -> float:
        """The fraction of the Hessian's eigenvalues that are negative (Dauphin et al.'s index α)."""
        return self.index / self.n_weights


def critical_points(X, p: int, tol: float = 1e-9) -> list[CriticalPoint]:
    """Every full-rank critical point of the linear autoencoder with ``p`` hidden units, cheapest first.

    For each subset ``I`` of ``p`` of the ``n`` eigenvectors of ``Σ`` (eigenvalues ``λ_0 ≥ λ_1 ≥ …``):
    ``W1 = U_Iᵀ``, ``W2 = U_I``; ``J = ½ Σ_{j ∉ I} λ_j``; index = #{(i ∈ I, j ∉ I) : λ_j > λ_i}; and the
    negative eigenvalues of :func:`autoencoder_hessian` there, counted below ``−tol · max |eigenvalue|``.

    Args:
        X: the data ``(n, m)``, rows centred.  p: hidden units, 1 ≤ p < n.  tol: relative zero of eigenvalues.

    Returns:
        A list of ``C(n, p)`` :class:`CriticalPoint` s sorted by cost.

    Reference: notebook 10; Baldi & Hornik (1989), "Neural networks and principal component analysis:
    learning from examples without local minima", Neural Networks 2(1); Dauphin et al. (2014), arXiv:1406.2572.

    >>> points = critical_points(pooled_digits(2), p=1)
    >>> [(pt.subset, pt.index, pt.negative_found) for pt in points[:2]]
    [((0,), 0, 0), ((1,), 1, 1)]
    """
    sigma = _sigma(X)
    n = len(sigma)
    p = _validate.positive_int(p, "p")
    if p >= n:
        raise ValueError(f"p must be smaller than the number of inputs n = {n}, got {p}")
    tol = _validate.positive(tol, "tol")
    _validate.budget(p, "p", operations=math.comb(n, p) * (_validate.STEP_OPERATIONS + 2 * (2 * n * p) ** 3))
    eigenvalues, vectors = np.linalg.eigh(sigma)
    eigenvalues, vectors = eigenvalues[::-1], vectors[:, ::-1]  # largest first
    found = []
    for subset in itertools.combinations(range(n), p):
        left_out = [j for j in range(n) if j not in subset]
        U = vectors[:, subset]
        hessian_eigenvalues = np.linalg.eigvalsh(autoencoder_hessian(X, U.T, U))
        negative = int(np.sum(hessian_eigenvalues < -tol * np.abs(hessian_eigenvalues).max()))
        index = sum(eigenvalues[j] > eigenvalues[i] for i in subset for j in left_out)
        found.append(CriticalPoint(subset, float(eigenvalues[left_out].sum() / 2), int(index), negative, 2 * n * p))
    return sorted(found, key=lambda point: point.cost)


def train_autoencoder(X, p: int, optimizer: Optimizer, steps: int, init_scale: float = 1e-3,
                      seed: int = 0) -> np.ndarray:
    """Train a linear autoencoder by full-batch steps from small random weights; return ``J`` before each step.

    ``W1, W2 ~ init_scale · N(0, 1)``; then ``steps`` times: gradients from :func:`autoencoder_grads`,
    ``optimizer.step``. Starting near ``W = 0`` (itself a saddle) the cost stays flat for a long time.

    Args:
        X: the data ``(n, m)``.  p: hidden units, 1 ≤ p < n.  optimizer: a fresh coursekit optimizer.
        steps: ≥ 1.  init_scale: the standard deviation of the initial weights, > 0.  seed: seeds them.

    Returns:
        ``J(w_0), …, J(w_T)``, shape ``(steps + 1,)``.

    Reference: notebook 10; Saxe et al. (2014), "Exact solutions to the nonlinear dynamics of learning in
    deep linear neural networks", ICLR, arXiv:1312.6120.

    >>> from coursekit.optim import GD
    >>> costs = train_autoencoder(pooled_digits(2), 1, GD(lr=0.5), steps=50)
    >>> bool(costs[-1] < costs[0])
    True
    """
    sigma = _sigma(X)
    n = len(sigma)
    p = _validate.positive_int(p, "p")
    if p >= n:
        raise ValueError(f"p must be smaller than the number of inputs n = {n}, got {p}")
    check_fresh(optimizer)
    steps = _validate.positive_int(steps, "steps")
    _validate.budget(steps, "steps", memory=8 * steps, operations=steps * (_validate.STEP_OPERATIONS + 6 * n * n * p))
    init_scale = _validate.positive(init_scale, "init_scale")
    rng = np.random.default_rng(_validate.non_negative_int(seed, "seed"))
    params = {"W1": init_scale * rng.standard_normal((p, n)), "W2": init_scale * rng.standard_normal((n, p))}
    costs = np.empty(steps + 1)
    for t in range(steps + 1):
        costs[t], grads = _cost_and_grads(sigma, params["W1"], params["W2"])
        if t < steps:
            optimizer.step(params, grads)
    return costs
