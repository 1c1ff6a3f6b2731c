"""The claims of notebook 12's schedules (warmup, cosine decay, one-cycle, the race), recomputed at its own settings.

Each test states the sentence of the notebook it pins; a comparison is pinned for every seed the notebook runs.
The numbers are compared at the digits the notebook prints. Nothing is read from the notebook: the race is
trained again here with the notebook's data, network, grid, budget and seeds.
"""

import numpy as np
import pytest

from coursekit.data import two_moons
from coursekit.experiments import schedule_race
from coursekit.experiments.first_steps import adam_steps, steps_taken
from coursekit.experiments.over_seeds import SeedSweep, train_over_seeds
from coursekit.optim import Adam
from coursekit.show.warmup import warmup_explorer

SEEDS, EPOCHS, WARMUP, GRID = range(5), 40, 4, (0.01, 0.03, 0.1, 0.3)


@pytest.fixture(scope="module")
def sweep():
    """The race of the notebook: every schedule at every peak α of the grid, from every seed."""
    X, Y = two_moons(m=300, noise=0.25, seed=0)
    X_test, Y_test = two_moons(m=1000, noise=0.25, seed=1)
    race = schedule_race.contenders(schedule_race.RACE, GRID, EPOCHS, warmup=WARMUP)
    trained = train_over_seeds(X, Y, [2, 16, 16, 1], race.optimizers, SEEDS, EPOCHS, mini_batch_size=16,
                               schedules=race.schedules, X_test=X_test, Y_test=Y_test)
    return SeedSweep(race.lrs, tuple(SEEDS), race.split(trained))


def _finals(sweep, name, lr=None):
    """The final costs and test accuracies of ``name`` at ``lr`` (its best peak by default), one per seed."""
    runs = sweep.at(name, sweep.best_lr(name) if lr is None else lr)
    return np.array([[h.epoch_costs[-1], h.test_accuracy[-1]] for h in runs]).T


def _span(values, digits=3) -> str:
    return f"{values.min():.{digits}f} to {values.max():.{digits}f}"


# --- the schedules ------------------------------------------------------------------------------------------------

def test_the_explorers_first_rates_answer_its_prompt():
    """The numbers line at the explorer's defaults (peak 0.1, W = 10, T = 100): warmup starts at a third of the peak,
    one-cycle 25 times below it, and warmup + cosine reaches the peak at step W."""
    w = warmup_explorer(lr_max=0.1, warmup=10, total=100)
    assert "linear warmup 0.0333, cosine 0.1, warmup + cosine 0.0333, one-cycle 0.004<br>" in w.summary.value
    rates = {line.get_gid(): line.get_ydata() for line in w.figure.axes[0].lines}
    assert int(np.argmax(rates["warmup + cosine"])) == 10 and rates["warmup + cosine"][10] == pytest.approx(0.1)


# --- Adam's first steps -------------------------------------------------------------------------------------------

def test_without_bias_correction_the_first_step_is_about_three_times_alpha():
    """'without bias correction ... the first step is about three times α' (notebook 05)."""
    ratio = -adam_steps([0.02], lr=0.3, bias_correction=False)[0] / 0.3
    assert f"{ratio:.2f}" == "3.16"


def test_with_bias_correction_the_first_step_moves_every_weight_by_about_alpha():
    """'each first step moves every weight by about α, whatever its gradient' (and the question's 0.3)."""
    first = -steps_taken([[1e-3, 0.02, 5.0, -40.0]], Adam(lr=0.3))[0]
    np.testing.assert_allclose(np.abs(first), 0.3, rtol=1e-4)


def test_the_cost_over_the_warmup_at_each_peak(sweep):
    """The table of the first 76 steps' mean cost: the means, the seeds' range, and warmup / none by seed."""
    steps = WARMUP * sweep.at("cosine", 0.3)[0].steps_per_epoch
    assert steps == 76
    printed = {}
    for lr in GRID:
        none, warm = (schedule_race.early_cost(sweep.at(name, lr), steps) for name in ("cosine", "warmup + cosine"))
        printed[lr] = (f"{none.mean():.3f} ({_span(none)})", f"{warm.mean():.3f} ({_span(warm)})",
                       _span(warm / none, 2))
    assert printed == {
        0.01: ("0.311 (0.293 to 0.329)", "0.377 (0.356 to 0.401)", "1.19 to 1.24"),
        0.03: ("0.268 (0.249 to 0.284)", "0.307 (0.291 to 0.328)", "1.10 to 1.18"),
        0.1: ("0.274 (0.252 to 0.301)", "0.270 (0.259 to 0.294)", "0.88 to 1.03"),
        0.3: ("0.381 (0.349 to 0.441)", "0.292 (0.270 to 0.305)", "0.61 to 0.87"),
    }


def test_warmup_helps_the_first_steps_only_at_the_largest_peak(sweep):
    """'At the largest peak the first steps cost less with warmup than without on every seed; at the best peak it
    changes little; at a small peak it only slows the start'."""
    steps = WARMUP * sweep.at("cosine", 0.3)[0].steps_per_epoch
    ratio = {lr: schedule_race.early_cost(sweep.at("warmup + cosine", lr), steps)
             / schedule_race.early_cost(sweep.at("cosine", lr), steps) for lr in GRID}
    assert (ratio[0.3] < 1).all()
    assert ratio[0.1].min() < 1 < ratio[0.1].max() and np.abs(ratio[0.1] - 1).max() < 0.15
    assert (ratio[0.01] > 1).all() and (ratio[0.03] > 1).all()
    assert sweep.best_lr("cosine") == sweep.best_lr("warmup + cosine") == 0.1  # "the best peak"


def test_at_the_largest_peak_warmup_keeps_every_seed_near_the_best_runs(sweep):
    """'two seeds of five end far above the best runs without warmup; with warmup, every seed ends near them':
    0.092 to 0.112 with warmup, 0.093 to 0.239 without, the constant α at 0.16 or more on every seed, far above (its
    worst seed is chaotic at this α: 0.464 here, 0.854 under the lowest versions the project admits), and the
    seed-by-seed lines of the figure's cell."""
    cosine, warm = _finals(sweep, "cosine", 0.3)[0], _finals(sweep, "warmup + cosine", 0.3)[0]
    assert " ".join(f"{c:.3f}" for c in cosine) == "0.239 0.093 0.239 0.103 0.113"
    assert " ".join(f"{c:.3f}" for c in warm) == "0.112 0.094 0.100 0.107 0.092"
    constant = _finals(sweep, "constant", 0.3)[0]
    assert _span(warm) == "0.092 to 0.112" and f"{constant.min():.2f}" == "0.16" and constant.min() > 1.4 * warm.max()
    assert warm.max() < 1.35 * _finals(sweep, "warmup + cosine")[0].max()  # near the best runs, on every seed
    assert (cosine > 2 * _finals(sweep, "warmup + cosine")[0].max()).sum() == 2  # two seeds far above, without


# --- the race -----------------------------------------------------------------------------------------------------

def test_each_schedules_best_peak_and_where_it_ends(sweep):
    """The race's table: best peak, mean final cost (seeds' range), mean test accuracy (seeds' range)."""
    printed = {}
    for name in schedule_race.RACE:
        cost, accuracy = _finals(sweep, name)
        printed[name] = (sweep.best_lr(name), f"{cost.mean():.4f} ({_span(cost, 4)})",
                         f"{accuracy.mean():.1%} ({accuracy.min():.1%} to {accuracy.max():.1%})")
    assert printed == {
        "constant": (0.03, "0.0947 (0.0887 to 0.1011)", "92.8% (91.9% to 93.5%)"),
        "step decay": (0.1, "0.0956 (0.0925 to 0.1004)", "92.9% (92.7% to 93.0%)"),
        "cosine": (0.1, "0.0910 (0.0870 to 0.1018)", "93.1% (92.5% to 93.6%)"),
        "warmup + cosine": (0.1, "0.0843 (0.0830 to 0.0879)", "92.9% (92.5% to 93.3%)"),
    }


def test_warmup_and_cosine_ends_lowest_on_every_seed(sweep):
    """'warmup + cosine ended lowest on every seed': 3 to 7 % below the best of the other three, seed by seed
    (printed: 0.925 to 0.968)."""
    others = np.min([_finals(sweep, name)[0] for name in schedule_race.RACE[:3]], axis=0)
    ratio = _finals(sweep, "warmup + cosine")[0] / others
    assert (ratio < 1).all() and _span(ratio) == "0.925 to 0.968"
    assert round(100 * (1 - ratio.max())) == 3 and round(100 * (1 - ratio.min())) == 7


def test_the_test_accuracy_did_not_move(sweep):
    """'on every seed the four test accuracies lie within about a point of one another' (printed: at most 1.1)."""
    accuracies = np.array([_finals(sweep, name)[1] for name in schedule_race.RACE])
    spread = 100 * np.ptp(accuracies, axis=0)
    assert f"{spread.max():.1f}" == "1.1"
    means = 100 * accuracies.mean(axis=1)
    assert f"{means.min():.1f} {means.max():.1f}" == "92.8 93.1"


def test_both_cosines_end_below_the_constant_alpha_and_step_decay_level_with_it(sweep):
    """'Both cosine schedules ended below the constant α on average; step decay, at this budget, ended level with
    it' (within 1 % on average; 0.98 to 1.06 seed by seed)."""
    mean = {name: _finals(sweep, name)[0].mean() for name in schedule_race.RACE}
    assert mean["cosine"] < mean["constant"] and mean["warmup + cosine"] < mean["constant"]
    assert abs(mean["step decay"] / mean["constant"] - 1) < 0.01
    by_seed = _finals(sweep, "step decay")[0] / _finals(sweep, "constant")[0]
    assert _span(by_seed, 2) == "0.98 to 1.06"
