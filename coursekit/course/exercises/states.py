"""An optimizer's initial state: the cases and known mistakes of initialize_velocity (05) and initialize_adam (07).

Some mistakes leave the values right (all zeros) but share arrays between keys or with the parameters
themselves; those are spotted by inspecting the result (``spot``) rather than by a wrong implementation, and
they fail the case even though the values agree. A spotted mistake is looked for before any wrong
implementation, in the order of :data:`MISTAKES`. Each wrong implementation makes one state (momentum's v);
:func:`pair` turns it into Adam's two, ``(v, s)``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from coursekit.course.exercises.compare import arrays_in, share_memory
from coursekit.course.exercises.inputs import Draws
from coursekit.course.exercises.machinery import Case, Mistake

__all__ = [
    "A_LIST", "COPIED_PARAMS", "D_KEYS", "INTEGER_ZEROS", "MISSING_KEY", "MISTAKES", "NUMBERS", "ONES",
    "RETURNED_PARAMS", "SHARED_ARRAYS", "SHARES_PARAMS", "WEIGHTS_ONLY", "WRONG_SHAPES", "pair", "params_cases",
]


def _dicts(result) -> list[dict]:
    """The dicts of a result: itself, or the members of a tuple (v, s)."""
    return [result] if isinstance(result, dict) else [d for d in result if isinstance(d, dict)]


def _wrong_shapes(args, result) -> bool:
    (params,) = args
    return any(np.shape(d[k]) != np.shape(params[k]) for d in _dicts(result) for k in params if k in d)


def _numbers(args, result) -> bool:
    (params,) = args
    return any(np.ndim(d[k]) == 0 < np.ndim(params[k]) for d in _dicts(result) for k in params if k in d)


def _zeros_each(params: dict, make=np.zeros) -> dict:
    """A state shaped like params, each array made by ``make(shape)`` (for the wrong answers)."""
    return {key: make(np.shape(value)) for key, value in params.items()}


def params_cases(draw: Draws) -> tuple[Case, ...]:
    """The cases of an exercise that makes an optimizer's initial state: four networks' parameters.

    Args:
        draw: the exercise's own :class:`~coursekit.course.exercises.inputs.Draws`; ``initialize_adam``
            (notebook 07) asks for the same networks with inputs of its own.
    """

    def params(*shapes: tuple[int, int]) -> dict:
        """A network's parameters {"W1": ..., "b1": ..., ...} for layers of the given weight shapes."""
        found = {}
        for layer, shape in enumerate(shapes, start=1):
            found[f"W{layer}"] = draw.normal(*shape)
            found[f"b{layer}"] = draw.normal(shape[0], 1)
        return found

    return (
        Case("one layer", (params((1, 4)),)),
        Case("two layers", (params((3, 2), (1, 3)),)),
        Case("three layers, some shapes repeated", (params((2, 2), (2, 2), (1, 2)),)),
        Case("a wide hidden layer", (params((5, 3), (5, 5), (2, 5)),)),
    )


RETURNED_PARAMS = Mistake(
    "params returned as the state",
    "the state must be new zero arrays; returning params (or a dict holding it) makes every update of the "
    "state overwrite the weights.",
    spot=lambda args, result: result is args[0] or any(d is args[0] for d in _dicts(result)),
)
SHARES_PARAMS = Mistake(
    "arrays shared with params",
    "each zero array must be a new one, made for the state; an array of params reused here would be "
    "overwritten by the optimizer, and the weights with it.",
    spot=lambda args, result: share_memory(arrays_in(result), arrays_in(args[0])),
)
SHARED_ARRAYS = Mistake(
    "one array shared by several keys",
    "every key needs its own zero array: an array stored under two keys is updated twice per step.",
    spot=lambda args, result: share_memory(arrays_in(result)),
)
D_KEYS = Mistake(
    "keys dW1, db1 instead of W1, b1",
    "in coursekit the state has the keys of params: the velocity of W1 is stored under W1 (the lecture calls it "
    "v_dW1).",
    wrong=lambda params: {"d" + key: np.zeros(np.shape(value)) for key, value in params.items()},
)
INTEGER_ZEROS = Mistake(
    "integer zeros",
    "the state will hold fractions: make float zeros (numpy's default), not integer ones.",
    wrong=lambda params: _zeros_each(params, lambda shape: np.zeros(shape, dtype=int)),
)
NUMBERS = Mistake(
    "a number instead of an array of zeros",
    "each entry of the state holds one zero per entry of its parameter: the lecture's v₀ = 0 is an array of "
    "zeros shaped like the parameter, not the single number 0.",
    spot=_numbers,
)
WRONG_SHAPES = Mistake(
    "zeros of the wrong shape",
    "each state array has the shape of its parameter, rows and columns alike: a bias b1 of shape (n, 1) gets "
    "zeros of shape (n, 1).",
    spot=_wrong_shapes,
)
A_LIST = Mistake(
    "a list instead of a dict",
    "the state is looked up by name, as params is: return a dict with the keys of params, each holding the zeros "
    "of that parameter.",
    wrong=lambda params: list(_zeros_each(params).values()),
)
ONES = Mistake(
    "ones instead of zeros",
    "the average starts at v₀ = 0 (no gradient seen yet); ones would push every weight before the first gradient.",
    wrong=lambda params: _zeros_each(params, np.ones),
)
COPIED_PARAMS = Mistake(
    "params copied instead of zeros",
    "the state starts at v₀ = 0, not at the weights: a copy of W in the place of v would move W along W itself.",
    wrong=lambda params: {key: np.array(value, dtype=float) for key, value in params.items()},
)
WEIGHTS_ONLY = Mistake(
    "only the weights, not the biases",
    "every parameter gets a state, the biases b1, b2, ... as well as the weights W1, W2, ...: the optimizer "
    "updates them all.",
    wrong=lambda params: {key: np.zeros(np.shape(value)) for key, value in params.items() if key.startswith("W")},
)
MISSING_KEY = Mistake(
    "a key params does not have",
    "the state has exactly the keys of params: W1, b1, ... up to the last layer, two keys per layer. Take the keys "
    "from params itself, or count the layers from 1 to half the number of keys.",
    wrong=lambda params: {key: np.zeros(np.shape(params[key])) for key in [*params, f"W{len(params) + 1}"]},
)

#: The mistakes of a state made for each parameter, spotted ones first, in the order a check looks for them.
MISTAKES = (
    RETURNED_PARAMS, SHARES_PARAMS, SHARED_ARRAYS, NUMBERS, WRONG_SHAPES, D_KEYS, INTEGER_ZEROS, A_LIST, ONES,
    COPIED_PARAMS, WEIGHTS_ONLY, MISSING_KEY,
)


def pair(mistake: Mistake) -> Mistake:
    """The same mistake in Adam's initial state: a spotted one as it is, a wrong one made for v and for s alike.

    Args:
        mistake: one of :data:`MISTAKES`.
    """
    if mistake.wrong is None:
        return mistake
    wrong: Callable = mistake.wrong
    return Mistake(mistake.name, mistake.explanation, wrong=lambda params: (wrong(params), wrong(params)))
