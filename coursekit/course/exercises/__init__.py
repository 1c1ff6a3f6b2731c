"""The course's exercises: a registry, and an evaluation that names the learner's mistake.

:func:`evaluate` runs a learner's function on an exercise's cases and returns a :class:`Result`: one
deterministic verdict line, or a short report (the case, what differed, the tolerance, and the known mistake
that explains it when one does, or else the first hint). Each exercise is checked against coursekit's own
implementation (:func:`reference`). The check cell of a notebook is :func:`coursekit.course.checks.check`.

The catalogue lives in one module per notebook, ``nbNN``, each listing its ``EXERCISES``; :data:`MODULES`
names them all, in the order of the course. The machinery that runs an exercise is
:mod:`coursekit.course.exercises.machinery`.
"""

from __future__ import annotations

from collections.abc import Callable

from coursekit.course.exercises import machinery, nb00, nb01, nb02, nb03, nb04, nb05, nb06, nb07, nb08, nb09, nb10, nb11, nb12
from coursekit.course.exercises.machinery import Case, Exercise, ExerciseFailed, Mistake, Result

__all__ = [
    "Case", "Exercise", "ExerciseFailed", "Mistake", "MODULES", "Result", "evaluate", "exercise", "names", "reference",
]

#: The catalogue's modules, one per notebook, in the order of the course.
MODULES = (nb00, nb01, nb02, nb03, nb04, nb05, nb06, nb07, nb08, nb09, nb10, nb11, nb12)

_REGISTRY: dict[str, Exercise] = {ex.name: ex for module in MODULES for ex in module.EXERCISES}


def names() -> list[str]:
    """The names of all exercises, in the order of the course.

    >>> names()[:3]
    ['gd_update', 'random_mini_batches', 'time_to_target']
    """
    return list(_REGISTRY)


def exercise(name: str) -> Exercise:
    """The registry entry of exercise ``name``: signature, description, hint, cases and known mistakes.

    >>> exercise("momentum_update").signature
    'momentum_update(w, v, dw, lr, beta) -> (w, v)'
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be the name of an exercise (a str), got {type(name).__name__}")
    if name not in _REGISTRY:
        raise ValueError(f"name must be one of the exercises {', '.join(_REGISTRY)}; got {name!r}")
    return _REGISTRY[name]


def reference(name: str) -> Callable:
    """coursekit's implementation of exercise ``name``, with the learner's signature.

    >>> reference("inverse_time_decay")(0.2, 1, 1.0)
    0.1
    """
    return exercise(name).reference


def evaluate(name: str, fn) -> Result:
    """Run ``fn`` on every case of exercise ``name``; the result is truthy only when all cases pass.

    Never raises for anything ``fn`` does (an exception, ``None``, a wrong type or shape, NaN, changed
    arguments): the failure is described in ``result.message``, with the failing ``result.case`` and,
    when a known mistake reproduces the learner's result, its name in ``result.mistake``.

    Args:
        name: an exercise, one of :func:`names`.  fn: the learner's function, with the exercise's signature.

    Returns:
        A :class:`Result` with ``.passed``, ``.message``, ``.lines``, ``.case`` and ``.mistake``.

    >>> result = evaluate("gd_update", lambda w, dw, lr: w + lr * dw)
    >>> bool(result), result.mistake
    (False, 'plus instead of minus')
    """
    return machinery.run(exercise(name), fn)
