"""Learning-rate decay schedules (notebook 09), and when a cost curve has stalled (manual decay).

Each factory checks its hyperparameters once and returns a plain function ``n -> α`` of an epoch
number or a mini-batch (step) number. Numbers count from 1, as in the lecture's examples and in
:func:`coursekit.train.train` (epoch 1 runs with ``schedule(1)``); ``n = 0`` is accepted too and gives
``α₀``, except for :func:`inverse_sqrt_decay`, which needs ``n >= 1``. Such a function can be plotted,
tested, and handed to :func:`coursekit.train.train`.

The schedules practitioners use after the lecture — warmup, cosine decay and one-cycle — are in
:mod:`coursekit.warmup_and_cosine`.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from coursekit import _validate

Schedule = Callable[[int], float]


def constant(lr0: float) -> Schedule:
    """No decay: ``α = α₀`` for every epoch.

    >>> constant(0.1)(7)
    0.1
    """
    lr0 = _validate.positive(lr0, "lr0")

    def schedule(epoch: int) -> float:
        _validate.non_negative_int(epoch, "epoch")
        return lr0

    return schedule


def inverse_time_decay(lr0: float, decay_rate: float = 1.0) -> Schedule:
    """Inverse-time decay: ``α = α₀ / (1 + decay_rate · epoch_num)``.

    Reference: notebook 09 (α₀ = 0.2, decay_rate = 1 gives 0.1, 0.067, 0.05, 0.04 for epochs 1-4).

    >>> [round(inverse_time_decay(0.2, decay_rate=1.0)(e), 3) for e in (1, 2, 3, 4)]
    [0.1, 0.067, 0.05, 0.04]
    """
    lr0 = _validate.positive(lr0, "lr0")
    decay_rate = _validate.non_negative(decay_rate, "decay_rate")

    def schedule(epoch: int) -> float:
        epoch = _validate.non_negative_int(epoch, "epoch")
        return lr0 / (1 + decay_rate * epoch)

    return schedule


def interval_inverse_time_decay(lr0: float, decay_rate: float = 1.0, time_interval: int = 1000) -> Schedule:
    """Inverse-time decay applied only every ``time_interval`` epochs (a staircase of inverse-time steps).

    ``α = α₀ / (1 + decay_rate · floor(epoch_num / time_interval))``

    Reference: notebook 09.

    >>> s = interval_inverse_time_decay(0.1, decay_rate=1.0, time_interval=10)
    >>> [round(s(e), 4) for e in (0, 9, 10, 25)]
    [0.1, 0.1, 0.05, 0.0333]
    """
    lr0 = _validate.positive(lr0, "lr0")
    decay_rate = _validate.non_negative(decay_rate, "decay_rate")
    time_interval = _validate.positive_int(time_interval, "time_interval")

    def schedule(epoch: int) -> float:
        epoch = _validate.non_negative_int(epoch, "epoch")
        return lr0 / (1 + decay_rate * (epoch // time_interval))

    return schedule


def exponential_decay(lr0: float, base: float = 0.95) -> Schedule:
    """Exponential decay: ``α = base^epoch_num · α₀`` (the lecture uses base 0.95).

    Reference: notebook 09.

    >>> round(exponential_decay(1.0, base=0.95)(2), 4)
    0.9025
    """
    lr0 = _validate.positive(lr0, "lr0")
    base = _validate.factor(base, "base")

    def schedule(epoch: int) -> float:
        epoch = _validate.non_negative_int(epoch, "epoch")
        return base**epoch * lr0

    return schedule


def inverse_sqrt_decay(lr0: float, k: float = 1.0) -> Schedule:
    """Inverse square-root decay: ``α = k / √n · α₀``, with ``n`` the epoch number or the mini-batch number t.

    Hand the returned function epochs for the lecture's ``k/√epoch_num`` and steps for ``k/√t``.

    Reference: notebook 09.

    >>> inverse_sqrt_decay(0.1, k=1.0)(4)
    0.05
    """
    lr0 = _validate.positive(lr0, "lr0")
    k = _validate.positive(k, "k")

    def schedule(n: int) -> float:
        n = _validate.positive_int(n, "n")
        return k / math.sqrt(n) * lr0

    return schedule


def staircase_decay(lr0: float, factor: float = 0.5, every: int = 10) -> Schedule:
    """Discrete staircase: multiply α by ``factor`` every ``every`` epochs (or steps).

    ``α = α₀ · factor^floor(n / every)``

    Reference: notebook 09 ("halve α every so many steps").

    >>> [staircase_decay(0.8, factor=0.5, every=10)(n) for n in (0, 9, 10, 20)]
    [0.8, 0.8, 0.4, 0.2]
    """
    lr0 = _validate.positive(lr0, "lr0")
    factor = _validate.factor(factor, "factor")
    every = _validate.positive_int(every, "every")

    def schedule(n: int) -> float:
        n = _validate.non_negative_int(n, "n")
        return lr0 * factor ** (n // every)

    return schedule


def manual_decay(lr0: float, drops, factor: float = 0.1) -> Schedule:
    """Decay by hand: multiply α by ``factor`` at each epoch listed in ``drops`` (a step schedule).

    ``α = α₀ · factor^k``, with ``k`` the number of drop epochs ``d ≤ n``. The drops are the epochs at
    which someone watching the cost decided that it had stopped improving (see :func:`stalled_at`).

    Args:
        lr0: ``α₀`` > 0.  drops: the epochs (integers ≥ 1) from which α is lowered, in any order.
        factor: in (0, 1], what each drop multiplies α by.

    Reference: notebook 09 ("manual decay while watching a long run").

    >>> s = manual_decay(0.5, drops=[3, 6], factor=0.1)
    >>> [round(s(n), 4) for n in (1, 2, 3, 5, 6, 9)]
    [0.5, 0.5, 0.05, 0.05, 0.005, 0.005]
    """
    lr0 = _validate.positive(lr0, "lr0")
    factor = _validate.factor(factor, "factor")
    drops = _validate.sequence(drops, "drops", "epochs (integers >= 1)")
    drops = sorted(_validate.positive_int(d, f"drops[{i}]") for i, d in enumerate(drops))

    def schedule(n: int) -> float:
        n = _validate.non_negative_int(n, "n")
        return lr0 * factor ** sum(d <= n for d in drops)

    return schedule


def stall_epochs(costs, patience: int = 10, min_decrease: float = 0.01) -> list[int]:
    """The epochs at which a watcher sees the cost stall and cuts α: ``patience`` epochs in a row without a new best.

    A new best is a cost ``J_e < (1 − min_decrease) · best``, where ``best`` is the last new best (at first +∞);
    a NaN cost (a run that diverged) is never one. An epoch ``e`` that completes ``patience`` epochs without a new
    best is a stall: α is cut from epoch ``e + 1`` on, and the count starts again from that cut (the best is kept).

    Args:
        costs: ``J_1, J_2, ...``, one per epoch so far (e.g. ``History.epoch_costs``); NaN and +∞ are allowed.
        patience: epochs without progress before a cut, ≥ 1.  min_decrease: relative progress that counts, in [0, 1).

    Returns:
        The stall epochs (from 1), in order; each depends only on the costs up to it.

    Reference: notebook 09 ("manual decay": lower α by hand when the cost stops improving).

    >>> stall_epochs([1.0, 0.5, 0.3, 0.299, 0.31, 0.3, 0.3, 0.3, 0.3], patience=3)
    [6, 9]
    >>> stall_epochs([1.0, 0.5, 0.25], patience=3)
    []
    """
    costs = _validate.array(costs, "costs", ndim=1, finite=False)
    patience = _validate.positive_int(patience, "patience")
    min_decrease = _validate.beta(min_decrease, "min_decrease")
    best, since, stalls = math.inf, 0, []
    for epoch, J in enumerate(costs.tolist(), start=1):
        if J < (1 - min_decrease) * best:
            best, since = J, 0
        else:
            since += 1
            if since == patience:
                stalls.append(epoch)
                since = 0
    return stalls


def stalled_at(costs, patience: int = 10, min_decrease: float = 0.01) -> int | None:
    """The first epoch of :func:`stall_epochs` for a finite cost curve, or ``None`` if it never stalls.

    Reference: notebook 09.

    >>> stalled_at([1.0, 0.5, 0.3, 0.299, 0.31, 0.298], patience=3)
    6
    >>> stalled_at([1.0, 0.5, 0.25], patience=3) is None
    True
    """
    costs = _validate.not_empty(_validate.array(costs, "costs", ndim=1), "costs")
    stalls = stall_epochs(costs, patience, min_decrease)
    return stalls[0] if stalls else None


class WhenStalled:
    """Manual decay with a watcher: ``α = α₀ · factor^k``, ``k`` the stalls that ``detect`` finds in the costs so far.

    A schedule that watches its own run: hand it to :func:`coursekit.train.train` as the schedule and its
    :meth:`watch` as the progress, ``train(..., schedule=plan, progress=plan.watch)``. At the start of epoch ``e``
    it calls ``detect(J_1..J_{e−1}, patience, min_decrease)``, so a stall seen at the end of epoch ``c`` lowers α
    from epoch ``c + 1``. One plan serves one run.

    Args:
        lr0: ``α₀`` > 0.  factor: in (0, 1], what each cut multiplies α by.
        detect: the stall detector, a function ``(costs, patience, min_decrease) -> stall epochs``
            (:func:`stall_epochs`, or the learner's own of notebook 09).
        patience, min_decrease: as in :func:`stall_epochs`.

    Reference: notebook 09.

    >>> plan = WhenStalled(1.0, factor=0.1, patience=2)
    >>> for epoch, J in enumerate([1.0, 0.5, 0.5, 0.5], start=1):
    ...     plan.watch(epoch, 4, J, 1.0)
    >>> plan(5), plan.stalls
    (0.1, [4])
    """

    def __init__(self, lr0: float, factor: float = 0.1, detect=stall_epochs, patience: int = 10,
                 min_decrease: float = 0.01):
        self.lr0 = _validate.positive(lr0, "lr0")
        self.factor = _validate.factor(factor, "factor")
        if not callable(detect):
            raise TypeError(f"detect must be a function (costs, patience, min_decrease) -> epochs, got {detect!r}")
        self.detect, self.costs, self.stalls = detect, [], []
        self.patience = _validate.positive_int(patience, "patience")
        self.min_decrease = _validate.beta(min_decrease, "min_decrease")

    def watch(self, epoch: int, epochs: int, J: float, accuracy: float) -> None:
        """Note the cost ``J`` of the epoch just run (the signature of ``train``'s ``progress``)."""
        self.costs.append(float(J))

    def __call__(self, epoch: int) -> float:
        epoch = _validate.positive_int(epoch, "epoch")
        seen = self.costs[: epoch - 1]
        self.stalls = [int(e) for e in self.detect(list(seen), self.patience, self.min_decrease)] if seen else []
        return self.lr0 * self.factor ** len(self.stalls)

