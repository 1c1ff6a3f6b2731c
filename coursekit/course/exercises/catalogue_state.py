"""Exercises on an optimizer's initial state (notebooks 05 and 07): zeros with the keys and shapes of params.

Several mistakes here leave the values right (all zeros) but share arrays between keys, between v and
s, or with the parameters themselves; those are spotted by inspecting the result (``spot``) rather
than by a wrong implementation, and they fail the case even though the values agree.
"""

from __future__ import annotations

import numpy as np

from coursekit import optim
from coursekit.course.exercises.compare import arrays_in, share_memory
from coursekit.course.exercises.machinery import Case, Exercise, Mistake

_rng = np.random.default_rng(20240603)


def _params(*shapes: tuple[int, int]) -> dict:
    """A network's parameters {"W1": ..., "b1": ..., ...} for layers of the given weight shapes."""
    params = {}
    for layer, shape in enumerate(shapes, start=1):
        params[f"W{layer}"] = _rng.standard_normal(shape)
        params[f"b{layer}"] = _rng.standard_normal((shape[0], 1))
    return params


def _dicts(result) -> list[dict]:
    """The dicts of a result: itself, or the members of a tuple (v, s)."""
    return [result] if isinstance(result, dict) else [d for d in result if isinstance(d, dict)]


def _wrong_shapes(args, result) -> bool:
    (params,) = args
    return any(np.shape(d[k]) != np.shape(params[k]) for d in _dicts(result) for k in params if k in d)


_CASES = (
    Case("one layer", (_params((1, 4)),)),
    Case("two layers", (_params((3, 2), (1, 3)),)),
    Case("three layers, some shapes repeated", (_params((2, 2), (2, 2), (1, 2)),)),
    Case("a wide hidden layer", (_params((5, 3), (5, 5), (2, 5)),)),
)

RETURNED_PARAMS = Mistake(
    "params returned as the state",
    "the state must be new zero arrays; returning params (or a dict holding it) makes every update of the "
    "state overwrite the weights.",
    spot=lambda args, result: result is args[0] or any(d is args[0] for d in _dicts(result)),
)
SHARES_PARAMS = Mistake(
    "arrays shared with params",
    "each zero array must be new (np.zeros_like(params[k])); an array of params reused here would be "
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
    "in coursekit the state has the keys of params: v['W1'] goes with params['W1'] (the lecture calls it v_dW1).",
    wrong=lambda params: {"d" + key: np.zeros(np.shape(value)) for key, value in params.items()},
)
INTEGER_ZEROS = Mistake(
    "integer zeros",
    "the state will hold fractions: make float zeros (np.zeros(shape) or np.zeros_like(params[k])), not int.",
    wrong=lambda params: {key: np.zeros(np.shape(value), dtype=int) for key, value in params.items()},
)
WRONG_SHAPES = Mistake(
    "zeros of the wrong shape",
    "each state array has the shape of its parameter: np.zeros_like(params[k]) or np.zeros(params[k].shape).",
    spot=_wrong_shapes,
)

INITIALIZE_VELOCITY = Exercise(
    name="initialize_velocity",
    notebook="05",
    args=("params",),
    returns=("v",),
    description="Momentum's initial velocity: a dict with the keys of params, each a new float array of zeros "
    "of that parameter's shape.",
    hints=(
        "The velocity needs one entry per parameter, under the same key.",
        "Each entry is an array of float zeros with the shape of its parameter; numpy has a function that "
        "makes zeros shaped like a given array.",
        "Build a new dict in a loop (or a dict comprehension) over the keys and values of params, so that no "
        "array is shared.",
    ),
    reference=optim.zeros_like_params,
    cases=_CASES,
    mistakes=(RETURNED_PARAMS, SHARES_PARAMS, SHARED_ARRAYS, D_KEYS, INTEGER_ZEROS, WRONG_SHAPES),
)


def _initial_adam_state(params: dict) -> tuple[dict, dict]:
    return optim.zeros_like_params(params), optim.zeros_like_params(params)


def _pairs(wrong):
    """The Adam form of a wrong velocity initialisation: the same mistake made for v and for s."""
    return lambda params: (wrong(params), wrong(params))


INITIALIZE_ADAM = Exercise(
    name="initialize_adam",
    notebook="07",
    args=("params",),
    returns=("v", "s"),
    description="Adam's initial state: two separate dicts (v, s), each with the keys of params and new float "
    "zeros of each parameter's shape.",
    hints=(
        "Adam keeps two states, v (like momentum) and s (like RMSprop), each shaped like the parameters.",
        "Make each of the two dicts on its own; two names for one dict would tie v and s together.",
    ),
    reference=_initial_adam_state,
    cases=_CASES,
    mistakes=(
        RETURNED_PARAMS,
        SHARES_PARAMS,
        Mistake(
            "v and s are the same",
            "v = s = {...} gives one dict two names (and shared arrays do the same per key): an update of v would "
            "change s. Build two separate dicts of zeros.",
            spot=lambda args, result: result[0] is result[1]
            or share_memory(arrays_in(result[0]), arrays_in(result[1])),
        ),
        SHARED_ARRAYS,
        Mistake(D_KEYS.name, D_KEYS.explanation, wrong=_pairs(D_KEYS.wrong)),
        Mistake(INTEGER_ZEROS.name, INTEGER_ZEROS.explanation, wrong=_pairs(INTEGER_ZEROS.wrong)),
        WRONG_SHAPES,
    ),
)
