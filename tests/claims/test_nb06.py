"""Every claim of notebook 06 (gradient descent with momentum), recomputed at the notebook's own settings.

Each test names the claim as the notebook states it; the numbers are those printed in the notebook, so a
change in coursekit that changes the lesson fails here.
"""

import math

import numpy as np
import pytest

from coursekit import averages, optim, surfaces
from coursekit.experiments import along_path, convergence, damping, nesterov, over_seeds, settling
from coursekit.data import load_digits
from coursekit.show import surfaces as show_surfaces
from coursekit.trajectories import outside_window, trajectory

BOWL = surfaces.elongated_quadratic(condition_number=100.0)
CURVATURES = np.linalg.eigvalsh(BOWL.hessian(BOWL.minima[0]))
GD_THEORY = convergence.best_gd(CURVATURES)
LRS = np.sort(np.append(np.geomspace(1e-3, 1.0, 61), GD_THEORY.lr))
TOL = 1e-6 * np.hypot(*BOWL.start)


@pytest.fixture(scope="module")
def sweep():
    return settling.steps_map(BOWL, LRS, betas=[0.0, 0.9], tol=1e-3, max_steps=1000)


@pytest.fixture(scope="module")
def grid():
    return settling.steps_map(BOWL, np.geomspace(1e-3, 10, 81), np.linspace(0, 0.99, 100), TOL, max_steps=2000)


def test_gd_best_rate_is_0_98_and_needs_691_steps_for_a_million_fold():
    assert CURVATURES.tolist() == [1.0, 100.0]
    assert GD_THEORY.lr == pytest.approx(2 / 101) and round(GD_THEORY.rate, 4) == 0.9802
    np.testing.assert_allclose(convergence.gd_factors(GD_THEORY.lr, CURVATURES), [99 / 101] * 2)
    assert round(convergence.steps_for_rate(GD_THEORY.rate, 1e-6)) == 691


def test_without_bias_correction_the_velocity_is_35_percent_short_at_step_10_and_within_1_percent_from_44():
    # notebook 05's numbers, quoted by notebook 06 for β = 0.9
    assert round(averages.correction_factor(0.9, 10), 2) == 1.54
    assert round(1 - 1 / averages.correction_factor(0.9, 10), 2) == 0.35
    assert averages.warmup_steps(0.9) == 44


def test_each_at_its_best_alpha_momentum_settles_2_9_times_sooner(sweep):
    gd_lr, gd_steps = sweep.row(0.0).best()
    momentum_lr, momentum_steps = sweep.row(0.9).best()
    assert (gd_lr, gd_steps) == (GD_THEORY.lr, 378)
    assert round(momentum_lr, 4) == 0.0631 and momentum_steps == 132
    assert round(gd_steps / momentum_steps, 1) == 2.9


def test_gd_settles_for_no_alpha_above_its_best_and_momentum_for_a_wide_range(sweep):
    gd = sweep.row(0.0)
    assert np.all(np.isnan(gd.steps[LRS > GD_THEORY.lr]))
    momentum = sweep.row(0.9)
    wide = (LRS >= 0.03) & (LRS <= 0.36)
    assert np.all(momentum.steps[wide] <= 1.25 * 132)
    assert round(momentum.largest_working_lr(), 2) == 0.35


def test_after_150_steps_at_their_best_alpha_momentum_is_about_140_times_closer_than_gd(sweep):
    distances = {name: np.hypot(*trajectory(BOWL, opt, steps=150).points[-1])
                 for name, opt in (("GD", optim.GD(lr=sweep.row(0.0).best()[0])),
                                   ("Momentum", optim.Momentum(lr=sweep.row(0.9).best()[0], beta=0.9)))}
    assert f"{distances['GD']:.2e}" == "9.45e-02" and f"{distances['Momentum']:.2e}" == "6.55e-04"
    assert distances["GD"] / distances["Momentum"] > 100


def test_direction_by_direction_gd_shrinks_both_by_0_980_and_momentum_at_beta_0_9_swings_both_in_at_root_beta(sweep):
    gd_lr, momentum_lr = sweep.row(0.0).best()[0], sweep.row(0.9).best()[0]
    np.testing.assert_allclose(convergence.gd_factors(gd_lr, CURVATURES), [0.9802] * 2, atol=5e-5)
    np.testing.assert_allclose(convergence.momentum_factors(momentum_lr, 0.9, CURVATURES), [math.sqrt(0.9)] * 2)
    critical = damping.critical_betas(momentum_lr, CURVATURES)
    assert [f"{c:.3f}" for c in critical] == ["0.777", "0.528"] and np.all(critical < 0.9)
    # the errors the explorer draws: GD's shrink by exactly its factor along each direction
    run = damping.eigen_errors(BOWL, optim.GD(lr=gd_lr), steps=150)
    np.testing.assert_allclose(run.rates(0, 150), convergence.gd_factors(gd_lr, CURVATURES))


def test_at_the_theory_pair_both_directions_are_critically_damped_and_the_curves_cross():
    theory = convergence.best_momentum(CURVATURES)
    np.testing.assert_allclose(damping.critical_betas(theory.lr, CURVATURES), [theory.beta] * 2)
    assert round(theory.beta, 2) == 0.67 and round(theory.rate, 2) == 0.82


def test_no_cell_of_the_map_beats_the_lower_bound_and_the_best_one_is_within_a_thousandth_of_it():
    lrs, betas = np.geomspace(1e-3, 10, 81), np.linspace(0, 0.99, 100)
    factors = np.array([[convergence.momentum_factors(lr, beta, CURVATURES).max() for lr in lrs] for beta in betas])
    rate = convergence.best_momentum(CURVATURES).rate
    assert f"{factors.min():.4f}" == "0.8185" and f"{rate:.4f}" == "0.8182" and rate == pytest.approx(9 / 11)
    assert rate <= factors.min() < rate + 1e-3


def test_the_velocity_keeps_13_percent_across_the_valley_and_83_percent_along_it():
    path = trajectory(BOWL, optim.Momentum(lr=0.06309573444801933, beta=0.9), steps=60)
    grads = along_path.gradients(BOWL, path)
    ratio = np.abs(along_path.averages(grads, 0.9)[:30]).mean(axis=0) / np.abs(grads[:30]).mean(axis=0)
    assert [round(r, 2) for r in ratio] == [0.83, 0.13]
    assert grads[:30, 1].max() > 55 and grads[:30, 1].min() < -45  # "between about +60 and −50"


def test_the_map_gd_at_its_best_691_momentum_74_at_0_1_and_0_68(grid):
    exact = settling.steps_map(BOWL, [GD_THEORY.lr, 0.1], [0.0, convergence.best_momentum(CURVATURES).beta],
                                  TOL, max_steps=3000)
    assert exact.steps[0, 0] == 691 and exact.steps[1, 1] == 89
    lr, beta, steps = grid.best()
    assert (round(lr, 3), round(beta, 2), steps) == (0.1, 0.68, 74)
    assert round(691 / steps, 1) == 9.3
    assert grid.row(0.9).best()[1] == 244


def test_at_the_theory_pair_the_error_shrinks_like_t_times_0_82_to_the_t():
    theory = convergence.best_momentum(CURVATURES)
    error = np.linalg.norm(trajectory(BOWL, optim.Momentum(lr=theory.lr, beta=theory.beta), steps=150).points, axis=1)
    t = np.array([40, 80, 120])
    with_t, without_t = error[t] / (t * theory.rate**t), error[t] / theory.rate**t
    assert np.ptp(with_t) < 0.02 * with_t.mean()  # 1.167, 1.153, 1.148: t · 0.82^t fits
    assert without_t[-1] > 2.5 * without_t[0]  # 0.82^t alone does not
    assert round(89 - convergence.steps_for_rate(theory.rate, 1e-6)) == 20  # "about 20 steps"


def test_beta_0_9_forgives_a_badly_chosen_alpha_more_than_the_fastest_beta(grid):
    def band(beta):  # the αs whose count stays within twice the row's best
        row = grid.row(beta)
        ok = row.lrs[row.steps <= 2 * row.best()[1]]
        return ok.max() / ok.min()
    assert band(0.9) > 10 and band(0.68) < 2  # 0.022..0.35 against 0.079..0.1


def test_the_theory_optimum_in_both_forms():
    theory = convergence.best_momentum(CURVATURES)
    assert round(theory.lr, 3) == 0.1 and round(theory.beta, 3) == 0.669
    assert round(theory.lr * (1 - theory.beta), 4) == 0.0331
    assert round(convergence.steps_for_rate(theory.rate, 1e-6), 1) == 68.8


def test_every_beta_from_0_05_to_0_95_beats_gd_and_the_stability_limit_holds(grid):
    for beta in grid.betas[(grid.betas >= 0.05) & (grid.betas <= 0.95)]:
        assert grid.row(beta).best()[1] < 691
    beyond = grid.lrs[None, :] > 2 * (1 + grid.betas[:, None]) / ((1 - grid.betas[:, None]) * 100.0)
    assert np.all(np.isnan(grid.steps[beyond]))


def test_the_summed_form_retraces_the_path_with_alpha_times_one_minus_beta_and_diverges_without():
    lr = 0.06309573444801933
    averaged = trajectory(BOWL, optim.Momentum(lr=lr, beta=0.9), steps=150)
    summed = trajectory(BOWL, optim.Momentum(lr=lr * (1 - 0.9), beta=0.9, average=False), steps=150)
    unscaled = trajectory(BOWL, optim.Momentum(lr=lr, beta=0.9, average=False), steps=150)
    assert np.abs(averaged.points - summed.points).max() < 1e-15
    assert unscaled.diverged and len(unscaled.points) - 1 == 9


def test_the_explorer_starts_with_momentum_settled_at_132_gd_at_378_and_the_theory_pair_needs_50():
    w = show_surfaces.trajectory_explorer(surface="elongated quadratic", optimizers=("GD", "Momentum"),
                                          lr={"GD": GD_THEORY.lr, "Momentum": 0.06309573444801933}, beta1=0.9,
                                          condition_number=100.0, steps=150)
    gd_line, momentum_line = w.summary.value.split("<br>")
    assert "not yet within 0.001 of it" in gd_line and "within 0.001 of it from step 132 on" in momentum_line
    w.controls["steps"].value = 400  # "drag T to 400"
    assert "within 0.001 of it from step 378 on" in w.summary.value.split("<br>")[0]
    w.controls["steps"].value = 150
    w.controls["beta1"].value, w.controls["lr Momentum"].value = 0.67, 0.1
    momentum_line = w.summary.value.split("<br>")[1]
    assert "within 0.001 of it from step 50 on" in momentum_line and "outside the window" in momentum_line
    w.controls["lr GD"].value = w.controls["lr GD"].value * 10**w.controls["lr GD"].step  # one notch right
    assert w.controls["lr GD"].value > 2 / 100 and "GD</b>: diverged after" in w.summary.value


@pytest.fixture(scope="module")
def digits():
    X_train, Y_train, X_test, Y_test = load_digits()
    return over_seeds.seed_sweep(X_train, Y_train, [64, 32, 10], ["GD", "Momentum"], [0.5, 1.0, 2.0, 4.0],
                                 seeds=range(5), epochs=10, mini_batch_size=64, beta1=0.9, X_test=X_test, Y_test=Y_test)


def test_on_the_digits_momentum_at_its_best_ends_lower_than_gd_at_its_best_on_every_seed(digits):
    assert {name: digits.best_lr(name) for name in digits.histories} == {"GD": 1.0, "Momentum": 2.0}
    gd, momentum = digits.at("GD", 1.0), digits.at("Momentum", 2.0)
    final_gd = np.array([h.epoch_costs[-1] for h in gd])
    final_momentum = np.array([h.epoch_costs[-1] for h in momentum])
    ratio = final_gd / final_momentum
    assert np.all(ratio > 1.5)  # lower on every seed
    assert (round(ratio.min(), 1), round(ratio.max(), 1)) == (1.9, 4.8)
    assert (round(final_momentum.min(), 3), round(final_momentum.max(), 3)) == (0.022, 0.036)
    assert (round(final_gd.min(), 3), round(final_gd.max(), 2)) == (0.054, 0.12)
    first_gd, first_momentum = (np.array([h.epoch_costs[0] for h in runs]) for runs in (gd, momentum))
    assert np.all(first_momentum < first_gd / 1.3)  # far ahead after the first epoch on every seed
    assert (round(first_momentum.min(), 2), round(first_momentum.max(), 2)) == (0.28, 0.87)
    assert (round(first_gd.min(), 2), round(first_gd.max(), 2)) == (1.13, 1.59)


def test_on_the_digits_the_lower_cost_does_not_always_win_on_the_test_set(digits):
    right = {name: [round(h.test_accuracy[-1] * 359) for h in digits.at(name, lr)]
             for name, lr in (("GD", 1.0), ("Momentum", 2.0))}
    assert right["GD"][0] - right["Momentum"][0] == 1  # seed 0: GD one image ahead
    assert all(g < mo for g, mo in zip(right["GD"][1:], right["Momentum"][1:]))  # behind on the other four
    assert (min(right["Momentum"]), max(right["Momentum"])) == (349, 352)  # 97.2–98.1 %
    assert (min(right["GD"]), max(right["GD"])) == (333, 353)  # 92.8–98.3 %


def test_on_the_digits_gd_stops_learning_from_alpha_2_and_momentum_still_learns_at_4_on_every_seed(digits):
    finals_gd, finals_momentum = digits.finals("GD"), digits.finals("Momentum")
    np.testing.assert_allclose(finals_gd[2:], math.log(10), atol=0.07)  # α = 2 and 4: about ln 10
    assert np.all(finals_momentum[3] < 0.1)


def test_in_the_averaged_form_too_the_best_alpha_moves_with_beta(grid):
    best = {beta: round(grid.row(beta).best()[0], 3) for beta in (0.0, 0.5, 0.68, 0.9)}
    assert best == {0.0: 0.018, 0.5: 0.056, 0.68: 0.1, 0.9: 0.032}
    assert [round(2 * (1 + b) / ((1 - b) * 100.0), 2) for b in (0.0, 0.9)] == [0.02, 0.38]


def test_on_a_steady_slope_the_averaged_velocity_tends_to_the_gradient_and_the_summed_one_to_it_over_1_minus_beta():
    dw = np.array([2.0])
    for beta in (0.5, 0.9, 0.99):
        w, v, w_sum, v_sum = np.zeros(1), np.zeros(1), np.zeros(1), np.zeros(1)
        for _ in range(3000):
            w, v = optim.momentum_update(w, v, dw, lr=0.1, beta=beta)
            w_sum, v_sum = optim.momentum_sum_update(w_sum, v_sum, dw, lr=0.1, beta=beta)
        np.testing.assert_allclose(v, dw, rtol=1e-9)  # the step α dW, whatever β
        np.testing.assert_allclose(v_sum, dw / (1 - beta), rtol=1e-9)  # a top speed that grows as 1 − β shrinks


MOMENTUM_LR = 0.06309573444801933  # momentum's best α at β = 0.9 in the first race


@pytest.fixture(scope="module")
def race():
    return nesterov.race(BOWL, np.geomspace(1e-3, 10, 81), np.linspace(0, 0.99, 100), tol=1e-3, max_steps=1000,
                         starts=nesterov.turned_starts(BOWL, [30, 60, 90, 120]))


def test_nesterovs_look_ahead_brakes_the_swing_across_the_valley_and_rolls_like_heavy_ball_along_it():
    heavy = convergence.momentum_factors(MOMENTUM_LR, 0.9, CURVATURES)
    look_ahead = nesterov.factors(MOMENTUM_LR, 0.9, CURVATURES)
    assert [f"{f:.3f}" for f in heavy] == ["0.949", "0.949"] and [f"{f:.3f}" for f in look_ahead] == ["0.946", "0.576"]
    # the paths drawn bear the factors out, direction by direction
    measured = damping.eigen_errors(BOWL, optim.Nesterov(lr=MOMENTUM_LR, beta=0.9), steps=150).rates(0, 150)
    np.testing.assert_allclose(measured, look_ahead, atol=0.01)


def test_the_race_counts_what_the_optimizers_do_from_every_start(race):
    for name, make in (("Momentum", optim.Momentum), ("Nesterov", optim.Nesterov)):
        pick = race.best(name)
        for start, steps in zip(race.starts, pick.steps):
            run = trajectory(BOWL, make(lr=pick.lr, beta=pick.beta), start=start, steps=1000)
            assert run.steps_to_settle(BOWL.minima[0], 1e-3) == steps


def test_each_at_its_best_pair_heavy_ball_settles_sooner_than_nesterov_from_every_start(race):
    heavy, look_ahead = race.best("Momentum"), race.best("Nesterov")
    assert (round(heavy.lr, 4), round(heavy.beta, 2)) == (0.1, 0.7) and heavy.steps.tolist() == [41, 41, 45, 45, 45]
    assert (round(look_ahead.lr, 4), round(look_ahead.beta, 2)) == (0.0631, 0.82)
    assert look_ahead.steps.tolist() == [64, 64, 63, 60, 58]
    assert np.all(heavy.steps < look_ahead.steps)  # from every start
    assert (f"{heavy.steps.mean():.1f}", f"{look_ahead.steps.mean():.1f}") == ("43.4", "61.8")


def test_nesterovs_best_factor_is_1_minus_2_over_root_3_kappa_plus_1_above_heavy_balls_lower_bound():
    lrs, betas = np.geomspace(1e-3, 10, 81), np.linspace(0, 0.99, 100)
    grid = nesterov.factors(lrs, betas[:, None], CURVATURES).max(axis=-1)
    formula = nesterov.best_factor(CURVATURES)
    assert f"{grid.min():.4f}" == "0.8888" and f"{formula:.4f}" == "0.8847"
    assert formula <= grid.min() < formula + 0.005
    # the formula is reached at its pair, α (1 − β) = 4 / (3 λ_max + λ_min), β = (√(3κ+1) − 2) / (√(3κ+1) + 2)
    root = math.sqrt(3 * 100 + 1)
    beta = (root - 2) / (root + 2)
    np.testing.assert_allclose(nesterov.factors(4 / 301 / (1 - beta), beta, CURVATURES), [formula] * 2, rtol=1e-6)  # a double root
    assert convergence.best_momentum(CURVATURES).rate < formula  # heavy ball's best: the lower bound 9/11


def test_with_a_large_beta_nesterov_needs_fewer_steps_though_fewer_alphas_settle(race):
    heavy, look_ahead = race.by_beta("Momentum")[0], race.by_beta("Nesterov")[0]
    ahead = race.betas[look_ahead < heavy]
    assert (f"{ahead.min():.2f}", f"{ahead.max():.2f}") == ("0.81", "0.98")
    between = (race.betas >= ahead.min()) & (race.betas <= ahead.max())
    assert np.all((look_ahead < heavy)[between])  # at every β of the grid from 0.81 to 0.98
    settled = {name: int(np.isfinite(race.mean(name)).sum()) for name in nesterov.METHODS}
    assert settled == {"Momentum": 1982, "Nesterov": 1444}


def test_the_summed_nesterov_form_with_alpha_times_one_minus_beta_is_the_averaged_path():
    averaged = trajectory(BOWL, optim.Nesterov(lr=MOMENTUM_LR, beta=0.9), steps=150)
    summed = trajectory(BOWL, optim.Nesterov(lr=MOMENTUM_LR * (1 - 0.9), beta=0.9, average=False), steps=150)
    assert np.abs(averaged.points - summed.points).max() < 1e-15


def test_pytorchs_sgd_with_nesterov_takes_the_summed_forms_path():
    torch = pytest.importorskip("torch")
    w = torch.tensor(BOWL.start, dtype=torch.float64, requires_grad=True)
    sgd = torch.optim.SGD([w], lr=MOMENTUM_LR * (1 - 0.9), momentum=0.9, nesterov=True)
    points = [w.detach().numpy().copy()]
    for _ in range(150):
        sgd.zero_grad()
        (0.5 * (w[0] ** 2 + 100.0 * w[1] ** 2)).backward()
        sgd.step()
        points.append(w.detach().numpy().copy())
    ours = trajectory(BOWL, optim.Nesterov(lr=MOMENTUM_LR, beta=0.9), steps=150).points
    np.testing.assert_allclose(np.array(points), ours, rtol=0, atol=1e-10)


def test_the_diverging_summed_path_is_drawn_until_it_leaves_the_window():
    from coursekit.show.surfaces import _outside_marks

    unscaled = trajectory(BOWL, optim.Momentum(lr=MOMENTUM_LR, beta=0.9, average=False), steps=150)
    leaves = int(np.argmax(outside_window(BOWL, unscaled.points)))
    assert unscaled.diverged and 0 < leaves < len(unscaled.points) - 1  # it leaves before it stops
    assert len(_outside_marks(BOWL, unscaled.first(leaves))) == 1  # one diamond on the edge, not many
