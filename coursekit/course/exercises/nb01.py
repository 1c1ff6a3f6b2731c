"""The exercise of notebook 01 (mini-batch gradient descent), checked by properties: any shuffle is a right answer.

A learner may draw a different permutation than coursekit does, so the result is not compared with the
reference. Instead it must be a list of ``ceil(m / size)`` pairs ``(X_t, Y_t)`` of the right shapes
whose columns, put back together, are the columns of ``X`` in a new order (each once), carried with their
own labels; the same seed must give the same mini-batches, and another seed others. The cases have
distinct entries in every row and column, so that a permutation can be recovered from the result. The
spots that compare the result with X and Y read them as the function received them (``received``), so
that a function which shuffled the caller's X and Y in place is told so, not told it did not shuffle.
"""

from __future__ import annotations

import numpy as np

from coursekit import minibatch
from coursekit.course.exercises.inputs import Draws
from coursekit.course.exercises.machinery import Case, Exercise, Mistake

__all__ = ["EXERCISES", "RANDOM_MINI_BATCHES"]


def _case(draw: Draws, n_x: int, m: int, n_y: int, mini_batch_size: int, seed: int) -> tuple:
    """Inputs with distinct columns (random X) and labels that name their example (Y[0, j] = j)."""
    labels = np.arange(m, dtype=float)
    Y = np.vstack([labels + 100.0 * row for row in range(n_y)])
    return draw.normal(n_x, m), Y, mini_batch_size, seed


def _cases() -> tuple[Case, ...]:
    draw = Draws(20240604)
    return (
        Case("10 examples in batches of 4: a last batch of 2", _case(draw, 3, 10, 1, 4, 0)),
        Case("64 examples in batches of 16: no partial batch", _case(draw, 2, 64, 1, 16, 1)),
        Case("9 examples in batches of 2, two rows of labels", _case(draw, 4, 9, 2, 2, 3)),
        Case("a batch larger than the set: batch gradient descent", _case(draw, 3, 12, 1, 64, 5)),
        Case("batches of 1: stochastic gradient descent", _case(draw, 2, 8, 1, 1, 2)),
    )


def _permutation(A: np.ndarray, B) -> np.ndarray | None:
    """The ``p`` with ``B == A[:, p]``, each column of ``A`` used once; None if there is none."""
    try:
        B = np.asarray(B, dtype=A.dtype)
    except (TypeError, ValueError):  # entries that are not numbers
        return None
    if B.shape != A.shape:
        return None
    index = {A[:, j].tobytes(): j for j in range(A.shape[1])}
    p = [index.get(np.ascontiguousarray(B[:, j]).tobytes()) for j in range(B.shape[1])]
    if None in p or len(set(p)) != len(p):
        return None
    return np.array(p)


def _stacked(batches) -> tuple[np.ndarray, np.ndarray]:
    """All the X_t side by side, and all the Y_t."""
    return np.hstack([x for x, _ in batches]), np.hstack([y for _, y in batches])


def _sizes(m: int, size: int) -> list[int]:
    return [min(size, m - k) for k in range(0, m, size)]


def _batches_difference(expected, got, args) -> str | None:
    """One line naming the first property the learner's mini-batches break, or None."""
    X, Y, size, _ = args
    m = X.shape[1]
    if not isinstance(got, (list, tuple)):
        return f"your function returned {type(got).__name__} where a list of (X_t, Y_t) pairs was expected"
    for t, pair in enumerate(got, start=1):
        if not (isinstance(pair, (tuple, list)) and len(pair) == 2 and all(np.ndim(a) == 2 for a in pair)):
            return f"mini-batch {t} is not a pair (X_t, Y_t) of 2-D arrays"
    sizes = _sizes(m, size)
    if len(got) != len(sizes):
        return f"there are {len(got)} mini-batches where ceil({m} / {size}) = {len(sizes)} were expected"
    for t, ((x, y), n) in enumerate(zip(got, sizes), start=1):
        if np.shape(x) != (X.shape[0], n) or np.shape(y) != (Y.shape[0], n):
            return (
                f"mini-batch {t} has X_t of shape {np.shape(x)} and Y_t of shape {np.shape(y)} "
                f"where {(X.shape[0], n)} and {(Y.shape[0], n)} were expected"
            )
    Xs, Ys = _stacked(got)
    p = _permutation(X, Xs)
    if p is None:
        return "the columns of the X_t are not the columns of X, each used once"
    if not np.array_equal(Ys, Y[:, p]):
        return "the labels no longer match their examples: column j of Y_t must be the label of column j of X_t"
    if np.array_equal(p, np.arange(m)):
        return "the examples are in their original order where a shuffled order was expected"
    return None


def _permutations(args, got) -> tuple[np.ndarray | None, np.ndarray | None]:
    """The permutations of the columns of X and of Y that the mini-batches hold (None where there is none)."""
    (X, Y, _, _), (Xs, Ys) = args, _stacked(got)
    return _permutation(X, Xs), _permutation(Y, Ys)


def _different_permutations(args, got) -> bool:
    p, q = _permutations(args, got)
    return p is not None and q is not None and not np.array_equal(p, q)


def _one_shuffled(args, got) -> bool:
    p, q = _permutations(args, got)
    unchanged = np.arange(args[0].shape[1])
    return p is not None and q is not None and np.array_equal(p, unchanged) != np.array_equal(q, unchanged)


def _lists_side_by_side(args, got) -> bool:
    """A list of the X_t and a list of the Y_t, where a list of pairs (X_t, Y_t) was asked for."""
    X, Y, size, _ = args
    n = len(_sizes(X.shape[1], size))
    rows = (X.shape[0], Y.shape[0])
    return n != 2 and len(got) == 2 and all(
        len(part) == n and all(np.shape(a)[0] == count for a in part) for part, count in zip(got, rows)
    )


def _transposed(args, got) -> bool:
    X, _, size, _ = args
    return [np.shape(x) for x, _ in got] == [(n, X.shape[0]) for n in _sizes(X.shape[1], size)]


def _rows_counted(args, got) -> bool:
    X = args[0]
    return X.shape[0] != X.shape[1] and sum(np.shape(x)[1] for x, _ in got) == X.shape[0]


def _with_replacement(args, got) -> bool:
    X, Xs = args[0], _stacked(got)[0]
    index = {X[:, j].tobytes() for j in range(X.shape[1])}
    columns = [np.ascontiguousarray(Xs[:, j]).tobytes() for j in range(Xs.shape[1])]
    return len(columns) == X.shape[1] and set(columns) <= index and len(set(columns)) < len(columns)


def _last_dropped(args, got) -> bool:
    X, _, size, _ = args
    m = X.shape[1]
    return m % size != 0 and len(got) == m // size and all(np.shape(x)[1] == size for x, _ in got)


def _rows_shuffled(args, got) -> bool:
    X, Xs = args[0], _stacked(got)[0]
    return not np.array_equal(Xs, X) and _permutation(X.T, Xs.T) is not None


def _rows_shuffled_by_column_permutation(X, Y, mini_batch_size, seed):
    """A permutation of the m examples used on the rows: X[p] instead of X[:, p] (an IndexError)."""
    p = np.random.default_rng(seed).permutation(X.shape[1])
    X, Y = X[p], Y[p]
    m = X.shape[1]
    return [(X[:, k : k + mini_batch_size], Y[:, k : k + mini_batch_size]) for k in range(0, m, mini_batch_size)]


RANDOM_MINI_BATCHES = Exercise(
    name="random_mini_batches",
    notebook="01",
    args=("X", "Y", "mini_batch_size", "seed"),
    returns=("mini_batches",),
    description=(
        "Shuffle the m examples (columns) of X (n_x, m) and Y (n_y, m) with ONE permutation drawn from "
        "np.random.default_rng(seed), then cut them into consecutive blocks of mini_batch_size columns; keep "
        "the smaller last block. Return a list of (X_t, Y_t) pairs."
    ),
    hints=(
        "Two jobs, in order: shuffle the columns (the examples), then cut the shuffled set into consecutive "
        "blocks.",
        "Draw a single permutation of the m column indices from a generator made with the seed, and reorder the "
        "columns of X and of Y with that same permutation.",
        "Step a start index from 0 up to m in strides of the mini-batch size; a block that would run past m "
        "simply stops at m, which keeps the short last block.",
    ),
    reference=minibatch.random_mini_batches,
    cases=_cases(),
    mistakes=(
        Mistake(
            "a list of the X_t beside a list of the Y_t",
            "return one list with a pair (X_t, Y_t) for each mini-batch, each X_t beside its own Y_t, not two "
            "lists side by side.",
            spot=_lists_side_by_side,
        ),
        Mistake(
            "mini-batches transposed",
            "keep the lecture's layout, examples as columns: X_t has shape (n_x, size) and Y_t (n_y, size).",
            spot=_transposed,
        ),
        Mistake(
            "a permutation of n_x instead of m",
            "the permutation reorders the m examples, the columns; one of the n_x row indices keeps only n_x "
            "of the examples.",
            spot=_rows_counted,
        ),
        Mistake(
            "only one of X and Y shuffled",
            "reorder the columns of X and of Y with the same permutation; shuffling only one of them separates "
            "each example from its label.",
            spot=_one_shuffled,
            received=True,
        ),
        Mistake(
            "X and Y shuffled with different permutations",
            "draw ONE permutation and apply it to both X and Y; two draws separate each example from its label.",
            spot=_different_permutations,
            received=True,
        ),
        Mistake(
            "examples drawn with replacement",
            "a shuffle uses every example exactly once; drawing m indices at random with replacement repeats some "
            "examples and leaves others out.",
            spot=_with_replacement,
            received=True,
        ),
        Mistake(
            "last partial mini-batch dropped",
            "when m is not a multiple of the size, the leftover m mod size examples form a smaller last "
            "mini-batch; dropping them never trains on those examples in this epoch.",
            spot=_last_dropped,
        ),
        Mistake(
            "empty last mini-batch",
            "when m is a multiple of the size there is no leftover: add a last block only if m mod size > 0.",
            spot=lambda args, got: np.shape(got[-1][0])[1] == 0,
        ),
        Mistake(
            "wrong block size",
            "every mini-batch but the last holds exactly mini_batch_size columns, and the last holds the "
            "m mod mini_batch_size leftovers (or a full block).",
            spot=lambda args, got: [np.shape(x)[1] for x, _ in got] != _sizes(args[0].shape[1], args[2]),
        ),
        Mistake(
            "rows shuffled instead of columns",
            "examples are the columns: reorder the columns of X and Y, not their rows (the features).",
            wrong=_rows_shuffled_by_column_permutation,
            spot=_rows_shuffled,
            received=True,
        ),
        Mistake(
            "not shuffled",
            "shuffle before partitioning, so that each epoch sees different mini-batches.",
            spot=lambda args, got: np.array_equal(_stacked(got)[0], args[0]),
            received=True,
        ),
    ),
    properties=_batches_difference,
    tolerance="exact values; any shuffle of the columns is accepted",
    seeded=True,
)

#: The exercises of notebook 01, in the order the notebook asks them.
EXERCISES = (RANDOM_MINI_BATCHES,)
