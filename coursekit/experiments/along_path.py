"""What an optimizer sees and keeps along its path on a surface (notebooks 06-07).

:func:`gradients` gives the gradients ``dW_t`` that the optimizer saw at ``w_0, w_1, …``. The state of
momentum and RMSprop is an exponentially weighted average of them (notebook 04), one per coordinate
(:func:`averages`): momentum's velocity ``v_t`` averages ``dW``, RMSprop's ``s_t`` averages ``dW²``; and
RMSprop moves each coordinate by ``dW`` times its :func:`effective_step` ``α / (√s_t + ε)``.
"""

from __future__ import annotations

import numpy as np

from coursekit import _validate
from coursekit.averages import ewa
from coursekit.surfaces import Surface
from coursekit.trajectories import Trajectory


def gradients(surface: Surface, run: Trajectory) -> np.ndarray:
    """The gradients an optimizer used along its path: ``dW_t = ∇J(w_{t−1})`` for ``t = 1..T``.

    Args:
        surface: the :class:`~coursekit.surfaces.Surface` the path was run on.
        run: a :class:`~coursekit.trajectories.Trajectory` of ``T`` steps (``T + 1`` points).

    Returns:
        An array of shape ``(T, 2)``: row ``t − 1`` is the gradient of step ``t``, at ``w_{t−1}``.

    Reference: notebooks 06-07.

    >>> from coursekit.optim import GD
    >>> from coursekit.surfaces import elongated_quadratic
    >>> from coursekit.trajectories import trajectory
    >>> run = trajectory(elongated_quadratic(10.0), GD(lr=0.1), start=(1.0, 1.0), steps=2)
    >>> gradients(elongated_quadratic(10.0), run).tolist()
    [[1.0, 10.0], [0.9, 0.0]]
    """
    _validate.instance(surface, "surface", Surface)
    if not isinstance(run, Trajectory):
        raise TypeError(f"run must be a Trajectory (coursekit.trajectories.trajectory), got {type(run).__name__}")
    points = run.points[:-1]
    return np.column_stack(surface.df(points[:, 0], points[:, 1])).astype(float).reshape(len(points), 2)


def averages(values, beta: float) -> np.ndarray:
    """The exponentially weighted average of each column of ``values``, from ``v_0 = 0`` (no bias correction).

    ``v_t = β v_{t−1} + (1 − β) θ_t`` per coordinate: momentum's velocity when ``θ_t = dW_t``, RMSprop's
    ``s_t`` when ``θ_t = dW_t²`` (with ``β₂``).

    Args:
        values: ``θ_1..θ_T`` as an array of shape ``(T, n)``, e.g. :func:`gradients`.  beta: ``β`` in [0, 1).

    Returns:
        An array of the same shape: row ``t − 1`` is ``v_t``.

    Reference: notebooks 04, 06-07.

    >>> averages([[10.0, -10.0], [10.0, 10.0]], beta=0.5).tolist()   # a steady and an alternating column
    [[5.0, -5.0], [7.5, 2.5]]
    """
    values = _validate.not_empty(_validate.array(values, "values", ndim=2), "values")
    beta = _validate.beta(beta, "beta")
    return np.column_stack([ewa(column, beta) for column in values.T]).reshape(values.shape)


def effective_step(s, lr: float, eps: float = 1e-8) -> np.ndarray:
    """RMSprop's step per unit of gradient, per coordinate: ``α / (√s + ε)``, so that the step is ``dW`` times it.

    Args:
        s: the mean squares ``s`` (≥ 0), any shape.  lr: ``α`` > 0.
        eps: ``ε`` ≥ 0; 0 shows what happens without it: ``inf`` where ``s = 0``.

    Returns:
        An array of ``α / (√s + ε)`` of the shape of ``s``.

    Reference: notebook 07.

    >>> effective_step([4.0, 0.0], lr=0.1, eps=1e-8).round(6).tolist()   # √s = 2; where s = 0, α / ε
    [0.05, 10000000.0]
    >>> effective_step([4.0, 0.0], lr=0.1, eps=0.0).tolist()
    [0.05, inf]
    """
    s = _validate.array(s, "s")
    if np.any(s < 0):
        raise ValueError(f"s must hold mean squares >= 0, got a minimum of {float(s.min())!r}")
    lr = _validate.positive(lr, "lr")
    eps = _validate.non_negative(eps, "eps")
    with np.errstate(divide="ignore"):
        return lr / (np.sqrt(s) + eps)
