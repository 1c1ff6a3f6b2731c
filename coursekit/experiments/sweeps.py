"""Many training runs at once: one network per optimizer, trained side by side on the same mini-batches (notebook 08).

A fair comparison of optimizers tries each at several learning rates (a *sweep*) and keeps its best.
Run one by one with :func:`coursekit.train.train`, a sweep of a small network spends its time on
Python's bookkeeping, not on arithmetic. :func:`train_side_by_side` trains ``K`` copies of the same
network at once: their parameters are stacked along a first axis of length ``K``, so that one forward
and one backward pass of :mod:`coursekit.nn` serve all of them, and each optimizer's pure rule
(:mod:`coursekit.optim`) is called once per step for all the runs that share it. Every run sees exactly
what :func:`~coursekit.train.train` would give it: the same initial weights (``seed``), the same shuffles
(``seed + e``) and the same equations; the results agree with separate runs to rounding. :func:`lr_sweep`
builds the runs of a sweep and picks each optimizer's best learning rate.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from coursekit import _validate, nn
from coursekit.minibatch import random_mini_batches
from coursekit.optim import GD, Adam, Momentum, Optimizer, RMSprop, adam_update, check_fresh, gd_update, make_optimizer
from coursekit.optim import OPTIMIZERS, momentum_sum_update, momentum_update, rmsprop_update
from coursekit.train import History, checked_run, evaluate_stacked


def _rule(opt: Optimizer):
    """``(key, direction)``: runs with equal keys share a rule call; ``direction(g, state, t)`` returns the
    rule's step at ``α = 1`` from ``W = 0`` (exactly minus the new ``W``) and the new state."""
    if type(opt) is GD:
        return ("GD",), lambda g, state, t: (-gd_update(np.zeros_like(g), g, 1.0), state)
    if type(opt) is Momentum:
        rule = momentum_update if opt.average else momentum_sum_update

        def momentum(g, state, t):
            w, v = rule(np.zeros_like(g), state[0], g, 1.0, opt.beta)
            return -w, (v,)

        return ("Momentum", opt.beta, opt.average), momentum
    if type(opt) is RMSprop:

        def rmsprop(g, state, t):
            w, s = rmsprop_update(np.zeros_like(g), state[0], g, 1.0, opt.beta2, opt.eps)
            return -w, (s,)

        return ("RMSprop", opt.beta2, opt.eps), rmsprop
    if type(opt) is Adam:

        def adam(g, state, t):
            w, v, s = adam_update(np.zeros_like(g), state[0], state[1], g, t, 1.0, opt.beta1, opt.beta2, opt.eps)
            return -w, (v, s)

        return ("Adam", opt.beta1, opt.beta2, opt.eps), adam
    raise TypeError(f"optimizers must be GD, Momentum, RMSprop or Adam objects, got {opt!r}")


class _Stack:
    """``K`` networks' parameters as one ``(K, P)`` array, with a view of shape ``(K, *shape)`` per key."""

    def __init__(self, params: dict, K: int):
        ends = np.cumsum([0, *(value.size for value in params.values())]).tolist()
        self.flat = np.tile(np.concatenate([value.ravel() for value in params.values()]), (K, 1))
        self.views = {key: self.flat[:, a:b].reshape(K, *value.shape)
                      for (key, value), a, b in zip(params.items(), ends, ends[1:])}

    def stacked(self) -> dict:
        """The parameters as :mod:`coursekit.nn` takes stacked networks: a C-ordered copy per key."""
        return {key: np.ascontiguousarray(view) for key, view in self.views.items()}

    def assign(self, arrays: dict) -> None:
        """Copy stacked arrays (the gradients of :func:`coursekit.nn._backward`) into their views."""
        for key, array in arrays.items():
            self.views[key][...] = array


def train_side_by_side(X, Y, layer_dims, optimizers: Sequence[Optimizer], epochs: int, mini_batch_size: int = 64,
                       seed: int = 0, X_test=None, Y_test=None) -> list[History]:
    """Train one network per optimizer, side by side: what ``train`` gives each, in one loop.

    For epoch ``e = 1..epochs`` and each mini-batch ``X{t}, Y{t}`` (shuffle seed ``seed + e``): forward and
    backward for the ``K`` networks at once, then each optimizer's step, ``W_k := W_k − α_k · step_k``.

    Args:
        X, Y, layer_dims, epochs, mini_batch_size, seed, X_test, Y_test: as in :func:`coursekit.train.train`.
        optimizers: ``K`` fresh ``GD``, ``Momentum``, ``RMSprop`` or ``Adam`` objects, any mix of kinds,
            learning rates ``α_k`` and ``β``'s (they are read, not stepped: each stays at ``t = 0``).

    Returns:
        One :class:`~coursekit.train.History` per optimizer, in order, equal to
        ``train(X, Y, layer_dims, optimizer, epochs, mini_batch_size, seed=seed, ...)`` up to rounding
        (the step is computed as ``α · (v̂ / (√ŝ + ε))`` rather than ``(α v̂) / (√ŝ + ε)``). A run whose weights
        or gradients stop being finite (``α`` far too large), where ``train`` would raise, is stopped
        there: its records are NaN from that epoch on, and the other runs go on.

    Reference: notebook 08 (each optimizer at its own best learning rate).

    >>> from coursekit.data import two_moons
    >>> X, Y = two_moons(m=100, seed=0)
    >>> runs = train_side_by_side(X, Y, [2, 4, 1], [GD(0.5), Adam(0.05)], epochs=20, mini_batch_size=32)
    >>> [f"{h.epoch_costs[-1]:.3f}" for h in runs], runs[0].steps_per_epoch
    (['0.278', '0.274'], 4)
    """
    if isinstance(optimizers, Optimizer) or not isinstance(optimizers, Sequence) or not optimizers:
        raise TypeError(f"optimizers must be a non-empty list of optimizers, got {optimizers!r}")
    for opt in optimizers:
        check_fresh(opt)
    X, Y, X_test, Y_test, epochs, params, steps = checked_run(X, Y, layer_dims, epochs, mini_batch_size, seed,
                                                              X_test, Y_test)
    K = len(optimizers)
    rules = [_rule(opt) for opt in optimizers]
    keys = list(dict.fromkeys(key for key, _ in rules))  # the groups, in order of first appearance
    order = sorted(range(K), key=lambda k: keys.index(rules[k][0]))  # runs of a group side by side
    weights, grads = _Stack(params, K), _Stack(params, K)
    lrs = np.array([optimizers[k].lr for k in order])[:, np.newaxis]
    groups, first = [], 0  # (rows of the group, its rule's direction, its state)
    for key in keys:
        size = sum(rules[k][0] == key for k in order)
        rows = slice(first, first + size)
        state = tuple(np.zeros((size, weights.flat.shape[1])) for _ in _STATE_NAMES[key[0]])
        groups.append([rows, rules[order[first]][1], state])
        first += size
    alive = np.ones(K, dtype=bool)

    costs = np.empty((epochs * steps, K))
    records = {name: np.empty((epochs, K)) for name in ("epoch_costs", "train_accuracy", "test_accuracy")}
    t, work = 0, nn.Workspace()
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for epoch in range(1, epochs + 1):
            for X_t, Y_t in random_mini_batches(X, Y, mini_batch_size, seed=seed + epoch):
                costs[t], grads_t = nn._cost_and_grads(X_t, Y_t, weights.stacked(), work)
                if not alive.all():
                    costs[t, ~alive] = np.nan
                grads.assign(grads_t)
                t += 1
                if not (_finite(grads.flat) and _finite(weights.flat)):
                    _stop(alive, grads.flat, weights.flat, groups)
                for group in groups:
                    rows, direction, state = group
                    step, group[2] = direction(grads.flat[rows], state, t)
                    step *= lrs[rows]
                    weights.flat[rows] -= step  # W := W − α · step
            stacked = weights.stacked()
            records["epoch_costs"][epoch - 1], records["train_accuracy"][epoch - 1] = evaluate_stacked(X, Y, stacked, work)
            if X_test is not None:
                records["test_accuracy"][epoch - 1] = evaluate_stacked(X_test, Y_test, stacked, work)[1]
            for record in records.values():
                record[epoch - 1, ~alive] = np.nan
    rows = np.argsort(order)  # where run k sits in the stack
    return [
        History(
            params={key: view[i].copy() if alive[i] else np.full(view.shape[1:], np.nan)
                    for key, view in weights.views.items()},
            costs=costs[:, i].copy(),
            epoch_costs=records["epoch_costs"][:, i].copy(),
            lrs=np.full(epochs, optimizers[k].lr),
            train_accuracy=records["train_accuracy"][:, i].copy(),
            test_accuracy=records["test_accuracy"][:, i].copy() if X_test is not None else None,
            steps_per_epoch=steps,
        )
        for k, i in enumerate(rows)
    ]


#: The state arrays of each rule, zeros before the first step.
_STATE_NAMES = {"GD": (), "Momentum": ("v",), "RMSprop": ("s",), "Adam": ("v", "s")}


def _finite(array: np.ndarray) -> bool:
    """Whether every entry is finite: the sum is, unless an entry is NaN or inf (or the sum overflowed)."""
    return bool(np.isfinite(array.sum())) or bool(np.isfinite(array).all())


def _stop(alive: np.ndarray, grads: np.ndarray, weights: np.ndarray, groups: list) -> None:
    """Stop the runs whose gradients, weights or state are not finite: from now on they step from zeros
    (and their records are NaN)."""
    alive &= np.isfinite(grads).all(axis=1) & np.isfinite(weights).all(axis=1)
    for rows, _, state in groups:
        for array in state:
            alive[rows] &= np.isfinite(array).all(axis=1)
    grads[~alive], weights[~alive] = 0.0, 0.0
    for rows, _, state in groups:
        for array in state:
            array[~alive[rows]] = 0.0


class Sweep(NamedTuple):
    """The runs of :func:`lr_sweep`: ``histories[name][i]`` is optimizer ``name`` trained with ``α = lrs[i]``.

    >>> from coursekit.data import two_moons
    >>> sweep = lr_sweep(*two_moons(m=100, seed=0), [2, 4, 1], ["GD"], [0.1, 1.0], epochs=20, mini_batch_size=32)
    >>> sweep.final_costs("GD").round(3).tolist(), sweep.best_lr("GD")
    ([0.392, 0.28], 1.0)
    """

    lrs: np.ndarray
    histories: dict

    def final_costs(self, name: str) -> np.ndarray:
        """The cost ``J`` on the whole training set after the last epoch, one per ``α`` (NaN: the run stopped)."""
        return np.array([h.epoch_costs[-1] for h in self._runs(name)])

    def curves(self) -> dict:
        """``{name: (learning rates, final costs)}``, as :func:`coursekit.show.sweeps.plot_lr_sweeps` draws them."""
        return {name: (self.lrs, self.final_costs(name)) for name in self.histories}

    def best_lr(self, name: str) -> float:
        """The ``α`` of the grid with the lowest final cost (a stopped run counts as the worst)."""
        costs = self.final_costs(name)
        return float(self.lrs[np.argmin(np.where(np.isnan(costs), np.inf, costs))])

    def best(self, name: str) -> History:
        """The history of optimizer ``name`` at its best ``α``."""
        return self.history(name, self.best_lr(name))

    def history(self, name: str, lr: float) -> History:
        """The history of optimizer ``name`` at ``α = lr``, one of the grid's learning rates."""
        matches = np.flatnonzero(np.isclose(self.lrs, lr, rtol=1e-9, atol=0))
        if not matches.size:
            raise ValueError(f"lr must be one of the sweep's learning rates {self.lrs.tolist()}, got {lr!r}")
        return self._runs(name)[matches[0]]

    def good_lrs(self, name: str, max_cost: float) -> np.ndarray:
        """The ``α``'s of the grid whose final cost is at most ``max_cost``."""
        max_cost = _validate.positive(max_cost, "max_cost")
        return self.lrs[self.final_costs(name) <= max_cost]

    def _runs(self, name: str) -> tuple:
        if name not in self.histories:
            raise ValueError(f"name must be one of the optimizers of the sweep, {list(self.histories)}, got {name!r}")
        return self.histories[name]


def lr_sweep(X, Y, layer_dims, optimizers: Sequence[str], lrs, epochs: int, mini_batch_size: int = 64, seed: int = 0,
             beta1: float = 0.9, beta2: float | None = None, X_test=None, Y_test=None) -> Sweep:
    """Train every named optimizer at every learning rate of a grid, side by side (see :func:`train_side_by_side`).

    One run per pair ``(name, α)``: ``make_optimizer(name, α, β₁, β₂)``, all from the same initial weights
    and on the same mini-batches, for the same number of epochs: a fair budget for each.

    Args:
        X, Y, layer_dims, epochs, mini_batch_size, seed, X_test, Y_test: as in :func:`coursekit.train.train`.
        optimizers: names from ``coursekit.optim.OPTIMIZERS``.  lrs: the grid of ``α``'s, positive numbers.
        beta1: momentum's ``β`` and Adam's ``β₁``.  beta2: ``β₂`` of RMSprop and Adam (``None``: each one's
            default, RMSprop 0.9 and Adam 0.999).

    Returns:
        A :class:`Sweep`.

    Reference: notebook 08 (each optimizer at its own best learning rate).

    >>> from coursekit.data import two_moons
    >>> sweep = lr_sweep(*two_moons(m=100, seed=0), [2, 4, 1], ["GD", "Adam"], [0.01, 0.1], epochs=5)
    >>> {name: len(runs) for name, runs in sweep.histories.items()}
    {'GD': 2, 'Adam': 2}
    """
    lrs = _validate.array(lrs, "lrs", ndim=1)
    if not lrs.size or (lrs <= 0).any() or len(set(lrs.tolist())) < lrs.size:
        raise ValueError(f"lrs must be distinct learning rates > 0, got {lrs.tolist()}")
    optimizers = _validate.names(optimizers, "optimizers", OPTIMIZERS)
    runs = [make_optimizer(name, float(lr), beta1, beta2) for name in optimizers for lr in lrs]
    histories = train_side_by_side(X, Y, layer_dims, runs, epochs, mini_batch_size, seed, X_test, Y_test)
    return Sweep(lrs, {name: tuple(histories[i * lrs.size:(i + 1) * lrs.size]) for i, name in enumerate(optimizers)})
