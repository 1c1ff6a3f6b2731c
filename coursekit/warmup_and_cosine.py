"""The schedules practitioners use after the lecture: linear warmup, cosine decay, the two joined, and one-cycle.

Each is a function of ``t`` returning ``α``, as the lecture's schedules of :mod:`coursekit.schedules` are, but
``t`` counts as PyTorch's schedulers count it: the steps already taken, from 0, so the first step runs with
``α(0)``. Each docstring names the ``torch.optim.lr_scheduler`` it equals; the rows of
:mod:`coursekit.translations` prove it at every step when PyTorch is installed (``tests/test_translations.py``).
Epoch ``e`` of :func:`coursekit.train.train` runs with ``schedule(e)``; to start a run at ``α(0)`` hand it
``lambda e: schedule(e - 1)``.
"""

from __future__ import annotations

import math

from coursekit import _validate
from coursekit.schedules import Schedule

__all__ = ["cosine_decay", "linear_warmup", "one_cycle", "warmup_cosine"]


def _half_cosine(start: float, end: float, p: float) -> float:
    """From ``start`` at ``p = 0`` to ``end`` at ``p = 1`` along half a cosine: ``end + ½(start − end)(1 + cos πp)``."""
    return end + (start - end) / 2 * (1 + math.cos(math.pi * p))


def cosine_decay(lr0: float, T: int, lr_min: float = 0.0) -> Schedule:
    """Cosine decay: ``α_t = α_min + ½(α₀ − α_min)(1 + cos(π t / T))`` for ``t ≤ T``, and ``α_min`` after.

    ``t`` counts from 0 as in ``torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=T, eta_min=α_min)``: α₀ at
    t = 0, α_min at t = T (beyond T torch's cosine rises again; this one stays at α_min).

    Args:
        lr0: ``α₀`` > 0.  T: the steps (or epochs) of the decay, ≥ 1.  lr_min: ``α_min``, in [0, α₀].

    Reference: Loshchilov & Hutter, "SGDR: stochastic gradient descent with warm restarts", ICLR 2017 (one
    cycle, no restart).

    >>> [round(cosine_decay(0.1, T=4)(t), 4) for t in (0, 1, 2, 4, 9)]
    [0.1, 0.0854, 0.05, 0.0, 0.0]
    """
    lr0 = _validate.positive(lr0, "lr0")
    T = _validate.positive_int(T, "T")
    lr_min = _validate.non_negative(lr_min, "lr_min")
    if lr_min > lr0:
        raise ValueError(f"lr_min must be a finite number in [0, lr0], here [0, {lr0!r}], got {lr_min!r}")

    def schedule(t: int) -> float:
        t = _validate.non_negative_int(t, "t")
        return _half_cosine(lr0, lr_min, min(t, T) / T)

    return schedule


def linear_warmup(lr0: float, W: int, start_factor: float = 1 / 3) -> Schedule:
    """Linear warmup: ``α_t = α₀ (s + (1 − s) min(t, W) / W)``, from ``s·α₀`` at t = 0 up to α₀ at t = W, then α₀.

    ``t`` counts from 0 as in ``torch.optim.lr_scheduler.LinearLR(opt, start_factor=s, total_iters=W)``, whose
    default ``s`` = 1/3 this shares.

    Args:
        lr0: ``α₀`` > 0.  W: the steps (or epochs) of the warmup, ≥ 1.  start_factor: ``s``, in (0, 1].

    Reference: Goyal et al., "Accurate, large minibatch SGD: training ImageNet in 1 hour", 2017 (gradual warmup).

    >>> [round(linear_warmup(0.1, W=4, start_factor=0.2)(t), 3) for t in (0, 1, 2, 4, 9)]
    [0.02, 0.04, 0.06, 0.1, 0.1]
    """
    lr0 = _validate.positive(lr0, "lr0")
    W = _validate.positive_int(W, "W")
    start_factor = _validate.factor(start_factor, "start_factor")

    def schedule(t: int) -> float:
        t = _validate.non_negative_int(t, "t")
        return lr0 * (start_factor + (1 - start_factor) * min(t, W) / W)

    return schedule


def warmup_cosine(lr0: float, W: int, T: int, start_factor: float = 1 / 3, lr_min: float = 0.0) -> Schedule:
    """Linear warmup for ``W`` steps, then cosine decay to ``α_min`` at step ``T``, the whole run (warmup included).

    ``α_t = α₀ (s + (1 − s) t / W)`` for ``t < W``; ``α_t = α_min + ½(α₀ − α_min)(1 + cos(π (t − W) / (T − W)))``
    for ``W ≤ t ≤ T``; ``α_min`` after. The two meet at t = W, where the straight line reaches α₀ and the cosine
    starts from it. In torch: ``SequentialLR(opt, [LinearLR(opt, start_factor=s, total_iters=W),
    CosineAnnealingLR(opt, T_max=T − W, eta_min=α_min)], milestones=[W])``.

    Args:
        lr0: ``α₀`` > 0, the peak.  W: the warmup's steps, ≥ 1.  T: all the steps, > W.
        start_factor: ``s``, in (0, 1].  lr_min: ``α_min``, in [0, α₀].

    Reference: Goyal et al. 2017 (gradual warmup); Loshchilov & Hutter, ICLR 2017 (cosine decay).

    >>> [round(warmup_cosine(0.1, W=2, T=6, start_factor=0.5)(t), 4) for t in (0, 1, 2, 3, 4, 6, 9)]
    [0.05, 0.075, 0.1, 0.0854, 0.05, 0.0, 0.0]
    """
    warmup = linear_warmup(lr0, W, start_factor)  # checks lr0, W and start_factor
    T = _validate.positive_int(T, "T")
    if T <= W:
        raise ValueError(f"T must be an integer > W (the whole run, warmup included), here > {W}, got {T}")
    decay = cosine_decay(lr0, T - W, lr_min)

    def schedule(t: int) -> float:
        t = _validate.non_negative_int(t, "t")
        return warmup(t) if t < W else decay(t - W)

    return schedule


def one_cycle(lr_max: float, total_steps: int, pct_start: float = 0.3, div_factor: float = 25.0,
              final_div_factor: float = 1e4) -> Schedule:
    """One cycle: α climbs half a cosine from ``α_max / d`` to ``α_max``, then falls another to ``α_max / (d d_f)``.

    With ``N`` = total_steps, the climb ends at ``u = pct_start · N − 1`` and the fall at ``N − 1``; ``t`` counts
    from 0 and ``c(a, b, p) = b + ½(a − b)(1 + cos πp)``: ``α_t = c(α_max / d, α_max, t / u)`` for ``t ≤ u``,
    ``α_t = c(α_max, α_max / (d d_f), (t − u) / (N − 1 − u))`` up to ``N − 1``, and ``α_max / (d d_f)`` after.
    This is ``torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=α_max, total_steps=N)`` with its defaults (cosine
    annealing, two phases) for the learning rate only: its momentum cycling (β from 0.95 down to 0.85 and back,
    against α) is out of scope here.

    Args:
        lr_max: ``α_max`` > 0, the peak.  total_steps: ``N``, > 1 / pct_start.  pct_start: the climb's share of
            the steps, in (0, 1).  div_factor: ``d`` ≥ 1.  final_div_factor: ``d_f`` ≥ 1.

    Reference: Smith & Topin, "Super-convergence: very fast training of neural networks using large learning
    rates", 2019.

    >>> s = one_cycle(1.0, total_steps=10, pct_start=0.3, div_factor=10.0, final_div_factor=10.0)
    >>> [round(s(t), 4) for t in (0, 1, 2, 3, 6, 9, 12)]
    [0.1, 0.55, 1.0, 0.951, 0.3949, 0.01, 0.01]
    """
    lr_max = _validate.positive(lr_max, "lr_max")
    N = _validate.positive_int(total_steps, "total_steps")
    pct_start = _validate.fraction(pct_start, "pct_start")
    div_factor = _validate.at_least(div_factor, "div_factor", 1)
    final_div_factor = _validate.at_least(final_div_factor, "final_div_factor", 1)
    u = float(pct_start * N) - 1
    if u <= 0:
        raise ValueError(f"total_steps must be an integer > 1 / pct_start, here > {1 / pct_start:g}, got {N}")
    lr_start = lr_max / div_factor
    lr_end = lr_start / final_div_factor

    def schedule(t: int) -> float:
        t = min(_validate.non_negative_int(t, "t"), N - 1)
        if t <= u:
            return _half_cosine(lr_start, lr_max, t / u)
        return _half_cosine(lr_max, lr_end, (t - u) / (N - 1 - u))

    return schedule
