"""An optimizer object made from a pure update rule: the learner's own ``momentum_update`` trains a network.

The rule has the signature of its exercise (notebooks 01, 06-08), one parameter array at a time::

    gd_update(w, dw, lr) -> w
    momentum_update(w, v, dw, lr, beta) -> (w, v)
    rmsprop_update(w, s, dw, lr, beta2, eps) -> (w, s)
    adam_update(w, v, s, dw, t, lr, beta1, beta2, eps) -> (w, v, s)

:class:`Rule` does what the optimizer object of the same name does around it: it checks the hyperparameters
as that object does (``opt.lr`` and the others may be changed between steps), starts each state array
at zeros per parameter key, counts the steps from ``t = 1``, checks a step's dicts and refuses a NaN or
infinite gradient before anything changes. Each step calls the rule once per named array, with read-only
arrays of the parameter's shape and the arguments in the exercise's order, checks what it returns (the
right number of arrays, each of the parameter's shape) and only then writes every result in place. So it
goes wherever an optimizer goes (:func:`coursekit.train.train`, :mod:`coursekit.trajectories`), and around
coursekit's own rules it gives the same bits as the objects (``tests/test_optim_rule.py``).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from coursekit import _validate
from coursekit.optim.adam import Adam
from coursekit.optim.gd import GD
from coursekit.optim.momentum import Momentum
from coursekit.optim.optimizer import Optimizer, _finite
from coursekit.optim.rmsprop import RMSprop

__all__ = ["Rule"]


class _Form(NamedTuple):
    """What a rule of one optimizer takes and returns: its object, state arrays, hyperparameters after ``lr``,
    and whether it takes the step number ``t``."""

    kind: type
    state: tuple[str, ...]
    hyperparameters: tuple[str, ...]
    counts_steps: bool


_FORMS = {
    "GD": _Form(GD, (), (), False),
    "Momentum": _Form(Momentum, ("v",), ("beta",), False),
    "RMSprop": _Form(RMSprop, ("s",), ("beta2", "eps"), False),
    "Adam": _Form(Adam, ("v", "s"), ("beta1", "beta2", "eps"), True),
}


class Rule(Optimizer):
    """The optimizer ``like`` ("GD", "Momentum", "RMSprop" or "Adam") with its step computed by ``update``.

    Args:
        update: a pure rule with the signature of ``like``'s exercise (see the module), e.g. the learner's
            ``momentum_update``.  like: the optimizer whose rule it is.  lr: ``α`` > 0.
        hyperparameters: ``like``'s others, checked as ``like`` checks them, with its defaults: ``beta`` for
            Momentum, ``beta2`` and ``eps`` for RMSprop, ``beta1``, ``beta2`` and ``eps`` for Adam.

    Reference: notebooks 06-08 ("your code at work").

    >>> from coursekit.optim import momentum_update
    >>> opt = Rule(momentum_update, "Momentum", lr=0.1, beta=0.9); opt
    Rule(momentum_update, 'Momentum', lr=0.1, beta=0.9)
    >>> params = {"W1": np.ones((2, 2))}; opt.step(params, {"W1": np.ones((2, 2))})
    >>> opt.t, round(float(params["W1"][0, 0]), 6), round(float(opt.state["v"]["W1"][0, 0]), 6)
    (1, 0.99, 0.1)
    """

    def __init__(self, update, like: str, lr: float, **hyperparameters):
        if not callable(update):
            raise TypeError(f"update must be a callable update rule, got {update!r:.80}")
        form = _FORMS[_validate.one_of(like, "like", tuple(_FORMS))]
        for name in hyperparameters:
            _validate.one_of(name, f"a hyperparameter of a {like} rule", form.hyperparameters)
        self._form, self._like = form, form.kind(lr, **hyperparameters)  # the object checks them, as it would
        self._state_names = form.state
        self.update, self.like = update, like
        super().__init__(lr)

    def __getattr__(self, name):
        """``like``'s hyperparameters (``opt.beta``), read from the object that checks them."""
        form = self.__dict__.get("_form")
        if form is not None and name in form.hyperparameters:
            return getattr(self.__dict__["_like"], name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __setattr__(self, name, value) -> None:
        form = self.__dict__.get("_form")
        if form is not None and name in form.hyperparameters:
            setattr(self._like, name, value)  # checked as the object checks it
        else:
            super().__setattr__(name, value)

    def step(self, params: dict, grads: dict) -> None:
        """Update every array of ``params`` in place from the same-keyed ``grads`` by the rule; advance ``t``.

        Nothing changes if a check fails: wrong keys or shapes, a gradient or parameter that is not finite,
        or a rule that returns something other than its arrays of the parameter's shape.
        """
        flat_grads = self._plan(params, grads)
        self._check_finite(flat_grads)
        t = self.t + 1
        results = {key: self._apply(key, arrays, flat_grads[key], t) for key, arrays in self._flat.items()}
        self.t = t
        for key, new in results.items():
            for target, value in zip(self._flat[key], new):
                np.copyto(target, value.reshape(-1))
            if not _finite(self._flat[key][0]):
                self._suspects.add(key)  # a NaN or inf W: the next step looks at this parameter first
        for key in self._staged:  # stepped on a float64 copy: store the result in the caller's array
            np.copyto(params[key], self._flat[key][0].reshape(params[key].shape), casting="unsafe")

    def _apply(self, key: str, arrays: tuple, dw: np.ndarray, t: int) -> list[np.ndarray]:
        """The rule's new ``W`` and state for parameter ``key``, checked; nothing is written."""
        shape = self._shapes[key]
        w, *state, dw = (_read_only(array.reshape(shape)) for array in (*arrays, dw))
        steps = (t,) if self._form.counts_steps else ()
        out = self.update(w, *state, dw, *steps, self.lr, *(getattr(self, n) for n in self._form.hyperparameters))
        return self._returned(out, key, shape)

    def _returned(self, out, key: str, shape: tuple) -> list[np.ndarray]:
        """What the rule returned as float arrays, after checking their number and shapes."""
        names = ("W", *self._form.state)
        wanted = names[0] if len(names) == 1 else f"({', '.join(names)})"
        expected = f"{wanted}, {len(names)} array(s) of the shape of params[{key!r}], {shape}"
        arrays = [out] if len(names) == 1 else out
        if out is None or (len(names) > 1 and (not isinstance(out, (tuple, list)) or len(out) != len(names))):
            raise TypeError(f"update must return {expected}, got {out!r:.80}")
        checked = [_validate.array(array, f"update's {name} for params[{key!r}]", finite=False)
                   for name, array in zip(names, arrays)]
        for name, array in zip(names, checked):
            if array.shape != shape:
                raise ValueError(f"update's {name} for params[{key!r}] must have the shape {shape}, got {array.shape}")
        return checked

    def _hyperparameters(self) -> dict:
        return {"lr": self.lr, **{name: getattr(self, name) for name in self._form.hyperparameters}}

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self._hyperparameters().items())
        return f"Rule({getattr(self.update, '__name__', type(self.update).__name__)}, {self.like!r}, {args})"


def _read_only(array: np.ndarray) -> np.ndarray:
    """A view of ``array`` that cannot be written: a rule returns new arrays and changes none it is given."""
    view = array.view()
    view.flags.writeable = False
    return view
