"""The noise of mini-batch gradients (notebook 02): how far ``g{t}`` falls from the full gradient ``g``.

The gradient of a mini-batch's cost ``J{t}`` is the average of its examples' gradients, so it scatters
around the gradient ``g`` of the whole set's cost ``J``. The spread of that scatter,
``sqrt(mean_t ||g{t} − g||²)``, falls like ``1/√size``: averaging ``size`` examples divides the variance
by ``size`` (and by a little more as ``size`` nears ``m``, since then the mini-batches overlap the whole
set: ``(m − size) / (m − 1)``). :func:`noisy_descent` shows what such noise does to a path on a 2-D bowl.
The gradients are computed on one BLAS thread (``threadpoolctl``): the network is small, and on a
busy machine numpy's threads would only slow them down.
"""

from __future__ import annotations

import numpy as np
from threadpoolctl import threadpool_limits

from coursekit import _validate, nn
from coursekit.minibatch import random_mini_batches
from coursekit.surfaces import Surface, _point
from coursekit.trajectories import DIVERGENCE_BOUND, Trajectory


def flat_gradient(grads) -> np.ndarray:
    """All the entries of a gradient dict as one vector, key after key in the dict's order.

    ``[dW[1] (row by row), db[1], dW[2], ...]``: the vector whose Euclidean norm is ``||g||``.

    Args:
        grads: ``{"W1": dW[1], "b1": db[1], ...}``, a dict of arrays (as from :func:`coursekit.nn.cost_and_grads`).

    Returns:
        A 1-D float array of ``Σ_k grads[k].size`` entries.

    Reference: notebook 02.

    >>> flat_gradient({"W1": np.array([[1.0, 2.0]]), "b1": np.array([[3.0]])}).tolist()
    [1.0, 2.0, 3.0]
    """
    if not isinstance(grads, dict) or not grads:
        raise TypeError(f"grads must be a non-empty dict of arrays {{'W1': ..., 'b1': ...}}, got {type(grads).__name__}")
    return np.concatenate([_validate.array(value, f"grads[{key!r}]").ravel() for key, value in grads.items()])


@threadpool_limits.wrap(limits=1, user_api="blas")
def minibatch_gradients(X, Y, params, mini_batch_size: int, count: int, seed: int = 0) -> list[dict]:
    """The gradients ``g{t}`` of ``count`` random mini-batches of exactly ``mini_batch_size`` examples.

    ``g{t} = ∇J{t}``, ``J{t} = (1/size) Σ_{i in batch t} L(ŷ(i), y(i))``. The mini-batches are those of
    :func:`coursekit.minibatch.random_mini_batches` with seeds ``seed, seed + 1, ...`` (one shuffle per
    epoch), short last mini-batches left out, until ``count`` are gathered.

    Args:
        X: inputs, ``(n_x, m)``.  Y: labels, ``(n_y, m)``.  params: the network's ``{"W1", "b1", ...}``.
        mini_batch_size: examples per mini-batch, ``1 <= size <= m``.  count: how many gradients, >= 1.
        seed: the seed of the first shuffle.

    Returns:
        A list of ``count`` gradient dicts with the keys of ``params``.

    Reference: notebook 02.

    >>> X, Y = np.arange(8.0).reshape(2, 4), np.array([[0.0, 1.0, 0.0, 1.0]])
    >>> grads = minibatch_gradients(X, Y, nn.init_params([2, 3, 1]), mini_batch_size=3, count=2)
    >>> len(grads), sorted(grads[0])
    (2, ['W1', 'W2', 'b1', 'b2'])
    """
    X = _validate.array(X, "X", ndim=2)
    size = _validate.positive_int(mini_batch_size, "mini_batch_size")
    count = _validate.positive_int(count, "count")
    seed = _validate.non_negative_int(seed, "seed")
    if size > X.shape[1]:
        raise ValueError(f"mini_batch_size must be <= m = {X.shape[1]} (a full mini-batch), got {size}")
    grads = []
    while len(grads) < count:
        for X_t, Y_t in random_mini_batches(X, Y, size, seed=seed):
            if X_t.shape[1] == size and len(grads) < count:
                grads.append(nn.cost_and_grads(X_t, Y_t, params)[1])
        seed += 1
    return grads


def gradient_spread(minibatch_grads, full_grad) -> float:
    """The spread of mini-batch gradients around the full gradient: the root-mean-square distance.

    ``spread = sqrt( (1/T) Σ_t ||g{t} − g||² )``, with ``||·||`` the Euclidean norm over every entry of
    every parameter (``W1``, ``b1``, ...) and ``T`` the number of mini-batch gradients.

    Args:
        minibatch_grads: the ``T`` gradients ``g{1}, ..., g{T}``, a list of dicts with the keys of ``full_grad``.
        full_grad: ``g``, the gradient of the whole training set's cost (a dict of arrays).

    Returns:
        The spread, a float >= 0.

    Reference: notebook 02 (the exercise ``gradient_spread``).

    >>> g = {"W1": np.array([[0.0, 0.0]]), "b1": np.array([[0.0]])}
    >>> gradient_spread([{"W1": np.array([[3.0, 0.0]]), "b1": np.array([[4.0]])}, g], g)   # sqrt((25 + 0) / 2)
    3.5355339059327378
    """
    full = flat_gradient(full_grad)
    if isinstance(minibatch_grads, dict) or not hasattr(minibatch_grads, "__len__") or not len(minibatch_grads):
        raise TypeError(f"minibatch_grads must be a non-empty list of gradient dicts, got {type(minibatch_grads).__name__}")
    squared = []
    for t, grads in enumerate(minibatch_grads):
        if not isinstance(grads, dict) or list(grads) != list(full_grad):
            raise ValueError(f"minibatch_grads[{t}] must be a dict with the keys {list(full_grad)}, got {grads!r:.60}")
        g_t = flat_gradient(grads)
        if g_t.shape != full.shape:
            raise ValueError(f"minibatch_grads[{t}] must have the shapes of full_grad ({full.size} entries), got {g_t.size}")
        squared.append(np.sum((g_t - full) ** 2))
    return float(np.sqrt(np.mean(squared)))


@threadpool_limits.wrap(limits=1, user_api="blas")
def spread_by_size(X, Y, params, sizes, count: int = 64, seed: int = 0) -> np.ndarray:
    """The measured spread of ``count`` mini-batch gradients around the full gradient, for each size.

    ``spread(size) = sqrt(mean_t ||g{t} − g||²)`` over ``count`` mini-batches of that size
    (:func:`minibatch_gradients`, :func:`gradient_spread`); about ``spread(1) / √size`` while size ≪ m.

    Args:
        X, Y, params: the data set and the point (network parameters) where the gradients are taken.
        sizes: the mini-batch sizes, each in ``1..m``.  count: mini-batches per size.  seed: the first shuffle.

    Returns:
        The spreads, one per size (a float array).

    Reference: notebook 02.

    >>> X, Y = np.arange(16.0).reshape(2, 8), np.array([[0.0, 1.0] * 4])
    >>> spread = spread_by_size(X, Y, nn.init_params([2, 3, 1]), sizes=[1, 8], count=4)
    >>> bool(spread[0] > 0), bool(spread[1] < 1e-12)    # size m: every mini-batch is the whole set
    (True, True)
    """
    if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__iter__"):
        raise TypeError(f"sizes must be a sequence of mini-batch sizes, got {sizes!r}")
    full = nn.cost_and_grads(X, Y, params)[1]
    return np.array([gradient_spread(minibatch_gradients(X, Y, params, size, count, seed), full) for size in sizes])


def noisy_descent(surface: Surface, lr: float, steps: int, mini_batch_size: int, noise: float = 1.0,
                  start=None, seed: int = 0) -> Trajectory:
    """Gradient descent on a 2-D surface with the noise of a mini-batch: variance ``noise² / size``.

    ``w_t = w_{t−1} − α (∇J(w_{t−1}) + (noise / √size) ξ_t)``,  ``ξ_t ~ N(0, I)`` drawn from
    ``default_rng(seed)``: a picture of mini-batch gradient descent, whose gradient scatters around the
    true one with a spread that falls like ``1/√size``. ``noise = 0`` gives batch gradient descent.

    Args:
        surface: a :class:`~coursekit.surfaces.Surface`.  lr: ``α > 0``.  steps: ``T >= 1``.
        mini_batch_size: ``size >= 1``.  noise: the spread of one example's gradient, >= 0.
        start: ``w_0`` (default ``surface.start``).  seed: the noise's seed.

    Returns:
        A :class:`~coursekit.trajectories.Trajectory` of ``T + 1`` points (never ``diverged`` unless
        the iterates leave the surface's numbers: then it stops there, as :func:`~coursekit.trajectories.trajectory` does).

    Reference: notebook 02.

    >>> from coursekit.surfaces import elongated_quadratic
    >>> path = noisy_descent(elongated_quadratic(), lr=0.1, steps=3, mini_batch_size=4, noise=0.0, start=(1.0, 1.0))
    >>> path.points.round(3).tolist()
    [[1.0, 1.0], [0.9, 0.0], [0.81, 0.0], [0.729, 0.0]]
    """
    if not isinstance(surface, Surface):
        raise TypeError(f"surface must be a Surface (e.g. elongated_quadratic()), got {type(surface).__name__}")
    lr = _validate.positive(lr, "lr")
    steps = _validate.positive_int(steps, "steps")
    scale = _validate.non_negative(noise, "noise") / np.sqrt(_validate.positive_int(mini_batch_size, "mini_batch_size"))
    w = np.array(_point(surface.start if start is None else start, "start"))
    xi = np.random.default_rng(_validate.non_negative_int(seed, "seed")).standard_normal((steps, 2))
    points = [w]
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(steps):
            w = w - lr * (surface.grad(w) + scale * xi[t])
            if not np.all(np.isfinite(w)) or np.abs(w).max() > DIVERGENCE_BOUND:
                break
            points.append(w)
    points = np.array(points)
    return Trajectory(points, surface.f(points[:, 0], points[:, 1]), len(points) < steps + 1)
