"""A long plateau before a well, and how many steps an optimizer needs to get off it (notebook 10).

:func:`long_plateau` builds the surface: a gentle, almost flat tilt of slope ``s`` around a well of depth 1.
Far from the well the gradient has the same small size ``s`` everywhere, so gradient descent moves
``α · s`` per step whatever the distance, while RMSprop and Adam divide by the gradient's own size.
:func:`steps_to_leave` reads off the first step below a loss level; :func:`plateau_data` runs five
optimizers over plateaus of many lengths.
"""

from __future__ import annotations

import numpy as np

from coursekit import _validate
from coursekit.optim import GD, Adam, Momentum, RMSprop
from coursekit.surfaces import Surface
from coursekit.trajectories import from_starts

#: A run has left the plateau once ``J`` falls below this level: halfway down the well (the floor is ≈ 0).
LEAVE_LEVEL = -0.5


def long_plateau(length: float = 10.0, slope: float = 0.02) -> Surface:
    """A nearly flat plateau of a given length, tilted gently towards a well of depth 1.

    ``J(x, y) = s · √(1 + x² + y²) − exp(−(x² + y²) / 2)``, minimum at (0, 0) where ``J = s − 1``.

    Farther than ≈ 3 from the origin the well has vanished (``exp(−r²/2) < 0.011``) and
    ``‖∇J‖ = s · r / √(1 + r²) ≈ s``: a plateau whose gradient has the same small size everywhere. At the
    bottom of the well the curvature is ``1 + s`` in every direction, so gradient descent needs
    ``α < 2 / (1 + s)`` to settle there.

    Args:
        length: the distance ``L`` ≥ 3 from the start point to the minimum (the plateau runs from ``r = L``
            down to ``r ≈ 3``).
        slope: the tilt ``s`` > 0 of the plateau (smaller = flatter).

    Returns:
        A :class:`Surface` starting at (−L, 0), with a window from x = −L − 1 to 3.

    Reference: notebook 10.

    >>> s = long_plateau(length=10.0, slope=0.02)
    >>> round(float(np.linalg.norm(s.grad(s.start))), 4), (s.hessian([0.0, 0.0]).round(6) + 0.0).tolist()
    (0.0199, [[1.02, 0.0], [0.0, 1.02]])
    """
    length = _length(length, "length")
    s = _validate.positive(slope, "slope")

    def f(x, y):
        r2 = x * x + y * y
        return s * np.sqrt(1 + r2) - np.exp(-r2 / 2)

    def df(x, y):
        r2 = x * x + y * y
        k = s / np.sqrt(1 + r2) + np.exp(-r2 / 2)
        return k * x, k * y

    def d2f(x, y):
        r2 = x * x + y * y
        root, well = np.sqrt(1 + r2), np.exp(-r2 / 2)
        k = s / root + well  # ∇J = k · (x, y), and ∂k/∂x = x · (−s / root³ − well)
        dk = -s / root**3 - well
        return k + dk * x * x, dk * x * y, k + dk * y * y

    return Surface(
        name=f"long_plateau(length={length!r}, slope={s!r})",
        title=f"a plateau of length {length:g} (slope {s:g})",
        f=f, df=df, d2f=d2f,
        minima=((0.0, 0.0),),
        start=(-length, 0.0),
        xlim=(-length - 1.0, 3.0),
        ylim=(-2.0, 2.0),
    )


def _length(value, name: str) -> float:
    """A plateau's length as a float after checking it is a finite number >= 3 (the well is about 3 wide)."""
    length = _validate.positive(value, name)
    if length < 3:
        raise ValueError(f"{name} must be >= 3 (the well itself is about 3 wide), got {value!r}")
    return length


def steps_to_leave(losses, level: float = LEAVE_LEVEL) -> int | None:
    """The first step ``t`` at which ``J(w_t) < level``: when a run has left the plateau (0 = the start).

    Args:
        losses: ``J(w_0), J(w_1), ...`` (e.g. ``Trajectory.losses``); NaN after a run was stopped.
        level: the loss level that counts as off the plateau (default ``LEAVE_LEVEL`` = −0.5).

    Returns:
        The step number, or ``None`` if the run never got below ``level``.

    Reference: notebook 10.

    >>> steps_to_leave([0.2, 0.1, -0.3, -0.7, -0.9]), steps_to_leave([0.2, 0.19]) is None
    (3, True)
    """
    losses = _validate.array(losses, "losses", ndim=1, finite=False)
    level = _validate.finite(level, "level")
    with np.errstate(invalid="ignore"):
        below = np.flatnonzero(losses < level)
    return int(below[0]) if below.size else None


def steps_near(losses, level: float, tol: float) -> int:
    """How many steps ``t`` have ``|J(w_t) − level| ≤ tol``: how long a run pauses at a cost level.

    Args:
        losses: ``J(w_0), J(w_1), ...``.  level: the cost level (e.g. a saddle point's cost).  tol: > 0.

    Returns:
        The number of steps, an int.

    Reference: notebook 10.

    >>> steps_near([0.3, 0.3, 0.29, 0.2, 0.1], level=0.3, tol=0.015)
    3
    """
    losses = _validate.array(losses, "losses", ndim=1, finite=False)
    level = _validate.finite(level, "level")
    tol = _validate.positive(tol, "tol")
    with np.errstate(invalid="ignore"):
        return int(np.sum(np.abs(losses - level) <= tol))


#: The runs of :func:`plateau_data`: a label, and how to make the optimizer from ``α`` and ``β``.
PLATEAU_RUNS = {
    "GD": lambda lr, beta: GD(lr),
    "Momentum": lambda lr, beta: Momentum(lr, beta=beta),
    "Momentum, α / (1 − β)": lambda lr, beta: Momentum(lr / (1 - beta), beta=beta),
    "RMSprop": lambda lr, beta: RMSprop(lr, beta2=0.9),
    "Adam": lambda lr, beta: Adam(lr, beta1=beta, beta2=0.999),
}


def plateau_data(lengths, lr: float, slope: float = 0.02, steps: int = 1500, beta: float = 0.9) -> dict:
    """The loss per step of GD, momentum (at ``α`` and ``α / (1 − β)``), RMSprop and Adam on plateaus of many lengths.

    Every run starts at ``(−L, 0)`` on the surface :func:`long_plateau` of the longest ``L`` (the surface is
    the same, only the start moves) and takes ``T`` steps (all lengths at once, :func:`~coursekit.trajectories.from_starts`).
    RMSprop uses ``β₂ = 0.9`` (Hinton's lecture value) and Adam ``β₁ = β``, ``β₂ = 0.999``.

    Args:
        lengths: the plateau lengths ``L`` (each ≥ 3).  lr: the shared ``α``.  slope: the plateau's tilt ``s``.
        steps: ``T``.  beta: momentum's ``β`` (and Adam's ``β₁``).

    Returns:
        ``{label: array (len(lengths), T + 1) of J(w_t)}`` with the labels of ``PLATEAU_RUNS``.

    Reference: notebook 10.

    >>> data = plateau_data([5, 10], lr=0.3, steps=100)
    >>> data["Adam"].shape, steps_to_leave(data["Adam"][0])
    ((2, 101), 14)
    """
    lengths = _validate.sequence(lengths, "lengths", "plateau lengths >= 3", non_empty=True)
    lengths = [_length(L, f"lengths[{i}]") for i, L in enumerate(lengths)]
    surface = long_plateau(max(lengths), slope)
    lr, beta = _validate.positive(lr, "lr"), _validate.beta(beta, "beta")
    steps = _validate.positive_int(steps, "steps")
    starts = [(-L, 0.0) for L in lengths]
    data = {}
    for label, make in PLATEAU_RUNS.items():
        w = from_starts(surface, make(lr, beta), starts, steps=steps)  # NaN after a run that diverged and stopped
        data[label] = surface.f(w[..., 0], w[..., 1]).T
    return data
