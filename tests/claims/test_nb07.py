"""Every claim of notebook 07 (RMSprop), recomputed at the notebook's own settings.

Each test names the claim as the notebook states it; the numbers are those printed in the notebook, so a
change in coursekit that changes the lesson fails here.
"""

import numpy as np
import pytest

from coursekit import optim, surfaces
from coursekit.experiments import adagrad, along_path, over_seeds, settling
from coursekit.data import load_digits
from coursekit.show import surfaces as show_surfaces
from coursekit.train import train
from coursekit.trajectories import trajectory

FLAT = surfaces.elongated_quadratic(condition_number=100.0)
TURNED = surfaces.rotated_quadratic(condition_number=100.0, angle=45.0)
LRS = np.sort(np.append(np.geomspace(1e-3, 1.0, 31), 2 / 101))
RMS_LR = 0.039810717055349734  # the sweep's best, 10^(−1.4)


@pytest.fixture(scope="module")
def sweeps():
    return {
        "gd": settling.steps_map(FLAT, LRS, betas=[0.0], tol=0.1, max_steps=300).row(0.0),
        "rms": settling.steps_by_lr(FLAT, optim.RMSprop, LRS, tol=0.1, steps=300),
        "gd turned": settling.steps_map(TURNED, LRS, betas=[0.0], tol=0.1, max_steps=300).row(0.0),
        "rms turned": settling.steps_by_lr(TURNED, optim.RMSprop, LRS, tol=0.1, steps=300),
    }


def test_rmsprop_default_beta2_is_the_lectures_0_9():
    assert optim.RMSprop(0.1).beta2 == 0.9


def test_rmsprop_works_with_a_6_4_times_larger_alpha_and_needs_51_steps_instead_of_148(sweeps):
    gd, rms = sweeps["gd"], sweeps["rms"]
    assert gd.best() == (2 / 101, 148) and round(gd.largest_working_lr(), 4) == 0.0198
    assert rms.best() == (RMS_LR, 51) and round(rms.largest_working_lr(), 3) == 0.126
    assert round(rms.largest_working_lr() / gd.largest_working_lr(), 1) == 6.4
    assert not any(trajectory(FLAT, optim.RMSprop(lr), steps=300).diverged for lr in LRS)
    assert all(trajectory(FLAT, optim.GD(lr), steps=300).diverged for lr in LRS[LRS > 0.02])


def test_the_steep_coordinate_first_gets_a_33_times_smaller_effective_step_so_both_move_by_0_126():
    """'gets an effective step 33 times smaller ... the flat coordinate gets one 3.5 times larger. The two factors
    cancel: both coordinates move by the same 0.126, where gradient descent would move the steep one 33 times
    further'."""
    path = trajectory(FLAT, optim.RMSprop(lr=RMS_LR), steps=100)
    grads = along_path.gradients(FLAT, path)
    effective = along_path.effective_step(along_path.averages(grads**2, 0.9), lr=RMS_LR, eps=1e-8)
    assert (round(effective[0, 0], 4), round(effective[0, 1], 5)) == (0.0699, 0.0021)
    assert round(effective[0, 0] / effective[0, 1]) == 33
    assert round(effective[0, 0] / (2 / 101), 1) == 3.5
    assert effective[0, 1] < 2 / 101
    assert effective[-1, 0] > 10 * effective[10, 0]  # "the effective steps grow" as the path settles
    moved = np.abs(path.points[1] - path.points[0])
    np.testing.assert_allclose(moved, np.abs(grads[0] * effective[0]), rtol=1e-12)
    assert [f"{step:.3f}" for step in moved] == ["0.126", "0.126"]
    assert round(abs(grads[0, 1] / grads[0, 0])) == 33  # gradient descent's steps α dW: the steep one 33 times longer



def test_the_jump_near_step_90_is_the_steep_effective_step_passing_2_over_lambda_and_falling_back():
    """'once the steep coordinate has settled, its effective step passes gradient descent's limit 2/λ across the
    valley ... the steep coordinate then overshoots, by more at each step; its gradients grow back, √s with them,
    and the effective step drops below the limit again. The excursion stays within the target of 0.1'."""
    path = trajectory(FLAT, optim.RMSprop(lr=RMS_LR), steps=100)
    grads = along_path.gradients(FLAT, path)
    steep = along_path.effective_step(along_path.averages(grads**2, 0.9), lr=RMS_LR, eps=1e-8)[:, 1]
    limit = 2 / 100  # 2/λ across the valley, just above the dashed line (GD's best α, 2/101)
    above = np.flatnonzero(steep > limit)
    assert above.size and steep[-1] < limit, "above the limit for a while, below it again at the end"
    w2 = np.abs(path.points[:, 1])
    peak = int(np.argmax(w2[60:])) + 60
    assert 85 <= peak <= 95 and w2[peak - 10] < 1e-6 < w2[peak] < 0.1  # the jump near step 90, within 0.1
    assert steep[peak + 1] < limit < steep[peak - 3], "the effective step falls below the limit at the jump"

def test_on_the_axis_aligned_valley_rmsprops_path_does_not_depend_on_kappa_but_on_the_turned_one_it_does():
    kappas = (1.0, 10.0, 100.0, 1000.0)
    flat = {k: trajectory(surfaces.elongated_quadratic(k), optim.RMSprop(lr=RMS_LR), steps=300).points for k in kappas}
    turned = {k: trajectory(surfaces.rotated_quadratic(k, 45.0), optim.RMSprop(lr=RMS_LR), steps=300).points
              for k in kappas}
    assert max(np.abs(p - flat[100.0]).max() for p in flat.values()) < 1e-5  # 2.1e-6
    assert round(max(np.abs(p - turned[100.0]).max() for p in turned.values()), 2) == 1.14


def test_turning_the_valley_cuts_rmsprops_lead_from_2_9_to_1_2(sweeps):
    np.testing.assert_array_equal(sweeps["gd turned"].steps, sweeps["gd"].steps)
    lr, steps = sweeps["rms turned"].best()
    assert (round(lr, 4), steps) == (0.0794, 126)
    assert round(148 / 51, 1) == 2.9 and round(148 / steps, 1) == 1.2


def test_within_0_01_the_default_rmsprop_is_no_better_than_gd():
    gd = settling.steps_map(FLAT, LRS, betas=[0.0], tol=0.01, max_steps=300).row(0.0).best()
    rms = settling.steps_by_lr(FLAT, optim.RMSprop, LRS, tol=0.01, steps=300).best()
    assert gd == (2 / 101, 263)
    assert (round(rms[0], 4), rms[1]) == (0.0079, 255)


def test_without_eps_a_zero_gradient_steps_nan_and_noise_takes_a_full_step():
    alpha = 0.01
    rows = {}
    for dw in (0.0, 1e-10, 0.5):
        s1 = 0.1 * dw**2
        with np.errstate(invalid="ignore"):
            rows[dw] = [float(dw * along_path.effective_step(s1, lr=alpha, eps=eps)) / alpha for eps in (1e-8, 0.0)]
    assert rows[0.0][0] == 0 and np.isnan(rows[0.0][1])
    assert (round(rows[1e-10][0], 5), round(rows[1e-10][1], 2)) == (0.00997, 3.16)
    assert round(rows[0.5][0], 2) == round(rows[0.5][1], 2) == 3.16


def test_the_first_step_is_alpha_over_root_one_minus_beta2():
    for beta2, factor in ((0.9, 3.2), (0.99, 10.0), (0.999, 31.6)):
        first = trajectory(FLAT, optim.RMSprop(lr=RMS_LR, beta2=beta2), steps=1).points
        moved = np.abs(first[1] - first[0]) / RMS_LR
        assert round(moved[0], 1) == round(moved[1], 1) == factor
    assert round(1.259 - 0.6, 2) == round(abs(trajectory(FLAT, optim.RMSprop(RMS_LR, beta2=0.999), steps=1).points[1, 1]), 2)


@pytest.fixture(scope="module")
def digits():
    X_train, Y_train, _, _ = load_digits()
    return X_train, Y_train


def test_on_the_digits_beta2_0_999_throws_the_cost_to_18_and_0_9_never_rises_above_its_start(digits):
    runs = {b: train(*digits, [64, 32, 10], optim.RMSprop(lr=0.01, beta2=b), epochs=1, mini_batch_size=64)
            for b in (0.9, 0.999)}
    assert [round(J, 2) for J in runs[0.999].costs[:3]] == [2.23, 13.08, 18.10]
    assert round(runs[0.999].costs.max(), 2) == 18.10
    assert runs[0.9].costs.max() == runs[0.9].costs[0] and round(runs[0.9].costs[0], 2) == 2.23


def test_on_the_digits_beta2_0_9_at_its_best_alpha_trains_best_and_every_best_is_inside_the_sweep(digits):
    lrs = (0.001, 0.003, 0.01, 0.03, 0.1)
    costs = {beta2: [train(*digits, [64, 32, 10], optim.RMSprop(lr, beta2=beta2), epochs=5,
                           mini_batch_size=64).epoch_costs[-1] for lr in lrs]
             for beta2 in (0.9, 0.99, 0.999)}
    best = {beta2: (round(min(row), 3), lrs[int(np.argmin(row))]) for beta2, row in costs.items()}
    assert best == {0.9: (0.078, 0.03), 0.99: (0.127, 0.01), 0.999: (0.122, 0.003)}
    assert all(0 < np.argmin(row) < len(lrs) - 1 for row in costs.values())  # no best at the edge
    assert (round(costs[0.9][-1], 3), round(costs[0.999][0], 3)) == (0.322, 0.216)


def test_the_explorer_starts_with_gd_148_and_rmsprop_51_and_its_try_this_holds():
    w = show_surfaces.trajectory_explorer(surface="elongated quadratic", optimizers=("GD", "RMSprop"),
                                          lr={"GD": 2 / 101, "RMSprop": RMS_LR}, condition_number=100.0, steps=150,
                                          tol=0.1)
    gd_line, rms_line = w.summary.value.split("<br>")
    assert "within 0.1 of it from step 148 on" in gd_line and "within 0.1 of it from step 51 on" in rms_line
    for kappa in (1000.0, 1.0):  # RMSprop's path does not move with κ
        w.controls["condition_number"].value = kappa
        assert "within 0.1 of it from step 51 on" in w.summary.value.split("<br>")[1]
    w.controls["condition_number"].value = 100.0
    w.controls["beta2"].value = 0.999
    assert "within 0.1 of it from step 4 on" in w.summary.value.split("<br>")[1]
    w.controls["lr RMSprop"].value = 0.1
    assert "1 point outside the window" in w.summary.value.split("<br>")[1]
    w.controls["beta2"].value, w.controls["lr RMSprop"].value = 0.9, 0.5
    assert "diverge" not in w.summary.value.split("<br>")[1]


# AdaGrad, RMSprop's ancestor: the sum instead of the average

MAKERS = {"AdaGrad": optim.AdaGrad, "RMSprop": optim.RMSprop}
RACE_LRS, SEEDS = (0.003, 0.01, 0.03, 0.1, 0.3), (0, 1, 2)


@pytest.fixture(scope="module")
def race(digits):
    runs = over_seeds.train_over_seeds(*digits, [64, 32, 10], adagrad.contestants(MAKERS, RACE_LRS), SEEDS, epochs=25,
                                       evaluate_every=5)
    return adagrad.race(runs, list(MAKERS), RACE_LRS, SEEDS)


def test_under_a_steady_gradient_adagrads_effective_step_falls_like_one_over_root_t_and_rmsprops_stays():
    """'With gradients of a steady size the sum grows in proportion to t, and the effective step falls like 1/√t,
    without end'; the question: ten times smaller at step 100."""
    g, lr, eps, n = -0.5, 0.01, 1e-8, np.arange(1, 10_001)
    w, s, rms_s, ada, rms = np.zeros(1), np.zeros(1), np.zeros(1), [], []
    for _ in n:
        w, s = optim.adagrad_update(w, s, np.full(1, g), lr=lr, eps=eps)
        _, rms_s = optim.rmsprop_update(w, rms_s, np.full(1, g), lr=lr, beta2=0.9, eps=eps)
        ada.append(float(along_path.effective_step(s, lr=lr, eps=eps)[0]))
        rms.append(float(along_path.effective_step(rms_s, lr=lr, eps=eps)[0]))
    np.testing.assert_allclose(ada, lr / (np.sqrt(n) * abs(g) + eps), rtol=1e-12)
    assert int(np.argmax(np.array(ada) <= ada[0] / 10 * (1 + 1e-6))) + 1 == 100
    assert ada[-1] == pytest.approx(ada[0] / 100, rel=1e-6)  # at step 10,000 a hundred times smaller: no end
    assert rms[-1] == pytest.approx(lr / abs(g), rel=1e-7) and np.all(np.diff(rms) <= 0)  # RMSprop's: α / |g|


def test_on_the_short_budget_adagrad_is_competitive_with_rmsprop_on_every_seed(race):
    """'After 5 epochs AdaGrad (best α = 0.1) reaches 0.14 to 0.16 and RMSprop (best α = 0.01) 0.13 to 0.15:
    AdaGrad's mean is 1.10 times RMSprop's'; the two spreads overlap; each best α inside the grid."""
    (ada_lr, ada), (rms_lr, rms) = race.best("AdaGrad", 5), race.best("RMSprop", 5)
    assert (ada_lr, rms_lr) == (0.1, 0.01)
    assert [f"{J:.2g}" for J in ada] == ["0.14", "0.15", "0.16"] and [f"{J:.2g}" for J in rms] == ["0.13", "0.15", "0.13"]
    assert round(ada.mean() / rms.mean(), 2) == 1.10
    assert ada.min() < rms.max(), "the spreads over the seeds overlap"
    assert all(0 < RACE_LRS.index(lr) < len(RACE_LRS) - 1 for lr in (ada_lr, rms_lr))


def test_on_the_longer_budget_rmsprop_ends_several_times_lower_on_two_seeds_and_jumps_on_the_third(race):
    """'After 25 epochs AdaGrad (still α = 0.1) is at 0.041 to 0.055, RMSprop (now α = 0.03) at 0.0089 and 0.0062
    on seeds 0 and 1, 4.9 and 6.6 times lower, and at 0.098 on seed 2'; each best α inside the grid."""
    (ada_lr, ada), (rms_lr, rms) = race.best("AdaGrad", 25), race.best("RMSprop", 25)
    assert (ada_lr, rms_lr) == (0.1, 0.03)
    assert (f"{ada.min():.2g}", f"{ada.max():.2g}") == ("0.041", "0.055")
    assert [f"{J:.2g}" for J in rms] == ["0.0089", "0.0062", "0.098"]
    assert [f"{r:.1f}" for r in (ada / rms)[:2]] == ["4.9", "6.6"] and rms[2] > ada.max(), "seed 2: above AdaGrad"
    jumped = race.curves("RMSprop", 0.03)[:, 2]  # seed 2's cost after each epoch: it has just jumped up
    assert jumped[24] > 3 * np.nanmin(jumped[4:24:5])
    assert all(0 < RACE_LRS.index(lr) < len(RACE_LRS) - 1 for lr in (ada_lr, rms_lr))


def test_adagrads_cost_is_still_falling_at_the_end_of_the_long_run(race):
    """'On the digits AdaGrad does not stop dead: it crawls, its cost still falling, ever more slowly.'"""
    costs = race.curves("AdaGrad", 0.1)[4::5]  # after epochs 5, 10, ..., 25: one column per seed
    assert np.all(np.diff(costs, axis=0) < 0), "falling between every two evaluations, on every seed"
    assert np.all(np.diff(costs, axis=0)[-1] > np.diff(costs, axis=0)[0]), "by less at the end than at the start"


@pytest.fixture(scope="module")
def fading(digits):
    return {name: adagrad.effective_steps(*digits, [64, 32, 10], MAKERS[name](lr), epochs=25)
            for name, lr in (("AdaGrad", 0.1), ("RMSprop", 0.03))}


def test_adagrads_effective_step_only_falls_and_rmsprops_rises_as_the_gradients_shrink(fading):
    """'AdaGrad's median effective step goes from 3.04 (after step 23) to 1.72 (after step 575), 0.57 times its
    first value, and never rises; RMSprop's goes from 4.42 to 20.6, 4.66 times larger'; AdaGrad's falls more slowly
    than 1/√t."""
    ada, rms = fading["AdaGrad"], fading["RMSprop"]
    assert (ada.steps[0], ada.steps[-1]) == (23, 575)
    assert (f"{ada.median[0]:.2f}", f"{ada.median[-1]:.2f}", f"{ada.median[-1] / ada.median[0]:.2f}") == ("3.04", "1.72", "0.57")
    assert np.all(np.diff(ada.median) <= 0), "AdaGrad's effective step never rises"
    assert ada.median[-1] > ada.median[0] * np.sqrt(ada.steps[0] / ada.steps[-1]), "more slowly than 1/√t"
    assert (f"{rms.median[0]:.3g}", f"{rms.median[-1]:.3g}", f"{rms.median[-1] / rms.median[0]:.2f}") == ("4.42", "20.6", "4.66")
