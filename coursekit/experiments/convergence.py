"""How fast gradient descent and momentum converge on a quadratic: the factor per direction, the best
``(α, β)``, and the steps to a tolerance measured over a grid or a sweep of learning rates (notebooks 05-06).

On ``J(w) = ½ wᵀ H w`` every eigenvector of ``H`` is a direction of its own, with curvature ``λ`` (an
eigenvalue). Gradient descent multiplies the error along it by ``1 − αλ`` at each step (notebook 00), so
the slowest direction sets the pace: ``max |1 − αλᵢ|``. Momentum in the lecture's averaged form,
``v = β v + (1 − β) dW``, ``W := W − α v``, is the heavy ball of Polyak (1964) in its summed form
``v = β v + dW`` with the learning rate ``α_sum = α (1 − β)`` (from ``v = 0`` the two velocities differ by
the factor ``1 − β`` at every step). Its error along a direction of curvature ``λ`` obeys
``e_{t+1} = (1 + β − α_sum λ) e_t − β e_{t−1}``, whose factor per step is the larger root of
``z² − (1 + β − α_sum λ) z + β = 0`` in absolute value.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from coursekit import _validate
from coursekit.optim import Optimizer
from coursekit.surfaces import Surface, _point
from coursekit.trajectories import trajectory


def _curvatures(curvatures) -> np.ndarray:
    lam = _validate.array(curvatures, "curvatures", ndim=1)
    if lam.size == 0 or np.any(lam <= 0):
        raise ValueError(f"curvatures must be a non-empty 1-D array of numbers > 0 (the Hessian's eigenvalues), "
                         f"got {lam.tolist()}")
    return lam


def gd_factors(lr: float, curvatures) -> np.ndarray:
    """The factor by which one step of gradient descent shrinks the error along each direction.

    ``|1 − α λᵢ|``: below 1 the error shrinks; past ``α = 2 / λ_max`` the steepest one grows and GD diverges.

    Args:
        lr: ``α`` > 0.  curvatures: the curvatures ``λᵢ`` > 0 (the eigenvalues of the Hessian).

    Returns:
        An array of ``|1 − α λᵢ|``, one per direction.

    Reference: notebooks 00 and 05.

    >>> gd_factors(0.19, [1.0, 10.0]).round(6).tolist()
    [0.81, 0.9]
    """
    return np.abs(1 - _validate.positive(lr, "lr") * _curvatures(curvatures))


def momentum_factors(lr: float, beta: float, curvatures) -> np.ndarray:
    """The factor by which momentum (the lecture's averaged form) shrinks the error per step, per direction.

    ``max |z|`` over the roots of ``z² − (1 + β − α (1 − β) λᵢ) z + β = 0``: ``√β`` while the roots are complex
    (the error spirals in), more when they are real. With ``β = 0`` it is gradient descent's ``|1 − αλᵢ|``.

    Args:
        lr: ``α`` > 0 of ``W := W − α v``.  beta: ``β`` in [0, 1).  curvatures: the ``λᵢ`` > 0.

    Returns:
        An array of factors, one per direction (the long-run rate; below 1 means convergence).

    Reference: notebook 05; Polyak (1964); Goh (2017), "Why Momentum Really Works", Distill.

    >>> momentum_factors(0.1, 0.9, [1.0, 100.0]).round(4).tolist()   # both spiral in at √0.9
    [0.9487, 0.9487]
    """
    lr = _validate.positive(lr, "lr")
    beta = _validate.beta(beta, "beta")
    a = 1 + beta - lr * (1 - beta) * _curvatures(curvatures)
    disc = a * a - 4 * beta
    real = (np.abs(a) + np.sqrt(np.maximum(disc, 0.0))) / 2
    return np.where(disc < 0, math.sqrt(beta), real)


class Tuning(NamedTuple):
    """The best hyperparameters on a quadratic and the factor per step they give (see :func:`best_gd`).

    >>> Tuning(lr=0.1, beta=0.0, rate=0.9).rate
    0.9
    """

    lr: float
    beta: float
    rate: float


def best_gd(curvatures) -> Tuning:
    """Gradient descent's best learning rate on a quadratic, and its factor per step.

    ``α* = 2 / (λ_min + λ_max)`` makes the flattest and the steepest direction shrink equally fast, by
    ``(κ − 1) / (κ + 1)`` per step, where ``κ = λ_max / λ_min``.

    Args:
        curvatures: the ``λᵢ`` > 0.

    Returns:
        ``Tuning(lr=α*, beta=0.0, rate=(κ − 1) / (κ + 1))``.

    Reference: notebook 05.

    >>> [round(x, 4) for x in best_gd([1.0, 100.0])]
    [0.0198, 0.0, 0.9802]
    """
    lam = _curvatures(curvatures)
    low, high = float(lam.min()), float(lam.max())
    return Tuning(2 / (low + high), 0.0, (high - low) / (high + low))


def best_momentum(curvatures) -> Tuning:
    """Momentum's best ``(α, β)`` on a quadratic (lecture's averaged form), and its factor per step.

    ``β* = ((√κ − 1) / (√κ + 1))²``; in the summed form ``α*_sum = (2 / (√λ_max + √λ_min))²``, so in the
    averaged form ``α* = α*_sum / (1 − β*) = 1 / √(λ_min λ_max)``; the factor is ``(√κ − 1) / (√κ + 1)``.

    Args:
        curvatures: the ``λᵢ`` > 0.

    Returns:
        ``Tuning(lr=α*, beta=β*, rate)``; ``lr * (1 - beta)`` is the summed form's ``α*_sum``.

    Reference: notebook 05; Polyak (1964); Goh (2017), "Why Momentum Really Works", Distill.

    >>> [round(x, 4) for x in best_momentum([1.0, 100.0])]
    [0.1, 0.6694, 0.8182]
    """
    lam = _curvatures(curvatures)
    root = math.sqrt(float(lam.max()) / float(lam.min()))
    rate = (root - 1) / (root + 1)
    return Tuning(1 / math.sqrt(float(lam.min()) * float(lam.max())), rate * rate, rate)


def steps_for_rate(rate: float, reduction: float) -> float:
    """How many steps a factor per step needs to shrink the error by ``reduction``: ``ln(reduction) / ln(rate)``.

    Args:
        rate: the factor per step, ≥ 0.  reduction: the wanted ratio of final to initial error, in (0, 1).

    Returns:
        The (fractional) number of steps; ``inf`` when ``rate ≥ 1``, 0 when ``rate`` is 0.

    Reference: notebook 05.

    >>> round(steps_for_rate(99 / 101, 1e-6), 1), round(steps_for_rate(9 / 11, 1e-6), 1)
    (690.8, 68.8)
    """
    if not _validate._is_real(rate) or not math.isfinite(rate) or rate < 0:
        raise ValueError(f"rate must be a finite number >= 0, got {rate!r}")
    if not _validate._is_real(reduction) or not 0 < reduction < 1:
        raise ValueError(f"reduction must be a number in (0, 1), got {reduction!r}")
    if rate >= 1:
        return math.inf
    return 0.0 if rate == 0 else math.log(reduction) / math.log(rate)


class Sweep(NamedTuple):
    """Steps to reach a tolerance for each learning rate of a sweep (NaN: never within the budget).

    >>> Sweep(np.array([0.1, 0.2, 0.4]), np.array([30.0, 12.0, np.nan])).best()
    (0.2, 12)
    """

    lrs: np.ndarray
    steps: np.ndarray

    def curve(self) -> tuple[np.ndarray, np.ndarray]:
        """``(learning rates, steps)``, as :func:`coursekit.show.sweeps.plot_lr_sweeps` draws a sweep."""
        return self.lrs, self.steps

    def best(self) -> tuple[float, int]:
        """``(α, steps)`` of the learning rate that needs the fewest steps (the smallest such α on a tie)."""
        if np.all(np.isnan(self.steps)):
            raise ValueError("no learning rate of the sweep reached the tolerance within the budget of steps")
        i = int(np.nanargmin(self.steps))
        return float(self.lrs[i]), int(self.steps[i])

    def largest_working_lr(self) -> float:
        """The largest ``α`` of the sweep that reaches the tolerance (NaN if none does)."""
        working = self.lrs[~np.isnan(self.steps)]
        return float(working.max()) if working.size else math.nan


class StepsMap(NamedTuple):
    """Steps to reach a tolerance over a grid of ``(α, β)``: ``steps[i, j]`` for ``betas[i]``, ``lrs[j]``.

    >>> m = StepsMap(np.array([0.1, 0.2]), np.array([0.0, 0.5]), np.array([[9.0, np.nan], [7.0, 5.0]]))
    >>> m.best(), m.row(0.0).best()
    ((0.2, 0.5, 5), (0.1, 9))
    """

    lrs: np.ndarray
    betas: np.ndarray
    steps: np.ndarray

    def best(self) -> tuple[float, float, int]:
        """``(α, β, steps)`` of the grid point that needs the fewest steps."""
        if np.all(np.isnan(self.steps)):
            raise ValueError("no point of the grid reached the tolerance within the budget of steps")
        i, j = np.unravel_index(int(np.nanargmin(self.steps)), self.steps.shape)
        return float(self.lrs[j]), float(self.betas[i]), int(self.steps[i, j])

    def row(self, beta: float) -> Sweep:
        """The sweep over ``α`` at one ``β`` of the grid (``β = 0`` is gradient descent)."""
        matches = np.flatnonzero(np.isclose(self.betas, beta, rtol=0, atol=1e-12))
        if not matches.size:
            raise ValueError(f"beta must be one of the grid's betas {self.betas.tolist()}, got {beta!r}")
        return Sweep(self.lrs, self.steps[matches[0]])


def _grid(values, name: str, check) -> np.ndarray:
    arr = _validate.array(values, name, ndim=1)
    if arr.size == 0:
        raise ValueError(f"{name} must hold at least one value, got an empty array")
    for value in arr:
        check(float(value), f"{name} entries")
    return arr


def steps_map(surface: Surface, lrs, betas, tol: float, max_steps: int = 2000, start=None) -> StepsMap:
    """The steps momentum needs to settle within ``tol`` of the minimum, for every ``(α, β)`` of a grid.

    ``v = β v + (1 − β) ∇J(w)``, ``w := w − α v`` from ``v = 0``, ``w = start``, run for all grid points at
    once (numpy arrays over the grid), on a quadratic surface. A point's count is the first step from which
    every later iterate up to ``max_steps`` lies within ``tol`` of the minimum, exactly as
    :meth:`coursekit.trajectories.Trajectory.steps_to_settle` counts it; the row ``β = 0`` is gradient descent.

    Args:
        surface: a quadratic :class:`~coursekit.surfaces.Surface` (a constant Hessian), e.g.
            :func:`~coursekit.surfaces.elongated_quadratic` or :func:`~coursekit.surfaces.rotated_quadratic`.
        lrs: the ``α`` > 0 of the grid.  betas: the ``β`` in [0, 1) of the grid.
        tol: the distance to the minimum, > 0.  max_steps: the budget of steps, ≥ 1.
        start: ``w_0`` (default ``surface.start``).

    Returns:
        A :class:`StepsMap`; ``steps`` is NaN where the path is not within ``tol`` after ``max_steps``.

    Reference: notebook 05; Goh (2017), "Why Momentum Really Works", Distill (the same map, summed form).

    >>> from coursekit.surfaces import elongated_quadratic
    >>> m = steps_map(elongated_quadratic(100.0), [0.0198, 0.1], [0.0, 0.67], tol=1e-3)
    >>> m.steps.tolist()   # GD (β = 0) diverges with α = 0.1 > 2 / 100
    [[378.0, nan], [361.0, 50.0]]
    """
    if not isinstance(surface, Surface):
        raise TypeError(f"surface must be a coursekit.surfaces.Surface, got {type(surface).__name__}")
    minimum = np.array(surface.minima[0], dtype=float)
    w0 = np.array(_point(surface.start if start is None else start, "start"))
    (hxx, hxy), (_, hyy) = surface.hessian(minimum)
    if not np.allclose(surface.hessian(w0), surface.hessian(minimum)) or np.any(np.linalg.eigvalsh(surface.hessian(minimum)) <= 0):
        raise ValueError(f"surface must be a quadratic bowl (a constant, positive definite Hessian), got {surface!r}")
    lrs = _grid(lrs, "lrs", _validate.positive)
    betas = _grid(betas, "betas", _validate.beta)
    tol = _validate.positive(tol, "tol")
    max_steps = _validate.positive_int(max_steps, "max_steps")
    lr, beta = (a.ravel() for a in np.meshgrid(lrs, betas))
    x, y = np.full(lr.shape, w0[0]), np.full(lr.shape, w0[1])
    vx, vy = np.zeros(lr.shape), np.zeros(lr.shape)
    last_outside = np.zeros(lr.shape)
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(1, max_steps + 1):
            dx, dy = x - minimum[0], y - minimum[1]
            gx, gy = hxx * dx + hxy * dy, hxy * dx + hyy * dy  # the gradient H (w − w*), as the surface computes it
            vx, vy = beta * vx + (1 - beta) * gx, beta * vy + (1 - beta) * gy
            x, y = x - lr * vx, y - lr * vy
            outside = ~(np.hypot(x - minimum[0], y - minimum[1]) <= tol)  # NaN and inf count as outside
            last_outside[outside] = t
    inside_at_start = np.hypot(*(w0 - minimum)) <= tol
    steps = np.where(last_outside == max_steps, np.nan, last_outside + 1)
    steps[(last_outside == 0) & inside_at_start] = 0
    return StepsMap(lrs, betas, steps.reshape(len(betas), len(lrs)))


def lr_sweep(surface: Surface, make: Callable[[float], Optimizer], lrs, tol: float, steps: int = 300,
             start=None) -> Sweep:
    """The steps an optimizer needs to settle within ``tol`` of the surface's first minimum, for each ``α``.

    For each ``α`` of ``lrs``: ``trajectory(surface, make(α), start, steps).steps_to_settle(minimum, tol)``.

    Args:
        surface: a :class:`~coursekit.surfaces.Surface`.  make: ``α -> a fresh optimizer``, e.g.
            ``lambda lr: RMSprop(lr)``.  lrs: the ``α`` > 0 to try.  tol: the distance, > 0.
        steps: the budget of steps ``T`` ≥ 1.  start: ``w_0`` (default ``surface.start``).

    Returns:
        A :class:`Sweep` (NaN where the path is not within ``tol`` after ``steps`` steps, or diverged).

    Reference: notebooks 05-06.

    >>> from coursekit.optim import GD
    >>> from coursekit.surfaces import elongated_quadratic
    >>> lr_sweep(elongated_quadratic(10.0), GD, [0.05, 0.1, 0.19, 0.25], tol=1e-3).steps.tolist()
    [147.0, 72.0, 61.0, nan]
    """
    if not callable(make):
        raise TypeError(f"make must be a function lr -> optimizer (e.g. lambda lr: GD(lr)), got {make!r}")
    lrs = _grid(lrs, "lrs", _validate.positive)
    tol = _validate.positive(tol, "tol")
    found = []
    for lr in lrs:
        settled = trajectory(surface, make(float(lr)), start, steps).steps_to_settle(surface.minima[0], tol)
        found.append(np.nan if settled is None else settled)
    return Sweep(lrs, np.array(found, dtype=float))
