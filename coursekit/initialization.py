"""A network's parameters: their He initialisation, and the check that a dict is a network's parameters.

A network of ``L`` layers of sizes ``n[0] = n_x, n[1], ..., n[L] = n_y`` has the parameters
``{"W1": W[1], "b1": b[1], ..., "WL": W[L], "bL": b[L]}``, ``W[l]`` of shape ``(n[l], n[l−1])`` and ``b[l]`` a
column of ``n[l]``; :mod:`coursekit.nn` runs them forward and backward.
"""

from __future__ import annotations

import numpy as np

from coursekit import _validate


def init_params(layer_dims, seed: int = 0) -> dict[str, np.ndarray]:
    """He initialisation of a fully connected network.

    ``W[l] ~ N(0, 2 / n[l−1])`` of shape ``(n[l], n[l−1])``;  ``b[l] = 0`` of shape ``(n[l], 1)``.

    Args:
        layer_dims: ``[n[0], n[1], ..., n[L]]``, at least two integers >= 1 (``n[0] = n_x``, ``n[L] = n_y``).
        seed: seed of the ``numpy.random.default_rng`` that draws every ``W[l]``, layer by layer.

    Returns:
        ``{"W1": W[1], "b1": b[1], ..., "WL": W[L], "bL": b[L]}``, float64 arrays.

    Reference: He et al. (2015), "Delving Deep into Rectifiers", §2.2.

    >>> {k: v.shape for k, v in init_params([2, 5, 1]).items()}
    {'W1': (5, 2), 'b1': (5, 1), 'W2': (1, 5), 'b2': (1, 1)}
    """
    dims = _validate.layer_dims(layer_dims)
    _validate.budget(dims, "layer_dims", memory=8 * sum(n * (m + 1) for m, n in zip(dims, dims[1:])))
    rng = np.random.default_rng(_validate.non_negative_int(seed, "seed"))
    params = {}
    for l in range(1, len(dims)):
        params[f"W{l}"] = rng.standard_normal((dims[l], dims[l - 1])) * np.sqrt(2.0 / dims[l - 1])
        params[f"b{l}"] = np.zeros((dims[l], 1))
    return params


def _checked_params(params) -> dict[str, np.ndarray]:
    """Check that ``params`` is ``{"W1", "b1", ..., "WL", "bL"}`` with chained shapes; return float arrays."""
    if not isinstance(params, dict) or not params:
        raise TypeError(f"params must be a non-empty dict {{'W1', 'b1', ...}}, got {type(params).__name__}")
    L = len(params) // 2
    expected = [f"{p}{l}" for l in range(1, L + 1) for p in "Wb"]
    if sorted(params) != sorted(expected):
        raise ValueError(f"params must have the keys W1, b1, ..., WL, bL, got {sorted(params)}")
    checked = {key: _validate.array(params[key], f"params[{key!r}]", ndim=2) for key in expected}
    for l in range(1, L + 1):
        W, b = checked[f"W{l}"], checked[f"b{l}"]
        if b.shape != (W.shape[0], 1):
            raise ValueError(f"params['b{l}'] must have shape {(W.shape[0], 1)} to match W{l}, got {b.shape}")
        if l > 1 and W.shape[1] != checked[f"W{l - 1}"].shape[0]:
            rows = checked[f"W{l - 1}"].shape[0]
            raise ValueError(f"params['W{l}'] must have {rows} columns (the rows of W{l - 1}), got shape {W.shape}")
    return checked
