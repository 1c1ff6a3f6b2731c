"""Concept checks: short predict-then-run questions with instant feedback, stored with their answers.

A notebook asks one where a learner should stop and think: ``ask("06-beta-path")`` shows the question,
its choices (or a box for a number) and a Check button; the feedback says why the choice is right or
wrong (a wrong one without giving the right one away; a predictable wrong number is named as the slip it
is), and a right answer is recorded in the learner's progress. Without a kernel (GitHub, a static site,
a notebook not yet run) the same cell shows the question as text with the answer folded away.

The questions of notebook NN live in ``nbNN.py`` as a tuple ``QUESTIONS``; :data:`MODULES` names those
modules in the order of the course. A question whose answer is a measured fact carries ``verify``, which
recomputes it with coursekit (``tests/course/test_questions.py`` compares the two).
"""

from __future__ import annotations

from coursekit.course.questions import nb00, nb01, nb02, nb03, nb04, nb05, nb06, nb07, nb08, nb09, nb10, nb11, nb12
from coursekit.course.questions.question import Choice, Question, Slip
from coursekit.course.questions.widget import ConceptCheck

__all__ = ["Choice", "MODULES", "Question", "Slip", "all_questions", "question", "ask"]

#: The modules of questions, one per notebook, in the order of the course.
MODULES = (nb00, nb01, nb02, nb03, nb04, nb05, nb06, nb07, nb08, nb09, nb10, nb11, nb12)


def all_questions() -> list[Question]:
    """Every concept question of the course, in notebook order (from :data:`MODULES`).

    >>> all_questions()[0].notebook
    '00'
    """
    return [q for module in MODULES for q in module.QUESTIONS]


def question(id: str) -> Question:
    """The question called ``id``, e.g. ``"06-beta-path"``."""
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
