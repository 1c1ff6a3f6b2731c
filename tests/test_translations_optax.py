"""Every row of the translation table proven against optax (an optional oracle: skipped without optax).

The same proofs as ``tests/test_translations.py``, with the same settings and the same course side, against
the optax call of each row, in float64 (jax's ``jax_enable_x64``). An optimizer row runs optax's
transformation on the same parameters and gradients for 50 steps and requires agreement to 1e-10
(relative); a schedule row evaluates optax's schedule at the step counts 0, 1, 2, ... (jax integers, as
optax's own step counter) and requires every value to 1e-12 (relative). The rows whose optax cell says there
is no exact equivalent are checked to say so, and the closest call they name is shown to differ as the cell says.
"""

from __future__ import annotations

import numpy as np
import pytest

from coursekit import translations
from tests.test_translations import COURSE, OPTIMIZER_ROWS, RTOL, SCHEDULE_RTOL, SETTINGS, SHAPES, agree, costs, \
    course_path, random_run

optax = pytest.importorskip("optax")
jax = pytest.importorskip("jax")
jax.config.update("jax_enable_x64", True)
jnp = jax.numpy


def optax_path(make, seed):
    """optax's parameters after each step of ``make()`` on the run of ``seed``, one flat array per step."""
    params, grads = random_run(seed)
    params = {key: jnp.asarray(value) for key, value in params.items()}
    opt = make()
    state = opt.init(params)
    path = []
    for g in grads:
        updates, state = opt.update({key: jnp.asarray(value) for key, value in g.items()}, state, params)
        params = optax.apply_updates(params, updates)
        path.append(np.concatenate([np.asarray(params[key]).ravel() for key in SHAPES]))
    return path


def _adam(s):
    return dict(b1=s["beta1"], b2=s["beta2"], eps=s["eps"])


def _values(schedule, count):
    schedule = jax.jit(schedule)
    return [float(schedule(jnp.asarray(n))) for n in range(count)]


def _manual(s):
    scales = {}
    for d in s["drops"]:
        scales[d] = scales.get(d, 1.0) * s["factor"]
    return optax.piecewise_constant_schedule(s["lr0"], scales)


#: optax's side of each row with an exact equivalent, written as the row's optax cell says: a transformation
#: for an optimizer row, a schedule (a function of the step count) for a schedule row.
OPTAX = {
    "gd": lambda s: optax.sgd(s["lr"]),
    "momentum": lambda s: optax.sgd(s["lr"] * (1 - s["beta"]), momentum=s["beta"]),
    "momentum_sum": lambda s: optax.sgd(s["lr"], momentum=s["beta"]),
    "nesterov": lambda s: optax.sgd(s["lr"] * (1 - s["beta"]), momentum=s["beta"], nesterov=True),
    "nesterov_sum": lambda s: optax.sgd(s["lr"], momentum=s["beta"], nesterov=True),
    "rmsprop": lambda s: optax.rmsprop(s["lr"], decay=s["beta2"], eps=s["eps"], eps_in_sqrt=False),
    "adam": lambda s: optax.adam(s["lr"], **_adam(s)),
    "adamw": lambda s: optax.adamw(s["lr"], **_adam(s), weight_decay=s["weight_decay"]),
    "l2_gd": lambda s: optax.chain(optax.add_decayed_weights(s["weight_decay"]), optax.sgd(s["lr"])),
    "l2_adam": lambda s: optax.chain(optax.add_decayed_weights(s["weight_decay"]), optax.adam(s["lr"], **_adam(s))),
    "exponential_decay": lambda s: optax.exponential_decay(s["lr0"], transition_steps=1, decay_rate=s["base"]),
    "staircase_decay": lambda s: optax.exponential_decay(s["lr0"], transition_steps=s["every"],
                                                         decay_rate=s["factor"], staircase=True),
    "manual_decay": _manual,
    "inverse_time_decay": lambda s: lambda n: s["lr0"] / (1 + s["decay_rate"] * n),
    "interval_inverse_time_decay": lambda s: lambda n: s["lr0"] / (1 + s["decay_rate"] * (n // s["time_interval"])),
    "inverse_sqrt_decay": lambda s: lambda n: s["lr0"] * s["k"] / jnp.sqrt(n + 1),
    "cosine_decay": lambda s: optax.cosine_decay_schedule(s["lr0"], decay_steps=s["T"], alpha=s["lr_min"] / s["lr0"]),
    "linear_warmup": lambda s: optax.linear_schedule(s["start_factor"] * s["lr0"], s["lr0"], transition_steps=s["W"]),
    "warmup_cosine": lambda s: optax.warmup_cosine_decay_schedule(
        s["start_factor"] * s["lr0"], s["lr0"], warmup_steps=s["W"], decay_steps=s["T"], end_value=s["lr_min"]),
}


def max_difference(row_id, s, seed=0):
    """The largest |Δ| between coursekit and optax for one row at one setting (after requiring agreement)."""
    if row_id in OPTIMIZER_ROWS:
        return agree(course_path(row_id, s, seed), optax_path(lambda: OPTAX[row_id](s), seed), RTOL)
    ours = COURSE[row_id](s)
    return agree(ours, _values(OPTAX[row_id](s), len(ours)), SCHEDULE_RTOL)


def test_every_row_is_proven_against_optax_or_says_it_has_no_exact_equivalent():
    exact = {row.id for row in translations.ROWS if row.exact("optax")}
    assert set(OPTAX) == exact, (f"rows without an optax proof: {sorted(exact - set(OPTAX))}; proven but saying "
                                 f"{translations.NO_EXACT!r}: {sorted(set(OPTAX) - exact)}")
    closest = {test.__name__.removeprefix("test_closest_") for test in CLOSEST}
    assert closest == {row.id for row in translations.ROWS} - exact, "a row without exact equivalent, closest not shown"


@pytest.mark.parametrize("row_id, s", [(i, s) for i in OPTAX for s in SETTINGS[i]],
                         ids=[f"{i}-{n}" for i in OPTAX for n in range(len(SETTINGS[i]))])
def test_the_row_takes_optaxs_steps(row_id, s):
    max_difference(row_id, s, seed=SETTINGS[row_id].index(s))


def test_closest_adagrad():
    """optax's adagrad adds ε inside the root: it takes other steps, and those of ε = 0 outside it."""
    s = dict(lr=0.1, eps=0.1)
    closest = optax_path(lambda: optax.adagrad(s["lr"], initial_accumulator_value=0.0, eps=s["eps"]), 0)
    with pytest.raises(AssertionError):
        agree(course_path("adagrad", s, 0), closest, RTOL)
    inside = course_path("adagrad", dict(lr=0.1, eps=1e-300), 0)  # ε = 1e-300 adds nothing to √s: no ε at all
    agree(inside, optax_path(lambda: optax.adagrad(s["lr"], initial_accumulator_value=0.0, eps=0.0), 0), RTOL)


def test_closest_one_cycle():
    """optax's one-cycle peaks at step ⌊p·N⌋ and reaches its floor at N; the course's at p·N − 1 and N − 1."""
    for s in SETTINGS["one_cycle"]:
        N, p, d, f = (s["total_steps"], s.get("pct_start", 0.3), s.get("div_factor", 25.0),
                      s.get("final_div_factor", 1e4))
        theirs = _values(optax.cosine_onecycle_schedule(N, s["lr_max"], p, d, f), N + 1)
        ours, floor = COURSE["one_cycle"](s), s["lr_max"] / (d * f)
        if d * f == 1:  # α_max at every step: no cycle, and there the two agree
            agree(ours, theirs[:N], SCHEDULE_RTOL)
            continue
        assert int(np.argmax(theirs)) == int(p * N) and np.isclose(theirs[N], floor) and theirs[N - 1] > 1.01 * floor
        assert np.isclose(ours[N - 1], floor)
        if np.isclose(p * N, round(p * N)):
            assert int(np.argmax(ours)) == round(p * N) - 1
        with pytest.raises(AssertionError):
            agree(ours, theirs[:N], SCHEDULE_RTOL)


def test_closest_when_stalled():
    """optax's reduce_on_plateau cuts as the course does, but from the update of the step that reported the cost.

    Handed one cost per update, the scale of update e (optax) is α(e + 1) / α₀ (the course): the same cuts,
    one update early. min_decrease = 0 is refused.
    """
    with pytest.raises(ValueError):
        optax.contrib.reduce_on_plateau(rtol=0.0, atol=0.0)
    for s in SETTINGS["when_stalled"]:
        if s["min_decrease"] == 0:
            continue
        J = costs(s["seed"])
        plateau = optax.contrib.reduce_on_plateau(factor=s["factor"], patience=s["patience"], rtol=s["min_decrease"],
                                                  atol=0.0)
        state, update = plateau.init({"w": jnp.zeros(1)}), jax.jit(plateau.update)  # compiled: its branches are slow
        scales = []
        for cost in J:
            updates, state = update({"w": jnp.ones(1)}, state, value=jnp.asarray(cost))
            scales.append(float(updates["w"][0]))
        ours = [lr / s["lr0"] for lr in COURSE["when_stalled"](s)]
        agree(ours[1:], scales[:-1], SCHEDULE_RTOL)
        with pytest.raises(AssertionError):
            agree(ours, scales, SCHEDULE_RTOL)


def test_optax_rmsprop_puts_eps_inside_the_root_by_default():
    """The RMSprop row's note: without eps_in_sqrt=False optax takes other steps than the course's and torch's."""
    s = dict(lr=0.1, beta2=0.5, eps=0.1)
    with pytest.raises(AssertionError):
        agree(course_path("rmsprop", s, 0), optax_path(lambda: optax.rmsprop(s["lr"], decay=s["beta2"], eps=s["eps"]),
                                                       0), RTOL)


CLOSEST = (test_closest_adagrad, test_closest_one_cycle, test_closest_when_stalled)
