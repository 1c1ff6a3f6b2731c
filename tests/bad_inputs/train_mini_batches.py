"""Bad inputs of a training run fed by another mini-batch function (notebook 01's "your code at work"), and of
the check of what that function returns, :func:`coursekit.minibatch.checked_mini_batches`."""

import numpy as np

from coursekit import minibatch, train
from coursekit.optim import GD
from tests.bad_inputs import Bad

X, Y = np.zeros((2, 5)), np.array([[0.0, 1.0, 1.0, 0.0, 1.0]])
PAIRS = [(X[:, :2], Y[:, :2]), (X[:, 2:4], Y[:, 2:4]), (X[:, 4:], Y[:, 4:])]

ROWS = [
    Bad(train.train, (X, Y, [2, 1], GD(0.1), 1), {"mini_batches": "random"}, error=TypeError,
        message=r"mini_batches must be a function \(X, Y, mini_batch_size, seed\) .*, got 'random'"),
    Bad(train.train, (X, Y, [2, 1], GD(0.1), 1), {"mini_batch_size": 2, "mini_batches": lambda *_: PAIRS[:2]},
        message=r"mini_batches must return ceil\(m / mini_batch_size\) = ceil\(5 / 2\) = 3 pairs \(X_t, Y_t\), got 2"),
    Bad(train.train, (X, Y, [2, 1], GD(0.1), 1), {"mini_batch_size": 2, "mini_batches": lambda *_: {"X": X}},
        error=TypeError, message=r"mini_batches must return a list of pairs \(X_t, Y_t\), got dict"),
    Bad(minibatch.checked_mini_batches, (PAIRS[:1] * 3, X, Y, 2),
        message=r"mini_batches's mini-batches must hold the m = 5 examples, got 6 columns in all"),
    Bad(minibatch.checked_mini_batches, ([(X[:, :2], Y[:, :2], Y)] * 3, X, Y, 2),
        message=r"mini_batches's mini-batch 1 must be a pair \(X_t, Y_t\), got 3 items"),
    Bad(minibatch.checked_mini_batches, ([(X[0], Y[0])] * 3, X, Y, 2),
        message=r"mini_batches's X_t of mini-batch 1 must be a 2-D array, got 1-D array of shape \(5,\)"),
    Bad(minibatch.checked_mini_batches, ([(Y, X)] * 3, X, Y, 2, "random_mini_batches"),
        message=r"random_mini_batches's mini-batch 1 must be X_t of shape \(2, k\) and Y_t of shape \(1, k\) with "
                r"k >= 1, got \(1, 5\) and \(2, 5\)"),
    Bad(minibatch.checked_mini_batches, (PAIRS, X, Y, 0), message=r"mini_batch_size must be an integer >= 1, got 0"),
    Bad(minibatch.checked_mini_batches, (PAIRS, "X", Y, 2), error=TypeError, message=r"X must be a numeric array, got str"),
    Bad(minibatch.checked_mini_batches, (PAIRS, X, Y.T, 2),
        message=r"X and Y must have the same number of examples m \(columns\), got X \(2, 5\) and Y \(5, 1\)"),
    Bad(minibatch.checked_mini_batches, (7, X, Y, 2), error=TypeError,
        message=r"mini_batches must return a list of pairs \(X_t, Y_t\), got int"),
]
