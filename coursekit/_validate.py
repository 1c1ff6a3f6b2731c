"""Argument checks shared by every public function of coursekit.

Each check raises ``TypeError`` (wrong kind of value) or ``ValueError`` (right kind, bad value)
with a message that names the argument, shows the value and says what is allowed, e.g.
``lr must be a finite number > 0, got -0.1``.
"""

from __future__ import annotations

import math
from numbers import Integral, Real

import numpy as np


def _is_real(value) -> bool:
    """A real number and not a bool; ``float`` and ``int`` answer at once (``numbers.Real`` is slow to ask)."""
    kind = type(value)
    return kind is float or kind is int or (isinstance(value, Real) and not isinstance(value, bool))


def positive(value, name: str) -> float:
    """Return ``value`` as a float after checking it is a finite number > 0 (``lr``, ``eps``, ...)."""
    if not _is_real(value):
        raise TypeError(f"{name} must be a finite number > 0, got {value!r} of type {type(value).__name__}")
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a finite number > 0, got {value!r}")
    return float(value)


def non_negative(value, name: str) -> float:
    """Return ``value`` as a float after checking it is a finite number >= 0 (``decay_rate``, ...)."""
    if not _is_real(value):
        raise TypeError(f"{name} must be a finite number >= 0, got {value!r} of type {type(value).__name__}")
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a finite number >= 0, got {value!r}")
    return float(value)


def beta(value, name: str = "beta") -> float:
    """Return ``value`` as a float after checking 0 <= beta < 1."""
    if not _is_real(value):
        raise TypeError(f"{name} must be a number in [0, 1), got {value!r} of type {type(value).__name__}")
    if not (0 <= value < 1):
        raise ValueError(f"{name} must be in [0, 1), got {value!r}")
    return float(value)


def factor(value, name: str) -> float:
    """Return ``value`` as a float after checking 0 < value <= 1 (decay factors)."""
    if not _is_real(value):
        raise TypeError(f"{name} must be a number in (0, 1], got {value!r} of type {type(value).__name__}")
    if not (0 < value <= 1):
        raise ValueError(f"{name} must be in (0, 1], got {value!r}")
    return float(value)


def positive_int(value, name: str) -> int:
    """Return ``value`` as an int after checking it is an integer >= 1 (sizes, counts, t)."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be an integer >= 1, got {value!r} of type {type(value).__name__}")
    if value < 1:
        raise ValueError(f"{name} must be an integer >= 1, got {value!r}")
    return int(value)


def non_negative_int(value, name: str) -> int:
    """Return ``value`` as an int after checking it is an integer >= 0 (epoch numbers, seeds)."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be an integer >= 0, got {value!r} of type {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{name} must be an integer >= 0, got {value!r}")
    return int(value)


def start(value, length: int, of: str) -> int:
    """Return ``start`` as an int after checking it is an index into a sequence of ``length`` (named ``of``):
    the first step compared, leaving out a warm-up."""
    value = non_negative_int(value, "start")
    if value >= length:
        raise ValueError(f"start must be below the length of {of}, {length}, got {value}")
    return value


def array(value, name: str, ndim: int | None = None, finite: bool = True) -> np.ndarray:
    """Return ``value`` as a float ndarray after checking its rank and, by default, that it is finite."""
    if isinstance(value, (str, bytes, dict)) or value is None:
        raise TypeError(f"{name} must be a numeric array, got {type(value).__name__}")
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as err:
        raise TypeError(f"{name} must be a numeric array, got {type(value).__name__}: {err}") from None
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(f"{name} must be a {ndim}-D array, got {arr.ndim}-D array of shape {arr.shape}")
    if finite and not np.isfinite(arr).all():
        bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(f"{name} must be finite, got {bad} NaN or inf value(s) in an array of shape {arr.shape}")
    return arr


def same_shape(a: np.ndarray, a_name: str, b: np.ndarray, b_name: str) -> None:
    """Check that two arrays have the same shape."""
    if a.shape != b.shape:
        raise ValueError(f"{b_name} must have the shape of {a_name}, {a.shape}, got {b.shape}")


def matching_dicts(params, grads, params_name: str = "params", grads_name: str = "grads") -> None:
    """Check that ``grads`` has exactly the keys of ``params`` and, key by key, the same shapes."""
    for obj, name in ((params, params_name), (grads, grads_name)):
        if not isinstance(obj, dict):
            raise TypeError(f"{name} must be a dict of arrays, got {type(obj).__name__}")
    if params.keys() != grads.keys():
        missing = sorted(set(params) - set(grads))
        extra = sorted(set(grads) - set(params))
        raise ValueError(
            f"{grads_name} must have the same keys as {params_name}, {sorted(params)}; "
            f"missing {missing}, unexpected {extra}"
        )
    for key in params:
        p_shape, g_shape = np.shape(params[key]), np.shape(grads[key])
        if p_shape != g_shape:
            raise ValueError(f"{grads_name}[{key!r}] must have the shape of {params_name}[{key!r}], {p_shape}, got {g_shape}")
