"""The check of notebook 12's adamw_update: each wrong AdamW step as a learner writes it fails with its own mistake
named, right steps written otherwise pass, and the reference is PyTorch's AdamW step (when torch is installed).

The wrong answers are written independently of the catalogue's own, each the learner's whole rule with one slip.
"""

import math

import numpy as np
import pytest

from coursekit.course.exercises import evaluate, exercise, reference

NAME = "adamw_update"


def _adamw(decay="before", corrected=True, eps_inside=False, into_gradient=False, decay_over_root=False,
           state="raw", decay_of=None):
    """A learner's AdamW with one slip: where the decay goes, how the moments are corrected, what is returned."""

    def adamw_update(w, v, s, dw, t, lr, beta1, beta2, eps, weight_decay):
        if into_gradient:
            dw = dw + weight_decay * w
        if decay == "before":
            w = decay_of(w, lr, weight_decay) if decay_of else w * (1 - lr * weight_decay)
        v = beta1 * v + (1 - beta1) * dw
        s = beta2 * s + (1 - beta2) * dw**2
        v_hat = v / (1 - beta1**t) if corrected else v
        s_hat = s / (1 - beta2**t) if corrected else s
        root = np.sqrt(s_hat + eps) if eps_inside else np.sqrt(s_hat) + eps
        if decay_over_root:
            w = w - lr * (v_hat + weight_decay * w) / root
        else:
            w = w - lr * v_hat / root
        if decay == "after":
            w = w - lr * weight_decay * w
        if state == "corrected":
            return w, v_hat, s_hat
        return w if state == "w only" else (w, v, s)

    return adamw_update


def adamw_pytorch_defaults(w, v, s, dw, t, lr, beta1, beta2, eps, weight_decay):
    w = w * (1 - lr * 0.01)
    v = beta1 * v + (1 - beta1) * dw
    s = beta2 * s + (1 - beta2) * dw * dw
    return w - lr * (v / (1 - beta1**t)) / (np.sqrt(s / (1 - beta2**t)) + eps), v, s


WRONG = [
    ("decay not multiplied by α", _adamw(decay_of=lambda w, lr, lam: w - lam * w)),
    ("decay applied to the new W", _adamw(decay="after")),
    ("decay fed into the gradient: that is L2, not AdamW", _adamw(decay="none", into_gradient=True)),
    ("decay divided by √ŝ", _adamw(decay="none", decay_over_root=True)),
    ("decay with the wrong sign", _adamw(decay_of=lambda w, lr, lam: w + lr * lam * w)),
    ("decay without W", _adamw(decay_of=lambda w, lr, lam: w - lr * lam)),
    ("no weight decay", _adamw(decay="none")),
    ("λ written in as 0.01", adamw_pytorch_defaults),
    ("no bias correction", _adamw(corrected=False)),
    ("bias-corrected moments returned as state", _adamw(state="corrected")),
    ("ε inside the square root", _adamw(eps_inside=True)),
    ("only w returned", _adamw(state="w only")),
]


def adamw_elementwise(w, v, s, dw, t, lr, beta1, beta2, eps, weight_decay):
    new_w, new_v, new_s = np.array(w, dtype=float), np.array(v, dtype=float), np.array(s, dtype=float)
    for i in np.ndindex(new_w.shape):
        decayed = new_w[i] * (1 - lr * weight_decay)
        new_v[i] = beta1 * new_v[i] + (1 - beta1) * dw[i]
        new_s[i] = beta2 * new_s[i] + (1 - beta2) * dw[i] ** 2
        v_hat, s_hat = new_v[i] / (1 - beta1**t), new_s[i] / (1 - beta2**t)
        new_w[i] = decayed - lr * v_hat / (math.sqrt(s_hat) + eps)
    return new_w, new_v, new_s


def adamw_decay_subtracted(w, v, s, dw, t, lr, beta1, beta2, eps, weight_decay):
    step_w = w - lr * weight_decay * w  # the same as multiplying by 1 − αλ
    m = beta1 * v + (1 - beta1) * dw
    u = beta2 * s + (1 - beta2) * np.square(dw)
    return step_w - lr * (m / (1 - beta1**t)) / (np.sqrt(u / (1 - beta2**t)) + eps), m, u


def adamw_from_adam(w, v, s, dw, t, lr, beta1, beta2, eps, weight_decay):
    from coursekit.optim import adam_update

    return adam_update(w * (1 - lr * weight_decay), v, s, dw, t, lr, beta1, beta2, eps)


def adamw_as_a_list(w, v, s, dw, t, lr, beta1, beta2, eps, weight_decay):
    v = np.add(np.multiply(beta1, v), np.multiply(1 - beta1, dw))
    s = np.add(np.multiply(beta2, s), np.multiply(1 - beta2, np.power(dw, 2)))
    bias1, bias2 = 1 - math.pow(beta1, t), 1 - math.pow(beta2, t)
    w = np.multiply(w, 1 - lr * weight_decay) - lr * (v / bias1) / (np.sqrt(s / bias2) + eps)
    return [w, v, s]


RIGHT = [_adamw(), adamw_elementwise, adamw_decay_subtracted, adamw_from_adam, adamw_as_a_list]


@pytest.mark.parametrize("mistake, fn", WRONG, ids=[m for m, _ in WRONG])
def test_each_wrong_answer_is_told_apart_from_the_right_one_on_some_case(mistake, fn):
    result = evaluate(NAME, fn)
    assert not result and result.mistake == mistake, result.message


def test_the_decay_comes_first_and_multiplies_the_old_weights_as_pytorchs_adamw_does():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(3)
    w, dw = rng.standard_normal(5), rng.standard_normal(5)
    lr, weight_decay = 0.1, 2.0  # αλ = 0.2: decaying the new W instead would differ by far more than rounding
    param = torch.tensor(w.copy(), requires_grad=True)
    opt = torch.optim.AdamW([param], lr=lr, weight_decay=weight_decay)
    param.grad = torch.tensor(dw)
    opt.step()
    ours, _, _ = reference(NAME)(w, np.zeros(5), np.zeros(5), dw, 1, lr, 0.9, 0.999, 1e-8, weight_decay)
    assert np.abs(param.detach().numpy() - ours).max() < 1e-12
    after, _, _ = dict(WRONG)["decay applied to the new W"](w, np.zeros(5), np.zeros(5), dw, 1, lr, 0.9, 0.999, 1e-8,
                                                             weight_decay)
    assert np.abs(param.detach().numpy() - after).max() > 1e-3


def test_no_message_spells_out_the_rule_as_code():
    entry = exercise(NAME)
    texts = [entry.description, *entry.hints, *(m.explanation for m in entry.mistakes)]
    for text in texts:
        assert not any(code in text for code in ("np.", "**", "w *", "* (1", "sqrt(", "return w")), text
