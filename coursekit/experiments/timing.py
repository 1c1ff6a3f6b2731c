"""How long an epoch of training takes, measured fairly on a shared, noisy machine (notebooks 01 and 08).

A comparison "against seconds" needs each contender's cost per epoch. Every training run measures its own
(:attr:`coursekit.train.History.seconds_per_epoch`), but one run is at the mercy of whatever else the
machine does, so the functions here train every contender several times, *interleaved* (GD, Adam, GD,
Adam, ... rather than GD, GD, ..., Adam, Adam), after one untimed run of each (compilation, caches), and
keep every run: a slow moment then hurts the runs taken side by side alike, and one outlier changes no
median. Everything runs on one BLAS thread (``threadpoolctl``), so that the computing thread's CPU time,
which :func:`coursekit.train.train` records, holds all the work (with several BLAS threads it would also
hold the time spent waiting for the others, which a busy machine stretches). A relation between two
contenders is read from the ratios of their runs taken side by side, and stated with its spread; when the
spread is too wide to tell which one is faster, :class:`Relation` says so.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

from coursekit import _validate
from coursekit.optim import OPTIMIZERS, Optimizer, make_optimizer
from coursekit.train import checked_run, train

__all__ = [
    "Relation", "Timings", "TOO_NOISY", "TRIMMED_FROM", "seconds_per_epoch", "seconds_per_epoch_by_size",
    "seconds_per_epoch_of",
]

#: A spread of ratios around 1 wider than this factor (``high / low``) cannot tell which contender is faster.
TOO_NOISY = 1.2
#: From this many repeats on, a relation leaves out the highest and the lowest ratio.
TRIMMED_FROM = 5


@dataclass(frozen=True)
class Relation:
    """How ``label``'s seconds per epoch compare with ``reference``'s: the ratios of their runs taken side by side.

    ``low`` and ``high`` bound the ratios ``seconds[label][i] / seconds[reference][i]`` of the ``repeats``, the
    highest and the lowest left out when there are at least :data:`TRIMMED_FROM` (for 7 repeats, the second
    lowest and second highest ratios bound the median ratio with 88 % confidence, whatever their
    distribution); ``median`` is their median. Reference: notebooks 01 and 08 (time per epoch).

    >>> relation = Relation("Adam", "GD", low=0.9, high=1.3, median=1.1, repeats=7)
    >>> relation.too_noisy
    True
    """

    label: str
    reference: str
    low: float
    high: float
    median: float
    repeats: int

    @property
    def too_noisy(self) -> bool:
        """Whether the spread straddles 1 and is wider than :data:`TOO_NOISY`: which one is faster is not known."""
        return self.low < 1 < self.high and self.high / self.low > TOO_NOISY

    def __str__(self) -> str:
        low, high = f"{self.low:.3g}", f"{self.high:.3g}"
        spread = f"{low} ×" if low == high else f"{low}–{high} ×"
        runs = f"{self.repeats} interleaved repeat{'' if self.repeats == 1 else 's'}"
        if self.repeats >= TRIMMED_FROM:
            runs += ", the highest and lowest left out"
        if self.too_noisy:
            return (f"{self.label} against {self.reference}: the machine was too noisy to tell which is faster "
                    f"({self.label} took {spread} {self.reference}'s time per epoch, {runs})")
        return f"{self.label} takes {spread} {self.reference}'s time per epoch ({runs})"


@dataclass(frozen=True)
class Timings:
    """Seconds per epoch measured interleaved: ``seconds[label]`` holds one value per repeat, and repeat ``i``
    of every label was taken in turn, side by side.

    >>> Timings({"GD": (0.2, 0.1, 0.3), "Adam": (0.2, 0.3, 0.4)}).medians
    {'GD': 0.2, 'Adam': 0.3}
    """

    seconds: dict[Hashable, tuple[float, ...]]

    @property
    def medians(self) -> dict[Hashable, float]:
        """``{label: median seconds per epoch}``, in the order of the labels."""
        return {label: statistics.median(values) for label, values in self.seconds.items()}

    def relation(self, label, reference) -> Relation:
        """How ``label``'s time per epoch compares with ``reference``'s, from the ratios of their side-by-side runs.

        >>> print(Timings({"GD": (1.0, 1.0, 1.0), "Adam": (1.2, 1.3, 1.4)}).relation("Adam", "GD"))
        Adam takes 1.2–1.4 × GD's time per epoch (3 interleaved repeats)
        """
        label = _validate.one_of(label, "label", list(self.seconds))
        reference = _validate.one_of(reference, "reference", list(self.seconds))
        ratios = np.sort(np.array(self.seconds[label]) / np.array(self.seconds[reference]))
        kept = ratios[1:-1] if len(ratios) >= TRIMMED_FROM else ratios
        return Relation(str(label), str(reference), float(kept[0]), float(kept[-1]), float(np.median(ratios)),
                        len(ratios))


@threadpool_limits.wrap(limits=1, user_api="blas")
def _interleaved(measures: Mapping[Hashable, Callable[[], float]], repeats: int) -> Timings:
    """Call every measure once untimed, then once per repeat, in turn, and keep every value of the repeats."""
    for measure in measures.values():
        measure()
    seconds = {label: [] for label in measures}
    for _ in range(repeats):
        for label, measure in measures.items():
            seconds[label].append(measure())
    return Timings({label: tuple(values) for label, values in seconds.items()})


def _checked_repeats(X, Y, layer_dims, epochs, sizes, seed, repeats) -> int:
    """Check the runs of every size before any training, and that ``repeats`` of them fit a laptop's minutes."""
    repeats = _validate.positive_int(repeats, "repeats")
    operations = 0
    for size in sizes:
        run = checked_run(X, Y, layer_dims, epochs, size, seed)
        weights = sum(value.size for value in run.params.values())
        operations += epochs * (run.steps_per_epoch * _validate.STEP_OPERATIONS + 8 * run.X.shape[1] * weights)
    _validate.budget(repeats, "repeats", operations=repeats * operations)
    return repeats


def seconds_per_epoch(X, Y, layer_dims, lrs: Mapping[str, float], epochs: int = 1, repeats: int = 5,
                      mini_batch_size: int = 64, seed: int = 0, beta1: float = 0.9,
                      beta2: float | None = None) -> Timings:
    """The seconds per epoch of :func:`coursekit.train.train` for each optimizer, over interleaved repeats.

    ``seconds[name][i] = train(..., make_optimizer(name, α), epochs).seconds_per_epoch`` in repeat ``i``
    (:attr:`coursekit.train.History.seconds_per_epoch`), every optimizer's run ``i`` taken in turn.

    Args:
        X, Y, layer_dims, mini_batch_size, seed: as in :func:`coursekit.train.train`.
        lrs: ``{optimizer name: α}``.  epochs: epochs per measurement.  repeats: measurements per optimizer.
        beta1: momentum's ``β`` and Adam's ``β₁``.  beta2: ``β₂`` of RMSprop and Adam (``None``: each one's
            default, RMSprop 0.9 and Adam 0.999).

    Returns:
        :class:`Timings` labelled by optimizer name, in the order of ``lrs``: ``.medians`` the seconds per
        epoch, ``.relation("Adam", "GD")`` the comparison with its spread.

    Reference: notebook 08 (cost against seconds).

    >>> from coursekit.data import two_moons
    >>> timed = seconds_per_epoch(*two_moons(m=64), [2, 3, 1], {"GD": 0.1, "Adam": 0.01}, repeats=3)
    >>> list(timed.medians), [len(runs) for runs in timed.seconds.values()]
    (['GD', 'Adam'], [3, 3])
    """
    lrs = _validate.mapping(lrs, "lrs", "optimizer name -> α")
    for name, lr in lrs.items():  # every name, α and β checked before any training
        _validate.one_of(name, "each optimizer name in lrs", list(OPTIMIZERS))
        make_optimizer(name, _validate.positive(lr, f"lrs[{name!r}]"), beta1, beta2)
    factories = {name: lambda name=name: make_optimizer(name, lrs[name], beta1, beta2) for name in lrs}
    return seconds_per_epoch_of(X, Y, layer_dims, factories, epochs, repeats, mini_batch_size, seed)


def seconds_per_epoch_of(X, Y, layer_dims, optimizers: Mapping[Hashable, Callable[[], Optimizer]], epochs: int = 1,
                         repeats: int = 5, mini_batch_size: int = 64, seed: int = 0) -> Timings:
    """The seconds per epoch of :func:`coursekit.train.train` for each optimizer a factory makes, over interleaved repeats.

    ``seconds[label][i] = train(..., optimizers[label](), epochs).seconds_per_epoch`` in repeat ``i``: a fresh
    optimizer for every run, so that an optimizer written by a learner (``optim.Rule`` of their update rule)
    can be timed beside a compiled one.

    Args:
        X, Y, layer_dims, mini_batch_size, seed: as in :func:`coursekit.train.train`.
        optimizers: ``{label: factory}``, each factory called with no argument returning a new
            :class:`coursekit.optim.Optimizer`.  epochs: epochs per measurement.  repeats: measurements per label.

    Returns:
        :class:`Timings` labelled as in ``optimizers``.

    Reference: notebook 08 (your Adam beside ``optim.Adam``).

    >>> from coursekit.data import two_moons
    >>> from coursekit.optim import GD
    >>> timed = seconds_per_epoch_of(*two_moons(m=64), [2, 3, 1], {"GD": lambda: GD(0.1)}, repeats=3)
    >>> list(timed.medians), len(timed.seconds["GD"])
    (['GD'], 3)
    """
    optimizers = _validate.mapping(optimizers, "optimizers", "label -> a function making an optimizer")
    for label, factory in optimizers.items():  # every factory tried before any training
        if not callable(factory):
            raise TypeError(f"optimizers[{label!r}] must be a function making an optimizer, got "
                            f"{type(factory).__name__}")
        _validate.instance(factory(), f"optimizers[{label!r}]()", Optimizer)
    repeats = _checked_repeats(X, Y, layer_dims, epochs, [mini_batch_size] * len(optimizers), seed, repeats)

    def measure(factory):
        return lambda: train(X, Y, layer_dims, factory(), epochs, mini_batch_size, seed=seed).seconds_per_epoch

    return _interleaved({label: measure(factory) for label, factory in optimizers.items()}, repeats)


def seconds_per_epoch_by_size(X, Y, layer_dims, sizes: Mapping[str, int], optimizer: str = "GD", lr: float = 0.5,
                              epochs: int = 1, repeats: int = 5, seed: int = 0) -> Timings:
    """The seconds per epoch of :func:`coursekit.train.train` for each mini-batch size, over interleaved repeats.

    ``seconds[label][i] = train(..., mini_batch_size=sizes[label], epochs).seconds_per_epoch`` in repeat ``i``.

    Args:
        X, Y, layer_dims, seed: as in :func:`coursekit.train.train`.  sizes: ``{label: mini-batch size}``
            (``m`` is batch gradient descent).  optimizer, lr: a name of :data:`coursekit.optim.OPTIMIZERS`
            (with the lecture's default ``β``s) and its ``α``.  epochs: epochs per measurement.
        repeats: measurements per size.

    Returns:
        :class:`Timings` labelled as in ``sizes``.

    Reference: notebook 01 (the time an epoch takes, by mini-batch size).

    >>> from coursekit.data import two_moons
    >>> timed = seconds_per_epoch_by_size(*two_moons(m=64), [2, 3, 1], {"size 8": 8, "batch GD": 64}, repeats=3)
    >>> list(timed.medians), all(s > 0 for s in timed.medians.values())
    (['size 8', 'batch GD'], True)
    """
    sizes = {label: _validate.positive_int(size, f"sizes[{label!r}]")
             for label, size in _validate.mapping(sizes, "sizes", "label -> mini-batch size").items()}
    make_optimizer(optimizer, lr)  # checks the name and α before any training
    repeats = _checked_repeats(X, Y, layer_dims, epochs, list(sizes.values()), seed, repeats)

    def measure(size):
        return lambda: train(X, Y, layer_dims, make_optimizer(optimizer, lr), epochs, size, seed=seed).seconds_per_epoch

    return _interleaved({label: measure(size) for label, size in sizes.items()}, repeats)
