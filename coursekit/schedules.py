"""Learning-rate decay schedules (notebook 08).

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
