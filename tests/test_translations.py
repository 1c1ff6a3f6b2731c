"""Every row of the translation table proven against PyTorch (an optional oracle: skipped without torch).

For each row whose torch cell is a call, :data:`TORCH` builds that call with the row's hyperparameters. An
optimizer row runs coursekit's object and torch's on the same float64 parameters and 50 random gradient dicts
at each of :data:`SETTINGS`, requiring agreement to 1e-10 (relative) after every step; a schedule row compares
every value to 1e-12 (relative). A row that says it has no exact equivalent has no proof, and the closest call
it names is shown to differ. The settings and the course's builders are shared with the optax proofs.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from coursekit import schedules, translations
from coursekit import warmup_and_cosine as wc
from coursekit.optim import GD, L2, AdaGrad, Adam, AdamW, Momentum, Nesterov, RMSprop

SHAPES = {"W1": (3, 4), "b1": (3, 1), "W2": (1, 3)}
STEPS = 50
RTOL, SCHEDULE_RTOL = 1e-10, 1e-12

_ADAM = [dict(lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8), dict(lr=0.1, beta1=0.5, beta2=0.75, eps=0.1),
         dict(lr=0.01, beta1=0.0, beta2=0.5, eps=1e-3), dict(lr=0.05, beta1=0.99, beta2=0.9, eps=1e-6)]
_MOMENTUM = [dict(lr=0.01, beta=0.9), dict(lr=0.1, beta=0.5), dict(lr=1e-3, beta=0.99), dict(lr=0.05, beta=0.3)]
_DECAYS = [0.01, 0.5, 0.0, 2.0]

#: The settings of every row, in the course's argument names (a schedule's ``n`` runs over ``range(n)``).
SETTINGS = {
    "gd": [dict(lr=0.1), dict(lr=1e-3), dict(lr=0.5)],
    "momentum": _MOMENTUM + [dict(lr=0.05, beta=0.0)],
    "momentum_sum": _MOMENTUM + [dict(lr=0.05, beta=0.0)],
    "nesterov": _MOMENTUM,  # torch refuses nesterov=True with β = 0
    "nesterov_sum": _MOMENTUM,
    "rmsprop": [dict(lr=0.01, beta2=0.99, eps=1e-8), dict(lr=0.1, beta2=0.5, eps=0.1),
                dict(lr=1e-3, beta2=0.999, eps=1e-6), dict(lr=0.02, beta2=0.0, eps=1e-3)],
    "adagrad": [dict(lr=0.01, eps=1e-10), dict(lr=0.1, eps=1e-8), dict(lr=0.5, eps=0.1)],
    "adam": _ADAM,
    "adamw": [dict(s, weight_decay=decay) for s, decay in zip(_ADAM, _DECAYS)],
    "l2_gd": [dict(lr=0.1, weight_decay=0.01), dict(lr=0.01, weight_decay=1.0), dict(lr=0.5, weight_decay=0.0)],
    "l2_adam": [dict(s, weight_decay=decay) for s, decay in zip(_ADAM, _DECAYS)],
    "exponential_decay": [dict(lr0=0.1, base=0.95, n=200), dict(lr0=1.0, base=0.5, n=60),
                          dict(lr0=3e-4, base=0.999, n=500), dict(lr0=0.2, base=1.0, n=20)],
    "staircase_decay": [dict(lr0=0.8, factor=0.5, every=10, n=100), dict(lr0=0.1, factor=0.1, every=3, n=20),
                        dict(lr0=1.0, factor=1.0, every=1, n=10), dict(lr0=0.3, factor=0.9, every=7, n=200)],
    "manual_decay": [dict(lr0=0.5, drops=[3, 6], factor=0.1, n=20), dict(lr0=1.0, drops=[10, 5, 30], factor=0.5,
                     n=50), dict(lr0=0.1, drops=[4, 4, 9], factor=0.3, n=15), dict(lr0=0.2, drops=[], factor=0.1, n=5)],
    "when_stalled": [dict(lr0=1.0, factor=0.1, patience=3, min_decrease=0.01, seed=0),
                     dict(lr0=0.5, factor=0.5, patience=1, min_decrease=0.0, seed=1),
                     dict(lr0=0.1, factor=0.3, patience=5, min_decrease=0.05, seed=2),
                     dict(lr0=2.0, factor=0.9, patience=2, min_decrease=0.001, seed=3)],
    "inverse_time_decay": [dict(lr0=0.2, decay_rate=1.0, n=100), dict(lr0=1.0, decay_rate=0.1, n=300),
                           dict(lr0=0.05, decay_rate=0.0, n=10), dict(lr0=0.3, decay_rate=10.0, n=100)],
    "interval_inverse_time_decay": [dict(lr0=0.1, decay_rate=1.0, time_interval=10, n=100),
                                    dict(lr0=1.0, decay_rate=0.5, time_interval=1, n=50),
                                    dict(lr0=0.2, decay_rate=2.0, time_interval=7, n=100)],
    "inverse_sqrt_decay": [dict(lr0=0.1, k=1.0, n=100), dict(lr0=1.0, k=0.5, n=1000), dict(lr0=0.02, k=3.0, n=50)],
    "cosine_decay": [dict(lr0=0.1, T=1, lr_min=0.0), dict(lr0=0.1, T=10, lr_min=0.0), dict(lr0=1.0, T=97, lr_min=1e-3),
                     dict(lr0=3e-4, T=500, lr_min=3e-6), dict(lr0=0.5, T=1000, lr_min=0.0),
                     dict(lr0=2.0, T=64, lr_min=2.0)],
    "linear_warmup": [dict(lr0=0.1, W=1, start_factor=0.5), dict(lr0=0.1, W=5, start_factor=1 / 3),
                      dict(lr0=1.0, W=40, start_factor=0.05), dict(lr0=3e-4, W=1000, start_factor=1e-3),
                      dict(lr0=0.7, W=13, start_factor=1.0)],
    "warmup_cosine": [dict(lr0=0.1, W=1, T=2, start_factor=0.5, lr_min=0.0),
                      dict(lr0=0.1, W=5, T=50, start_factor=1 / 3, lr_min=0.0),
                      dict(lr0=1e-3, W=100, T=1000, start_factor=0.01, lr_min=1e-5),
                      dict(lr0=0.3, W=20, T=21, start_factor=0.2, lr_min=0.03),
                      dict(lr0=2.0, W=7, T=300, start_factor=1.0, lr_min=0.0)],
    "one_cycle": [dict(lr_max=0.1, total_steps=100), dict(lr_max=1.0, total_steps=7),
                  dict(lr_max=2.5, total_steps=1000),
                  dict(lr_max=0.01, total_steps=37, pct_start=0.25),
                  dict(lr_max=0.3, total_steps=11, pct_start=0.1),  # the climb ends at u = 0.1: only t = 0 climbs
                  dict(lr_max=1e-3, total_steps=500, pct_start=0.45, div_factor=10.0, final_div_factor=100.0),
                  dict(lr_max=5.0, total_steps=64, pct_start=0.9, div_factor=1.0, final_div_factor=1.0)],
}


def _without(s, *names):
    return {k: v for k, v in s.items() if k not in names}


#: coursekit's side of each row: an optimizer object, or a schedule as a list of the values at n = 0, 1, ...
COURSE = {
    "gd": lambda s: GD(**s),
    "momentum": lambda s: Momentum(**s),
    "momentum_sum": lambda s: Momentum(**s, average=False),
    "nesterov": lambda s: Nesterov(**s),
    "nesterov_sum": lambda s: Nesterov(**s, average=False),
    "rmsprop": lambda s: RMSprop(**s),
    "adagrad": lambda s: AdaGrad(**s),
    "adam": lambda s: Adam(**s),
    "adamw": lambda s: AdamW(**s),
    "l2_gd": lambda s: L2(GD(s["lr"]), s["weight_decay"]),
    "l2_adam": lambda s: L2(Adam(**_without(s, "weight_decay")), s["weight_decay"]),
    "exponential_decay": lambda s: _values(schedules.exponential_decay(**_without(s, "n")), s["n"]),
    "staircase_decay": lambda s: _values(schedules.staircase_decay(**_without(s, "n")), s["n"]),
    "manual_decay": lambda s: _values(schedules.manual_decay(**_without(s, "n")), s["n"]),
    "when_stalled": lambda s: _watched(s),
    "inverse_time_decay": lambda s: _values(schedules.inverse_time_decay(**_without(s, "n")), s["n"]),
    "interval_inverse_time_decay": lambda s: _values(schedules.interval_inverse_time_decay(**_without(s, "n")),
                                                     s["n"]),
    "inverse_sqrt_decay": lambda s: _values(schedules.inverse_sqrt_decay(**_without(s, "n")), s["n"], start=1),
    "cosine_decay": lambda s: _values(wc.cosine_decay(**s), s["T"] + 1),
    "linear_warmup": lambda s: _values(wc.linear_warmup(**s), s["W"] + 20),
    "warmup_cosine": lambda s: _values(wc.warmup_cosine(**s), s["T"] + 1),
    "one_cycle": lambda s: _values(wc.one_cycle(**s), s["total_steps"]),
}
OPTIMIZER_ROWS = ("gd", "momentum", "momentum_sum", "nesterov", "nesterov_sum", "rmsprop", "adagrad", "adam",
                  "adamw", "l2_gd", "l2_adam")


def _values(schedule, count, start=0):
    return [schedule(n) for n in range(start, start + count)]


def costs(seed, epochs=40):
    """A cost curve that falls, then creeps along a noisy floor, with one NaN: J_1, ..., J_epochs."""
    rng = np.random.default_rng(seed)
    J = np.maximum(np.exp(-np.arange(epochs) / 6), 0.2) * (1 + 0.02 * rng.standard_normal(epochs))
    J[epochs // 2] = np.nan
    return J.tolist()


def _watched(s):
    """The α of each epoch 1, 2, ... under WhenStalled, watching the cost curve of ``costs(seed)``."""
    plan = schedules.WhenStalled(**_without(s, "seed"))
    lrs = []
    for epoch, J in enumerate(costs(s["seed"]), start=1):
        lrs.append(plan(epoch))
        plan.watch(epoch, 0, J, 0.0)
    return lrs


def random_run(seed):
    """The same start and gradients for both sides: the parameters, then STEPS gradient dicts."""
    rng = np.random.default_rng(seed)
    params = {key: rng.normal(size=shape) for key, shape in SHAPES.items()}
    grads = [{key: rng.normal(scale=rng.uniform(0.01, 10.0), size=shape) for key, shape in SHAPES.items()}
             for _ in range(STEPS)]
    return params, grads


def course_path(row_id, s, seed):
    """coursekit's parameters after each step, as one flat array per step."""
    params, grads = random_run(seed)
    opt = COURSE[row_id](s)
    path = []
    for g in grads:
        opt.step(params, g)
        path.append(np.concatenate([params[key].ravel() for key in SHAPES]))
    return path


def agree(ours, theirs, rtol):
    """The largest |Δ| between the two paths (or schedules), after requiring agreement to ``rtol`` at each step."""
    assert len(ours) == len(theirs)
    for n, (a, b) in enumerate(zip(ours, theirs)):
        np.testing.assert_allclose(a, b, rtol=rtol, atol=0, err_msg=f"at step {n}")
    return max(float(np.max(np.abs(np.subtract(a, b)))) for a, b in zip(ours, theirs))


@pytest.fixture(scope="module")
def torch():
    return pytest.importorskip("torch")


def _torch_path(torch, make, seed):
    params, grads = random_run(seed)
    tensors = {key: torch.tensor(value, dtype=torch.float64, requires_grad=True) for key, value in params.items()}
    opt = make(list(tensors.values()))
    path = []
    for g in grads:
        for key, tensor in tensors.items():
            tensor.grad = torch.tensor(g[key], dtype=torch.float64)
        opt.step()
        path.append(np.concatenate([tensors[key].detach().numpy().ravel() for key in SHAPES]))
    return path


def _torch_lrs(torch, lr0, make, count, losses=None):
    """The rate of torch's optimizer in ``count`` epochs from ``lr0`` under ``make(opt)``, stepped on ``losses``."""
    opt = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1, dtype=torch.float64))], lr=lr0)
    scheduler = make(opt)
    lrs = []
    for n in range(count):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        scheduler.step(*([] if losses is None else [losses[n]]))
    return lrs


def _betas(s):
    return dict(betas=(s["beta1"], s["beta2"]), eps=s["eps"])


def _scheduler(make):
    """A schedule proof: torch's rates under ``make(lr_scheduler, opt, s)``, as many as the course's values."""
    def run(torch, s, count):
        lr0 = s["lr0"] if "lr0" in s else s["lr_max"]
        losses = costs(s["seed"]) if "seed" in s else None
        return _torch_lrs(torch, lr0, lambda opt: make(torch.optim.lr_scheduler, opt, s), count, losses)
    return run


#: torch's side of each row with an exact equivalent, written as the row's torch cell says.
TORCH = {
    "gd": lambda t, ps, s: t.optim.SGD(ps, lr=s["lr"]),
    "momentum": lambda t, ps, s: t.optim.SGD(ps, lr=s["lr"] * (1 - s["beta"]), momentum=s["beta"]),
    "momentum_sum": lambda t, ps, s: t.optim.SGD(ps, lr=s["lr"], momentum=s["beta"]),
    "nesterov": lambda t, ps, s: t.optim.SGD(ps, lr=s["lr"] * (1 - s["beta"]), momentum=s["beta"], nesterov=True),
    "nesterov_sum": lambda t, ps, s: t.optim.SGD(ps, lr=s["lr"], momentum=s["beta"], nesterov=True),
    "rmsprop": lambda t, ps, s: t.optim.RMSprop(ps, lr=s["lr"], alpha=s["beta2"], eps=s["eps"]),
    "adagrad": lambda t, ps, s: t.optim.Adagrad(ps, lr=s["lr"], eps=s["eps"]),
    "adam": lambda t, ps, s: t.optim.Adam(ps, lr=s["lr"], **_betas(s)),
    "adamw": lambda t, ps, s: t.optim.AdamW(ps, lr=s["lr"], **_betas(s), weight_decay=s["weight_decay"]),
    "l2_gd": lambda t, ps, s: t.optim.SGD(ps, lr=s["lr"], weight_decay=s["weight_decay"]),
    "l2_adam": lambda t, ps, s: t.optim.Adam(ps, lr=s["lr"], **_betas(s), weight_decay=s["weight_decay"]),
    "exponential_decay": _scheduler(lambda lr, opt, s: lr.ExponentialLR(opt, gamma=s["base"])),
    "staircase_decay": _scheduler(lambda lr, opt, s: lr.StepLR(opt, step_size=s["every"], gamma=s["factor"])),
    "manual_decay": _scheduler(lambda lr, opt, s: lr.MultiStepLR(opt, milestones=s["drops"], gamma=s["factor"])),
    "when_stalled": _scheduler(lambda lr, opt, s: lr.ReduceLROnPlateau(
        opt, factor=s["factor"], patience=s["patience"] - 1, threshold=s["min_decrease"], eps=0)),
    "inverse_time_decay": _scheduler(lambda lr, opt, s: lr.LambdaLR(opt, lambda n: 1 / (1 + s["decay_rate"] * n))),
    "interval_inverse_time_decay": _scheduler(lambda lr, opt, s: lr.LambdaLR(
        opt, lambda n: 1 / (1 + s["decay_rate"] * (n // s["time_interval"])))),
    "inverse_sqrt_decay": _scheduler(lambda lr, opt, s: lr.LambdaLR(opt, lambda n: s["k"] / math.sqrt(n + 1))),
    "cosine_decay": _scheduler(lambda lr, opt, s: lr.CosineAnnealingLR(opt, T_max=s["T"], eta_min=s["lr_min"])),
    "linear_warmup": _scheduler(lambda lr, opt, s: lr.LinearLR(opt, start_factor=s["start_factor"],
                                                               total_iters=s["W"])),
    "warmup_cosine": _scheduler(lambda lr, opt, s: lr.SequentialLR(
        opt, [lr.LinearLR(opt, start_factor=s["start_factor"], total_iters=s["W"]),
              lr.CosineAnnealingLR(opt, T_max=s["T"] - s["W"], eta_min=s["lr_min"])], milestones=[s["W"]])),
    "one_cycle": _scheduler(lambda lr, opt, s: lr.OneCycleLR(
        opt, max_lr=s["lr_max"], total_steps=s["total_steps"], pct_start=s.get("pct_start", 0.3),
        div_factor=s.get("div_factor", 25.0), final_div_factor=s.get("final_div_factor", 1e4),
        cycle_momentum=False)),
}


def max_difference(row_id, s, torch, seed=0):
    """The largest |Δ| between coursekit and torch for one row at one setting (after requiring agreement)."""
    if row_id in OPTIMIZER_ROWS:
        ours = course_path(row_id, s, seed)
        return agree(ours, _torch_path(torch, lambda ps: TORCH[row_id](torch, ps, s), seed), RTOL)
    ours = COURSE[row_id](s)
    return agree(ours, TORCH[row_id](torch, s, len(ours)), SCHEDULE_RTOL)


def test_every_row_has_settings_and_the_course_side():
    ids = [row.id for row in translations.ROWS]
    assert len(set(ids)) == len(ids), "row ids repeat"
    assert set(SETTINGS) == set(COURSE) == set(ids)


def test_every_row_is_proven_against_torch_or_says_it_has_no_exact_equivalent():
    exact = {row.id for row in translations.ROWS if row.exact("torch")}
    assert set(TORCH) == exact, (f"rows without a torch proof: {sorted(exact - set(TORCH))}; proven but saying "
                                 f"{translations.NO_EXACT!r}: {sorted(set(TORCH) - exact)}")


@pytest.mark.parametrize("row_id, s", [(i, s) for i in TORCH for s in SETTINGS[i]],
                         ids=[f"{i}-{n}" for i in TORCH for n in range(len(SETTINGS[i]))])
def test_the_row_takes_torchs_steps(row_id, s, torch):
    max_difference(row_id, s, torch, seed=SETTINGS[row_id].index(s))


def test_dampening_beta_is_not_the_lecture_average(torch):
    """The momentum row's note: SGD(dampening=β) skips the dampening at the first step: not the lecture's form."""
    s = dict(lr=0.1, beta=0.9)
    theirs = _torch_path(torch, lambda ps: torch.optim.SGD(ps, lr=s["lr"], momentum=s["beta"], dampening=s["beta"]), 0)
    with pytest.raises(AssertionError):
        agree(course_path("momentum", s, 0), theirs, RTOL)


def test_torchs_cosine_climbs_after_T(torch):
    """The cosine row's note: past T torch's rate climbs back up, the course's stays at α_min."""
    s = dict(lr0=0.1, T=10, lr_min=0.0)
    theirs = _scheduler(lambda lr, opt, _: lr.CosineAnnealingLR(opt, T_max=10, eta_min=0.0))(torch, s, 15)
    assert theirs[14] > theirs[10] + 0.01 and wc.cosine_decay(**s)(14) == 0.0


def test_the_markdown_table_has_five_cells_in_every_row():
    lines = translations.markdown().splitlines()
    assert len(lines) == 2 + len(translations.ROWS)
    bad = [line for line in lines if line.count(" | ") != 4 or not (line.startswith("| ") and line.endswith(" |"))]
    assert not bad, f"a cell holds a '|' or the row is cut: {bad}"


def test_adam_with_decoupled_weight_decay_is_adamw(torch):
    """The L2-inside-Adam row's note: torch's Adam(decoupled_weight_decay=True) takes AdamW's steps, not L2's."""
    for seed, s in enumerate(SETTINGS["adamw"]):
        def make(ps, s=s):
            return torch.optim.Adam(ps, lr=s["lr"], **_betas(s), weight_decay=s["weight_decay"],
                                    decoupled_weight_decay=True)
        agree(course_path("adamw", s, seed), _torch_path(torch, make, seed), RTOL)
