"""How the course runs: exercises and their checks, hints, concept questions, progress, the editions.

A notebook imports what a learner uses from here::

    from coursekit.course import ask, check, hint, progress, yours

``check("name")`` checks an exercise (:mod:`~coursekit.course.checks`), ``hint("name")`` shows the next
hint (:mod:`~coursekit.course.hints`), ``ask("id")`` a concept question (:mod:`~coursekit.course.questions`),
``yours("name")`` the learner's function once it passes its check, else coursekit's, for the cell that puts
it to work (:mod:`~coursekit.course.yours`), and ``progress()`` the table of the course
(:mod:`~coursekit.course.progress_table`, from the verdicts that :mod:`~coursekit.course.records` keeps).
Behind them: the exercise catalogue (:mod:`~coursekit.course.exercises`), the student edition and the
learner's working copy (:mod:`~coursekit.course.tools.editions`, :mod:`~coursekit.course.tools.working_copy`),
``make check`` (:mod:`~coursekit.course.tools.selfcheck`) and the environment report
(:mod:`~coursekit.course.environment`).
"""

from coursekit.course.checks import check
from coursekit.course.exercises import evaluate, exercise
from coursekit.course.hints import hint
from coursekit.course.progress_table import progress
from coursekit.course.questions import ask
from coursekit.course.yours import yours

__all__ = ["ask", "check", "evaluate", "exercise", "hint", "progress", "yours"]
