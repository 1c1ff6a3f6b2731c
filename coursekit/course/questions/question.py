"""A concept question and its choices: the data, with the answer and what to tell the learner."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["Choice", "Question", "parse_number"]


@dataclass(frozen=True)
class Choice:
    """One choice of a multiple-choice question, and what to tell a learner who picks it."""

    text: str
    why: str


@dataclass(frozen=True)
class Question:
    """A concept question of notebook ``id[:2]``: multiple choice (``choices``, ``answer`` an index) or a
    number (no choices, ``answer`` the value, accepted within the relative ``tolerance``).

    ``explanation`` is shown with a right answer (and when the learner asks for the answer); ``verify``,
    if given, recomputes ``answer`` from coursekit.
    """

    id: str
    prompt: str
    answer: int | float
    explanation: str
    choices: tuple[Choice, ...] = ()
    tolerance: float = 0.0
    verify: Callable[[], int | float] | None = field(default=None, compare=False)

    @property
    def notebook(self) -> str:
        return self.id[:2]

    def is_right(self, response) -> bool:
        """Whether ``response`` (a choice's index, or a number, also typed as text) answers the question."""
        if self.choices:
            return response == self.answer
        value = parse_number(response)
        return value is not None and abs(value - self.answer) <= self.tolerance * abs(self.answer)

    @property
    def answer_text(self) -> str:
        """The right answer in words: the right choice's text, or the number."""
        return self.choices[self.answer].text if self.choices else f"{self.answer:g}"


def parse_number(response) -> float | None:
    """A number from what a learner typed: ``"0.65"``, ``"65%"`` (0.65), ``"1,438"``; None if there is none.

    >>> parse_number(" 65% "), parse_number("1,438"), parse_number(0.9), parse_number("about 3")
    (0.65, 1438.0, 0.9, None)
    """
    if isinstance(response, (int, float)) and not isinstance(response, bool):
        return float(response)
    text = str(response).strip().replace(",", "").replace(" ", "")
    scale = 1.0
    if text.endswith("%"):
        text, scale = text[:-1], 0.01
    try:
        return float(text) * scale
    except ValueError:
        return None
