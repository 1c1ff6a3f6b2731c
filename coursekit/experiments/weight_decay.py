"""Weight decay in Adam: L2 regularization inside it against decoupled decay, AdamW (notebook 12).

With few training examples a network fits them all and regularization can matter. Two ways to pull the
weights towards 0 look alike: L2 regularization adds ``λW`` to the gradient (``L2(Adam(α), λ)``, PyTorch's
``Adam(weight_decay=λ)``); decoupled weight decay shrinks ``W`` by ``1 − αλ`` and lets Adam step on the
cost's gradient alone (``AdamW``). :func:`race_grid` lists the runs of a race, each at every ``(α, λ)`` of one
grid (trained from several seeds side by side by :func:`coursekit.experiments.over_seeds.train_over_seeds`);
:func:`decay_race` picks each method's ``(α, λ)`` by its mean accuracy on a validation set and reports the
test accuracy there. :func:`decay_inside_adam` is why the two differ:
inside Adam the term ``λW`` is divided by ``√ŝ``, and :func:`decay_paths` shows it on three weights.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from coursekit import _validate, nn
from coursekit.data import load_digits
from coursekit.optim import L2, Adam, AdamW, Optimizer

__all__ = ["METHODS", "DecayRace", "SmallDigits", "decay_inside_adam", "decay_paths", "decay_race", "decayed",
           "race_grid", "small_digits"]

#: The three ways to train compared: no decay, L2 inside Adam, decoupled decay.
METHODS = ("Adam", "Adam + L2", "AdamW")


class SmallDigits(NamedTuple):
    """A small training set of digits, a validation set to choose ``(α, λ)`` on, and the test set.

    >>> SmallDigits._fields[:3]
    ('X', 'Y', 'X_validation')
    """

    X: np.ndarray
    Y: np.ndarray
    X_validation: np.ndarray
    Y_validation: np.ndarray
    X_test: np.ndarray
    Y_test: np.ndarray


def small_digits(m_train: int = 200, m_validation: int = 400) -> SmallDigits:
    """The first ``m_train`` examples of the digits' training part to train on, the next ``m_validation`` to
    choose hyperparameters on, and the whole test part (:func:`coursekit.data.load_digits`).

    Reference: notebook 12.

    >>> split = small_digits(100, 50)
    >>> split.X.shape, split.Y_validation.shape, split.X_test.shape
    ((64, 100), (10, 50), (64, 359))
    """
    m_train = _validate.positive_int(m_train, "m_train")
    m_validation = _validate.positive_int(m_validation, "m_validation")
    X, Y, X_test, Y_test = load_digits()
    if m_train + m_validation > X.shape[1]:
        raise ValueError(f"m_train + m_validation must be at most the {X.shape[1]} training digits, "
                         f"got {m_train} + {m_validation}")
    end = m_train + m_validation
    return SmallDigits(X[:, :m_train], Y[:, :m_train], X[:, m_train:end], Y[:, m_train:end], X_test, Y_test)


def decayed(method: str, lr: float, weight_decay: float) -> Optimizer:
    """A fresh optimizer of one of :data:`METHODS`: ``Adam(α)`` (``λ`` must be 0), ``L2(Adam(α), λ)`` or
    ``AdamW(α, weight_decay=λ)``, each with Adam's default β₁, β₂ and ε.

    >>> decayed("Adam + L2", 0.01, 0.1), decayed("AdamW", 0.01, 0.1).weight_decay
    (L2(Adam(lr=0.01, beta1=0.9, beta2=0.999, eps=1e-08), weight_decay=0.1), 0.1)
    """
    _validate.one_of(method, "method", METHODS)
    weight_decay = _validate.non_negative(weight_decay, "weight_decay")
    if method == "Adam":
        if weight_decay:
            raise ValueError(f"weight_decay must be 0 for plain Adam, got {weight_decay!r}")
        return Adam(lr)
    return L2(Adam(lr), weight_decay) if method == "Adam + L2" else AdamW(lr, weight_decay=weight_decay)


class DecayRace(NamedTuple):
    """The runs of :func:`decay_race`: ``validation[method][i, k, j]`` is the validation accuracy of ``method``
    at ``α = lrs[i]``, ``λ = decays[method][k]``, from ``seeds[j]``; ``test`` likewise.

    >>> accuracy = {"Adam": np.array([[[0.5, 0.7]], [[0.8, 0.6]]])}   # α = 0.01, then α = 0.1; seeds 0 and 1
    >>> race = DecayRace(np.array([0.01, 0.1]), {"Adam": np.zeros(1)}, (0, 1), accuracy, accuracy)
    >>> race.best("Adam")   # the mean over the seeds: 0.6 at α = 0.01, 0.7 at α = 0.1
    (0.1, 0.0)
    """

    lrs: np.ndarray
    decays: dict
    seeds: tuple
    validation: dict
    test: dict

    def best(self, method: str) -> tuple[float, float]:
        """``(α, λ)`` of the highest validation accuracy averaged over the seeds (the first such, in the order
        of the grid): one pick for every seed, as a tuner would make it, never from the test set."""
        means = self._of(self.validation, method).mean(axis=2)
        i, k = np.unravel_index(int(np.argmax(means)), means.shape)
        return float(self.lrs[i]), float(self.decays[method][k])

    def at_best(self, method: str, record: str = "test") -> np.ndarray:
        """The accuracies of ``method`` at its :meth:`best` ``(α, λ)``, one per seed (``record``: "test" or
        "validation")."""
        _validate.one_of(record, "record", ("test", "validation"))
        lr, weight_decay = self.best(method)
        i = int(np.flatnonzero(self.lrs == lr)[0])
        k = int(np.flatnonzero(self.decays[method] == weight_decay)[0])
        return self._of(getattr(self, record), method)[i, k].copy()

    def _of(self, table: dict, method: str) -> np.ndarray:
        _validate.one_of(method, "method", METHODS)
        return table[method]


def race_grid(lrs, weight_decays) -> list[tuple[str, float, float]]:
    """Every run of the race as ``(method, α, λ)``: plain Adam at each ``α`` (``λ = 0``), then L2 inside Adam and
    AdamW each at every ``(α, λ)`` of one grid, ``α`` outer; :func:`decayed` makes each one's optimizer.

    >>> race_grid([0.01], [0.1, 1.0])[:3]
    [('Adam', 0.01, 0.0), ('Adam + L2', 0.01, 0.1), ('Adam + L2', 0.01, 1.0)]
    """
    lrs, weight_decays = _grid(lrs, "lrs"), _grid(weight_decays, "weight_decays")
    return [("Adam", float(lr), 0.0) for lr in lrs] + [
        (method, float(lr), float(lam)) for method in METHODS[1:] for lr in lrs for lam in weight_decays]


def decay_race(split: SmallDigits, lrs, weight_decays, seeds: Sequence[int], histories) -> DecayRace:
    """The race's accuracies on the validation and test sets, from its trained runs.

    Args:
        split: the :class:`SmallDigits` the runs trained on.  lrs, weight_decays: the grid of :func:`race_grid`.
        seeds: the seeds of the runs.  histories: ``histories[i][j]``, a :class:`coursekit.train.History` of run
            ``race_grid(lrs, weight_decays)[i]`` from ``seeds[j]``, all on the same data and budget (as
            :func:`coursekit.experiments.over_seeds.train_over_seeds` trains them side by side).

    Returns:
        A :class:`DecayRace`; a run that diverged (NaN weights) scores 0.

    Reference: notebook 12; Loshchilov & Hutter (2019), "Decoupled Weight Decay Regularization", ICLR.

    >>> from coursekit.train import train
    >>> split = small_digits(60, 40)
    >>> runs = [[train(split.X, split.Y, [64, 10], decayed(*run), 3, seed=0)] for run in race_grid([0.01], [0.1])]
    >>> race = decay_race(split, [0.01], [0.1], [0], runs)
    >>> race.validation["AdamW"].shape, race.decays["Adam"].tolist(), race.best("Adam")
    ((1, 1, 1), [0.0], (0.01, 0.0))
    """
    _validate.instance(split, "split", SmallDigits)
    grid = race_grid(lrs, weight_decays)
    lrs, weight_decays = _grid(lrs, "lrs"), _grid(weight_decays, "weight_decays")
    seeds = tuple(_validate.sequence(seeds, "seeds", "the seeds of the runs", non_empty=True))
    rows = _validate.sequence(histories, "histories", "one row of histories per run of the grid")
    if len(rows) != len(grid) or any(len(_validate.sequence(row, "histories[i]", "histories")) != len(seeds)
                                     for row in rows):
        raise ValueError(f"histories must hold {len(grid)} rows (the runs of the grid) of {len(seeds)} histories "
                         f"(one per seed), got {len(rows)} rows")
    decays = {"Adam": np.zeros(1), "Adam + L2": weight_decays, "AdamW": weight_decays}
    validation, test = {}, {}
    for method, lams in decays.items():
        first = next(i for i, run in enumerate(grid) if run[0] == method)
        runs = rows[first:first + lrs.size * lams.size]
        validation[method] = _accuracies(runs, split.X_validation, split.Y_validation).reshape(lrs.size, lams.size, -1)
        test[method] = _accuracies(runs, split.X_test, split.Y_test).reshape(lrs.size, lams.size, -1)
    return DecayRace(lrs, decays, seeds, validation, test)


def _accuracies(rows, X, Y) -> np.ndarray:
    """The accuracy on ``(X, Y)`` of each history's final network, 0 where it diverged: shape (runs, seeds)."""
    def accuracy(h) -> float:
        finite = all(np.isfinite(value).all() for value in h.params.values())
        return nn.accuracy(X, Y, h.params) if finite else 0.0

    return np.array([[accuracy(h) for h in row] for row in rows])


def _grid(values, name: str) -> np.ndarray:
    grid = _validate.array(values, name, ndim=1)
    if not grid.size or (grid <= 0).any() or len(set(grid.tolist())) < grid.size:
        raise ValueError(f"{name} must be distinct numbers > 0, at least one, got {grid.tolist()}")
    return grid


def decay_inside_adam(s, t: int, lr: float, weight_decay: float, beta2: float = 0.999, eps: float = 1e-8):
    """The share of each weight that L2 regularization inside Adam takes away per step: ``αλ / (√ŝ + ε)``.

    Adam fed ``dW + λW`` steps ``α (v̂_dW + λW) / (√ŝ + ε)`` (the averages of ``λW`` are ``λW`` itself while
    ``W`` moves slowly), so the decay part shrinks ``W`` by ``αλ / (√ŝ + ε)`` of itself, where ``ŝ = s / (1 − β₂ᵗ)``
    is the corrected average of the squared (regularized) gradients; AdamW's is ``αλ`` for every weight.

    Args:
        s: Adam's second moment ``s`` after step ``t`` (an optimizer's ``state["s"]`` array).  t: steps taken, >= 1.
        lr: ``α`` > 0.  weight_decay: ``λ`` >= 0.  beta2: ``β₂`` in [0, 1).  eps: ``ε`` > 0.

    Returns:
        An array shaped like ``s``.

    Reference: notebook 12; Loshchilov & Hutter (2019), section 2 and Proposition 3.

    >>> decay_inside_adam(np.array([0.0, 0.01, 100.0]), t=1, lr=0.1, weight_decay=0.1, beta2=0.0).round(6).tolist()
    [1000000.0, 0.1, 0.001]
    """
    s = _validate.array(s, "s")
    t = _validate.positive_int(t, "t")
    lr, weight_decay = _validate.positive(lr, "lr"), _validate.non_negative(weight_decay, "weight_decay")
    beta2, eps = _validate.beta(beta2, "beta2"), _validate.positive(eps, "eps")
    if (s < 0).any():
        raise ValueError(f"s must be an average of squares, >= 0, got a smallest value of {float(s.min())!r}")
    s_hat = s / (1 - beta2**t)
    return lr * weight_decay / (np.sqrt(s_hat) + eps)


def decay_paths(sizes, lr: float, weight_decay: float, steps: int, adamw=None) -> dict:
    """Weights that start at 1 with gradients ``±g`` flipping sign every step (a weight at its minimum, in
    noise), one weight per size ``g``: their paths under L2 inside Adam and under AdamW.

    Step ``t = 1..steps``: ``dW = g · (−1)ᵗ``; L2 inside Adam is Adam fed ``dW + λW`` (``L2(Adam(α), λ)``);
    AdamW is ``AdamW(α, weight_decay=λ)`` with β₁ = 0.9, β₂ = 0.999, ε = 1e-8, or the learner's rule
    ``adamw(w, v, s, dW, t, α, β₁, β₂, ε, λ)`` when given.

    Args:
        sizes: the gradient sizes ``g`` > 0, one weight each.  lr: ``α`` > 0.  weight_decay: ``λ`` >= 0.
        steps: the steps taken, >= 1.  adamw: None (coursekit's AdamW), or a rule with the signature of
            :func:`coursekit.optim.adamw_update`.

    Returns:
        ``{"Adam + L2": W, "AdamW": W}``, each of shape ``(steps + 1, len(sizes))``, row ``t`` after step ``t``.

    Reference: notebook 12; Loshchilov & Hutter (2019), section 2.

    >>> paths = decay_paths([0.01, 100.0], lr=0.01, weight_decay=0.1, steps=200)
    >>> paths["AdamW"][-1].round(2).tolist(), paths["Adam + L2"][-1].round(2).tolist()  # AdamW: about 0.999²⁰⁰
    ([0.83, 0.83], [0.02, 1.02])
    """
    sizes = _validate.array(sizes, "sizes", ndim=1)
    if not sizes.size or (sizes <= 0).any():
        raise ValueError(f"sizes must be gradient sizes > 0, at least one, got {sizes.tolist()}")
    lr, weight_decay = _validate.positive(lr, "lr"), _validate.non_negative(weight_decay, "weight_decay")
    steps = _validate.positive_int(steps, "steps")
    _validate.budget(steps, "steps", operations=2 * steps * _validate.STEP_OPERATIONS)
    if adamw is not None and not callable(adamw):
        raise TypeError(f"adamw must be a rule with the signature of adamw_update, got {adamw!r:.60}")
    optimizers = {"Adam + L2": L2(Adam(lr=lr), weight_decay)}
    if adamw is None:
        optimizers["AdamW"] = AdamW(lr=lr, weight_decay=weight_decay)
    paths = {method: np.ones((steps + 1, sizes.size)) for method in METHODS[1:]}
    params = {method: {"W": np.ones(sizes.size)} for method in METHODS[1:]}
    w, v, s = np.ones(sizes.size), np.zeros(sizes.size), np.zeros(sizes.size)  # the learner's rule's state
    for t in range(1, steps + 1):
        dw = sizes * (-1.0) ** t
        for method, optimizer in optimizers.items():  # the course's objects step their arrays in place
            optimizer.step(params[method], {"W": dw})
            paths[method][t] = params[method]["W"]
        if adamw is not None:
            w, v, s = adamw(w, v, s, dw, t, lr, 0.9, 0.999, 1e-8, weight_decay)
            paths["AdamW"][t] = w
    return paths
