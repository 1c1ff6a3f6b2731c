"""Agreement with PyTorch's optimizers in double precision (an optional oracle: skipped without torch).

Correspondences: our RMSprop's β₂ is torch's ``alpha`` (ε outside the square root in both, no centering,
no momentum); ``Momentum(average=False)`` is ``SGD(momentum=β, dampening=0)``, whose first step sets
``v = dW`` exactly as ours does from ``v = 0``; Adam is ``torch.optim.Adam`` (t from 1, ε outside √ŝ).
"""

import numpy as np
import pytest

from coursekit.optim import Adam, Momentum, RMSprop

torch = pytest.importorskip("torch")

SHAPES = {"W1": (3, 4), "b1": (3, 1), "W2": (1, 3)}
STEPS = 50
RTOL = 1e-10


def _run_both(ours, make_torch, seed, lrs=None, torch_lr=lambda lr: lr):
    """Run our optimizer and torch's on the same params and STEPS random gradient dicts; compare each step.

    ``lrs``, if given, is our learning rate at every step; torch's is ``torch_lr`` of it, set between steps.
    Returns torch's optimizer, its tensors and our params, so a test can compare the states too.
    """
    rng = np.random.default_rng(seed)
    params = {key: rng.normal(size=shape) for key, shape in SHAPES.items()}
    tensors = {key: torch.tensor(value, dtype=torch.float64) for key, value in params.items()}
    theirs = make_torch(list(tensors.values()))
    for step in range(STEPS):
        grads = {key: rng.normal(scale=rng.uniform(0.01, 10.0), size=shape) for key, shape in SHAPES.items()}
        if lrs is not None:
            ours.lr = lrs[step]
            for group in theirs.param_groups:
                group["lr"] = torch_lr(lrs[step])
        ours.step(params, grads)
        for key, tensor in tensors.items():
            tensor.grad = torch.tensor(grads[key], dtype=torch.float64)
        theirs.step()
        for key, tensor in tensors.items():
            np.testing.assert_allclose(
                params[key], tensor.detach().numpy(), rtol=RTOL, atol=0, err_msg=f"{key} after step {step + 1}"
            )
    return theirs, tensors, params


ADAM_SETTINGS = [
    dict(lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8),
    dict(lr=0.1, beta1=0.5, beta2=0.75, eps=0.1),
    dict(lr=0.01, beta1=0.0, beta2=0.5, eps=1e-3),
    dict(lr=0.05, beta1=0.99, beta2=0.9, eps=1e-6),
]


@pytest.mark.parametrize("settings", ADAM_SETTINGS, ids=lambda s: "-".join(f"{k}={v}" for k, v in s.items()))
def test_adam_matches_torch(settings):
    ours = Adam(**settings)
    s = settings

    def make(tensors):
        return torch.optim.Adam(tensors, lr=s["lr"], betas=(s["beta1"], s["beta2"]), eps=s["eps"])

    theirs, tensors, _ = _run_both(ours, make, seed=1)
    for key, tensor in tensors.items():
        state = theirs.state[tensor]
        assert int(state["step"]) == ours.t == STEPS
        np.testing.assert_allclose(ours.state["v"][key], state["exp_avg"].numpy(), rtol=RTOL, atol=0)
        np.testing.assert_allclose(ours.state["s"][key], state["exp_avg_sq"].numpy(), rtol=RTOL, atol=0)


RMSPROP_SETTINGS = [
    dict(lr=0.01, beta2=0.99, eps=1e-8),
    dict(lr=0.1, beta2=0.5, eps=0.1),
    dict(lr=1e-3, beta2=0.999, eps=1e-6),
    dict(lr=0.02, beta2=0.0, eps=1e-3),
]


@pytest.mark.parametrize("settings", RMSPROP_SETTINGS, ids=lambda s: "-".join(f"{k}={v}" for k, v in s.items()))
def test_rmsprop_matches_torch(settings):
    ours = RMSprop(**settings)
    s = settings

    def make(tensors):
        return torch.optim.RMSprop(
            tensors, lr=s["lr"], alpha=s["beta2"], eps=s["eps"], centered=False, momentum=0.0, weight_decay=0.0
        )

    theirs, tensors, _ = _run_both(ours, make, seed=2)
    for key, tensor in tensors.items():
        np.testing.assert_allclose(ours.state["s"][key], theirs.state[tensor]["square_avg"].numpy(), rtol=RTOL, atol=0)


MOMENTUM_SETTINGS = [
    dict(lr=0.01, beta=0.9),
    dict(lr=0.1, beta=0.5),
    dict(lr=0.001, beta=0.99),
    dict(lr=0.05, beta=0.0),
]


@pytest.mark.parametrize("settings", MOMENTUM_SETTINGS, ids=lambda s: "-".join(f"{k}={v}" for k, v in s.items()))
def test_momentum_without_one_minus_beta_matches_torch_sgd(settings):
    ours = Momentum(settings["lr"], beta=settings["beta"], average=False)

    def make(tensors):
        return torch.optim.SGD(tensors, lr=settings["lr"], momentum=settings["beta"], dampening=0.0, nesterov=False)

    theirs, tensors, _ = _run_both(ours, make, seed=3)
    if settings["beta"] > 0:  # torch keeps no buffer without momentum
        for key, tensor in tensors.items():
            buffer = theirs.state[tensor]["momentum_buffer"].numpy()
            np.testing.assert_allclose(ours.state["v"][key], buffer, rtol=RTOL, atol=0)


@pytest.mark.parametrize(
    "ours, make",
    [
        (Adam(0.1, beta1=0.9, beta2=0.99), lambda ts: torch.optim.Adam(ts, lr=0.1, betas=(0.9, 0.99), eps=1e-8)),
        (RMSprop(0.1, beta2=0.9, eps=1e-8), lambda ts: torch.optim.RMSprop(ts, lr=0.1, alpha=0.9, eps=1e-8)),
        (Momentum(0.1, beta=0.9, average=False), lambda ts: torch.optim.SGD(ts, lr=0.1, momentum=0.9)),
    ],
    ids=["Adam", "RMSprop", "Momentum-sum"],
)
def test_learning_rate_changed_between_steps_matches_torch(ours, make):
    """A decaying α set between steps (as a schedule does) acts as it does on torch's param_groups."""
    lrs = [0.1 / (1 + step) for step in range(STEPS)]
    _run_both(ours, make, seed=4, lrs=lrs)
