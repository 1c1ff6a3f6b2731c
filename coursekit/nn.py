"""A small fully connected network in numpy: forward and backward propagation, the cost and accuracy it reaches.

The network has ``L`` layers of sizes ``n[0] = n_x, n[1], ..., n[L] = n_y``. Hidden layers use ReLU.
The output layer is chosen by its size, the one rule used everywhere in coursekit:

* ``n_y = 1``: a sigmoid unit and the binary cross-entropy (labels ``Y`` of 0s and 1s, shape ``(1, m)``);
* ``n_y > 1``: a softmax and the categorical cross-entropy (one-hot labels ``Y``, shape ``(n_y, m)``).

For both pairs the derivative of the cost with respect to the output layer's ``Z`` is ``(A[L] − Y) / m``.
Examples are columns; parameters are ``{"W1", "b1", ..., "WL", "bL"}`` (initialised by
:func:`coursekit.initialization.init_params`) and gradients use the same keys; the cost is
:func:`coursekit.losses.cost`. Everything is vectorised over the ``m`` examples in float64.

The public functions check their arguments and return new arrays. Beneath them, the same computations
take an ``out(name, shape)`` that provides each result's array: :func:`_fresh` makes a new one, and the
training loop of :mod:`coursekit.train` passes a :class:`Workspace` that keeps them from one step to
the next, so that a step allocates no large temporary (and skips the checks of what it made itself).
The same unchecked passes run ``K`` networks at once (:func:`coursekit.experiments.sweeps.train_side_by_side`):
stacked, every parameter has a first axis of length ``K`` (``W[l]`` of shape ``(K, n[l], n[l−1])``, C-ordered),
the inputs ``X`` and labels ``Y`` are shared, and each result has that first axis too.
"""

from __future__ import annotations

import numpy as np

from coursekit import _validate
from coursekit._compile import blocks, kernel
from coursekit.activations import sigmoid, softmax
from coursekit.initialization import _checked_params, init_params
from coursekit.losses import TINY, _by_columns, _checked_labels, _checked_pair, _cost, _evaluate_output, _labels, cost

__all__ = ["ONE_THREAD", "TINY", "Workspace", "accuracy", "backward", "cost", "cost_and_grads", "evaluate", "forward",
           "init_params", "predict"]

#: The most multiply-adds a matrix product may have to run on one thread: OpenBLAS splits larger ones
#: over threads, which on a busy machine can take ten times longer. Stacked products are kept below it.
ONE_THREAD = 2**18


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
    """:func:`forward` without the argument checks, each result written into ``out(name, shape)``; for one
    network or ``K`` stacked ones (see the module's docstring)."""
    L = len(params) // 2
    A = X
    cache = []
    for l in range(1, L + 1):
        W = params[f"W{l}"]
        Z = _product(W, A, out(f"Z{l}", (*W.shape[:-1], A.shape[-1])))  # W[l] A[l−1]
        cache.append((A, W, Z))
        if l < L:
            A = out(f"A{l}", Z.shape)
            # Z[l] = W[l] A[l−1] + b[l], A[l] = relu(Z[l]), in one pass over the rows of all the networks
            _add_bias_relu(_rows(Z), _rows(params[f"b{l}"]), _rows(A))
        else:
            Z += params[f"b{l}"]  # Z[L] = W[L] A[L−1] + b[L]
            A = sigmoid(Z, out=out(f"A{l}", Z.shape)) if Z.shape[-2] == 1 else _softmax(Z, out)
    return A, cache


def _rows(array: np.ndarray) -> np.ndarray:
    """A stacked ``(K, n, m)`` array as the ``(K·n, m)`` rows of its networks (a view if it is C-ordered)."""
    return array.reshape(-1, array.shape[-1])


def _product(W: np.ndarray, A: np.ndarray, Z: np.ndarray) -> np.ndarray:
    """``Z = W A``. For stacked ``W`` and shared inputs ``A`` ``(n, m)``, one product of all the networks' rows,
    ``(K·n[l], n[l−1]) @ A``, while it stays on one thread (:data:`ONE_THREAD`); otherwise one per network."""
    if W.ndim == 3 and A.ndim == 2 and W.size * A.shape[1] <= ONE_THREAD:
        np.matmul(_rows(W), A, out=_rows(Z))
        return Z
    return np.matmul(W, A, out=Z)


def _softmax(Z: np.ndarray, out) -> np.ndarray:
    """The course's softmax over each column of ``Z[L]``; of stacked networks, over their columns side by side."""
    n_y, A = Z.shape[-2], _by_columns(out, "A softmax", Z.shape)
    softmax(np.moveaxis(Z, -2, 0).reshape(n_y, -1), out=np.moveaxis(A, -2, 0).reshape(n_y, -1))  # (n_y, [K·]m)
    return A


def _add_bias_relu_numpy(Z, b, A):
    """:func:`_add_bias_relu` as numpy expressions, for when Numba is not there."""
    np.add(Z, b, out=Z)  # Z[l] = W[l] A[l−1] + b[l]
    np.maximum(Z, 0.0, out=A)  # A[l] = relu(Z[l])


@kernel(numpy=_add_bias_relu_numpy)
def _add_bias_relu(Z, b, A):
    """``Z += b`` (``b`` a column) and ``A = relu(Z)`` in one pass: the bits of ``Z += b`` and ``np.maximum(Z, 0.0)``
    (which keeps a NaN and turns ``−0.0`` into ``0.0``)."""
    for i in range(Z.shape[0]):
        for j in range(Z.shape[1]):
            z = Z[i, j] + b[i, 0]
            Z[i, j] = z
            A[i, j] = z if z > 0.0 or z != z else 0.0


def _times_relu_derivative_numpy(dA, Z):
    """:func:`_times_relu_derivative` as numpy expressions, a block of rows at a time (the mask stays small)."""
    for i in blocks(dA):
        np.multiply(dA[i], Z[i] > 0.0, out=dA[i])  # dZ[l] = dA[l] * relu'(Z[l])


@kernel(numpy=_times_relu_derivative_numpy)
def _times_relu_derivative(dA, Z):
    """``dA *= 1{Z > 0}`` in one pass, the bits of ``np.multiply(dA, Z > 0)``: ``dZ[l] = dA[l] * relu'(Z[l])``."""
    for i in range(dA.shape[0]):
        for j in range(dA.shape[1]):
            dA[i, j] = dA[i, j] * (1.0 if Z[i, j] > 0.0 else 0.0)


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
    """:func:`backward` without the argument checks, each result written into ``out(name, shape)``; for one
    network or ``K`` stacked ones (``Y`` shared)."""
    m = AL.shape[-1]
    dZ = np.subtract(AL, Y, out=out("dZ", AL.shape))  # dZ[L] = A[L] − Y
    grads = {}
    for l in range(len(cache), 0, -1):
        A_prev, W, _ = cache[l - 1]
        dW = grads[f"W{l}"] = np.matmul(dZ, np.swapaxes(A_prev, -1, -2), out=out(f"dW{l}", W.shape))
        dW /= m  # dW[l] = (1/m) dZ[l] A[l−1]ᵀ
        db = grads[f"b{l}"] = np.sum(dZ, axis=-1, keepdims=True, out=out(f"db{l}", (*W.shape[:-1], 1)))
        db /= m  # db[l] = (1/m) Σ_i dZ[l](i)
        if l > 1:
            Z_prev = cache[l - 2][2]
            dZ = np.matmul(np.swapaxes(W, -1, -2), dZ, out=out(f"dA{l - 1}", Z_prev.shape))  # dA[l−1] = W[l]ᵀ dZ[l]
            _times_relu_derivative(_rows(dZ), _rows(Z_prev))  # dZ[l−1] = dA[l−1] * relu'(Z[l−1])
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
    return float(_cost(AL, Y, _fresh)), _backward(AL, Y, cache)


def _cost_and_grads(X: np.ndarray, Y: np.ndarray, params: dict, out=_fresh) -> tuple[float, dict[str, np.ndarray]]:
    """:func:`cost_and_grads` without the argument checks, each result written into ``out(name, shape)``."""
    AL, cache = _forward(X, params, out)
    return _cost(AL, Y, out), _backward(AL, Y, cache, out)


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
    return _evaluate_output(AL, _checked_labels(Y, AL), _fresh)


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
