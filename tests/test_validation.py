"""Every bad argument of the core modules is rejected with a message naming it, its value and what is allowed.

One test id per case: ``test_bad_argument[<function>-<argument>=<value>]``. The expected message is
written as ``<argument> must be <what is allowed>, got <value>``.
"""

import math
import re
from functools import partial

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursekit import _validate
from coursekit.averages import bias_correct, ewa, ewa_step
from coursekit.minibatch import num_mini_batches, random_mini_batches
from coursekit.optim import (
    GD,
    Adam,
    Momentum,
    RMSprop,
    adam_update,
    gd_update,
    momentum_sum_update,
    momentum_update,
    rmsprop_update,
    zeros_like_params,
)
from coursekit.schedules import (
    constant,
    exponential_decay,
    interval_inverse_time_decay,
    inverse_sqrt_decay,
    inverse_time_decay,
    staircase_decay,
)
from coursekit.surfaces import Surface, rosenbrock

NAN, INF = math.nan, math.inf

# (bad value, expected exception) per kind of argument
POSITIVE_BAD = [(0, ValueError), (-0.1, ValueError), (NAN, ValueError), (INF, ValueError),
                ("0.1", TypeError), (None, TypeError), (True, TypeError)]  # fmt: skip
BETA_BAD = [(-0.1, ValueError), (1.0, ValueError), (1.5, ValueError), (NAN, ValueError), ("0.9", TypeError)]
FACTOR_BAD = [(0, ValueError), (-0.5, ValueError), (1.5, ValueError), (NAN, ValueError), ("0.95", TypeError)]
NON_NEGATIVE_BAD = [(-1.0, ValueError), (NAN, ValueError), (INF, ValueError), ("1", TypeError)]
INT_MIN_1_BAD = [(0, ValueError), (-1, ValueError), (2.5, TypeError), ("64", TypeError), (True, TypeError),
                 (None, TypeError)]  # fmt: skip
INT_MIN_0_BAD = [(-1, ValueError), (2.5, TypeError), ("3", TypeError), (True, TypeError), (None, TypeError)]

ALLOWED = {
    "positive": r"a finite number > 0",
    "non_negative": r"a finite number >= 0",
    "beta": r"(a number )?in \[0, 1\)",
    "factor": r"(a number )?in \(0, 1\]",
    "int_min_1": r"an integer >= 1",
    "int_min_0": r"an integer >= 0",
}
BAD = {
    "positive": POSITIVE_BAD,
    "non_negative": NON_NEGATIVE_BAD,
    "beta": BETA_BAD,
    "factor": FACTOR_BAD,
    "int_min_1": INT_MIN_1_BAD,
    "int_min_0": INT_MIN_0_BAD,
}


def _hyperparameter_cases(label, call, name, kind):
    """One case per bad value of the argument ``name``; ``call(value)`` passes the value to the function."""
    for value, error in BAD[kind]:
        pattern = rf"^{re.escape(name)} must be {ALLOWED[kind]}, got {re.escape(repr(value))}( of type \w+)?$"
        yield pytest.param(partial(call, value), error, pattern, id=f"{label}-{name}={value!r}")


def _case(label, call, error, pattern):
    return pytest.param(call, error, pattern, id=label)


def _set_lr(make, value):
    make().lr = value


W, V, S, DW = np.ones((2, 3)), np.zeros((2, 3)), np.zeros((2, 3)), np.full((2, 3), 0.5)

RULES = {  # rule name -> function of keyword overrides, called with valid defaults otherwise
    "gd_update": lambda **kw: gd_update(**{"w": W, "dw": DW, "lr": 0.1, **kw}),
    "momentum_update": lambda **kw: momentum_update(**{"w": W, "v": V, "dw": DW, "lr": 0.1, "beta": 0.9, **kw}),
    "momentum_sum_update": lambda **kw: momentum_sum_update(
        **{"w": W, "v": V, "dw": DW, "lr": 0.1, "beta": 0.9, **kw}
    ),
    "rmsprop_update": lambda **kw: rmsprop_update(
        **{"w": W, "s": S, "dw": DW, "lr": 0.1, "beta2": 0.999, "eps": 1e-8, **kw}
    ),
    "adam_update": lambda **kw: adam_update(
        **{"w": W, "v": V, "s": S, "dw": DW, "t": 1, "lr": 0.1, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, **kw}
    ),
}
RULE_HYPERPARAMETERS = {
    "gd_update": {"lr": "positive"},
    "momentum_update": {"lr": "positive", "beta": "beta"},
    "momentum_sum_update": {"lr": "positive", "beta": "beta"},
    "rmsprop_update": {"lr": "positive", "beta2": "beta", "eps": "positive"},
    "adam_update": {"lr": "positive", "beta1": "beta", "beta2": "beta", "eps": "positive", "t": "int_min_1"},
}
RULE_STATE = {"momentum_update": "v", "momentum_sum_update": "v", "rmsprop_update": "s", "adam_update": "v"}

OPTIMIZERS = {  # class name -> (factory of a valid object, constructor of keyword overrides)
    "GD": lambda **kw: GD(**{"lr": 0.1, **kw}),
    "Momentum": lambda **kw: Momentum(**{"lr": 0.1, **kw}),
    "RMSprop": lambda **kw: RMSprop(**{"lr": 0.1, **kw}),
    "Adam": lambda **kw: Adam(**{"lr": 0.1, **kw}),
}
OPTIMIZER_HYPERPARAMETERS = {
    "GD": {"lr": "positive"},
    "Momentum": {"lr": "positive", "beta": "beta"},
    "RMSprop": {"lr": "positive", "beta2": "beta", "eps": "positive"},
    "Adam": {"lr": "positive", "beta1": "beta", "beta2": "beta", "eps": "positive"},
}

SCHEDULE_FACTORIES = {  # factory -> its hyperparameters
    constant: {"lr0": "positive"},
    inverse_time_decay: {"lr0": "positive", "decay_rate": "non_negative"},
    interval_inverse_time_decay: {"lr0": "positive", "decay_rate": "non_negative", "time_interval": "int_min_1"},
    exponential_decay: {"lr0": "positive", "base": "factor"},
    inverse_sqrt_decay: {"lr0": "positive", "k": "positive"},
    staircase_decay: {"lr0": "positive", "factor": "factor", "every": "int_min_1"},
}
SCHEDULE_ARGUMENT = {  # factory -> the name and kind of the schedule's own argument
    constant: ("epoch", "int_min_0"),
    inverse_time_decay: ("epoch", "int_min_0"),
    interval_inverse_time_decay: ("epoch", "int_min_0"),
    exponential_decay: ("epoch", "int_min_0"),
    inverse_sqrt_decay: ("n", "int_min_1"),
    staircase_decay: ("n", "int_min_0"),
}


def _params():
    return {"W1": np.ones((3, 4)), "b1": np.zeros((3, 1))}


def _grads(**changes):
    return {"W1": np.full((3, 4), 0.5), "b1": np.full((3, 1), 0.5), **changes}


def _step(make, params, grads):
    make().step(params, grads)


def _second_step(make, params, grads):
    opt = make()
    opt.step(_params(), _grads())
    opt.step(params, grads)


def _all_cases():
    cases = []
    # --- optimizer objects: constructor, lr setter, step --------------------------------------------------
    for label, make in OPTIMIZERS.items():
        for name, kind in OPTIMIZER_HYPERPARAMETERS[label].items():
            cases += _hyperparameter_cases(label, lambda value, make=make, name=name: make(**{name: value}), name, kind)
        cases += _hyperparameter_cases(f"{label}.lr-setter", partial(_set_lr, make), "lr", "positive")
        step = partial(_step, make)
        cases += [
            _case(f"{label}.step-missing-key", partial(step, _params(), {"W1": np.ones((3, 4))}), ValueError,
                  r"grads must have the same keys as params, \['W1', 'b1'\]; missing \['b1'\], unexpected \[\]"),
            _case(f"{label}.step-extra-key", partial(step, _params(), _grads(W2=np.ones(2))), ValueError,
                  r"grads must have the same keys as params, \['W1', 'b1'\]; missing \[\], unexpected \['W2'\]"),
            _case(f"{label}.step-grad-shape", partial(step, _params(), _grads(W1=np.ones((4, 3)))), ValueError,
                  r"grads\['W1'\] must have the shape of params\['W1'\], \(3, 4\), got \(4, 3\)"),
            _case(f"{label}.step-grad-nan", partial(step, _params(), _grads(b1=np.array([[0.0], [NAN], [0.0]]))),
                  ValueError, r"grads\['b1'\] must be finite, got 1 NaN or inf value\(s\) in an array of shape "
                              r"\(3, 1\)"),
            _case(f"{label}.step-grad-inf", partial(step, _params(), _grads(W1=np.full((3, 4), INF))), ValueError,
                  r"grads\['W1'\] must be finite, got 12 NaN or inf value\(s\) in an array of shape \(3, 4\)"),
            _case(f"{label}.step-grad-text", partial(step, _params(), _grads(b1=[["a"], ["b"], ["c"]])), TypeError,
                  r"grads\['b1'\] must be a numeric array, got list"),
            _case(f"{label}.step-params-not-dict", partial(step, [np.ones(2)], _grads()), TypeError,
                  r"params must be a dict of arrays, got list"),
            _case(f"{label}.step-grads-not-dict", partial(step, _params(), (np.ones(2),)), TypeError,
                  r"grads must be a dict of arrays, got tuple"),
            _case(f"{label}.step-params-int-array", partial(step, {"w": np.array([1, 2])}, {"w": np.ones(2)}),
                  TypeError, r"params\['w'\] must be a float numpy array \(updated in place\), got array\(\[1, 2\]\)"),
            _case(f"{label}.step-params-list", partial(step, {"w": [1.0, 2.0]}, {"w": np.ones(2)}), TypeError,
                  r"params\['w'\] must be a float numpy array \(updated in place\), got \[1\.0, 2\.0\]"),
            _case(f"{label}.step-params-nan", partial(step, {"w": np.array([NAN, 1.0])}, {"w": np.ones(2)}),
                  ValueError, r"params\['w'\] must be finite, got 1 NaN or inf value\(s\) in an array of shape \(2,\)"),
        ]  # fmt: skip
        if label != "GD":  # optimizers with state remember the keys and shapes of the first step
            second = partial(_second_step, make)
            cases += [
                _case(f"{label}.step-keys-changed", partial(second, {"W1": np.ones((3, 4))}, {"W1": np.ones((3, 4))}),
                      ValueError, r"params must keep the keys of the first step, \['W1', 'b1'\], got \['W1'\]"),
                _case(f"{label}.step-shape-changed", partial(second, _params() | {"b1": np.zeros((2, 1))},
                                                             _grads(b1=np.ones((2, 1)))), ValueError,
                      r"params\['b1'\] must have the shape of the first step's params\['b1'\], \(3, 1\), got \(2, 1\)"),
            ]  # fmt: skip
    cases.append(_case("Momentum-average='yes'", partial(Momentum, 0.1, average="yes"), TypeError,
                       r"average must be True or False, got 'yes'"))  # fmt: skip
    cases.append(_case("Momentum-average=1", partial(Momentum, 0.1, average=1), TypeError,
                       r"average must be True or False, got 1"))  # fmt: skip
    # --- pure update rules ----------------------------------------------------------------------------------
    for label, rule in RULES.items():
        for name, kind in RULE_HYPERPARAMETERS[label].items():
            cases += _hyperparameter_cases(label, lambda value, rule=rule, name=name: rule(**{name: value}), name, kind)
        cases += [
            _case(f"{label}-dw-nan", partial(rule, dw=np.array([[0.5, NAN, 0.5], [0.5, 0.5, 0.5]])), ValueError,
                  r"dw must be finite, got 1 NaN or inf value\(s\) in an array of shape \(2, 3\)"),
            _case(f"{label}-dw-inf", partial(rule, dw=np.full((2, 3), -INF)), ValueError,
                  r"dw must be finite, got 6 NaN or inf value\(s\) in an array of shape \(2, 3\)"),
            _case(f"{label}-dw-shape", partial(rule, dw=np.ones((3, 2))), ValueError,
                  r"dw must have the shape of w, \(2, 3\), got \(3, 2\)"),
            _case(f"{label}-w-text", partial(rule, w="weights"), TypeError, r"w must be a numeric array, got str"),
            _case(f"{label}-w-none", partial(rule, w=None), TypeError, r"w must be a numeric array, got NoneType"),
        ]  # fmt: skip
        if label in RULE_STATE:
            state = RULE_STATE[label]
            cases += [
                _case(f"{label}-{state}-shape", partial(rule, **{state: np.zeros(3)}), ValueError,
                      rf"{state} must have the shape of w, \(2, 3\), got \(3,\)"),
                _case(f"{label}-{state}-nan", partial(rule, **{state: np.full((2, 3), NAN)}), ValueError,
                      rf"{state} must be finite, got 6 NaN or inf value\(s\) in an array of shape \(2, 3\)"),
            ]  # fmt: skip
    cases.append(_case("adam_update-s-shape", partial(RULES["adam_update"], s=np.zeros((2, 2))), ValueError,
                       r"s must have the shape of w, \(2, 3\), got \(2, 2\)"))  # fmt: skip
    cases.append(_case("zeros_like_params-list", partial(zeros_like_params, [np.ones(2)]), TypeError,
                       r"params must be a dict of arrays, got list"))  # fmt: skip
    # --- exponentially weighted averages ----------------------------------------------------------------
    cases += _hyperparameter_cases("ewa_step", lambda value: ewa_step(0.0, 1.0, beta=value), "beta", "beta")
    cases += _hyperparameter_cases("bias_correct", lambda value: bias_correct(1.0, beta=value, t=1), "beta", "beta")
    cases += _hyperparameter_cases("bias_correct", lambda value: bias_correct(1.0, beta=0.9, t=value), "t", "int_min_1")
    cases += _hyperparameter_cases("ewa", lambda value: ewa([1.0, 2.0], beta=value), "beta", "beta")
    cases += [
        _case("ewa-thetas-2d", partial(ewa, np.ones((2, 3)), 0.9), ValueError,
              r"thetas must be a 1-D array, got 2-D array of shape \(2, 3\)"),
        _case("ewa-thetas-nan", partial(ewa, [1.0, NAN, INF], 0.9), ValueError,
              r"thetas must be finite, got 2 NaN or inf value\(s\) in an array of shape \(3,\)"),
        _case("ewa-thetas-text", partial(ewa, "1 2 3", 0.9), TypeError, r"thetas must be a numeric array, got str"),
        _case("ewa-thetas-none", partial(ewa, None, 0.9), TypeError, r"thetas must be a numeric array, got NoneType"),
    ]  # fmt: skip
    # --- mini-batches ---------------------------------------------------------------------------------------
    X, Y = np.ones((2, 5)), np.ones((1, 5))
    cases += _hyperparameter_cases(
        "random_mini_batches", lambda value: random_mini_batches(X, Y, mini_batch_size=value), "mini_batch_size",
        "int_min_1",
    )
    cases += _hyperparameter_cases(
        "random_mini_batches", lambda value: random_mini_batches(X, Y, seed=value), "seed", "int_min_0"
    )
    cases += _hyperparameter_cases("num_mini_batches", lambda value: num_mini_batches(value, 64), "m", "int_min_1")
    cases += _hyperparameter_cases(
        "num_mini_batches", lambda value: num_mini_batches(100, value), "mini_batch_size", "int_min_1"
    )
    cases += [
        _case("random_mini_batches-X-1d", partial(random_mini_batches, np.ones(5), Y), ValueError,
              r"X must be a 2-D array, got 1-D array of shape \(5,\)"),
        _case("random_mini_batches-Y-1d", partial(random_mini_batches, X, np.ones(5)), ValueError,
              r"Y must be a 2-D array, got 1-D array of shape \(5,\)"),
        _case("random_mini_batches-X-3d", partial(random_mini_batches, np.ones((2, 5, 1)), Y), ValueError,
              r"X must be a 2-D array, got 3-D array of shape \(2, 5, 1\)"),
        _case("random_mini_batches-different-m", partial(random_mini_batches, X, np.ones((1, 4))), ValueError,
              r"X and Y must have the same number of examples m \(columns\), got X \(2, 5\) and Y \(1, 4\)"),
        _case("random_mini_batches-X-text", partial(random_mini_batches, "X", Y), TypeError,
              r"X must be a numeric array, got str"),
        _case("random_mini_batches-Y-none", partial(random_mini_batches, X, None), TypeError,
              r"Y must be a numeric array, got NoneType"),
    ]  # fmt: skip
    # --- schedules: factories and the schedules they return ------------------------------------------------
    for factory, hyperparameters in SCHEDULE_FACTORIES.items():
        label = factory.__name__
        for name, kind in hyperparameters.items():
            call = lambda value, f=factory, name=name: f(**{"lr0": 0.1, name: value})  # noqa: E731
            cases += _hyperparameter_cases(label, call, name, kind)
        argument, kind = SCHEDULE_ARGUMENT[factory]
        cases += _hyperparameter_cases(f"{label}(0.1)", lambda value, f=factory: f(0.1)(value), argument, kind)
    return cases


CASES = _all_cases()


@pytest.mark.parametrize("call, error, pattern", CASES)
def test_bad_argument(call, error, pattern):
    with pytest.raises(error, match=pattern):
        call()


def test_case_ids_are_unique():
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("make", OPTIMIZERS.values(), ids=OPTIMIZERS.keys())
def test_a_rejected_lr_keeps_the_old_one(make):
    opt = make()
    with pytest.raises(ValueError, match="lr must be"):
        opt.lr = -1.0
    assert opt.lr == 0.1


BAD_STEPS = {  # what goes wrong -> (changed params, changed grads, expected message)
    "params-inf": ({"b1": np.array([[0.0], [INF], [0.0]])}, {}, r"params\['b1'\] must be finite"),
    "grads-nan": ({}, {"b1": np.array([[0.0], [NAN], [0.0]])}, r"grads\['b1'\] must be finite"),
    "shape-changed": (
        {"b1": np.zeros((2, 1))},
        {"b1": np.ones((2, 1))},
        r"params\['b1'\] must have the shape of the first step's",
    ),
}


@pytest.mark.parametrize(
    "make, bad_params, bad_grads, pattern",
    [
        pytest.param(make, *BAD_STEPS[what], id=f"{label}-{what}")
        for label, make in OPTIMIZERS.items()
        for what in BAD_STEPS
        if not (label == "GD" and what == "shape-changed")  # GD keeps no state: a new shape is a new problem
    ],
)
def test_a_rejected_step_changes_nothing(make, bad_params, bad_grads, pattern):
    """A step that raises leaves every parameter, the state and t as they were (no half-done update)."""
    opt = make()
    params = _params()
    opt.step(params, _grads())
    params_before = {key: value.copy() for key, value in params.items()}
    state_before = {name: {k: a.copy() for k, a in arrays.items()} for name, arrays in opt.state.items()}
    with pytest.raises(ValueError, match=pattern):
        opt.step(params | bad_params, _grads(**bad_grads))
    assert opt.t == 1
    for key in params:
        np.testing.assert_array_equal(params[key], params_before[key])
    for name, arrays in opt.state.items():
        for key, array in arrays.items():
            np.testing.assert_array_equal(array, state_before[name][key])


# ---- the checks of coursekit._validate themselves: each bad value names the argument -------------------------

numbers = st.floats(allow_nan=False, allow_infinity=False) | st.integers(-10**6, 10**6)


@given(numbers)
def test_finite_returns_any_finite_number_as_a_float(value):
    assert _validate.finite(value, "a") == float(value) and type(_validate.finite(value, "a")) is float


@given(st.floats(-1e6, 1e6), st.floats(0, 1e6))
def test_at_least_accepts_low_and_above_and_refuses_below(low, above):
    assert _validate.at_least(low + above, "kappa", low) == low + above
    if above > 0 and low - above < low:
        with pytest.raises(ValueError, match=rf"^kappa must be a finite number >= {re.escape(str(low))}, got "):
            _validate.at_least(low - above, "kappa", low)


@given(st.floats(0, 1, exclude_min=True, exclude_max=True))
def test_fraction_accepts_the_open_unit_interval(value):
    assert _validate.fraction(value, "reduction") == value


@given(st.lists(st.integers()), st.sampled_from([list, tuple, iter, np.array]))
def test_sequence_returns_the_items_of_any_sequence_once(items, kind):
    got = _validate.sequence(kind(items), "sizes", "mini-batch sizes")
    assert type(got) is list and [int(x) for x in got] == items


@given(st.lists(st.sampled_from(["GD", "Momentum", "RMSprop", "Adam"]), min_size=1, unique=True))
def test_names_returns_distinct_known_names_as_a_tuple(chosen):
    assert _validate.names(chosen, "optimizers", ("GD", "Momentum", "RMSprop", "Adam")) == tuple(chosen)


@given(st.lists(st.integers(1, 50), min_size=2, max_size=5))
def test_layer_dims_returns_the_sizes_as_ints(dims):
    assert _validate.layer_dims(np.array(dims)) == dims


@given(numbers, numbers)
def test_point_returns_the_two_coordinates_as_floats(x, y):
    assert _validate.point(np.array([x, y]), "start") == (float(x), float(y))


def test_is_number_is_true_for_reals_only():
    assert [_validate.is_number(v) for v in (1, 2.5, np.float64(0.1), np.int64(3))] == [True] * 4
    assert [_validate.is_number(v) for v in (True, "1", None, np.array(1.0), 1j)] == [False] * 5


def _gen():
    yield from ()


@pytest.mark.parametrize("call, error, pattern", [
    (lambda: _validate.finite(math.nan, "a"), ValueError, r"^a must be a finite number, got nan$"),
    (lambda: _validate.finite("1", "a"), TypeError, r"^a must be a finite number, got '1' of type str$"),
    (lambda: _validate.at_least(0.5, "condition_number", 1), ValueError,
     r"^condition_number must be a finite number >= 1, got 0.5$"),
    (lambda: _validate.at_least(INF, "condition_number", 1), ValueError,
     r"^condition_number must be a finite number >= 1, got inf$"),
    (lambda: _validate.at_least(None, "condition_number", 1), TypeError,
     r"^condition_number must be a finite number >= 1, got None of type NoneType$"),
    (lambda: _validate.fraction(1.0, "reduction"), ValueError, r"^reduction must be a number in \(0, 1\), got 1.0$"),
    (lambda: _validate.fraction("0.5", "reduction"), TypeError,
     r"^reduction must be a number in \(0, 1\), got '0.5' of type str$"),
    (lambda: _validate.sequence("1 2", "sizes", "mini-batch sizes"), TypeError,
     r"^sizes must be a sequence of mini-batch sizes, got '1 2'$"),
    (lambda: _validate.sequence(8, "sizes", "mini-batch sizes"), TypeError,
     r"^sizes must be a sequence of mini-batch sizes, got 8$"),
    (lambda: _validate.sequence(np.array(8), "sizes", "mini-batch sizes"), TypeError,
     r"^sizes must be a sequence of mini-batch sizes, got array\(8\)$"),
    (lambda: _validate.sequence({"W1": 1}, "grads", "dicts"), TypeError, r"^grads must be a sequence of dicts, got \{"),
    (lambda: _validate.sequence(_gen(), "lrs", "learning rates", non_empty=True), ValueError,
     r"^lrs must be a non-empty sequence of learning rates, got <generator"),
    (lambda: _validate.names("GD", "optimizers", ("GD", "Adam")), TypeError,
     r"^optimizers must be a non-empty sequence of distinct names from \['GD', 'Adam'\], got 'GD'$"),
    (lambda: _validate.names([], "optimizers", ("GD", "Adam")), ValueError,
     r"^optimizers must be a non-empty sequence of distinct names from \['GD', 'Adam'\], got \[\]$"),
    (lambda: _validate.names(["GD", "GD"], "optimizers", ("GD", "Adam")), ValueError,
     r"^optimizers must be a non-empty sequence of distinct names from \['GD', 'Adam'\], got \['GD', 'GD'\]$"),
    (lambda: _validate.names(["SGD"], "optimizers", ("GD", "Adam")), ValueError,
     r"^optimizers must be a non-empty sequence of distinct names from \['GD', 'Adam'\], got \['SGD'\]$"),
    (lambda: _validate.layer_dims([3]), ValueError,
     r"^layer_dims must be a list of at least two sizes \[n_x, \.\.\., n_y\], got \[3\]$"),
    (lambda: _validate.layer_dims("23"), TypeError,
     r"^layer_dims must be a list of at least two sizes \[n_x, \.\.\., n_y\], got '23'$"),
    (lambda: _validate.layer_dims(5), TypeError,
     r"^layer_dims must be a list of at least two sizes \[n_x, \.\.\., n_y\], got 5$"),
    (lambda: _validate.layer_dims(np.array(5)), TypeError,
     r"^layer_dims must be a list of at least two sizes \[n_x, \.\.\., n_y\], got array\(5\)$"),
    (lambda: _validate.layer_dims([2, 0, 1]), ValueError, r"^layer_dims\[1\] must be an integer >= 1, got 0$"),
    (lambda: _validate.point([1.0, 2.0, 3.0], "start"), ValueError,
     r"^start must have shape \(2,\) for \(x, y\), got shape \(3,\)$"),
    (lambda: _validate.point([1.0, NAN], "start"), ValueError, r"^start must be finite, got 1 NaN or inf value"),
    (lambda: _validate.point("here", "target"), TypeError, r"^target must be a numeric array, got str$"),
    (lambda: _validate.instance("bowl", "surface", Surface), TypeError,
     r"^surface must be a coursekit.surfaces.Surface, got str$"),
    (lambda: _validate.instance(rosenbrock, "surface", Surface), TypeError,
     r"^surface must be a coursekit.surfaces.Surface, got function$"),
])  # fmt: skip
def test_a_check_names_the_argument_shows_the_value_and_says_what_is_allowed(call, error, pattern):
    with pytest.raises(error, match=pattern):
        call()


def test_instance_returns_the_value():
    surface = rosenbrock()
    assert _validate.instance(surface, "surface", Surface) is surface
