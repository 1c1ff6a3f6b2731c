"""Tests of coursekit.experiments.schedule_race: each contender's schedule (and torch's for step decay), the
contenders in order and fresh, their runs handed back by schedule as a SeedSweep holds them and equal to train()'s,
and the mean cost of the first steps."""

import numpy as np
import pytest

from coursekit import data
from coursekit.experiments.over_seeds import SeedSweep, train_over_seeds
from coursekit.experiments.schedule_race import RACE, contenders, early_cost, race_schedule
from coursekit.optim import Adam, Momentum
from coursekit.train import train
from coursekit.warmup_and_cosine import cosine_decay, warmup_cosine


def _rates(schedule, epochs):
    return [schedule(e) for e in range(1, epochs + 1)]


def test_the_constant_contender_keeps_its_peak():
    assert _rates(race_schedule("constant", 0.3, epochs=10), 10) == [0.3] * 10


@pytest.mark.parametrize("epochs", [4, 10, 40, 41])
def test_step_decay_divides_by_ten_at_half_the_run_and_again_at_three_quarters(epochs):
    rates = _rates(race_schedule("step decay", 1.0, epochs), epochs)
    expected = [1.0 if e <= epochs // 2 else 0.1 if e <= 3 * epochs // 4 else 0.01 for e in range(1, epochs + 1)]
    np.testing.assert_allclose(rates, expected, rtol=1e-12)


def test_the_cosine_contenders_count_from_zero_as_torch_does():
    """Epoch e runs with α(e − 1): the first epoch at the peak (cosine) or at a third of it (warmup)."""
    cosine, warm = race_schedule("cosine", 0.1, 40), race_schedule("warmup + cosine", 0.1, 40, warmup=4)
    assert _rates(cosine, 40) == [cosine_decay(0.1, 40)(t) for t in range(40)]
    assert _rates(warm, 40) == [warmup_cosine(0.1, 4, 40)(t) for t in range(40)]
    assert cosine(1) == 0.1 and warm(1) == pytest.approx(0.1 / 3) and warm(5) == 0.1


@pytest.mark.parametrize("name", RACE)
def test_every_contender_peaks_at_its_alpha_and_never_rises_after_it(name):
    rates = _rates(race_schedule(name, 0.2, epochs=40, warmup=4), 40)
    peak = int(np.argmax(rates))
    assert max(rates) == pytest.approx(0.2, rel=1e-12) and min(rates) > 0
    assert all(b <= a * (1 + 1e-12) for a, b in zip(rates[peak:], rates[peak + 1:]))


def test_step_decay_is_torchs_multistep_scheduler_stepped_once_an_epoch():
    torch = pytest.importorskip("torch")
    weight = torch.nn.Parameter(torch.zeros(1, dtype=torch.float64))
    opt = torch.optim.SGD([weight], lr=0.3)
    scheduler = torch.optim.lr_scheduler.MultiStepLR(opt, milestones=[20, 30], gamma=0.1)
    theirs = []
    for _ in range(40):
        theirs.append(opt.param_groups[0]["lr"])
        opt.step()
        scheduler.step()
    np.testing.assert_allclose(_rates(race_schedule("step decay", 0.3, 40), 40), theirs, rtol=1e-12)


def test_contenders_are_schedule_by_schedule_fresh_and_each_with_its_own_schedule():
    race = contenders(["cosine", "constant"], [0.01, 0.1, 0.3], epochs=10, warmup=2)
    assert race.names == ("cosine", "constant") and race.lrs.tolist() == [0.01, 0.1, 0.3]
    assert [opt.lr for opt in race.optimizers] == [0.01, 0.1, 0.3] * 2
    assert all(type(opt) is Adam and opt.t == 0 for opt in race.optimizers)
    assert len({id(opt) for opt in race.optimizers}) == 6  # one object per run
    for i, schedule in enumerate(race.schedules):
        expected = race_schedule(race.names[i // 3], race.lrs[i % 3], 10, 2)
        assert _rates(schedule, 10) == _rates(expected, 10)


def test_contenders_can_race_another_optimizer():
    race = contenders(["constant"], [0.1], epochs=5, optimizer="Momentum", beta1=0.8)
    assert type(race.optimizers[0]) is Momentum and race.optimizers[0].beta == 0.8


def test_the_runs_come_back_by_schedule_and_are_what_train_gives_each():
    X, Y = data.two_moons(m=64, noise=0.25, seed=2)
    race = contenders(RACE, [0.03, 0.3], epochs=6, warmup=2)
    seeds = [0, 5]
    trained = train_over_seeds(X, Y, [2, 4, 1], race.optimizers, seeds, 6, mini_batch_size=16,
                               schedules=race.schedules)
    sweep = SeedSweep(race.lrs, tuple(seeds), race.split(trained))
    assert list(sweep.histories) == list(RACE) and sweep.finals("cosine").shape == (2, 2)
    for name in RACE:
        for lr in (0.03, 0.3):
            for seed, h in zip(seeds, sweep.at(name, lr)):
                alone = train(X, Y, [2, 4, 1], Adam(lr), epochs=6, mini_batch_size=16, seed=seed,
                              schedule=race_schedule(name, lr, 6, warmup=2))
                np.testing.assert_allclose(h.lrs, alone.lrs, rtol=1e-15)
                np.testing.assert_allclose(h.costs, alone.costs, rtol=1e-9)


def test_split_refuses_runs_that_are_not_one_row_per_contender():
    race = contenders(["constant", "cosine"], [0.1], epochs=4)
    with pytest.raises(ValueError, match=r"trained must hold one row of runs per contender \(2\), got 3"):
        race.split([[], [], []])
    with pytest.raises(TypeError, match="trained must be a sequence of one row of runs per contender"):
        race.split(None)


def test_early_cost_is_the_mean_mini_batch_cost_of_the_first_steps():
    X, Y = data.two_moons(m=64, seed=0)
    runs = [train(X, Y, [2, 4, 1], Adam(0.1), epochs=2, mini_batch_size=16, seed=seed) for seed in (0, 1)]
    np.testing.assert_allclose(early_cost(runs, 3), [h.costs[:3].mean() for h in runs], rtol=1e-15)
    assert early_cost(runs, 8).tolist() == [h.costs.mean() for h in runs]
    with pytest.raises(ValueError, match=r"steps must be an integer in \[1, 8\] \(the steps of the shortest run\), "
                                         r"got 9"):
        early_cost(runs, 9)
