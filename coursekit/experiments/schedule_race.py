"""A fair race of learning-rate schedules — constant, step decay, cosine, warmup + cosine — and warmup's first steps (notebook 12).

Each contender is a schedule of the epoch that peaks at ``α``: :func:`race_schedule` builds it from
:mod:`coursekit.schedules` and :mod:`coursekit.warmup_and_cosine`. :func:`contenders` makes one optimizer and one
schedule per pair (schedule, ``α`` of a grid), ready for
:func:`coursekit.experiments.over_seeds.train_over_seeds`, which trains them all from every seed side by side
on the same mini-batches and the same budget; :meth:`Contenders.split` hands its runs back by schedule, as
:class:`~coursekit.experiments.over_seeds.SeedSweep` holds them, so that each schedule is judged at its own best
``α``. :func:`early_cost` measures what warmup is for: the cost over a run's first mini-batch steps.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from coursekit import _validate, schedules
from coursekit.optim import OPTIMIZERS, make_optimizer
from coursekit.schedules import Schedule
from coursekit.warmup_and_cosine import cosine_decay, warmup_cosine

__all__ = ["RACE", "Contenders", "contenders", "early_cost", "race_schedule"]

#: The contenders of the race, in the order the notebook shows them.
RACE = ("constant", "step decay", "cosine", "warmup + cosine")


def race_schedule(name: str, lr: float, epochs: int, warmup: int = 4) -> Schedule:
    """The schedule ``epoch -> α`` of one contender (epochs counted from 1, as :func:`coursekit.train.train` counts),
    peaking at ``α = lr``, for a run of ``E = epochs`` epochs.

    * ``"constant"``: ``α`` in every epoch;
    * ``"step decay"``: ``α``, divided by 10 from epoch ``⌊E/2⌋ + 1`` and by 100 from epoch ``⌊3E/4⌋ + 1``
      (torch's ``MultiStepLR(milestones=[⌊E/2⌋, ⌊3E/4⌋], gamma=0.1)``);
    * ``"cosine"``: ``cosine_decay(α, E)(e − 1)``, from ``α`` in epoch 1 down along half a cosine;
    * ``"warmup + cosine"``: ``warmup_cosine(α, W, E)(e − 1)``: from ``α/3`` up to ``α`` over ``W = warmup``
      epochs, then the cosine.

    The two of :mod:`coursekit.warmup_and_cosine` count ``t`` from 0 as torch does: epoch ``e`` runs with ``α(e − 1)``.

    Args:
        name: one of :data:`RACE`.  lr: the peak ``α`` > 0.  epochs: ``E``, the run's epochs, ≥ 2.
        warmup: ``W``, the warmup's epochs (of ``"warmup + cosine"``), in [1, E).

    Reference: notebook 12; Goyal et al. 2017 (warmup), Loshchilov & Hutter, ICLR 2017 (cosine).

    >>> [round(race_schedule("step decay", 1.0, epochs=8)(e), 3) for e in range(1, 9)]
    [1.0, 1.0, 1.0, 1.0, 0.1, 0.1, 0.01, 0.01]
    >>> [round(race_schedule("warmup + cosine", 0.3, epochs=6, warmup=2)(e), 3) for e in range(1, 7)]
    [0.1, 0.2, 0.3, 0.256, 0.15, 0.044]
    """
    _validate.one_of(name, "name", RACE)
    lr = _validate.positive(lr, "lr")
    epochs = _validate.positive_int(epochs, "epochs")
    if epochs < 2:
        raise ValueError(f"epochs must be an integer >= 2 (a warmup and a decay), got {epochs}")
    warmup = _validate.positive_int(warmup, "warmup")
    if name == "warmup + cosine" and warmup >= epochs:
        raise ValueError(f"warmup must be an integer in [1, epochs), here [1, {epochs}), got {warmup}")
    if name == "constant":
        return schedules.constant(lr)
    if name == "step decay":
        return schedules.manual_decay(lr, drops=[epochs // 2 + 1, 3 * epochs // 4 + 1], factor=0.1)
    from_zero = cosine_decay(lr, epochs) if name == "cosine" else warmup_cosine(lr, warmup, epochs)
    return lambda epoch: from_zero(_validate.positive_int(epoch, "epoch") - 1)


class Contenders(NamedTuple):
    """One run per pair (schedule, ``α``), schedule by schedule: ``optimizers[i]`` and ``schedules[i]`` are run ``i``,
    ``names[i // len(lrs)]`` at ``α = lrs[i % len(lrs)]``.

    >>> race = contenders(["constant", "cosine"], [0.01, 0.1], epochs=10)
    >>> len(race.optimizers), race.optimizers[3], round(race.schedules[3](10), 4)
    (4, Adam(lr=0.1, beta1=0.9, beta2=0.999, eps=1e-08), 0.0024)
    """

    names: tuple
    lrs: np.ndarray
    optimizers: list
    schedules: list

    def split(self, trained: Sequence) -> dict:
        """The runs of ``train_over_seeds(..., self.optimizers, seeds, ..., schedules=self.schedules)`` by schedule:
        ``{name: ((run per seed) per α)}``, the ``histories`` of a :class:`~coursekit.experiments.over_seeds.SeedSweep`
        over ``self.lrs``."""
        trained = _validate.sequence(trained, "trained", "one row of runs per contender")
        if len(trained) != len(self.optimizers):
            raise ValueError(f"trained must hold one row of runs per contender ({len(self.optimizers)}), "
                             f"got {len(trained)}")
        n = len(self.lrs)
        return {name: tuple(tuple(row) for row in trained[i * n:(i + 1) * n]) for i, name in enumerate(self.names)}


def contenders(names: Sequence[str], lrs, epochs: int, warmup: int = 4, optimizer: str = "Adam", beta1: float = 0.9,
               beta2: float | None = None) -> Contenders:
    """Every schedule of ``names`` at every peak ``α`` of the grid ``lrs``: a fresh optimizer and its schedule.

    Args:
        names: schedules of :data:`RACE`.  lrs: the grid, distinct ``α`` > 0.  epochs, warmup: as in
            :func:`race_schedule`.  optimizer, beta1, beta2: as in :func:`coursekit.optim.make_optimizer`.

    Returns:
        A :class:`Contenders`.

    Reference: notebook 12 (each schedule at its own best peak α, same budget, same seeds).

    >>> race = contenders(RACE, [0.01, 0.1], epochs=40)
    >>> len(race.optimizers), [round(race.schedules[i](1), 4) for i in (1, 3, 5, 7)]   # α of epoch 1, at α = 0.1
    (8, [0.1, 0.1, 0.1, 0.0333])
    """
    names = _validate.names(names, "names", RACE)
    lrs = _validate.array(lrs, "lrs", ndim=1)
    if not lrs.size or (lrs <= 0).any() or len(set(lrs.tolist())) < lrs.size:
        raise ValueError(f"lrs must be distinct learning rates > 0, got {lrs.tolist()}")
    _validate.one_of(optimizer, "optimizer", OPTIMIZERS)
    optimizers = [make_optimizer(optimizer, float(lr), beta1, beta2) for _ in names for lr in lrs]
    made = [race_schedule(name, float(lr), epochs, warmup) for name in names for lr in lrs]
    return Contenders(names, lrs, optimizers, made)


def early_cost(runs, steps: int) -> np.ndarray:
    """The mean mini-batch cost over each run's first ``steps`` steps: ``(1/steps) Σ_{t ≤ steps} J{t}``.

    Args:
        runs: :class:`~coursekit.train.History` objects (one per seed, say).  steps: the first steps, ≥ 1, at
            most the steps of the shortest run.

    Returns:
        One mean per run, an array.

    Reference: notebook 12 (warmup keeps Adam's first steps small); Liu et al., "On the variance of the adaptive
    learning rate and beyond", ICLR 2020.

    >>> from coursekit.data import two_moons
    >>> from coursekit.optim import Adam
    >>> from coursekit.train import train
    >>> h = train(*two_moons(m=64, seed=0), [2, 4, 1], Adam(0.01), epochs=2, mini_batch_size=16)
    >>> bool(early_cost([h], steps=8)[0] == h.costs.mean())
    True
    """
    runs = _validate.sequence(runs, "runs", "training histories", non_empty=True)
    steps = _validate.positive_int(steps, "steps")
    shortest = min(len(h.costs) for h in runs)
    if steps > shortest:
        raise ValueError(f"steps must be an integer in [1, {shortest}] (the steps of the shortest run), got {steps}")
    return np.array([h.costs[:steps].mean() for h in runs])
