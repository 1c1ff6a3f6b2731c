"""AdaGrad against RMSprop on the digits: the effective step of each along a run, and a fair race (notebook 07).

AdaGrad adds every squared gradient to its ``s`` (``s = s + dW²``); RMSprop averages them
(``s = β₂ s + (1 − β₂) dW²``). Both step by ``dW`` times the effective step ``α / (√s + ε)``.
:func:`effective_steps` follows that effective step over the weights of a network as it trains;
:func:`race` reads the runs of a grid of ``α``'s from several seeds (trained side by side by
:func:`coursekit.experiments.over_seeds.train_over_seeds`, in the order :func:`contestants` gives) and
picks each optimizer's ``α`` for a budget of epochs by its cost averaged over the seeds.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

import numpy as np
from threadpoolctl import threadpool_limits

from coursekit import _validate
from coursekit.optim import AdaGrad, Optimizer, RMSprop
from coursekit.train import History, train


class EffectiveSteps(NamedTuple):
    """The effective step ``α / (√s + ε)`` over a run: ``median[e]``, its median over the weights after epoch
    ``e + 1``, which ends at step ``steps[e]`` (NaN while no weight has had a gradient).

    >>> run = EffectiveSteps(np.array([23, 46]), np.array([3.0, 1.5]), history=None)
    >>> float(run.median[-1] / run.median[0])   # AdaGrad's can only fall
    0.5
    """

    steps: np.ndarray
    median: np.ndarray
    history: History


def effective_steps(X, Y, layer_dims, optimizer: Optimizer, epochs: int, mini_batch_size: int = 64,
                    seed: int = 0) -> EffectiveSteps:
    """Train as :func:`coursekit.train.train` does and read the optimizer's ``s`` after every epoch.

    After each epoch the median of the effective step ``α / (√s + ε)`` over every weight and bias is computed
    from the optimizer's ``s``; the weights whose gradient has always been 0 (``s = 0``: those of a pixel blank in
    every image, or of a unit that never fires) are left out, since their effective step ``α / ε`` is never used.
    The run takes one BLAS thread: the products of one small network gain nothing from a second, and a busy
    second core slows them many times over.

    Args:
        X, Y, layer_dims, epochs, mini_batch_size, seed: as in :func:`coursekit.train.train`.
        optimizer: a fresh :class:`~coursekit.optim.AdaGrad` or :class:`~coursekit.optim.RMSprop` (their ``s`` is
            a sum or a mean of squares, and their step ``dW`` times ``α / (√s + ε)``).

    Returns:
        An :class:`EffectiveSteps`; its ``history`` is that of ``train``.

    Reference: notebook 07; Duchi, Hazan & Singer (2011), JMLR 12 (AdaGrad).

    >>> from coursekit.data import two_moons
    >>> from coursekit.optim import AdaGrad
    >>> run = effective_steps(*two_moons(m=64, seed=0), [2, 4, 1], AdaGrad(lr=0.1), epochs=3, mini_batch_size=32)
    >>> run.steps.tolist(), bool(np.all(np.diff(run.median) < 0))   # a sum only grows: the step only shrinks
    ([2, 4, 6], True)
    """
    if not isinstance(optimizer, (AdaGrad, RMSprop)):
        raise TypeError(f"optimizer must be an AdaGrad or an RMSprop (coursekit.optim), got {optimizer!r:.80}")
    medians = []

    def read_s(epoch, epochs, J, accuracy):
        s = np.concatenate([value.ravel() for value in optimizer.state["s"].values()])
        effective = optimizer.lr / (np.sqrt(s[s > 0]) + optimizer.eps)  # α / (√s + ε)
        medians.append(np.median(effective) if effective.size else np.nan)  # NaN while no weight had a gradient

    with threadpool_limits(limits=1, user_api="blas"):
        history = train(X, Y, layer_dims, optimizer, epochs, mini_batch_size, seed=seed, progress=read_s)
    steps = history.steps_per_epoch * np.arange(1, history.epochs + 1)
    return EffectiveSteps(steps, np.array(medians), history)


def contestants(makers: Mapping[str, Callable[[float], Optimizer]], lrs) -> list[Optimizer]:
    """A fresh optimizer for every name and every ``α`` of the grid, name by name: ``makers[name](α)``.

    Args:
        makers: ``{name: class or function α -> optimizer}``, e.g. ``{"AdaGrad": AdaGrad, "RMSprop": RMSprop}``.
        lrs: the grid, distinct ``α`` > 0.

    Returns:
        The list that :func:`race` expects the runs of, in its order.

    Reference: notebook 07.

    >>> from coursekit.optim import AdaGrad, RMSprop
    >>> contestants({"AdaGrad": AdaGrad, "RMSprop": RMSprop}, [0.01, 0.1])[1:3]
    [AdaGrad(lr=0.1, eps=1e-08), RMSprop(lr=0.01, beta2=0.9, eps=1e-08)]
    """
    makers = _validate.mapping(makers, "makers", "name -> function lr -> optimizer")
    grid = _grid(lrs)
    for name, make in makers.items():
        if not callable(make):
            raise TypeError(f"makers[{name!r}] must be a class or function lr -> optimizer, got {make!r:.80}")
    made = [(name, make(float(lr))) for name, make in makers.items() for lr in grid]
    for name, opt in made:
        if not isinstance(opt, Optimizer):
            raise TypeError(f"makers[{name!r}] must return a coursekit optimizer, got {opt!r:.80}")
    return [opt for _, opt in made]


class Race(NamedTuple):
    """A race over a grid of ``α``'s and seeds: ``costs[name][i, j, e]`` is the training cost ``J`` of ``name`` at
    ``lrs[i]`` from ``seeds[j]`` after epoch ``e + 1`` (NaN where a run stopped).

    >>> r = Race(np.array([0.1, 1.0]), (0, 1), {"GD": np.array([[[0.5], [0.7]], [[0.2], [0.4]]])})
    >>> r.best("GD", 1)   # α = 1 has the lower mean over the two seeds
    (1.0, array([0.2, 0.4]))
    """

    lrs: np.ndarray
    seeds: tuple
    costs: dict

    def best(self, name: str, epochs: int) -> tuple[float, np.ndarray]:
        """``(α, costs)`` after ``epochs`` epochs: the ``α`` of the grid whose cost averaged over the seeds is the
        lowest (a stopped run counts as the worst), one for all seeds, and its cost from each seed; ``epochs`` must
        be an epoch after which the costs were recorded."""
        costs = self._costs(name)
        epochs = _validate.positive_int(epochs, "epochs")
        recorded = [e + 1 for e in range(costs.shape[2]) if np.isfinite(costs[:, :, e]).any()]
        if epochs not in recorded:
            raise ValueError(f"epochs must be an epoch after which the race recorded costs, {recorded}, got {epochs}")
        mean = costs[:, :, epochs - 1].mean(axis=1)
        i = int(np.argmin(np.where(np.isnan(mean), np.inf, mean)))
        return float(self.lrs[i]), costs[i, :, epochs - 1]

    def curves(self, name: str, lr: float) -> np.ndarray:
        """The costs of ``name`` at ``α = lr`` (one of the grid's) after each epoch: shape ``(epochs, seeds)``."""
        matches = np.flatnonzero(np.isclose(self.lrs, lr, rtol=1e-9, atol=0))
        if not matches.size:
            raise ValueError(f"lr must be one of the race's learning rates {self.lrs.tolist()}, got {lr!r}")
        return self._costs(name)[matches[0]].T

    def _costs(self, name: str) -> np.ndarray:
        if name not in self.costs:
            raise ValueError(f"name must be one of the race's optimizers {list(self.costs)}, got {name!r}")
        return self.costs[name]


def race(histories: Sequence[Sequence[History]], names: Sequence[str], lrs, seeds: Sequence[int]) -> Race:
    """The costs after every epoch of the runs of :func:`contestants`, by optimizer, ``α`` and seed.

    Args:
        histories: ``histories[k][j]``, the run of contestant ``k`` from ``seeds[j]``, as
            :func:`coursekit.experiments.over_seeds.train_over_seeds` returns them (NaN after an epoch it did not
            evaluate).
        names: the names of ``makers``, in its order.  lrs: the grid given to :func:`contestants`.
        seeds: the seeds of the runs.

    Returns:
        A :class:`Race`.

    Reference: notebook 07 (each optimizer at its own best α, on every seed, for a short and a long budget).

    >>> from coursekit.data import two_moons
    >>> from coursekit.optim import GD
    >>> from coursekit.train import train
    >>> X, Y = two_moons(m=64, seed=0)
    >>> runs = [[train(X, Y, [2, 4, 1], GD(lr), epochs=3, seed=seed) for seed in (0, 1)] for lr in (0.1, 1.0)]
    >>> r = race(runs, ["GD"], [0.1, 1.0], seeds=(0, 1))
    >>> r.best("GD", 3)[0], r.curves("GD", 1.0).shape
    (1.0, (3, 2))
    """
    names = tuple(_validate.sequence(names, "names", "distinct names", non_empty=True))
    if not all(isinstance(name, str) for name in names) or len(set(names)) < len(names):
        raise ValueError(f"names must be a non-empty sequence of distinct names, got {names!r:.80}")
    lrs, seeds = _grid(lrs), tuple(_validate.sequence(seeds, "seeds", "integers >= 0", non_empty=True))
    rows = _validate.sequence(histories, "histories", "rows of histories, one per contestant")
    rows = [_validate.sequence(row, f"histories[{k}]", "histories, one per seed") for k, row in enumerate(rows)]
    if len(rows) != len(names) * lrs.size or any(len(row) != len(seeds) for row in rows):
        raise ValueError(f"histories must hold {len(names)} × {lrs.size} rows of {len(seeds)} runs (one per "
                         f"name, α and seed), got {len(rows)} rows")
    if not all(isinstance(h, History) for row in rows for h in row):
        raise TypeError(f"histories must hold History records (coursekit.train), got {rows!r:.80}")
    if len({len(h.epoch_costs) for row in rows for h in row}) != 1:
        raise ValueError(f"histories must all have the same number of epochs, got "
                         f"{sorted({len(h.epoch_costs) for row in rows for h in row})}")
    costs = np.array([[h.epoch_costs for h in row] for row in rows], dtype=float)
    costs = costs.reshape(len(names), lrs.size, len(seeds), -1)
    return Race(lrs, seeds, {name: costs[k] for k, name in enumerate(names)})


def _grid(lrs) -> np.ndarray:
    """The grid ``lrs`` as a float array, after checking it holds distinct ``α`` > 0."""
    grid = _validate.array(lrs, "lrs", ndim=1)
    if not grid.size or (grid <= 0).any() or len(set(grid.tolist())) < grid.size:
        raise ValueError(f"lrs must be distinct learning rates > 0, got {grid.tolist()}")
    return grid
