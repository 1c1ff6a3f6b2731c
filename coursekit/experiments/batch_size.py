"""Choosing the mini-batch size (notebook 02): each size at its best learning rate, and what a step costs.

:func:`sweep_sizes` trains the same network with gradient descent for several mini-batch sizes and, for
each, several learning rates ``α``: a fair comparison takes each size at its own best ``α``. Every run
records the seconds of its epochs (:attr:`coursekit.train.History.seconds_per_epoch`), so the same runs give
the cost after each epoch and the time it took. :func:`gradient_seconds` times the gradient of the same
examples computed one at a time or in blocks (vectorization), :func:`step_bytes` measures the memory
one step allocates and :func:`activation_bytes` counts the activations behind it.
Everything runs on one BLAS thread (``threadpoolctl``); timings count that thread's CPU time,
which on an idle core is the wall-clock time. They vary from run to run, the costs do not.
"""

from __future__ import annotations

import time
import tracemalloc
from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

from coursekit import _validate, nn
from coursekit.optim import GD, make_optimizer
from coursekit.train import History, train


@dataclass(repr=False)
class SizeSweep:
    """The runs of :func:`sweep_sizes`: ``runs[size][α]`` is the :class:`~coursekit.train.History` of one run.

    Reference: notebook 02.

    >>> from coursekit.data import two_moons
    >>> X, Y = two_moons(m=64)
    >>> sweep = sweep_sizes(X, Y, [2, 4, 1], {8: (0.1, 1.0), 64: (0.1, 1.0)}, epochs={8: 2, 64: 8})
    >>> sweep.sizes, sweep.best_lr(64), sweep.best(8).epochs, sweep.epochs_to(64, 10.0)
    ([8, 64], 1.0, 2, 1)
    """

    runs: dict[int, dict[float, History]]

    @property
    def sizes(self) -> list[int]:
        """The mini-batch sizes, smallest first."""
        return sorted(self.runs)

    def final_costs(self, size: int) -> np.ndarray:
        """The whole set's cost ``J`` after the last epoch, one per ``α`` (in the order of :meth:`lrs`)."""
        return np.array([self._runs(size)[lr].epoch_costs[-1] for lr in self.lrs(size)])

    def curves(self) -> dict:
        """``{size: (learning rates, final costs)}``, as :func:`coursekit.show.sweeps.plot_lr_sweeps` draws them."""
        return {size: (self.lrs(size), self.final_costs(size)) for size in self.sizes}

    def lrs(self, size: int) -> list[float]:
        """The learning rates tried with ``size``, smallest first."""
        return sorted(self._runs(size))

    def best_lr(self, size: int) -> float:
        """The ``α`` with the lowest final cost for ``size``."""
        return self.lrs(size)[int(np.argmin(self.final_costs(size)))]

    def best(self, size: int) -> History:
        """The run of ``size`` at its best ``α``."""
        return self._runs(size)[self.best_lr(size)]

    def epochs_to(self, size: int, target: float) -> int | None:
        """The first epoch after which the best run of ``size`` has ``J <= target``; None if it never does."""
        reached = np.flatnonzero(self.best(size).epoch_costs <= _validate.positive(target, "target"))
        return int(reached[0]) + 1 if reached.size else None

    def seconds_per_epoch(self, size: int) -> float:
        """The median over all the runs of ``size`` of each run's :attr:`~coursekit.train.History.seconds_per_epoch`."""
        return float(np.median([h.seconds_per_epoch for h in self._runs(size).values()]))

    def seconds(self, size: int) -> np.ndarray:
        """The time at the end of each epoch of the best run: ``epoch × seconds_per_epoch(size)``."""
        return np.arange(1, self.best(size).epochs + 1) * self.seconds_per_epoch(size)

    def _runs(self, size: int) -> dict:
        if size not in self.runs:
            raise ValueError(f"size must be one of the sweep's sizes {self.sizes}, got {size!r}")
        return self.runs[size]


def sweep_sizes(X, Y, layer_dims, lrs: dict, epochs: dict, seed: int = 0) -> SizeSweep:
    """Train with gradient descent for each mini-batch size and each of its learning rates.

    For each ``size`` and each ``α`` in ``lrs[size]``: ``train(X, Y, layer_dims, GD(α), epochs[size],
    size, seed=seed)``. The runs are interleaved (all sizes for one ``α`` rank before the next) and run on
    one BLAS thread, so that the seconds of each size are measured in the same conditions.

    Args:
        X, Y, layer_dims: as for :func:`coursekit.train.train`.
        lrs: ``{size: (α, α, ...)}``, the learning rates to try with each mini-batch size.
        epochs: ``{size: epochs}``, the budget of each size (choose them to take about the same time).
        seed: the seed of the initial parameters and shuffles (the same for every run).

    Returns:
        A :class:`SizeSweep`.

    Reference: notebook 02.

    >>> from coursekit.data import two_moons
    >>> X, Y = two_moons(m=32)
    >>> sweep_sizes(X, Y, [2, 3, 1], {32: (0.1, 0.3)}, epochs={32: 2}).final_costs(32).shape
    (2,)
    """
    if not isinstance(lrs, dict) or not lrs:
        raise TypeError(f"lrs must be a non-empty dict size -> learning rates, got {lrs!r:.80}")
    if not isinstance(epochs, dict) or set(epochs) != set(lrs):
        raise ValueError(f"epochs must be a dict with the sizes of lrs ({sorted(lrs)}) as keys, got {epochs!r:.80}")
    plan = {}
    for size, rates in lrs.items():
        _validate.positive_int(size, "a size of lrs")
        rates = _validate.sequence(rates, f"lrs[{size}]", "learning rates", non_empty=True)
        plan[size] = [_validate.positive(lr, f"lrs[{size}]") for lr in rates]
        _validate.positive_int(epochs[size], f"epochs[{size}]")
    runs: dict[int, dict[float, History]] = {size: {} for size in plan}
    with threadpool_limits(limits=1, user_api="blas"):
        for rank in range(max(len(rates) for rates in plan.values())):
            for size, rates in plan.items():
                if rank < len(rates):
                    runs[size][rates[rank]] = train(X, Y, layer_dims, GD(rates[rank]), epochs[size], size, seed=seed)
    return SizeSweep(runs)


def gradient_seconds(X, Y, params, blocks=(1, 8, 64, 1024), examples: int = 1024, repeats: int = 5) -> np.ndarray:
    """Seconds to compute the gradients of the same examples in blocks: one example at a time up to all at once.

    For each block size ``b``: ``nn.cost_and_grads`` on columns ``[k, k + b)`` for ``k = 0, b, 2b, ...``
    below ``examples``. The block sizes take turns (``repeats`` rounds) and each gets the median of its
    rounds, on one BLAS thread, as that thread's CPU time (``time.thread_time``: on an idle core the
    wall-clock time; on a busy machine it leaves out the time other programs held the core).
    ``examples / seconds`` is the number of examples per second.

    Args:
        X, Y, params: the data and network.  blocks: the block sizes, each in ``1..examples``.
        examples: how many examples (the first columns of ``X``), ``<= m``.  repeats: rounds, >= 1.

    Returns:
        The median seconds, one per block size. They vary from run to run.

    Reference: notebook 02 (vectorization).

    >>> X, Y = np.ones((2, 16)), np.ones((1, 16))
    >>> gradient_seconds(X, Y, nn.init_params([2, 3, 1]), blocks=(1, 16), examples=16, repeats=1).shape
    (2,)
    """
    X = _validate.array(X, "X", ndim=2)
    _validate.same_examples(X, _validate.array(Y, "Y", ndim=2))
    examples = _validate.positive_int(examples, "examples")
    if examples > X.shape[1]:
        raise ValueError(f"examples must be <= m = {X.shape[1]}, got {examples}")
    blocks = _validate.sequence(blocks, "blocks", "block sizes", non_empty=True)
    blocks = [_validate.positive_int(b, f"blocks[{i}]") for i, b in enumerate(blocks)]
    if max(blocks) > examples:
        raise ValueError(f"blocks must be <= examples = {examples}, got {max(blocks)}")
    repeats = _validate.positive_int(repeats, "repeats")
    per_round = sum(-(-examples // b) * _validate.STEP_OPERATIONS + 3 * examples * X.shape[0] for b in blocks)
    _validate.budget(repeats, "repeats", operations=repeats * per_round)
    rounds = np.empty((repeats, len(blocks)))
    with threadpool_limits(limits=1, user_api="blas"):
        for r in range(len(rounds)):
            for j, b in enumerate(blocks):
                start = time.thread_time()
                for k in range(0, examples, b):
                    nn.cost_and_grads(X[:, k : min(k + b, examples)], Y[:, k : min(k + b, examples)], params)
                rounds[r, j] = time.thread_time() - start
    return np.median(rounds, axis=0)


def activation_bytes(layer_dims, mini_batch_size: int, itemsize: int = 8) -> int:
    """Bytes of the activations one step keeps for backpropagation: ``X{t}`` and every layer's ``Z`` and ``A``.

    ``bytes = itemsize · size · (n[0] + 2 (n[1] + ... + n[L]))``: the mini-batch ``A[0] = X{t}``, then
    ``Z[l]`` and ``A[l]`` of ``n[l] × size`` numbers for each layer ``l = 1..L`` (float64: 8 bytes each).
    It grows in proportion to the size and to the layers' widths; the parameters do not depend on the size.

    Args:
        layer_dims: ``[n[0], ..., n[L]]``.  mini_batch_size: ``size >= 1``.  itemsize: bytes per number.

    Returns:
        The number of bytes, an int.

    Reference: notebook 02.

    >>> activation_bytes([64, 32, 10], 64)    # 8 · 64 · (64 + 2 · 42)
    75776
    """
    dims = _validate.layer_dims(layer_dims)
    size = _validate.positive_int(mini_batch_size, "mini_batch_size")
    return _validate.positive_int(itemsize, "itemsize") * size * (dims[0] + 2 * sum(dims[1:]))


@threadpool_limits.wrap(limits=1, user_api="blas")
def step_bytes(X, Y, params, repeats: int = 3) -> int:
    """The peak memory one step's forward and backward propagation allocates, measured with ``tracemalloc``.

    Counts every array created by ``nn.cost_and_grads(X, Y, params)`` that is alive at the peak
    (activations, temporaries, gradients), not ``X``, ``Y`` and ``params`` themselves. The step runs once
    untraced first, so that what numpy sets up on a first call is not counted, then ``repeats`` times
    traced: the smallest peak is kept, since another thread of the process (a Jupyter kernel runs
    several) may allocate during one measurement.

    Args:
        X: a mini-batch ``X{t}``, ``(n_x, size)``.  Y: its labels.  params: the network.
        repeats: traced measurements, >= 1.

    Returns:
        The peak in bytes, an int; the same for the same shapes.

    Reference: notebook 02.

    >>> X, Y, params = np.ones((64, 100)), np.ones((1, 100)), nn.init_params([64, 32, 1])
    >>> step_bytes(X, Y, params) >= activation_bytes([64, 32, 1], 100) - X.nbytes
    True
    """
    repeats = _validate.positive_int(repeats, "repeats")
    _validate.budget(repeats, "repeats", operations=repeats * (_validate.STEP_OPERATIONS + 3 * np.size(X)))
    if tracemalloc.is_tracing():
        raise RuntimeError("step_bytes needs tracemalloc for itself, but it is already tracing")
    nn.cost_and_grads(X, Y, params)
    peaks = []
    for _ in range(repeats):
        tracemalloc.start()
        try:
            nn.cost_and_grads(X, Y, params)
            peaks.append(tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
    return min(peaks)


def batch_size_data(X, Y, layer_dims, mini_batch_size: int, optimizer: str = "Adam", lr: float = 0.01,
                    epochs: int = 5, seed: int = 0, progress=False) -> tuple[History, float]:
    """Train with one mini-batch size and time it: the history (deterministic) and seconds per epoch (not).

    One epoch takes ``ceil(m / size)`` steps (notebook 01).

    Args:
        X, Y, layer_dims: as for :func:`coursekit.train.train`.  mini_batch_size: the size (``m`` = batch GD).
        optimizer: a name from :data:`coursekit.optim.OPTIMIZERS` (with the lecture's default
            ``β``s).  lr: ``α``.
        epochs: passes over the set.  seed: the seed of the initial parameters and shuffles.
        progress: as for :func:`coursekit.train.train` (a function is told each epoch's end).

    Returns:
        ``(History, seconds per epoch)``: :attr:`History.seconds_per_epoch`; the history is the same
        for the same arguments.

    Reference: notebooks 01-02.

    >>> from coursekit.data import two_moons
    >>> X, Y = two_moons(m=64)
    >>> history, seconds = batch_size_data(X, Y, [2, 4, 1], mini_batch_size=16, epochs=2)
    >>> history.steps_per_epoch, len(history.costs), seconds > 0
    (4, 8, True)
    """
    history = train(X, Y, layer_dims, make_optimizer(optimizer, lr), epochs, mini_batch_size, seed=seed,
                    progress=progress)
    return history, history.seconds_per_epoch
