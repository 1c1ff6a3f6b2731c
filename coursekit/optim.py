"""Update rules of gradient descent, momentum, RMSprop and Adam, and optimizer objects (SYLLABUS §5-7).

Each rule is a pure function on arrays whose body reads like the lecture's equations: it returns new
arrays and modifies none of its arguments. The exponentially weighted average and the bias correction
are those of :mod:`coursekit.averages`. Conventions: the step counter ``t`` counts from 1, and ``ε`` is
added outside the square root.

The objects :class:`GD`, :class:`Momentum`, :class:`RMSprop` and :class:`Adam` do no math of their own:
``opt.step(params, grads)`` applies the rule to every array of a parameter dict, in place, and keeps
the state (``v``, ``s``, ``t``). ``opt.lr`` may be changed between steps, so a schedule can drive it.
"""

from __future__ import annotations

import numpy as np

from coursekit import _validate
from coursekit.averages import bias_correct, ewa_step


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


def gd_update(w, dw, lr: float) -> np.ndarray:
    """One step of gradient descent.

    ``W := W − α dW``

    Args:
        w: a parameter ``W`` (any shape).  dw: its gradient ``dW``.  lr: the learning rate ``α`` > 0.

    Returns:
        The new ``W``.

    Reference: SYLLABUS §1.

    >>> gd_update(np.array([1.0, 2.0]), np.array([10.0, -10.0]), lr=0.1).tolist()
    [0.0, 3.0]
    """
    lr = _validate.positive(lr, "lr")
    w, dw, _ = _checked(w, dw, {})
    return w - lr * dw


def momentum_update(w, v, dw, lr: float, beta: float = 0.9) -> tuple[np.ndarray, np.ndarray]:
    """One step of gradient descent with momentum (the lecture's form, with ``1 − β``).

    ``v_dW = β v_dW + (1 − β) dW``;  ``W := W − α v_dW``

    Args:
        w: parameter ``W``.  v: velocity ``v_dW`` (zeros before the first step).  dw: gradient ``dW``.
        lr: ``α`` > 0.  beta: ``β`` in [0, 1); 0.9 averages roughly the last 10 gradients.

    Returns:
        ``(W, v_dW)``, both new arrays.

    Reference: SYLLABUS §5.

    >>> w, v = momentum_update(np.array([1.0]), np.zeros(1), np.array([10.0]), lr=0.1, beta=0.9)
    >>> w.round(6).tolist(), v.round(6).tolist()
    ([0.9], [1.0])
    """
    lr = _validate.positive(lr, "lr")
    w, dw, (v,) = _checked(w, dw, {"v": v})
    v = ewa_step(v, dw, beta)
    w = w - lr * v
    return w, v


def momentum_sum_update(w, v, dw, lr: float, beta: float = 0.9) -> tuple[np.ndarray, np.ndarray]:
    """One step of momentum in the variant without ``1 − β`` (PyTorch's ``SGD(momentum=β)``).

    ``v_dW = β v_dW + dW``;  ``W := W − α v_dW``

    The velocity is an exponentially weighted *sum*, about ``1 / (1 − β)`` times the average, so ``α``
    must be retuned when ``β`` changes. From ``v = 0`` the first step gives ``v = dW``, as PyTorch does.

    Args:
        w: parameter ``W``.  v: velocity ``v_dW``.  dw: gradient ``dW``.  lr: ``α`` > 0.  beta: ``β`` in [0, 1).

    Returns:
        ``(W, v_dW)``, both new arrays.

    Reference: SYLLABUS §5 (the variant); Sutskever et al. (2013), eq. 1.

    >>> w, v = momentum_sum_update(np.array([1.0]), np.zeros(1), np.array([10.0]), lr=0.01, beta=0.9)
    >>> w.round(6).tolist(), v.round(6).tolist()
    ([0.9], [10.0])
    """
    lr = _validate.positive(lr, "lr")
    beta = _validate.beta(beta, "beta")
    w, dw, (v,) = _checked(w, dw, {"v": v})
    v = beta * v + dw
    w = w - lr * v
    return w, v


def rmsprop_update(w, s, dw, lr: float, beta2: float = 0.999, eps: float = 1e-8) -> tuple[np.ndarray, np.ndarray]:
    """One step of RMSprop.

    ``s_dW = β₂ s_dW + (1 − β₂) dW²`` (element-wise square);  ``W := W − α dW / (√s_dW + ε)``

    Args:
        w: parameter ``W``.  s: mean square ``s_dW`` (zeros before the first step).  dw: gradient ``dW``.
        lr: ``α`` > 0.  beta2: ``β₂`` in [0, 1) (PyTorch calls it ``alpha``).  eps: ``ε`` > 0.

    Returns:
        ``(W, s_dW)``, both new arrays.

    Reference: SYLLABUS §6; Hinton, Coursera "Neural Networks for Machine Learning", lecture 6e.

    >>> w, s = rmsprop_update(np.array([1.0]), np.zeros(1), np.array([2.0]), lr=0.1, beta2=0.75, eps=1e-8)
    >>> w.round(6).tolist(), s.round(6).tolist()   # s = 0.25 * 4 = 1, step = 0.1 * 2 / 1
    ([0.8], [1.0])
    """
    lr = _validate.positive(lr, "lr")
    beta2 = _validate.beta(beta2, "beta2")
    eps = _validate.positive(eps, "eps")
    w, dw, (s,) = _checked(w, dw, {"s": s})
    s = ewa_step(s, dw**2, beta2)
    w = w - lr * dw / (np.sqrt(s) + eps)
    return w, s


def adam_update(
    w, v, s, dw, t: int, lr: float = 1e-3, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One step of Adam.

    ``v = β₁ v + (1 − β₁) dW``;  ``s = β₂ s + (1 − β₂) dW²``;
    ``v̂ = v / (1 − β₁^t)``;  ``ŝ = s / (1 − β₂^t)``;  ``W := W − α v̂ / (√ŝ + ε)``

    Args:
        w: parameter ``W``.  v, s: first and second moments (zeros before the first step).
        dw: gradient ``dW``.  t: this step's number, counting from 1.
        lr: ``α`` > 0.  beta1: ``β₁`` in [0, 1).  beta2: ``β₂`` in [0, 1).  eps: ``ε`` > 0.

    Returns:
        ``(W, v, s)``, new arrays (``v`` and ``s`` without bias correction, ready for the next step).

    Reference: SYLLABUS §7; Kingma & Ba (2015), "Adam: A Method for Stochastic Optimization", Algorithm 1.

    >>> w, v, s = adam_update(np.array([1.0]), np.zeros(1), np.zeros(1), np.array([3.0]), t=1, lr=0.1)
    >>> w.round(6).tolist()    # at t = 1, v̂ = dW and ŝ = dW², so the step is α · sign(dW)
    [0.9]
    """
    lr = _validate.positive(lr, "lr")
    beta1 = _validate.beta(beta1, "beta1")
    beta2 = _validate.beta(beta2, "beta2")
    eps = _validate.positive(eps, "eps")
    w, dw, (v, s) = _checked(w, dw, {"v": v, "s": s})
    v = ewa_step(v, dw, beta1)
    s = ewa_step(s, dw**2, beta2)
    v_hat = bias_correct(v, beta1, t)
    s_hat = bias_correct(s, beta2, t)
    w = w - lr * v_hat / (np.sqrt(s_hat) + eps)
    return w, v, s


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


class GD(Optimizer):
    """Gradient descent: ``W := W − α dW`` for every parameter (see :func:`gd_update`).

    >>> params = {"w": np.array([1.0])}; GD(lr=0.5).step(params, {"w": np.array([2.0])}); params["w"].tolist()
    [0.0]
    """

    def _update(self, key, w, dw):
        return gd_update(w, dw, self.lr)


class Momentum(Optimizer):
    """Gradient descent with momentum (see :func:`momentum_update`).

    ``v = β v + (1 − β) dW``, ``W := W − α v``; with ``average=False`` the variant without ``1 − β``,
    ``v = β v + dW`` (see :func:`momentum_sum_update`; PyTorch's ``SGD(momentum=β)``).

    >>> Momentum(lr=0.1)
    Momentum(lr=0.1, beta=0.9, average=True)
    """

    _state_names = ("v",)

    def __init__(self, lr: float, beta: float = 0.9, average: bool = True):
        super().__init__(lr)
        self.beta = _validate.beta(beta, "beta")
        if not isinstance(average, bool):
            raise TypeError(f"average must be True or False, got {average!r}")
        self.average = average

    def _update(self, key, w, dw):
        rule = momentum_update if self.average else momentum_sum_update
        w, self.state["v"][key] = rule(w, self.state["v"][key], dw, self.lr, self.beta)
        return w

    def _hyperparameters(self):
        return {"lr": self.lr, "beta": self.beta, "average": self.average}


class RMSprop(Optimizer):
    """RMSprop (see :func:`rmsprop_update`): ``s = β₂ s + (1 − β₂) dW²``, ``W := W − α dW / (√s + ε)``.

    >>> RMSprop(lr=0.01)
    RMSprop(lr=0.01, beta2=0.999, eps=1e-08)
    """

    _state_names = ("s",)

    def __init__(self, lr: float, beta2: float = 0.999, eps: float = 1e-8):
        super().__init__(lr)
        self.beta2 = _validate.beta(beta2, "beta2")
        self.eps = _validate.positive(eps, "eps")

    def _update(self, key, w, dw):
        w, self.state["s"][key] = rmsprop_update(w, self.state["s"][key], dw, self.lr, self.beta2, self.eps)
        return w

    def _hyperparameters(self):
        return {"lr": self.lr, "beta2": self.beta2, "eps": self.eps}


class Adam(Optimizer):
    """Adam (see :func:`adam_update`), with bias-corrected moments and ``t`` counting from 1.

    >>> Adam(lr=1e-3)
    Adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1e-08)
    """

    _state_names = ("v", "s")

    def __init__(self, lr: float = 1e-3, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8):
        super().__init__(lr)
        self.beta1 = _validate.beta(beta1, "beta1")
        self.beta2 = _validate.beta(beta2, "beta2")
        self.eps = _validate.positive(eps, "eps")

    def _update(self, key, w, dw):
        v, s = self.state["v"][key], self.state["s"][key]
        w, self.state["v"][key], self.state["s"][key] = adam_update(
            w, v, s, dw, self.t, self.lr, self.beta1, self.beta2, self.eps
        )
        return w

    def _hyperparameters(self):
        return {"lr": self.lr, "beta1": self.beta1, "beta2": self.beta2, "eps": self.eps}


#: The optimizers by name, in the order of the course.
OPTIMIZERS = ("GD", "Momentum", "RMSprop", "Adam")


def make_optimizer(name: str, lr: float, beta1: float = 0.9, beta2: float = 0.999) -> Optimizer:
    """A fresh optimizer by name, so that one set of sliders can drive all four.

    Args:
        name: "GD", "Momentum", "RMSprop" or "Adam".  lr: ``α``.  beta1: momentum's ``β`` and Adam's
            ``β₁`` (unused by GD and RMSprop).  beta2: ``β₂`` of RMSprop and Adam.

    Returns:
        A :mod:`coursekit.optim` optimizer with ``t = 0``.

    Reference: SYLLABUS §5-7.

    >>> make_optimizer("Momentum", lr=0.1, beta1=0.8, beta2=0.99)
    Momentum(lr=0.1, beta=0.8, average=True)
    """
    makers = {
        "GD": lambda: GD(lr),
        "Momentum": lambda: Momentum(lr, beta=beta1),
        "RMSprop": lambda: RMSprop(lr, beta2=beta2),
        "Adam": lambda: Adam(lr, beta1=beta1, beta2=beta2),
    }
    if name not in makers:
        raise ValueError(f"optimizer name must be one of {list(OPTIMIZERS)}, got {name!r}")
    return makers[name]()
