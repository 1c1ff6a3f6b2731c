"""A small fully connected network in numpy: initialisation, forward and backward propagation, cost.

The network has ``L`` layers of sizes ``n[0] = n_x, n[1], ..., n[L] = n_y``. Hidden layers use ReLU.
The output layer is chosen by its size, the one rule used everywhere in coursekit:

* ``n_y = 1``: a sigmoid unit and the binary cross-entropy (labels ``Y`` of 0s and 1s, shape ``(1, m)``);
* ``n_y > 1``: a softmax and the categorical cross-entropy (one-hot labels ``Y``, shape ``(n_y, m)``).

For both pairs the derivative of the cost with respect to the output layer's ``Z`` is ``(A[L] − Y) / m``.
Examples are columns; parameters are ``{"W1", "b1", ..., "WL", "bL"}`` and gradients use the same keys.
Everything is vectorised over the ``m`` examples in float64.

The public functions check their arguments and return new arrays. Beneath them, the same computations
take an ``out(name, shape)`` that provides each result's array: :func:`_fresh` makes a new one, and the
training loop of :mod:`coursekit.train` passes a :class:`Workspace` that keeps them from one step to
the next, so that a step allocates no large temporary (and skips the checks of what it made itself).
"""

from __future__ import annotations

import numpy as np

from coursekit import _validate
from coursekit._compile import kernel
from coursekit.activations import sigmoid, softmax

#: Activations are clipped to ``[TINY, 1 − TINY]`` inside the logarithms of :func:`cost`.
TINY = 1e-12


def _fresh(name: str, shape: tuple) -> np.ndarray:
    """A new float array for the result ``name``: how the public functions get theirs."""
    return np.empty(shape)


class Workspace:
    """The arrays of a training run's results, by name and shape, reused from step to step.

    ``workspace(name, shape)`` returns the same array each time it is asked for that name and shape
    (new and uninitialised the first time); a run has a few shapes (mini-batches, the last one, the
    whole set), so a few arrays per name.

    >>> work = Workspace()
    >>> work("Z1", (3, 64)) is work("Z1", (3, 64)), work("Z1", (3, 64)) is work("Z1", (3, 10))
    (True, False)
    """

    def __init__(self):
        self._arrays: dict[tuple, np.ndarray] = {}

    def __call__(self, name: str, shape: tuple) -> np.ndarray:
        key = (name, shape)
        if key not in self._arrays:
            self._arrays[key] = np.empty(shape)
        return self._arrays[key]


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
    if isinstance(layer_dims, (str, bytes)) or not hasattr(layer_dims, "__len__") or len(layer_dims) < 2:
        raise ValueError(f"layer_dims must be a list of at least two sizes [n_x, ..., n_y], got {layer_dims!r}")
    dims = [_validate.positive_int(n, f"layer_dims[{i}]") for i, n in enumerate(layer_dims)]
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


def forward(X, params) -> tuple[np.ndarray, list]:
    """Forward propagation: ReLU hidden layers, then a sigmoid (``n_y = 1``) or softmax (``n_y > 1``) output.

    ``A[0] = X``;  ``Z[l] = W[l] A[l−1] + b[l]``;  ``A[l] = relu(Z[l])`` for ``l < L``;
    ``A[L] = σ(Z[L])`` or ``softmax(Z[L])``.

    Args:
        X: inputs ``X`` of shape ``(n_x, m)``.  params: ``{"W1", "b1", ...}`` as from :func:`init_params`.

    Returns:
        ``(A[L], cache)``: the output ``Ŷ = A[L]`` of shape ``(n_y, m)``, and for :func:`backward` a list
        with one tuple ``(A[l−1], W[l], Z[l])`` per layer.

    Reference: notebook 01 (forward prop on ``X{t}``).

    >>> AL, cache = forward(np.ones((2, 3)), init_params([2, 4, 1]))
    >>> AL.shape, len(cache)
    ((1, 3), 2)
    """
    params = _checked_params(params)
    X = _validate.array(X, "X", ndim=2)
    if X.shape[0] != params["W1"].shape[1]:
        raise ValueError(f"X must have {params['W1'].shape[1]} rows (the columns of W1), got shape {X.shape}")
    return _forward(X, params)


def _forward(X: np.ndarray, params: dict, out=_fresh) -> tuple[np.ndarray, list]:
    """:func:`forward` without the argument checks, each result written into ``out(name, shape)``."""
    L = len(params) // 2
    A = X
    cache = []
    for l in range(1, L + 1):
        W = params[f"W{l}"]
        Z = np.matmul(W, A, out=out(f"Z{l}", (W.shape[0], A.shape[1])))  # W[l] A[l−1]
        cache.append((A, W, Z))
        if l < L:
            A = out(f"A{l}", Z.shape)
            _add_bias_relu(Z, params[f"b{l}"], A)  # Z[l] = W[l] A[l−1] + b[l], A[l] = relu(Z[l]), in one pass
        else:
            Z += params[f"b{l}"]  # Z[L] = W[L] A[L−1] + b[L]
            A = (sigmoid if Z.shape[0] == 1 else softmax)(Z, out=out(f"A{l}", Z.shape))
    return A, cache


@kernel
def _add_bias_relu(Z, b, A):
    """``Z += b`` (``b`` a column) and ``A = relu(Z)`` in one pass: the bits of ``Z += b`` and ``np.maximum(Z, 0.0)``
    (which keeps a NaN and turns ``−0.0`` into ``0.0``)."""
    for i in range(Z.shape[0]):
        for j in range(Z.shape[1]):
            z = Z[i, j] + b[i, 0]
            Z[i, j] = z
            A[i, j] = z if z > 0.0 or z != z else 0.0


@kernel
def _times_relu_derivative(dA, Z):
    """``dA *= 1{Z > 0}`` in one pass, the bits of ``np.multiply(dA, Z > 0)``: ``dZ[l] = dA[l] * relu'(Z[l])``."""
    for i in range(dA.shape[0]):
        for j in range(dA.shape[1]):
            dA[i, j] = dA[i, j] * (1.0 if Z[i, j] > 0.0 else 0.0)


def _in_unit_interval(arr: np.ndarray, name: str) -> np.ndarray:
    """Check that every value of ``arr`` lies in [0, 1]."""
    if arr.size and (arr.min() < 0 or arr.max() > 1):
        raise ValueError(f"{name} must hold values in [0, 1], got values from {arr.min()} to {arr.max()}")
    return arr


def _checked_labels(Y, AL: np.ndarray) -> np.ndarray:
    """Validate labels ``Y``: the shape of the output ``A[L]``, values in [0, 1]."""
    Y = _validate.array(Y, "Y", ndim=2)
    _validate.same_shape(AL, "AL", Y, "Y")
    return _in_unit_interval(Y, "Y")


def _checked_pair(AL, Y) -> tuple[np.ndarray, np.ndarray]:
    """Validate an output ``A[L]`` and labels ``Y`` of the same shape, with values in [0, 1]."""
    AL = _in_unit_interval(_validate.array(AL, "AL", ndim=2), "AL")
    return AL, _checked_labels(Y, AL)


def cost(AL, Y) -> float:
    """Cross-entropy cost averaged over the ``m`` examples.

    ``n_y = 1``: ``J = −(1/m) Σ_i [y(i) log a(i) + (1 − y(i)) log(1 − a(i))]``;
    ``n_y > 1``: ``J = −(1/m) Σ_i Σ_k y_k(i) log a_k(i)``.
    For numerical safety ``a`` is clipped to ``[TINY, 1 − TINY]`` (``TINY = 1e-12``) inside the logarithms,
    so a confident wrong answer costs at most about 27.6 instead of infinity.

    Args:
        AL: the output ``A[L] = Ŷ``, shape ``(n_y, m)``.  Y: the labels, same shape (0/1 or one-hot).

    Returns:
        ``J`` as a float.

    Reference: notebook 01 (``J{t} = (1/size) Σ L(ŷ(i), y(i))``).

    >>> round(cost(np.array([[0.9, 0.2]]), np.array([[1.0, 0.0]])), 4)   # −(log 0.9 + log 0.8) / 2
    0.1643
    """
    return _cost(*_checked_pair(AL, Y))


def _cost(AL: np.ndarray, Y: np.ndarray, out=_fresh) -> float:
    """:func:`cost` without the argument checks."""
    A = np.clip(AL, TINY, 1 - TINY, out=out("A clipped", AL.shape))
    if AL.shape[0] == 1:
        losses = Y * np.log(A) + (1 - Y) * np.log(1 - A)  # one row
    else:
        losses = np.multiply(Y, np.log(A, out=A), out=A)  # Y * log(A)
    return float(-losses.sum() / AL.shape[1])


def backward(AL, Y, cache) -> dict[str, np.ndarray]:
    """Backward propagation: the gradients of the cost with respect to every ``W[l]`` and ``b[l]``.

    ``dZ[L] = A[L] − Y`` (sigmoid + binary or softmax + categorical cross-entropy);
    ``dW[l] = (1/m) dZ[l] A[l−1]ᵀ``;  ``db[l] = (1/m) Σ_i dZ[l](i)``;
    ``dZ[l−1] = W[l]ᵀ dZ[l] * relu'(Z[l−1])``.

    Args:
        AL: the output ``A[L]`` of :func:`forward`.  Y: the labels, same shape.  cache: the cache of that call.

    Returns:
        ``{"W1": dW[1], "b1": db[1], ...}``: exactly the keys and shapes of the parameters.

    Reference: notebook 01 (backprop to compute gradients of ``J{t}``).

    >>> X, Y, params = np.ones((2, 3)), np.ones((1, 3)), init_params([2, 4, 1])
    >>> AL, cache = forward(X, params)
    >>> sorted(backward(AL, Y, cache)) == sorted(params)
    True
    """
    AL, Y = _checked_pair(AL, Y)
    if not isinstance(cache, list) or not cache or cache[-1][2].shape != AL.shape:
        raise ValueError("cache must be the list returned by forward() together with this AL")
    return _backward(AL, Y, cache)


def _backward(AL: np.ndarray, Y: np.ndarray, cache: list, out=_fresh) -> dict[str, np.ndarray]:
    """:func:`backward` without the argument checks, each result written into ``out(name, shape)``."""
    m = AL.shape[1]
    dZ = np.subtract(AL, Y, out=out("dZ", AL.shape))  # dZ[L] = A[L] − Y
    grads = {}
    for l in range(len(cache), 0, -1):
        A_prev, W, _ = cache[l - 1]
        dW = grads[f"W{l}"] = np.matmul(dZ, A_prev.T, out=out(f"dW{l}", W.shape))
        dW /= m  # dW[l] = (1/m) dZ[l] A[l−1]ᵀ
        db = grads[f"b{l}"] = np.sum(dZ, axis=1, keepdims=True, out=out(f"db{l}", (W.shape[0], 1)))
        db /= m  # db[l] = (1/m) Σ_i dZ[l](i)
        if l > 1:
            Z_prev = cache[l - 2][2]
            dZ = np.matmul(W.T, dZ, out=out(f"dA{l - 1}", Z_prev.shape))  # dA[l−1] = W[l]ᵀ dZ[l]
            _times_relu_derivative(dZ, Z_prev)  # dZ[l−1] = dA[l−1] * relu'(Z[l−1])
    return {f"{p}{l}": grads[f"{p}{l}"] for l in range(1, len(cache) + 1) for p in "Wb"}


def cost_and_grads(X, Y, params) -> tuple[float, dict[str, np.ndarray]]:
    """Cost and gradients of the network on one (mini-)batch: forward, cost and backward in one call.

    ``J = cost(forward(X)[0], Y)``;  ``grads = {"W1": dW[1], "b1": db[1], ...}``.

    Args:
        X: inputs ``X{t}``, ``(n_x, m)``.  Y: labels ``Y{t}``, ``(n_y, m)``.  params: ``{"W1", "b1", ...}``.

    Returns:
        ``(J, grads)``: the cost as a float and gradients with the keys of ``params``.

    Reference: notebook 01 (one iteration of the mini-batch loop, before the update).

    >>> J, grads = cost_and_grads(np.ones((2, 3)), np.ones((1, 3)), init_params([2, 4, 1]))
    >>> isinstance(J, float), sorted(grads)
    (True, ['W1', 'W2', 'b1', 'b2'])
    """
    AL, cache = forward(X, params)
    Y = _checked_labels(Y, AL)
    return _cost(AL, Y), _backward(AL, Y, cache)


def _cost_and_grads(X: np.ndarray, Y: np.ndarray, params: dict, out=_fresh) -> tuple[float, dict[str, np.ndarray]]:
    """:func:`cost_and_grads` without the argument checks, each result written into ``out(name, shape)``."""
    AL, cache = _forward(X, params, out)
    return _cost(AL, Y, out), _backward(AL, Y, cache, out)


def _labels(Y: np.ndarray) -> np.ndarray:
    """Class labels ``(1, m)`` of 0/1 or one-hot ``Y``; of ``A[L]``, the predictions (``a > 0.5`` or argmax)."""
    if Y.shape[0] == 1:
        return (Y > 0.5).astype(int)
    return Y.argmax(axis=0)[np.newaxis, :]


def predict(X, params) -> np.ndarray:
    """Predicted class of each example.

    ``ŷ = 1{a > 0.5}`` for a sigmoid output;  ``ŷ = argmax_k a_k`` for a softmax output.

    Args:
        X: inputs, ``(n_x, m)``.  params: ``{"W1", "b1", ...}``.

    Returns:
        Integer classes, shape ``(1, m)``.

    Reference: notebook 01 (the network's output ``ŷ``).

    >>> params = {"W1": np.array([[1.0, -1.0]]), "b1": np.zeros((1, 1))}
    >>> predict(np.array([[2.0, 0.0], [1.0, 3.0]]), params).tolist()
    [[1, 0]]
    """
    return _labels(forward(X, params)[0])


def evaluate(X, Y, params) -> tuple[float, float]:
    """Cost and accuracy of the network on a whole data set, from one forward pass.

    ``J`` as in :func:`cost`;  accuracy ``= (1/m) Σ_i 1{ŷ(i) = y(i)}``.

    Args:
        X: inputs, ``(n_x, m)``.  Y: labels, ``(n_y, m)``, 0/1 or one-hot.  params: ``{"W1", "b1", ...}``.

    Returns:
        ``(J, accuracy)``, two floats.

    Reference: notebook 02 (watching the cost while training).

    >>> params = {"W1": np.array([[1.0, -1.0]]), "b1": np.zeros((1, 1))}
    >>> J, acc = evaluate(np.array([[2.0, 0.0], [1.0, 3.0]]), np.array([[1.0, 1.0]]), params)
    >>> acc
    0.5
    """
    AL, _ = forward(X, params)
    return _evaluate_output(AL, _checked_labels(Y, AL))


def _evaluate_output(AL: np.ndarray, Y: np.ndarray, out=_fresh) -> tuple[float, float]:
    """Cost and accuracy of an output ``A[L]`` against labels ``Y``, without the argument checks."""
    return _cost(AL, Y, out), float(np.mean(_labels(AL) == _labels(Y)))


def accuracy(X, Y, params) -> float:
    """Fraction of the examples whose predicted class equals their label.

    ``(1/m) Σ_i 1{ŷ(i) = y(i)}``

    Args:
        X: inputs, ``(n_x, m)``.  Y: labels, ``(n_y, m)``, 0/1 or one-hot.  params: ``{"W1", "b1", ...}``.

    Returns:
        The accuracy, a float in [0, 1].

    Reference: notebook 01.

    >>> params = {"W1": np.array([[1.0, -1.0]]), "b1": np.zeros((1, 1))}
    >>> accuracy(np.array([[2.0, 0.0], [1.0, 3.0]]), np.array([[1.0, 0.0]]), params)
    1.0
    """
    return evaluate(X, Y, params)[1]
