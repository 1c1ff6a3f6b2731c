"""Exponentially weighted averages (notebook 04) and their bias correction (notebook 05).

The two one-step helpers, :func:`ewa_step` and :func:`bias_correct`, are the very functions that
momentum, RMSprop and Adam use in :mod:`coursekit.optim`; :func:`ewa` applies them to a whole
sequence, such as a year of daily temperatures. The rest describes the average: the weights it gives
to past values (:func:`ewa_weights`, :func:`e_folding_steps`), and how large its start-up bias is and
how long it lasts (:func:`correction_factor`, :func:`warmup_steps`, :func:`startup_bias`).
"""

from __future__ import annotations

import math

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

    Reference: notebook 04.

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

    Reference: notebook 05; Kingma & Ba (2015), Algorithm 1.

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
        bias_correction: divide each ``v_t`` by ``1 − β^t`` (notebook 05).

    Returns:
        A 1-D float array ``[v_1, ..., v_T]`` of the same length as ``thetas``.

    Reference: notebooks 04-05.

    >>> ewa([10.0, 10.0, 10.0], beta=0.5).tolist()
    [5.0, 7.5, 8.75]
    >>> ewa([10.0, 10.0, 10.0], beta=0.5, bias_correction=True).tolist()
    [10.0, 10.0, 10.0]
    """
    thetas = _validate.not_empty(_validate.array(thetas, "thetas", ndim=1), "thetas")
    beta = _validate.beta(beta, "beta")
    out = np.empty_like(thetas)
    v = 0.0
    for t, theta in enumerate(thetas, start=1):
        v = ewa_step(v, theta, beta)
        out[t - 1] = bias_correct(v, beta, t) if bias_correction else v
    return out


def ewa_weights(beta: float, n: int) -> np.ndarray:
    """The weight that ``v_t`` gives to the value ``k`` steps back, for ``k = 0..n−1``.

    ``v_t = (1 − β) θ_t + (1 − β) β θ_{t−1} + (1 − β) β² θ_{t−2} + …``, so the weight of ``θ_{t−k}`` is
    ``(1 − β) β^k``; the first ``n`` weights sum to ``1 − β^n``.

    Args:
        beta: ``β`` in [0, 1).  n: how many weights, an integer >= 1.

    Returns:
        A 1-D float array ``[(1 − β), (1 − β) β, …, (1 − β) β^(n−1)]``.

    Reference: notebook 04.

    >>> ewa_weights(0.5, 3).tolist()
    [0.5, 0.25, 0.125]
    """
    beta = _validate.beta(beta, "beta")
    n = _validate.positive_int(n, "n")
    _validate.budget(n, "n", memory=3 * 8 * n)  # k, β^k and the weights
    return (1 - beta) * beta ** np.arange(n)


def e_folding_steps(beta: float) -> float:
    """How many steps back the weights take to fall to ``1/e`` of the newest one.

    ``β^k = 1/e``  ⇔  ``k = −1 / ln β``; close to ``1 / (1 − β)`` because ``(1 − ε)^(1/ε) ≈ 1/e`` for small
    ``ε = 1 − β``.

    Args:
        beta: ``β`` in [0, 1); with ``β = 0`` only the newest value counts and the answer is 0.

    Returns:
        ``k`` as a float (not rounded).

    Reference: notebook 04.

    >>> round(e_folding_steps(0.9), 2), round(e_folding_steps(0.98), 2)
    (9.49, 49.5)
    """
    beta = _validate.beta(beta, "beta")
    return 0.0 if beta == 0 else -1 / math.log(beta)


def correction_factor(beta: float, t) -> np.ndarray | float:
    """The factor by which bias correction multiplies ``v_t``: ``1 / (1 − β^t)``, for one ``t`` or many.

    ``v̂_t = v_t / (1 − β^t)``: large at the start (``1 / (1 − β)`` at ``t = 1``), tending to 1 as ``β^t → 0``.

    Args:
        beta: ``β`` in [0, 1).  t: the step, an integer >= 1, or an array of them.

    Returns:
        A float for an integer ``t``; a float array of the shape of ``t`` otherwise.

    Reference: notebook 05.

    >>> round(correction_factor(0.98, 1), 6), correction_factor(0.5, [1, 2, 3]).tolist()
    (50.0, [2.0, 1.3333333333333333, 1.1428571428571428])
    """
    beta = _validate.beta(beta, "beta")
    if isinstance(t, (int, np.integer)) and not isinstance(t, bool):
        return 1 / (1 - beta ** _validate.positive_int(int(t), "t"))
    steps = np.asarray(t)
    if steps.dtype.kind not in "iu" or steps.size == 0 or steps.min() < 1:
        raise ValueError(f"t must be an integer >= 1 or a non-empty array of them, got {t!r:.80}")
    return 1 / (1 - beta ** steps.astype(float))


#: The smallest gap :func:`warmup_steps` measures: much below it, ``1 + tolerance`` rounds to 1.
MIN_TOLERANCE = 1e-12


def warmup_steps(beta: float, tolerance: float = 0.01) -> int:
    """The first step at which the bias-correction factor is within ``tolerance`` of 1.

    The smallest ``t`` with ``1 / (1 − β^t) <= 1 + tolerance``, i.e. ``β^t <= tolerance / (1 + tolerance)``:
    from then on the uncorrected average is at most ``tolerance`` (relatively) below the corrected one.

    Args:
        beta: ``β`` in [0, 1).  tolerance: the accepted relative gap, a number >= ``MIN_TOLERANCE`` (0.01 is 1 %).

    Returns:
        ``t``, an integer >= 1.

    Reference: notebook 05.

    >>> warmup_steps(0.9), warmup_steps(0.999)
    (44, 4613)
    """
    beta = _validate.beta(beta, "beta")
    tolerance = _validate.at_least(tolerance, "tolerance", MIN_TOLERANCE)
    if beta == 0:
        return 1
    def within(t: int) -> bool:
        return correction_factor(beta, t) <= 1 + tolerance

    # The logs give t up to their rounding, which for β a hair below 1 is off by millions: from that guess,
    # steps that double find a t within (high) and one not within (low, 0 standing for none), then halving.
    high, step = max(1, math.ceil(math.log(tolerance / (1 + tolerance)) / math.log(beta))), 1
    while not within(high):
        high, step = high + step, 2 * step
    low, step = high - 1, 1
    while low >= 1 and within(low):
        high, low, step = low, low - step, 2 * step
    low = max(low, 0)
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if within(middle) else (middle, high)
    return high


def startup_bias(thetas, beta: float, days: int = 7) -> float:
    """How far the uncorrected average starts below the corrected one: the mean of ``v̂_t − v_t`` over the first days.

    ``v̂_t − v_t = β^t v̂_t``: the share ``β^t`` of the level that the average, started from ``v_0 = 0``, has
    not collected yet. It grows with the level of the data, so it is large when the data start high.

    Args:
        thetas: the sequence ``θ_1..θ_T``, a 1-D array of finite numbers, ``T >= days``.
        beta: ``β`` in [0, 1).  days: how many of the first steps to average over, an integer >= 1.

    Returns:
        ``(1 / days) Σ_{t=1..days} (v̂_t − v_t)``, in the units of ``θ``.

    Reference: notebook 05.

    >>> round(startup_bias([10.0, 10.0], beta=0.5, days=2), 6)   # (10 − 5 + 10 − 7.5) / 2
    3.75
    """
    thetas = _validate.array(thetas, "thetas", ndim=1)
    days = _validate.positive_int(days, "days")
    if len(thetas) < days:
        raise ValueError(f"thetas must hold at least days = {days} values, got {len(thetas)}")
    first = thetas[:days]
    return float(np.mean(ewa(first, beta, bias_correction=True) - ewa(first, beta)))
