"""A concept question and its choices: the data, with the answer and what to tell the learner.

A wrong answer is told why it is wrong without being told the right one: a wrong choice says what it
overlooks, a predictable wrong number (a :class:`Slip`) names the slip, and any other number hears only
that it is not it. The explanation comes with a right answer, or when the learner asks for it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from coursekit.course.questions.typed import numbers_in, parse_number, reading_note

__all__ = ["APART", "Choice", "EXAMPLES", "FAR", "NOT_IT", "Question", "Slip", "WHOLE_EXAMPLES", "ratio"]

#: What a wrong number that is no known slip hears.
NOT_IT = "That is not it (or not close enough)."

#: Ways to type a number, tried in order: a question's box shows the first whose numbers (as typed and as
#: meant) all lie at least FAR times above or below the answer, so that the example never hints at it, and
#: APART times above or below every slip, so that it never reads as one.
EXAMPLES = ("0.1 or 10%", "0.06 or 6%", "0.02 or 2%", "0.002 or 0.2%", "0.3 or 30%")
WHOLE_EXAMPLES = ("700", "5")
FAR = 5.0
APART = 1.5


@dataclass(frozen=True)
class Choice:
    """One choice of a multiple-choice question, and what to tell a learner who picks it."""

    text: str
    why: str


@dataclass(frozen=True)
class Slip:
    """A predictable wrong number for a numeric question (a forgotten square root, 1 − β for β, ...), and what
    to tell a learner who types it: the slip named, never the right number.

    ``value`` is matched within the relative ``tolerance``.
    """

    value: float
    tolerance: float
    why: str

    def matches(self, number: float) -> bool:
        """Whether ``number`` is this slip's value, within its tolerance."""
        return _within(number, self.value, self.tolerance)


@dataclass(frozen=True)
class Question:
    """A concept question of notebook ``id[:2]``: multiple choice (``choices``, ``answer`` an index) or a
    number (no choices, ``answer`` the value, accepted within the relative ``tolerance``).

    ``explanation`` is shown with a right answer (and when the learner asks for the answer); ``verify``,
    if given, recomputes ``answer`` from coursekit; ``slips`` are a number question's predictable wrong
    numbers, each with its own feedback.
    """

    id: str
    prompt: str
    answer: int | float
    explanation: str
    choices: tuple[Choice, ...] = ()
    tolerance: float = 0.0
    verify: Callable[[], int | float] | None = field(default=None, compare=False)
    slips: tuple[Slip, ...] = ()

    @property
    def notebook(self) -> str:
        return self.id[:2]

    def is_right(self, response) -> bool:
        """Whether ``response`` (a choice's index, or a number, also typed as text) answers the question."""
        if self.choices:
            return response == self.answer
        value = parse_number(response)
        return value is not None and _within(value, self.answer, self.tolerance)

    def slip(self, response) -> Slip | None:
        """The slip a wrong number makes: one of :attr:`slips`, or for a share or factor between 0 and 1, the
        percentage typed without its % sign or a share typed with one; None for anything else."""
        value = parse_number(response)
        if self.choices or value is None or self.is_right(value):
            return None
        return next((slip for slip in self.slips + self._scale_slips() if slip.matches(value)), None)

    def _scale_slips(self) -> tuple[Slip, ...]:
        if not 0 < abs(self.answer) < 1:
            return ()
        return (Slip(self.answer * 100, self.tolerance, "If that is a percentage, it needs its % sign: as a plain "
                                                        "number it is a hundred times a share."),
                Slip(self.answer / 100, self.tolerance, "That is a hundred times too small: a share typed with a % "
                                                        "sign after it, or the decimal point two places off?"))

    def why_right(self, response) -> str:
        """What a right answer hears: why the choice is right (for a choice), then the explanation."""
        return f"{self.choices[response].why}\n{self.explanation}" if self.choices else self.explanation

    def why_wrong(self, response) -> str:
        """What a wrong answer hears, never the right one: why that choice is wrong; the slip a number makes
        (after how a comma was read); or, for any other number, that it is not it."""
        if self.choices:
            return self.choices[response].why
        slip = self.slip(response)
        return reading_note(response) + (slip.why if slip else NOT_IT)

    @property
    def example(self) -> str:
        """How a number may be typed here, e.g. "0.1 or 10%": the first of :data:`EXAMPLES` (for a whole number,
        :data:`WHOLE_EXAMPLES`) whose every number lies :data:`FAR` times or more above or below the answer and
        :data:`APART` times or more from every slip."""
        candidates = WHOLE_EXAMPLES if isinstance(self.answer, int) else EXAMPLES
        for example in candidates:
            if all(ratio(n, self.answer) >= FAR and all(ratio(n, slip.value) >= APART for slip in self.slips)
                   for n in numbers_in(example)):
                return example
        raise ValueError(f"answer must lie {FAR:g} times above or below every number of one of {candidates}, "
                         f"got {self.answer!r}")

    @property
    def answer_text(self) -> str:
        """The right answer in words: the right choice's text, or the number."""
        return self.choices[self.answer].text if self.choices else f"{self.answer:g}"


def ratio(a: float, b: float) -> float:
    """How many times larger the larger of |a| and |b| is: max(|a|/|b|, |b|/|a|), ∞ if one of them is 0.

    >>> ratio(0.2, -0.05), ratio(0.0, 3.0), ratio(0.0, 0.0)
    (4.0, inf, 1.0)
    """
    a, b = abs(a), abs(b)
    if a == b:
        return 1.0
    return math.inf if min(a, b) == 0 else max(a, b) / min(a, b)


def _within(number: float, target: float, tolerance: float) -> bool:
    """Whether ``number`` is ``target`` within the relative ``tolerance``: |number − target| ≤ tolerance · |target|."""
    return abs(number - target) <= tolerance * abs(target)
