"""Two-dimensional loss surfaces with analytic derivatives: the pictures of notebooks 06-08 and 10.

A :class:`Surface` holds a loss ``J(x, y)``, its gradient and Hessian in closed form, its known minima, a plotting
window and a default start point. The factories build the pictures of the course: an elongated bowl
(:func:`elongated_quadratic`) and the same bowl turned off the axes (:func:`rotated_quadratic`), Rosenbrock's banana
valley (:func:`rosenbrock`), a saddle (:func:`saddle`), a plateau (:func:`plateau`) and a bowl with several wells
(:func:`several_minima`). :func:`coursekit.trajectories.trajectory` runs an optimizer on one.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from coursekit import _validate


@dataclass(frozen=True, repr=False)
class Surface:
    """A 2-D loss surface ``J(x, y)`` with its gradient and Hessian in closed form.

    ``∇J = (∂J/∂x, ∂J/∂y)``;  ``H = [[∂²J/∂x², ∂²J/∂x∂y], [∂²J/∂x∂y, ∂²J/∂y²]]``

    Args:
        name: the call that built it, e.g. ``"rosenbrock(a=1.0, b=100.0)"`` (its ``repr``).
        f: ``J(x, y)``, element-wise on numpy arrays of equal shape (contour grids).
        df: ``(x, y) -> (∂J/∂x, ∂J/∂y)``, element-wise too (quiver plots).
        d2f: ``(x, y) -> (∂²J/∂x², ∂²J/∂x∂y, ∂²J/∂y²)``.
        minima: the known local minima, as ``(x, y)`` tuples.
        start: a default start point ``(x, y)`` that shows the surface's lesson.
        xlim, ylim: a plotting window ``(low, high)``.
        saddles: known saddle points, if any.
        title: what a figure calls it, e.g. ``"Rosenbrock's valley"`` (default: ``name``).

    Reference: notebooks 06 and 10.

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
    title: str = ""

    def __post_init__(self):
        if not self.title:
            object.__setattr__(self, "title", self.name)

    def loss(self, point) -> float:
        """``J(x, y)`` at one point given as an array-like of shape (2,)."""
        return float(self.f(*_validate.point(point)))

    def grad(self, point) -> np.ndarray:
        """``∇J(x, y)``, an array of shape (2,), at one point given as an array-like of shape (2,)."""
        return np.array(self.df(*_validate.point(point)), dtype=float)

    def hessian(self, point) -> np.ndarray:
        """The Hessian ``H(x, y)``, a symmetric array of shape (2, 2), at one point of shape (2,)."""
        fxx, fxy, fyy = self.d2f(*_validate.point(point))
        return np.array([[fxx, fxy], [fxy, fyy]], dtype=float)

    def __repr__(self) -> str:
        minima = [tuple(round(float(c), 4) for c in p) for p in self.minima]
        start = tuple(round(float(c), 4) for c in self.start)
        return f"Surface({self.name!r}, minima={minima}, start={start})"


def elongated_quadratic(condition_number: float = 10.0, scale: float = 1.0) -> Surface:
    """A bowl elongated along x: gradient descent zig-zags across the narrow y direction.

    ``J(x, y) = ½ · scale · (x² + κ y²)``, Hessian ``diag(scale, κ · scale)``, minimum at (0, 0).

    Args:
        condition_number: ``κ`` ≥ 1, the ratio of the Hessian's eigenvalues (largest / smallest).
        scale: the curvature along x, > 0 (the stable learning rates of GD are ``α < 2 / (κ · scale)``).

    Returns:
        A :class:`Surface` with start point (−1.8, 0.6) in the window [−2, 2] × [−1, 1].

    Reference: notebook 06.

    >>> elongated_quadratic(50.0).hessian([0.3, -0.2]).tolist()
    [[1.0, 0.0], [0.0, 50.0]]
    """
    kappa = _validate.at_least(condition_number, "condition_number", 1)
    c = _validate.positive(scale, "scale")
    return Surface(
        name=f"elongated_quadratic(condition_number={kappa!r}, scale={c!r})",
        title=f"elongated bowl, κ = {kappa:.3g}" + ("" if c == 1 else f", scale {c:.3g}"),
        f=lambda x, y: 0.5 * c * (x * x + kappa * y * y),
        df=lambda x, y: (c * x, c * kappa * y),
        d2f=lambda x, y: (c + 0 * x, 0 * x, c * kappa + 0 * x),  # + 0 * x: constants take the grid's shape
        minima=((0.0, 0.0),),
        start=(-1.8, 0.6),
        xlim=(-2.0, 2.0),
        ylim=(-1.0, 1.0),
    )


def rotated_quadratic(condition_number: float = 10.0, angle: float = 45.0) -> Surface:
    """The elongated bowl turned by ``angle`` degrees: its steep direction no longer lies along an axis.

    ``J(w) = ½ wᵀ H w`` with ``H = R diag(1, κ) Rᵀ``, ``R`` the rotation by ``θ = angle``; so
    ``H = [[cos²θ + κ sin²θ, (1 − κ) sinθ cosθ], [(1 − κ) sinθ cosθ, sin²θ + κ cos²θ]]``. The
    eigenvalues are still 1 and ``κ``: gradient descent behaves exactly as on the unturned bowl, while a
    per-coordinate method (RMSprop, Adam) sees both coordinates mix steep and flat curvature.

    Args:
        condition_number: ``κ`` ≥ 1.  angle: ``θ`` in degrees (0 gives :func:`elongated_quadratic`).

    Returns:
        A :class:`Surface` with minimum (0, 0); start point and window those of the unturned bowl, turned.

    Reference: notebook 07 (the limit of per-coordinate scaling).

    >>> h = rotated_quadratic(10.0, 45.0).hessian([0.0, 0.0])
    >>> h.round(6).tolist(), np.linalg.eigvalsh(h).round(6).tolist()
    ([[5.5, -4.5], [-4.5, 5.5]], [1.0, 10.0])
    """
    kappa = _validate.at_least(condition_number, "condition_number", 1)
    theta = math.radians(_validate.finite(angle, "angle"))
    c, s = math.cos(theta), math.sin(theta)
    hxx, hxy, hyy = c * c + kappa * s * s, (1 - kappa) * s * c, s * s + kappa * c * c
    start = (-1.8 * c - 0.6 * s, -1.8 * s + 0.6 * c)
    half = max(abs(start[0]), abs(start[1])) + 0.4
    return Surface(
        name=f"rotated_quadratic(condition_number={kappa!r}, angle={angle!r})",
        title=f"elongated bowl, κ = {kappa:.3g}, turned {angle:g}°",
        f=lambda x, y: 0.5 * (hxx * x * x + 2 * hxy * x * y + hyy * y * y),
        df=lambda x, y: (hxx * x + hxy * y, hxy * x + hyy * y),
        d2f=lambda x, y: (hxx + 0 * x, hxy + 0 * x, hyy + 0 * x),
        minima=((0.0, 0.0),),
        start=start,
        xlim=(-half, half),
        ylim=(-half, half),
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
    a = _validate.finite(a, "a")
    b = _validate.positive(b, "b")
    return Surface(
        name=f"rosenbrock(a={a!r}, b={b!r})",
        title="Rosenbrock's valley" + ("" if (a, b) == (1.0, 100.0) else f", a = {a:g}, b = {b:g}"),
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

    Reference: notebook 10; Dauphin et al. (2014).

    >>> saddle().hessian([0.0, 0.0]).tolist()
    [[2.0, 0.0], [0.0, -2.0]]
    """
    return Surface(
        name="saddle()",
        title="a saddle point",
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

    Reference: notebook 10.

    >>> round(plateau().loss([4.5, 3.0]), 3), round(float(np.linalg.norm(plateau().grad([4.5, 3.0]))), 4)
    (1.015, 0.0054)
    """
    slope = _validate.positive(slope, "slope")
    f, df, d2f = _wells_on_bowl(slope, ((0.0, 0.0, 1.0, 1.0),), offset=1.0)
    return Surface(f"plateau(slope={slope!r})", f, df, d2f, ((0.0, 0.0),), (4.5, 3.0), (-6.0, 6.0), (-6.0, 6.0),
                   title=f"a plateau around a well (floor curvature {slope:g})")


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

    Reference: notebook 10.

    >>> [round(c, 2) for c in several_minima().minima[0]]
    [1.43, 0.48]
    """
    f, df, d2f = _wells_on_bowl(0.2, _SEVERAL_WELLS)
    minima = sorted((_newton(df, d2f, (cx, cy)) for cx, cy, _, _ in _SEVERAL_WELLS), key=lambda p: f(*p))
    return Surface("several_minima()", f, df, d2f, tuple(minima), (-2.5, 2.5), (-3.0, 3.0), (-3.0, 3.0),
                   title="a bowl with several minima")


def _newton(df, d2f, point, iterations: int = 20) -> tuple[float, float]:
    """Refine a critical point of ``J`` by Newton's method: ``p := p − H⁻¹ ∇J``."""
    p = np.array(point, dtype=float)
    for _ in range(iterations):
        hxx, hxy, hyy = d2f(*p)
        p = p - np.linalg.solve([[hxx, hxy], [hxy, hyy]], df(*p))
    return float(p[0]), float(p[1])
