"""The exponentially weighted average against a moving window: accuracy, memory and time (notebook 04).

A **moving window** averages the last ``N`` values with equal weights; it must keep those ``N`` values.
The **exponentially weighted average** keeps one number. The two are compared fairly at equal lag:
the window's values have mean age ``(N − 1) / 2``, and so do the average's when ``β = (N − 1) / (N + 1)``
(:func:`matched_beta`); on independent noise both then leave the same variance, ``σ² / N``.
:func:`compare_to_reference` measures how close each comes to a reference curve for a range of ``N``;
:class:`EwaSmoother` and :class:`WindowSmoother` update one value at a time, say how many numbers they
keep, and :func:`time_per_update` times them.
"""

from __future__ import annotations

import copy
import statistics
import time
from typing import NamedTuple

import numpy as np

from coursekit import _validate
from coursekit.averages import ewa


def moving_average(thetas, window: int) -> np.ndarray:
    """The trailing moving average: the mean of the last ``N`` values (of all of them while fewer exist).

    ``m_t = (θ_{t−n+1} + … + θ_t) / n`` with ``n = min(t, N)``.

    Args:
        thetas: ``θ_1..θ_T``, a 1-D array of finite numbers.  window: ``N``, an integer >= 1.

    Returns:
        ``[m_1..m_T]``, a 1-D float array.

    Reference: notebook 04.

    >>> moving_average([3.0, 6.0, 9.0, 0.0], window=2).tolist()
    [3.0, 4.5, 7.5, 4.5]
    """
    thetas = _validate.array(thetas, "thetas", ndim=1)
    window = _validate.positive_int(window, "window")
    sums = np.concatenate([[0.0], np.cumsum(thetas)])
    t = np.arange(1, len(thetas) + 1)
    first = np.maximum(0, t - window)
    return (sums[t] - sums[first]) / (t - first)


def matched_beta(window: int) -> float:
    """The ``β`` whose average trails the data as much as a moving window of ``N`` values: ``(N − 1) / (N + 1)``.

    Equal mean ages: ``β / (1 − β) = (N − 1) / 2``. On independent noise of variance ``σ²`` both then
    leave ``σ² / N``: ``(1 − β) / (1 + β) = 1 / N``. (The rule of thumb ``N ≈ 1 / (1 − β)`` matches where the
    weights fall to ``1/e`` instead, and gives the average twice the window's lag.)

    Args:
        window: ``N``, an integer >= 1.

    Returns:
        ``β`` in [0, 1).

    Reference: notebook 04.

    >>> matched_beta(19), round(matched_beta(19) / (1 - matched_beta(19)), 9)
    (0.9, 9.0)
    """
    window = _validate.positive_int(window, "window")
    return (window - 1) / (window + 1)


def rms_distance(a, b, start: int = 0) -> float:
    """The root-mean-square distance between two sequences from step ``start`` on.

    ``√(mean_t (a_t − b_t)²)`` over ``t = start..T−1`` (counting from 0).

    Args:
        a, b: two 1-D arrays of finite numbers of the same length ``T``.
        start: the first step compared: leave out a smoother's warm-up.

    Returns:
        The distance, in the units of ``a``.

    Reference: notebook 04.

    >>> rms_distance([1.0, 2.0, 5.0], [1.0, 0.0, 1.0], start=1)
    3.1622776601683795
    """
    a = _validate.not_empty(_validate.array(a, "a", ndim=1), "a")
    b = _validate.array(b, "b", ndim=1)
    _validate.same_shape(a, "a", b, "b")
    start = _validate.start(start, len(a), "the sequences")
    return float(np.sqrt(np.mean((a[start:] - b[start:]) ** 2)))


class WindowComparison(NamedTuple):
    """Distances to a reference of a moving window of ``N`` values and of the average with ``matched_beta(N)``.

    One entry per ``N`` in each array (see :func:`compare_to_reference`).

    >>> WindowComparison(np.array([19]), np.array([0.9]), np.array([2.01]), np.array([1.96])).betas.tolist()
    [0.9]
    """

    windows: np.ndarray
    betas: np.ndarray  #: matched_beta of each window
    window_error: np.ndarray  #: rms_distance(moving_average(θ, N), reference)
    ewa_error: np.ndarray  #: rms_distance(ewa(θ, matched_beta(N)), reference)


def compare_to_reference(thetas, reference, windows, start: int = 365) -> WindowComparison:
    """How close a moving window and an exponentially weighted average of equal lag come to a reference.

    For each ``N``: ``rms_distance(moving_average(θ, N), r)`` and ``rms_distance(ewa(θ, (N − 1)/(N + 1)), r)``,
    from step ``start`` on (leave out the warm-up of both).

    Args:
        thetas: ``θ_1..θ_T``.  reference: ``r``, what a smoother should recover (e.g. the seasonal curve).
        windows: the window sizes ``N`` to try, integers >= 1.  start: the first step compared (from 0).

    Returns:
        A :class:`WindowComparison`.

    Reference: notebook 04.

    >>> theta = np.array([0.0, 2.0] * 50)
    >>> c = compare_to_reference(theta, np.ones(100), [1, 2], start=10)
    >>> c.window_error.tolist()
    [1.0, 0.0]
    """
    thetas = _validate.array(thetas, "thetas", ndim=1)
    reference = _validate.array(reference, "reference", ndim=1)
    _validate.same_shape(thetas, "thetas", reference, "reference")
    windows = _validate.sequence(windows, "windows", "window sizes (integers >= 1)", non_empty=True)
    windows = [_validate.positive_int(n, f"windows[{i}]") for i, n in enumerate(windows)]
    betas = [matched_beta(n) for n in windows]
    return WindowComparison(
        windows=np.array(windows),
        betas=np.array(betas),
        window_error=np.array([rms_distance(moving_average(thetas, n), reference, start) for n in windows]),
        ewa_error=np.array([rms_distance(ewa(thetas, beta), reference, start) for beta in betas]),
    )


class EwaSmoother:
    """The exponentially weighted average, one value at a time: ``v := β v + (1 − β) θ``, from ``v = 0``.

    It keeps one number (or one array of the values' shape): ``v``. ``β`` is checked once, when it is made,
    and each update is then the bare formula of :func:`coursekit.averages.ewa_step` (``tests/experiments/test_smoothers.py``
    shows the two equal), so that its time compares fairly with :class:`WindowSmoother`'s.

    Args:
        beta: ``β`` in [0, 1).

    Reference: notebook 04.

    >>> s = EwaSmoother(beta=0.5)
    >>> [s.update(x) for x in (10.0, 10.0)], s.numbers_kept, s.nbytes
    ([5.0, 7.5], 1, 8)
    """

    def __init__(self, beta: float):
        self.beta = _validate.beta(beta, "beta")
        self.v = 0.0

    def update(self, theta):
        """Take in ``θ_t`` and return ``v_t``."""
        self.v = self.beta * self.v + (1 - self.beta) * theta
        return self.v

    @property
    def numbers_kept(self) -> int:
        """How many numbers the smoother stores between updates: those of ``v``."""
        return int(np.size(self.v))

    @property
    def nbytes(self) -> int:
        """The bytes of the stored numbers (8 per float64)."""
        return int(np.asarray(self.v, dtype=float).nbytes)


class WindowSmoother:
    """The moving window of :func:`moving_average`, one value at a time, with a running sum.

    It keeps the last ``N`` values in a ring and their sum: ``N + 1`` numbers (or arrays). With the
    running sum an update costs the same whatever ``N`` (add the new value, subtract the one that leaves);
    the memory does not: the ``N`` values must be kept to know what leaves.

    Args:
        window: ``N``, an integer >= 1.

    Reference: notebook 04.

    >>> s = WindowSmoother(window=2)
    >>> [s.update(x) for x in (3.0, 6.0, 9.0)], s.numbers_kept, s.nbytes
    ([3.0, 4.5, 7.5], 3, 24)
    """

    def __init__(self, window: int):
        self.window = _validate.positive_int(window, "window")
        _validate.budget(window, "window", memory=8 * self.window)  # a reference to each value kept
        self._values = [0.0] * self.window
        self._total, self._next, self._count = 0.0, 0, 0

    def update(self, theta):
        """Take in ``θ_t`` and return ``m_t``, the mean of the last ``min(t, N)`` values."""
        if isinstance(theta, np.ndarray):
            theta = theta.copy()  # keep our own copy: the caller may reuse its array
        self._total = self._total - self._values[self._next] + theta
        self._values[self._next] = theta
        self._next = (self._next + 1) % self.window
        self._count = min(self._count + 1, self.window)
        return self._total / self._count

    @property
    def numbers_kept(self) -> int:
        """How many numbers the smoother stores between updates: the ``N`` values and their sum."""
        return int(sum(np.size(x) for x in self._values) + np.size(self._total))

    @property
    def nbytes(self) -> int:
        """The bytes of the stored numbers (8 per float64)."""
        return int(sum(np.asarray(x, dtype=float).nbytes for x in [*self._values, self._total]))


def time_per_update(smoothers: dict, thetas, repeats: int = 5) -> dict:
    """The median time one ``update`` takes, in seconds, for each smoother, over a whole sequence.

    Each repeat runs every smoother in turn (interleaved, so that a busy moment of the machine hurts them
    alike) on a fresh copy over all of ``θ``; the result is the median over the repeats of
    ``elapsed / T``. The smoothers given are not changed.

    Args:
        smoothers: ``{name: smoother}``, each with an ``update(θ)`` method.
        thetas: ``θ_1..θ_T``, a 1-D array of finite numbers.  repeats: how many runs per smoother, >= 1.

    Returns:
        ``{name: seconds per update}``.

    Reference: notebook 04.

    >>> times = time_per_update({"EWA": EwaSmoother(0.9)}, np.ones(100), repeats=3)
    >>> 0 < times["EWA"] < 1
    True
    """
    if not isinstance(smoothers, dict) or not smoothers:
        raise TypeError(f"smoothers must be a non-empty dict name -> smoother, got {smoothers!r:.80}")
    for name, smoother in smoothers.items():
        if not callable(getattr(smoother, "update", None)):
            raise TypeError(f"smoothers[{name!r}] must have an update(theta) method, got {type(smoother).__name__}")
    values = _validate.not_empty(_validate.array(thetas, "thetas", ndim=1), "thetas").tolist()
    repeats = _validate.positive_int(repeats, "repeats")
    _validate.budget(repeats, "repeats", operations=repeats * len(smoothers) * len(values) * _validate.STEP_OPERATIONS)
    seconds = {name: [] for name in smoothers}
    for _ in range(repeats):
        for name, smoother in smoothers.items():
            update = copy.deepcopy(smoother).update
            begin = time.perf_counter()
            for theta in values:
                update(theta)
            seconds[name].append((time.perf_counter() - begin) / len(values))
    return {name: statistics.median(times) for name, times in seconds.items()}
