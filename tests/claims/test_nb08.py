"""The claims of notebook 08 (learning-rate decay), recomputed at the notebook's own settings.

Each test states the sentence of the notebook it pins. The bounds leave room for a harmless change in the last
digits, and fail when a change in coursekit would make the notebook's sentence untrue.
"""

import numpy as np
import pytest

from coursekit import schedules
from coursekit.data import two_moons
from coursekit.experiments.least_squares import least_squares, mean_distance, minibatch_path
from coursekit.optim import GD, Adam, Momentum
from coursekit.train import train


def test_the_lectures_example():
    """'α₀ = 0.2, decay_rate = 1: epochs 1-4 → 0.100, 0.067, 0.050, 0.040'."""
    lecture = schedules.inverse_time_decay(0.2, decay_rate=1.0)
    assert [f"{lecture(e):.3f}" for e in range(1, 5)] == ["0.100", "0.067", "0.050", "0.040"]


# --- the noise ball ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ball():
    problem = least_squares(m=200, noise=0.5, seed=0)
    rates = (0.01, 0.02, 0.05, 0.1, 0.2, 0.4)

    def distance(lr, decay):
        schedule = schedules.inverse_time_decay(lr, decay_rate=1.0) if decay else None
        return mean_distance(minibatch_path(problem, GD(lr), epochs=30, mini_batch_size=10, schedule=schedule).points,
                             problem.w_star)

    return {(lr, decay): distance(lr, decay) for lr in rates for decay in (False, True)}


def test_with_the_same_rate_decay_shrinks_the_ball_about_13_times(ball):
    """'fixed rate 0.067, decay 0.0050: a ball 13 times smaller'."""
    fixed, decayed = ball[0.2, False], ball[0.2, True]
    assert f"{fixed:.3f}" == "0.067" and f"{decayed:.4f}" == "0.0050"
    assert 11 < fixed / decayed < 15


def test_each_at_its_best_rate_decay_is_still_closer(ball):
    """'0.0050 (α₀ = 0.2) against 0.0122 for the best fixed rate (α = 0.02), 2.4 times closer'."""
    best_fixed = min((d, lr) for (lr, decay), d in ball.items() if not decay)
    best_decayed = min((d, lr) for (lr, decay), d in ball.items() if decay)
    assert best_fixed[1] == 0.02 and f"{best_fixed[0]:.4f}" == "0.0122"
    assert best_decayed[1] == 0.2
    assert 2.0 < best_fixed[0] / best_decayed[0] < 3.0


def test_a_small_fixed_rate_is_slow_and_a_small_decayed_rate_stalls(ball):
    """'at α = 0.01 the path is still 0.105 away'; 'with α₀ = 0.05 ... (0.49 away)'."""
    assert f"{ball[0.01, False]:.3f}" == "0.105"
    assert f"{ball[0.05, True]:.2f}" == "0.49"


# --- the two moons ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def moons():
    X, Y = two_moons(m=300, noise=0.25, seed=0)
    X_test, Y_test = two_moons(m=1000, noise=0.25, seed=1)

    def run(optimizer, schedule=None):
        return train(X, Y, [2, 16, 16, 1], optimizer, epochs=100, mini_batch_size=16, schedule=schedule,
                     X_test=X_test, Y_test=Y_test)

    runs = {("GD", lr, None): run(GD(lr)) for lr in (0.3, 1.0, 3.0)}
    runs |= {("GD", lr, rate): run(GD(lr), schedules.inverse_time_decay(lr, rate))
             for lr in (1.0, 3.0) for rate in (0.03, 0.3)}
    runs |= {("Momentum", lr, None): run(Momentum(lr, beta=0.9)) for lr in (0.3, 1.0)}
    runs["Momentum", 1.0, 0.03] = run(Momentum(1.0, beta=0.9), schedules.inverse_time_decay(1.0, 0.03))
    runs |= {("Adam", lr, None): run(Adam(lr, beta1=0.9, beta2=0.999)) for lr in (0.003, 0.01, 0.03)}
    stall = schedules.stalled_at(runs["GD", 1.0, None].epoch_costs, patience=10, min_decrease=0.01)
    runs["by hand"] = run(GD(1.0), schedules.manual_decay(1.0, drops=[stall], factor=0.1))
    return runs, stall


def _final(h):
    last = h.epoch_costs[-10:]
    return last.mean(), last.std()


def _best(runs, optimizer, decayed):
    keys = [k for k in runs if k != "by hand" and k[0] == optimizer and (k[2] is not None) == decayed]
    return min(keys, key=lambda k: _final(runs[k])[0])


def test_decay_ends_lower_and_steadier_than_the_best_fixed_rate(moons):
    """'0.084 ± 0.004 against 0.101 ± 0.010 for the best fixed rate (17% lower, jumps 2.5 times smaller)'."""
    runs, _ = moons
    fixed, decayed = _best(runs, "GD", False), _best(runs, "GD", True)
    assert fixed == ("GD", 0.3, None) and decayed == ("GD", 1.0, 0.03)
    (m_fixed, s_fixed), (m_decayed, s_decayed) = _final(runs[fixed]), _final(runs[decayed])
    assert f"{m_decayed:.3f} {s_decayed:.3f} {m_fixed:.3f} {s_fixed:.3f}" == "0.084 0.004 0.101 0.010"
    assert 0.80 < m_decayed / m_fixed < 0.86 and 2.0 < s_fixed / s_decayed < 3.0


def test_decay_lets_a_larger_rate_work(moons):
    """'α₀ = 3 with decay ends at 0.0945 (decay_rate 0.3) and 0.1075 (0.03), while a fixed α = 3 fails (0.71)'."""
    runs, _ = moons
    assert f"{_final(runs['GD', 3.0, None])[0]:.2f}" == "0.71"
    assert [f"{_final(runs['GD', 3.0, rate])[0]:.4f}" for rate in (0.3, 0.03)] == ["0.0945", "0.1075"]


def test_decay_does_not_change_the_test_accuracy(moons):
    """'93.1% with decay, 93.3% without'."""
    runs, _ = moons
    fixed, decayed = runs["GD", 0.3, None].test_accuracy[-1], runs["GD", 1.0, 0.03].test_accuracy[-1]
    assert f"{decayed:.1%} {fixed:.1%}" == "93.1% 93.3%"


def test_the_rate_matters_more_than_the_decay_rate(moons):
    """'α moves the final cost from 0.084 to 0.71 (among the decayed runs, to 0.108); decay_rate at α₀ = 1 from
    0.084 to 0.098'."""
    runs, _ = moons
    gd = {k: _final(h)[0] for k, h in runs.items() if k != "by hand" and k[0] == "GD"}
    decayed = [c for k, c in gd.items() if k[2] is not None]
    over_rate = [gd["GD", 1.0, rate] for rate in (0.03, 0.3)]
    assert f"{min(gd.values()):.3f} {max(gd.values()):.2f} {max(decayed):.3f}" == "0.084 0.71 0.108"
    assert f"{min(over_rate):.3f} {max(over_rate):.3f}" == "0.084 0.098"
    assert np.ptp(decayed) > np.ptp(over_rate)


def test_with_decay_gd_and_momentum_end_level_with_constant_adam(moons):
    """'fixed: GD 0.101, momentum 0.096 above Adam 0.086; with decay 0.084, 0.086, 0.086'."""
    runs, _ = moons
    adam = _final(runs[_best(runs, "Adam", False)])[0]
    fixed = [_final(runs[_best(runs, name, False)])[0] for name in ("GD", "Momentum")]
    decayed = [_final(runs[_best(runs, name, True)])[0] for name in ("GD", "Momentum")]
    assert _best(runs, "Adam", False) == ("Adam", 0.01, None) and _best(runs, "Momentum", True) == ("Momentum", 1.0, 0.03)
    assert [f"{c:.3f}" for c in (*fixed, adam, *decayed)] == ["0.101", "0.096", "0.086", "0.084", "0.086"]
    assert all(c > 1.1 * adam for c in fixed) and all(c < 1.02 * adam for c in decayed)


def test_one_drop_where_the_cost_stalls_does_most_of_what_decay_does(moons):
    """'stalls at epoch 43 ... 0.089 ± 0.0003, against 0.109 ± 0.017 with the fixed rate; best smooth 0.084'."""
    runs, stall = moons
    assert stall == 43
    assert runs["by hand"].lrs[stall - 2] == 1.0 and runs["by hand"].lrs[stall - 1] == pytest.approx(0.1)
    (m_hand, s_hand), (m_fixed, s_fixed) = _final(runs["by hand"]), _final(runs["GD", 1.0, None])
    assert f"{m_hand:.3f} {s_hand:.4f} {m_fixed:.3f} {s_fixed:.3f}" == "0.089 0.0003 0.109 0.017"
    assert m_hand < 1.1 * _final(runs["GD", 1.0, 0.03])[0]
