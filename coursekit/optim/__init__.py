"""The optimizers of the course, one module each: the pure update rule and the object that applies it.

* :mod:`~coursekit.optim.gd` — gradient descent, ``W := W − α dW``;
* :mod:`~coursekit.optim.momentum` — momentum, ``v = β v + (1 − β) dW``, ``W := W − α v``;
* :mod:`~coursekit.optim.rmsprop` — RMSprop, ``s = β₂ s + (1 − β₂) dW²``, ``W := W − α dW / (√s + ε)``;
* :mod:`~coursekit.optim.adam` — Adam, both moments with bias correction;
* after the lecture (notebooks 06, 07 and 12): :mod:`~coursekit.optim.nesterov` — Nesterov
  momentum, the gradient where the velocity is heading; :mod:`~coursekit.optim.adagrad` — AdaGrad, the
  *sum* of squares RMSprop replaced by an average; :mod:`~coursekit.optim.adamw` — AdamW, decoupled weight
  decay; :mod:`~coursekit.optim.l2` — :class:`L2`, any optimizer fed ``dW + λW``;
* :mod:`~coursekit.optim.optimizer` — what they share: the :class:`Optimizer` object, zero state, and
  :func:`check_fresh`, which refuses a used optimizer where a run must start from zero state;
* :mod:`~coursekit.optim.rule` — :class:`Rule`, an optimizer object around a pure rule (the learner's own).

Each rule is a pure function on arrays whose body reads like the lecture's equations: it returns new
arrays and modifies none of its arguments. The exponentially weighted average and the bias correction are
those of :mod:`coursekit.averages`. Conventions: the step counter ``t`` counts from 1, and ``ε`` is added
outside the square root. ``opt.step(params, grads)`` updates a parameter dict in place; ``opt.lr`` may be
changed between steps, so a schedule can drive it.
"""

from __future__ import annotations

from coursekit import _validate
from coursekit.optim.adagrad import AdaGrad, adagrad_update
from coursekit.optim.adam import Adam, adam_update
from coursekit.optim.adamw import AdamW, adamw_update
from coursekit.optim.gd import GD, gd_update
from coursekit.optim.l2 import L2
from coursekit.optim.momentum import Momentum, momentum_sum_update, momentum_update
from coursekit.optim.nesterov import Nesterov, nesterov_sum_update, nesterov_update
from coursekit.optim.optimizer import Optimizer, check_fresh, zeros_like_params
from coursekit.optim.rmsprop import RMSprop, rmsprop_update
from coursekit.optim.rule import Rule

__all__ = [
    "gd_update", "momentum_update", "momentum_sum_update", "rmsprop_update", "adam_update", "zeros_like_params",
    "Optimizer", "GD", "Momentum", "RMSprop", "Adam", "Rule", "OPTIMIZERS", "make_optimizer", "check_fresh",
    "nesterov_update", "nesterov_sum_update", "adagrad_update", "adamw_update", "Nesterov", "AdaGrad", "AdamW", "L2",
]

#: The optimizers by name, in the order of the course.
OPTIMIZERS = ("GD", "Momentum", "RMSprop", "Adam")


def make_optimizer(name: str, lr: float, beta1: float = 0.9, beta2: float | None = None) -> Optimizer:
    """A fresh optimizer by name, so that one set of sliders can drive all four.

    Args:
        name: "GD", "Momentum", "RMSprop" or "Adam".  lr: ``α``.  beta1: momentum's ``β`` and Adam's
            ``β₁`` (unused by GD and RMSprop).  beta2: ``β₂`` of RMSprop and Adam; ``None`` keeps each
            one's own default (RMSprop 0.9, Adam 0.999).

    Returns:
        A :mod:`coursekit.optim` optimizer with ``t = 0``.

    Reference: notebooks 06-08.

    >>> make_optimizer("Momentum", lr=0.1, beta1=0.8, beta2=0.99)
    Momentum(lr=0.1, beta=0.8, average=True)
    >>> make_optimizer("RMSprop", lr=0.1), make_optimizer("Adam", lr=0.1)
    (RMSprop(lr=0.1, beta2=0.9, eps=1e-08), Adam(lr=0.1, beta1=0.9, beta2=0.999, eps=1e-08))
    """
    _validate.one_of(name, "optimizer name", OPTIMIZERS)
    beta1 = _validate.beta(beta1, "beta1")  # checked for every name: a β that GD ignores is still a slip
    own = {} if beta2 is None else {"beta2": _validate.beta(beta2, "beta2")}
    makers = {
        "GD": lambda: GD(lr),
        "Momentum": lambda: Momentum(lr, beta=beta1),
        "RMSprop": lambda: RMSprop(lr, **own),
        "Adam": lambda: Adam(lr, beta1=beta1, **own),
    }
    return makers[name]()
