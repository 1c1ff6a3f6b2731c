"""The check of notebook 08's fair pick from a learning-rate sweep, fair_pick: each wrong pick as a learner writes it
fails with its own mistake named, right picks written otherwise pass, bad sweeps are refused, and the pick is the
one coursekit's sweep makes for the notebook's race.

The wrong answers are written independently of the catalogue's own, each a loop over the rows with one slip.
"""

import json
import math

import numpy as np
import pytest

from coursekit import data
from coursekit.course import progress_table, records
from coursekit.course.exercises import reference
from coursekit.experiments import over_seeds


NAME = "fair_pick"


def _loop(score, skip_diverged=True, spread=None):
    """A learner's loop over the rows: the row of lowest ``score(row)``, and ``spread(costs, row)`` or its range."""

    def pick(costs, lrs):
        best, best_score = None, math.inf
        for i, row in enumerate(costs):
            if skip_diverged and not all(math.isfinite(c) for c in row):
                continue
            if score(row) < best_score:
                best, best_score = i, score(row)
        low, high = spread(costs, best) if spread else (min(costs[best]), max(costs[best]))
        return lrs[best], low, high

    return pick


def mean(row):
    return sum(row) / len(row)


def nan_taken_for_the_lowest(costs, lrs):
    means = [np.mean(row) for row in costs]
    i = int(np.argmin(means))
    return lrs[i], min(costs[i]), max(costs[i])


def diverged_seed_left_out(costs, lrs):
    means = [np.mean([c for c in row if math.isfinite(c)]) for row in costs]
    i = int(np.argmin(means))
    row = [c for c in costs[i] if math.isfinite(c)]
    return lrs[i], min(row), max(row)


def spread_over_every_alpha(costs, lrs):
    lr, _, _ = _loop(mean)(costs, lrs)
    finite = costs[np.isfinite(costs)]
    return lr, finite.min(), finite.max()


def over_the_alphas(costs, lrs):
    j = int(np.argmin(np.where(np.isfinite(costs), costs, np.inf).mean(axis=0)))
    return lrs[j], costs[j].min(), costs[j].max()


def row_number(costs, lrs):
    _, low, high = _loop(mean)(costs, lrs)
    means = [mean(row) if np.isfinite(row).all() else math.inf for row in costs]
    return means.index(min(means)), low, high


WRONG = [
    ("NaN taken for the lowest", nan_taken_for_the_lowest),
    ("a diverged seed left out of the mean", diverged_seed_left_out),
    ("the best of one seed only", _loop(lambda row: row[0])),
    ("the lowest single run (a lucky one)", _loop(min)),
    ("the median, not the mean", _loop(np.median)),
    ("the worst seed, not the mean", _loop(max)),
    ("averaged over the α's instead of the seeds", over_the_alphas),
    ("the highest mean instead of the lowest", _loop(lambda row: -mean(row))),
    ("the spread over every α", spread_over_every_alpha),
    ("the row number instead of α", row_number),
]


def sorted_pick(costs, lrs):
    candidates = sorted((np.mean(row), i) for i, row in enumerate(costs) if np.isfinite(row).all())
    i = candidates[0][1]
    return float(lrs[i]), float(np.min(costs[i])), float(np.max(costs[i]))


def masked_pick(costs, lrs):
    means = np.ma.masked_invalid(costs).mean(axis=1)
    means[~np.isfinite(costs).all(axis=1)] = np.ma.masked
    i = int(means.argmin())
    return lrs[i], costs[i].min(), costs[i].max()


RIGHT = [_loop(mean), sorted_pick, masked_pick, lambda c, a: list(_loop(np.mean)(c, a))]


def test_the_pick_is_the_alpha_coursekits_sweep_gives_the_race():
    X, Y = data.two_moons(m=100, noise=0.2, seed=0)
    sweep = over_seeds.seed_sweep(X, Y, [2, 4, 1], ["GD", "Adam"], [0.01, 0.1, 1.0, 30.0], seeds=[0, 1, 2], epochs=30)
    for name in sweep.histories:
        lr, low, high = reference(NAME)(sweep.finals(name), sweep.lrs)
        runs = [h.epoch_costs[-1] for h in sweep.at(name, lr)]
        assert lr == sweep.best_lr(name) and (low, high) == (min(runs), max(runs))


@pytest.mark.parametrize("costs, lrs, message", [
    ([0.1, 0.2], [0.1, 1.0], r"costs must be a 2-D array, got 1-D array of shape \(2,\)"),
    ([[0.1, 0.2]], [0.1, 1.0], r"lrs must hold one α per row of costs \(1\), got 2"),
    ([[0.1, np.nan], [np.inf, 0.2]], [0.1, 1.0], r"costs must have a row whose every seed ended finite, got none of 2"),
    ([[0.1], [0.2]], [0.1, np.nan], r"lrs must be finite, got 1 NaN or inf value\(s\)"),
])


def test_a_sweep_that_cannot_be_picked_from_is_refused_naming_the_argument(costs, lrs, message):
    with pytest.raises(ValueError, match=message):
        reference(NAME)(costs, lrs)


def test_a_verdict_kept_for_the_removed_initialize_adam_crashes_nothing(tmp_path, monkeypatch):
    stored = {"exercises": {"initialize_adam": {"08_adam.ipynb": {"passed": True, "notebook": "08", "when": ""}}}}
    (tmp_path / records.FILENAME).write_text(json.dumps(stored))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    row = next(row for row in progress_table.progress().rows if row.notebook == "08")
    assert row.exercises == (0, 2) and "initialize_adam" not in repr(progress_table.progress())
