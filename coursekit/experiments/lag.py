"""How far an exponentially weighted average trails its data, and how much it smooths (notebook 04).

Today's average gives past values most of its weight, so it describes a moment in the past. Its
**lag** is measured here on data with seasons, as the delay between the peak of the average's yearly
wave and the peak of the data's (:func:`seasonal_curve`, :func:`seasonal_peak`, :func:`lag`), and
compared with two predictions: the mean age of the weights, ``β / (1 − β)``, which is the lag behind
any straight trend (:func:`mean_age`), and the exact delay behind a yearly cycle (:func:`cycle_delay`).
The smoothing bought with that lag is the size of the day-to-day wiggle left in the average
(:func:`roughness`); :func:`lag_table` gathers all four for a list of ``β``.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from coursekit import _validate
from coursekit.averages import ewa

#: The length of a year in days: the period of the seasonal curve.
YEAR = 365.25


def mean_age(beta: float) -> float:
    """The mean age of the values in ``v_t``: the weighted mean of ``k`` under the weights ``(1 − β) β^k``.

    ``Σ_k k (1 − β) β^k = β / (1 − β)``. On a straight trend ``θ_t = a + b t`` the average settles at
    ``v_t = θ_{t − β/(1 − β)}``: it trails the data by exactly this many steps.

    Args:
        beta: ``β`` in [0, 1).

    Returns:
        ``β / (1 − β)`` steps (days for daily data).

    Reference: notebook 04.

    >>> round(mean_age(0.9), 9), round(mean_age(0.98), 9)
    (9.0, 49.0)
    """
    beta = _validate.beta(beta, "beta")
    return beta / (1 - beta)


def cycle_delay(beta: float, period: float = YEAR) -> float:
    """How many steps the average of a pure cycle of ``period`` steps trails that cycle.

    For ``θ_t = cos(ω t)``, ``ω = 2π / period``, the settled average is ``A cos(ω (t − d))`` with
    ``d = atan2(β sin ω, 1 − β cos ω) / ω``. For a slow cycle ``d`` is close to :func:`mean_age`; when the
    weights reach over a good part of the cycle, it is shorter, because the cycle turns back within them.

    Args:
        beta: ``β`` in [0, 1).  period: the cycle's length in steps, a number > 2.

    Returns:
        ``d`` in steps (days for daily data).

    Reference: notebook 04.

    >>> round(cycle_delay(0.9), 1), round(cycle_delay(0.98), 1)
    (8.9, 40.5)
    """
    beta = _validate.beta(beta, "beta")
    omega = 2 * math.pi / _period(period)
    return math.atan2(beta * math.sin(omega), 1 - beta * math.cos(omega)) / omega


def _period(period) -> float:
    """``period`` as a float after checking it is a number > 2: a cycle of 2 steps or fewer has no wave to fit."""
    period = _validate.positive(period, "period")
    if period <= 2:
        raise ValueError(f"period must be a number > 2 (steps per cycle), got {period!r}")
    return period


def _wave(thetas, period: float) -> tuple[np.ndarray, np.ndarray]:
    """The least-squares coefficients ``(a, b, c)`` of ``a + b cos(ω t) + c sin(ω t)``, and that basis."""
    thetas = _validate.array(thetas, "thetas", ndim=1)
    period = _period(period)
    if len(thetas) < period:
        raise ValueError(f"thetas must cover at least one period ({period:g} values), got {len(thetas)}")
    angle = 2 * np.pi * np.arange(len(thetas)) / period
    basis = np.stack([np.ones_like(angle), np.cos(angle), np.sin(angle)], axis=1)
    coefficients, *_ = np.linalg.lstsq(basis, thetas, rcond=None)
    return coefficients, basis


def seasonal_curve(thetas, period: float = YEAR) -> np.ndarray:
    """The yearly wave that best fits the data: a smooth, lag-free picture of the seasons.

    ``c_t = a + b cos(ω t) + c sin(ω t)``, ``ω = 2π / period``, ``t = 0..T−1``, with ``a, b, c`` fitted by
    least squares to ``θ_1..θ_T``.

    Args:
        thetas: ``θ_1..θ_T``, a 1-D array of finite numbers covering at least one period.
        period: the length of the cycle in steps (365.25 days for daily data).

    Returns:
        ``[c_1..c_T]``, a 1-D float array.

    Reference: notebook 04.

    >>> t = np.arange(730)
    >>> data = 10 + 5 * np.cos(2 * np.pi * t / YEAR - 1.0)
    >>> bool(np.allclose(seasonal_curve(data), data))
    True
    """
    coefficients, basis = _wave(thetas, period)
    return basis @ coefficients


def seasonal_peak(thetas, period: float = YEAR) -> float:
    """When the data's yearly wave (:func:`seasonal_curve`) is highest: a step in ``[0, period)``, from 0.

    ``a + b cos(ω t) + c sin(ω t) = a + R cos(ω t − φ)`` with ``φ = atan2(c, b)``: it peaks at ``t = φ / ω``.

    Args:
        thetas: ``θ_1..θ_T``, covering at least one period.  period: the cycle's length in steps.

    Returns:
        The step of the peak, counted from the first value (0), as a float.

    Reference: notebook 04.

    >>> t = np.arange(730)
    >>> round(seasonal_peak(10 + 5 * np.cos(2 * np.pi * (t - 200) / YEAR)), 6)
    200.0
    """
    (_, b, c), _ = _wave(thetas, period)
    peak = (math.atan2(c, b) * period / (2 * math.pi)) % period
    return 0.0 if peak == period else float(peak)  # a peak a hair before step 0 rounds up to `period`


def lag(smoothed, thetas, start: int = 0, period: float = YEAR) -> float:
    """How many steps a smoothed sequence trails its data: the delay between the peaks of their yearly waves.

    ``d = seasonal_peak(s) − seasonal_peak(θ)``, both fitted to the steps ``start..T−1``, taken in
    ``(−period/2, period/2]``. The wave of the data shifted by ``d`` peaks with the wave of ``s``.

    Args:
        smoothed: ``s``, e.g. an exponentially weighted average of ``thetas``.
        thetas: ``θ``, of the same length.  start: the first step fitted (from 0): leave out the warm-up.
        period: the cycle's length in steps.

    Returns:
        ``d`` in steps (days for daily data), positive when ``s`` comes later.

    Reference: notebook 04.

    >>> t = np.arange(1000)
    >>> round(lag(np.sin(2 * np.pi * (t - 30) / YEAR), np.sin(2 * np.pi * t / YEAR)), 6)
    30.0
    """
    smoothed = _validate.array(smoothed, "smoothed", ndim=1)
    thetas = _validate.array(thetas, "thetas", ndim=1)
    _validate.same_shape(thetas, "thetas", smoothed, "smoothed")
    start = _validate.start(start, len(thetas), "thetas")
    delay = seasonal_peak(smoothed[start:], period) - seasonal_peak(thetas[start:], period)
    return float(-((-delay + period / 2) % period - period / 2))


def roughness(smoothed, start: int = 0) -> float:
    """The day-to-day wiggle of a sequence: the standard deviation of ``s_{t+1} − s_t`` for ``t >= start``.

    Args:
        smoothed: ``s``, a 1-D array of finite numbers.  start: the first step counted (from 0).

    Returns:
        The standard deviation, in the units of ``s`` per step.

    Reference: notebook 04.

    >>> roughness([0.0, 1.0, 2.0, 3.0]), roughness([0.0, 1.0, 0.0, 1.0, 0.0])
    (0.0, 1.0)
    """
    smoothed = _validate.array(smoothed, "smoothed", ndim=1)
    start = _validate.non_negative_int(start, "start")
    if len(smoothed) - start < 2:
        raise ValueError(f"start must leave at least 2 values of the {len(smoothed)}, got {start}")
    return float(np.std(np.diff(smoothed[start:])))


class LagTable(NamedTuple):
    """Lag and smoothing of the average for several ``β``: one entry per ``β`` in each array.

    >>> LagTable(*np.array([[0.9], [8.9], [9.0], [8.92], [0.35]]))._fields[:3]
    ('betas', 'lag', 'mean_age')
    """

    betas: np.ndarray
    lag: np.ndarray  #: measured: the delay of the average's yearly wave behind the data's
    mean_age: np.ndarray  #: β / (1 − β): the lag behind a straight trend
    cycle_delay: np.ndarray  #: the exact lag behind a yearly wave
    roughness: np.ndarray  #: standard deviation of the average's day-to-day change


def lag_table(thetas, betas, start: int = 365, period: float = YEAR) -> LagTable:
    """Measure, for each ``β``, how far the average trails the data and how smooth it is.

    For each ``β``: ``v = ewa(θ, β)``; :func:`lag` of ``v`` behind ``θ`` and :func:`roughness` of ``v``, both
    from ``start`` on, beside the predictions :func:`mean_age` and :func:`cycle_delay`.

    Args:
        thetas: ``θ_1..θ_T``, e.g. four years of daily temperatures.  betas: the ``β`` values, each in [0, 1).
        start: the first day measured (from 0), after the averages' warm-up.
        period: the length of the seasonal cycle in steps.

    Returns:
        A :class:`LagTable`.

    Reference: notebook 04.

    >>> t = np.arange(1461)
    >>> table = lag_table(10 + 5 * np.sin(2 * np.pi * t / YEAR), [0.9, 0.98])
    >>> np.round(table.lag, 1).tolist(), np.round(table.cycle_delay, 1).tolist()
    ([8.9, 40.5], [8.9, 40.5])
    """
    thetas = _validate.array(thetas, "thetas", ndim=1)
    betas = _validate.sequence(betas, "betas", "numbers in [0, 1)", non_empty=True)
    betas = [_validate.beta(b, f"betas[{i}]") for i, b in enumerate(betas)]
    averages = [ewa(thetas, beta) for beta in betas]
    return LagTable(
        betas=np.array(betas),
        lag=np.array([lag(v, thetas, start, period) for v in averages]),
        mean_age=np.array([mean_age(beta) for beta in betas]),
        cycle_delay=np.array([cycle_delay(beta, period) for beta in betas]),
        roughness=np.array([roughness(v, start) for v in averages]),
    )
