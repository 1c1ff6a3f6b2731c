"""Concept checks: short predict-then-run questions with instant feedback, stored with their answers.

A notebook asks one where a learner should stop and think: ``ask("05-beta-path")`` shows the question,
its choices (or a box for a number) and a Check button; the feedback says why the choice is right or
wrong, and a right answer is recorded in the learner's progress. Without a kernel (GitHub, a static site,
a notebook not yet run) the same cell shows the question as text with the answer folded away.

The questions of notebook NN live in ``bank_NN.py`` as a tuple ``QUESTIONS``; each module is found here
by its name. A question whose answer is a measured fact carries ``verify``, which recomputes it with
coursekit (``tests/course/test_questions.py`` compares the two).
"""

from __future__ import annotations

import importlib
import pkgutil

from coursekit.course.questions.question import Choice, Question
from coursekit.course.questions.widget import ConceptCheck

__all__ = ["Choice", "Question", "all_questions", "question", "ask"]


def all_questions() -> list[Question]:
    """Every concept question of the course, in notebook order (from the modules ``bank_NN``).

    >>> all_questions()[0].notebook
    '00'
    """
    found = []
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module.name.startswith("bank_"):
            found.extend(importlib.import_module(f"{__name__}.{module.name}").QUESTIONS)
    return found


def question(id: str) -> Question:
    """The question called ``id``, e.g. ``"05-beta-path"``."""
    for q in all_questions():
        if q.id == id:
            return q
    known = ", ".join(q.id for q in all_questions())
    raise ValueError(f"id must be one of the concept questions ({known}); got {id!r}")


def ask(id: str) -> ConceptCheck:
    """Show concept question ``id`` as a widget with a Check button and instant feedback.

    >>> ask("00-learning-rate").question.id
    '00-learning-rate'
    """
    return ConceptCheck(question(id))
