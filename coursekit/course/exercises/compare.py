"""Comparing a learner's values with the expected ones, and describing what differs in one line.

Every message is deterministic (no memory addresses, no object reprs, numbers in ``.6g``), so that a
check's output can be stored in a notebook and compared by nbval.
"""

from __future__ import annotations

from numbers import Real

import numpy as np

__all__ = [
    "arrays_in", "ATOL", "changed", "describe", "difference", "finite", "outputs_difference", "RTOL",
    "same", "share_memory", "TOLERANCE",
]

RTOL, ATOL = 1e-7, 1e-12
TOLERANCE = f"rtol {RTOL:g}, atol {ATOL:g}"


def describe(value) -> str:
    """A short, deterministic description of a value, e.g. ``an array of shape (2, 3) and dtype float64``.

    >>> describe((1.0, None)), describe(np.zeros((2, 3)))
    ('a tuple of 2 values', 'an array of shape (2, 3) and dtype float64')
    """
    if value is None:
        return "None"
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    if isinstance(value, (tuple, list)):
        return f"a {type(value).__name__} of {len(value)} value{'' if len(value) == 1 else 's'}"
    if isinstance(value, dict):
        return f"a dict with keys {_keys(value)}"
    if isinstance(value, str):
        return f"the string {value[:40]!r}"
    if _is_number(value):
        return f"the number {float(value):.6g}"
    return f"a value of type {type(value).__name__}"


def difference(expected, got, what: str, equal_nan: bool = False) -> str | None:
    """One line saying how ``got`` differs from ``expected`` (within ``TOLERANCE``), or None if it agrees.

    ``what`` names the value in the message (``"w"``, ``"v['W1']"``). With ``equal_nan`` NaNs in the same
    places agree: used to recognise a wrong implementation that produces the learner's NaNs.

    >>> difference(np.array([1.0, 2.0]), np.array([1.0, 2.5]), "w")
    'w[1] is 2.5 where 2 was expected (1 of 2 entries differ)'
    >>> difference(0.1, 0.1 + 1e-12, "lr") is None
    True
    """
    if isinstance(expected, dict):
        return _dict_difference(expected, got, what, equal_nan)
    if isinstance(expected, (tuple, list)):
        return _sequence_difference(expected, got, what, equal_nan)
    if isinstance(expected, np.ndarray):
        return _array_difference(expected, got, what, equal_nan)
    if isinstance(expected, str):
        agree = isinstance(got, str) and got == expected
        return None if agree else f"{what} is {describe(got)} where {expected!r} was expected"
    return _number_difference(expected, got, what, equal_nan)


def outputs_difference(expected, got, names: tuple[str, ...]) -> str | None:
    """Like :func:`difference` for a function's result: one value, or a tuple of values named ``names``."""
    if len(names) == 1:
        return difference(expected, got, names[0])
    if not isinstance(got, (tuple, list)) or len(got) != len(names):
        return f"your function returned {describe(got)} where a tuple ({', '.join(names)}) was expected"
    for name, want, have in zip(names, expected, got):
        found = difference(want, have, name)
        if found:
            return found
    return None


def same(a, b) -> bool:
    """Whether two results agree within ``TOLERANCE``, NaNs in the same places included."""
    return difference(a, b, "", equal_nan=True) is None


def changed(before, after) -> bool:
    """Whether ``after`` differs in any way from its earlier copy ``before`` (exact, NaN-aware)."""
    if isinstance(before, np.ndarray):
        same_array = isinstance(after, np.ndarray) and before.shape == after.shape
        return not (same_array and np.array_equal(before, after, equal_nan=True))
    if isinstance(before, dict):
        same_keys = isinstance(after, dict) and before.keys() == after.keys()
        return not same_keys or any(changed(before[key], after[key]) for key in before)
    if isinstance(before, (tuple, list)):
        return len(before) != len(after) or any(changed(x, y) for x, y in zip(before, after))
    return False


def finite(value) -> bool:
    """Whether every number inside ``value`` (arrays, numbers, in dicts, tuples and lists) is finite."""
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (tuple, list)):
        return all(finite(item) for item in value)
    if isinstance(value, np.ndarray) and np.issubdtype(value.dtype, np.number):
        return bool(np.isfinite(value).all())
    return not _is_number(value) or bool(np.isfinite(float(value)))


def arrays_in(value) -> list[np.ndarray]:
    """Every numpy array inside ``value`` (itself, or the values of dicts, tuples and lists, recursively)."""
    if isinstance(value, np.ndarray):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (tuple, list)):
        return [a for item in value for a in arrays_in(item)]
    return []


def share_memory(arrays: list[np.ndarray], others: list[np.ndarray] | None = None) -> bool:
    """Whether two of ``arrays`` share memory, or (given ``others``) one of ``arrays`` and one of ``others``."""
    if others is None:
        return any(np.shares_memory(a, b) for i, a in enumerate(arrays) for b in arrays[i + 1 :])
    return any(np.shares_memory(a, b) for a in arrays for b in others)


def _is_number(value) -> bool:
    if isinstance(value, (bool, np.bool_)):
        return False
    if isinstance(value, (np.ndarray, np.generic)):
        return np.ndim(value) == 0 and np.issubdtype(value.dtype, np.number)
    return isinstance(value, Real)


def _keys(mapping: dict) -> list[str]:
    return sorted(str(key) for key in mapping)


def _dict_difference(expected: dict, got, what: str, equal_nan: bool) -> str | None:
    if not isinstance(got, dict):
        return f"{what} is {describe(got)} where a dict with keys {_keys(expected)} was expected"
    if got.keys() != expected.keys():
        return f"{what} has the keys {_keys(got)} where the keys {_keys(expected)} were expected"
    for key in expected:
        found = difference(expected[key], got[key], f"{what}[{key!r}]", equal_nan)
        if found:
            return found
    return None


def _sequence_difference(expected, got, what: str, equal_nan: bool) -> str | None:
    if not isinstance(got, (tuple, list)) or len(got) != len(expected):
        return f"{what} is {describe(got)} where {describe(expected)} was expected"
    for i, (want, have) in enumerate(zip(expected, got)):
        found = difference(want, have, f"{what}[{i}]", equal_nan)
        if found:
            return found
    return None


def _array_difference(expected: np.ndarray, got, what: str, equal_nan: bool) -> str | None:
    if not isinstance(got, np.ndarray):
        return f"{what} is {describe(got)} where an array of shape {expected.shape} was expected"
    if got.shape != expected.shape:
        return f"{what} has shape {got.shape} where {expected.shape} was expected"
    if got.dtype != expected.dtype:
        return f"{what} has dtype {got.dtype} where {expected.dtype} was expected"
    if not equal_nan and not np.isfinite(got).all():
        bad = got.size - int(np.count_nonzero(np.isfinite(got)))
        return f"{what} contains {bad} NaN or infinite value(s) where finite values were expected"
    close = np.isclose(got, expected, rtol=RTOL, atol=ATOL, equal_nan=equal_nan)
    if close.all():
        return None
    index = tuple(int(i) for i in np.argwhere(~close)[0])
    where = f"[{', '.join(map(str, index))}]" if index else ""
    got_text, expected_text = _distinct(float(got[index]), float(expected[index]))
    return (
        f"{what}{where} is {got_text} where {expected_text} was expected "
        f"({close.size - int(close.sum())} of {close.size} entries differ)"
    )


def _distinct(got: float, expected: float) -> tuple[str, str]:
    """Two numbers that differ beyond the tolerance, with as few significant digits (>= 6) as tell them apart.

    >>> _distinct(-0.98678601, -0.98678634)
    ('-0.9867860', '-0.9867863')
    >>> _distinct(2.5, 2.0)
    ('2.5', '2')
    """
    for digits in range(6, 18):
        style = "" if digits == 6 else "#"  # past 6 digits, keep trailing zeros so both show as many
        texts = f"{got:{style}.{digits}g}", f"{expected:{style}.{digits}g}"
        if texts[0] != texts[1]:
            return texts
    return texts


def _number_difference(expected, got, what: str, equal_nan: bool) -> str | None:
    if not _is_number(got):
        return f"{what} is {describe(got)} where a number was expected"
    got = float(got)
    if np.isclose(got, float(expected), rtol=RTOL, atol=ATOL, equal_nan=equal_nan):
        return None
    got_text, expected_text = _distinct(got, float(expected))
    return f"{what} is {got_text} where {expected_text} was expected"
