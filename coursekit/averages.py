"""Exponentially weighted averages (notebook 03) and their bias correction (notebook 04).

The two one-step helpers, :func:`ewa_step` and :func:`bias_correct`, are the very functions that
momentum, RMSprop and Adam use in :mod:`coursekit.optim`; :func:`ewa` applies them to a whole
sequence, such as a year of daily temperatures.
"""

from __future__ import annotations

import numpy as np

from coursekit import _validate


def ewa_step(v, theta, beta: float):
    """One step of an exponentially weighted average.

    ``v_t = β v_{t−1} + (1 − β) θ_t``

    Args:
        v: the running average ``v_{t−1}`` (a number or an array).
        theta: the new value ``θ_t``, of the same shape as ``v``.
        beta: ``β`` in [0, 1); the average covers roughly ``1 / (1 − β)`` values.

    Returns:
        ``v_t``, a new value; the arguments are not modified.

    Reference: notebook 03.

    >>> ewa_step(0.0, 10.0, beta=0.5)
    5.0
    """
    beta = _validate.beta(beta, "beta")
    return beta * v + (1 - beta) * theta


def bias_correct(v, beta: float, t: int):
    """Correct a zero-initialised exponentially weighted average for its start-up bias.

    ``v̂_t = v_t / (1 − β^t)``

    Args:
        v: the average ``v_t`` after ``t`` steps from ``v_0 = 0``.
        beta: the ``β`` the average was computed with, in [0, 1).
        t: the number of steps taken, counting from 1.

    Returns:
        ``v̂_t``, a new value.

    Reference: notebook 04; Kingma & Ba (2015), Algorithm 1.

    >>> round(bias_correct(0.2, beta=0.9, t=2), 6)   # 0.2 / (1 - 0.81)
    1.052632
    """
    beta = _validate.beta(beta, "beta")
    t = _validate.positive_int(t, "t")
    return v / (1 - beta**t)


def ewa(thetas, beta: float, bias_correction: bool = False) -> np.ndarray:
    """Exponentially weighted average of a whole sequence, starting from ``v_0 = 0``.

    ``v_t = β v_{t−1} + (1 − β) θ_t`` for t = 1..T, optionally returned as ``v_t / (1 − β^t)``.

    Args:
        thetas: the sequence ``θ_1..θ_T``, a 1-D array of finite numbers.
        beta: ``β`` in [0, 1).
        bias_correction: divide each ``v_t`` by ``1 − β^t`` (notebook 04).

    Returns:
        A 1-D float array ``[v_1, ..., v_T]`` of the same length as ``thetas``.

    Reference: notebooks 03-04.

    >>> ewa([10.0, 10.0, 10.0], beta=0.5).tolist()
    [5.0, 7.5, 8.75]
    >>> ewa([10.0, 10.0, 10.0], beta=0.5, bias_correction=True).tolist()
    [10.0, 10.0, 10.0]
    """
    thetas = _validate.array(thetas, "thetas", ndim=1)
    beta = _validate.beta(beta, "beta")
    out = np.empty_like(thetas)
    v = 0.0
    for t, theta in enumerate(thetas, start=1):
        v = ewa_step(v, theta, beta)
        out[t - 1] = bias_correct(v, beta, t) if bias_correction else v
    return out
