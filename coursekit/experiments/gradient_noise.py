"""The noise of mini-batch gradients (notebook 03): how far ``g{t}`` falls from the full gradient ``g``.

The gradient of a mini-batch's cost ``J{t}`` is the average of its examples' gradients, so it scatters
around the gradient ``g`` of the whole set's cost ``J``. The spread of that scatter,
``sqrt(mean_t ||g{t} − g||²)``, falls like ``1/√size``: averaging ``size`` examples divides the variance
by ``size`` (and by a little more as ``size`` nears ``m``, since then the mini-batches overlap the whole
set: ``(m − size) / (m − 1)``). :func:`noisy_descent` shows what such noise does to a path on a 2-D bowl.
:func:`gradient_noise_data` and :func:`noisy_descent_data` gather, size by size, what the notebook prints and
its two explorers draw. The gradients are computed on one BLAS thread (``threadpoolctl``): the network is
small, and on a busy machine numpy's threads would only slow them down.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from threadpoolctl import threadpool_limits

from coursekit import _validate, nn
from coursekit.minibatch import random_mini_batches
from coursekit.surfaces import Surface
from coursekit.trajectories import DIVERGENCE_BOUND, Trajectory


def flat_gradient(grads) -> np.ndarray:
    """All the entries of a gradient dict as one vector, key after key in the dict's order.

    ``[dW[1] (row by row), db[1], dW[2], ...]``: the vector whose Euclidean norm is ``||g||``.

    Args:
        grads: ``{"W1": dW[1], "b1": db[1], ...}``, a dict of arrays (as from :func:`coursekit.nn.cost_and_grads`).

    Returns:
        A 1-D float array of ``Σ_k grads[k].size`` entries.

    Reference: notebook 03.

    >>> flat_gradient({"W1": np.array([[1.0, 2.0]]), "b1": np.array([[3.0]])}).tolist()
    [1.0, 2.0, 3.0]
    """
    return _flat(grads, "grads")


def _flat(grads, name: str) -> np.ndarray:
    """:func:`flat_gradient` of the argument ``name``, checked as such."""
    if not isinstance(grads, dict) or not grads:
        raise TypeError(f"{name} must be a non-empty dict of arrays {{'W1': ..., 'b1': ...}}, got {type(grads).__name__}")
    return np.concatenate([_validate.array(value, f"{name}[{key!r}]").ravel() for key, value in grads.items()])


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

    Reference: notebook 03.

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
    _validate.budget(count, "count", operations=count * (_validate.STEP_OPERATIONS + 3 * size * X.shape[0]))
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

    Reference: notebook 03 (the exercise ``gradient_spread``).

    >>> g = {"W1": np.array([[0.0, 0.0]]), "b1": np.array([[0.0]])}
    >>> gradient_spread([{"W1": np.array([[3.0, 0.0]]), "b1": np.array([[4.0]])}, g], g)   # sqrt((25 + 0) / 2)
    3.5355339059327378
    """
    full = _flat(full_grad, "full_grad")
    minibatch_grads = _validate.sequence(minibatch_grads, "minibatch_grads", "gradient dicts", non_empty=True)
    squared = []
    for t, grads in enumerate(minibatch_grads):
        _validate.matching_dicts(full_grad, grads, "full_grad", f"minibatch_grads[{t}]")
        in_order = {key: grads[key] for key in full_grad}  # entry by entry as in full
        squared.append(np.sum((_flat(in_order, f"minibatch_grads[{t}]") - full) ** 2))
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

    Reference: notebook 03.

    >>> X, Y = np.arange(16.0).reshape(2, 8), np.array([[0.0, 1.0] * 4])
    >>> spread = spread_by_size(X, Y, nn.init_params([2, 3, 1]), sizes=[1, 8], count=4)
    >>> bool(spread[0] > 0), bool(spread[1] < 1e-12)    # size m: every mini-batch is the whole set
    (True, True)
    """
    X = _validate.array(X, "X", ndim=2)
    sizes = _sizes(sizes, X.shape[1])
    full = nn.cost_and_grads(X, Y, params)[1]
    return np.array([gradient_spread(minibatch_gradients(X, Y, params, size, count, seed), full) for size in sizes])


def _sizes(sizes, m: int) -> list[int]:
    """The mini-batch sizes asked for, after checking there is at least one and each is in ``1..m``."""
    sizes = _validate.sequence(sizes, "sizes", "mini-batch sizes", non_empty=True)
    sizes = [_validate.positive_int(size, f"sizes[{i}]") for i, size in enumerate(sizes)]
    if max(sizes) > m:
        raise ValueError(f"sizes must be mini-batch sizes <= m = {m} (full mini-batches), got {max(sizes)}")
    return sizes


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

    Reference: notebook 03.

    >>> from coursekit.surfaces import elongated_quadratic
    >>> path = noisy_descent(elongated_quadratic(), lr=0.1, steps=3, mini_batch_size=4, noise=0.0, start=(1.0, 1.0))
    >>> path.points.round(3).tolist()
    [[1.0, 1.0], [0.9, 0.0], [0.81, 0.0], [0.729, 0.0]]
    """
    _validate.instance(surface, "surface", Surface)
    lr = _validate.positive(lr, "lr")
    steps = _validate.positive_int(steps, "steps")
    _validate.budget(steps, "steps", memory=160 * steps, operations=steps * _validate.STEP_OPERATIONS)  # ξ, the points
    scale = _validate.non_negative(noise, "noise") / np.sqrt(_validate.positive_int(mini_batch_size, "mini_batch_size"))
    w = np.array(_validate.point(surface.start if start is None else start, "start"))
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


class NoiseData(NamedTuple):
    """Mini-batch gradients at one point of a network, by size (from :func:`gradient_noise_data`).

    Fields: ``sizes``; ``m``; ``full``, the full gradient ``g`` as one vector; ``grads``, ``{size: array
    (count, P)}`` of the flattened mini-batch gradients ``g{t}``; ``spread``, ``sqrt(mean_t ||g{t} − g||²)``
    per size; ``downhill``, per size the share of the ``g{t}`` that point downhill (``g{t} · g > 0``).

    >>> X, Y = np.arange(16.0).reshape(2, 8), np.array([[0.0, 1.0] * 4])
    >>> gradient_noise_data(X, Y, nn.init_params([2, 3, 1]), sizes=(1, 2), count=4)._fields
    ('sizes', 'm', 'full', 'grads', 'spread', 'downhill')
    """

    sizes: tuple
    m: int
    full: np.ndarray
    grads: dict
    spread: np.ndarray
    downhill: np.ndarray


def gradient_noise_data(X, Y, params, sizes=(1, 4, 16, 64, 256, 1024), count: int = 32, seed: int = 0) -> NoiseData:
    """The gradients of ``count`` mini-batches of each size at ``params``, and their spread around ``g``.

    ``spread(size) = sqrt(mean_t ||g{t} − g||²)`` (:func:`gradient_spread`); ``downhill(size)`` = the share
    of those ``t`` with ``g{t} · g > 0``.

    Args:
        X, Y, params: the data set and the point where the gradients are taken.
        sizes: mini-batch sizes in ``1..m``.  count: mini-batches per size.  seed: the first shuffle.

    Returns:
        A :class:`NoiseData`.

    Reference: notebook 03.

    >>> X, Y = np.arange(16.0).reshape(2, 8), np.array([[0.0, 1.0] * 4])
    >>> data = gradient_noise_data(X, Y, nn.init_params([2, 3, 1]), sizes=(1, 2), count=4)
    >>> data.grads[2].shape, data.spread.shape
    ((4, 13), (2,))
    """
    X = _validate.array(X, "X", ndim=2)
    sizes = tuple(sorted(set(_sizes(sizes, X.shape[1]))))
    full = nn.cost_and_grads(X, Y, params)[1]
    grads, spread = {}, []
    for size in sizes:
        batch = minibatch_gradients(X, Y, params, size, count, seed)
        spread.append(gradient_spread(batch, full))
        grads[size] = np.array([flat_gradient(g) for g in batch])
    g = flat_gradient(full)
    downhill = np.array([np.mean(grads[size] @ g > 0) for size in sizes])
    return NoiseData(sizes, np.shape(X)[1], g, grads, np.array(spread), downhill)


class NoisyPaths(NamedTuple):
    """Descent paths on a 2-D surface (from :func:`noisy_descent_data`): ``reference`` without noise, one
    noisy path per size in ``paths``, and ``wander[size]``, the root-mean-square distance from the minimum
    over the last half of the steps.

    >>> from coursekit.surfaces import elongated_quadratic
    >>> sorted(noisy_descent_data(elongated_quadratic(5.0), sizes=(1, 4), steps=10).paths)
    [1, 4]
    """

    surface: Surface
    reference: Trajectory
    paths: dict
    wander: dict


def noisy_descent_data(surface: Surface, sizes=(1, 4, 16, 64, 256), lr: float = 0.15, steps: int = 60,
                       noise: float = 3.0, seed: int = 0) -> NoisyPaths:
    """Gradient descent with mini-batch noise of variance ``noise² / size`` on a surface, for each size.

    ``w_t = w_{t−1} − α (∇J(w_{t−1}) + (noise / √size) ξ_t)`` (:func:`noisy_descent`); every size uses the
    same draws ``ξ_t``, so only the size differs. ``wander(size) = sqrt(mean_{t ≥ T/2} ||w_t − w*||²)``.

    Args:
        surface: a :class:`~coursekit.surfaces.Surface` with one known minimum ``w*``.  sizes: the sizes.
        lr: ``α``.  steps: ``T``.  noise: the spread of one example's gradient.  seed: the noise's seed.

    Returns:
        A :class:`NoisyPaths`.

    Reference: notebook 03.

    >>> from coursekit.surfaces import elongated_quadratic
    >>> data = noisy_descent_data(elongated_quadratic(5.0), sizes=(1, 100), steps=40)
    >>> round(data.wander[1] / data.wander[100], 1)     # √100 = 10, less the noiseless path's own distance
    9.5
    """
    if len(_validate.instance(surface, "surface", Surface).minima) != 1:
        raise ValueError(f"surface must have one known minimum, got {surface!r}")
    sizes = _validate.sequence(sizes, "sizes", "mini-batch sizes", non_empty=True)
    steps = _validate.positive_int(steps, "steps")
    reference = noisy_descent(surface, lr, steps, 1, noise=0.0, seed=seed)
    paths = {_validate.positive_int(size, "sizes"): noisy_descent(surface, lr, steps, size, noise, seed=seed)
             for size in sorted(sizes)}
    minimum = np.array(surface.minima[0])
    wander = {size: float(np.sqrt(np.mean(np.sum((path.points[steps // 2:] - minimum) ** 2, axis=1))))
              for size, path in paths.items()}
    return NoisyPaths(surface, reference, paths, wander)
