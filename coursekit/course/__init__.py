"""How the course runs: exercises and their checks, the editions of the notebooks, the environment report.

A notebook imports what a learner uses from here: ``from coursekit.course import check``.
"""

from coursekit.course.exercises import check, evaluate, exercise

__all__ = ["check", "evaluate", "exercise"]
