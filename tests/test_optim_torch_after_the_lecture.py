"""Agreement of the optimizers after the lecture with PyTorch's, in double precision (skipped without torch).

Correspondences: ``Nesterov(average=False)`` is ``SGD(momentum=β, dampening=0, nesterov=True)``, and the
averaged ``Nesterov`` with ``α`` is the same with ``α(1 − β)``; ``AdaGrad`` is ``Adagrad(lr_decay=0,
initial_accumulator_value=0)``; ``AdamW`` is ``torch.optim.AdamW``; ``L2(optimizer, λ)`` is that optimizer's
torch form with ``weight_decay=λ``. Each step's parameters agree to a relative 1e-10 over 50 steps.
"""

import numpy as np
import pytest

from coursekit.optim import GD, L2, Adam, AdaGrad, AdamW, Momentum, Nesterov

torch = pytest.importorskip("torch")

from tests.test_optim_torch import RTOL, STEPS, _run_both  # noqa: E402 (after the skip: it needs torch)


def _ids(settings):
    return "-".join(f"{k}={v}" for k, v in settings.items())


NESTEROV_SETTINGS = [
    dict(lr=0.01, beta=0.9), dict(lr=0.1, beta=0.5), dict(lr=0.001, beta=0.99), dict(lr=0.05, beta=0.3),
]
# (torch refuses nesterov=True with momentum 0; β = 0 is gradient descent, tests/test_optim_after_the_lecture.py)


@pytest.mark.parametrize("settings", NESTEROV_SETTINGS, ids=_ids)
def test_summed_nesterov_matches_torch_sgd_nesterov(settings):
    lr, beta = settings["lr"], settings["beta"]
    ours = Nesterov(lr, beta=beta, average=False)

    def make(tensors):
        return torch.optim.SGD(tensors, lr=lr, momentum=beta, dampening=0.0, nesterov=True)

    theirs, tensors, _ = _run_both(ours, make, seed=11)
    for key, tensor in tensors.items():
        buffer = theirs.state[tensor]["momentum_buffer"].numpy()
        np.testing.assert_allclose(ours.state["v"][key], buffer, rtol=RTOL, atol=0)


@pytest.mark.parametrize("settings", NESTEROV_SETTINGS, ids=_ids)
def test_averaged_nesterov_is_torch_sgd_nesterov_with_lr_times_one_minus_beta(settings):
    """The lecture's form with α takes torch's steps with α(1 − β); its velocity is (1 − β) times torch's buffer."""
    lr, beta = settings["lr"], settings["beta"]
    ours = Nesterov(lr, beta=beta, average=True)

    def make(tensors):
        return torch.optim.SGD(tensors, lr=lr * (1 - beta), momentum=beta, dampening=0.0, nesterov=True)

    theirs, tensors, _ = _run_both(ours, make, seed=12)
    for key, tensor in tensors.items():
        buffer = theirs.state[tensor]["momentum_buffer"].numpy()
        np.testing.assert_allclose(ours.state["v"][key], (1 - beta) * buffer, rtol=RTOL, atol=0)


ADAGRAD_SETTINGS = [dict(lr=0.01, eps=1e-10), dict(lr=0.1, eps=1e-8), dict(lr=1.0, eps=0.1), dict(lr=0.5, eps=1e-3)]


@pytest.mark.parametrize("settings", ADAGRAD_SETTINGS, ids=_ids)
def test_adagrad_matches_torch(settings):
    ours = AdaGrad(**settings)

    def make(tensors):
        return torch.optim.Adagrad(tensors, lr=settings["lr"], lr_decay=0.0, weight_decay=0.0,
                                   initial_accumulator_value=0.0, eps=settings["eps"])

    theirs, tensors, _ = _run_both(ours, make, seed=13)
    for key, tensor in tensors.items():
        np.testing.assert_allclose(ours.state["s"][key], theirs.state[tensor]["sum"].numpy(), rtol=RTOL, atol=0)


ADAMW_SETTINGS = [
    dict(lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01),
    dict(lr=0.1, beta1=0.5, beta2=0.75, eps=0.1, weight_decay=0.5),
    dict(lr=0.01, beta1=0.0, beta2=0.5, eps=1e-3, weight_decay=2.0),
    dict(lr=0.05, beta1=0.99, beta2=0.9, eps=1e-6, weight_decay=0.0),
]


@pytest.mark.parametrize("settings", ADAMW_SETTINGS, ids=_ids)
def test_adamw_matches_torch(settings):
    ours = AdamW(**settings)
    s = settings

    def make(tensors):
        return torch.optim.AdamW(tensors, lr=s["lr"], betas=(s["beta1"], s["beta2"]), eps=s["eps"],
                                 weight_decay=s["weight_decay"])

    theirs, tensors, _ = _run_both(ours, make, seed=14)
    for key, tensor in tensors.items():
        state = theirs.state[tensor]
        assert int(state["step"]) == ours.t == STEPS
        np.testing.assert_allclose(ours.state["v"][key], state["exp_avg"].numpy(), rtol=RTOL, atol=0)
        np.testing.assert_allclose(ours.state["s"][key], state["exp_avg_sq"].numpy(), rtol=RTOL, atol=0)


def _l2_cases():
    """``(ours, torch's maker)`` for L2 around Adam, GD and summed momentum, each at two weight decays."""
    cases = {}
    for decay in (0.01, 0.5):
        cases[f"Adam-{decay}"] = (lambda d=decay: L2(Adam(0.01, beta1=0.9, beta2=0.99, eps=1e-8), d),
                                  lambda ts, d=decay: torch.optim.Adam(ts, lr=0.01, betas=(0.9, 0.99), eps=1e-8,
                                                                       weight_decay=d))
        cases[f"GD-{decay}"] = (lambda d=decay: L2(GD(0.05), d),
                                lambda ts, d=decay: torch.optim.SGD(ts, lr=0.05, weight_decay=d))
        cases[f"Momentum-sum-{decay}"] = (lambda d=decay: L2(Momentum(0.01, beta=0.9, average=False), d),
                                          lambda ts, d=decay: torch.optim.SGD(ts, lr=0.01, momentum=0.9,
                                                                              dampening=0.0, weight_decay=d))
    return cases


L2_CASES = _l2_cases()


@pytest.mark.parametrize("name", sorted(L2_CASES))
def test_l2_matches_torch_weight_decay(name):
    ours, make = L2_CASES[name]
    _run_both(ours(), make, seed=15)


@pytest.mark.parametrize(
    "ours, make, torch_lr",
    [
        (Nesterov(0.1, beta=0.9, average=False),
         lambda ts: torch.optim.SGD(ts, lr=0.1, momentum=0.9, nesterov=True), lambda lr: lr),
        (Nesterov(0.1, beta=0.9), lambda ts: torch.optim.SGD(ts, lr=0.01, momentum=0.9, nesterov=True),
         lambda lr: lr * (1 - 0.9)),
        (AdaGrad(0.1), lambda ts: torch.optim.Adagrad(ts, lr=0.1, eps=1e-8), lambda lr: lr),
        (AdamW(0.1, weight_decay=0.1), lambda ts: torch.optim.AdamW(ts, lr=0.1, weight_decay=0.1), lambda lr: lr),
        (L2(Adam(0.1), 0.1), lambda ts: torch.optim.Adam(ts, lr=0.1, weight_decay=0.1), lambda lr: lr),
    ],
    ids=["Nesterov-sum", "Nesterov", "AdaGrad", "AdamW", "L2-Adam"],
)
def test_learning_rate_changed_between_steps_matches_torch(ours, make, torch_lr):
    """A decaying α set between steps (as a schedule does) acts as it does on torch's param_groups; for AdamW
    the decay factor 1 − αλ follows α too."""
    lrs = [0.1 / (1 + step) for step in range(STEPS)]
    _run_both(ours, make, seed=16, lrs=lrs, torch_lr=torch_lr)
