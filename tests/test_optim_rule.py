"""The optimizer made from a pure update rule (coursekit.optim.Rule) steps as the optimizer objects do.

Around coursekit's own rules it gives the objects' bits, at both of their speeds (compiled by Numba and the
numpy form, ``tests/speeds.py``); it counts t from 1, checks its hyperparameters as the objects do, goes
wherever an optimizer goes, and refuses a rule that returns something else than its arrays, changing nothing.
"""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursekit import data, trajectories
from coursekit.optim import GD, Adam, Momentum, RMSprop, Rule, adam_update, gd_update, momentum_sum_update
from coursekit.optim import momentum_update, rmsprop_update
from coursekit.surfaces import elongated_quadratic
from coursekit.train import train
from tests.speeds import SPEEDS, running
from tests.strategies import learning_rates, optimizers, params_and_grads


def _rule_like(opt) -> Rule:
    """The Rule around coursekit's pure rule of ``opt``, with ``opt``'s hyperparameters."""
    if isinstance(opt, GD):
        return Rule(gd_update, "GD", opt.lr)
    if isinstance(opt, Momentum):
        return Rule(momentum_update if opt.average else momentum_sum_update, "Momentum", opt.lr, beta=opt.beta)
    if isinstance(opt, RMSprop):
        return Rule(rmsprop_update, "RMSprop", opt.lr, beta2=opt.beta2, eps=opt.eps)
    return Rule(adam_update, "Adam", opt.lr, beta1=opt.beta1, beta2=opt.beta2, eps=opt.eps)


@pytest.mark.parametrize("speed", SPEEDS)
@given(optimizers(), params_and_grads(steps=6), st.lists(st.one_of(st.none(), learning_rates), min_size=6,
                                                          max_size=6), st.booleans())
def test_a_rule_around_coursekits_own_steps_as_its_object_bit_for_bit(speed, opt, problem, lrs, float32):
    params, grads = problem
    if float32:  # a parameter that is not float64 is stepped on a copy, as the objects do
        params["b1"] = params["b1"].astype(np.float32)
    rule = _rule_like(opt)
    by_rule, by_object = ({k: v.copy() for k, v in params.items()} for _ in range(2))
    with running(speed):
        for step, (g, lr) in enumerate(zip(grads, lrs), start=1):
            if lr is not None:
                rule.lr = opt.lr = lr
            rule.step(by_rule, g)
            opt.step(by_object, g)
            for key in params:
                np.testing.assert_array_equal(by_rule[key], by_object[key], err_msg=f"{key} after step {step}")
                assert by_rule[key].dtype == by_object[key].dtype
                for name in opt.state:
                    np.testing.assert_array_equal(rule.state[name][key], opt.state[name][key])
    assert rule.t == opt.t == len(grads)


def test_a_rule_trains_a_network_to_its_objects_costs():
    X, Y = data.two_moons(m=120, seed=1)
    runs = [train(X, Y, [2, 5, 1], opt, epochs=3, mini_batch_size=32, seed=2)
            for opt in (Adam(lr=0.01), Rule(adam_update, "Adam", lr=0.01))]
    np.testing.assert_array_equal(runs[0].costs, runs[1].costs)


def test_a_rule_runs_a_trajectory():
    bowl = elongated_quadratic(condition_number=10.0)
    paths = [trajectories.trajectory(bowl, opt, steps=20).points
             for opt in (Momentum(lr=0.05, beta=0.8), Rule(momentum_update, "Momentum", lr=0.05, beta=0.8))]
    np.testing.assert_array_equal(paths[0], paths[1])


def test_a_rule_gets_the_step_number_from_1_arrays_of_the_parameters_shape_and_the_hyperparameters():
    calls = []

    def spy(w, v, s, dw, t, lr, beta1, beta2, eps):
        calls.append((w.shape, t, lr, beta1, beta2, eps))
        return adam_update(w, v, s, dw, t, lr, beta1, beta2, eps)

    opt = Rule(spy, "Adam", lr=0.1, beta2=0.99)
    params = {"W1": np.ones((3, 2))}
    for _ in range(2):
        opt.step(params, {"W1": np.ones((3, 2))})
    assert calls == [((3, 2), 1, 0.1, 0.9, 0.99, 1e-8), ((3, 2), 2, 0.1, 0.9, 0.99, 1e-8)]


def test_a_rules_hyperparameters_are_checked_when_changed_as_the_objects_check_them():
    opt = Rule(rmsprop_update, "RMSprop", lr=0.1)
    assert (opt.beta2, opt.eps) == (0.9, 1e-8), "the object's defaults"
    opt.beta2 = 0.5
    assert opt.beta2 == 0.5 and repr(opt) == "Rule(rmsprop_update, 'RMSprop', lr=0.1, beta2=0.5, eps=1e-08)"
    with pytest.raises(ValueError, match=r"beta2 must be in \[0, 1\), got 1.5"):
        opt.beta2 = 1.5
    with pytest.raises(ValueError, match=r"lr must be a finite number > 0, got -1"):
        opt.lr = -1
    with pytest.raises(AttributeError, match="'Rule' object has no attribute 'beta1'"):
        opt.beta1


def _returns_none(w, v, dw, lr, beta):
    return None


def _returns_three(w, v, dw, lr, beta):
    return w, v, v


def _returns_a_transpose(w, v, dw, lr, beta):
    return (w - lr * dw).T, v


def _changes_w_in_place(w, v, dw, lr, beta):
    w -= lr * dw
    return w, v


@pytest.mark.parametrize(("rule", "error", "message"), [
    (_returns_none, TypeError,
     r"update must return \(W, v\), 2 array\(s\) of the shape of params\['W2'\], \(3, 2\), got None"),
    (_returns_three, TypeError, r"update must return \(W, v\), .*got \(array"),
    (_returns_a_transpose, ValueError, r"update's W for params\['W2'\] must have the shape \(3, 2\), got \(2, 3\)"),
    (_changes_w_in_place, ValueError, r"read-only"),
], ids=["None", "three arrays", "wrong shape", "in place"])
def test_a_rule_that_returns_something_else_is_refused_and_nothing_changes(rule, error, message):
    params = {"W1": np.ones((2, 2)), "W2": np.ones((3, 2))}
    opt = Rule(lambda w, v, dw, lr, beta: rule(w, v, dw, lr, beta) if w.shape == (3, 2) else (w, v), "Momentum", 0.1)
    with pytest.raises(error, match=message):
        opt.step(params, {key: np.full(value.shape, 2.0) for key, value in params.items()})
    assert opt.t == 0 and all((value == 1).all() for value in params.values()), "nothing changed"
    assert all((v == 0).all() for v in opt.state["v"].values())


def test_a_rule_that_makes_w_infinite_is_refused_at_the_next_step_as_the_objects_do():
    opt = Rule(lambda w, dw, lr: w + np.inf, "GD", lr=0.1)
    params = {"W1": np.ones(2)}
    opt.step(params, {"W1": np.ones(2)})
    assert np.isinf(params["W1"]).all()
    with pytest.raises(ValueError, match=r"params\['W1'\] must be finite"):
        opt.step(params, {"W1": np.ones(2)})
