"""The training loop: epochs × mini-batches × an optimizer × an optional learning-rate schedule.

One call of :func:`train` initialises a network with :func:`coursekit.nn.init_params`, then for each
epoch ``e = 1, 2, ...`` sets ``α = schedule(e)`` (when a schedule is given), reshuffles the training
set into mini-batches with seed ``seed + e``, and takes one optimizer step per mini-batch. It returns a
:class:`History` of everything a notebook plots. The same arguments (and a fresh optimizer) always give
the same history.

The arguments are checked once, before the first epoch; the loop then calls the unchecked forms of
:func:`coursekit.nn.cost_and_grads` and :func:`coursekit.nn.evaluate` (same arithmetic, bit for bit)
with one :class:`coursekit.nn.Workspace`, so that a step allocates no large temporary.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from coursekit import _validate, losses, nn
from coursekit.minibatch import checked_mini_batches, num_mini_batches, random_mini_batches
from coursekit.optim import Optimizer, check_fresh


@dataclass(repr=False)
class History:
    """What happened during :func:`train`; arrays have one entry per mini-batch step or per epoch.

    Attributes:
        params: the final parameters ``{"W1", "b1", ...}``.
        costs: ``J{t}`` of every mini-batch step, computed before that step's update (epochs × steps_per_epoch).
        epoch_costs: the cost ``J`` on the whole training set at the end of each epoch.
        lrs: the learning rate ``α`` used during each epoch.
        train_accuracy: accuracy on the whole training set at the end of each epoch.
        test_accuracy: accuracy on the test set at the end of each epoch, or ``None`` without test data.
        steps_per_epoch: ``ceil(m / mini_batch_size)``.
        epoch_seconds: the seconds each epoch's mini-batch steps took (shuffle, forward, backward, update;
            not the evaluation at its end), as the computing thread's CPU time (``time.thread_time``): on an
            idle core that is the wall-clock time, and on a busy machine it leaves out the time other
            programs held the core. The only entry that changes from run to run; ``None`` for runs trained
            side by side (:func:`coursekit.experiments.sweeps.train_side_by_side`), which share their seconds.

    Reference: notebook 02 (the noisy mini-batch cost ``J{t}`` against the per-epoch trend).

    >>> from coursekit.optim import GD
    >>> h = train(np.array([[0.0, 1.0, 2.0]]), np.array([[0.0, 1.0, 1.0]]), [1, 1], GD(lr=0.5), epochs=3,
    ...           mini_batch_size=2)
    >>> h.epochs, h.steps_per_epoch, h.costs.shape
    (3, 2, (6,))
    """

    params: dict
    costs: np.ndarray
    epoch_costs: np.ndarray
    lrs: np.ndarray
    train_accuracy: np.ndarray
    test_accuracy: np.ndarray | None
    steps_per_epoch: int
    epoch_seconds: np.ndarray | None = None

    @property
    def epochs(self) -> int:
        """Number of epochs run."""
        return len(self.epoch_costs)

    @property
    def seconds_per_epoch(self) -> float | None:
        """The seconds an epoch takes: the median of :attr:`epoch_seconds` (each epoch does the same work, so
        the median leaves out the epochs slowed by something else); ``None`` where they are ``None``."""
        return None if self.epoch_seconds is None else float(np.median(self.epoch_seconds))

    def __repr__(self) -> str:
        test = "" if self.test_accuracy is None else f", test accuracy {self.test_accuracy[-1]:.3f}"
        return (
            f"History({self.epochs} epochs × {self.steps_per_epoch} steps: final cost {self.epoch_costs[-1]:.4f}, "
            f"train accuracy {self.train_accuracy[-1]:.3f}{test})"
        )


def _checked_data(X, Y, name_X: str, name_Y: str, layer_dims: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Validate a data set against the network's input and output sizes."""
    X = _validate.array(X, name_X, ndim=2)
    Y = _validate.array(Y, name_Y, ndim=2)
    if X.shape[1] != Y.shape[1]:
        raise ValueError(f"{name_X} and {name_Y} must have the same number of examples m, got {X.shape} and {Y.shape}")
    if X.shape[0] != layer_dims[0] or Y.shape[0] != layer_dims[-1]:
        raise ValueError(
            f"layer_dims must start with the rows of {name_X} ({X.shape[0]}) and end with the rows of "
            f"{name_Y} ({Y.shape[0]}), got {layer_dims}"
        )
    return X, losses._in_unit_interval(Y, name_Y)


class Run(NamedTuple):
    """A training run's arguments, checked: the data as float arrays, the epochs, the initial parameters
    (He initialisation from ``seed``) and the mini-batch steps per epoch (see :func:`checked_run`).

    >>> Run._fields
    ('X', 'Y', 'X_test', 'Y_test', 'epochs', 'params', 'steps_per_epoch')
    """

    X: np.ndarray
    Y: np.ndarray
    X_test: np.ndarray | None
    Y_test: np.ndarray | None
    epochs: int
    params: dict
    steps_per_epoch: int


def checked_run(X, Y, layer_dims, epochs: int, mini_batch_size: int, seed: int, X_test=None, Y_test=None) -> Run:
    """Check the arguments of a training run (:func:`train`, :func:`coursekit.experiments.sweeps.train_side_by_side`).

    >>> run = checked_run(np.zeros((2, 5)), np.ones((1, 5)), [2, 3, 1], epochs=2, mini_batch_size=2, seed=0)
    >>> run.steps_per_epoch, sorted(run.params)
    (3, ['W1', 'W2', 'b1', 'b2'])
    """
    epochs = _validate.positive_int(epochs, "epochs")
    params = nn.init_params(layer_dims, seed)  # validates layer_dims and seed
    layer_dims = [int(n) for n in layer_dims]
    X, Y = _checked_data(X, Y, "X", "Y", layer_dims)
    if (X_test is None) != (Y_test is None):
        raise ValueError("X_test and Y_test must be given together (or neither)")
    if X_test is not None:
        X_test, Y_test = _checked_data(X_test, Y_test, "X_test", "Y_test", layer_dims)
    steps = num_mini_batches(X.shape[1], mini_batch_size)
    weights = sum(value.size for value in params.values())  # a forward and a backward pass: some 8 operations each
    per_epoch = steps * _validate.STEP_OPERATIONS + 8 * X.shape[1] * weights
    _validate.budget(epochs, "epochs", operations=epochs * per_epoch)
    return Run(X, Y, X_test, Y_test, epochs, params, steps)


def _check_optimizer(optimizer, schedule, progress, mini_batches) -> None:
    """Check that ``optimizer`` is an unused coursekit optimizer, ``schedule`` None or callable, ``progress`` a
    switch or callable, ``mini_batches`` callable."""
    check_fresh(optimizer)
    if not callable(mini_batches):
        raise TypeError(f"mini_batches must be a function (X, Y, mini_batch_size, seed) -> [(X_t, Y_t), ...], "
                        f"got {mini_batches!r:.80}")
    if schedule is not None and not callable(schedule):
        raise TypeError(f"schedule must be None or a function epoch -> lr, got {schedule!r}")
    if not (callable(progress) or isinstance(progress, bool)):
        raise TypeError(f"progress must be True, False or a function (epoch, epochs, J, accuracy), "
                        f"got {progress!r:.80}")


def _evaluate(X, Y, params: dict, work: nn.Workspace) -> tuple[float, float]:
    """:func:`coursekit.nn.evaluate` without its checks, in the run's workspace; it refuses parameters
    that became NaN or infinite, as the next step would."""
    for key, value in params.items():
        _validate.array(value, f"params[{key!r}]")
    AL, _ = nn._forward(X, params, work)
    return losses._evaluate_output(AL, Y, work)


def evaluate_stacked(X, Y, stacked: dict, work: nn.Workspace) -> tuple[np.ndarray, np.ndarray]:
    """Cost ``J`` and accuracy of each of ``K`` networks stacked on a first axis, on a whole set (the kinds of
    ``stacked`` and ``work`` are checked, the arrays not: the callers made them).

    The set is cut into blocks of examples small enough that each network's products stay on one thread
    (:data:`coursekit.nn.ONE_THREAD`); ``J = (1/m) Σ_blocks m_block · J_block``, likewise the accuracy.

    Returns:
        ``(costs, accuracies)``, two arrays of shape ``(K,)``.

    Reference: notebook 08 (many networks trained side by side).

    >>> from coursekit.initialization import init_params
    >>> X, Y = np.array([[1.0, -1.0]]), np.array([[1.0, 0.0]])
    >>> one = init_params([1, 1], seed=0)
    >>> stacked = {key: np.stack([value, -value]) for key, value in one.items()}   # a network and its mirror
    >>> costs, accuracies = evaluate_stacked(X, Y, stacked, nn.Workspace())
    >>> np.allclose(costs[0], nn.evaluate(X, Y, one)[0]), accuracies.tolist()
    (True, [1.0, 0.0])
    """
    stacked = _validate.mapping(stacked, "stacked", "arrays {'W1': (K, n[1], n[0]), 'b1': ..., ...}")
    _validate.instance(work, "work", nn.Workspace)
    if not any(key.startswith("W") for key in stacked):
        raise ValueError(f"stacked must hold the weights 'W1', ... of stacked networks, got keys {sorted(stacked)}")
    widest = max(W[0].size for key, W in stacked.items() if key.startswith("W"))
    block = max(1, nn.ONE_THREAD // widest)
    summed, hits = 0.0, 0.0  # m · J and the examples classified right, of each network
    for a in range(0, X.shape[1], block):
        summed_b, hits_b = losses._totals(nn._forward(X[:, a:a + block], stacked, work)[0], Y[:, a:a + block], work)
        summed, hits = summed + summed_b, hits + hits_b
    return summed / X.shape[1], hits / X.shape[1]


def _show_progress(epoch: int, epochs: int, J: float, acc: float) -> None:
    """Redraw a one-line text bar (``\\r``), about 50 times per run, ending with a newline."""
    if epoch % max(1, epochs // 50) and epoch != epochs:
        return
    done = round(30 * epoch / epochs)
    bar = "#" * done + "." * (30 - done)
    end = "\n" if epoch == epochs else ""
    print(f"\r[{bar}] epoch {epoch}/{epochs}  cost {J:.4f}  train acc {acc:.3f}", end=end, flush=True)


def train(
    X,
    Y,
    layer_dims,
    optimizer: Optimizer,
    epochs: int,
    mini_batch_size: int = 64,
    schedule: Callable[[int], float] | None = None,
    seed: int = 0,
    X_test=None,
    Y_test=None,
    progress: bool | Callable[[int, int, float, float], None] = False,
    mini_batches: Callable = random_mini_batches,
) -> History:
    """Train a fully connected network with mini-batch optimization.

    For epoch ``e = 1..epochs``: ``α = schedule(e)``; shuffle and cut ``(X, Y)`` into mini-batches
    ``X{t}, Y{t}`` (seed ``seed + e``); for each: forward, ``J{t}``, backward, ``optimizer.step``.

    Args:
        X: training inputs, ``(n_x, m)``.  Y: training labels, ``(n_y, m)``: 0/1 for ``n_y = 1``
            (sigmoid output), one-hot for ``n_y > 1`` (softmax output), see :mod:`coursekit.nn`.
        layer_dims: ``[n_x, n[1], ..., n_y]``.
        optimizer: a fresh :class:`~coursekit.optim.GD`, ``Momentum``, ``RMSprop`` or ``Adam`` (``t == 0``).
        epochs: number of passes over the training set, >= 1.
        mini_batch_size: examples per mini-batch; ``m`` gives batch gradient descent.
        schedule: ``None`` (keep ``optimizer.lr``) or a function ``epoch -> α`` from :mod:`coursekit.schedules`,
            called with epochs counted from 1.
        seed: seeds the initial parameters (``seed``) and each epoch's shuffle (``seed + e``).
        X_test, Y_test: optional test set, evaluated at the end of each epoch.
        progress: True prints a one-line text bar (epoch, cost, train accuracy), redrawn about 50 times per
            run; a function ``progress(epoch, epochs, J, accuracy)`` is called after every epoch instead.
        mini_batches: the function ``(X, Y, mini_batch_size, seed) -> [(X_t, Y_t), ...]`` that shuffles and cuts
            each epoch (:func:`coursekit.minibatch.random_mini_batches`, or the learner's own of notebook 01,
            whose mini-batches are checked every epoch by :func:`coursekit.minibatch.checked_mini_batches`).

    Returns:
        A :class:`History`.

    Reference: notebook 01 (the mini-batch loop) and notebook 09 (learning-rate decay per epoch).

    >>> from coursekit.optim import Adam
    >>> X, Y = np.array([[0.0, 1.0, 2.0, 3.0]]), np.array([[0.0, 0.0, 1.0, 1.0]])
    >>> h = train(X, Y, [1, 3, 1], Adam(lr=0.1), epochs=30, mini_batch_size=2)
    >>> len(h.costs), h.steps_per_epoch, float(h.train_accuracy[-1])
    (60, 2, 1.0)
    """
    _check_optimizer(optimizer, schedule, progress, mini_batches)
    X, Y, X_test, Y_test, epochs, params, steps = checked_run(X, Y, layer_dims, epochs, mini_batch_size, seed,
                                                              X_test, Y_test)

    work = nn.Workspace()
    costs, epoch_costs, lrs, train_acc, test_acc, seconds = [], [], [], [], [], []
    for epoch in range(1, epochs + 1):
        if schedule is not None:
            optimizer.lr = _validate.positive(schedule(epoch), f"schedule({epoch})")
        lrs.append(optimizer.lr)
        start = time.thread_time()
        batches = mini_batches(X, Y, mini_batch_size, seed + epoch)
        if mini_batches is not random_mini_batches:  # coursekit's own needs no check
            batches = checked_mini_batches(batches, X, Y, mini_batch_size)
        for X_t, Y_t in batches:
            J_t, grads = nn._cost_and_grads(X_t, Y_t, params, work)
            optimizer.step(params, grads)
            costs.append(J_t)
        seconds.append(time.thread_time() - start)
        J, acc = _evaluate(X, Y, params, work)
        epoch_costs.append(J)
        train_acc.append(acc)
        if X_test is not None:
            test_acc.append(_evaluate(X_test, Y_test, params, work)[1])
        if callable(progress):
            progress(epoch, epochs, J, acc)
        elif progress:
            _show_progress(epoch, epochs, J, acc)
    return History(
        params=params,
        costs=np.array(costs),
        epoch_costs=np.array(epoch_costs),
        lrs=np.array(lrs),
        train_accuracy=np.array(train_acc),
        test_accuracy=np.array(test_acc) if X_test is not None else None,
        steps_per_epoch=steps,
        epoch_seconds=np.array(seconds),
    )
