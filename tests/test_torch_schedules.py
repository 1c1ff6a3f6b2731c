"""Agreement of the schedules after the lecture with PyTorch's schedulers (an optional oracle: skipped without torch).

Each test steps torch's scheduler on a dummy optimizer (one float64 parameter, plain SGD) through the whole
schedule, reading the learning rate the optimizer uses before each step, and compares it with ours at the same
t = 0, 1, 2, ... to 1e-12 relative. Correspondences: ``cosine_decay(α₀, T, α_min)`` is
``CosineAnnealingLR(T_max=T, eta_min=α_min)`` (torch's recursive update, not its closed form), ``linear_warmup(α₀,
W, s)`` is ``LinearLR(start_factor=s, total_iters=W)``, ``warmup_cosine(α₀, W, T, s, α_min)`` is ``SequentialLR``
of the two with ``T_max = T − W`` and ``milestones=[W]``, and ``one_cycle`` is ``OneCycleLR`` with its defaults
(its momentum cycling, which does not touch the learning rate, is not ours).
"""

import math

import pytest

from coursekit.warmup_and_cosine import cosine_decay, linear_warmup, one_cycle, warmup_cosine

torch = pytest.importorskip("torch")
lr_scheduler = torch.optim.lr_scheduler

RTOL = 1e-12


def _torch_lrs(lr0, make, steps):
    """The learning rate torch's optimizer uses at each of ``steps`` steps under the scheduler ``make(opt)``."""
    weight = torch.nn.Parameter(torch.zeros(1, dtype=torch.float64))
    opt = torch.optim.SGD([weight], lr=lr0)
    scheduler = make(opt)
    lrs = []
    for _ in range(steps):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        scheduler.step()
    return lrs


def _agree(ours, theirs):
    assert len(ours) == len(theirs)
    for t, (a, b) in enumerate(zip(ours, theirs)):
        assert math.isclose(a, b, rel_tol=RTOL, abs_tol=0 if b else 1e-300), f"t = {t}: ours {a!r}, torch's {b!r}"


@pytest.mark.parametrize("lr0, T, lr_min", [(0.1, 1, 0.0), (0.1, 10, 0.0), (1.0, 97, 1e-3), (3e-4, 500, 3e-6),
                                           (0.5, 1000, 0.0), (2.0, 64, 2.0)])
def test_cosine_decay_matches_cosine_annealing_lr(lr0, T, lr_min):
    theirs = _torch_lrs(lr0, lambda opt: lr_scheduler.CosineAnnealingLR(opt, T_max=T, eta_min=lr_min), T + 1)
    schedule = cosine_decay(lr0, T, lr_min)
    _agree([schedule(t) for t in range(T + 1)], theirs)


@pytest.mark.parametrize("lr0, W, start_factor", [(0.1, 1, 0.5), (0.1, 5, 1 / 3), (1.0, 40, 0.05), (3e-4, 1000, 1e-3),
                                                  (0.7, 13, 1.0)])
def test_linear_warmup_matches_linear_lr(lr0, W, start_factor):
    steps = W + 20
    theirs = _torch_lrs(lr0, lambda opt: lr_scheduler.LinearLR(opt, start_factor=start_factor, total_iters=W), steps)
    schedule = linear_warmup(lr0, W, start_factor)
    _agree([schedule(t) for t in range(steps)], theirs)


@pytest.mark.parametrize("lr0, W, T, start_factor, lr_min", [(0.1, 1, 2, 0.5, 0.0), (0.1, 5, 50, 1 / 3, 0.0),
                                                            (1e-3, 100, 1000, 0.01, 1e-5), (0.3, 20, 21, 0.2, 0.03),
                                                            (2.0, 7, 300, 1.0, 0.0)])
def test_warmup_cosine_matches_sequential_lr_of_linear_and_cosine(lr0, W, T, start_factor, lr_min):
    def make(opt):
        warmup = lr_scheduler.LinearLR(opt, start_factor=start_factor, total_iters=W)
        decay = lr_scheduler.CosineAnnealingLR(opt, T_max=T - W, eta_min=lr_min)
        return lr_scheduler.SequentialLR(opt, [warmup, decay], milestones=[W])

    theirs = _torch_lrs(lr0, make, T + 1)
    schedule = warmup_cosine(lr0, W, T, start_factor, lr_min)
    _agree([schedule(t) for t in range(T + 1)], theirs)


@pytest.mark.parametrize("lr_max, N, settings", [
    (0.1, 100, {}),  # torch's defaults: pct_start 0.3, div_factor 25, final_div_factor 1e4
    (1.0, 7, {}),
    (2.5, 1000, {}),
    (0.01, 37, {"pct_start": 0.25}),
    (0.3, 11, {"pct_start": 0.1}),  # the climb ends at u = 0.1: only t = 0 climbs
    (1e-3, 500, {"pct_start": 0.45, "div_factor": 10.0, "final_div_factor": 100.0}),
    (5.0, 64, {"pct_start": 0.9, "div_factor": 1.0, "final_div_factor": 1.0}),
])
def test_one_cycle_matches_one_cycle_lr(lr_max, N, settings):
    theirs = _torch_lrs(lr_max, lambda opt: lr_scheduler.OneCycleLR(opt, max_lr=lr_max, total_steps=N, **settings), N)
    schedule = one_cycle(lr_max, N, **settings)
    _agree([schedule(t) for t in range(N)], theirs)
