"""How long an epoch of training takes with each optimizer, measured fairly on a shared, noisy machine (notebook 07).

A comparison "against seconds" needs each optimizer's cost per epoch. Every training run measures its own
(:attr:`coursekit.train.History.seconds_per_epoch`), but one run is at the mercy of whatever else the
machine does, so :func:`seconds_per_epoch` trains every optimizer several times, *interleaved* (GD, Adam,
GD, Adam, ... rather than GD, GD, ..., Adam, Adam), and keeps the median of each: a slow moment then hurts
every optimizer alike, and one outlier changes no median.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping

from coursekit import _validate
from coursekit.optim import make_optimizer
from coursekit.train import train


def seconds_per_epoch(X, Y, layer_dims, lrs: Mapping[str, float], epochs: int = 1, repeats: int = 5,
                      mini_batch_size: int = 64, seed: int = 0, beta1: float = 0.9,
                      beta2: float | None = None) -> dict[str, float]:
    """The seconds per epoch of :func:`coursekit.train.train` for each optimizer: the median of several runs.

    ``seconds[name] = median over repeats of train(..., make_optimizer(name, α), epochs).seconds_per_epoch``
    (:attr:`coursekit.train.History.seconds_per_epoch`), the repeats of all optimizers interleaved.

    Args:
        X, Y, layer_dims, mini_batch_size, seed: as in :func:`coursekit.train.train`.
        lrs: ``{optimizer name: α}``.  epochs: epochs per measurement.  repeats: measurements per optimizer.
        beta1: momentum's ``β`` and Adam's ``β₁``.  beta2: ``β₂`` of RMSprop and Adam (``None``: each one's
            default, RMSprop 0.9 and Adam 0.999).

    Returns:
        ``{name: seconds per epoch}``, in the order of ``lrs``.

    Reference: notebook 07 (cost against seconds).

    >>> from coursekit.data import two_moons
    >>> seconds = seconds_per_epoch(*two_moons(m=64), [2, 3, 1], {"GD": 0.1, "Adam": 0.01}, repeats=3)
    >>> sorted(seconds), all(s > 0 for s in seconds.values())
    (['Adam', 'GD'], True)
    """
    if not isinstance(lrs, Mapping) or not lrs:
        raise TypeError(f"lrs must be a non-empty dict optimizer name -> α, got {lrs!r}")
    epochs = _validate.positive_int(epochs, "epochs")
    repeats = _validate.positive_int(repeats, "repeats")
    seconds = {name: [] for name in lrs}
    for _ in range(repeats):
        for name, lr in lrs.items():
            history = train(X, Y, layer_dims, make_optimizer(name, lr, beta1, beta2), epochs, mini_batch_size, seed=seed)
            seconds[name].append(history.seconds_per_epoch)
    return {name: statistics.median(values) for name, values in seconds.items()}
