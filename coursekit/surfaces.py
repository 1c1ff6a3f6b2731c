"""Two-dimensional loss surfaces with analytic derivatives, and optimizer trajectories on them (SYLLABUS §5, §9).

A :class:`Surface` holds a loss ``J(x, y)``, its gradient and Hessian in closed form, its known minima, a
plotting window and a default start point. The factories build the pictures of the course: an
elongated bowl (:func:`elongated_quadratic`), the Rosenbrock banana valley (:func:`rosenbrock`), a
saddle (:func:`saddle`), a plateau (:func:`plateau`) and a bowl with several wells
(:func:`several_minima`). :func:`trajectory` runs any :mod:`coursekit.optim` optimizer on a surface;
:func:`classify_critical_point` and :func:`critical_point_odds` support §9's argument about saddles.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from coursekit import _validate
from coursekit.optim import Optimizer

#: :func:`trajectory` stops when a coordinate's magnitude exceeds this bound (or turns NaN/inf).
DIVERGENCE_BOUND = 1e6


@dataclass(frozen=True, repr=False)
class Surface:
    """A 2-D loss surface ``J(x, y)`` with its gradient and Hessian in closed form.

    ``∇J = (∂J/∂x, ∂J/∂y)``;  ``H = [[∂²J/∂x², ∂²J/∂x∂y], [∂²J/∂x∂y, ∂²J/∂y²]]``

    Args:
        name: the call that built it, e.g. ``"rosenbrock(a=1.0, b=100.0)"`` (a plot title).
        f: ``J(x, y)``, element-wise on numpy arrays of equal shape (contour grids).
        df: ``(x, y) -> (∂J/∂x, ∂J/∂y)``, element-wise too (quiver plots).
        d2f: ``(x, y) -> (∂²J/∂x², ∂²J/∂x∂y, ∂²J/∂y²)``.
        minima: the known local minima, as ``(x, y)`` tuples.
        start: a default start point ``(x, y)`` that shows the surface's lesson.
        xlim, ylim: a plotting window ``(low, high)``.
        saddles: known saddle points, if any.

    Reference: SYLLABUS §5 and §9.

    >>> s = rosenbrock()
    >>> s.loss([1.0, 1.0]), s.grad([0.0, 0.0]).tolist()
    (0.0, [-2.0, 0.0])
    """

    name: str
    f: Callable
    df: Callable
    d2f: Callable
    minima: tuple
    start: tuple
    xlim: tuple
    ylim: tuple
    saddles: tuple = field(default=())

    def loss(self, point) -> float:
        """``J(x, y)`` at one point given as an array-like of shape (2,)."""
        x, y = _point(point)
        return float(self.f(x, y))

    def grad(self, point) -> np.ndarray:
        """``∇J(x, y)``, an array of shape (2,), at one point given as an array-like of shape (2,)."""
        return np.array(self.df(*_point(point)), dtype=float)

    def hessian(self, point) -> np.ndarray:
        """The Hessian ``H(x, y)``, a symmetric array of shape (2, 2), at one point of shape (2,)."""
        fxx, fxy, fyy = self.d2f(*_point(point))
        return np.array([[fxx, fxy], [fxy, fyy]], dtype=float)

    def __repr__(self) -> str:
        return f"Surface({self.name!r}, minima={_rounded(self.minima)}, start={_rounded((self.start,))[0]})"


def _point(point, name: str = "point") -> tuple[float, float]:
    """Check that ``point`` is a finite array-like of shape (2,); return its coordinates as floats."""
    arr = _validate.array(point, name, ndim=1)
    if arr.shape != (2,):
        raise ValueError(f"{name} must have shape (2,) for (x, y), got shape {arr.shape}")
    return float(arr[0]), float(arr[1])


def _finite(value, name: str) -> float:
    """Return ``value`` as a float after checking it is a finite real number (of any sign)."""
    if not _validate._is_real(value):
        raise TypeError(f"{name} must be a finite number, got {value!r} of type {type(value).__name__}")
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return float(value)


def _rounded(points) -> list:
    return [tuple(round(float(c), 4) for c in p) for p in points]


def elongated_quadratic(condition_number: float = 10.0, scale: float = 1.0) -> Surface:
    """A bowl elongated along x: gradient descent zig-zags across the narrow y direction.

    ``J(x, y) = ½ · scale · (x² + κ y²)``, Hessian ``diag(scale, κ · scale)``, minimum at (0, 0).

    Args:
        condition_number: ``κ`` ≥ 1, the ratio of the Hessian's eigenvalues (largest / smallest).
        scale: the curvature along x, > 0 (the stable learning rates of GD are ``α < 2 / (κ · scale)``).

    Returns:
        A :class:`Surface` with start point (−1.8, 0.6) in the window [−2, 2] × [−1, 1].

    Reference: SYLLABUS §5.

    >>> elongated_quadratic(50.0).hessian([0.3, -0.2]).tolist()
    [[1.0, 0.0], [0.0, 50.0]]
    """
    kappa = _validate.positive(condition_number, "condition_number")
    if kappa < 1:
        raise ValueError(f"condition_number must be >= 1 (largest / smallest eigenvalue), got {condition_number!r}")
    c = _validate.positive(scale, "scale")
    return Surface(
        name=f"elongated_quadratic(condition_number={kappa!r}, scale={c!r})",
        f=lambda x, y: 0.5 * c * (x * x + kappa * y * y),
        df=lambda x, y: (c * x, c * kappa * y),
        d2f=lambda x, y: (c + 0 * x, 0 * x, c * kappa + 0 * x),  # + 0 * x: constants take the grid's shape
        minima=((0.0, 0.0),),
        start=(-1.8, 0.6),
        xlim=(-2.0, 2.0),
        ylim=(-1.0, 1.0),
    )


def rosenbrock(a: float = 1.0, b: float = 100.0) -> Surface:
    """Rosenbrock's banana valley: easy to fall into, slow to follow to its minimum.

    ``J(x, y) = (a − x)² + b (y − x²)²``, minimum at ``(a, a²)``.

    Args:
        a: the minimum's x coordinate, a finite number.  b: the steepness of the valley walls, > 0.

    Returns:
        A :class:`Surface` with Rosenbrock's classic start point (−1.2, 1).

    Reference: Rosenbrock (1960), "An automatic method for finding the greatest or least value of a
    function", The Computer Journal 3(3).

    >>> rosenbrock().minima, round(rosenbrock().loss([-1.2, 1.0]), 6)
    (((1.0, 1.0),), 24.2)
    """
    a = _finite(a, "a")
    b = _validate.positive(b, "b")
    return Surface(
        name=f"rosenbrock(a={a!r}, b={b!r})",
        f=lambda x, y: (a - x) ** 2 + b * (y - x * x) ** 2,
        df=lambda x, y: (-2 * (a - x) - 4 * b * x * (y - x * x), 2 * b * (y - x * x)),
        d2f=lambda x, y: (2 - 4 * b * y + 12 * b * x * x, -4 * b * x, 2 * b + 0 * x),
        minima=((a, a * a),),
        start=(-1.2, 1.0),
        xlim=(min(-2.0, a - 1), max(2.0, a + 1)),
        ylim=(min(-1.0, a * a - 1), max(3.0, a * a + 1)),
    )


def saddle() -> Surface:
    """A saddle at the origin between two minima: the surface curves up along x and down along y.

    ``J(x, y) = x² − y² + ½ y⁴``; at (0, 0) the Hessian is ``diag(2, −2)`` (a saddle point); the quartic
    term bounds the surface below, with minima at (0, ±1), so escaping trajectories stay in view.

    Returns:
        A :class:`Surface` whose start point (1.8, 0.01) lies almost on the ridge line y = 0: gradient
        descent first slides towards the saddle, lingers, then escapes to a minimum.

    Reference: SYLLABUS §9; Dauphin et al. (2014).

    >>> saddle().hessian([0.0, 0.0]).tolist()
    [[2.0, 0.0], [0.0, -2.0]]
    """
    return Surface(
        name="saddle()",
        f=lambda x, y: x * x - y * y + 0.5 * y**4,
        df=lambda x, y: (2 * x, -2 * y + 2 * y**3),
        d2f=lambda x, y: (2 + 0 * x, 0 * x, -2 + 6 * y * y),
        minima=((0.0, -1.0), (0.0, 1.0)),
        start=(1.8, 0.01),
        xlim=(-2.0, 2.0),
        ylim=(-1.6, 1.6),
        saddles=((0.0, 0.0),),
    )


def _wells_on_bowl(bowl: float, wells: tuple, offset: float = 0.0):
    """``J = offset + ½ bowl (x² + y²) − Σ d exp(−((x − cx)² + (y − cy)²) / (2 w²))`` and its derivatives.

    ``wells`` holds ``(cx, cy, d, w)`` tuples: centre, depth and width of each Gaussian well.
    """

    def f(x, y):
        total = offset + 0.5 * bowl * (x * x + y * y)
        for cx, cy, d, w in wells:
            total = total - d * np.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * w * w))
        return total

    def df(x, y):
        gx, gy = bowl * x, bowl * y
        for cx, cy, d, w in wells:
            k = d * np.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * w * w)) / (w * w)
            gx, gy = gx + k * (x - cx), gy + k * (y - cy)
        return gx, gy

    def d2f(x, y):
        hxx, hxy, hyy = bowl + 0 * x, 0 * x, bowl + 0 * x
        for cx, cy, d, w in wells:
            u, v, k = x - cx, y - cy, d * np.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * w * w)) / (w * w)
            hxx, hxy, hyy = hxx + k * (1 - u * u / (w * w)), hxy - k * u * v / (w * w), hyy + k * (1 - v * v / (w * w))
        return hxx, hxy, hyy

    return f, df, d2f


def plateau(slope: float = 1e-3) -> Surface:
    """A Gaussian well in a wide, almost flat floor: far from the well the gradient is nearly zero.

    ``J(x, y) = 1 − exp(−(x² + y²) / 2) + ½ slope · (x² + y²)``, minimum at (0, 0).

    Far out the floor rises only by the gentle bowl ``½ slope · r²`` (height ≈ 1), so plain gradient
    descent crawls; the well's curvature at the bottom is ``1 + slope``, which caps GD's stable
    learning rate below ``2 / (1 + slope)``.

    Args:
        slope: the curvature ``slope`` > 0 of the nearly flat floor (smaller = flatter plateau).

    Returns:
        A :class:`Surface` with start point (4.5, 3.0) on the plateau (``J`` ≈ 1.015, ``|∇J|`` ≈ 0.005).

    Reference: SYLLABUS §9.

    >>> round(plateau().loss([4.5, 3.0]), 3), round(float(np.linalg.norm(plateau().grad([4.5, 3.0]))), 4)
    (1.015, 0.0054)
    """
    slope = _validate.positive(slope, "slope")
    f, df, d2f = _wells_on_bowl(slope, ((0.0, 0.0, 1.0, 1.0),), offset=1.0)
    return Surface(f"plateau(slope={slope!r})", f, df, d2f, ((0.0, 0.0),), (4.5, 3.0), (-6.0, 6.0), (-6.0, 6.0))


_SEVERAL_WELLS = ((-1.5, 1.0, 1.0, 0.6), (1.5, 0.5, 2.0, 0.7), (0.0, -1.5, 0.6, 0.5))


def several_minima() -> Surface:
    """A shallow bowl with three Gaussian wells of different depths: three local minima, one global.

    ``J(x, y) = ½ · 0.2 · (x² + y²) − Σᵢ dᵢ exp(−((x − cxᵢ)² + (y − cyᵢ)²) / (2 wᵢ²))`` with wells
    (centre, depth, width) ((−1.5, 1), 1, 0.6), ((1.5, 0.5), 2, 0.7) and ((0, −1.5), 0.6, 0.5).

    The bowl shifts each minimum slightly from its well's centre; ``minima`` holds them as located by
    Newton's method on the analytic Hessian (gradient below 1e-12), deepest first.

    Returns:
        A :class:`Surface` whose start point (−2.5, 2.5) leads gradient descent into a local minimum
        that is not the global one.

    Reference: SYLLABUS §9.

    >>> [round(c, 2) for c in several_minima().minima[0]]
    [1.43, 0.48]
    """
    f, df, d2f = _wells_on_bowl(0.2, _SEVERAL_WELLS)
    minima = sorted((_newton(df, d2f, (cx, cy)) for cx, cy, _, _ in _SEVERAL_WELLS), key=lambda p: f(*p))
    return Surface("several_minima()", f, df, d2f, tuple(minima), (-2.5, 2.5), (-3.0, 3.0), (-3.0, 3.0))


def _newton(df, d2f, point, iterations: int = 20) -> tuple[float, float]:
    """Refine a critical point of ``J`` by Newton's method: ``p := p − H⁻¹ ∇J``."""
    p = np.array(point, dtype=float)
    for _ in range(iterations):
        hxx, hxy, hyy = d2f(*p)
        p = p - np.linalg.solve([[hxx, hxy], [hxy, hyy]], df(*p))
    return float(p[0]), float(p[1])


class Trajectory(NamedTuple):
    """The path of an optimizer on a surface, as returned by :func:`trajectory`.

    Fields: ``points``, the iterates ``w_0..w_T`` (shape (T + 1, 2)); ``losses``, ``J(w_t)`` (shape
    (T + 1,)); ``diverged``, True if the run stopped early because the iterates blew up.

    >>> from coursekit.optim import GD
    >>> run = trajectory(elongated_quadratic(), GD(lr=0.5), start=(1.0, 0.0), steps=2)
    >>> run.points.tolist(), run.losses.tolist(), run.diverged
    ([[1.0, 0.0], [0.5, 0.0], [0.25, 0.0]], [0.5, 0.125, 0.03125], False)
    """

    points: np.ndarray
    losses: np.ndarray
    diverged: bool

    def steps_to_settle(self, target, tol: float) -> int | None:
        """The first step ``t`` from which every recorded ``w`` lies within ``tol`` of ``target`` (0 = start).

        ``None`` if the last iterate is farther than ``tol`` or the run diverged. Unlike the first visit,
        this counts an oscillating path only once it has stopped swinging out of the ``tol`` ball.

        >>> from coursekit.optim import GD
        >>> trajectory(elongated_quadratic(), GD(lr=0.5), start=(1.0, 0.0), steps=10).steps_to_settle((0, 0), 0.1)
        4
        """
        target = np.array(_point(target, "target"))
        tol = _validate.positive(tol, "tol")
        outside = np.flatnonzero(np.linalg.norm(self.points - target, axis=1) > tol)
        if self.diverged or (outside.size and outside[-1] == len(self.points) - 1):
            return None
        return int(outside[-1]) + 1 if outside.size else 0


def trajectory(surface: Surface, optimizer: Optimizer, start=None, steps: int = 100) -> Trajectory:
    """Run an optimizer on a surface: ``w_0 = start``, then ``w_t = optimizer.step(w_{t−1}, ∇J(w_{t−1}))``.

    The optimizer keeps state (``v``, ``s``, ``t``), so it must be fresh: a used one is refused.
    If an iterate leaves the box ``|x|, |y| ≤ DIVERGENCE_BOUND`` or its gradient is not finite (the
    learning rate is too large), the run stops there, keeping only the iterates before, and
    ``diverged`` is True: a slider set too far shows a short escaping path instead of an error.

    Args:
        surface: a :class:`Surface`.  optimizer: a fresh ``GD``, ``Momentum``, ``RMSprop`` or ``Adam``.
        start: ``w_0``, an array-like of shape (2,); ``None`` uses ``surface.start``.
        steps: the number of steps ``T`` ≥ 1.

    Returns:
        A :class:`Trajectory`: ``points`` of shape (T + 1, 2) with ``w_0`` first, ``losses`` of shape
        (T + 1,), ``diverged``; after a divergence both hold fewer rows.

    Reference: SYLLABUS §5-7 and §9.

    >>> from coursekit.optim import GD
    >>> run = trajectory(elongated_quadratic(), GD(lr=0.1), start=(1.0, 1.0), steps=2)
    >>> run.points.tolist(), run.diverged
    ([[1.0, 1.0], [0.9, 0.0], [0.81, 0.0]], False)
    """
    if not isinstance(surface, Surface):
        raise TypeError(f"surface must be a Surface (e.g. rosenbrock()), got {type(surface).__name__}")
    if not isinstance(optimizer, Optimizer):
        raise TypeError(f"optimizer must be a coursekit.optim optimizer (GD, Momentum, RMSprop, Adam), got {optimizer!r}")
    if optimizer.t != 0:
        raise ValueError(f"optimizer must be fresh (it keeps state), got {optimizer!r} after {optimizer.t} steps")
    w = np.array(_point(surface.start if start is None else start, "start"))
    steps = _validate.positive_int(steps, "steps")
    points, kept = np.empty((steps + 1, 2)), 0
    with np.errstate(over="ignore", invalid="ignore"):
        while kept <= steps and (grad := _grad_in_bounds(surface, w)) is not None:
            points[kept], kept = w, kept + 1
            if kept <= steps:
                optimizer.step({"w": w}, {"w": grad})
    points = points[:kept]
    return Trajectory(points, surface.f(points[:, 0], points[:, 1]), kept < steps + 1)


def _grad_in_bounds(surface: Surface, w: np.ndarray) -> np.ndarray | None:
    """``∇J(w)``, or ``None`` once ``w`` has left the box ``|x|, |y| ≤ DIVERGENCE_BOUND`` or ``∇J`` is not finite."""
    x, y = float(w[0]), float(w[1])
    if not (abs(x) <= DIVERGENCE_BOUND and abs(y) <= DIVERGENCE_BOUND):  # False for NaN too
        return None
    gx, gy = surface.df(x, y)
    return np.array((gx, gy)) if math.isfinite(gx) and math.isfinite(gy) else None


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

    Reference: SYLLABUS §9.

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

    Reference: SYLLABUS §9.

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

    Reference: SYLLABUS §9.

    >>> round(log10_critical_point_odds(20000), 1)   # 2^-20000 is about 10^-6020.6
    -6020.6
    """
    return -_validate.positive_int(n_directions, "n_directions") * math.log10(2.0)
