"""Tests of coursekit.course.exercises: references pass, learners' mistakes fail with their names, right answers pass.

The wrong answers below are written as a learner would write them, independently of the catalogue's own
wrong implementations; a last test makes sure that every catalogued mistake has one here.
"""

import ast
import copy
import importlib.util
import inspect
import math
import re
import warnings
from pathlib import Path

import numpy as np
import pytest

from coursekit.course import exercises
from coursekit.course.checks import check
from coursekit.course.outline import NOTEBOOKS
from coursekit.course.exercises import ExerciseFailed, evaluate, exercise, names, outcomes, reference

NAMES = [
    "gd_update",
    "random_mini_batches",
    "time_to_target",
    "gradient_spread",
    "ewa_step",
    "bias_correct",
    "momentum_update",
    "rmsprop_update",
    "adam_update",
    "fair_pick",
    "inverse_time_decay",
    "stall_epochs",
    "classify_critical_point",
    "flat_directions",
    "adamw_update",
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
        "time_to_target(epoch_costs, seconds_per_epoch, target) -> seconds",
        "gradient_spread(minibatch_grads, full_grad) -> spread",
        "ewa_step(v, theta, beta) -> v",
        "bias_correct(v, beta, t) -> v_hat",
        "momentum_update(w, v, dw, lr, beta) -> (w, v)",
        "rmsprop_update(w, s, dw, lr, beta2, eps) -> (w, s)",
        "adam_update(w, v, s, dw, t, lr, beta1, beta2, eps) -> (w, v, s)",
        "fair_pick(costs, lrs) -> (lr, lowest, highest)",
        "inverse_time_decay(lr0, epoch_num, decay_rate, time_interval) -> lr",
        "stall_epochs(costs, patience, min_decrease) -> stalls",
        "classify_critical_point(hessian) -> kind",
        "flat_directions(hessian) -> count",
        "adamw_update(w, v, s, dw, t, lr, beta1, beta2, eps, weight_decay) -> (w, v, s)",
    ]


def test_references_compute_the_lecture_values():
    assert reference("inverse_time_decay")(0.2, 2, 1.0) == pytest.approx(0.2 / 3)
    assert reference("inverse_time_decay")(0.1, 25, 1.0, 10) == pytest.approx(0.1 / 3)
    assert reference("bias_correct")(0.02, 0.98, 1) == pytest.approx(1.0)
    assert reference("classify_critical_point")(np.diag([1.0, -1.0])) == "saddle"


@pytest.mark.parametrize("function", [reference, exercise, lambda name: evaluate(name, abs), lambda n: check(n, abs)])
def test_unknown_names_are_rejected_with_the_list_of_exercises(function):
    with pytest.raises(ValueError, match=r"name must be one of the exercises gd_update, random_mini_batches, .*"
                                         r"classify_critical_point, flat_directions, adamw_update; got 'adam'"):
        function("adam")


def test_a_name_that_is_not_a_string_is_rejected():
    with pytest.raises(TypeError, match="name must be the name of an exercise .a str., got int"):
        reference(3)


def test_each_notebooks_module_holds_the_exercises_of_that_notebook_and_the_registry_lists_them_all():
    assert [module.__name__.rsplit(".", 1)[1] for module in exercises.MODULES] == [f"nb{n}" for n in NOTEBOOKS]
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


def gd_dw_in_place(w, dw, lr):
    dw *= lr
    return w - dw


def gd_into_w(w, dw, lr):
    return np.subtract(w, lr * dw, out=w)


def gd_divided(w, dw, lr):
    step = dw / lr
    return w - step


def gd_swapped(w, dw, lr):
    return dw - lr * w


def gd_lr_on_both(w, dw, lr):
    return lr * (w - dw)


def gd_returns_step(w, dw, lr):
    step = -lr * dw
    return step


def gd_step_not_taken(w, dw, lr):
    w - lr * dw
    return w


def gd_mean_gradient(w, dw, lr):
    return w - lr * dw.mean()


def batches_shuffled_in_place(X, Y, mini_batch_size, seed):
    p = np.random.default_rng(seed).permutation(X.shape[1])
    X[:], Y[:] = X[:, p], Y[:, p]
    return batches_from(X, Y, mini_batch_size)


def batches_shuffled_in_place_reseeded(X, Y, mini_batch_size, seed):
    np.random.default_rng(seed).shuffle(X, axis=1)
    np.random.default_rng(seed).shuffle(Y, axis=1)
    return batches_from(X, Y, mini_batch_size)


def batches_shuffled_in_place_one_generator(X, Y, mini_batch_size, seed):
    rng = np.random.default_rng(seed)
    rng.shuffle(X, axis=1)
    rng.shuffle(Y, axis=1)
    return batches_from(X, Y, mini_batch_size)


def batches_only_y_shuffled(X, Y, mini_batch_size, seed):
    p = np.random.default_rng(seed).permutation(X.shape[1])
    return batches_from(X, Y[:, p], mini_batch_size)


def batches_with_replacement(X, Y, mini_batch_size, seed):
    p = np.random.default_rng(seed).integers(0, X.shape[1], X.shape[1])
    return batches_from(X[:, p], Y[:, p], mini_batch_size)


def batches_permutation_of_rows(X, Y, mini_batch_size, seed):
    m = X.shape[1]
    p = np.random.default_rng(seed).permutation(X.shape[0])
    X, Y = X[:, p], Y[:, p]
    return [(X[:, k : k + mini_batch_size], Y[:, k : k + mini_batch_size]) for k in range(0, m, mini_batch_size)]


def batches_transposed(X, Y, mini_batch_size, seed):
    p = np.random.default_rng(seed).permutation(X.shape[1])
    return [(x.T, y.T) for x, y in batches_from(X[:, p], Y[:, p], mini_batch_size)]


def batches_as_two_lists(X, Y, mini_batch_size, seed):
    p = np.random.default_rng(seed).permutation(X.shape[1])
    pairs = batches_from(X[:, p], Y[:, p], mini_batch_size)
    return [[x for x, _ in pairs], [y for _, y in pairs]]


def batches_split_into_size_pieces(X, Y, mini_batch_size, seed):
    p = np.random.default_rng(seed).permutation(X.shape[1])
    return list(zip(np.array_split(X[:, p], mini_batch_size, axis=1), np.array_split(Y[:, p], mini_batch_size, axis=1)))


def batches_stop_short(X, Y, mini_batch_size, seed):
    p = np.random.default_rng(seed).permutation(X.shape[1])
    X, Y, m = X[:, p], Y[:, p], X.shape[1]
    starts = range(0, m - mini_batch_size, mini_batch_size)
    return [(X[:, k : k + mini_batch_size], Y[:, k : k + mini_batch_size]) for k in starts]


def batches_fixed_seed(X, Y, mini_batch_size, seed):
    p = np.random.default_rng(42).permutation(X.shape[1])
    return batches_from(X[:, p], Y[:, p], mini_batch_size)


def spread_summed(minibatch_grads, full_grad):
    total = 0.0
    for g in minibatch_grads:
        total += sum(np.sum((g[k] - full_grad[k]) ** 2) for k in full_grad)
    return math.sqrt(total)


def spread_root_per_layer(minibatch_grads, full_grad):
    spread = 0.0
    for k in full_grad:
        spread += np.sqrt(np.mean([np.sum((g[k] - full_grad[k]) ** 2) for g in minibatch_grads]))
    return spread


def spread_around_the_batch_mean(minibatch_grads, full_grad):
    mean = {k: sum(g[k] for g in minibatch_grads) / len(minibatch_grads) for k in full_grad}
    return np.sqrt(np.mean([sum(np.sum((g[k] - mean[k]) ** 2) for k in mean) for g in minibatch_grads]))


def spread_return_in_the_loop(minibatch_grads, full_grad):
    total = 0.0
    for g in minibatch_grads:
        for k in full_grad:
            total += np.sum((g[k] - full_grad[k]) ** 2)
        return np.sqrt(total / len(minibatch_grads))


def ewa_minus(v, theta, beta):
    return beta * v - (1 - beta) * theta


def ewa_weights_on_the_wrong_sides(v, theta, beta):
    return beta * theta + (1 - beta) * v


def ewa_no_beta_on_v(v, theta, beta):
    return v + (1 - beta) * theta


def ewa_without_brackets(v, theta, beta):
    return beta * v + 1 - beta * theta


def ewa_todays_value(v, theta, beta):
    v = theta
    return v


def ewa_plain_mean(v, theta, beta):
    return np.mean([v, theta], axis=0)


def ewa_in_place(v, theta, beta):
    v *= beta
    v += (1 - beta) * theta
    return v


def bias_without_t(v, beta, t):
    return v / (1 - beta)


def bias_without_brackets(v, beta, t):
    return v / 1 - beta**t


def bias_upside_down(v, beta, t):
    return (1 - beta**t) / v


def bias_plus(v, beta, t):
    return v / (1 + beta**t)


def bias_negative_divisor(v, beta, t):
    return v / (beta**t - 1)


def bias_in_place(v, beta, t):
    v /= 1 - beta**t
    return v


def bias_previous_step_python(v, beta, t):
    return v / (1 - beta ** (t - 1))


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
SEED_IGNORED = exercises.machinery.SEED_IGNORED.name

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


# More wrong answers of notebooks 06-10 (issue 18), each as a learner would write it.


def momentum_only_w(w, v, dw, lr, beta):
    v = beta * v + (1 - beta) * dw
    w = w - lr * v
    return w


def momentum_returns_old_v(w, v, dw, lr, beta):
    v_new = beta * v + (1 - beta) * dw
    return w - lr * v_new, v


def momentum_plus(w, v, dw, lr, beta):
    v = beta * v + (1 - beta) * dw
    return w + lr * v, v


def momentum_without_lr(w, v, dw, lr, beta):
    v = beta * v + (1 - beta) * dw
    return w - v, v


def momentum_beta_minus_one(w, v, dw, lr, beta):
    v = beta * v + (beta - 1) * dw
    return w - lr * v, v


def momentum_classic(w, v, dw, lr, beta):
    v = beta * v - lr * dw
    w = w + v
    return w, v


def rms_without_eps(w, s, dw, lr, beta2, eps):
    s = beta2 * s + (1 - beta2) * dw**2
    return w - lr * dw / np.sqrt(s), s


def rms_doubled(w, s, dw, lr, beta2, eps):
    s = beta2 * s + (1 - beta2) * dw * 2
    return w - lr * dw / (np.sqrt(s) + eps), s


def rms_forgets_the_past(w, s, dw, lr, beta2, eps):
    s = (1 - beta2) * dw**2
    return w - lr * dw / (np.sqrt(s) + eps), s


def rms_root_as_state(w, s, dw, lr, beta2, eps):
    s = np.sqrt(beta2 * s + (1 - beta2) * np.square(dw))
    w = w - lr * dw / (s + eps)
    return w, s


def rms_beta_minus_one(w, s, dw, lr, beta2, eps):
    s = beta2 * s + (beta2 - 1) * dw**2
    return w - lr * dw / (np.sqrt(s) + eps), s


def rms_returns_old_s(w, s, dw, lr, beta2, eps):
    s_new = beta2 * s + (1 - beta2) * dw**2
    return w - lr * dw / (np.sqrt(s_new) + eps), s


def rms_plus(w, s, dw, lr, beta2, eps):
    s = beta2 * s + (1 - beta2) * dw**2
    return w + lr * dw / (np.sqrt(s) + eps), s


def rms_without_lr(w, s, dw, lr, beta2, eps):
    s = beta2 * s + (1 - beta2) * dw**2
    return w - dw / (np.sqrt(s) + eps), s


def rms_only_w(w, s, dw, lr, beta2, eps):
    s = beta2 * s + (1 - beta2) * dw**2
    w = w - lr * dw / (np.sqrt(s) + eps)
    return w


def rms_in_place(w, s, dw, lr, beta2, eps):
    s *= beta2
    s += (1 - beta2) * dw**2
    w -= lr * dw / (np.sqrt(s) + eps)
    return w, s


def adam_written(beta1=None, beta2=None, eps=None):
    """A learner's Adam that writes in some hyperparameters instead of reading the arguments."""

    def adam(w, v, s, dw, t, lr, b1, b2, e):
        b1, b2, e = beta1 or b1, beta2 or b2, eps or e
        v = b1 * v + (1 - b1) * dw
        s = b2 * s + (1 - b2) * dw**2
        v_hat, s_hat = v / (1 - b1**t), s / (1 - b2**t)
        return w - lr * v_hat / (np.sqrt(s_hat) + e), v, s

    return adam


def adam_precedence_slip(w, v, s, dw, t, lr, beta1, beta2, eps):
    v = beta1 * v + (1 - beta1) * dw
    s = beta2 * s + (1 - beta2) * dw**2
    v_corrected = v / 1 - beta1**t
    s_corrected = s / 1 - beta2**t
    return w - lr * v_corrected / (np.sqrt(s_corrected) + eps), v, s


def adam_summed_v(w, v, s, dw, t, lr, beta1, beta2, eps):
    v = beta1 * v + dw
    s = beta2 * s + (1 - beta2) * dw**2
    return w - lr * (v / (1 - beta1**t)) / (np.sqrt(s / (1 - beta2**t)) + eps), v, s


def adam_summed_s(w, v, s, dw, t, lr, beta1, beta2, eps):
    v = beta1 * v + (1 - beta1) * dw
    s = beta2 * s + np.square(dw)
    return w - lr * (v / (1 - beta1**t)) / (np.sqrt(s / (1 - beta2**t)) + eps), v, s


def adam_only_w(w, v, s, dw, t, lr, beta1, beta2, eps):
    v = beta1 * v + (1 - beta1) * dw
    s = beta2 * s + (1 - beta2) * dw**2
    return w - lr * (v / (1 - beta1**t)) / (np.sqrt(s / (1 - beta2**t)) + eps)


def adam_in_place(w, v, s, dw, t, lr, beta1, beta2, eps):
    v *= beta1
    v += (1 - beta1) * dw
    s *= beta2
    s += (1 - beta2) * dw**2
    w -= lr * (v / (1 - beta1**t)) / (np.sqrt(s / (1 - beta2**t)) + eps)
    return w, v, s


def classify_with(zero):
    """A learner's classify_critical_point that counts λ as 0 when |λ| ≤ zero(eigenvalues)."""

    def classify(hessian):
        eigenvalues = np.linalg.eigvalsh(hessian)
        tol = zero(eigenvalues)
        if np.any(eigenvalues > tol) and np.any(eigenvalues < -tol):
            return "saddle"
        if np.any(np.abs(eigenvalues) <= tol):
            return "degenerate"
        return "minimum" if np.all(eigenvalues > 0) else "maximum"

    return classify


def classify_with_general_eigenvalues(hessian):
    eigenvalues = np.linalg.eigvals(hessian).real
    positive, negative = np.sum(eigenvalues > 1e-10), np.sum(eigenvalues < -1e-10)
    if positive and negative:
        return "saddle"
    if positive == len(eigenvalues):
        return "minimum"
    return "maximum" if negative == len(eigenvalues) else "degenerate"


def classify_named_otherwise(hessian):
    return {"saddle": "saddle point", "minimum": "local minimum"}.get(
        reference("classify_critical_point")(hessian), reference("classify_critical_point")(hessian).capitalize())


def classify_flat_as_saddle(hessian):
    eigenvalues = np.linalg.eigvalsh(hessian)
    tol = 1e-8 * max(1.0, np.max(np.abs(eigenvalues)))
    if np.all(eigenvalues > tol):
        return "minimum"
    if np.all(eigenvalues < -tol):
        return "maximum"
    return "saddle"


def classify_any_negative_is_a_saddle(hessian):
    eigenvalues = np.linalg.eigvalsh(hessian)
    tol = 1e-8 * max(1.0, np.max(np.abs(eigenvalues)))
    if np.any(eigenvalues < -tol):
        return "saddle"
    if np.any(np.abs(eigenvalues) <= tol):
        return "degenerate"
    return "minimum"


WRONG = [
    ("momentum_update", "returned (v, w) instead of (w, v)", momentum_returned_swapped),
    ("rmsprop_update", "ε added to the step, not to the root", rms_eps_on_the_step),
    ("adam_update", "ŝ corrected with β₁", adam_s_hat_with_beta1),
    ("adam_update", "v̂ corrected with β₂", adam_v_hat_with_beta2),
    ("gd_update", "plus instead of minus", gd_plus),
    ("gd_update", "learning rate forgotten", gd_without_lr),
    ("gd_update", IN_PLACE, gd_in_place),
    ("gd_update", IN_PLACE, gd_dw_in_place),
    ("gd_update", IN_PLACE, gd_into_w),
    ("gd_update", "divided by the learning rate", gd_divided),
    ("gd_update", "W and dW swapped", gd_swapped),
    ("gd_update", "α scales W too", gd_lr_on_both),
    ("gd_update", "the step returned instead of the new W", gd_returns_step),
    ("gd_update", "W returned unchanged", gd_step_not_taken),
    ("gd_update", "one step size for every entry", gd_mean_gradient),
    ("random_mini_batches", IN_PLACE, batches_shuffled_in_place),
    ("random_mini_batches", IN_PLACE, batches_shuffled_in_place_reseeded),
    ("random_mini_batches", "X and Y shuffled with different permutations", batches_shuffled_in_place_one_generator),
    ("random_mini_batches", "only one of X and Y shuffled", batches_only_y_shuffled),
    ("random_mini_batches", "examples drawn with replacement", batches_with_replacement),
    ("random_mini_batches", "a permutation of n_x instead of m", batches_permutation_of_rows),
    ("random_mini_batches", "mini-batches transposed", batches_transposed),
    ("random_mini_batches", "a list of the X_t beside a list of the Y_t", batches_as_two_lists),
    ("random_mini_batches", "wrong block size", batches_split_into_size_pieces),
    ("random_mini_batches", "last partial mini-batch dropped", batches_stop_short),
    ("random_mini_batches", SEED_IGNORED, batches_fixed_seed),
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
    ("gradient_spread", "summed over the mini-batches instead of averaged", spread_summed),
    ("gradient_spread", "one square root per key", spread_root_per_layer),
    ("gradient_spread", "measured around the mini-batch gradients' own mean", spread_around_the_batch_mean),
    ("gradient_spread", "only the first mini-batch gradient counted", spread_return_in_the_loop),
    ("ewa_step", "forgotten (1 − β)", ewa_sum),
    ("ewa_step", "β and (1 − β) swapped", ewa_swapped),
    ("ewa_step", "β and (1 − β) swapped", ewa_weights_on_the_wrong_sides),
    ("ewa_step", "β − 1 instead of 1 − β", ewa_negative_weight),
    ("ewa_step", "β − 1 instead of 1 − β", ewa_minus),
    ("ewa_step", "β forgotten on the old average", ewa_no_beta_on_v),
    ("ewa_step", "brackets forgotten around 1 − β", ewa_without_brackets),
    ("ewa_step", "today's value returned", ewa_todays_value),
    ("ewa_step", "plain mean of v and θ", ewa_plain_mean),
    ("ewa_step", IN_PLACE, ewa_in_place),
    ("bias_correct", "t forgotten", bias_without_t),
    ("bias_correct", "brackets forgotten around 1 − βᵗ", bias_without_brackets),
    ("bias_correct", "the fraction upside down", bias_upside_down),
    ("bias_correct", "1 + βᵗ instead of 1 − βᵗ", bias_plus),
    ("bias_correct", "βᵗ − 1 instead of 1 − βᵗ", bias_negative_divisor),
    ("bias_correct", IN_PLACE, bias_in_place),
    ("bias_correct", "t − 1 instead of t", bias_previous_step_python),
    ("bias_correct", "t − 1 instead of t", bias_power_loop_one_short),
    ("bias_correct", "t + 1 instead of t", bias_t_plus_one),
    ("bias_correct", "β·t instead of βᵗ", bias_times_t),
    ("bias_correct", "(1 − β)ᵗ instead of 1 − βᵗ", bias_power_of_one_minus_beta),
    ("bias_correct", "multiplied instead of divided", bias_multiplied),
    ("bias_correct", "the 1 − is missing", bias_without_one_minus),
    ("momentum_update", "forgotten (1 − β)", momentum_sum),
    ("momentum_update", "β and (1 − β) swapped", momentum_swapped),
    ("momentum_update", "stepped with dw instead of v", momentum_steps_with_dw),
    ("momentum_update", "stepped with the old v", momentum_steps_first),
    ("momentum_update", IN_PLACE, momentum_in_place),
    ("momentum_update", "only w returned", momentum_only_w),
    ("momentum_update", "returned the old v", momentum_returns_old_v),
    ("momentum_update", "plus instead of minus", momentum_plus),
    ("momentum_update", "learning rate forgotten", momentum_without_lr),
    ("momentum_update", "β − 1 instead of 1 − β", momentum_beta_minus_one),
    ("momentum_update", "the velocity of the steps, v = β v − α dW", momentum_classic),
    ("rmsprop_update", "ε inside the square root", rms_eps_in_sqrt),
    ("rmsprop_update", "dw not squared", rms_unsquared),
    ("rmsprop_update", "forgotten (1 − β₂)", rms_sum),
    ("rmsprop_update", "β₂ and (1 − β₂) swapped", rms_swapped),
    ("rmsprop_update", "square root forgotten", rms_no_root),
    ("rmsprop_update", "multiplied by √s instead of dividing", rms_times_root),
    ("rmsprop_update", "stepped with the old s", rms_steps_first),
    ("rmsprop_update", "ε forgotten", rms_without_eps),
    ("rmsprop_update", "dW doubled instead of squared", rms_doubled),
    ("rmsprop_update", "the old s left out of the average", rms_forgets_the_past),
    ("rmsprop_update", "√s kept as the state", rms_root_as_state),
    ("rmsprop_update", "β₂ − 1 instead of 1 − β₂", rms_beta_minus_one),
    ("rmsprop_update", "returned the old s", rms_returns_old_s),
    ("rmsprop_update", "plus instead of minus", rms_plus),
    ("rmsprop_update", "learning rate forgotten", rms_without_lr),
    ("rmsprop_update", "only w returned", rms_only_w),
    ("rmsprop_update", IN_PLACE, rms_in_place),
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
    ("adam_update", "only v bias-corrected", adam_learner(right_v, lambda s, *_: s)),
    ("adam_update", "only s bias-corrected", adam_learner(lambda v, *_: v, right_s)),
    ("adam_update", "v / 1 − βᵗ: the parentheses of the correction forgotten", adam_precedence_slip),
    ("adam_update", "β·t instead of βᵗ in the correction",
     adam_learner(lambda v, t, b1, b2: v / (1 - b1 * t), lambda s, t, b1, b2: s / (1 - b2 * t))),
    ("adam_update", "(1 − β)ᵗ instead of 1 − βᵗ in the correction",
     adam_learner(lambda v, t, b1, b2: v / (1 - b1) ** t, lambda s, t, b1, b2: s / (1 - b2) ** t)),
    ("adam_update", "forgotten (1 − β₁)", adam_summed_v),
    ("adam_update", "forgotten (1 − β₂)", adam_summed_s),
    ("adam_update", "β₁ written in as 0.9", adam_written(beta1=0.9)),
    ("adam_update", "β₂ written in as 0.999", adam_written(beta2=0.999)),
    ("adam_update", "β₁ and β₂ written in as 0.9 and 0.999", adam_written(beta1=0.9, beta2=0.999)),
    ("adam_update", "ε written in as 1e-8", adam_written(eps=1e-8)),
    ("adam_update", "β₁, β₂ and ε written in as their defaults", adam_written(0.9, 0.999, 1e-8)),
    ("adam_update", "only w returned", adam_only_w),
    ("adam_update", IN_PLACE, adam_in_place),
    ("classify_critical_point", "determinant and trace test", classify_by_determinant),
    ("classify_critical_point", "diagonal entries instead of eigenvalues", classify_by_diagonal),
    ("classify_critical_point", "minimum and maximum swapped", classify_swapped),
    ("classify_critical_point", "eigenvalues compared with 0 exactly", classify_exactly),
    ("classify_critical_point", "flat directions checked before the signs", classify_flat_first),
    ("classify_critical_point", "flat directions counted as curving", classify_non_strict),
    ("classify_critical_point", "a fixed tolerance, not scaled to the largest |λ|", classify_with(lambda ev: 1e-8)),
    ("classify_critical_point", "a fixed tolerance, not scaled to the largest |λ|", classify_with_general_eigenvalues),
    ("classify_critical_point", "tolerance without the max(1, ·)",
     classify_with(lambda ev: 1e-8 * np.max(np.abs(ev)))),
    ("classify_critical_point", "a name other than the four", classify_named_otherwise),
    ("classify_critical_point", "flat directions called a saddle", classify_flat_as_saddle),
    ("classify_critical_point", "a saddle whenever some λ < 0", classify_any_negative_is_a_saddle),
]


#: The exercises whose wrong and right answers fill a file of their own, ``test_exercises_<file>.py`` (its
#: ``WRONG``, ``(mistake, fn)`` pairs, and ``RIGHT``, functions): the tests here run them with the others.
OWN_FILES = {"time_to_target": "time_to_target", "fair_pick": "fair_pick", "inverse_time_decay": "decay",
             "stall_epochs": "stall_epochs", "flat_directions": "flat_directions", "adamw_update": "adamw"}


def _own_file(stem: str):
    path = Path(__file__).with_name(f"test_exercises_{stem}.py")
    spec = importlib.util.spec_from_file_location(f"_answers_{stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_OWN = {name: _own_file(stem) for name, stem in OWN_FILES.items()}
WRONG += [(name, mistake, fn) for name, module in _OWN.items() for mistake, fn in module.WRONG]
#: What code looks like in a report: none of it may reach a learner's message.
CODE_IN_A_MESSAGE = ("np.", "math.", "argmin", "eigvalsh", "append", "mean(", "<=", "inf)")


@pytest.mark.parametrize("name, mistake, fn", WRONG, ids=[f"{n}-{f.__name__}" for n, _, f in WRONG])
def test_a_learners_mistake_fails_and_is_named(name, mistake, fn):
    result = evaluate(name, fn)
    assert not result.passed and not result
    assert result.mistake == mistake, result.message
    assert f"known mistake, {mistake}: " in result.message
    catalogued = {m.name: m.explanation for m in exercise(name).mistakes}
    assert mistake not in catalogued or catalogued[mistake] in result.message  # (a general check has its own words)
    assert result.case in [case.label for case in exercise(name).cases]
    assert not any(code in result.message for code in CODE_IN_A_MESSAGE), "no code in the message"


def test_every_catalogued_mistake_has_a_learners_wrong_answer_in_these_tests():
    for name in NAMES:
        catalogued, written = {m.name for m in exercise(name).mistakes}, {m for n, m, _ in WRONG if n == name}
        assert catalogued <= written, name
        if name in OWN_FILES:  # those files hold exactly the catalogue's mistakes
            assert catalogued == written, name


@pytest.mark.parametrize("name", NAMES)
def test_the_cases_tell_every_two_catalogued_wrong_answers_apart(name):
    entry = exercise(name)
    wrongs = [mistake for mistake in entry.mistakes if mistake.wrong is not None]
    for i, a in enumerate(wrongs):
        for b in wrongs[i + 1 :]:
            alike = all(outcomes.identical(outcomes.call_wrong(a.wrong, case.args),
                                           outcomes.call_wrong(b.wrong, case.args)) for case in entry.cases)
            assert not alike, f"{a.name!r} and {b.name!r} agree on every case: add a case that tells them apart"


def _toy(*mistakes, xs=(1.0, 2.0)):
    """An exercise whose answer is its argument, on the cases x = 1 and x = 2 (or ``xs``)."""
    cases = tuple(exercises.Case(f"x = {x:g}", (x,)) for x in xs)
    return exercises.Exercise(name="toy", notebook="00", args=("x",), returns=("y",), description="return x",
                              hints=("Return x.",), reference=lambda x: x, cases=cases, mistakes=mistakes)


def test_a_case_the_learner_passed_rules_out_a_mistake_that_would_fail_it():
    squared = lambda x: x * x  # noqa: E731  right at x = 1, 4 at x = 2
    plus_two = exercises.Mistake("plus two", "x + 2 is 4 at x = 2 too, but 3 at x = 1.", wrong=lambda x: x + 2)
    square = exercises.Mistake("squared", "x times x.", wrong=lambda x: x**2)
    assert exercises.machinery.run(_toy(plus_two), squared).mistake is None
    assert exercises.machinery.run(_toy(plus_two, square), squared).mistake == "squared"


def test_a_learners_variant_of_a_mistake_that_differs_on_a_later_case_is_still_named():
    plus_one = exercises.Mistake("plus one", "x + 1.", wrong=lambda x: x + 1)
    variant = lambda x: x + 1 if x < 3 else 0.0  # noqa: E731  the same slip, and something else at x = 3
    assert exercises.machinery.run(_toy(plus_one, xs=(1.0, 2.0, 3.0)), variant).mistake == "plus one"


def test_a_coincidence_on_the_first_case_alone_names_no_mistake():
    # from v = 0, dividing the right average by 1 − β gives θ, as forgetting (1 − β) does; later days differ
    result = evaluate("ewa_step", lambda v, theta, beta: (beta * v + (1 - beta) * theta) / (1 - beta))
    assert result.case == "day 1, from v = 0" and result.mistake is None


def test_an_exception_that_only_the_wrong_answer_raises_names_no_mistake():
    floor_divides = exercises.Mistake("floor of 1/(x − 1)", "e.", wrong=lambda x: 1 // int(x - 1))
    assert exercises.machinery.run(_toy(floor_divides), lambda x: math.inf if x == 1 else x).mistake is None
    divides = exercises.Mistake("1/(x − 1)", "e.", wrong=lambda x: 1 / (x - 1))
    assert exercises.machinery.run(_toy(divides), lambda x: 1 / (x - 1)).mistake == "1/(x − 1)", "Python floats raise"
    numpy_learner = exercises.machinery.run(_toy(divides), lambda x: np.float64(1) / (x - 1))
    assert numpy_learner.mistake == "1/(x − 1)", "numpy gives inf"


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


def gd_deep_copy_in_place(w, dw, lr):
    new_w = copy.deepcopy(w)
    np.subtract(new_w, lr * dw, out=new_w)
    return new_w


def batches_stacked_shuffle_on_a_copy(X, Y, mini_batch_size, seed):
    both = np.vstack([X, Y])
    np.random.default_rng(seed).shuffle(both, axis=1)
    X, Y = both[: X.shape[0]], both[X.shape[0] :]
    m = X.shape[1]
    return [(X[:, k : k + mini_batch_size], Y[:, k : k + mini_batch_size]) for k in range(0, m, mini_batch_size)]


def batches_counted_with_ceil(X, Y, mini_batch_size, seed):
    m = X.shape[1]
    p = np.random.default_rng(seed).permutation(m)
    shuffled_X, shuffled_Y = np.take(X, p, axis=1), np.take(Y, p, axis=1)
    batches = []
    for t in range(math.ceil(m / mini_batch_size)):
        end = min((t + 1) * mini_batch_size, m)
        batches.append((shuffled_X[:, t * mini_batch_size : end], shuffled_Y[:, t * mini_batch_size : end]))
    return batches


def batches_permuted_transpose(X, Y, mini_batch_size, seed):
    rng = np.random.default_rng(seed)
    order = rng.permutation(np.arange(X.shape[1]))
    blocks = [order[k : k + mini_batch_size] for k in range(0, X.shape[1], mini_batch_size)]
    return [tuple(np.transpose(A.T[block]) for A in (X, Y)) for block in blocks]


def spread_with_frobenius_norms(minibatch_grads, full_grad):
    squares = [sum(np.linalg.norm(g[k] - full_grad[k]) ** 2 for k in full_grad) for g in minibatch_grads]
    return float(np.sqrt(sum(squares) / len(squares)))


def spread_on_copies_in_place(minibatch_grads, full_grad):
    total = 0.0
    for g in minibatch_grads:
        for k in full_grad:
            difference = g[k].copy()
            difference -= full_grad[k]
            difference **= 2
            total += difference.sum()
    return math.sqrt(total / len(minibatch_grads))


def spread_with_vdot(minibatch_grads, full_grad):
    distances = [sum(np.vdot(g[k] - full_grad[k], g[k] - full_grad[k]) for k in full_grad) for g in minibatch_grads]
    return np.sqrt(np.mean(distances))


def ewa_on_a_copy(v, theta, beta):
    new_v = np.array(v, dtype=float)
    new_v *= beta
    new_v += (1 - beta) * np.asarray(theta)
    return new_v


def ewa_expanded(v, theta, beta):
    return beta * v + theta - beta * theta


def bias_with_math_pow(v, beta, t):
    return v / (1 - math.pow(beta, t))


def bias_on_a_copy(v, beta, t):
    v_hat = np.array(v, dtype=float)
    v_hat /= 1 - np.power(beta, t)
    return v_hat


def bias_times_the_inverse(v, beta, t):
    correction = 1 / (1 - beta**t)
    return np.multiply(v, correction)


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


# More right answers of notebooks 06-10, in other styles.


def momentum_as_correction(w, v, dw, lr, beta):
    v = v + (1 - beta) * (dw - v)
    return np.subtract(w, lr * v), v


def rms_with_numpy_functions(w, s, dw, lr, beta2, eps):
    s = np.add(np.multiply(beta2, s), np.multiply(1 - beta2, np.power(dw, 2)))
    return w - np.divide(lr * dw, np.sqrt(s) + eps), s


def rms_as_correction(w, s, dw, lr, beta2, eps):
    s = s + (1 - beta2) * (np.square(dw) - s)
    step = lr * dw / (s**0.5 + eps)
    return w - step, s


def adam_lecture_names(w, v, s, dw, t, lr, beta1, beta2, eps):
    v_dw = beta1 * v + (1 - beta1) * dw
    s_dw = beta2 * s + (1 - beta2) * np.square(dw)
    v_corrected = v_dw / (1 - math.pow(beta1, t))
    s_corrected = s_dw / (1 - math.pow(beta2, t))
    w = w - lr * v_corrected / (np.sqrt(s_corrected) + eps)
    return w, v_dw, s_dw


def adam_from_momentum_and_rmsprop(w, v, s, dw, t, lr, beta1, beta2, eps):
    _, v = momentum_on_copies(w, v, dw, lr, beta1)
    _, s = rms_elementwise(w, s, dw, lr, beta2, eps)
    denominator = np.sqrt(s / (1 - beta2**t)) + eps
    return w - lr * (v / (1 - beta1**t)) / denominator, v, s


def classify_by_counting(hessian):
    eigenvalues = np.linalg.eigvalsh(hessian)
    tol = 1e-8 * max(1.0, float(np.max(np.abs(eigenvalues))))
    ups, downs = int(np.sum(eigenvalues > tol)), int(np.sum(eigenvalues < -tol))
    if ups and downs:
        return "saddle"
    if ups + downs < len(eigenvalues):
        return "degenerate"
    return "minimum" if ups else "maximum"


def classify_sorted_with_eigh(hessian):
    eigenvalues, _ = np.linalg.eigh(np.asarray(hessian))
    smallest, largest = eigenvalues[0], eigenvalues[-1]
    tol = 1e-8 * max(1, abs(smallest), abs(largest))
    if smallest < -tol and largest > tol:
        return "saddle"
    if smallest > tol:
        return "minimum"
    if largest < -tol:
        return "maximum"
    return "degenerate"


def classify_with_general_eigenvalues_scaled(hessian):
    eigenvalues = np.sort(np.linalg.eigvals(hessian).real)
    zero = 1e-8 * max(1.0, *np.abs(eigenvalues))
    signs = {int(np.sign(x)) if abs(x) > zero else 0 for x in eigenvalues}
    if {1, -1} <= signs:
        return "saddle"
    if 0 in signs:
        return "degenerate"
    return "minimum" if signs == {1} else "maximum"


RIGHT = [
    ("gd_update", gd_elementwise),
    ("gd_update", lambda w, dw, lr: np.subtract(w, np.multiply(lr, dw))),
    ("gd_update", gd_on_a_copy),
    ("gd_update", gd_deep_copy_in_place),
    ("gd_update", lambda w, dw, lr: w + (-lr) * dw),
    ("gd_update", lambda w, dw, lr: np.add(w, -dw * lr)),
    ("random_mini_batches", batches_argsort_shuffle),
    ("random_mini_batches", batches_choice_as_lists),
    ("random_mini_batches", batches_stacked_shuffle_on_a_copy),
    ("random_mini_batches", batches_counted_with_ceil),
    ("random_mini_batches", batches_permuted_transpose),
    ("gradient_spread", spread_flattened),
    ("gradient_spread", spread_with_loops),
    ("gradient_spread", spread_with_frobenius_norms),
    ("gradient_spread", spread_on_copies_in_place),
    ("gradient_spread", spread_with_vdot),
    ("ewa_step", ewa_as_correction),
    ("ewa_step", ewa_on_a_copy),
    ("ewa_step", ewa_expanded),
    ("ewa_step", lambda v, theta, beta: np.add(np.multiply(beta, v), np.multiply(1 - beta, theta))),
    ("bias_correct", bias_with_power_loop),
    ("bias_correct", bias_with_math_pow),
    ("bias_correct", bias_on_a_copy),
    ("bias_correct", bias_times_the_inverse),
    ("momentum_update", momentum_on_copies),
    ("momentum_update", momentum_elementwise),
    ("rmsprop_update", rms_elementwise),
    ("adam_update", adam_from_own_pieces),
    ("momentum_update", momentum_as_correction),
    ("rmsprop_update", rms_with_numpy_functions),
    ("rmsprop_update", rms_as_correction),
    ("adam_update", adam_lecture_names),
    ("adam_update", adam_from_momentum_and_rmsprop),
    ("classify_critical_point", classify_by_counting),
    ("classify_critical_point", classify_sorted_with_eigh),
    ("classify_critical_point", classify_with_general_eigenvalues_scaled),
]


RIGHT += [(name, fn) for name, module in _OWN.items() for fn in module.RIGHT]


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
    def momentum_update(w, v, dw, lr, beta):
        return {"w": w}["W"], v

    result = evaluate("momentum_update", momentum_update)
    assert result.case == "first step, from v = 0"
    assert result.lines[2].startswith("  your function raised KeyError: 'W' (line ")
    assert result.lines[2].endswith(': return {"w": w}["W"], v)')


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
        ("inverse_time_decay", lambda lr0, epoch_num, decay_rate, time_interval: str(lr0),
         "  lr is the string '0.2' where a number was expected"),
        ("inverse_time_decay", lambda lr0, epoch_num, decay_rate, time_interval: np.array([lr0]),
         "  lr is an array of shape (1,) and dtype float64 where a number was expected"),
        ("classify_critical_point", lambda hessian: "Saddle",
         "  kind is the string 'Saddle' where 'saddle' was expected"),
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
    assert lines[5] == '  stuck? hint("adam_update") gives a first hint, and the next one at each call'
    assert len(lines) == 6 and first.value.result.hints == 0
    assert not any("0x" in line or "Traceback" in line for line in lines)


def test_a_report_that_names_a_mistake_shows_no_unrelated_hint():
    result = evaluate("gd_update", gd_in_place)
    assert result.mistake == IN_PLACE and result.hints == 0
    assert not any(line.startswith("  hint ") for line in result.lines)
    assert result.lines[-1] == '  stuck? hint("gd_update") gives a first hint, and the next one at each call'


def test_a_report_that_names_no_mistake_shows_the_first_hint():
    result = evaluate("gd_update", lambda w, dw, lr: w - 2 * lr * dw)
    assert result.mistake is None and result.hints == 1
    assert result.lines[-2:] == (
        f"  hint 1 of 3: {exercise('gd_update').hints[0]}", '  more help: hint("gd_update") shows the next hint'
    )


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
