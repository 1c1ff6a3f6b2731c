"""The claims of notebook 10 (local optima, saddles, plateaus), at the notebook's settings (the recap's are 11's).

Each test quotes the sentence of the notebook it pins; it fails when a change in coursekit makes it untrue.
"""

import numpy as np
import pytest

from coursekit import critical_points, surfaces, trajectories
from coursekit.course.exercises import reference as exercise_reference
from coursekit.experiments import basins, plateaus, saddles
from coursekit.optim import GD, Adam, Momentum, RMSprop
from coursekit.trajectories import trajectory


# --- basins in two dimensions ---------------------------------------------------------------------------------


def test_about_half_of_the_starts_reach_the_deepest_minimum_whatever_the_optimizer():
    """'GD brings 180 of the 400 runs (45%) ...; momentum, RMSprop and Adam send between 175 and 201 runs there';
    'nothing here is random ... the same at every run'."""
    bowl = surfaces.several_minima()
    starts = basins.start_grid(bowl, per_side=20)
    optimizers = {"GD": GD(lr=0.3), "Momentum": Momentum(lr=0.3, beta=0.9), "RMSprop": RMSprop(lr=0.02, beta2=0.9),
                  "Adam": Adam(lr=0.05, beta1=0.9, beta2=0.999)}
    counts = {}
    for name, opt in optimizers.items():
        reached = basins.nearest_minimum(bowl, trajectories.from_starts(bowl, opt, starts, steps=300)[-1])
        assert np.all(reached >= 0), f"every run of {name} ends in a minimum"
        counts[name] = [int(np.sum(reached == k)) for k in range(3)]
    assert counts["GD"] == [180, 118, 102]
    assert min(c[0] for c in counts.values()) == 175 and max(c[0] for c in counts.values()) == 201
    np.testing.assert_array_equal(starts, basins.start_grid(bowl, per_side=20))
    again = basins.nearest_minimum(bowl, trajectories.from_starts(bowl, GD(lr=0.3), starts, steps=300)[-1])
    assert [int(np.sum(again == k)) for k in range(3)] == counts["GD"]


# --- minima in many dimensions ------------------------------------------------------------------------------------


def test_the_lectures_coin_flip_odds():
    """'2^-20000 = 10^-6020.6'."""
    assert f"{critical_points.log10_critical_point_odds(20000):.1f}" == "-6020.6"


@pytest.fixture(scope="module")
def goe_hits():
    return np.array([critical_points.goe_all_positive(7, count=2_000_000, seed=seed) for seed in range(5)])


def test_positive_definite_goe_matrices_get_rare_much_faster_than_coin_flips(goe_hits):
    """'For five directions a GOE matrix is positive definite over 200 times less often than the coin flips predict';
    the claims table: 'n = 5: 1.33e-04 (95 % interval 1.26e-04 to 1.41e-04) against 2^-5 = 3.12e-02, 234 times
    rarer'; each seed alone 1.22e-4 to 1.43e-4, and at n = 7 one matrix in ten million."""
    hits, total = goe_hits.sum(axis=0), 10_000_000
    fraction = hits / total
    assert abs(fraction[0] - 0.5) < 0.002
    low, high = critical_points.rate_interval(int(hits[4]), total)
    assert f"{fraction[4]:.1e} {low:.2e} {high:.2e}" == "1.3e-04 1.26e-04 1.41e-04"
    assert 220 < 2.0**-5 / high and 2.0**-5 / low < 250
    each = goe_hits[:, 4] / 2_000_000
    assert f"{each.min():.2e} {each.max():.2e}" == "1.22e-04 1.43e-04"
    assert hits[6] == 1
    ratios = [2.0 ** -(n + 1) / f for n, f in enumerate(fraction[:6])]
    assert all(b > 2 * a for a, b in zip(ratios[1:], ratios[2:])), "the gap to the coin flips widens at every n"


def test_gd_leaves_a_saddle_in_a_time_that_grows_like_the_log_of_the_distance_to_the_ridge():
    """'11, 23, 48 and 99 steps from y = 0.1 down to 1e-8 ... only a start exactly on the ridge stays'."""
    saddle = surfaces.saddle()
    runs = {y0: trajectory(saddle, GD(lr=0.1), start=(1.8, y0), steps=200) for y0 in (0.1, 0.01, 1e-4, 1e-8, 0.0)}
    steps = [plateaus.steps_to_leave(runs[y0].losses, level=-0.25) for y0 in (0.1, 0.01, 1e-4, 1e-8)]
    assert steps == [11, 23, 48, 99]
    assert all(abs((b - a) / (np.log10(y_a / y_b) / 2) - 25) < 3
               for (a, y_a), (b, y_b) in zip(zip(steps, (0.1, 0.01, 1e-4)), zip(steps[1:], (0.01, 1e-4, 1e-8))))
    assert plateaus.steps_to_leave(runs[0.0].losses, level=-0.25) is None and abs(runs[0.0].losses[-1]) < 5e-5


# --- the linear autoencoder -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pixels():
    return saddles.pooled_digits(side=4)


def test_the_autoencoder_has_one_minimum_family_and_119_saddle_families_whose_cost_grows_with_the_index(pixels):
    """'All 120 counts match; exactly one family is a minimum (0, 1) at 0.144; saddles 0.156 to 0.256; correlation
    0.88'; 'its Hessian has 4 zero eigenvalues besides 60 positive ones ... degenerate'; 'W = 0 ... its gradient is
    exactly zero, and at cost 0.258 it is a saddle'."""
    points = saddles.critical_points(pixels, p=2)
    assert len(points) == 120 and all(p.index == p.negative_found for p in points)
    minima = [p for p in points if p.index == 0]
    assert len(minima) == 1 and minima[0].subset == (0, 1) and minima[0] is points[0]
    assert f"{points[0].cost:.3f} {points[1].cost:.3f} {points[-1].cost:.3f}" == "0.144 0.156 0.256"
    correlation = np.corrcoef([p.index_fraction for p in points], [p.cost for p in points])[0, 1]
    assert f"{correlation:.2f}" == "0.88"
    vectors = np.linalg.eigh(pixels @ pixels.T / pixels.shape[1])[1][:, ::-1]
    C = np.array([[2.0, 1.0], [0.5, 3.0]])  # any invertible change of the code: the same cost, still critical
    for scale in (np.eye(2), C):
        W1, W2 = scale @ vectors[:, :2].T, vectors[:, :2] @ np.linalg.inv(scale)
        assert saddles.autoencoder_cost(pixels, W1, W2) == pytest.approx(points[0].cost, rel=1e-12)
        assert max(np.abs(g).max() for g in saddles.autoencoder_grads(pixels, W1, W2).values()) < 1e-12
    hessian = saddles.autoencoder_hessian(pixels, vectors[:, :2].T, vectors[:, :2])
    curvatures = np.linalg.eigvalsh(hessian)
    assert np.sum(np.abs(curvatures) <= 1e-8) == 4 and np.sum(curvatures > 1e-4) == 60
    assert critical_points.classify_critical_point(hessian) == "degenerate"
    W1, W2 = np.zeros((2, 16)), np.zeros((16, 2))
    assert all(np.all(g == 0) for g in saddles.autoencoder_grads(pixels, W1, W2).values())
    assert f"{saddles.autoencoder_cost(pixels, W1, W2):.3f}" == "0.258"
    assert critical_points.classify_critical_point(saddles.autoencoder_hessian(pixels, W1, W2)) == "saddle"


def test_the_autoencoders_minimum_is_flat_along_the_p_squared_directions_of_its_family(pixels):
    """'the cost is flat in the p² directions in which A can change'; the yours cell: 1, 4, 9 and 16 flat directions
    for p = 1 to 4, at C = the identity and at another C (the notebook's draws), 'at 8 of 8'."""
    zero_count = exercise_reference("flat_directions")
    vectors = np.linalg.eigh(pixels @ pixels.T / pixels.shape[1])[1]
    rng = np.random.default_rng(0)
    for p in range(1, 5):
        U = vectors[:, ::-1][:, :p]
        C = np.eye(p) + 0.5 * rng.standard_normal((p, p))
        for A in (np.eye(p), C):
            hessian = saddles.autoencoder_hessian(pixels, A @ U.T, U @ np.linalg.inv(A))
            values = np.linalg.eigvalsh(hessian)
            assert zero_count(hessian) == p * p and np.sum(values < -1e-8) == 0
            assert np.sort(np.abs(values))[p * p] > 1e-5, "the next curvature is far from the tolerance"
            assert critical_points.classify_critical_point(hessian) == "degenerate"


def test_training_from_small_weights_pauses_at_the_saddles(pixels):
    """'flat at 0.258 for 57 steps; 3 and 11 steps near 0.195 and 0.144; the minimum at step about 150'."""
    costs = saddles.train_autoencoder(pixels, p=3, optimizer=GD(lr=1.0), steps=300, init_scale=1e-4, seed=0)
    eigenvalues = np.linalg.eigvalsh(pixels @ pixels.T / pixels.shape[1])[::-1]
    levels = [eigenvalues[k:].sum() / 2 for k in range(4)]
    assert [f"{level:.3f}" for level in levels] == ["0.258", "0.195", "0.144", "0.105"]
    assert [plateaus.steps_near(costs, level, tol=0.002) for level in levels] == [57, 3, 11, 154]
    assert np.all(costs[:40] > levels[0] - 1e-4), "the first stretch is flat"
    arrived = int(np.flatnonzero(np.abs(costs - levels[3]) <= 0.002)[0])
    assert 135 <= arrived <= 160


# --- plateaus -------------------------------------------------------------------------------------------------------


def test_with_the_same_rate_averaged_momentum_is_not_faster_than_gd_on_the_plateau():
    """'1,196 steps against 1,168; RMSprop 18 and Adam 30; momentum with α / (1 − β): 135'."""
    data = plateaus.plateau_data([10], lr=0.3, slope=0.02, steps=1500)
    steps = {label: plateaus.steps_to_leave(J[0]) for label, J in data.items()}
    assert steps == {"GD": 1168, "Momentum": 1196, "Momentum, α / (1 − β)": 135, "RMSprop": 18, "Adam": 30}
    assert 1.0 <= steps["Momentum"] / steps["GD"] < 1.05
    assert steps["GD"] / steps["Momentum, α / (1 − β)"] > 8


def test_the_plateau_explorers_tasks_have_answers_on_its_slider():
    """'Go from L = 5 to L = 10: divide the extra length by each optimizer's extra steps, and compare with α s and with
    α', on the explorer's lengths 3 to 30 (gradient descent stays on the plateau from L = 12 on)."""
    lengths = list(range(3, 31))
    data = plateaus.plateau_data(lengths, lr=0.3, slope=0.02, steps=1500)
    steps = {label: [plateaus.steps_to_leave(J[row]) for row in range(len(lengths))] for label, J in data.items()}
    gd, adam = dict(zip(lengths, steps["GD"])), dict(zip(lengths, steps["Adam"]))
    assert (gd[5], gd[10], adam[5], adam[10]) == (326, 1168, 14, 30)
    assert 5 / (gd[10] - gd[5]) == pytest.approx(0.3 * 0.02, rel=0.02)  # α s = 0.006 per step
    assert 5 / (adam[10] - adam[5]) == pytest.approx(0.3, rel=0.05)  # about α per step
    assert min(L for L in lengths if gd[L] is None) == 12 and gd[11] == 1335
    assert all(adam[L] is not None for L in lengths) and adam[30] == 95  # Adam leaves even L = 30, in 95 steps


def test_at_each_optimizers_best_rate_all_three_beat_gd_on_the_plateau():
    """'settled: GD 354 (α = 1; α = 3 never settles), momentum 99 (α = 10), RMSprop 167 (α = 0.1), Adam 53 (α = 1)'."""
    plateau = plateaus.long_plateau(length=10.0, slope=0.02)
    makers = {"GD": lambda lr: GD(lr), "Momentum": lambda lr: Momentum(lr, beta=0.9),
              "RMSprop": lambda lr: RMSprop(lr, beta2=0.9), "Adam": lambda lr: Adam(lr, beta1=0.9, beta2=0.999)}
    best = {}
    for name, make in makers.items():
        settled = {}
        for lr in (0.1, 0.3, 1.0, 3.0, 10.0):
            done = trajectory(plateau, make(lr), steps=1000).steps_to_settle((0.0, 0.0), tol=0.1)
            if done is not None:
                settled[lr] = done
        best[name] = min((done, lr) for lr, done in settled.items())
    assert best == {"GD": (354, 1.0), "Momentum": (99, 10.0), "RMSprop": (167, 0.1), "Adam": (53, 1.0)}
    gd_at_3 = trajectory(plateau, GD(3.0), steps=1000)
    assert gd_at_3.steps_to_settle((0.0, 0.0), tol=0.1) is None and 2 / plateau.hessian([0.0, 0.0])[0, 0] < 3.0
