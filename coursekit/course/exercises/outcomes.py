"""What one call of a function gave (a value or an exception), and when two such outcomes agree.

The check calls the learner's function and the catalogue's wrong answers on copies of a case's
arguments; :func:`reproduces` decides whether a wrong answer explains what the learner's function did.
"""

from __future__ import annotations

import copy
import warnings
from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from coursekit.course.exercises import compare

__all__ = ["Called", "Raised", "call", "call_wrong", "identical", "reproduces"]


class Called(NamedTuple):
    """A call that returned: the copies of the arguments it received, as it left them, and its value."""

    args: tuple
    value: object


class Raised(NamedTuple):
    """A call that raised ``error``."""

    error: Exception


def call(fn, args: tuple) -> Called | Raised:
    """Call ``fn`` on a deep copy of ``args``, with numpy's warnings silenced (they would reach stderr)."""
    args = copy.deepcopy(args)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            return Called(args, fn(*args))
        except Exception as error:  # the learner's exception becomes part of the report
            return Raised(error)


def call_wrong(wrong, args: tuple) -> Called | Raised:
    """Call a catalogued wrong answer with every Python float argument as a numpy float, so that its
    division by zero gives inf or NaN as numpy's would, and never an exception of its own."""
    return call(wrong, tuple(np.float64(a) if isinstance(a, float) else a for a in args))


def identical(a, b) -> bool:
    """Whether two calls of the same function had the same outcome: equal results or the same kind of exception."""
    if isinstance(a, Raised) or isinstance(b, Raised):
        return isinstance(a, Raised) and isinstance(b, Raised) and type(a.error) is type(b.error)
    return compare.same(a.value, b.value)


def reproduces(wrong, learner, right: Callable[[object], bool]) -> bool:
    """Whether a wrong answer's outcome is the learner's on one case.

    They agree when both raise the same kind of exception, when the learner's Python floats raised
    ZeroDivisionError where the wrong answer's numpy floats gave inf or NaN (the learner's code did
    divide by zero), when the values are the same, or when both are ``right`` for the case. An
    exception that only the wrong answer raises never agrees.
    """
    if isinstance(learner, Raised):
        if isinstance(wrong, Raised):
            return type(wrong.error) is type(learner.error)
        return isinstance(learner.error, ZeroDivisionError) and not compare.finite(wrong.value)
    if isinstance(wrong, Raised):
        return False
    return compare.same(wrong.value, learner.value) or (right(wrong.value) and right(learner.value))
