"""Tests of coursekit.course.exercises: references pass, learners' mistakes fail with their names, right answers pass.

The wrong answers below are written as a learner would write them, independently of the catalogue's own
wrong implementations; a last test makes sure that every catalogued mistake has one here.
"""

import ast
import copy
import inspect
import math
import re
import warnings

import numpy as np
import pytest

from coursekit.course import exercises
from coursekit.course.checks import check
from coursekit.course.exercises import ExerciseFailed, evaluate, exercise, names, reference

NAMES = [
    "gd_update",
    "random_mini_batches",
    "gradient_spread",
    "ewa_step",
    "bias_correct",
    "initialize_velocity",
    "momentum_update",
    "rmsprop_update",
    "initialize_adam",
    "adam_update",
    "inverse_time_decay",
    "interval_inverse_time_decay",
    "classify_critical_point",
]


# ---------------------------------------------------------------- the registry


def test_names_lists_every_exercise_in_course_order():
    assert names() == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_reference_passes_and_check_returns_one_verdict_line(name):
    result = evaluate(name, reference(name))
    assert result.passed and bool(result) and result.mistake is None and result.case is None
    verdict = check(name, reference(name))
    n = len(exercise(name).cases)
    assert repr(verdict) == verdict.message == f"✔ {name}: all {n} cases pass ({exercise(name).tolerance})"
    assert "\n" not in verdict.message


@pytest.mark.parametrize("name", NAMES)
def test_every_exercise_has_enough_cases_matching_its_signature(name):
    entry = exercise(name)
    assert len(entry.cases) >= 4
    assert all(len(case.args) == len(entry.args) for case in entry.cases)
    assert entry.signature.startswith(f"{name}({', '.join(entry.args)}) -> ")
    assert entry.description and 2 <= len(entry.hints) <= 3


def test_signatures_of_the_learner_functions():
    signatures = [exercise(name).signature for name in NAMES]
    assert signatures == [
        "gd_update(w, dw, lr) -> w",
        "random_mini_batches(X, Y, mini_batch_size, seed) -> mini_batches",
        "gradient_spread(minibatch_grads, full_grad) -> spread",
        "ewa_step(v, theta, beta) -> v",
        "bias_correct(v, beta, t) -> v_hat",
        "initialize_velocity(params) -> v",
        "momentum_update(w, v, dw, lr, beta) -> (w, v)",
        "rmsprop_update(w, s, dw, lr, beta2, eps) -> (w, s)",
        "initialize_adam(params) -> (v, s)",
        "adam_update(w, v, s, dw, t, lr, beta1, beta2, eps) -> (w, v, s)",
        "inverse_time_decay(lr0, epoch_num, decay_rate) -> lr",
        "interval_inverse_time_decay(lr0, epoch_num, decay_rate, time_interval) -> lr",
        "classify_critical_point(hessian) -> kind",
    ]


def test_references_compute_the_lecture_values():
    assert reference("inverse_time_decay")(0.2, 2, 1.0) == pytest.approx(0.2 / 3)
    assert reference("interval_inverse_time_decay")(0.1, 25, 1.0, 10) == pytest.approx(0.1 / 3)
    assert reference("bias_correct")(0.02, 0.98, 1) == pytest.approx(1.0)
    assert reference("classify_critical_point")(np.diag([1.0, -1.0])) == "saddle"
    v, s = reference("initialize_adam")({"W1": np.ones((2, 3))})
    assert v["W1"].shape == s["W1"].shape == (2, 3) and v["W1"] is not s["W1"]


@pytest.mark.parametrize("function", [reference, exercise, lambda name: evaluate(name, abs), lambda n: check(n, abs)])
def test_unknown_names_are_rejected_with_the_list_of_exercises(function):
    with pytest.raises(ValueError, match=r"name must be one of the exercises gd_update, random_mini_batches, .*"
                                         r"classify_critical_point; got 'adam'"):
        function("adam")


def test_a_name_that_is_not_a_string_is_rejected():
    with pytest.raises(TypeError, match="name must be the name of an exercise .a str., got int"):
        reference(3)


def test_each_notebooks_module_holds_the_exercises_of_that_notebook_and_the_registry_lists_them_all():
    assert [module.__name__.rsplit(".", 1)[1] for module in exercises.MODULES] == [f"nb{n:02d}" for n in range(10)]
    listed = [(module.__name__[-2:], entry) for module in exercises.MODULES for entry in module.EXERCISES]
    assert all(entry.notebook == number for number, entry in listed)
    assert [entry.name for _, entry in listed] == names(), "no exercise is listed twice or left out"


def _called(node) -> str | None:
    """The name of the function a call calls (``Draws``, ``default_rng``), or None if ``node`` is no call."""
    if not isinstance(node, ast.Call):
        return None
    return getattr(node.func, "id", None) or getattr(node.func, "attr", None)


def test_each_exercise_draws_its_inputs_from_a_generator_of_its_own():
    """A case added to one exercise never changes another's inputs: every ``Draws`` has a seed no other
    exercise uses, and no generator is kept at module level, where a second exercise could draw from it."""
    seeds = []
    for module in exercises.MODULES:
        tree = ast.parse(inspect.getsource(module))
        for call in (node for node in ast.walk(tree) if _called(node) == "Draws"):
            (seed,) = call.args
            assert isinstance(seed, ast.Constant) and isinstance(seed.value, int), f"{module.__name__}: a literal seed"
            seeds.append(seed.value)
        kept = [node.lineno for node in tree.body if isinstance(node, ast.Assign)
                and _called(node.value) in ("Draws", "default_rng")]
        assert not kept, f"{module.__name__} keeps a generator at module level, line {kept}"
    assert len(seeds) == len(set(seeds)) <= len(names())


# ---------------------------------------------------------------- wrong answers, as learners write them


def gd_plus(w, dw, lr):
    return w + lr * dw


def gd_without_lr(w, dw, lr):
    new_w = np.copy(w)
    new_w = new_w - dw
    return new_w


def gd_in_place(w, dw, lr):
    w -= lr * dw
    return w


def batches_from(X, Y, size, widths=None):
    """Consecutive blocks of X and Y (already shuffled); ``widths`` overrides the block sizes."""
    out, k = [], 0
    for width in widths or [min(size, X.shape[1] - k) for k in range(0, X.shape[1], size)]:
        out.append((X[:, k : k + width], Y[:, k : k + width]))
        k += width
    return out


def batches_two_permutations(X, Y, mini_batch_size, seed):
    rng = np.random.default_rng(seed)
    X = X[:, rng.permutation(X.shape[1])]
    Y = Y[:, rng.permutation(Y.shape[1])]
    return batches_from(X, Y, mini_batch_size)


def batches_last_dropped(X, Y, mini_batch_size, seed):
    p = np.random.default_rng(seed).permutation(X.shape[1])
    X, Y = X[:, p], Y[:, p]
    batches = []
    for k in range(X.shape[1] // mini_batch_size):
        cols = slice(k * mini_batch_size, (k + 1) * mini_batch_size)
        batches.append((X[:, cols], Y[:, cols]))
    return batches


def batches_always_a_last_one(X, Y, mini_batch_size, seed):
    p = np.random.default_rng(seed).permutation(X.shape[1])
    X, Y = X[:, p], Y[:, p]
    m, size = X.shape[1], mini_batch_size
    batches = [(X[:, k * size : (k + 1) * size], Y[:, k * size : (k + 1) * size]) for k in range(m // size)]
    batches.append((X[:, (m // size) * size :], Y[:, (m // size) * size :]))
    return batches


def batches_split_evenly(X, Y, mini_batch_size, seed):
    p = np.random.default_rng(seed).permutation(X.shape[1])
    count = math.ceil(X.shape[1] / mini_batch_size)
    return list(zip(np.array_split(X[:, p], count, axis=1), np.array_split(Y[:, p], count, axis=1)))


def batches_rows_indexed(X, Y, mini_batch_size, seed):
    p = np.random.default_rng(seed).permutation(X.shape[1])
    X, Y = X[p], Y[p]
    return batches_from(X, Y, mini_batch_size)


def batches_feature_rows_shuffled(X, Y, mini_batch_size, seed):
    p = np.random.default_rng(seed).permutation(X.shape[0])
    return batches_from(X[p, :], Y, mini_batch_size)


def batches_not_shuffled(X, Y, mini_batch_size, seed):
    return batches_from(X, Y, mini_batch_size)


def batches_unseeded(X, Y, mini_batch_size, seed):
    p = np.random.default_rng().permutation(X.shape[1])
    return batches_from(X[:, p], Y[:, p], mini_batch_size)


def ewa_sum(v, theta, beta):
    return beta * v + theta


def ewa_swapped(v, theta, beta):
    return (1 - beta) * v + beta * theta


def ewa_negative_weight(v, theta, beta):
    return beta * v + (beta - 1) * theta


def bias_power_loop_one_short(v, beta, t):
    power = 1.0
    for _ in range(t - 1):
        power *= beta
    return v / (1 - power)


def bias_t_plus_one(v, beta, t):
    return v / (1 - beta ** (t + 1))


def bias_times_t(v, beta, t):
    return v / (1 - beta * t)


def bias_power_of_one_minus_beta(v, beta, t):
    return v / (1 - beta) ** t


def bias_multiplied(v, beta, t):
    correction = 1 - beta**t
    return v * correction


def bias_without_one_minus(v, beta, t):
    return v / np.power(beta, t)


def velocity_params_itself(params):
    v = params
    for key in v:
        v[key] = np.zeros_like(v[key])
    return v


def velocity_zeroed_params(params):
    v = {}
    for key in params:
        v[key] = params[key]
        v[key][...] = 0.0
    return v


def velocity_cached_by_shape(params):
    cache, v = {}, {}
    for key, value in params.items():
        if value.shape not in cache:
            cache[value.shape] = np.zeros(value.shape)
        v[key] = cache[value.shape]
    return v


def velocity_d_keys(params):
    L = len(params) // 2
    v = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros(params["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(params["b" + str(l)].shape)
    return v


def velocity_int_zeros(params):
    return {key: np.zeros(value.shape, dtype=int) for key, value in params.items()}


def velocity_rows_only(params):
    return {key: np.zeros((value.shape[0], 1)) for key, value in params.items()}


def adam_init_returns_params(params):
    return params, params


def adam_init_s_from_params(params):
    v = {key: np.zeros_like(value) for key, value in params.items()}
    s = {key: value for key, value in params.items()}
    return v, s


def adam_init_same_dict(params):
    v = s = {}
    for key, value in params.items():
        v[key] = np.zeros_like(value)
    return v, s


def adam_init_cached_by_shape(params):
    return velocity_cached_by_shape(params), velocity_cached_by_shape(params)


def adam_init_d_keys(params):
    return velocity_d_keys(params), velocity_d_keys(params)


def adam_init_int_zeros(params):
    v, s = {}, {}
    for key, value in params.items():
        v[key] = np.zeros_like(value, dtype=np.int64)
        s[key] = np.zeros_like(value, dtype=np.int64)
    return v, s


def adam_init_rows_only(params):
    return velocity_rows_only(params), velocity_rows_only(params)


def momentum_sum(w, v, dw, lr, beta):
    v = beta * v + dw
    w = w - lr * v
    return w, v


def momentum_swapped(w, v, dw, lr, beta):
    v_new = (1 - beta) * v + beta * dw
    return w - lr * v_new, v_new


def momentum_steps_with_dw(w, v, dw, lr, beta):
    v = beta * v + (1 - beta) * dw
    return w - lr * dw, v


def momentum_steps_first(w, v, dw, lr, beta):
    w = w - lr * v
    v = beta * v + (1 - beta) * dw
    return w, v


def momentum_in_place(w, v, dw, lr, beta):
    v *= beta
    v += (1 - beta) * dw
    w -= lr * v
    return w, v


def rms_eps_in_sqrt(w, s, dw, lr, beta2, eps):
    s = beta2 * s + (1 - beta2) * np.square(dw)
    return w - lr * dw / np.sqrt(s + eps), s


def rms_unsquared(w, s, dw, lr, beta2, eps):
    s = beta2 * s + (1 - beta2) * dw
    return w - lr * dw / (np.sqrt(s) + eps), s


def rms_sum(w, s, dw, lr, beta2, eps):
    s = beta2 * s + dw * dw
    return w - lr * dw / (np.sqrt(s) + eps), s


def rms_swapped(w, s, dw, lr, beta2, eps):
    s = (1 - beta2) * s + beta2 * dw**2
    return w - lr * dw / (np.sqrt(s) + eps), s


def rms_no_root(w, s, dw, lr, beta2, eps):
    s = beta2 * s + (1 - beta2) * dw**2
    return w - lr * dw / (s + eps), s


def rms_times_root(w, s, dw, lr, beta2, eps):
    s = beta2 * s + (1 - beta2) * dw**2
    return w - lr * (np.sqrt(s) + eps) * dw, s


def rms_steps_first(w, s, dw, lr, beta2, eps):
    w = w - lr * dw / (np.sqrt(s) + eps)
    s = beta2 * s + (1 - beta2) * dw**2
    return w, s


def adam_learner(v_hat_of, s_hat_of, state_of=None, eps_inside=False, squared=True):
    """A learner's Adam with one step changed (the parts as functions of v, s, t and the betas)."""

    def adam(w, v, s, dw, t, lr, beta1, beta2, eps):
        v = beta1 * v + (1 - beta1) * dw
        s = beta2 * s + (1 - beta2) * (dw**2 if squared else dw)
        v_hat, s_hat = v_hat_of(v, t, beta1, beta2), s_hat_of(s, t, beta1, beta2)
        denominator = np.sqrt(s_hat + eps) if eps_inside else np.sqrt(s_hat) + eps
        w = w - lr * v_hat / denominator
        return (w, v, s) if state_of is None else (w, *state_of(v_hat, s_hat))

    return adam


def right_v(v, t, beta1, beta2):
    return v / (1 - beta1**t)


def right_s(s, t, beta1, beta2):
    return s / (1 - beta2**t)


def adam_efficient(w, v, s, dw, t, lr, beta1, beta2, eps):
    v = beta1 * v + (1 - beta1) * dw
    s = beta2 * s + (1 - beta2) * dw**2
    alpha_t = lr * math.sqrt(1 - beta2**t) / (1 - beta1**t)
    return w - alpha_t * v / (np.sqrt(s) + eps), v, s


def decay_without_one(lr0, epoch_num, decay_rate):
    return lr0 / (decay_rate * epoch_num)


def decay_precedence(lr0, epoch_num, decay_rate):
    return lr0 / decay_rate * epoch_num


def decay_no_parentheses(lr0, epoch_num, decay_rate):
    return lr0 / 1 + decay_rate * epoch_num


def decay_epoch_from_zero(lr0, epoch_num, decay_rate):
    epoch = epoch_num - 1
    return lr0 / (1 + decay_rate * epoch)


def interval_no_floor(lr0, epoch_num, decay_rate, time_interval):
    return lr0 / (1 + decay_rate * (epoch_num / time_interval))


def interval_multiplied(lr0, epoch_num, decay_rate, time_interval):
    return lr0 / (1 + decay_rate * math.floor(epoch_num * time_interval))


def interval_rounded(lr0, epoch_num, decay_rate, time_interval):
    return lr0 / (1 + decay_rate * round(epoch_num / time_interval))


def classify_by_determinant(hessian):
    det = np.linalg.det(hessian)
    if det < 0:
        return "saddle"
    if det == 0:
        return "degenerate"
    return "minimum" if hessian[0, 0] + hessian[1, 1] > 0 or np.trace(hessian) > 0 else "maximum"


def classify_by_diagonal(hessian):
    diagonal = [hessian[i, i] for i in range(len(hessian))]
    if all(d > 0 for d in diagonal):
        return "minimum"
    if all(d < 0 for d in diagonal):
        return "maximum"
    return "saddle" if any(d > 0 for d in diagonal) and any(d < 0 for d in diagonal) else "degenerate"


def classify_swapped(hessian):
    eigenvalues = np.linalg.eigvalsh(hessian)
    if np.all(eigenvalues > 0):
        return "maximum"
    if np.all(eigenvalues < 0):
        return "minimum"
    return "saddle" if eigenvalues.min() < 0 < eigenvalues.max() else "degenerate"


def spread_variance(minibatch_grads, full_grad):
    total = 0.0
    for g in minibatch_grads:
        for key in full_grad:
            total += np.sum((g[key] - full_grad[key]) ** 2)
    return total / len(minibatch_grads)


def spread_mean_norm(minibatch_grads, full_grad):
    norms = []
    for g in minibatch_grads:
        flat = np.concatenate([(g[k] - full_grad[k]).ravel() for k in full_grad])
        norms.append(np.linalg.norm(flat))
    return np.mean(norms)


def spread_of_the_norms(minibatch_grads, full_grad):
    return np.sqrt(np.mean([sum(np.sum(g[k] ** 2) for k in g) for g in minibatch_grads]))


def spread_w_keys(minibatch_grads, full_grad):
    squares = [sum(np.sum((g[k] - full_grad[k]) ** 2) for k in full_grad if "W" in k) for g in minibatch_grads]
    return np.sqrt(np.mean(squares))


def spread_of_the_mean(minibatch_grads, full_grad):
    total = 0.0
    for k in full_grad:
        average = sum(g[k] for g in minibatch_grads) / len(minibatch_grads)
        total += np.sum((average - full_grad[k]) ** 2)
    return np.sqrt(total)


def spread_rms_entries(minibatch_grads, full_grad):
    flat = lambda d: np.concatenate([d[k].ravel() for k in full_grad])  # noqa: E731
    return np.sqrt(np.mean([(flat(g) - flat(full_grad)) ** 2 for g in minibatch_grads]))


def spread_sample_std(minibatch_grads, full_grad):
    squares = np.array([sum(np.sum((g[k] - full_grad[k]) ** 2) for k in full_grad) for g in minibatch_grads])
    return np.sqrt(squares.sum() / (len(squares) - 1))


def spread_in_place(minibatch_grads, full_grad):
    squares = []
    for g in minibatch_grads:
        for k in full_grad:
            g[k] -= full_grad[k]
        squares.append(sum(np.sum(g[k] ** 2) for k in g))
    return np.sqrt(np.mean(squares))
def classify_exactly(hessian):
    eigenvalues = np.linalg.eigvalsh(hessian)
    if min(eigenvalues) < 0 < max(eigenvalues):
        return "saddle"
    if 0 in eigenvalues:
        return "degenerate"
    return "minimum" if min(eigenvalues) > 0 else "maximum"


def classify_flat_first(hessian):
    eigenvalues = np.linalg.eigvalsh(hessian)
    if np.any(np.isclose(eigenvalues, 0.0, atol=1e-8)):
        return "degenerate"
    return "saddle" if eigenvalues.min() < 0 < eigenvalues.max() else ("minimum" if eigenvalues.min() > 0 else "maximum")


def classify_non_strict(hessian):
    eigenvalues = np.linalg.eigvalsh(hessian)
    flat = 1e-8 * max(1.0, np.abs(eigenvalues).max())
    if np.all(eigenvalues >= -flat):
        return "minimum"
    if np.all(eigenvalues <= flat):
        return "maximum"
    return "saddle"


IN_PLACE, UNSEEDED = exercises.machinery.IN_PLACE.name, exercises.machinery.UNSEEDED.name

def momentum_returned_swapped(w, v, dw, lr, beta):
    v = beta * v + (1 - beta) * dw
    w = w - lr * v
    return v, w


def rms_eps_on_the_step(w, s, dw, lr, beta2, eps):
    s = beta2 * s + (1 - beta2) * dw * dw
    return w - lr * dw / np.sqrt(s) + eps, s


def adam_s_hat_with_beta1(w, v, s, dw, t, lr, beta1, beta2, eps):
    v = beta1 * v + (1 - beta1) * dw
    s = beta2 * s + (1 - beta2) * dw**2
    return w - lr * (v / (1 - beta1**t)) / (np.sqrt(s / (1 - beta1**t)) + eps), v, s


def adam_v_hat_with_beta2(w, v, s, dw, t, lr, beta1, beta2, eps):
    v = beta1 * v + (1 - beta1) * dw
    s = beta2 * s + (1 - beta2) * dw**2
    return w - lr * (v / (1 - beta2**t)) / (np.sqrt(s / (1 - beta2**t)) + eps), v, s


WRONG = [
    ("momentum_update", "returned (v, w) instead of (w, v)", momentum_returned_swapped),
    ("rmsprop_update", "ε added to the step, not to the root", rms_eps_on_the_step),
    ("adam_update", "ŝ corrected with β₁", adam_s_hat_with_beta1),
    ("adam_update", "v̂ corrected with β₂", adam_v_hat_with_beta2),
    ("gd_update", "plus instead of minus", gd_plus),
    ("gd_update", "learning rate forgotten", gd_without_lr),
    ("gd_update", IN_PLACE, gd_in_place),
    ("random_mini_batches", "X and Y shuffled with different permutations", batches_two_permutations),
    ("random_mini_batches", "last partial mini-batch dropped", batches_last_dropped),
    ("random_mini_batches", "empty last mini-batch", batches_always_a_last_one),
    ("random_mini_batches", "wrong block size", batches_split_evenly),
    ("random_mini_batches", "rows shuffled instead of columns", batches_rows_indexed),
    ("random_mini_batches", "rows shuffled instead of columns", batches_feature_rows_shuffled),
    ("random_mini_batches", "not shuffled", batches_not_shuffled),
    ("random_mini_batches", UNSEEDED, batches_unseeded),
    ("gradient_spread", "no square root", spread_variance),
    ("gradient_spread", "mean of the distances", spread_mean_norm),
    ("gradient_spread", "spread around zero", spread_of_the_norms),
    ("gradient_spread", "only the weights", spread_w_keys),
    ("gradient_spread", "averaged before the distance", spread_of_the_mean),
    ("gradient_spread", "mean over the entries instead of the sum", spread_rms_entries),
    ("gradient_spread", "divided by T − 1", spread_sample_std),
    ("gradient_spread", IN_PLACE, spread_in_place),
    ("ewa_step", "forgotten (1 − β)", ewa_sum),
    ("ewa_step", "β and (1 − β) swapped", ewa_swapped),
    ("ewa_step", "β − 1 instead of 1 − β", ewa_negative_weight),
    ("bias_correct", "t − 1 instead of t", bias_power_loop_one_short),
    ("bias_correct", "t + 1 instead of t", bias_t_plus_one),
    ("bias_correct", "β·t instead of βᵗ", bias_times_t),
    ("bias_correct", "(1 − β)ᵗ instead of 1 − βᵗ", bias_power_of_one_minus_beta),
    ("bias_correct", "multiplied instead of divided", bias_multiplied),
    ("bias_correct", "the 1 − is missing", bias_without_one_minus),
    ("initialize_velocity", "params returned as the state", velocity_params_itself),
    ("initialize_velocity", "arrays shared with params", velocity_zeroed_params),
    ("initialize_velocity", "one array shared by several keys", velocity_cached_by_shape),
    ("initialize_velocity", "keys dW1, db1 instead of W1, b1", velocity_d_keys),
    ("initialize_velocity", "integer zeros", velocity_int_zeros),
    ("initialize_velocity", "zeros of the wrong shape", velocity_rows_only),
    ("initialize_adam", "params returned as the state", adam_init_returns_params),
    ("initialize_adam", "arrays shared with params", adam_init_s_from_params),
    ("initialize_adam", "v and s are the same", adam_init_same_dict),
    ("initialize_adam", "one array shared by several keys", adam_init_cached_by_shape),
    ("initialize_adam", "keys dW1, db1 instead of W1, b1", adam_init_d_keys),
    ("initialize_adam", "integer zeros", adam_init_int_zeros),
    ("initialize_adam", "zeros of the wrong shape", adam_init_rows_only),
    ("momentum_update", "forgotten (1 − β)", momentum_sum),
    ("momentum_update", "β and (1 − β) swapped", momentum_swapped),
    ("momentum_update", "stepped with dw instead of v", momentum_steps_with_dw),
    ("momentum_update", "stepped with the old v", momentum_steps_first),
    ("momentum_update", IN_PLACE, momentum_in_place),
    ("rmsprop_update", "ε inside the square root", rms_eps_in_sqrt),
    ("rmsprop_update", "dw not squared", rms_unsquared),
    ("rmsprop_update", "forgotten (1 − β₂)", rms_sum),
    ("rmsprop_update", "β₂ and (1 − β₂) swapped", rms_swapped),
    ("rmsprop_update", "square root forgotten", rms_no_root),
    ("rmsprop_update", "multiplied by √s instead of dividing", rms_times_root),
    ("rmsprop_update", "stepped with the old s", rms_steps_first),
    ("adam_update", "bias correction with t − 1",
     adam_learner(lambda v, t, b1, b2: v / (1 - b1 ** (t - 1)), lambda s, t, b1, b2: s / (1 - b2 ** (t - 1)))),
    ("adam_update", "bias correction with t + 1",
     adam_learner(lambda v, t, b1, b2: v / (1 - b1 ** (t + 1)), lambda s, t, b1, b2: s / (1 - b2 ** (t + 1)))),
    ("adam_update", "bias correction with the wrong β",
     adam_learner(lambda v, t, b1, b2: v / (1 - b2**t), lambda s, t, b1, b2: s / (1 - b1**t))),
    ("adam_update", "bias-corrected moments returned as state",
     adam_learner(right_v, right_s, state_of=lambda v_hat, s_hat: (v_hat, s_hat))),
    ("adam_update", "ε inside the square root", adam_learner(right_v, right_s, eps_inside=True)),
    ("adam_update", "ε added to the uncorrected √s", adam_efficient),
    ("adam_update", "no bias correction", adam_learner(lambda v, *_: v, lambda s, *_: s)),
    ("adam_update", "dw not squared", adam_learner(right_v, right_s, squared=False)),
    ("inverse_time_decay", "the 1 + is missing", decay_without_one),
    ("inverse_time_decay", "operator precedence: α₀ / decay_rate · epoch_num", decay_precedence),
    ("inverse_time_decay", "parentheses forgotten: α₀ / 1 + decay_rate · epoch_num", decay_no_parentheses),
    ("inverse_time_decay", "epoch_num − 1", decay_epoch_from_zero),
    ("interval_inverse_time_decay", "floor forgotten", interval_no_floor),
    ("interval_inverse_time_decay", "multiplied by time_interval", interval_multiplied),
    ("interval_inverse_time_decay", "rounded up instead of floored", interval_rounded),
    ("classify_critical_point", "determinant and trace test", classify_by_determinant),
    ("classify_critical_point", "diagonal entries instead of eigenvalues", classify_by_diagonal),
    ("classify_critical_point", "minimum and maximum swapped", classify_swapped),
    ("classify_critical_point", "eigenvalues compared with 0 exactly", classify_exactly),
    ("classify_critical_point", "flat directions checked before the signs", classify_flat_first),
    ("classify_critical_point", "flat directions counted as curving", classify_non_strict),
]


@pytest.mark.parametrize("name, mistake, fn", WRONG, ids=[f"{n}-{f.__name__}" for n, _, f in WRONG])
def test_a_learners_mistake_fails_and_is_named(name, mistake, fn):
    result = evaluate(name, fn)
    assert not result.passed and not result
    assert result.mistake == mistake
    assert f"known mistake, {mistake}: " in result.message
    assert result.case in [case.label for case in exercise(name).cases]


def test_every_catalogued_mistake_has_a_learners_wrong_answer_in_these_tests():
    catalogued = {(name, mistake.name) for name in NAMES for mistake in exercise(name).mistakes}
    assert catalogued <= {(name, mistake) for name, mistake, _ in WRONG}


# ---------------------------------------------------------------- right answers written differently


def gd_elementwise(w, dw, lr):
    new_w = np.array(w, dtype=float)
    for index in np.ndindex(np.shape(new_w)):
        new_w[index] = new_w[index] - lr * np.asarray(dw)[index]
    return new_w if np.ndim(w) else float(new_w)


def gd_on_a_copy(w, dw, lr):
    new_w = np.copy(w)
    new_w -= lr * dw
    return new_w


def batches_argsort_shuffle(X, Y, mini_batch_size, seed):
    order = np.argsort(np.random.default_rng(seed).random(X.shape[1]))
    X, Y = X[:, order], Y[:, order]
    m, batches = X.shape[1], []
    for k in range(m // mini_batch_size):
        batches.append((X[:, k * mini_batch_size : (k + 1) * mini_batch_size],
                        Y[:, k * mini_batch_size : (k + 1) * mini_batch_size]))
    if m % mini_batch_size != 0:
        start = m - m % mini_batch_size
        batches.append((X[:, start:], Y[:, start:]))
    return batches


def batches_choice_as_lists(X, Y, mini_batch_size, seed):
    p = np.random.default_rng(seed + 7).choice(X.shape[1], size=X.shape[1], replace=False)
    blocks = [p[k : k + mini_batch_size] for k in range(0, X.shape[1], mini_batch_size)]
    return [[X[:, block], Y[:, block]] for block in blocks]


def spread_flattened(minibatch_grads, full_grad):
    g = np.concatenate([full_grad[k].ravel() for k in full_grad])
    G = np.array([np.concatenate([d[k].ravel() for k in full_grad]) for d in minibatch_grads])
    return float(np.sqrt(np.mean(np.sum((G - g) ** 2, axis=1))))


def spread_with_loops(minibatch_grads, full_grad):
    total = 0.0
    for g in minibatch_grads:
        for key, value in full_grad.items():
            for index in np.ndindex(value.shape):
                total += (g[key][index] - value[index]) ** 2
    return math.sqrt(total / len(minibatch_grads))


def ewa_as_correction(v, theta, beta):
    return v + (1 - beta) * (theta - v)


def bias_with_power_loop(v, beta, t):
    power = 1.0
    for _ in range(t):
        power = power * beta
    return v / (1.0 - power)


def velocity_lecture_loop(params):
    L = len(params) // 2
    v = {}
    for l in range(1, L + 1):
        v["W" + str(l)] = np.zeros((params["W" + str(l)].shape[0], params["W" + str(l)].shape[1]))
        v["b" + str(l)] = np.zeros((params["b" + str(l)].shape[0], 1))
    return v


def velocity_times_zero(params):
    return {key: value * 0.0 for key, value in params.items()}


def adam_init_deepcopy(params):
    v = {key: np.zeros_like(value) for key, value in params.items()}
    return v, copy.deepcopy(v)


def momentum_on_copies(w, v, dw, lr, beta):
    w, v = w.copy(), v.copy()
    v *= beta
    v += (1 - beta) * dw
    w -= lr * v
    return w, v


def momentum_elementwise(w, v, dw, lr, beta):
    new_w, new_v = np.empty_like(w), np.empty_like(v)
    for index in np.ndindex(w.shape):
        new_v[index] = beta * v[index] + (1 - beta) * dw[index]
        new_w[index] = w[index] - lr * new_v[index]
    return new_w, new_v


def rms_elementwise(w, s, dw, lr, beta2, eps):
    new_w, new_s = w.copy(), s.copy()
    for index in np.ndindex(w.shape):
        new_s[index] = beta2 * s[index] + (1 - beta2) * dw[index] ** 2
        new_w[index] = w[index] - lr * dw[index] / (math.sqrt(new_s[index]) + eps)
    return new_w, new_s


def adam_from_own_pieces(w, v, s, dw, t, lr, beta1, beta2, eps):
    v = ewa_as_correction(v, dw, beta1)
    s = ewa_as_correction(s, np.square(dw), beta2)
    step = bias_with_power_loop(v, beta1, t) / (np.sqrt(bias_with_power_loop(s, beta2, t)) + eps)
    return np.subtract(w, lr * step), v, s


def decay_negative_power(lr0, epoch_num, decay_rate):
    return lr0 * (decay_rate * epoch_num + 1) ** -1


def interval_counting_loop(lr0, epoch_num, decay_rate, time_interval):
    intervals = 0
    while (intervals + 1) * time_interval <= epoch_num:
        intervals += 1
    return lr0 / (1 + decay_rate * intervals)


def classify_with_general_eigenvalues(hessian):
    eigenvalues = np.linalg.eigvals(hessian).real
    positive, negative = np.sum(eigenvalues > 1e-10), np.sum(eigenvalues < -1e-10)
    if positive and negative:
        return "saddle"
    if positive == len(eigenvalues):
        return "minimum"
    return "maximum" if negative == len(eigenvalues) else "degenerate"


RIGHT = [
    ("gd_update", gd_elementwise),
    ("gd_update", lambda w, dw, lr: np.subtract(w, np.multiply(lr, dw))),
    ("gd_update", gd_on_a_copy),
    ("random_mini_batches", batches_argsort_shuffle),
    ("random_mini_batches", batches_choice_as_lists),
    ("gradient_spread", spread_flattened),
    ("gradient_spread", spread_with_loops),
    ("ewa_step", ewa_as_correction),
    ("bias_correct", bias_with_power_loop),
    ("initialize_velocity", velocity_lecture_loop),
    ("initialize_velocity", velocity_times_zero),
    ("initialize_adam", adam_init_deepcopy),
    ("initialize_adam", lambda params: (velocity_times_zero(params), velocity_lecture_loop(params))),
    ("momentum_update", momentum_on_copies),
    ("momentum_update", momentum_elementwise),
    ("rmsprop_update", rms_elementwise),
    ("adam_update", adam_from_own_pieces),
    ("inverse_time_decay", decay_negative_power),
    ("interval_inverse_time_decay", interval_counting_loop),
    ("interval_inverse_time_decay", lambda lr0, e, d, k: lr0 / (1 + d * math.floor(e / k))),
    ("classify_critical_point", classify_with_general_eigenvalues),
]


@pytest.mark.parametrize("name, fn", RIGHT, ids=[f"{n}-{i}" for i, (n, _) in enumerate(RIGHT)])
def test_a_right_answer_written_differently_passes(name, fn):
    result = evaluate(name, fn)
    assert result.passed, result.message
    assert check(name, fn).message.startswith(f"✔ {name}: all ")


# ---------------------------------------------------------------- what a failure says


def not_written_yet(w, v, dw, lr, beta):
    # YOUR CODE HERE
    raise NotImplementedError("not implemented yet: replace this line with your code")


def test_not_implemented_says_so_and_shows_the_signature():
    result = evaluate("momentum_update", not_written_yet)
    assert not result and result.case is None and result.mistake is None
    assert result.lines[0] == (
        "✘ momentum_update: not implemented yet; replace `raise NotImplementedError` with your code"
    )
    assert result.lines[1] == "  write: momentum_update(w, v, dw, lr, beta) -> (w, v)"
    with pytest.raises(ExerciseFailed) as failure:
        check("momentum_update", not_written_yet)
    assert "not implemented yet" in "\n".join(failure.value._render_traceback_())


def test_a_bare_not_implemented_error_counts_too():
    def ewa_step(v, theta, beta):
        raise NotImplementedError

    assert "not implemented yet" in evaluate("ewa_step", ewa_step).message


def test_none_is_a_missing_return():
    def gd_update(w, dw, lr):
        w = w - lr * dw

    result = evaluate("gd_update", gd_update)
    assert result.lines[2] == "  your function returned None: is its `return` statement missing?"


def test_a_learners_exception_is_one_line_with_the_learners_own_line():
    def initialize_velocity(params):
        return {key: np.zeros(params[key.upper()].shape) for key in params}

    result = evaluate("initialize_velocity", initialize_velocity)
    assert result.case == "one layer"
    assert result.lines[2].startswith("  your function raised KeyError: 'B1' (line ")
    assert result.lines[2].endswith(": return {key: np.zeros(params[key.upper()].shape) for key in params})")


def test_an_exception_inside_numpy_points_at_the_learners_line():
    def momentum_update(w, v, dw, lr, beta):
        v = beta * v + (1 - beta) * dw.T
        return w - lr * v, v

    line = evaluate("momentum_update", momentum_update).lines[2]
    assert "your function raised ValueError: operands could not be broadcast" in line
    assert line.endswith("of momentum_update: v = beta * v + (1 - beta) * dw.T)")


@pytest.mark.parametrize(
    "name, fn, what",
    [
        ("gd_update", lambda w, dw, lr: list(w - lr * dw),
         "  w is a list of 3 values where an array of shape (3,) was expected"),
        ("gd_update", lambda w, dw, lr: np.reshape(w - lr * dw, (-1, 1)),
         "  w has shape (3, 1) where (3,) was expected"),
        ("gd_update", lambda w, dw, lr: (w - lr * dw).astype(np.float32),
         "  w has dtype float32 where float64 was expected"),
        ("gd_update", lambda w, dw, lr: w - lr * dw / 0.0 * 0.0,
         "  w contains 3 NaN or infinite value(s) where finite values were expected"),
        ("momentum_update", lambda w, v, dw, lr, beta: (w, v, dw),
         "  your function returned a tuple of 3 values where a tuple (w, v) was expected"),
        ("momentum_update", lambda w, v, dw, lr, beta: np.stack([w, v]),
         "  your function returned an array of shape (2, 3) and dtype float64 where a tuple (w, v) was expected"),
        ("inverse_time_decay", lambda lr0, epoch_num, decay_rate: str(lr0),
         "  lr is the string '0.2' where a number was expected"),
        ("inverse_time_decay", lambda lr0, epoch_num, decay_rate: np.array([lr0]),
         "  lr is an array of shape (1,) and dtype float64 where a number was expected"),
        ("classify_critical_point", lambda hessian: "Saddle",
         "  kind is the string 'Saddle' where 'saddle' was expected"),
        ("initialize_velocity", lambda params: [np.zeros_like(p) for p in params.values()],
         "  v is a list of 2 values where a dict with keys ['W1', 'b1'] was expected"),
        ("random_mini_batches", lambda X, Y, size, seed: (X, Y),
         "  mini-batch 1 is not a pair (X_t, Y_t) of 2-D arrays"),
        ("random_mini_batches", lambda X, Y, size, seed: {"X": X},
         "  your function returned dict where a list of (X_t, Y_t) pairs was expected"),
    ],
)
def test_a_wrong_kind_of_result_is_described_in_one_line(name, fn, what):
    result = evaluate(name, fn)
    assert not result and result.case == exercise(name).cases[0].label
    assert result.lines[2] == what


def test_a_list_of_gradient_dicts_is_summarized_in_one_line():
    result = evaluate("gradient_spread", spread_variance)
    assert result.lines[1] == "  arguments: minibatch_grads, a list of 3 dicts with keys W1, b1, full_grad with keys W1, b1"


def test_a_difference_in_values_names_the_entry_and_both_numbers():
    def gd_update(w, dw, lr):
        new_w = w - lr * dw
        new_w[..., -1] += 1e-3
        return new_w

    case = exercise("gd_update").cases[0]
    w, dw, lr = case.args
    expected = w[2] - lr * dw[2]
    line = evaluate("gd_update", gd_update).lines[2]
    assert line == f"  w[2] is {expected + 1e-3:.6g} where {expected:.6g} was expected (1 of 3 entries differ)"


def test_a_difference_below_the_tolerance_passes():
    assert evaluate("gd_update", lambda w, dw, lr: (w - lr * dw) * (1 + 1e-9))
    assert not evaluate("gd_update", lambda w, dw, lr: (w - lr * dw) * (1 + 1e-6))


def test_something_that_is_not_a_function_fails_cleanly():
    result = evaluate("gd_update", np.zeros(3))
    assert result.lines[0] == "✘ gd_update: expected a function, got an array of shape (3,) and dtype float64"


def test_the_learners_warnings_are_silenced():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = evaluate("bias_correct", lambda v, beta, t: np.asarray(v) / (1 - np.asarray(beta) ** (t - 1)))
    assert result.mistake == "t − 1 instead of t"
    assert caught == []


def test_the_case_arguments_are_not_changed_by_a_learner():
    before = copy.deepcopy([case.args for case in exercise("momentum_update").cases])
    evaluate("momentum_update", momentum_in_place)
    after = [case.args for case in exercise("momentum_update").cases]
    assert all(np.array_equal(x, y) for b, a in zip(before, after) for x, y in zip(b, a))


def test_a_spotted_mistake_fails_even_when_every_value_is_right():
    result = evaluate("initialize_velocity", velocity_cached_by_shape)
    assert result.case == "three layers, some shapes repeated"
    assert result.lines[2] == "  the values are right, but: one array shared by several keys"


# ---------------------------------------------------------------- the report in a notebook


def test_check_raises_an_assertion_error_with_a_short_deterministic_report():
    with pytest.raises(AssertionError) as first:
        check("adam_update", adam_learner(right_v, right_s, eps_inside=True))
    with pytest.raises(ExerciseFailed) as second:
        check("adam_update", adam_learner(right_v, right_s, eps_inside=True))
    lines = first.value._render_traceback_()
    assert lines == second.value._render_traceback_() == list(first.value.result.lines)
    assert str(first.value) == "\n".join(lines)
    assert 4 <= len(lines) <= 8 and all(isinstance(line, str) for line in lines)
    assert lines[0] == "✘ adam_update: case 4 of 6 fails (small gradients, large ε = 1e-2, t = 3)"
    assert lines[1] == (
        "  arguments: w of shape (3, 2), v of shape (3, 2), s of shape (3, 2), dw of shape (3, 2), t=3, "
        "lr=0.01, beta1=0.9, beta2=0.999, eps=0.01"
    )
    assert lines[2].startswith("  w[0, 0] is ")
    assert lines[3] == "  compared with rtol 1e-07, atol 1e-12"
    assert lines[4].startswith("  known mistake, ε inside the square root: ")
    assert lines[5] == f"  hint 1 of 3: {exercise('adam_update').hints[0]}"
    assert lines[6] == '  more help: hint("adam_update") shows the next hint'
    assert not any("0x" in line or "Traceback" in line for line in lines)


@pytest.mark.parametrize("name, mistake, fn", WRONG[::4], ids=[f"{n}-{f.__name__}" for n, _, f in WRONG[::4]])
def test_every_report_is_a_few_lines_naming_case_and_tolerance(name, mistake, fn):
    lines = evaluate(name, fn).lines
    assert len(lines) <= 8
    assert " fails (" in lines[0] and lines[1].startswith("  arguments: ")
    assert lines[3] == f"  compared with {exercise(name).tolerance}"


GARBAGE = [
    "text", 3, True, [], (), {}, object(), np.array(["x", "y"]), np.zeros((2, 2, 2)), [("a", "b")],
    [(np.array([["a"]]),) * 2], tuple(np.zeros(1) for _ in range(3)), {"W1": "x", "b1": None}, (np.zeros(3), [1.0, 2.0, 3.0]), float("nan"),
]


@pytest.mark.parametrize("name", NAMES)
def test_evaluate_never_raises_whatever_the_learner_returns(name):
    for garbage in GARBAGE:
        result = evaluate(name, lambda *args, garbage=garbage: garbage)
        assert not result and result.lines[0].startswith(f"✘ {name}: case 1 of ")


def test_a_difference_below_six_digits_is_shown_with_the_digits_that_tell_it_apart():
    def eps_inside_the_root(w, s, dw, lr, beta2, eps):
        s = beta2 * s + (1 - beta2) * dw**2
        return w - lr * dw / np.sqrt(s + eps), s

    result = evaluate("rmsprop_update", eps_inside_the_root)
    got, expected = re.search(r"w\[0\] is (\S+) where (\S+) was expected", result.message).groups()
    assert got != expected and len(got) == len(expected)
