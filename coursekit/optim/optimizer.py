"""What every optimizer shares: checking a step's arrays, zero state, and the object that loops over named arrays.

A pure rule (``gd_update``, ``momentum_update``, ...) takes one parameter array and its gradient and returns
new arrays. An :class:`Optimizer` applies its rule to every array of a parameter dict, in place, and keeps
the state (``v``, ``s``) and the step counter ``t`` (1 during the first step).
"""

from __future__ import annotations

import numpy as np

from coursekit import _validate


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


class Optimizer:
    """Base of the optimizer objects: validates ``lr`` and the dicts, and loops over named arrays.

    Subclasses name their state arrays in ``_state_names`` and implement ``_update(key, w, dw)``,
    which calls the pure rule and returns the new ``W``. ``t`` counts the steps taken (1 during the first).

    >>> from coursekit.optim import Momentum
    >>> opt = Momentum(lr=0.1); params = {"W1": np.ones((2, 2))}
    >>> opt.step(params, {"W1": np.ones((2, 2))}); opt.t, sorted(opt.state["v"])
    (1, ['W1'])
    """

    _state_names: tuple[str, ...] = ()

    def __init__(self, lr: float):
        self.lr = lr
        self.t = 0
        self.state: dict[str, dict[str, np.ndarray]] = {name: {} for name in self._state_names}

    @property
    def lr(self) -> float:
        """The learning rate ``α``; assign to it between steps to follow a schedule."""
        return self._lr

    @lr.setter
    def lr(self, value: float) -> None:
        self._lr = _validate.positive(value, "lr")

    def step(self, params: dict, grads: dict) -> None:
        """Update every array of ``params`` in place from the same-keyed ``grads``; advance ``t`` by one."""
        _validate.matching_dicts(params, grads)
        for key, value in params.items():
            if not isinstance(value, np.ndarray) or not np.issubdtype(value.dtype, np.floating):
                raise TypeError(f"params[{key!r}] must be a float numpy array (updated in place), got {value!r}")
            _validate.array(value, f"params[{key!r}]")
            _validate.array(grads[key], f"grads[{key!r}]")
        for name in self._state_names:
            if not self.state[name]:
                self.state[name] = zeros_like_params(params)
            elif self.state[name].keys() != params.keys():
                raise ValueError(
                    f"params must keep the keys of the first step, {sorted(self.state[name])}, got {sorted(params)}"
                )
            for key, value in self.state[name].items():
                _validate.same_shape(value, f"the first step's params[{key!r}]", params[key], f"params[{key!r}]")
        self.t += 1
        for key in params:
            params[key][...] = self._update(key, params[key], grads[key])

    def _update(self, key: str, w: np.ndarray, dw: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def _hyperparameters(self) -> dict:
        return {"lr": self.lr}

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self._hyperparameters().items())
        return f"{type(self).__name__}({args})"
