"""How sharp a minimum is (notebook 03): the cost around a network's parameters, along chosen directions.

Keskar et al. (2017) found that large mini-batches tend to end in *sharp* minima, where the cost rises
quickly as the weights move, and small ones in *flat* minima, and that sharp minima tend to generalize
worse. Two measurements of the cost around trained parameters ``w`` on a data set:

* :func:`perturbed_cost_increase`: ``J(w + δ) − J(w)`` for random ``δ`` that move each parameter array
  by a fixed fraction of its own norm (the size of a step that a layer's scale makes comparable);
* :func:`interpolate_costs`: ``J((1 − s) w_a + s w_b)`` along the line through two solutions.

Both run on one BLAS thread (``threadpoolctl``).
"""

from __future__ import annotations

import numpy as np
from threadpoolctl import threadpool_limits

from coursekit import _validate, nn


#: The largest relative perturbation measured: beyond some times the weights' own size the cost says nothing
#: about the minimum (and at 1e200 it overflows).
MAX_RADIUS = 10.0


@threadpool_limits.wrap(limits=1, user_api="blas")
def perturbed_cost_increase(X, Y, params, radius: float, directions: int = 20, seed: int = 0) -> np.ndarray:
    """The cost increase under random perturbations of the parameters, each array moved by ``radius`` × its norm.

    For ``k = 1..directions``: ``δ_k[key] = radius · ||params[key]|| · u / ||u||`` with ``u ~ N(0, I)`` of the
    shape of ``params[key]`` (drawn from ``default_rng(seed)``), and ``ΔJ_k = J(w + δ_k) − J(w)`` on
    ``(X, Y)``. A flat minimum gives small increases, a sharp one large increases.

    Args:
        X, Y: the data set whose cost ``J`` is measured (the training set).  params: the trained ``w``.
        radius: the relative size of a perturbation, in (0, ``MAX_RADIUS``] (0.1 moves each array by 10 % of its norm).
        directions: how many random perturbations, >= 1.  seed: their seed.

    Returns:
        The ``directions`` increases ``ΔJ_k`` (a float array; negative where the cost happens to fall).

    Reference: notebook 03; Keskar et al. (2017), "On Large-Batch Training for Deep Learning:
    Generalization Gap and Sharp Minima", §2.1 (sharpness under bounded perturbations).

    >>> X, Y = np.array([[0.0, 1.0, 2.0, 3.0]]), np.array([[0.0, 0.0, 1.0, 1.0]])
    >>> params = {"W1": np.array([[4.0]]), "b1": np.array([[-6.0]])}
    >>> perturbed_cost_increase(X, Y, params, radius=0.1, directions=3).shape
    (3,)
    """
    params = {key: _validate.array(value, f"params[{key!r}]", ndim=2) for key, value in _checked(params).items()}
    radius = _validate.positive(radius, "radius")
    if radius > MAX_RADIUS:
        raise ValueError(f"radius must be a finite number in (0, {MAX_RADIUS:g}] (times each array's norm), "
                         f"got {radius!r}")
    directions = _validate.positive_int(directions, "directions")
    _validate.budget(directions, "directions", operations=directions * (_validate.STEP_OPERATIONS + 6 * np.size(X)))
    rng = np.random.default_rng(_validate.non_negative_int(seed, "seed"))
    J = nn.evaluate(X, Y, params)[0]
    increases = []
    for _ in range(directions):
        moved = {}
        for key, w in params.items():
            u = rng.standard_normal(w.shape)
            moved[key] = w + radius * np.linalg.norm(w) * u / np.linalg.norm(u)
        increases.append(nn.evaluate(X, Y, moved)[0] - J)
    return np.array(increases)


@threadpool_limits.wrap(limits=1, user_api="blas")
def interpolate_costs(X, Y, params_a, params_b, steps) -> np.ndarray:
    """The cost along the straight line through two sets of parameters.

    ``J((1 − s) w_a + s w_b)`` for each ``s`` in ``steps``: ``s = 0`` is ``w_a``, ``s = 1`` is ``w_b``;
    ``s < 0`` and ``s > 1`` look beyond each end, where a sharp minimum's cost rises faster.

    Args:
        X, Y: the data set.  params_a, params_b: two networks with the same keys and shapes.
        steps: the values of ``s``, a 1-D array-like.

    Returns:
        The costs, one per ``s``.

    Reference: notebook 03; Keskar et al. (2017), §3 (1-D parametric plots between small- and
    large-batch solutions, after Goodfellow et al. 2015).

    >>> X, Y = np.array([[0.0, 1.0, 2.0, 3.0]]), np.array([[0.0, 0.0, 1.0, 1.0]])
    >>> a = {"W1": np.array([[4.0]]), "b1": np.array([[-6.0]])}
    >>> costs = interpolate_costs(X, Y, a, a, [0.0, 0.5, 1.0])
    >>> bool(costs[0] == costs[1] == costs[2])
    True
    """
    params_a, params_b = _checked(params_a, "params_a"), _checked(params_b, "params_b")
    _validate.matching_dicts(params_a, params_b, "params_a", "params_b")
    steps = _validate.not_empty(_validate.array(steps, "steps", ndim=1), "steps")
    _validate.budget(steps.size, "len(steps)", operations=steps.size * (_validate.STEP_OPERATIONS + 6 * np.size(X)))
    return np.array([nn.evaluate(X, Y, {k: (1 - s) * params_a[k] + s * params_b[k] for k in params_a})[0]
                     for s in steps])


def _checked(params, name: str = "params") -> dict:
    if not isinstance(params, dict) or not params:
        raise TypeError(f"{name} must be a non-empty dict of arrays {{'W1', 'b1', ...}}, got {type(params).__name__}")
    return params
