"""The course's exercises: a registry, and an evaluation that names the learner's mistake.

:func:`evaluate` runs a learner's function on an exercise's cases and returns a :class:`Result`: one
deterministic verdict line, or a short report (the case, what differed, the tolerance, the known mistake
that explains it when one does, and the first hint). Each exercise is checked against coursekit's own
implementation (:func:`reference`). The check cell of a notebook is :func:`coursekit.course.checks.check`.

The catalogue lives in the ``catalogue_*`` modules, one per part of the course; the machinery that runs
it in :mod:`coursekit.course.exercises.machinery`.
"""

from __future__ import annotations

from collections.abc import Callable

from coursekit.course.exercises import (
    catalogue_adaptive,
    catalogue_decay_and_optima,
    catalogue_gradient_noise,
    catalogue_minibatches,
    catalogue_rules,
    catalogue_state,
    machinery,
)
from coursekit.course.exercises.machinery import Case, Exercise, ExerciseFailed, Mistake, Result

__all__ = ["Case", "Exercise", "ExerciseFailed", "Mistake", "Result", "evaluate", "exercise", "names", "reference"]

_REGISTRY: dict[str, Exercise] = {
    ex.name: ex
    for ex in (
        catalogue_rules.GD_UPDATE,
        catalogue_minibatches.RANDOM_MINI_BATCHES,
        catalogue_gradient_noise.GRADIENT_SPREAD,
        catalogue_rules.EWA_STEP,
        catalogue_rules.BIAS_CORRECT,
        catalogue_state.INITIALIZE_VELOCITY,
        catalogue_rules.MOMENTUM_UPDATE,
        catalogue_adaptive.RMSPROP_UPDATE,
        catalogue_state.INITIALIZE_ADAM,
        catalogue_adaptive.ADAM_UPDATE,
        catalogue_decay_and_optima.INVERSE_TIME_DECAY,
        catalogue_decay_and_optima.INTERVAL_INVERSE_TIME_DECAY,
        catalogue_decay_and_optima.CLASSIFY_CRITICAL_POINT,
    )
}


def names() -> list[str]:
    """The names of all exercises, in the order of the course.

    >>> names()[:3]
    ['gd_update', 'random_mini_batches', 'gradient_spread']
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
