"""Rows of bad inputs for every public function and class of coursekit outside ``coursekit.course``.

Each module of this package lists ``ROWS``: one :class:`Bad` per bad call — the callable, the arguments of
the call, the exception it must raise, and a pattern its message must match (naming the argument, showing
its value and saying what is allowed). ``tests/test_bad_inputs.py`` runs every row and fails when a public
callable has no row (or is not a plain result record listed in a module's ``RECORDS``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["Bad"]


@dataclass(frozen=True)
class Bad:
    """One bad call: ``function(*args, **kwargs)`` must raise ``error`` with a message matching ``message``."""

    function: Callable
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    error: type[Exception] = ValueError
    message: str = ""
