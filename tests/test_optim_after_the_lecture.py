"""The optimizers after the lecture: Nesterov momentum, AdaGrad, AdamW and L2 (golden values, properties, the
fast step bit for bit against the pure rules at both speeds, convergence where theory says)."""

import tracemalloc
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit import _compile
from coursekit.optim import (
    GD,
    L2,
    Adam,
    AdaGrad,
    AdamW,
    Momentum,
    Nesterov,
    Optimizer,
    adagrad_update,
    adam_update,
    adamw_update,
    check_fresh,
    gd_update,
    nesterov_sum_update,
    nesterov_update,
    zeros_like_params,
)
from tests.speeds import SPEEDS, running
from tests.strategies import arrays, betas, epsilons, learning_rates, optimizers, params_and_grads, shapes
from tests.test_optim_fast import _given, _held, problems

# ---------------------------------------------------------------------------------------------------
# Golden values, on the problem of tests/test_optim.py: W starts at [1, 2], α = 0.1, the gradients are
# g1 = [2, −4], g2 = [−2, 4], g3 = [2, 4]; β = β₁ = 0.5, β₂ = 0.75, ε = 0.1, λ = 0.5.
# ---------------------------------------------------------------------------------------------------
W0 = [1.0, 2.0]
GRADS = [[2.0, -4.0], [-2.0, 4.0], [2.0, 4.0]]
LR, BETA, BETA2, EPS, DECAY = 0.1, 0.5, 0.75, 0.1, 0.5

# Nesterov, averaged: v = 0.5 v + 0.5 g, W := W − 0.1 (0.5 g + 0.5 v):
#   v1 = [1, −2],     step = 0.1 ([1, −2] + [0.5, −1])        = [0.15, −0.3],    W1 = [0.85, 2.3]
#   v2 = [−0.5, 1],   step = 0.1 ([−1, 2] + [−0.25, 0.5])     = [−0.125, 0.25],  W2 = [0.975, 2.05]
#   v3 = [0.75, 2.5], step = 0.1 ([1, 2] + [0.375, 1.25])     = [0.1375, 0.325], W3 = [0.8375, 1.725]
NESTEROV_W = [[0.85, 2.3], [0.975, 2.05], [0.8375, 1.725]]
# Nesterov, summed: v = 0.5 v + g, W := W − 0.1 (g + 0.5 v) (each step twice the averaged one: 1/(1 − β)):
#   v1 = [2, −4],  step = 0.1 ([2, −4] + [1, −2])       = [0.3, −0.6],   W1 = [0.7, 2.6]
#   v2 = [−1, 2],  step = 0.1 ([−2, 4] + [−0.5, 1])     = [−0.25, 0.5],  W2 = [0.95, 2.1]
#   v3 = [1.5, 5], step = 0.1 ([2, 4] + [0.75, 2.5])    = [0.275, 0.65], W3 = [0.675, 1.45]
NESTEROV_SUM_W = [[0.7, 2.6], [0.95, 2.1], [0.675, 1.45]]
# AdaGrad, s = s + g², W := W − 0.1 g / (√s + 0.1); g² = [4, 16] at every step, so s_t = t [4, 16]:
#   √s1 + ε = [2.1, 4.1]:                 W1 = [1 − 0.2/2.1, 2 + 0.4/4.1] = [0.904761904762, 2.097560975610]
#   √s2 + ε = [2.928427124746, 5.756854249492]: W2 = W1 + [0.068296045179, −0.069482391366]
#   √s3 + ε = [3.564101615138, 7.028203230276]: W3 = W2 − [0.056115122855, 0.056913550576]
ADAGRAD_S = [[4.0, 16.0], [8.0, 32.0], [12.0, 48.0]]
ADAGRAD_W = [[0.904761904762, 2.097560975610], [0.973057952941, 2.028078584244], [0.916942830086, 1.971165033668]]
# AdamW, W := 0.95 W (1 − αλ = 1 − 0.05), then Adam's step of tests/test_optim.py (the moments see g only):
#   W1 = [0.95 − 0.095238095238, 1.9 + 0.097560975610]
#   W2 = [0.95 W1 + 0.031746031746, 0.95 W1 − 0.032520325203]
#   W3 = [0.95 W2 − 0.040816326531, 0.95 W2 − 0.069686411150]
ADAMW_W = [[0.854761904762, 1.997560975610], [0.843769841270, 1.865162601626], [0.760765022676, 1.702218060395]]
# L2 around GD, W := W − 0.1 (g + 0.5 W) = 0.95 W − 0.1 g:
#   W1 = [0.95 − 0.2, 1.9 + 0.4];  W2 = [0.7125 + 0.2, 2.185 − 0.4];  W3 = [0.866875 − 0.2, 1.69575 − 0.4]
L2_GD_W = [[0.75, 2.3], [0.9125, 1.785], [0.666875, 1.29575]]


def _golden(actual, expected):
    np.testing.assert_allclose(actual, expected, rtol=0, atol=1e-11)


def test_pure_rules_golden():
    w_avg = w_sum = w_ada = w_adamw = np.array(W0)
    v_avg = v_sum = s_ada = v = s = np.zeros(2)
    for t, g in enumerate(map(np.array, GRADS), start=1):
        w_avg, v_avg = nesterov_update(w_avg, v_avg, g, LR, BETA)
        w_sum, v_sum = nesterov_sum_update(w_sum, v_sum, g, LR, BETA)
        w_ada, s_ada = adagrad_update(w_ada, s_ada, g, LR, EPS)
        w_adamw, v, s = adamw_update(w_adamw, v, s, g, t, LR, BETA, BETA2, EPS, DECAY)
        _golden(w_avg, NESTEROV_W[t - 1])
        _golden(w_sum, NESTEROV_SUM_W[t - 1])
        _golden(w_ada, ADAGRAD_W[t - 1])
        _golden(s_ada, ADAGRAD_S[t - 1])
        _golden(w_adamw, ADAMW_W[t - 1])


@pytest.mark.parametrize(
    "make, expected",
    [
        (lambda: Nesterov(LR, beta=BETA), NESTEROV_W),
        (lambda: Nesterov(LR, beta=BETA, average=False), NESTEROV_SUM_W),
        (lambda: AdaGrad(LR, eps=EPS), ADAGRAD_W),
        (lambda: AdamW(LR, beta1=BETA, beta2=BETA2, eps=EPS, weight_decay=DECAY), ADAMW_W),
        (lambda: L2(GD(LR), DECAY), L2_GD_W),
    ],
    ids=["Nesterov", "Nesterov-sum", "AdaGrad", "AdamW", "L2-GD"],
)
def test_optimizer_objects_golden(make, expected):
    """The objects reach the golden W's on a dict whose second array is the golden problem mirrored."""
    opt = make()
    params = {"W1": np.array([W0]), "b1": -np.array([W0]).T}
    for step, g in enumerate(GRADS):
        opt.step(params, {"W1": np.array([g]), "b1": -np.array([g]).T})
        _golden(params["W1"], [expected[step]])
        _golden(params["b1"], -np.array([expected[step]]).T)
    assert opt.t == 3


@pytest.mark.parametrize("opt, text", [
    (Nesterov(0.1, beta=0.8, average=False), "Nesterov(lr=0.1, beta=0.8, average=False)"),
    (AdaGrad(0.5, eps=1e-10), "AdaGrad(lr=0.5, eps=1e-10)"),
    (AdamW(0.01, weight_decay=0.1), "AdamW(lr=0.01, beta1=0.9, beta2=0.999, eps=1e-08, weight_decay=0.1)"),
    (L2(Momentum(0.1, average=False), 1e-4), "L2(Momentum(lr=0.1, beta=0.9, average=False), weight_decay=0.0001)"),
], ids=["Nesterov", "AdaGrad", "AdamW", "L2"])
def test_repr_shows_the_hyperparameters(opt, text):
    assert repr(opt) == text


# ---------------------------------------------------------------------------------------------------
# The objects' fast step is the pure rule, bit for bit, at both speeds (as tests/test_optim_fast.py does
# for the lecture's optimizers).
# ---------------------------------------------------------------------------------------------------
@st.composite
def new_optimizers(draw):
    """A fresh Nesterov (either form), AdaGrad or AdamW with random valid hyperparameters."""
    kind, lr = draw(st.sampled_from(["Nesterov", "Nesterov-sum", "AdaGrad", "AdamW"])), draw(learning_rates)
    if kind.startswith("Nesterov"):
        return Nesterov(lr, beta=draw(betas), average=kind == "Nesterov")
    if kind == "AdaGrad":
        return AdaGrad(lr, eps=draw(epsilons))
    return AdamW(lr, beta1=draw(betas), beta2=draw(betas), eps=draw(epsilons), weight_decay=draw(st.floats(0, 2)))


def _pure_step(opt, state, key, w, dw, t):
    """The pure rule behind ``opt`` on one array, in float64, with the caller's state dict; the new W."""
    w, dw = np.asarray(w, dtype=float), np.asarray(dw, dtype=float)
    if isinstance(opt, Nesterov):
        rule = nesterov_update if opt.average else nesterov_sum_update
        w, state["v"][key] = rule(w, state["v"][key], dw, opt.lr, opt.beta)
    elif isinstance(opt, AdaGrad):
        w, state["s"][key] = adagrad_update(w, state["s"][key], dw, opt.lr, opt.eps)
    else:
        w, state["v"][key], state["s"][key] = adamw_update(
            w, state["v"][key], state["s"][key], dw, t, opt.lr, opt.beta1, opt.beta2, opt.eps, opt.weight_decay
        )
    return w


@pytest.mark.parametrize("speed", SPEEDS)
@given(new_optimizers(), problems())
def test_step_is_the_pure_rule_bit_for_bit(speed, opt, problem):
    params, layouts, grads, forms, lrs = problem
    held = {key: _held(value, layouts[key]) for key, value in params.items()}
    expected = {key: value.copy() for key, value in held.items()}
    state = {"v": zeros_like_params(params), "s": zeros_like_params(params)}
    with running(speed):
        for t, (g, form, lr) in enumerate(zip(grads, forms, lrs), start=1):
            if lr is not None:
                opt.lr = lr
            opt.step(held, {key: _given(value, form[key]) for key, value in g.items()})
            for key in expected:
                expected[key][...] = _pure_step(opt, state, key, expected[key], g[key], t)
                np.testing.assert_array_equal(held[key], expected[key], err_msg=f"{key} after step {t}")
    assert opt.t == len(grads)
    for name, arrays_by_key in opt.state.items():
        for key in params:
            np.testing.assert_array_equal(arrays_by_key[key], state[name][key])


MAKERS = {"Nesterov": lambda lr: Nesterov(lr, average=False), "AdaGrad": AdaGrad, "AdamW": AdamW,
          "L2-Adam": lambda lr: L2(Adam(lr), 0.01)}


@pytest.mark.parametrize("name", ["Nesterov", "AdaGrad", "AdamW"])
@pytest.mark.parametrize("speed", SPEEDS)
def test_a_parameter_made_infinite_by_a_step_is_refused_at_the_next(name, speed):
    opt, params = MAKERS[name](1e300 if name == "Nesterov" else 1e308), {"w": np.array([-1.7e308, 2.0])}
    with running(speed), warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow warning, compiled or not
        opt.step(params, {"w": np.array([1e10, 0.0])})
    assert not np.isfinite(params["w"][0]) and np.isfinite(params["w"][1])  # AdamW: (1 − αλ)W = inf, minus inf
    before = params["w"].copy()
    with running(speed), pytest.raises(ValueError, match=r"params\['w'\] must be finite, got 1 NaN or inf value\(s\)"):
        opt.step(params, {"w": np.array([1.0, 1.0])})
    np.testing.assert_array_equal(params["w"], before)
    assert opt.t == 1


@pytest.mark.parametrize("name", ["Nesterov", "AdaGrad", "AdamW"])
@pytest.mark.parametrize("speed", SPEEDS)
def test_a_step_allocates_no_large_temporary(name, speed):
    """After the first step, a step on 10⁶ parameters allocates < 64 KiB compiled, and in the numpy form only a
    few temporaries of one block."""
    rng = np.random.default_rng(0)
    params = {"W": rng.normal(size=(1000, 1000)), "b": rng.normal(size=(1000, 1))}
    grads = {key: rng.normal(size=value.shape) for key, value in params.items()}
    opt = MAKERS[name](1e-3)
    with running(speed):
        opt.step(params, grads)
        tracemalloc.start()
        try:
            opt.step(params, grads)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < 64 * 1024 + (0 if speed == "numba" else 6 * _compile.BLOCK * 8)


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_a_bad_gradient_changes_nothing(name):
    rng = np.random.default_rng(0)
    params = {"W1": rng.normal(size=(4, 5)), "b1": rng.normal(size=(4, 1))}
    opt = MAKERS[name](0.1)
    opt.step(params, {key: rng.normal(size=value.shape) for key, value in params.items()})
    before = {key: value.copy() for key, value in params.items()}
    state = {name: {key: value.copy() for key, value in arrays.items()} for name, arrays in opt.state.items()}
    grads = {key: rng.normal(size=value.shape) for key, value in params.items()}
    grads["b1"][-1, 0] = np.nan
    with pytest.raises(ValueError, match=r"grads\['b1'\] must be finite, got 1 NaN or inf value\(s\)"):
        opt.step(params, grads)
    assert opt.t == 1
    for key in params:
        np.testing.assert_array_equal(params[key], before[key])
    for name_, arrays in opt.state.items():
        for key in arrays:
            np.testing.assert_array_equal(arrays[key], state[name_][key])


# ---------------------------------------------------------------------------------------------------
# Nesterov momentum
# ---------------------------------------------------------------------------------------------------
def _copy(d):
    return {key: value.copy() for key, value in d.items()}


@given(params_and_grads(steps=4), learning_rates)
def test_nesterov_with_beta_zero_is_gd(problem, lr):
    params, grads = problem
    p_gd, p_avg, p_sum = _copy(params), _copy(params), _copy(params)
    gd, averaged, summed = GD(lr), Nesterov(lr, beta=0.0), Nesterov(lr, beta=0.0, average=False)
    for g in grads:
        gd.step(p_gd, g)
        averaged.step(p_avg, g)
        summed.step(p_sum, g)
        for key in params:
            np.testing.assert_allclose(p_avg[key], p_gd[key], rtol=1e-14, atol=1e-14)
            np.testing.assert_array_equal(p_sum[key], p_gd[key])  # v = dW and W − α(dW + 0): the same operations


@given(params_and_grads(steps=5), learning_rates, betas)
def test_averaged_nesterov_with_lr_is_summed_with_lr_times_one_minus_beta(problem, lr, beta):
    params, grads = problem
    p_avg, p_sum = _copy(params), _copy(params)
    averaged, summed = Nesterov(lr, beta=beta), Nesterov(lr * (1 - beta), beta=beta, average=False)
    for g in grads:
        averaged.step(p_avg, g)
        summed.step(p_sum, g)
        for key in params:
            np.testing.assert_allclose(p_avg[key], p_sum[key], rtol=1e-9, atol=1e-12)
            np.testing.assert_allclose(averaged.state["v"][key], (1 - beta) * summed.state["v"][key],
                                       rtol=1e-9, atol=1e-12)


def _nesterov_bound(beta):
    """The largest stable ``αλ`` of summed Nesterov momentum on a quadratic of curvature ``λ``: the roots of
    z² − (1 + β)(1 − αλ) z + β(1 − αλ) lie inside the unit circle exactly when 0 < αλ < 2(1 + β)/(1 + 2β)."""
    return 2 * (1 + beta) / (1 + 2 * beta)


def _distance_after(opt, kappa, steps):
    """‖W‖ / ‖W₀‖ after ``steps`` steps of ``opt`` on J = ½(w₁² + κ w₂²) from W₀ = (1, 1); inf once it passes 10⁶."""
    curvature = np.array([1.0, kappa])
    params = {"w": np.array([1.0, 1.0])}
    for _ in range(steps):
        opt.step(params, {"w": curvature * params["w"]})
        if np.abs(params["w"]).max() > 1e6:
            return np.inf
    return float(np.linalg.norm(params["w"]) / np.sqrt(2))


@settings(max_examples=30, deadline=None)
@given(st.floats(1.0, 100.0), st.floats(0.0, 0.95), st.floats(0.5, 0.95), st.booleans())
def test_nesterov_converges_on_a_quadratic_below_the_stability_bound(kappa, beta, fraction, average):
    """On J = ½(w₁² + κ w₂²), α = fraction · bound / κ (the averaged form: α(1 − β) at that value) converges."""
    lr = fraction * _nesterov_bound(beta) / kappa / ((1 - beta) if average else 1.0)
    assert _distance_after(Nesterov(lr, beta=beta, average=average), kappa, steps=3000) < 1e-6


@settings(max_examples=30, deadline=None)
@given(st.floats(1.0, 100.0), st.floats(0.0, 0.95), st.floats(1.05, 1.5), st.booleans())
def test_nesterov_diverges_on_a_quadratic_above_the_stability_bound(kappa, beta, fraction, average):
    lr = fraction * _nesterov_bound(beta) / kappa / ((1 - beta) if average else 1.0)
    assert _distance_after(Nesterov(lr, beta=beta, average=average), kappa, steps=3000) == np.inf


def test_nesterov_at_its_tuned_beta_needs_about_root_kappa_steps_where_gd_needs_kappa():
    """κ = 100, α = 1/κ, β = (√κ − 1)/(√κ + 1): the slowest direction contracts by 1 − 1/√κ a step, so Nesterov
    reaches 10⁻⁶ of the start in about √κ ln(10⁶) ≈ 138 steps (154 measured); GD at its best fixed
    α = 2/(1 + κ) contracts by (κ − 1)/(κ + 1) and needs about κ/2 ln(10⁶) ≈ 691."""
    kappa = 100.0
    beta = (np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)

    def steps_to_tolerance(opt):
        curvature, params = np.array([1.0, kappa]), {"w": np.array([1.0, 1.0])}
        for n in range(1, 5000):
            opt.step(params, {"w": curvature * params["w"]})
            if np.linalg.norm(params["w"]) / np.sqrt(2) < 1e-6:
                return n

    nesterov = steps_to_tolerance(Nesterov(1 / kappa, beta=beta, average=False))
    gd = steps_to_tolerance(GD(2 / (1 + kappa)))
    assert np.sqrt(kappa) * np.log(1e6) < nesterov < 1.25 * np.sqrt(kappa) * np.log(1e6)
    assert kappa / 2 * np.log(1e6) - 1 < gd < 1.05 * kappa / 2 * np.log(1e6)


# ---------------------------------------------------------------------------------------------------
# AdaGrad
# ---------------------------------------------------------------------------------------------------
@given(params_and_grads(steps=6), learning_rates, epsilons)
def test_adagrad_effective_step_never_grows(problem, lr, eps):
    params, grads = problem
    opt = AdaGrad(lr, eps=eps)
    previous = {key: np.full(value.shape, lr / eps) for key, value in params.items()}
    for g in grads:
        opt.step(params, g)
        for key, s in opt.state["s"].items():
            effective = lr / (np.sqrt(s) + eps)  # the factor α / (√s + ε) of dW
            assert np.all(effective <= previous[key])
            previous[key] = effective


@given(st.floats(0.1, 10.0), st.integers(1, 200), learning_rates, epsilons)
def test_adagrad_after_n_steps_of_a_constant_gradient_steps_alpha_over_root_n_times_g(g, n, lr, eps):
    opt, params = AdaGrad(lr, eps=eps), {"w": np.array([0.0, 0.0])}
    grads = {"w": np.array([g, -g])}
    for _ in range(n - 1):
        opt.step(params, grads)
    before = params["w"].copy()
    opt.step(params, grads)
    step = np.abs(params["w"] - before)
    np.testing.assert_allclose(step, lr * g / (np.sqrt(n) * g + eps), rtol=1e-9)
    np.testing.assert_allclose(lr / (np.sqrt(opt.state["s"]["w"]) + eps), lr / (np.sqrt(n) * g + eps), rtol=1e-12)


def test_adagrad_converges_on_a_convex_quadratic():
    curvature = np.array([1.0, 100.0])
    opt, params = AdaGrad(0.5), {"w": np.array([1.0, 1.0])}
    for _ in range(2000):
        opt.step(params, {"w": curvature * params["w"]})
    assert np.abs(params["w"]).max() < 1e-6


# ---------------------------------------------------------------------------------------------------
# AdamW and L2
# ---------------------------------------------------------------------------------------------------
@given(params_and_grads(steps=4), learning_rates, betas, betas, epsilons)
def test_adamw_with_zero_weight_decay_is_adam(problem, lr, beta1, beta2, eps):
    params, grads = problem
    p_adam, p_adamw = _copy(params), _copy(params)
    adam = Adam(lr, beta1=beta1, beta2=beta2, eps=eps)
    adamw = AdamW(lr, beta1=beta1, beta2=beta2, eps=eps, weight_decay=0.0)
    for g in grads:
        adam.step(p_adam, g)
        adamw.step(p_adamw, g)
        for key in params:
            np.testing.assert_array_equal(p_adamw[key], p_adam[key])  # a product by 1 changes no bit


@given(optimizers(), params_and_grads(steps=3))
def test_l2_with_zero_weight_decay_is_the_optimizer_itself(opt, problem):
    params, grads = problem
    twin = L2(type(opt)(**_hyperparameters(opt)), 0.0)
    p_plain, p_l2 = _copy(params), _copy(params)
    for g in grads:
        opt.step(p_plain, g)
        twin.step(p_l2, g)
        for key in params:
            np.testing.assert_array_equal(p_l2[key], p_plain[key])


def _hyperparameters(opt):
    names = {"GD": ["lr"], "Momentum": ["lr", "beta", "average"], "RMSprop": ["lr", "beta2", "eps"]}
    return {name: getattr(opt, name) for name in names.get(type(opt).__name__, ["lr", "beta1", "beta2", "eps"])}


@given(optimizers(), params_and_grads(steps=3), st.floats(0.0, 2.0))
def test_l2_steps_the_optimizer_on_the_gradient_plus_lambda_w(opt, problem, decay):
    params, grads = problem
    inner = type(opt)(**_hyperparameters(opt))
    wrapped = L2(opt, decay)
    p_wrapped, p_fed = _copy(params), _copy(params)
    for g in grads:
        fed = {key: g[key] + decay * p_fed[key] for key in g}  # dW + λW, with W before the step
        wrapped.step(p_wrapped, g)
        inner.step(p_fed, fed)
        for key in params:
            np.testing.assert_array_equal(p_wrapped[key], p_fed[key])


@given(params_and_grads(steps=5), learning_rates, st.floats(0.0, 2.0))
def test_for_gd_l2_and_decoupled_weight_decay_coincide(problem, lr, decay):
    """W − α(dW + λW) = (1 − αλ)W − α dW: L2 regularization and decoupled decay are the same step for GD."""
    params, grads = problem
    opt, decoupled = L2(GD(lr), decay), _copy(params)
    for g in grads:
        opt.step(params, g)
        for key in params:
            decoupled[key] = gd_update(decoupled[key] * (1 - lr * decay), g[key], lr)
            np.testing.assert_allclose(params[key], decoupled[key], rtol=1e-9, atol=1e-9)


def test_for_adam_l2_and_decoupled_weight_decay_differ():
    """A weight with no gradient of its own, W = 1, λ = 0.01, α = 0.1: inside Adam the decay term λW is all of
    the gradient, divided by √ŝ = λW, so L2 moves W by α = 0.1 at the first step; AdamW by αλW = 0.001. A weight
    with a large gradient (10) is moved about as Adam alone would move it under L2 (λW is small beside it)."""
    lr, decay = 0.1, 0.01
    start, grads = {"w": np.array([1.0, 1.0])}, {"w": np.array([0.0, 10.0])}
    after = {}
    for name, opt in {"L2": L2(Adam(lr), decay), "AdamW": AdamW(lr, weight_decay=decay), "Adam": Adam(lr)}.items():
        params = _copy(start)
        opt.step(params, grads)
        after[name] = params["w"]
    np.testing.assert_allclose(1 - after["L2"][0], lr, rtol=1e-6)
    np.testing.assert_allclose(1 - after["AdamW"][0], lr * decay, rtol=1e-12)
    assert after["Adam"][0] == 1.0
    np.testing.assert_allclose(after["L2"][1], after["Adam"][1], rtol=1e-6)
    np.testing.assert_allclose(after["AdamW"][1], after["Adam"][1] - lr * decay, rtol=1e-12)


def test_l2_behaves_as_an_optimizer():
    """An Optimizer, fresh until it steps; ``t``, ``state`` and ``lr`` are those of the optimizer it wraps; an
    ``lr`` set between steps (a schedule) is checked and used by the next step."""
    inner = Momentum(0.1, beta=0.9, average=False)
    opt = L2(inner, 0.5)
    assert isinstance(opt, Optimizer)
    check_fresh(opt)
    params = {"w": np.array([2.0])}
    opt.step(params, {"w": np.array([1.0])})  # v = 1 + 0.5 · 2 = 2; W = 2 − 0.1 · 2
    assert opt.t == inner.t == 1 and opt.state is inner.state
    np.testing.assert_allclose(params["w"], [1.8], rtol=1e-15)
    with pytest.raises(ValueError, match=r"optimizer must be fresh \(t == 0\), got L2\(Momentum"):
        check_fresh(opt)
    opt.lr = 0.01
    assert inner.lr == 0.01 and repr(opt) == "L2(Momentum(lr=0.01, beta=0.9, average=False), weight_decay=0.5)"
    opt.step(params, {"w": np.array([1.0])})  # v = 0.9 · 2 + 1 + 0.5 · 1.8 = 3.7; W = 1.8 − 0.01 · 3.7
    np.testing.assert_allclose(params["w"], [1.763], rtol=1e-14)
    with pytest.raises(ValueError, match=r"lr must be a finite number > 0, got -1.0"):
        opt.lr = -1.0
    opt.weight_decay = 0.0
    with pytest.raises(ValueError, match=r"weight_decay must be a finite number >= 0, got -0.1"):
        opt.weight_decay = -0.1
    assert opt.weight_decay == 0.0


@given(st.data(), learning_rates, betas, betas, epsilons, st.integers(1, 50), st.floats(0.0, 2.0))
def test_pure_rules_do_not_modify_their_arguments_and_return_new_arrays(data, lr, beta1, beta2, eps, t, decay):
    shape = data.draw(shapes)
    w, v, dw = data.draw(arrays(shape)), data.draw(arrays(shape)), data.draw(arrays(shape))
    s = np.abs(data.draw(arrays(shape)))
    originals = [a.copy() for a in (w, v, s, dw)]
    results = [
        nesterov_update(w, v, dw, lr, beta1),
        nesterov_sum_update(w, v, dw, lr, beta1),
        adagrad_update(w, s, dw, lr, eps),
        adamw_update(w, v, s, dw, t, lr, beta1, beta2, eps, decay),
    ]
    for original, after in zip(originals, (w, v, s, dw)):
        np.testing.assert_array_equal(after, original)
    for result in results:
        for arr in result:
            assert arr.shape == shape and not any(arr is given_ for given_ in (w, v, s, dw))


@given(st.data(), learning_rates, betas, betas, epsilons, st.integers(1, 50))
def test_adamw_update_is_the_decayed_w_then_adam_update(data, lr, beta1, beta2, eps, t):
    """The order of torch.optim.AdamW: the decay multiplies W before Adam's step, and the moments see dW alone."""
    shape = data.draw(shapes)
    w, v, dw = data.draw(arrays(shape)), data.draw(arrays(shape)), data.draw(arrays(shape))
    s, decay = np.abs(data.draw(arrays(shape))), data.draw(st.floats(0.0, 2.0))
    expected = adam_update(w * (1 - lr * decay), v, s, dw, t, lr, beta1, beta2, eps)
    for got, want in zip(adamw_update(w, v, s, dw, t, lr, beta1, beta2, eps, decay), expected):
        np.testing.assert_array_equal(got, want)
