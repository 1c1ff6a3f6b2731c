"""The exercises of notebook 05 (gradient descent with momentum): the initial velocity and one step of momentum.

The velocity's mistakes include some that leave the values right (all zeros) but share arrays between
keys or with the parameters themselves; those are spotted by inspecting the result (``spot``) rather than
by a wrong implementation, and they fail the case even though the values agree. Adam's initial state
(notebook 07) can go wrong in the same ways, so those mistakes are public here. Each exercise draws its
inputs from a generator of its own (see :mod:`.nb00`).
"""

from __future__ import annotations

import numpy as np

from coursekit import optim
from coursekit.course.exercises.compare import arrays_in, share_memory
from coursekit.course.exercises.inputs import Draws
from coursekit.course.exercises.machinery import Case, Exercise, Mistake

__all__ = [
    "D_KEYS", "EXERCISES", "INITIALIZE_VELOCITY", "INTEGER_ZEROS", "MOMENTUM_UPDATE", "RETURNED_PARAMS",
    "SHARED_ARRAYS", "SHARES_PARAMS", "WRONG_SHAPES", "params_cases",
]


def _dicts(result) -> list[dict]:
    """The dicts of a result: itself, or the members of a tuple (v, s)."""
    return [result] if isinstance(result, dict) else [d for d in result if isinstance(d, dict)]


def _wrong_shapes(args, result) -> bool:
    (params,) = args
    return any(np.shape(d[k]) != np.shape(params[k]) for d in _dicts(result) for k in params if k in d)


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
    cases=params_cases(Draws(20240603)),
    mistakes=(RETURNED_PARAMS, SHARES_PARAMS, SHARED_ARRAYS, D_KEYS, INTEGER_ZEROS, WRONG_SHAPES),
)


def _momentum_sum(w, v, dw, lr, beta):
    v = beta * v + dw
    return w - lr * v, v


def _momentum_swapped(w, v, dw, lr, beta):
    v = (1 - beta) * v + beta * dw
    return w - lr * v, v


def _momentum_step_with_dw(w, v, dw, lr, beta):
    v = beta * v + (1 - beta) * dw
    return w - lr * dw, v


def _momentum_step_with_old_v(w, v, dw, lr, beta):
    return w - lr * v, beta * v + (1 - beta) * dw


def _momentum_returned_swapped(w, v, dw, lr, beta):
    v = beta * v + (1 - beta) * dw
    return v, w - lr * v


def _momentum_cases() -> tuple[Case, ...]:
    draw = Draws(20240607)
    n = draw.normal
    return (
        Case("first step, from v = 0", (n(3), np.zeros(3), n(3), 0.1, 0.9)),
        Case("a later step", (n(2, 3), n(2, 3), n(2, 3), 0.01, 0.9)),
        Case("β = 0: plain gradient descent", (n(4, 1), n(4, 1), n(4, 1), 0.05, 0.0)),
        Case("β close to 1", (n(2, 3), n(2, 3), n(2, 3), 0.5, 0.999)),
        Case("a column, α = 1, β = 0.5", (n(5, 1), n(5, 1), n(5, 1), 1.0, 0.5)),
        Case("a matrix, β = 0.95", (n(3, 4), n(3, 4), n(3, 4), 0.001, 0.95)),
    )


MOMENTUM_UPDATE = Exercise(
    name="momentum_update",
    notebook="05",
    args=("w", "v", "dw", "lr", "beta"),
    returns=("w", "v"),
    description="One step of momentum: v = β v + (1 − β) dW, then W = W − α v. Return the new (w, v).",
    hints=(
        "Two lines: first update the velocity, then use it to step.",
        "The velocity is an exponentially weighted average of the gradients, exactly as in ewa_step with dw "
        "in the place of θ.",
        "Step W with the velocity you have just updated, not with dw and not with the old velocity.",
    ),
    reference=optim.momentum_update,
    cases=_momentum_cases(),
    mistakes=(
        Mistake(
            "forgotten (1 − β)",
            "v = β v + dW is a real algorithm (PyTorch's SGD momentum), but it sums the gradients instead of "
            "averaging them, so v is about 1/(1 − β) times larger and α must be retuned whenever β changes. "
            "This course uses the lecture's form, v = β v + (1 − β) dW.",
            wrong=_momentum_sum,
        ),
        Mistake(
            "β and (1 − β) swapped",
            "β weighs the old velocity and 1 − β the new gradient; swapped, v barely remembers the past.",
            wrong=_momentum_swapped,
        ),
        Mistake(
            "stepped with dw instead of v",
            "the parameter moves along the velocity, W − α v; stepping with dW is plain gradient descent.",
            wrong=_momentum_step_with_dw,
        ),
        Mistake(
            "stepped with the old v",
            "update v first, then step with the new v: the step must already include this gradient.",
            wrong=_momentum_step_with_old_v,
        ),
        Mistake(
            "returned (v, w) instead of (w, v)",
            "the values are right but in the wrong order: return the new parameter first, then the velocity.",
            wrong=_momentum_returned_swapped,
        ),
    ),
)


#: The exercises of notebook 05, in the order the notebook asks them.
EXERCISES = (INITIALIZE_VELOCITY, MOMENTUM_UPDATE)
