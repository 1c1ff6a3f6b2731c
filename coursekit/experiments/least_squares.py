"""Mini-batch gradient noise on a two-parameter least-squares problem: why a fixed α keeps wandering (notebook 09).

:func:`least_squares` makes a small regression whose cost is a tilted bowl of two parameters, with its
exact minimum ``w*``; :func:`minibatch_path` runs an optimizer on it with real mini-batch gradients (the
noise comes from which examples each mini-batch holds, not from added random numbers), optionally under
a learning-rate schedule; :func:`mean_distance` measures how far the last iterates stay from ``w*``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from coursekit import _validate
from coursekit.minibatch import random_mini_batches
from coursekit.optim import Optimizer, check_fresh
from coursekit.surfaces import Surface
from coursekit.trajectories import DIVERGENCE_BOUND, Trajectory


class LeastSquares(NamedTuple):
    """A regression with two weights, as returned by :func:`least_squares`.

    Fields: ``X`` the inputs ``(2, m)``; ``Y`` the targets ``(1, m)``; ``surface`` the full-batch cost
    ``J(w)`` as a :class:`~coursekit.surfaces.Surface` (its only minimum is ``w_star``); ``w_star`` the
    least-squares solution, shape (2,).

    >>> problem = least_squares(m=50)
    >>> problem.X.shape, problem.Y.shape, problem.surface.minima == (tuple(problem.w_star),)
    ((2, 50), (1, 50), True)
    """

    X: np.ndarray
    Y: np.ndarray
    surface: Surface
    w_star: np.ndarray


def least_squares(m: int = 200, noise: float = 0.5, seed: int = 0) -> LeastSquares:
    """A linear regression ``ŷ = w₁ x₁ + w₂ x₂`` whose cost is a tilted, elongated bowl.

    ``x₁ ~ N(0, 1)``, ``x₂ = 1.2 x₁ + 1.6 z`` with ``z ~ N(0, 1)`` (correlated inputs turn the bowl),
    ``y = x₁ − 0.5 x₂ + noise · N(0, 1)``;  ``J(w) = 1/(2m) Σᵢ (wᵀx(i) − y(i))²
    = ½ (w − w*)ᵀ A (w − w*) + J(w*)`` with ``A = X Xᵀ / m`` and ``w* = A⁻¹ X yᵀ / m``.

    The noise keeps the examples from agreeing on one ``w``: at ``w*`` the full gradient is zero, but a
    mini-batch's gradient is not, which is what makes a fixed learning rate wander.

    Args:
        m: the number of examples ``m`` ≥ 2.  noise: the standard deviation of the label noise, ≥ 0.
        seed: seeds the ``numpy.random.default_rng`` that draws the inputs and the noise.

    Returns:
        A :class:`LeastSquares` whose surface starts at (−1.5, 1.5).

    Reference: notebook 09.

    >>> problem = least_squares()
    >>> [round(float(c), 2) for c in problem.w_star], float(np.abs(problem.surface.grad(problem.w_star)).max()) < 1e-12
    ([1.01, -0.48], True)
    """
    m = _validate.positive_int(m, "m")
    if m < 2:
        raise ValueError(f"m must be an integer >= 2, got {m!r}")
    _validate.budget(m, "m", memory=64 * m)  # the draws, X, Y and their products
    noise = _validate.non_negative(noise, "noise")
    rng = np.random.default_rng(_validate.non_negative_int(seed, "seed"))
    x1, z, e = rng.standard_normal((3, m))
    X = np.stack([x1, 1.2 * x1 + 1.6 * z])
    Y = (np.array([1.0, -0.5]) @ X + noise * e)[np.newaxis, :]
    A = X @ X.T / m
    w_star = np.linalg.solve(A, X @ Y[0] / m)
    J_star = float(np.mean((w_star @ X - Y[0]) ** 2) / 2)
    (axx, axy), (_, ayy) = A
    (sx, sy) = w_star

    def f(x, y):
        u, v = x - sx, y - sy
        return 0.5 * (axx * u * u + 2 * axy * u * v + ayy * v * v) + J_star

    surface = Surface(
        name=f"least_squares(m={m}, noise={noise!r}, seed={seed})",
        title="least squares, two weights",
        f=f,
        df=lambda x, y: (axx * (x - sx) + axy * (y - sy), axy * (x - sx) + ayy * (y - sy)),
        d2f=lambda x, y: (axx + 0 * x, axy + 0 * x, ayy + 0 * x),
        minima=((float(sx), float(sy)),),
        start=(-1.5, 1.5),
        xlim=(-2.0, 2.5),
        ylim=(-1.5, 2.0),
    )
    return LeastSquares(X, Y, surface, w_star)


def minibatch_path(problem: LeastSquares, optimizer: Optimizer, epochs: int, mini_batch_size: int = 10,
                   schedule: Callable[[int], float] | None = None, start=None, seed: int = 0) -> Trajectory:
    """Run an optimizer on mini-batch gradients of a :class:`LeastSquares` problem, one step per mini-batch.

    For epoch ``e = 1..epochs``: ``α = schedule(e)`` (when given); the examples are shuffled and cut into
    mini-batches (seed ``seed + e``, as :func:`coursekit.train.train` does); for each mini-batch ``{t}``,
    ``dw = X{t} (wᵀX{t} − Y{t})ᵀ / size`` and one optimizer step.

    Args:
        problem: from :func:`least_squares`.  optimizer: a fresh coursekit optimizer.
        epochs: passes over the data, ≥ 1.  mini_batch_size: examples per step, ≥ 1.
        schedule: ``None`` (keep ``optimizer.lr``) or a function ``epoch -> α``.
        start: ``w_0`` (default ``problem.surface.start``).  seed: seeds the shuffles.

    Returns:
        A :class:`~coursekit.trajectories.Trajectory` of every iterate (``epochs · ceil(m / size) + 1``
        points) with the full-batch cost ``J`` of each; ``diverged`` if an iterate blew up.

    Reference: notebook 09.

    >>> from coursekit.optim import GD
    >>> run = minibatch_path(least_squares(m=40), GD(lr=0.1), epochs=3, mini_batch_size=10)
    >>> run.points.shape, bool(run.losses[-1] < run.losses[0])
    ((13, 2), True)
    """
    if not isinstance(problem, LeastSquares):
        raise TypeError(f"problem must be a LeastSquares (from least_squares()), got {type(problem).__name__}")
    check_fresh(optimizer)
    if schedule is not None and not callable(schedule):
        raise TypeError(f"schedule must be None or a function epoch -> lr, got {schedule!r}")
    epochs = _validate.positive_int(epochs, "epochs")
    mini_batch_size = _validate.positive_int(mini_batch_size, "mini_batch_size")
    seed = _validate.non_negative_int(seed, "seed")
    steps = epochs * -(-problem.X.shape[1] // mini_batch_size)
    _validate.budget(epochs, "epochs", memory=160 * steps, operations=steps * _validate.STEP_OPERATIONS)
    w = np.array(_validate.point(problem.surface.start if start is None else start, "start"))
    points, diverged = [w.copy()], False
    for epoch in range(1, epochs + 1):
        if schedule is not None:
            optimizer.lr = _validate.positive(schedule(epoch), f"schedule({epoch})")
        for X_t, Y_t in random_mini_batches(problem.X, problem.Y, mini_batch_size, seed=seed + epoch):
            dw = X_t @ (w @ X_t - Y_t[0]) / X_t.shape[1]
            optimizer.step({"w": w}, {"w": dw})
            if not np.all(np.abs(w) <= DIVERGENCE_BOUND):
                diverged = True
                break
            points.append(w.copy())
        if diverged:
            break
    points = np.array(points)
    return Trajectory(points, problem.surface.f(points[:, 0], points[:, 1]), diverged)


def mean_distance(points, target, last: int = 100) -> float:
    """The mean distance of the last iterates to a target: ``(1/last) Σ ‖w_t − w*‖`` over the last ``last`` ``w_t``.

    Args:
        points: the iterates, shape ``(T + 1, 2)`` (e.g. ``Trajectory.points``).
        target: ``w*``, shape (2,).  last: how many of the final iterates, 1 ≤ last ≤ T + 1.

    Returns:
        The mean Euclidean distance, a float.

    Reference: notebook 09.

    >>> mean_distance([[3.0, 4.0], [0.0, 1.0], [0.0, -1.0]], [0.0, 0.0], last=2)
    1.0
    """
    points = _validate.array(points, "points", ndim=2)
    if points.shape[1] != 2:
        raise ValueError(f"points must have shape (T + 1, 2), got shape {points.shape}")
    target = np.array(_validate.point(target, "target"))
    last = _validate.positive_int(last, "last")
    if last > len(points):
        raise ValueError(f"last must be at most the number of points ({len(points)}), got {last}")
    return float(np.linalg.norm(points[-last:] - target, axis=1).mean())
