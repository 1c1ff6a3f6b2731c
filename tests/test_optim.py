"""Update rules and optimizer objects: hand-computed golden values, properties, convergence, reprs."""

import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from coursekit.optim import (
    GD,
    Adam,
    Momentum,
    RMSprop,
    adam_update,
    check_fresh,
    gd_update,
    make_optimizer,
    momentum_sum_update,
    momentum_update,
    rmsprop_update,
    zeros_like_params,
)
from tests.strategies import arrays, betas, epsilons, learning_rates, optimizers, params_and_grads, pure_step, shapes

# ---------------------------------------------------------------------------------------------------
# Golden values. One problem for every rule: W starts at [1, 2], α = 0.1, and the gradients of the
# three steps are g1 = [2, −4], g2 = [−2, 4], g3 = [2, 4]. β = 0.5 for momentum and β₁ of Adam,
# β₂ = 0.75 (so 1 − β₂ = 0.25) and ε = 0.1 for RMSprop and Adam. ε = 0.1 is large on purpose: ε inside
# the square root, a missing bias correction, t counted from 0, or the forgotten (1 − β) each change
# the numbers below in the first three decimals.
# ---------------------------------------------------------------------------------------------------
W0 = [1.0, 2.0]
GRADS = [[2.0, -4.0], [-2.0, 4.0], [2.0, 4.0]]
LR, BETA, BETA2, EPS = 0.1, 0.5, 0.75, 0.1

# GD, W := W − α g:
#   W1 = [1 − 0.2, 2 + 0.4] = [0.8, 2.4];  W2 = [0.8 + 0.2, 2.4 − 0.4] = [1.0, 2.0];
#   W3 = [1.0 − 0.2, 2.0 − 0.4] = [0.8, 1.6]
GD_W = [[0.8, 2.4], [1.0, 2.0], [0.8, 1.6]]

# Momentum, v = 0.5 v + 0.5 g, W := W − 0.1 v:
#   v1 = [1, −2],                       W1 = [1 − 0.1, 2 + 0.2]     = [0.9, 2.2]
#   v2 = [0.5, −1] + [−1, 2] = [−0.5, 1], W2 = [0.9 + 0.05, 2.2 − 0.1] = [0.95, 2.1]
#   v3 = [−0.25, 0.5] + [1, 2] = [0.75, 2.5], W3 = [0.95 − 0.075, 2.1 − 0.25] = [0.875, 1.85]
MOMENTUM_V = [[1.0, -2.0], [-0.5, 1.0], [0.75, 2.5]]
MOMENTUM_W = [[0.9, 2.2], [0.95, 2.1], [0.875, 1.85]]

# Momentum without (1 − β), v = 0.5 v + g, W := W − 0.1 v:
#   v1 = [2, −4],                     W1 = [0.8, 2.4]
#   v2 = [1, −2] + [−2, 4] = [−1, 2],   W2 = [0.8 + 0.1, 2.4 − 0.2] = [0.9, 2.2]
#   v3 = [−0.5, 1] + [2, 4] = [1.5, 5], W3 = [0.9 − 0.15, 2.2 − 0.5] = [0.75, 1.7]
MOMENTUM_SUM_V = [[2.0, -4.0], [-1.0, 2.0], [1.5, 5.0]]
MOMENTUM_SUM_W = [[0.8, 2.4], [0.9, 2.2], [0.75, 1.7]]

# RMSprop, s = 0.75 s + 0.25 g², W := W − 0.1 g / (√s + 0.1); every |g| is [2, 4], so g² = [4, 16]:
#   s1 = [1, 4],        √s1 + ε = [1.1, 2.1]
#        W1 = [1 − 0.2/1.1, 2 + 0.4/2.1] = [0.818181818182, 2.190476190476]
#   s2 = 0.75 s1 + 0.25 g² = [0.75 + 1, 3 + 4] = [1.75, 7],  √s2 + ε = [1.422875655532, 2.745751311065]
#        W2 = [W1 + 0.2/1.422875655532, W1 − 0.4/2.745751311065]
#           = [0.818181818182 + 0.140560420176, 2.190476190476 − 0.145679617228]
#   s3 = [1.3125 + 1, 5.25 + 4] = [2.3125, 9.25],  √s3 + ε = [1.620690632574, 3.141381265149]
#        W3 = [W2 − 0.2/1.620690632574, W2 − 0.4/3.141381265149]
#           = [0.958742238358 − 0.123404180897, 2.044796573248 − 0.127332522301]
RMSPROP_S = [[1.0, 4.0], [1.75, 7.0], [2.3125, 9.25]]
RMSPROP_W = [[0.818181818182, 2.190476190476], [0.958742238358, 2.044796573248], [0.835338057461, 1.917464050947]]

# Adam, β₁ = 0.5, β₂ = 0.75: v as in momentum above, s as in RMSprop above, and
#   t = 1: v̂ = v1 / 0.5 = [2, −4],  ŝ = s1 / 0.25 = [4, 16],  √ŝ + ε = [2.1, 4.1]
#          W1 = [1 − 0.1·2/2.1, 2 + 0.1·4/4.1] = [1 − 0.095238095238, 2 + 0.097560975610]
#   t = 2: v̂ = [−0.5, 1] / 0.75 = [−2/3, 4/3],  ŝ = [1.75, 7] / 0.4375 = [4, 16]
#          W2 = [W1 + 0.1·(2/3)/2.1, W1 − 0.1·(4/3)/4.1] = [0.904761904762 + 0.031746031746,
#                                                        2.097560975610 − 0.032520325203]
#   t = 3: v̂ = [0.75, 2.5] / 0.875 = [0.857142857143, 2.857142857143],
#          ŝ = [2.3125, 9.25] / 0.578125 = [4, 16]
#          W3 = [W2 − 0.1·0.857142857143/2.1, W2 − 0.1·2.857142857143/4.1]
#             = [0.936507936508 − 0.040816326531, 2.065040650407 − 0.069686411150]
ADAM_W = [[0.904761904762, 2.097560975610], [0.936507936508, 2.065040650407], [0.895691609977, 1.995354239257]]

GOLDEN_RTOL = 1e-11  # the literals above carry 12 decimals


def _assert_golden(actual, expected):
    np.testing.assert_allclose(actual, expected, rtol=GOLDEN_RTOL, atol=GOLDEN_RTOL)


def _pure_rule_run(name):
    """Apply one pure rule for the three golden steps; return the W's and the state arrays after each step."""
    w, v, s = np.array(W0), np.zeros(2), np.zeros(2)
    ws, vs, ss = [], [], []
    for t, g in enumerate(GRADS, start=1):
        dw = np.array(g)
        if name == "gd":
            w = gd_update(w, dw, lr=LR)
        elif name == "momentum":
            w, v = momentum_update(w, v, dw, lr=LR, beta=BETA)
        elif name == "momentum_sum":
            w, v = momentum_sum_update(w, v, dw, lr=LR, beta=BETA)
        elif name == "rmsprop":
            w, s = rmsprop_update(w, s, dw, lr=LR, beta2=BETA2, eps=EPS)
        else:
            w, v, s = adam_update(w, v, s, dw, t=t, lr=LR, beta1=BETA, beta2=BETA2, eps=EPS)
        ws.append(w.tolist())
        vs.append(v.tolist())
        ss.append(s.tolist())
    return ws, vs, ss


def test_gd_update_golden():
    ws, _, _ = _pure_rule_run("gd")
    _assert_golden(ws, GD_W)


def test_momentum_update_golden():
    ws, vs, _ = _pure_rule_run("momentum")
    _assert_golden(vs, MOMENTUM_V)
    _assert_golden(ws, MOMENTUM_W)


def test_momentum_sum_update_golden():
    ws, vs, _ = _pure_rule_run("momentum_sum")
    _assert_golden(vs, MOMENTUM_SUM_V)
    _assert_golden(ws, MOMENTUM_SUM_W)


def test_rmsprop_update_golden():
    ws, _, ss = _pure_rule_run("rmsprop")
    _assert_golden(ss, RMSPROP_S)
    _assert_golden(ws, RMSPROP_W)


def test_adam_update_golden():
    ws, vs, ss = _pure_rule_run("adam")
    _assert_golden(vs, MOMENTUM_V)  # Adam's v is the momentum average, stored without bias correction
    _assert_golden(ss, RMSPROP_S)  # and its s the RMSprop mean square
    _assert_golden(ws, ADAM_W)


@pytest.mark.parametrize(
    "make, expected",
    [
        (lambda: GD(LR), GD_W),
        (lambda: Momentum(LR, beta=BETA), MOMENTUM_W),
        (lambda: Momentum(LR, beta=BETA, average=False), MOMENTUM_SUM_W),
        (lambda: RMSprop(LR, beta2=BETA2, eps=EPS), RMSPROP_W),
        (lambda: Adam(LR, beta1=BETA, beta2=BETA2, eps=EPS), ADAM_W),
    ],
    ids=["GD", "Momentum", "Momentum-sum", "RMSprop", "Adam"],
)
def test_optimizer_objects_golden(make, expected):
    """The objects reach the golden W's on a dict whose second array is the golden problem mirrored."""
    opt = make()
    params = {"W1": np.array([W0]), "b1": -np.array([W0]).T}
    for step, g in enumerate(GRADS):
        opt.step(params, {"W1": np.array([g]), "b1": -np.array([g]).T})
        _assert_golden(params["W1"], [expected[step]])
        _assert_golden(params["b1"], -np.array([expected[step]]).T)
    assert opt.t == 3


def test_adam_object_counts_t_from_one():
    """After one step of Adam, t = 1 and the bias-corrected step is α·g/(|g| + ε) (golden t = 1 above)."""
    opt = Adam(LR, beta1=BETA, beta2=BETA2, eps=EPS)
    assert opt.t == 0
    params = {"w": np.array(W0)}
    opt.step(params, {"w": np.array(GRADS[0])})
    assert opt.t == 1
    _assert_golden(params["w"], ADAM_W[0])
    _assert_golden(opt.state["v"]["w"], MOMENTUM_V[0])
    _assert_golden(opt.state["s"]["w"], RMSPROP_S[0])


def test_step_updates_the_arrays_in_place():
    w = np.array([1.0, 2.0])
    params = {"w": w}
    GD(0.5).step(params, {"w": np.array([2.0, 2.0])})
    assert params["w"] is w
    assert w.tolist() == [0.0, 1.0]


def test_zeros_like_params_copies_keys_and_shapes():
    zeros = zeros_like_params({"W1": np.ones((2, 3)), "b1": np.ones((2, 1))})
    assert list(zeros) == ["W1", "b1"]
    assert zeros["W1"].shape == (2, 3) and zeros["b1"].shape == (2, 1)
    assert not zeros["W1"].any() and not zeros["b1"].any()


# ---------------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------------


def _copy(d):
    return {key: value.copy() for key, value in d.items()}


@given(params_and_grads(steps=4), learning_rates)
def test_momentum_with_beta_zero_is_gd(problem, lr):
    params, grads = problem
    p_gd, p_momentum, p_sum = _copy(params), _copy(params), _copy(params)
    gd, momentum, momentum_sum = GD(lr), Momentum(lr, beta=0.0), Momentum(lr, beta=0.0, average=False)
    for g in grads:
        gd.step(p_gd, g)
        momentum.step(p_momentum, g)
        momentum_sum.step(p_sum, g)
        for key in params:
            np.testing.assert_allclose(p_momentum[key], p_gd[key], rtol=1e-14, atol=1e-14)
            np.testing.assert_allclose(p_sum[key], p_gd[key], rtol=1e-14, atol=1e-14)


@given(optimizers(), params_and_grads(steps=3), learning_rates)
def test_object_equals_repeated_pure_rule(opt, problem, new_lr):
    """opt.step is the pure rule applied to every array with state kept between steps, and opt.lr changes
    take effect on the next step (the last step runs with ``new_lr``)."""
    params, grads = problem
    expected = _copy(params)
    state = {"v": zeros_like_params(params), "s": zeros_like_params(params)}
    for t, g in enumerate(grads, start=1):
        if t == len(grads):
            opt.lr = new_lr
        opt.step(params, g)
        for key in expected:
            expected[key] = pure_step(opt, state, key, expected[key], g[key], t)
            np.testing.assert_array_equal(params[key], expected[key])
    assert opt.t == len(grads)
    for name, arrays_by_key in opt.state.items():
        for key in params:
            np.testing.assert_array_equal(arrays_by_key[key], state[name][key])


@given(optimizers(), st.data())
def test_changed_lr_scales_the_next_step(opt, data):
    """A step taken after ``opt.lr = 2 α`` is twice as long as the same step with α."""
    shape = data.draw(shapes)
    w0 = data.draw(arrays(shape))
    nonzero = st.one_of(st.floats(-10.0, -0.1), st.floats(0.1, 10.0))
    dw = data.draw(hnp.arrays(np.float64, shape, elements=nonzero))
    lr = opt.lr
    twin = type(opt)(**{**_hyperparameters(opt), "lr": lr})
    short, long_ = {"w": w0.copy()}, {"w": w0.copy()}
    opt.step(short, {"w": dw})
    twin.lr = 2 * lr
    twin.step(long_, {"w": dw})
    np.testing.assert_allclose(long_["w"] - w0, 2 * (short["w"] - w0), rtol=1e-9, atol=1e-12)
    assert not np.allclose(long_["w"], short["w"], rtol=0, atol=0)


def _hyperparameters(opt):
    names = {"GD": ["lr"], "Momentum": ["lr", "beta", "average"], "RMSprop": ["lr", "beta2", "eps"]}
    return {name: getattr(opt, name) for name in names.get(type(opt).__name__, ["lr", "beta1", "beta2", "eps"])}


@given(st.data(), learning_rates, betas, betas, epsilons, st.integers(1, 50))
def test_pure_rules_do_not_modify_their_arguments(data, lr, beta1, beta2, eps, t):
    shape = data.draw(shapes)
    w, v, dw = data.draw(arrays(shape)), data.draw(arrays(shape)), data.draw(arrays(shape))
    s = np.abs(data.draw(arrays(shape)))
    originals = [a.copy() for a in (w, v, s, dw)]
    gd_update(w, dw, lr)
    momentum_update(w, v, dw, lr, beta1)
    momentum_sum_update(w, v, dw, lr, beta1)
    rmsprop_update(w, s, dw, lr, beta2, eps)
    adam_update(w, v, s, dw, t, lr, beta1, beta2, eps)
    for original, after in zip(originals, (w, v, s, dw)):
        np.testing.assert_array_equal(after, original)


@given(st.data(), learning_rates, betas, betas, epsilons)
def test_pure_rules_return_new_arrays_of_the_parameter_shape(data, lr, beta1, beta2, eps):
    shape = data.draw(shapes)
    w, dw = data.draw(arrays(shape)), data.draw(arrays(shape))
    zeros = np.zeros(shape)
    results = [
        (gd_update(w, dw, lr),),
        momentum_update(w, zeros, dw, lr, beta1),
        momentum_sum_update(w, zeros, dw, lr, beta1),
        rmsprop_update(w, zeros, dw, lr, beta2, eps),
        adam_update(w, zeros, zeros, dw, 1, lr, beta1, beta2, eps),
    ]
    for result in results:
        for arr in result:
            assert arr.shape == shape
            assert arr is not w and arr is not zeros and arr is not dw


# ---------------------------------------------------------------------------------------------------
# Convergence on a convex quadratic J(W1, b1) = ½ Σ a ⊙ W², a > 0, minimum at 0.
# ---------------------------------------------------------------------------------------------------
_CURVATURE = {
    "W1": np.random.default_rng(0).uniform(0.5, 5.0, size=(3, 4)),
    "b1": np.random.default_rng(1).uniform(0.5, 5.0, size=(3, 1)),
}


@pytest.mark.parametrize(
    "opt",
    [
        GD(0.3),
        Momentum(0.1, beta=0.9),
        Momentum(0.01, beta=0.9, average=False),
        RMSprop(0.01, beta2=0.999),
        Adam(0.05),
    ],
    ids=repr,
)
def test_every_optimizer_converges_on_a_convex_quadratic(opt):
    params = {"W1": np.ones((3, 4)), "b1": -np.ones((3, 1))}
    for _ in range(300):
        opt.step(params, {key: _CURVATURE[key] * params[key] for key in params})
    for key in params:
        np.testing.assert_allclose(params[key], 0.0, atol=1e-6)


# ---------------------------------------------------------------------------------------------------
# Reprs
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "opt, text",
    [
        (GD(0.1), "GD(lr=0.1)"),
        (Momentum(0.1), "Momentum(lr=0.1, beta=0.9, average=True)"),
        (Momentum(0.01, beta=0.5, average=False), "Momentum(lr=0.01, beta=0.5, average=False)"),
        (RMSprop(0.01), "RMSprop(lr=0.01, beta2=0.9, eps=1e-08)"),
        (Adam(), "Adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1e-08)"),
        (Adam(np.float64(0.1), beta1=np.float32(0.5)), "Adam(lr=0.1, beta1=0.5, beta2=0.999, eps=1e-08)"),
    ],
    ids=["GD", "Momentum", "Momentum-sum", "RMSprop", "Adam", "Adam-numpy-scalars"],
)
def test_repr_shows_the_hyperparameters(opt, text):
    assert repr(opt) == text
    namespace = {"GD": GD, "Momentum": Momentum, "RMSprop": RMSprop, "Adam": Adam}
    assert repr(eval(text, namespace)) == text  # the repr rebuilds the same optimizer


def test_repr_follows_a_changed_lr():
    opt = Momentum(0.1)
    opt.lr = np.float64(0.05)
    assert repr(opt) == "Momentum(lr=0.05, beta=0.9, average=True)"


SETTABLE = [  # (optimizer, hyperparameter, a bad value, the error, its message)
    (Momentum(0.1), "beta", 1.0, ValueError, r"beta must be in [0, 1), got 1.0"),
    (Momentum(0.1), "beta", "0.9", TypeError, r"beta must be a number in [0, 1), got '0.9' of type str"),
    (RMSprop(0.1), "beta2", -0.1, ValueError, r"beta2 must be in [0, 1), got -0.1"),
    (RMSprop(0.1), "eps", 0.0, ValueError, r"eps must be a finite number > 0, got 0.0"),
    (Adam(0.1), "beta1", float("nan"), ValueError, r"beta1 must be in [0, 1), got nan"),
    (Adam(0.1), "beta2", 1.5, ValueError, r"beta2 must be in [0, 1), got 1.5"),
    (Adam(0.1), "eps", float("inf"), ValueError, r"eps must be a finite number > 0, got inf"),
    (Adam(0.1), "eps", None, TypeError, r"eps must be a finite number > 0, got None of type NoneType"),
    (GD(0.1), "lr", -1.0, ValueError, r"lr must be a finite number > 0, got -1.0"),
]


@pytest.mark.parametrize("opt, name, bad, error, message", SETTABLE,
                         ids=[f"{type(opt).__name__}.{name}={bad!r}" for opt, name, bad, *_ in SETTABLE])
def test_a_hyperparameter_set_later_is_checked_as_in_the_constructor(opt, name, bad, error, message):
    """Setting β, β₁, β₂ or ε between steps is checked like ``lr``: the argument, the value, what is allowed;
    a refused value leaves the old one."""
    before = getattr(opt, name)
    with pytest.raises(error, match=f"^{re.escape(message)}$"):
        setattr(opt, name, bad)
    assert getattr(opt, name) == before
    with pytest.raises(error, match=f"^{re.escape(message)}$"):
        type(opt)(**{"lr": 0.1, name: bad})


def test_a_hyperparameter_set_between_steps_is_used_by_the_next_step():
    opt, params = Momentum(0.1, beta=0.9), {"w": np.array([1.0])}
    opt.step(params, {"w": np.array([10.0])})
    opt.beta = np.float32(0.5)
    opt.step(params, {"w": np.array([10.0])})
    assert type(opt.beta) is float and repr(opt) == "Momentum(lr=0.1, beta=0.5, average=True)"
    w, v = momentum_update(1.0, 0.0, 10.0, lr=0.1, beta=0.9)
    w, v = momentum_update(w, v, 10.0, lr=0.1, beta=0.5)
    assert params["w"].tolist() == [float(w)] and opt.state["v"]["w"].tolist() == [float(v)]


def test_check_fresh_refuses_what_is_not_an_optimizer_and_a_used_one_with_one_message():
    check_fresh(Adam(0.1))
    with pytest.raises(TypeError, match=r"^optimizer must be a coursekit.optim optimizer \(GD, Momentum, RMSprop, "
                                        r"Adam\), got 'Adam'$"):
        check_fresh("Adam")
    opt = Adam(0.1)
    for _ in range(2):
        opt.step({"w": np.ones(2)}, {"w": np.ones(2)})
    with pytest.raises(ValueError, match=r"^optimizer must be fresh \(t == 0\), got Adam\(lr=0.1, beta1=0.9, "
                                         r"beta2=0.999, eps=1e-08\) after 2 steps; make a new one per run$"):
        check_fresh(opt)


def test_make_optimizer_maps_beta1_and_beta2_to_each_optimizer():
    assert repr(make_optimizer("GD", 0.1, 0.5, 0.9)) == repr(GD(0.1))
    assert repr(make_optimizer("Momentum", 0.1, 0.5, 0.9)) == repr(Momentum(0.1, beta=0.5))
    assert repr(make_optimizer("RMSprop", 0.1, 0.5, 0.9)) == repr(RMSprop(0.1, beta2=0.9))
    assert repr(make_optimizer("Adam", 0.1, 0.5, 0.9)) == repr(Adam(0.1, beta1=0.5, beta2=0.9))


def test_make_optimizer_without_beta2_keeps_each_optimizers_own_default():
    assert make_optimizer("RMSprop", 0.1).beta2 == RMSprop(0.1).beta2 == 0.9
    assert make_optimizer("Adam", 0.1).beta2 == Adam(0.1).beta2 == 0.999


def test_rmsprop_first_step_moves_each_coordinate_by_lr_over_root_of_one_minus_beta2():
    """The reason for the default β₂ = 0.9: the unbiased first step is α / √(1 − β₂) per coordinate."""
    for beta2, factor in ((0.9, 3.162), (0.99, 10.0), (0.999, 31.62)):
        w, _ = rmsprop_update(np.zeros(2), np.zeros(2), np.array([5.0, -0.01]), lr=0.1, beta2=beta2)
        np.testing.assert_allclose(-w / np.sign([5.0, -0.01]), 0.1 * factor, rtol=1e-3)


@pytest.mark.parametrize(
    "args, message",
    [
        (("SGD", 0.1), r"optimizer name must be one of \['GD', 'Momentum', 'RMSprop', 'Adam'\], got 'SGD'"),
        (("GD", -1.0), r"lr must be a finite number > 0, got -1.0"),
    ],
)
def test_make_optimizer_rejects_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        make_optimizer(*args)


def test_the_finite_check_sums_on_the_calling_thread_and_looks_closer_only_on_overflow():
    from coursekit.optim.optimizer import _finite

    assert _finite(np.array([1e308, 1e308, -1e308]))  # the sum overflows, the values are finite
    assert not _finite(np.array([1.0, np.inf, -np.inf]))
    assert not _finite(np.array([0.0, np.nan]))
    assert _finite(np.zeros(100_000))
