"""The exercise of notebook 03: the spread of mini-batch gradients around the full gradient.

``spread = sqrt((1/T) Σ_t ||g{t} − g||²)`` over ``T`` mini-batch gradients, each a dict of arrays like the
network's parameters. The cases are chosen so that on the first one every catalogued mistake gives a
different number: the distances of the mini-batch gradients differ, their mean is not ``g``, and the
biases matter.
"""

from __future__ import annotations

import numpy as np

from coursekit.experiments import gradient_noise
from coursekit.course.exercises.inputs import Draws
from coursekit.course.exercises.machinery import Case, Exercise, Mistake

__all__ = ["EXERCISES", "GRADIENT_SPREAD"]


def _grads(draw: Draws, shapes: dict, count: int) -> tuple[list[dict], dict]:
    """``count`` mini-batch gradients scattered unevenly around a full gradient, with the given shapes."""
    full = {key: draw.normal(*shape) for key, shape in shapes.items()}
    batches = [{key: full[key] + (t + 1) * draw.normal(*shape) for key, shape in shapes.items()}
               for t in range(count)]
    return batches, full


def _cases() -> tuple[Case, ...]:
    draw = Draws(20240610)
    return (
        Case("three gradients of one layer (W1, b1)", _grads(draw, {"W1": (2, 3), "b1": (2, 1)}, 3)),
        Case("five gradients of two layers",
             _grads(draw, {"W1": (4, 3), "b1": (4, 1), "W2": (1, 4), "b2": (1, 1)}, 5)),
        Case("a single mini-batch gradient", _grads(draw, {"W1": (3, 2), "b1": (3, 1)}, 1)),
        Case("mini-batch gradients equal to the full gradient: spread 0",
             ([{"W1": np.ones((2, 2)), "b1": np.zeros((2, 1))}] * 2, {"W1": np.ones((2, 2)), "b1": np.zeros((2, 1))})),
        Case("four gradients of a wide layer", _grads(draw, {"W1": (8, 16), "b1": (8, 1)}, 4)),
    )


def _squared_distances(minibatch_grads, full_grad, keys=None) -> list[float]:
    keys = list(full_grad) if keys is None else keys
    return [sum(float(np.sum((np.asarray(g[k]) - full_grad[k]) ** 2)) for k in keys) for g in minibatch_grads]


def _no_root(minibatch_grads, full_grad):
    return float(np.mean(_squared_distances(minibatch_grads, full_grad)))


def _mean_distance(minibatch_grads, full_grad):
    return float(np.mean(np.sqrt(_squared_distances(minibatch_grads, full_grad))))


def _around_zero(minibatch_grads, full_grad):
    zero = {key: np.zeros_like(value) for key, value in full_grad.items()}
    return float(np.sqrt(np.mean(_squared_distances(minibatch_grads, zero))))


def _weights_only(minibatch_grads, full_grad):
    weights = [key for key in full_grad if key.startswith("W")]
    return float(np.sqrt(np.mean(_squared_distances(minibatch_grads, full_grad, weights))))


def _averaged_first(minibatch_grads, full_grad):
    mean = {key: np.mean([g[key] for g in minibatch_grads], axis=0) for key in full_grad}
    return float(np.sqrt(_squared_distances([mean], full_grad)[0]))


def _mean_over_entries(minibatch_grads, full_grad):
    entries = sum(np.size(value) for value in full_grad.values())
    return float(np.sqrt(np.mean(_squared_distances(minibatch_grads, full_grad)) / entries))


def _divided_by_t_minus_one(minibatch_grads, full_grad):
    squared = _squared_distances(minibatch_grads, full_grad)
    return float(np.sqrt(np.sum(squared) / (len(squared) - 1)))


def _summed_over_batches(minibatch_grads, full_grad):
    return float(np.sqrt(np.sum(_squared_distances(minibatch_grads, full_grad))))


def _root_per_key(minibatch_grads, full_grad):
    return float(sum(np.sqrt(np.mean(_squared_distances(minibatch_grads, full_grad, [key]))) for key in full_grad))


def _around_their_mean(minibatch_grads, full_grad):
    mean = {key: np.mean([g[key] for g in minibatch_grads], axis=0) for key in full_grad}
    return float(np.sqrt(np.mean(_squared_distances(minibatch_grads, mean))))


def _first_gradient_only(minibatch_grads, full_grad):
    """The return statement inside the loop: the first squared distance, divided by T."""
    return float(np.sqrt(_squared_distances(minibatch_grads[:1], full_grad)[0] / len(minibatch_grads)))


GRADIENT_SPREAD = Exercise(
    name="gradient_spread",
    notebook="03",
    args=("minibatch_grads", "full_grad"),
    returns=("spread",),
    description=(
        "The spread of T mini-batch gradients around the full gradient g: sqrt((1/T) Σ_t ||g{t} − g||²), where "
        "||·||² sums the squares of every entry of every array (W1, b1, W2, ...). minibatch_grads is a list of "
        "dicts with the keys of the dict full_grad. Return a float."
    ),
    hints=(
        "For one mini-batch gradient, its squared distance to g adds up the squared differences of all its "
        "entries, over every key of the dict.",
        "Do that for each of the T gradients in the list, average the T numbers, and only then take the square "
        "root.",
        "Within one key, numpy squares the difference of two arrays entry by entry and adds all the entries up; "
        "adding those totals over the keys gives ||g{t} − g||².",
    ),
    reference=gradient_noise.gradient_spread,
    cases=_cases(),
    mistakes=(
        Mistake("no square root",
                "the spread is the square ROOT of the mean squared distance, so that it is measured in the units "
                "of a gradient (like a standard deviation, not a variance).", wrong=_no_root),
        Mistake("mean of the distances",
                "average the SQUARED distances, then take one square root at the end; the mean of the distances "
                "is a smaller number that does not fall exactly like 1/√size.", wrong=_mean_distance),
        Mistake("spread around zero",
                "measure each g{t} from the full gradient g (g{t} − g), not from zero: the noise is how far a "
                "mini-batch gradient falls from g.", wrong=_around_zero),
        Mistake("only the weights",
                "the biases are parameters too: the sum runs over every key of the dict, b1, b2, ... included.",
                wrong=_weights_only),
        Mistake("averaged before the distance",
                "averaging the mini-batch gradients first cancels their noise; take each g{t}'s distance to g "
                "first, then average the squares.", wrong=_averaged_first),
        Mistake("mean over the entries instead of the sum",
                "||g{t} − g||² adds up the squares of all the entries of all the arrays; it does not average them, "
                "which would divide by the number of entries.",
                wrong=_mean_over_entries),
        Mistake("divided by T − 1",
                "g is the known full gradient, not an average estimated from the same T gradients: divide by T.",
                wrong=_divided_by_t_minus_one),
        Mistake("summed over the mini-batches instead of averaged",
                "the spread averages the T squared distances, (1/T) Σ_t; their sum grows with the number of "
                "mini-batches instead of measuring one mini-batch's noise.", wrong=_summed_over_batches),
        Mistake("one square root per key",
                "||g{t} − g||² sums over every entry of every key before anything else; a square root taken per "
                "key (W1, b1, ...) and the roots added up is a different, larger number.", wrong=_root_per_key),
        Mistake("measured around the mini-batch gradients' own mean",
                "the noise is each g{t}'s distance to the full gradient g, which is given: not to the average of "
                "the g{t}, which is not g.", wrong=_around_their_mean),
        Mistake("only the first mini-batch gradient counted",
                "every g{t} of the list adds its squared distance before the average; a result returned from "
                "inside the loop over the list counts only the first.", wrong=_first_gradient_only),
    ),
)

#: The exercises of notebook 03, in the order the notebook asks them.
EXERCISES = (GRADIENT_SPREAD,)
