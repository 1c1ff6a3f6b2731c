"""The activations of the course's network: ReLU in the hidden layers, sigmoid or softmax at the output."""

from __future__ import annotations

import numpy as np

from coursekit import _validate


def relu(Z, out=None) -> np.ndarray:
    """Rectified linear unit, the activation of the hidden layers.

    ``g(z) = max(0, z)``, element-wise; its derivative is ``1{z > 0}``.

    Args:
        Z: pre-activations ``Z[l]``, a numeric array of any shape (NaN stays NaN, as in numpy: the training
            loops look for it).  out: a float array of ``Z``'s shape to write ``A[l]`` into (as numpy's ``out=``).

    Returns:
        ``A[l] = g(Z[l])``, same shape.

    Reference: notebook 01 (forward prop); Nair & Hinton (2010).

    >>> relu(np.array([-2.0, 0.0, 3.0])).tolist()
    [0.0, 0.0, 3.0]
    """
    Z = _validate.array(Z, "Z", finite=False)
    return np.maximum(Z, 0.0, out=_out(out, Z))


def sigmoid(Z, out=None) -> np.ndarray:
    """Logistic function, the output of a binary classifier (``n_y = 1``).

    ``σ(z) = 1 / (1 + e^(−z))``, computed as ``(1 + tanh(z/2)) / 2``, which cannot overflow.

    Args:
        Z: pre-activations ``Z[L]``, a numeric array of any shape.  out: a float array of its shape for ``σ(Z)``.

    Returns:
        ``σ(Z)``, same shape, values in [0, 1].

    Reference: notebook 01 (the cost ``L(ŷ, y)`` of logistic regression).

    >>> sigmoid(np.array([-1000.0, 0.0, 1000.0])).tolist()
    [0.0, 0.5, 1.0]
    """
    Z = _validate.array(Z, "Z", finite=False)
    A = np.multiply(Z, 0.5, out=_out(out, Z))  # z / 2
    np.tanh(A, out=A)
    A += 1.0
    A *= 0.5  # (1 + tanh(z / 2)) / 2
    return A


def softmax(Z, out=None) -> np.ndarray:
    """Softmax over each column, the output of a multi-class classifier (``n_y > 1``).

    ``a_k = e^(z_k) / Σ_j e^(z_j)``; the column's maximum is subtracted from ``z`` first (same result, no overflow).

    Args:
        Z: pre-activations ``Z[L]``, shape ``(n_y, m)``, ``n_y, m >= 1``.
        out: a float array of that shape to write ``A[L]`` into.

    Returns:
        ``A[L]``, same shape; each column is a probability distribution over the ``n_y`` classes.

    Reference: Goodfellow, Bengio & Courville, "Deep Learning" (2016), §6.2.2.3.

    >>> softmax(np.array([[1.0, 0.0], [1.0, 1000.0]])).tolist()
    [[0.5, 0.0], [0.5, 1.0]]
    """
    Z = _validate.not_empty(_validate.array(Z, "Z", ndim=2, finite=False), "Z")
    E = np.subtract(Z, Z.max(axis=0, keepdims=True), out=_out(out, Z))
    np.exp(E, out=E)
    E /= E.sum(axis=0, keepdims=True)
    return E


def _out(out, Z: np.ndarray) -> np.ndarray | None:
    """``out`` after checking it is ``None`` or a float array of the shape of ``Z``, to write the result into."""
    if out is not None and not (isinstance(out, np.ndarray) and out.dtype == float and out.shape == Z.shape):
        raise TypeError(f"out must be None or a float array of the shape of Z, {Z.shape}, "
                        f"got {type(out).__name__} of shape {np.shape(out)}")
    return out
