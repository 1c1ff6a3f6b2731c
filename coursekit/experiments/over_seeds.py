"""One comparison over several seeds: every run trained from each seed's initial weights and shuffles (notebooks 08, 09).

A race between optimizers run once describes that run: another seed — other initial weights, another
order of the mini-batches — moves the outcome, most of all near the largest learning rate that still
trains, where the last bit of a product can decide it. :func:`train_over_seeds` trains every pair
(optimizer, seed) as one stack of networks, each on its own seed's mini-batches, so that a claim can be
checked for every seed at little more than the price of one run; :func:`seed_sweep` does it for a grid of ``α``'s
and picks each optimizer's ``α`` by its cost averaged over the seeds.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from typing import NamedTuple

import numpy as np
from threadpoolctl import threadpool_limits

from coursekit import _validate, nn
from coursekit.minibatch import random_mini_batches
from coursekit.optim import L2, OPTIMIZERS, AdamW, Optimizer, check_fresh, make_optimizer
from coursekit.train import History, checked_run, evaluate_stacked


def _stacked(flat: np.ndarray, params: dict) -> dict:
    """The ``(K, P)`` rows of ``K`` networks as :mod:`coursekit.nn` takes them: ``(K, *shape)`` arrays, C-ordered."""
    ends = np.cumsum([0, *(value.size for value in params.values())]).tolist()
    return {key: np.ascontiguousarray(flat[:, a:b]).reshape(len(flat), *value.shape)
            for (key, value), a, b in zip(params.items(), ends, ends[1:])}


def _decays(unit: Optimizer) -> tuple[Optimizer, float, float]:
    """An optimizer at α = 1 as it steps zero arrays here: its rule without weight decay, the λ of L2 (fed to
    the rule as ``dW + λW``) and the λ of decoupled decay (``W := (1 − αλ) W`` before the step)."""
    if isinstance(unit, L2):
        inner, l2, decoupled = _decays(unit.optimizer)
        return inner, l2 + unit.weight_decay, decoupled
    if isinstance(unit, AdamW):
        decoupled, unit.weight_decay = unit.weight_decay, 0.0
        return unit, 0.0, decoupled
    return unit, 0.0, 0.0


def train_over_seeds(X, Y, layer_dims, optimizers: Sequence[Optimizer], seeds: Sequence[int], epochs: int,
                       mini_batch_size: int = 64, schedules: Sequence[Callable | None] | None = None,
                       X_test=None, Y_test=None, evaluate_every: int = 1) -> list[list[History]]:
    """Train every optimizer from every seed, all side by side: what ``train`` gives each pair, in one loop.

    Run ``(i, j)`` starts from ``init_params(layer_dims, seeds[j])`` and in epoch ``e`` takes ``α = schedules[i](e)``
    (or ``optimizers[i].lr``) and the mini-batches of shuffle seed ``seeds[j] + e``; one forward and one
    backward pass serve all the runs, and the rule of each kind of optimizer is called once per step for all
    its runs: ``W := W − α · step``.

    Args:
        X, Y, layer_dims, epochs, mini_batch_size, X_test, Y_test: as in :func:`coursekit.train.train`.
        optimizers: fresh optimizer objects (read, not stepped).  seeds: the seeds, distinct integers ≥ 0.
        schedules: ``None``, or one ``epoch -> α`` function (or ``None``) per optimizer.
        evaluate_every: the whole-set records (``epoch_costs``, accuracies) are taken after every
            ``evaluate_every``-th epoch and the last one, and are NaN after the others.

    Returns:
        ``histories[i][j]``, a :class:`~coursekit.train.History` of optimizer ``i`` from seed ``j``, equal to
        ``train(..., optimizers[i], ..., schedule=schedules[i], seed=seeds[j])`` up to rounding. A run whose
        weights or gradients stop being finite is stopped there (its records are NaN from that epoch on).

    Reference: notebooks 08 and 09 (a claim that holds for every seed).

    >>> from coursekit.data import two_moons
    >>> from coursekit.optim import GD, Adam
    >>> runs = train_over_seeds(*two_moons(m=100, seed=0), [2, 4, 1], [GD(0.5), Adam(0.05)], seeds=[0, 1], epochs=20)
    >>> [[f"{h.epoch_costs[-1]:.2f}" for h in row] for row in runs]  # GD, then Adam: seed 0, seed 1
    [['0.30', '0.30'], ['0.27', '0.27']]
    """
    if isinstance(optimizers, Optimizer) or not isinstance(optimizers, Sequence) or not optimizers:
        raise TypeError(f"optimizers must be a non-empty list of optimizers, got {optimizers!r}")
    for opt in optimizers:
        check_fresh(opt)
    seeds = _validate.sequence(seeds, "seeds", "distinct integers >= 0", non_empty=True)
    seeds = [_validate.non_negative_int(seed, f"seeds[{j}]") for j, seed in enumerate(seeds)]
    if len(set(seeds)) < len(seeds):
        raise ValueError(f"seeds must be distinct integers >= 0, at least one, got {seeds}")
    schedules = [None] * len(optimizers) if schedules is None else list(schedules)
    if len(schedules) != len(optimizers) or not all(s is None or callable(s) for s in schedules):
        raise TypeError(f"schedules must be None or one function epoch -> lr (or None) per optimizer, got {schedules!r}")
    evaluate_every = _validate.positive_int(evaluate_every, "evaluate_every")
    runs = [checked_run(X, Y, layer_dims, epochs, mini_batch_size, seed, X_test, Y_test) for seed in seeds]
    X, Y, X_test, Y_test, epochs, params, steps = runs[0]
    S, R = len(seeds), len(optimizers)
    K = R * S  # network k = i·S + j: optimizer i, seed j
    weights = np.tile(np.stack([np.concatenate([v.ravel() for v in run.params.values()]) for run in runs]), (R, 1))
    seed_of = np.tile(np.arange(S), R)
    groups = {}  # one optimizer object (α = 1) per kind and β's, stepping zero arrays: its step, for all its runs
    for i, opt in enumerate(optimizers):
        unit = copy.deepcopy(opt)
        unit.lr = 1.0
        groups.setdefault(repr(unit), [unit, []])[1].extend(range(i * S, (i + 1) * S))
    groups = [(*_decays(unit), np.array(rows), np.zeros((len(rows), weights.shape[1])))
              for unit, rows in groups.values()]
    alive = np.ones(K, dtype=bool)
    costs, lrs = np.empty((epochs * steps, K)), np.empty((epochs, K))
    records = {name: np.full((epochs, K), np.nan) for name in ("epoch_costs", "train_accuracy", "test_accuracy")}
    t, work = 0, nn.Workspace()
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for epoch in range(1, epochs + 1):
            for i, (opt, schedule) in enumerate(zip(optimizers, schedules)):
                lr = opt.lr if schedule is None else _validate.positive(schedule(epoch), f"schedule({epoch})")
                lrs[epoch - 1, i * S:(i + 1) * S] = lr
            alpha = lrs[epoch - 1][:, np.newaxis]
            batches = [random_mini_batches(X, Y, mini_batch_size, seed=seed + epoch) for seed in seeds]
            for pairs in zip(*batches):  # step t: each seed's mini-batch, given to each of its runs
                X_t = np.stack([x for x, _ in pairs])[seed_of]
                Y_t = np.stack([y for _, y in pairs])[seed_of]
                costs[t], grads = nn._cost_and_grads(X_t, Y_t, _stacked(weights, params), work)
                t += 1
                flat = np.concatenate([g.reshape(K, -1) for g in grads.values()], axis=1)
                if not (np.isfinite(flat.sum()) and np.isfinite(weights.sum())):
                    alive &= np.isfinite(flat).all(axis=1) & np.isfinite(weights).all(axis=1)
                flat[~alive], weights[~alive], costs[t - 1, ~alive] = 0.0, 0.0, np.nan
                for unit, l2, decoupled, rows, delta in groups:
                    delta[...] = 0.0
                    fed = flat[rows] + l2 * weights[rows] if l2 else flat[rows]  # L2: dW + λW
                    unit.step({"W": delta}, {"W": fed})  # delta becomes −step
                    if decoupled:
                        weights[rows] *= 1 - alpha[rows] * decoupled  # AdamW: W := (1 − αλ) W, then the step
                    weights[rows] += alpha[rows] * delta  # W := W − α · step
            if epoch % evaluate_every and epoch < epochs:
                continue
            stacked = _stacked(weights, params)
            J, acc = evaluate_stacked(X, Y, stacked, work)
            records["epoch_costs"][epoch - 1, alive], records["train_accuracy"][epoch - 1, alive] = J[alive], acc[alive]
            if X_test is not None:
                records["test_accuracy"][epoch - 1, alive] = evaluate_stacked(X_test, Y_test, stacked, work)[1][alive]
    final = _stacked(np.where(alive[:, np.newaxis], weights, np.nan), params)

    def history(k: int) -> History:
        return History(params={key: value[k].copy() for key, value in final.items()}, costs=costs[:, k].copy(),
                       epoch_costs=records["epoch_costs"][:, k].copy(), lrs=lrs[:, k].copy(),
                       train_accuracy=records["train_accuracy"][:, k].copy(),
                       test_accuracy=records["test_accuracy"][:, k].copy() if X_test is not None else None,
                       steps_per_epoch=steps)

    return [[history(i * S + j) for j in range(S)] for i in range(R)]


class SeedSweep(NamedTuple):
    """The runs of :func:`seed_sweep`: ``histories[name][i][j]`` is optimizer ``name`` at ``α = lrs[i]`` from ``seeds[j]``.

    >>> from coursekit.data import two_moons
    >>> sweep = seed_sweep(*two_moons(m=100, seed=0), [2, 4, 1], ["GD"], [0.1, 1.0], seeds=[0, 1], epochs=20)
    >>> sweep.finals("GD").shape, sweep.best_lr("GD")
    ((2, 2), 1.0)
    """

    lrs: np.ndarray
    seeds: tuple
    histories: dict

    def finals(self, name: str, record: str = "epoch_costs") -> np.ndarray:
        """A record after the last epoch (``"epoch_costs"``, ``"train_accuracy"`` or ``"test_accuracy"``), of
        shape ``(len(lrs), len(seeds))``; NaN where a run stopped."""
        if record not in ("epoch_costs", "train_accuracy", "test_accuracy"):
            raise ValueError(f"record must be 'epoch_costs', 'train_accuracy' or 'test_accuracy', got {record!r}")
        return np.array([[getattr(h, record)[-1] for h in row] for row in self._runs(name)])

    def mean_costs(self, name: str) -> np.ndarray:
        """The final cost ``J`` averaged over the seeds, one per ``α`` (NaN where a run stopped)."""
        return self.finals(name).mean(axis=1)

    def curves(self) -> dict:
        """``{name: (learning rates, mean final costs)}``, as :func:`coursekit.show.sweeps.plot_lr_sweeps` draws them."""
        return {name: (self.lrs, self.mean_costs(name)) for name in self.histories}

    def best_lr(self, name: str) -> float:
        """The ``α`` of the grid with the lowest mean final cost over the seeds (a stopped run counts as the
        worst): one ``α`` for all seeds, as a tuner would choose it, and not moved by one seed's luck."""
        costs = self.mean_costs(name)
        return float(self.lrs[np.argmin(np.where(np.isnan(costs), np.inf, costs))])

    def at(self, name: str, lr: float) -> tuple:
        """The histories of ``name`` at ``α = lr`` (one of the grid's), one per seed."""
        matches = np.flatnonzero(np.isclose(self.lrs, lr, rtol=1e-9, atol=0))
        if not matches.size:
            raise ValueError(f"lr must be one of the sweep's learning rates {self.lrs.tolist()}, got {lr!r}")
        return self._runs(name)[matches[0]]

    def _runs(self, name: str) -> tuple:
        if name not in self.histories:
            raise ValueError(f"name must be one of the optimizers of the sweep, {list(self.histories)}, got {name!r}")
        return self.histories[name]


def seed_sweep(X, Y, layer_dims, optimizers: Sequence[str], lrs, seeds: Sequence[int], epochs: int,
             mini_batch_size: int = 64, beta1: float = 0.9, beta2: float | None = None, X_test=None, Y_test=None,
             evaluate_every: int = 1) -> SeedSweep:
    """Every named optimizer at every ``α`` of a grid, from every seed: ``make_optimizer(name, α, β₁, β₂)``.

    Args:
        X, Y, layer_dims, epochs, mini_batch_size, X_test, Y_test: as in :func:`coursekit.train.train`.
        optimizers: names from ``coursekit.optim.OPTIMIZERS``.  lrs: the grid, distinct ``α`` > 0.
        seeds, evaluate_every: as in :func:`train_over_seeds`.
        beta1, beta2: as in :func:`coursekit.optim.make_optimizer`.

    Returns:
        A :class:`SeedSweep`.

    Reference: notebook 08 (each optimizer at its own best learning rate, on every seed).

    >>> from coursekit.data import two_moons
    >>> sweep = seed_sweep(*two_moons(m=100, seed=0), [2, 4, 1], ["GD", "Adam"], [0.01, 0.1], seeds=range(3), epochs=5)
    >>> {name: len(runs) for name, runs in sweep.histories.items()}, len(sweep.at("Adam", 0.1))
    ({'GD': 2, 'Adam': 2}, 3)
    """
    lrs = _validate.array(lrs, "lrs", ndim=1)
    if not lrs.size or (lrs <= 0).any() or len(set(lrs.tolist())) < lrs.size:
        raise ValueError(f"lrs must be distinct learning rates > 0, got {lrs.tolist()}")
    optimizers = _validate.names(optimizers, "optimizers", OPTIMIZERS)
    runs = [make_optimizer(name, float(lr), beta1, beta2) for name in optimizers for lr in lrs]
    trained = train_over_seeds(X, Y, layer_dims, runs, seeds, epochs, mini_batch_size, X_test=X_test,
                                 Y_test=Y_test, evaluate_every=evaluate_every)
    n = lrs.size
    return SeedSweep(lrs, tuple(int(seed) for seed in seeds),
                     {name: tuple(tuple(row) for row in trained[i * n:(i + 1) * n]) for i, name in enumerate(optimizers)})


def sizes_over_seeds(X, Y, layer_dims, lrs: dict, epochs: dict, seeds: Sequence[int]) -> dict:
    """Gradient descent for each mini-batch size, each of its ``α``'s and every seed: ``{size: SeedSweep}``.

    For each ``size``: ``seed_sweep(X, Y, layer_dims, ["GD"], lrs[size], seeds, epochs[size], size)``, on one
    BLAS thread (the stacked products of many small networks gain nothing from a second one, and a busy
    second core can slow them many times over).

    Args:
        X, Y, layer_dims: as in :func:`coursekit.train.train`.  seeds: as in :func:`train_over_seeds`.
        lrs: ``{size: (α, α, ...)}``, the learning rates of each mini-batch size.
        epochs: ``{size: epochs}``, the budget of each size, with the keys of ``lrs``.

    Returns:
        ``{size: SeedSweep}`` in the order of ``lrs``; ``sweeps[size].best_lr("GD")`` is that size's best ``α``.

    Reference: notebook 02 (each mini-batch size at its own best α, on every seed).

    >>> from coursekit.data import two_moons
    >>> sweeps = sizes_over_seeds(*two_moons(m=64, seed=0), [2, 4, 1], {8: (0.1, 1.0), 64: (1.0,)},
    ...                           {8: 2, 64: 4}, seeds=[0, 1])
    >>> {size: sweep.finals("GD").shape for size, sweep in sweeps.items()}
    {8: (2, 2), 64: (1, 2)}
    """
    if not isinstance(lrs, dict) or not lrs:
        raise TypeError(f"lrs must be a non-empty dict size -> learning rates, got {lrs!r:.80}")
    if not isinstance(epochs, dict) or set(epochs) != set(lrs):
        raise ValueError(f"epochs must be a dict with the sizes of lrs ({sorted(lrs)}) as keys, got {epochs!r:.80}")
    with threadpool_limits(limits=1, user_api="blas"):
        return {size: seed_sweep(X, Y, layer_dims, ["GD"], rates, seeds, epochs[size], mini_batch_size=size)
                for size, rates in lrs.items()}
