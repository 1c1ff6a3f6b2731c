"""Progressive hints: each call of ``hint(name)`` shows the next hint of an exercise, from a nudge to nearly the answer.

A failed check that names no known mistake already shows the first hint, and ``hint("adam_update")``
then reveals the second; after a report that names a mistake (its explanation is the help for that
mistake), ``hint`` starts with the first. No hint spells out the code (``tests/course/test_hints.py``
holds them to that).
"""

from __future__ import annotations

from dataclasses import dataclass

from coursekit.course.boxes import box
from coursekit.course.exercises import exercise

__all__ = ["Hint", "hint", "shown"]

#: exercise name -> how many of its hints have been shown in this kernel.
_shown: dict[str, int] = {}


@dataclass(frozen=True)
class Hint:
    """One hint of an exercise: its number (from 1) among ``total``; shown as a blue box."""

    name: str
    number: int
    total: int
    text: str

    def __repr__(self) -> str:
        last = ""
        if self.number == self.total:
            last = " (the last one: from here the check's report says which case fails and how)"
        return f"hint {self.number} of {self.total} for {self.name}{last}:\n  {self.text}"

    def _repr_html_(self) -> str:
        return box(repr(self), "hint")


def shown(name: str, count: int) -> None:
    """Note that the first ``count`` hints of exercise ``name`` have been shown (a check's report shows 0 or 1)."""
    _shown[name] = max(_shown.get(name, 0), count)


def hint(name: str) -> Hint:
    """The next hint of exercise ``name`` that has not been shown yet (the last one again once all are shown).

    >>> _shown.clear()
    >>> hint("gd_update")
    hint 1 of 3 for gd_update:
      The gradient points uphill; which way must W move for the cost to go down?
    >>> hint("gd_update").number, hint("gd_update").number, hint("gd_update").number
    (2, 3, 3)
    """
    hints = exercise(name).hints
    number = min(_shown.get(name, 0) + 1, len(hints))
    shown(name, number)
    return Hint(name, number, len(hints), hints[number - 1])
