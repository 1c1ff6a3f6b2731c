"""The optimizer objects' in-place step gives bit for bit what the pure rules give, and checks as they do, at
both speeds: compiled by Numba, and in the numpy form that runs without it (``tests/speeds.py``).

The reference applies the pure rule to each array with its own state and assigns the result into the
parameter, as the objects did before they got their fast path. The cases cover 0-d to 3-D arrays, float32
and non-contiguous parameters (stepped on a float64 copy), gradients given as lists or in Fortran order.
"""

import tracemalloc
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from coursekit import _compile
from coursekit.optim import GD, Adam, Momentum, RMSprop
from tests.speeds import SPEEDS, running
from tests.strategies import entries, learning_rates, optimizers, pure_step


#: How a parameter array is held: float64 C-contiguous (stepped where it lies), or stepped on a copy.
LAYOUTS = ["C", "float32", "transposed"]
#: How a gradient is given: a float64 C-contiguous array (used as it is), a Fortran-ordered copy, a list.
GRAD_FORMS = ["C", "F", "list"]


def _held(value: np.ndarray, layout: str) -> np.ndarray:
    if layout == "float32":
        return value.astype(np.float32)
    if layout == "transposed" and value.ndim == 2:
        return np.ascontiguousarray(value.T).T  # the same values, not C-contiguous
    return value.copy()


def _given(value: np.ndarray, form: str):
    if form == "F":
        return np.array(value, order="F")
    if form == "list":
        return value.tolist()
    return value


@st.composite
def problems(draw):
    """Named arrays of mixed shapes (0-d to 3-D), each with a layout, and a few steps of gradients and lrs."""
    count = draw(st.integers(1, 4))
    shapes = [draw(hnp.array_shapes(min_dims=0, max_dims=3, min_side=1, max_side=6)) for _ in range(count)]
    params = {f"p{i}": draw(hnp.arrays(np.float64, shape, elements=entries)) for i, shape in enumerate(shapes)}
    layouts = {key: draw(st.sampled_from(LAYOUTS)) for key in params}
    steps = draw(st.integers(1, 12))
    grads = [{key: draw(hnp.arrays(np.float64, value.shape, elements=entries)) for key, value in params.items()}
             for _ in range(steps)]
    forms = [{key: draw(st.sampled_from(GRAD_FORMS)) for key in params} for _ in range(steps)]
    lrs = [draw(st.one_of(st.none(), learning_rates)) for _ in range(steps)]  # None: keep the lr
    return params, layouts, grads, forms, lrs


@pytest.mark.parametrize("speed", SPEEDS)
@given(optimizers(), problems())
def test_step_is_the_pure_rule_bit_for_bit(speed, opt, problem):
    with running(speed):
        _step_is_the_pure_rule_bit_for_bit(opt, problem)


def _step_is_the_pure_rule_bit_for_bit(opt, problem):
    params, layouts, grads, forms, lrs = problem
    held = {key: _held(value, layouts[key]) for key, value in params.items()}
    expected = {key: value.copy() for key, value in held.items()}
    state = {"v": {k: np.zeros(v.shape) for k, v in params.items()}, "s": {k: np.zeros(v.shape) for k, v in params.items()}}
    for t, (g, form, lr) in enumerate(zip(grads, forms, lrs), start=1):
        if lr is not None:
            opt.lr = lr
        opt.step(held, {key: _given(value, form[key]) for key, value in g.items()})
        for key in expected:
            expected[key][...] = pure_step(opt, state, key, expected[key], g[key], t)
            np.testing.assert_array_equal(held[key], expected[key], err_msg=f"{key} after step {t}")
            assert held[key].dtype == expected[key].dtype
    assert opt.t == len(grads)
    for name, arrays in opt.state.items():
        for key in params:
            np.testing.assert_array_equal(arrays[key], state[name][key])


@pytest.mark.parametrize("speed", SPEEDS)
@given(optimizers(), st.integers(0, 2))
def test_a_bad_gradient_of_any_array_changes_nothing(speed, opt, bad_key):
    """A NaN in the last element of one gradient is refused with the usual message before any array is stepped."""
    with running(speed):
        _a_bad_gradient_changes_nothing(opt, bad_key)


def _a_bad_gradient_changes_nothing(opt, bad_key):
    rng = np.random.default_rng(0)
    params = {"W1": rng.normal(size=(4, 5)), "b1": rng.normal(size=(4, 1)), "W2": rng.normal(size=(3, 4))}
    opt.step(params, {key: rng.normal(size=value.shape) for key, value in params.items()})
    before = {key: value.copy() for key, value in params.items()}
    state = {name: {key: value.copy() for key, value in arrays.items()} for name, arrays in opt.state.items()}
    grads = {key: rng.normal(size=value.shape) for key, value in params.items()}
    key = list(params)[bad_key]
    grads[key].flat[-1] = np.nan
    with pytest.raises(ValueError, match=rf"grads\['{key}'\] must be finite, got 1 NaN or inf value\(s\)"):
        opt.step(params, grads)
    assert opt.t == 1
    for k in params:
        np.testing.assert_array_equal(params[k], before[k])
    for name, arrays in opt.state.items():
        for k in arrays:
            np.testing.assert_array_equal(arrays[k], state[name][k])


@pytest.mark.parametrize("make", [lambda: GD(1e300), lambda: Momentum(1e300, average=False), lambda: RMSprop(1e308),
                                  lambda: Adam(1e308)], ids=["GD", "Momentum", "RMSprop", "Adam"])
@pytest.mark.parametrize("speed", SPEEDS)
def test_a_parameter_made_infinite_by_a_step_is_refused_at_the_next(make, speed):
    """The update reports the infinite W it wrote (silently, at both speeds); the next step refuses it before
    changing anything."""
    opt, params = make(), {"w": np.array([-1.7e308, 2.0])}
    with running(speed), warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow warning, compiled or not
        opt.step(params, {"w": np.array([1e10, 0.0])})
    assert np.isinf(params["w"][0]) and np.isfinite(params["w"][1])
    before = params["w"].copy()
    with running(speed), pytest.raises(ValueError, match=r"params\['w'\] must be finite, got 1 NaN or inf value\(s\)"):
        opt.step(params, {"w": np.array([1.0, 1.0])})
    np.testing.assert_array_equal(params["w"], before)
    assert opt.t == 1


@pytest.mark.parametrize("speed", SPEEDS)
def test_a_float32_parameter_that_overflows_when_stored_is_refused_at_the_next_step(speed):
    """The step works on a float64 copy: 4e38 is finite there, but infinite once stored back as float32."""
    opt, params = GD(1.0), {"w": np.array([3e38], dtype=np.float32)}
    with running(speed), np.errstate(over="ignore"):
        opt.step(params, {"w": np.array([-1e38])})
    assert np.isinf(params["w"][0])
    with running(speed), pytest.raises(ValueError, match=r"params\['w'\] must be finite"):
        opt.step(params, {"w": np.array([1.0])})


def test_a_replaced_parameter_array_is_checked_again():
    opt = Adam(0.1)
    opt.step({"w": np.ones(3)}, {"w": np.ones(3)})
    with pytest.raises(ValueError, match=r"params\['w'\] must have the shape of the first step's params\['w'\]"):
        opt.step({"w": np.ones(4)}, {"w": np.ones(4)})
    with pytest.raises(TypeError, match=r"params\['w'\] must be a float numpy array"):
        opt.step({"w": np.ones(3, dtype=int)}, {"w": np.ones(3)})


@pytest.mark.parametrize("make", [lambda: GD(1e-3), lambda: Momentum(1e-3), lambda: RMSprop(1e-3), lambda: Adam(1e-3)],
                         ids=["GD", "Momentum", "RMSprop", "Adam"])
@pytest.mark.parametrize("speed", SPEEDS)
def test_a_step_allocates_no_large_temporary(make, speed):
    """After the first step (which makes the state), a step on 10⁶ parameters allocates < 64 KiB compiled, and
    in the numpy form only a few temporaries of one block (never one of the parameter's 8 MB)."""
    rng = np.random.default_rng(0)
    params = {"W": rng.normal(size=(1000, 1000)), "b": rng.normal(size=(1000, 1))}
    grads = {key: rng.normal(size=value.shape) for key, value in params.items()}
    opt = make()
    with running(speed):
        opt.step(params, grads)
        tracemalloc.start()
        try:
            opt.step(params, grads)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < 64 * 1024 + (0 if speed == "numba" else 6 * _compile.BLOCK * 8)
