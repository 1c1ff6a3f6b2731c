"""Your code at work: the learner's own function, once its check passes, runs the course's machinery.

The cell after an exercise's check asks for the function by name::

    update = yours("momentum_update")

and gets the learner's function when it passes every case of its exercise — or else coursekit's own
(:func:`coursekit.course.exercises.reference`), so that Run All still draws every figure. Either way it
shows one line saying whose code runs (a blue box in JupyterLab), and the function it returns says so too
(``update.learners``). It records nothing: the check cell above keeps the learner's progress.

A figure that draws the learner's run over coursekit's takes its curves from :meth:`Yours.beside`: when
coursekit's own function ran, its curve would hide exactly under coursekit's, so only coursekit's is drawn.
"""

from __future__ import annotations

import functools
import sys

from coursekit import _validate
from coursekit.course.boxes import box
from coursekit.course.exercises import evaluate, exercise, reference

__all__ = ["Yours", "line", "yours"]

_FROM_NOTEBOOK = object()


def line(name: str, learners: bool) -> str:
    """The one line a "your code at work" cell shows: whose ``name`` runs below.

    >>> line("ewa_step", False)
    "your ewa_step does not pass its check yet: the run below uses coursekit's ewa_step"
    """
    exercise(name)
    if learners:
        return f"✔ your {name} passes its check: the run below uses it"
    return f"your {name} does not pass its check yet: the run below uses coursekit's {name}"


class Yours:
    """A function standing in for exercise ``name``: the learner's when ``learners``, else coursekit's.

    Calling it calls that function; its ``repr`` (and its blue box in JupyterLab) is the line of :func:`line`.
    """

    def __init__(self, name: str, fn, learners: bool):
        self.name, self.fn, self.learners = name, fn, learners
        functools.update_wrapper(self, fn)

    def __call__(self, *args, **kwargs):
        return self.fn(*args, **kwargs)

    def __repr__(self) -> str:
        return line(self.name, self.learners)

    def _repr_html_(self) -> str:
        return box(repr(self), "pass" if self.learners else "hint")

    def beside(self, coursekits: dict, learners: dict) -> dict:
        """The curves of a figure: ``coursekits``, then ``learners`` over them only when the learner's function ran
        (coursekit's own would be drawn exactly over coursekit's: a legend entry with no curve to see).

        >>> list(yours("ewa_step", None).beside({"averages.ewa": [1.0]}, {"yours": [1.0]}))
        ['averages.ewa']
        """
        coursekits = _validate.mapping(coursekits, "coursekits", "curves {label: values}")
        learners = _validate.mapping(learners, "learners", "curves {label: values}")
        return {**coursekits, **learners} if self.learners else coursekits


def yours(name: str, fn=_FROM_NOTEBOOK) -> Yours:
    """The learner's function for exercise ``name`` if it passes its check, else coursekit's.

    Args:
        name: an exercise, one of :func:`coursekit.course.exercises.names`.
        fn: the learner's function; by default the one called ``name`` in the notebook (the caller's globals).
            A :class:`Yours` stands for the learner's function only if it is theirs.

    Returns:
        A :class:`Yours`: call it as the function itself; ``.learners`` says whose it is.

    >>> def ewa_step(v, theta, beta):
    ...     return beta * v + (1 - beta) * theta
    >>> yours("ewa_step")
    ✔ your ewa_step passes its check: the run below uses it
    >>> yours("ewa_step", lambda v, theta, beta: theta)
    your ewa_step does not pass its check yet: the run below uses coursekit's ewa_step
    """
    exercise(name)  # an unknown name is refused here, naming the exercises
    if fn is _FROM_NOTEBOOK:
        fn = sys._getframe(1).f_globals.get(name)
    if isinstance(fn, Yours):  # the cell run again, ``ewa_step = yours("ewa_step")``: coursekit's is never theirs
        fn = fn.fn if fn.learners else None
    if fn is not None and evaluate(name, fn):
        return Yours(name, fn, True)
    return Yours(name, reference(name), False)
