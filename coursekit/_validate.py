"""Argument checks shared by every public function of coursekit.

Each check raises ``TypeError`` (wrong kind of value) or ``ValueError`` (right kind, bad value)
with a message that names the argument, shows the value and says what is allowed, e.g.
``lr must be a finite number > 0, got -0.1``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from numbers import Integral, Real

import numpy as np


def is_number(value) -> bool:
    """Whether ``value`` is a real number and not a bool (``float`` and ``int`` answer at once: asking
    ``numbers.Real`` is slow). A test, not a check: it raises nothing."""
    kind = type(value)
    return kind is float or kind is int or (isinstance(value, Real) and not isinstance(value, bool))


def positive(value, name: str) -> float:
    """Return ``value`` as a float after checking it is a finite number > 0 (``lr``, ``eps``, ...)."""
    if not is_number(value):
        raise TypeError(f"{name} must be a finite number > 0, got {value!r} of type {type(value).__name__}")
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a finite number > 0, got {value!r}")
    return float(value)


def non_negative(value, name: str) -> float:
    """Return ``value`` as a float after checking it is a finite number >= 0 (``decay_rate``, ...)."""
    return at_least(value, name, 0)


def at_least(value, name: str, low: float) -> float:
    """Return ``value`` as a float after checking it is a finite number >= ``low`` (``condition_number >= 1``)."""
    if not is_number(value):
        raise TypeError(f"{name} must be a finite number >= {low}, got {value!r} of type {type(value).__name__}")
    if not math.isfinite(value) or value < low:
        raise ValueError(f"{name} must be a finite number >= {low}, got {value!r}")
    return float(value)


def finite(value, name: str) -> float:
    """Return ``value`` as a float after checking it is a finite number of any sign (a coordinate, a level)."""
    if not is_number(value):
        raise TypeError(f"{name} must be a finite number, got {value!r} of type {type(value).__name__}")
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return float(value)


def beta(value, name: str = "beta") -> float:
    """Return ``value`` as a float after checking 0 <= beta < 1."""
    if not is_number(value):
        raise TypeError(f"{name} must be a number in [0, 1), got {value!r} of type {type(value).__name__}")
    if not (0 <= value < 1):
        raise ValueError(f"{name} must be in [0, 1), got {value!r}")
    return float(value)


def factor(value, name: str) -> float:
    """Return ``value`` as a float after checking 0 < value <= 1 (decay factors)."""
    if not is_number(value):
        raise TypeError(f"{name} must be a number in (0, 1], got {value!r} of type {type(value).__name__}")
    if not (0 < value <= 1):
        raise ValueError(f"{name} must be in (0, 1], got {value!r}")
    return float(value)


def fraction(value, name: str) -> float:
    """Return ``value`` as a float after checking 0 < value < 1 (a wanted reduction of the error)."""
    if not is_number(value):
        raise TypeError(f"{name} must be a number in (0, 1), got {value!r} of type {type(value).__name__}")
    if not (0 < value < 1):
        raise ValueError(f"{name} must be a number in (0, 1), got {value!r}")
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


def not_empty(arr: np.ndarray, name: str) -> np.ndarray:
    """Return ``arr`` after checking it holds at least one value (a sequence to average, a grid to sweep)."""
    if arr.size == 0:
        raise ValueError(f"{name} must hold at least one value, got an empty array of shape {arr.shape}")
    return arr


def same_examples(X: np.ndarray, Y: np.ndarray, x_name: str = "X", y_name: str = "Y") -> None:
    """Check that inputs and labels, both 2-D arrays, hold the same number ``m`` of examples (columns)."""
    if X.shape[1] != Y.shape[1]:
        raise ValueError(f"{x_name} and {y_name} must have the same number of examples m (columns), "
                         f"got {x_name} {X.shape} and {y_name} {Y.shape}")


#: The most memory one call may ask for, in bytes: 2 GiB, well within what a laptop has free.
MAX_BYTES = 2 * 2**30
#: The most work one call may ask for, in operations on numbers: a few minutes of one core of a laptop.
MAX_OPERATIONS = 10**11
#: The operations one step of a loop run by Python counts for: its overhead of some microseconds.
STEP_OPERATIONS = 10**4


def budget(value, name: str, memory: float = 0, operations: float = 0) -> None:
    """Check that the size ``value`` given as ``name`` asks for no more than a laptop has, before any work:
    at most :data:`MAX_BYTES` of ``memory`` and :data:`MAX_OPERATIONS` of ``operations``, both estimated
    by the caller from its sizes (a loop of ``T`` steps counts ``T ·`` :data:`STEP_OPERATIONS` at least)."""
    if memory > MAX_BYTES:
        gib = float(min(memory, 1e300)) / 2**30  # an estimate from huge integers stays a float
        raise ValueError(f"{name}={value!r} would need {gib:.1f} GiB; at most {MAX_BYTES / 2**30:g} GiB "
                         f"fits a laptop: {name} must be smaller, got {value!r}")
    if operations > MAX_OPERATIONS:
        raise ValueError(f"{name}={value!r} would need about {float(min(operations, 1e300)):.1e} operations; at "
                         f"most {MAX_OPERATIONS:.0e} (minutes of a laptop) are allowed: {name} must be smaller, "
                         f"got {value!r}")


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


def grid(value, name: str, check) -> np.ndarray:
    """A non-empty 1-D array of numbers, each accepted by ``check(entry, name)`` (``positive``, ``beta``, ...)."""
    arr = not_empty(array(value, name, ndim=1), name)
    for entry in arr:
        check(float(entry), f"{name} entries")
    return arr


def curvatures(value, name: str = "curvatures") -> np.ndarray:
    """A non-empty 1-D array of numbers > 0: a Hessian's eigenvalues, each a direction's curvature."""
    lam = array(value, name, ndim=1)
    if lam.size == 0 or np.any(lam <= 0):
        raise ValueError(f"{name} must be a non-empty 1-D array of numbers > 0 (the Hessian's eigenvalues), "
                         f"got {lam.tolist()}")
    return lam


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


def _items(value) -> list | None:
    """The items of ``value`` as a list; ``None`` for a string, a dict, or a value that cannot be iterated."""
    if isinstance(value, (str, bytes, Mapping)):
        return None
    try:
        return list(value)
    except TypeError:  # not iterable, or a 0-D array
        return None


def sequence(value, name: str, of: str, non_empty: bool = False) -> list:
    """Return the items of ``value`` as a list after checking it is a sequence of ``of`` (a list, a tuple, a
    range, a 1-D array, ...), not a string or a dict, and, if ``non_empty``, has at least one item.

    Read the returned list, not ``value``: a generator gives its items only once.
    """
    items = _items(value)
    if items is None or (non_empty and not items):  # the message only then: the repr of many arrays is slow
        wanted = f"{name} must be a {'non-empty ' if non_empty else ''}sequence of {of}, got {value!r:.80}"
        raise (TypeError if items is None else ValueError)(wanted)
    return items


def names(value, name: str, allowed) -> tuple[str, ...]:
    """Return ``value`` as a tuple after checking it is a non-empty sequence of distinct names from ``allowed``
    (``optimizers=["GD", "Adam"]``)."""
    of = f"distinct names from {list(allowed)}"
    items = sequence(value, name, of, non_empty=True)
    known = all(isinstance(item, str) and item in allowed for item in items)
    if not known or len(set(items)) != len(items):
        raise ValueError(f"{name} must be a non-empty sequence of {of}, got {value!r:.80}")
    return tuple(items)


def layer_dims(value, name: str = "layer_dims") -> list[int]:
    """Return a network's layer sizes ``[n[0], ..., n[L]]`` as a list of ints after checking there are at least
    two, each an integer >= 1 (``n[0] = n_x``, ``n[L] = n_y``)."""
    dims = _items(value)
    if dims is None or len(dims) < 2:
        error = TypeError if dims is None else ValueError
        raise error(f"{name} must be a list of at least two sizes [n_x, ..., n_y], got {value!r}")
    return [positive_int(n, f"{name}[{i}]") for i, n in enumerate(dims)]


def point(value, name: str = "point") -> tuple[float, float]:
    """Return a point ``(x, y)`` of a 2-D surface as two floats after checking it is a finite array-like of
    shape (2,)."""
    arr = array(value, name, ndim=1)
    if arr.shape != (2,):
        raise ValueError(f"{name} must have shape (2,) for (x, y), got shape {arr.shape}")
    return float(arr[0]), float(arr[1])


def instance(value, name: str, kind: type):
    """Return ``value`` after checking it is a ``kind`` (``surface`` a :class:`coursekit.surfaces.Surface`).

    ``kind`` is passed in, so that this module imports no module that imports it.
    """
    if not isinstance(value, kind):
        raise TypeError(f"{name} must be a {kind.__module__}.{kind.__qualname__}, got {type(value).__name__}")
    return value


def boolean(value, name: str) -> bool:
    """Return ``value`` after checking it is True or False (a switch: ``bias_correction``, ``log``); a string
    such as ``"no"`` would otherwise count as True."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {value!r} of type {type(value).__name__}")
    return bool(value)


def one_of(value, name: str, allowed) -> object:
    """Return ``value`` after checking it is one of ``allowed`` (a surface's or an optimizer's name, ``kind``)."""
    if not any(value is item or (isinstance(value, type(item)) and value == item) for item in allowed):
        raise ValueError(f"{name} must be one of {list(allowed)}, got {value!r:.80}")
    return value


def mapping(value, name: str, of: str, non_empty: bool = True) -> dict:
    """Return ``value`` as a dict after checking it is a mapping (``{label: history}``) and, if ``non_empty``,
    has at least one item; ``of`` says what it maps."""
    if not isinstance(value, Mapping) or (non_empty and not value):
        error = ValueError if isinstance(value, Mapping) else TypeError
        raise error(f"{name} must be a {'non-empty ' if non_empty else ''}dict of {of}, got {value!r:.80}")
    return dict(value)
