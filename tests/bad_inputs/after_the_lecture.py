"""Bad inputs of the optimizers after the lecture: Nesterov momentum, AdaGrad, AdamW and L2 around any optimizer."""

import numpy as np

from coursekit.optim import (
    GD,
    L2,
    Adam,
    AdaGrad,
    AdamW,
    Nesterov,
    adagrad_update,
    adamw_update,
    nesterov_sum_update,
    nesterov_update,
)
from tests.bad_inputs import Bad

W, DW, ZERO = np.ones((2, 3)), np.full((2, 3), 0.5), np.zeros((2, 3))

ROWS = [
    # Nesterov momentum, both forms and the object
    Bad(nesterov_update, (W, ZERO, DW, 0.0), message=r"lr must be a finite number > 0, got 0.0"),
    Bad(nesterov_update, (W, ZERO, DW, "0.1"), error=TypeError, message=r"lr must be a finite number > 0, got '0.1'"),
    Bad(nesterov_update, (W, ZERO, DW, 0.1), {"beta": 1.0}, message=r"beta must be in \[0, 1\), got 1.0"),
    Bad(nesterov_update, (W, np.zeros(3), DW, 0.1), message=r"v must have the shape of w, \(2, 3\), got \(3,\)"),
    Bad(nesterov_update, (W, ZERO, np.full((2, 3), np.nan), 0.1), message=r"dw must be finite, got 6 NaN or inf"),
    Bad(nesterov_sum_update, (W, ZERO, DW, -0.1), message=r"lr must be a finite number > 0, got -0.1"),
    Bad(nesterov_sum_update, (W, ZERO, DW, 0.1), {"beta": -0.5}, message=r"beta must be in \[0, 1\), got -0.5"),
    Bad(nesterov_sum_update, (W, ZERO, np.ones((3, 2)), 0.1), message=r"dw must have the shape of w, \(2, 3\), "
                                                                      r"got \(3, 2\)"),
    Bad(nesterov_sum_update, ("w", ZERO, DW, 0.1), error=TypeError, message=r"w must be a numeric array, got str"),
    Bad(Nesterov, (np.inf,), message=r"lr must be a finite number > 0, got inf"),
    Bad(Nesterov, (0.1,), {"beta": 0.9j}, error=TypeError, message=r"beta must be a number in \[0, 1\), got 0.9j"),
    Bad(Nesterov, (0.1,), {"average": "no"}, error=TypeError, message=r"average must be True or False, got 'no'"),
    Bad(Nesterov(0.1).step, ({"W1": W}, {"W2": DW}), message=r"grads must have the same keys as params, \['W1'\]"),
    # AdaGrad
    Bad(adagrad_update, (W, ZERO, DW, 0.0), message=r"lr must be a finite number > 0, got 0.0"),
    Bad(adagrad_update, (W, ZERO, DW, 0.1), {"eps": 0.0}, message=r"eps must be a finite number > 0, got 0.0"),
    Bad(adagrad_update, (W, ZERO, DW, 0.1), {"eps": None}, error=TypeError,
        message=r"eps must be a finite number > 0, got None"),
    Bad(adagrad_update, (W, np.zeros((2, 2)), DW, 0.1), message=r"s must have the shape of w, \(2, 3\), got \(2, 2\)"),
    Bad(adagrad_update, (W, np.full((2, 3), np.inf), DW, 0.1), message=r"s must be finite, got 6 NaN or inf"),
    Bad(AdaGrad, (-1.0,), message=r"lr must be a finite number > 0, got -1.0"),
    Bad(AdaGrad, (0.1,), {"eps": -1e-8}, message=r"eps must be a finite number > 0, got -1e-08"),
    Bad(AdaGrad(0.1).step, ({"W1": W}, {"W1": np.ones(3)}),
        message=r"grads\['W1'\] must have the shape of params\['W1'\], \(2, 3\), got \(3,\)"),
    # AdamW
    Bad(adamw_update, (W, ZERO, ZERO, DW, 1), {"lr": 0.0}, message=r"lr must be a finite number > 0, got 0.0"),
    Bad(adamw_update, (W, ZERO, ZERO, DW, 1), {"weight_decay": -0.01},
        message=r"weight_decay must be a finite number >= 0, got -0.01"),
    Bad(adamw_update, (W, ZERO, ZERO, DW, 1), {"weight_decay": "0.01"}, error=TypeError,
        message=r"weight_decay must be a finite number >= 0, got '0.01'"),
    Bad(adamw_update, (W, ZERO, ZERO, DW, 0), message=r"t must be an integer >= 1, got 0"),
    Bad(adamw_update, (W, ZERO, ZERO, DW, 1), {"beta2": 1.0}, message=r"beta2 must be in \[0, 1\), got 1.0"),
    Bad(adamw_update, (W, ZERO, ZERO, DW, 1), {"eps": np.nan}, message=r"eps must be a finite number > 0, got nan"),
    Bad(adamw_update, (W, ZERO, np.zeros(6), DW, 1), message=r"s must have the shape of w, \(2, 3\), got \(6,\)"),
    Bad(adamw_update, (np.full((2, 3), np.nan), ZERO, ZERO, DW, 1), message=r"w must be finite, got 6 NaN or inf"),
    Bad(AdamW, kwargs={"weight_decay": -1.0}, message=r"weight_decay must be a finite number >= 0, got -1.0"),
    Bad(AdamW, kwargs={"beta1": 1.5}, message=r"beta1 must be in \[0, 1\), got 1.5"),
    Bad(AdamW, (0.0,), message=r"lr must be a finite number > 0, got 0.0"),
    Bad(AdamW().step, ({"W1": W}, {"W1": np.full((2, 3), np.nan)}), message=r"grads\['W1'\] must be finite"),
    # L2 around an optimizer
    Bad(L2, ("Adam", 0.01), error=TypeError,
        message=r"optimizer must be a coursekit.optim.optimizer.Optimizer, got str"),
    Bad(L2, (Adam, 0.01), error=TypeError,
        message=r"optimizer must be a coursekit.optim.optimizer.Optimizer, got type"),
    Bad(L2, (GD(0.1), -0.5), message=r"weight_decay must be a finite number >= 0, got -0.5"),
    Bad(L2, (GD(0.1), np.inf), message=r"weight_decay must be a finite number >= 0, got inf"),
    Bad(L2, (GD(0.1), True), error=TypeError, message=r"weight_decay must be a finite number >= 0, got True"),
    Bad(L2(GD(0.1), 0.1).step, ({"W1": W}, {"W1": DW, "b1": DW}),
        message=r"grads must have the same keys as params, \['W1'\]; missing \[\], unexpected \['b1'\]"),
    Bad(L2(Adam(0.1), 0.1).step, ({"W1": W}, {"W1": np.ones(6)}),
        message=r"grads\['W1'\] must have the shape of params\['W1'\], \(2, 3\), got \(6,\)"),
    Bad(L2(Adam(0.1), 0.1).step, ({"W1": np.full((2, 3), np.inf)}, {"W1": DW}),
        message=r"params\['W1'\] must be finite"),
    Bad(L2(Adam(0.1), 0.1).step, ({"W1": W}, [DW]), error=TypeError,
        message=r"grads must be a dict of arrays, got list"),
]
