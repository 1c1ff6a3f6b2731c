"""Bad inputs of :class:`coursekit.optim.Rule`, the optimizer made from a pure update rule."""

import numpy as np

from coursekit.optim import Rule, momentum_update
from tests.bad_inputs import Bad

W = {"W1": np.ones((3, 2))}


def _returns_none(w, v, dw, lr, beta):
    return None


def _returns_one(w, v, dw, lr, beta):
    return w - lr * dw


def _returns_a_row(w, v, dw, lr, beta):
    return w[0], v


ROWS = [
    Bad(Rule, ("momentum_update", "Momentum", 0.1), error=TypeError,
        message=r"update must be a callable update rule, got 'momentum_update'"),
    Bad(Rule, (momentum_update, "SGD", 0.1),
        message=r"like must be one of \['GD', 'Momentum', 'RMSprop', 'Adam'\], got 'SGD'"),
    Bad(Rule, (momentum_update, Rule, 0.1), message=r"like must be one of \['GD', .*\], got <class"),
    Bad(Rule, (momentum_update, "Momentum", 0.0), message=r"lr must be a finite number > 0, got 0.0"),
    Bad(Rule, (momentum_update, "Momentum", "0.1"), error=TypeError,
        message=r"lr must be a finite number > 0, got '0.1'"),
    Bad(Rule, (momentum_update, "Momentum", 0.1), {"beta": 1.0}, message=r"beta must be in \[0, 1\), got 1.0"),
    Bad(Rule, (momentum_update, "Momentum", 0.1), {"average": False},
        message=r"a hyperparameter of a Momentum rule must be one of \['beta'\], got 'average'"),
    Bad(Rule, (momentum_update, "GD", 0.1), {"beta": 0.9},
        message=r"a hyperparameter of a GD rule must be one of \[\], got 'beta'"),
    Bad(Rule, (momentum_update, "Adam", 0.1), {"eps": -1.0}, message=r"eps must be a finite number > 0, got -1.0"),
    Bad(Rule(momentum_update, "Momentum", 0.1).step, (W, {"W1": np.ones((2, 3))}),
        message=r"grads\['W1'\] must have the shape of params\['W1'\], \(3, 2\), got \(2, 3\)"),
    Bad(Rule(momentum_update, "Momentum", 0.1).step, (W, {"W1": np.full((3, 2), np.nan)}),
        message=r"grads\['W1'\] must be finite"),
    Bad(Rule(_returns_none, "Momentum", 0.1).step, (W, W), error=TypeError,
        message=r"update must return \(W, v\), 2 array\(s\) of the shape of params\['W1'\], \(3, 2\), got None"),
    Bad(Rule(_returns_one, "Momentum", 0.1).step, (W, W), error=TypeError,
        message=r"update must return \(W, v\), 2 array\(s\) of the shape of params\['W1'\], \(3, 2\), got array"),
    Bad(Rule(_returns_a_row, "Momentum", 0.1).step, (W, W),
        message=r"update's W for params\['W1'\] must have the shape \(3, 2\), got \(2,\)"),
]
