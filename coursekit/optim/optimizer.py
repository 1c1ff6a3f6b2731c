"""What every optimizer shares: checking a step's arrays, zero state, and the object that loops over named arrays.

A pure rule (``gd_update``, ``momentum_update``, ...) takes one parameter array and its gradient and returns
new arrays. An :class:`Optimizer` applies the same equations to every array of a parameter dict, in place,
and keeps the state (``v``, ``s``) and the step counter ``t`` (1 during the first step).

The objects are the fast path of the course (every training run and slider goes through them): they check
the hyperparameters when set and a parameter dict's arrays when they first see them, then each step
checks only what can change before changing anything: every gradient, and a parameter that the last
step made NaN or infinite (the update notices as it writes). The arithmetic is one kernel per array
(:func:`coursekit._compile.kernel`): a loop compiled by Numba, in which each element of ``W``, ``dW`` and
the state is read once and written once, with no temporary array; without Numba, the same equations as
numpy expressions. Both do the same operations in the same order as the pure rule, so they give the same
bits (``tests/test_optim_fast.py``).
"""

from __future__ import annotations

import math

import numpy as np

from coursekit import _validate

_FLOAT = np.dtype(float)


def _checked(w, dw, state: dict):
    """Validate a parameter, its gradient and same-shaped state arrays; return them as float arrays."""
    w = _validate.array(w, "w")
    dw = _validate.array(dw, "dw")
    _validate.same_shape(w, "w", dw, "dw")
    arrays = []
    for name, value in state.items():
        arr = _validate.array(value, name)
        _validate.same_shape(w, "w", arr, name)
        arrays.append(arr)
    return w, dw, arrays


def zeros_like_params(params: dict) -> dict:
    """Zero arrays with the keys and shapes of ``params``: the initial ``v`` or ``s`` of an optimizer.

    >>> zeros_like_params({"W1": np.ones((2, 3)), "b1": np.ones((2, 1))})["W1"].shape
    (2, 3)
    """
    if not isinstance(params, dict):
        raise TypeError(f"params must be a dict of arrays, got {type(params).__name__}")
    return {key: np.zeros(np.shape(value), dtype=float) for key, value in params.items()}


def check_fresh(optimizer) -> None:
    """Check that ``optimizer`` is a coursekit optimizer that has taken no step (``t == 0``): a run that keeps
    state (``v``, ``s``, ``t``) must start from zero state, so a used optimizer is refused.

    >>> from coursekit.optim import GD
    >>> opt = GD(lr=0.1); check_fresh(opt)
    >>> opt.step({"w": np.ones(1)}, {"w": np.ones(1)}); check_fresh(opt)
    Traceback (most recent call last):
    ValueError: optimizer must be fresh (t == 0), got GD(lr=0.1) after 1 steps; make a new one per run
    """
    if not isinstance(optimizer, Optimizer):
        allowed = "a coursekit.optim optimizer (GD, Momentum, RMSprop, Adam)"
        raise TypeError(f"optimizer must be {allowed}, got {optimizer!r}")
    if optimizer.t != 0:
        raise ValueError(
            f"optimizer must be fresh (t == 0), got {optimizer!r} after {optimizer.t} steps; make a new one per run"
        )


def _finite(flat: np.ndarray) -> bool:
    """Whether a 1-D float64 array holds no NaN or inf: its sum is finite unless it overflowed (then look).

    A sum, not ``x·x``: numpy sums on the calling thread, where a BLAS dot product of a long array is spread
    over threads, far slower than the step itself on a busy machine.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        return math.isfinite(flat.sum()) or bool(np.isfinite(flat).all())


class Hyperparameter:
    """A hyperparameter of the optimizer objects, checked whenever it is set, by the constructor or later.

    ``check(value, name)`` returns the value as a float or raises the usual error (:mod:`coursekit._validate`).

    >>> from coursekit.optim import Adam
    >>> opt = Adam(lr=0.1); opt.beta1 = 0.5; opt.beta1
    0.5
    >>> opt.beta1 = 1.0
    Traceback (most recent call last):
    ValueError: beta1 must be in [0, 1), got 1.0
    """

    def __init__(self, check, doc: str):
        if not callable(check):
            raise TypeError(f"check must be a callable check(value, name), got {check!r:.60}")
        if not isinstance(doc, str):
            raise TypeError(f"doc must be a string, got {doc!r:.60}")
        self._check = check
        self.__doc__ = doc

    def __set_name__(self, owner, name: str) -> None:
        self._name, self._stored = name, f"_{name}"

    def __get__(self, opt, owner=None):
        return self if opt is None else getattr(opt, self._stored)

    def __set__(self, opt, value) -> None:
        setattr(opt, self._stored, self._check(value, self._name))


class Optimizer:
    """Base of the optimizer objects: validates ``lr`` and the dicts, and loops over named arrays.

    Subclasses name their state arrays in ``_state_names``, their other hyperparameters as
    :class:`Hyperparameter` attributes, and implement ``_update(w, dw, *state)`` for one flat float64
    parameter, its gradient and its state: a call of their kernel, the equations of their pure rule
    element by element, which returns whether it wrote a NaN or infinite ``W``.
    ``t`` counts the steps taken (1 during the first).

    >>> from coursekit.optim import Momentum
    >>> opt = Momentum(lr=0.1); params = {"W1": np.ones((2, 2))}
    >>> opt.step(params, {"W1": np.ones((2, 2))}); opt.t, sorted(opt.state["v"])
    (1, ['W1'])
    """

    _state_names: tuple[str, ...] = ()
    lr = Hyperparameter(_validate.positive, "The learning rate ``α`` > 0; assign to it between steps for a schedule")

    def __init__(self, lr: float):
        self.lr = lr
        self.t = 0
        self.state: dict[str, dict[str, np.ndarray]] = {name: {} for name in self._state_names}
        self._shapes: dict[str, tuple] | None = None  # the shapes of the first step's params, by key
        self._seen: dict[str, np.ndarray] = {}  # the parameter arrays checked, by key
        self._flat: dict[str, tuple[np.ndarray, ...]] = {}  # per key: flat float64 W (or a staging copy), state
        self._staged: list[str] = []  # the keys of the staging copies (params not float64 C-contiguous)
        self._suspects: set[str] = set()  # the params to check at the next step: staged, or made non-finite

    def step(self, params: dict, grads: dict) -> None:
        """Update every array of ``params`` in place from the same-keyed ``grads``; advance ``t`` by one.

        Nothing changes if a check fails: wrong keys or shapes, a gradient or parameter that is not finite.
        """
        flat_grads = self._plan(params, grads)
        self._check_finite(flat_grads)
        self.t += 1
        for key, (w, *state) in self._flat.items():  # one kernel per array: compiled, or its numpy form
            if self._update(w, flat_grads[key], *state):
                self._suspects.add(key)  # it wrote a NaN or inf: the next step looks at this parameter first
        for key in self._staged:  # stepped on a float64 copy: store the result in the caller's array
            np.copyto(params[key], self._flat[key][0].reshape(params[key].shape), casting="unsafe")

    def _plan(self, params, grads) -> dict:
        """The step's gradients as flat float64 arrays by key, and its parameters in ``self._flat``: the arrays
        of the last step if ``params`` and ``grads`` are like them, otherwise checked and planned afresh; the
        float64 copy of a parameter that is not float64 C-contiguous is filled in."""
        flat_grads = self._known(params, grads)
        if flat_grads is None:
            flat_grads = self._check_new(params, grads)
        for key in self._staged:
            np.copyto(self._flat[key][0].reshape(params[key].shape), params[key])
        return flat_grads

    def _check_finite(self, flat_grads: dict) -> None:
        """Refuse, with the usual message, a NaN or inf in any gradient or in a parameter the last step made
        non-finite (or that is held as a copy), before anything changes."""
        with np.errstate(over="ignore"):
            for key in self._suspects:
                if not _finite(self._flat[key][0]):
                    _validate.array(self._flat[key][0].reshape(self._shapes[key]), f"params[{key!r}]")
            for key, dw in flat_grads.items():
                if not _finite(dw):
                    _validate.array(dw.reshape(self._shapes[key]), f"grads[{key!r}]")

    def _known(self, params, grads) -> dict | None:
        """The gradients as flat float64 views if ``params`` holds the arrays checked before and every
        gradient is a float64 C-contiguous array of its parameter's shape; otherwise None."""
        if type(params) is not dict or type(grads) is not dict or params.keys() != self._seen.keys():
            return None
        flat = {}
        shapes = self._shapes
        for key, w in params.items():
            dw = grads.get(key)
            if (w is not self._seen[key] or w.shape != shapes[key] or type(dw) is not np.ndarray
                    or dw.dtype != _FLOAT or dw.shape != shapes[key] or not dw.flags.c_contiguous):
                return None
            flat[key] = dw.reshape(-1)
        return flat if len(grads) == len(params) else None

    def _check_new(self, params, grads) -> dict:
        """Every check, with its message, for arrays not seen before; remember the parameters; flat gradients."""
        _validate.matching_dicts(params, grads)
        flat_grads = {}
        for key, value in params.items():
            if not isinstance(value, np.ndarray) or not np.issubdtype(value.dtype, np.floating):
                raise TypeError(f"params[{key!r}] must be a float numpy array (updated in place), got {value!r}")
            _validate.array(value, f"params[{key!r}]")
            flat_grads[key] = np.ascontiguousarray(_validate.array(grads[key], f"grads[{key!r}]")).reshape(-1)
        shapes = {key: value.shape for key, value in params.items()}
        if self._state_names and self._shapes is not None:
            if self._shapes.keys() != shapes.keys():
                raise ValueError(
                    f"params must keep the keys of the first step, {sorted(self._shapes)}, got {sorted(params)}"
                )
            for key, shape in self._shapes.items():
                if shape != shapes[key]:
                    raise ValueError(f"params[{key!r}] must have the shape of the first step's params[{key!r}], "
                                     f"{shape}, got {shapes[key]}")
        elif self._shapes != shapes:  # the first step (or GD, which keeps no state, on new shapes)
            self._shapes = shapes
            self.state = {name: {key: np.zeros(shape) for key, shape in shapes.items()} for name in self._state_names}
        self._seen = dict(params)
        self._staged = [key for key, value in params.items() if value.dtype != _FLOAT or not value.flags.c_contiguous]
        self._suspects = set(self._staged)
        self._flat = {key: (np.empty(value.size) if key in self._staged else value.reshape(-1),
                            *(self.state[name][key].reshape(-1) for name in self._state_names))
                      for key, value in params.items()}
        return flat_grads

    def _update(self, w, dw, *state) -> bool:
        raise NotImplementedError

    def _hyperparameters(self) -> dict:
        return {"lr": self.lr}

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self._hyperparameters().items())
        return f"{type(self).__name__}({args})"
