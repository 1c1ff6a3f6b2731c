"""Learning-rate decay schedules (notebook 08), and when a cost curve has stalled.

Each factory checks its hyperparameters once and returns a plain function ``n -> α`` of an epoch
number or a mini-batch (step) number. Numbers count from 1, as in the lecture's examples and in
:func:`coursekit.train.train` (epoch 1 runs with ``schedule(1)``); ``n = 0`` is accepted too and gives
``α₀``, except for :func:`inverse_sqrt_decay`, which needs ``n >= 1``. Such a function can be plotted,
tested, and handed to :func:`coursekit.train.train`.
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

    Reference: notebook 08 (α₀ = 0.2, decay_rate = 1 gives 0.1, 0.067, 0.05, 0.04 for epochs 1-4).

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

    Reference: notebook 08.

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

    Reference: notebook 08.

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

    Reference: notebook 08.

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

    Reference: notebook 08 ("halve α every so many steps").

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

    Reference: notebook 08 ("manual decay while watching a long run").

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


def stalled_at(costs, patience: int = 10, min_decrease: float = 0.01) -> int | None:
    """The epoch at which a cost curve stalls: ``patience`` epochs in a row without a new best by ``min_decrease``.

    A new best is a cost ``J_e < (1 − min_decrease) · min(J_1..J_{e−1})``. The answer is the epoch ``e`` (from 1)
    that completes ``patience`` epochs without one: the moment a person watching the curve would lower α.

    Args:
        costs: ``J_1, J_2, ...``, one per epoch (e.g. ``History.epoch_costs``).
        patience: epochs without progress, ≥ 1.  min_decrease: relative progress that counts, in [0, 1).

    Returns:
        The epoch number, or ``None`` if the curve never stalls.

    Reference: notebook 08.

    >>> stalled_at([1.0, 0.5, 0.3, 0.299, 0.31, 0.298], patience=3)
    6
    >>> stalled_at([1.0, 0.5, 0.25], patience=3) is None
    True
    """
    costs = _validate.not_empty(_validate.array(costs, "costs", ndim=1), "costs")
    patience = _validate.positive_int(patience, "patience")
    min_decrease = _validate.beta(min_decrease, "min_decrease")
    best, since = math.inf, 0
    for epoch, J in enumerate(costs, start=1):
        if J < (1 - min_decrease) * best:
            best, since = J, 0
        else:
            since += 1
            if since == patience:
                return epoch
    return None
