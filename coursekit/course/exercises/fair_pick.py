"""A fair pick from a learning-rate sweep (notebook 08): the reference, the generated cases and the known mistakes.

A sweep trains one optimizer at each α of a grid from several seeds; ``costs[i, j]`` is the final training
cost at ``α = lrs[i]`` from seed ``j``, NaN (or inf) where the run diverged. The fair pick, as notebook 08
teaches it, is the α of lowest *mean* cost over the seeds, an α where any seed diverged being ruled out —
one α for every seed, as a tuner would choose it, that no single lucky run can win and no blown-up run can
hide in — and the spread it reports is the lowest and highest cost over the seeds *at that α*. It is the
rule of :meth:`coursekit.experiments.over_seeds.SeedSweep.best_lr`, so a learner's pick and coursekit's
choose the same α for the notebook's race.

Each case is a sweep drawn around a valley with one thing planted that sets a wrong pick apart from the fair
one: a lucky run on one seed, seed 0's best away from the mean's, a diverged seed on the row of lowest other
costs, rows whose median or worst seed would order them otherwise, a grid with fewer seeds than α's.
"""

from __future__ import annotations

import numpy as np

from coursekit import _validate
from coursekit.course.exercises.inputs import Draws
from coursekit.course.exercises.machinery import Case, Mistake

__all__ = ["HINTS", "MISTAKES", "cases", "fair_pick"]


def fair_pick(costs, lrs) -> tuple[float, float, float]:
    """The α of lowest mean final cost over the seeds, and the lowest and highest cost at that α.

    ``i* = argmin_i mean_j J[i, j]`` over the rows ``i`` whose every seed ``j`` ended finite; returns
    ``(α[i*], min_j J[i*, j], max_j J[i*, j])``.

    Args:
        costs: ``J``, the final training costs, one row per α of ``lrs``, one column per seed; NaN or inf
            where a run diverged.
        lrs: the grid of learning rates ``α``, one per row of ``costs``.

    Returns:
        ``(lr, lowest, highest)``: the fair α and the spread of the seeds' costs there.

    Reference: notebook 08, "Real training (a): the two moons".

    >>> fair_pick([[0.3, 0.5], [0.01, np.nan], [0.2, 0.2]], [0.1, 1.0, 10.0])
    (10.0, 0.2, 0.2)
    """
    costs = _validate.array(costs, "costs", ndim=2, finite=False)
    lrs = _validate.array(lrs, "lrs", ndim=1)
    if len(lrs) != len(costs):
        raise ValueError(f"lrs must hold one α per row of costs ({len(costs)}), got {len(lrs)}")
    trained = np.isfinite(costs).all(axis=1)
    if not trained.any():
        raise ValueError(f"costs must have a row whose every seed ended finite, got none of {len(costs)}")
    best = int(np.argmin(np.where(trained, costs.mean(axis=1), np.inf)))
    return float(lrs[best]), float(costs[best].min()), float(costs[best].max())


def _picked_by(score, spread=None, rule_out=True):
    """A wrong pick: the row of lowest ``score(costs)`` (NaN as the worst) among the rows whose every seed ended
    finite (among all rows if not ``rule_out``), and ``spread(costs, row)`` or the row's range."""

    def pick(costs, lrs):
        costs = np.asarray(costs, dtype=float)
        scores = np.asarray(score(costs), dtype=float)
        out = np.isnan(scores) | (rule_out & ~np.isfinite(costs).all(axis=1))
        row = int(np.argmin(np.where(out, np.inf, scores)))
        low_high = spread(costs, row) if spread else (np.min(costs[row]), np.max(costs[row]))
        return float(lrs[row]), *map(float, low_high)

    return pick


def _failed_as_inf(costs):
    return np.where(np.isfinite(costs), costs, np.inf)


def _nan_first(costs, lrs):
    row = int(np.argmin(np.mean(costs, axis=1)))  # argmin takes a NaN for the lowest
    return float(lrs[row]), float(np.min(costs[row])), float(np.max(costs[row]))


def _index(costs, lrs):
    lr, low, high = fair_pick(costs, lrs)
    return float(np.flatnonzero(np.asarray(lrs) == lr)[0]), low, high


def _over_every_alpha(costs, lrs):
    lr, _, _ = fair_pick(costs, lrs)
    finite = np.asarray(costs)[np.isfinite(costs)]
    return lr, float(finite.min()), float(finite.max())


def _over_the_alphas(costs, lrs):
    column = int(np.argmin(_failed_as_inf(costs).mean(axis=0)))
    return float(lrs[column]), float(np.min(costs[column])), float(np.max(costs[column]))


MISTAKES = (
    Mistake(
        "NaN taken for the lowest",
        "a seed that diverged makes its row's mean NaN, and picking the lowest of numbers that include a NaN picks "
        "the NaN: rule out every α where a seed did not end finite before comparing the means.",
        wrong=_nan_first,
    ),
    Mistake(
        "a diverged seed left out of the mean",
        "averaging only the seeds that ended finite lets an α that blew up on one seed win on the others: a tuner "
        "cannot use an α that sometimes diverges, so such an α is ruled out, not averaged without its failure.",
        wrong=_picked_by(lambda c: np.nanmean(np.where(np.isfinite(c), c, np.nan), axis=1),
                         lambda c, row: (np.nanmin(c[row]), np.nanmax(c[row])), rule_out=False),
    ),
    Mistake(
        "the best of one seed only",
        "one seed's lowest cost says which α suited that start and those mini-batches; average each α over every "
        "seed, and pick the α whose mean is lowest.",
        wrong=_picked_by(lambda c: c[:, 0]),
    ),
    Mistake(
        "the lowest single run (a lucky one)",
        "the α of the lowest cost of any one run rewards the luckiest seed, not the α that trains well from every "
        "start: compare the α's by their mean over the seeds.",
        wrong=_picked_by(lambda c: c.min(axis=1)),
    ),
    Mistake(
        "the median, not the mean",
        "the median is a fair rule too, but not this notebook's: it ignores how badly the worst seeds ended, and "
        "the race is run at the α of lowest mean cost over the seeds.",
        wrong=_picked_by(lambda c: np.median(c, axis=1)),
    ),
    Mistake(
        "the worst seed, not the mean",
        "picking the α whose worst seed is least bad is a cautious rule, but not this notebook's: the race is run at "
        "the α of lowest mean cost over the seeds.",
        wrong=_picked_by(lambda c: c.max(axis=1)),
    ),
    Mistake(
        "averaged over the α's instead of the seeds",
        "each row of costs is one α, each column one seed: the mean over the seeds runs along a row, giving one "
        "number per α.",
        wrong=_over_the_alphas,
    ),
    Mistake(
        "the highest mean instead of the lowest",
        "costs fall as training succeeds: the fair α is the one of lowest mean cost.",
        wrong=_picked_by(lambda c: -c.mean(axis=1)),
    ),
    Mistake(
        "the spread over every α",
        "the spread to report is that of the chosen α: the lowest and highest cost over the seeds in its row, not "
        "over the whole sweep.",
        wrong=_over_every_alpha,
    ),
    Mistake(
        "the row number instead of α",
        "return the learning rate itself, the entry of lrs at the chosen row, not the row's number.",
        wrong=_index,
    ),
)

HINTS = (
    "Each row of costs is one α tried from every seed: give each row one number in which every seed has its say, "
    "and take the α whose number is lowest.",
    "A row where one seed diverged (a cost that is not a finite number) is no candidate, however low its other "
    "seeds ended: rule such rows out before you compare the means.",
    "The spread is read off the chosen row alone: the lowest and the highest cost over its seeds.",
)


def cases(draw: Draws) -> tuple[Case, ...]:
    """Five sweeps, each a valley of mean costs plus the seeds' scatter, with one feature planted per case.

    Args:
        draw: the exercise's own :class:`~coursekit.course.exercises.inputs.Draws` (``nb08`` gives its seed).
    """

    def valley(n_lrs: int, n_seeds: int, bottom: int) -> np.ndarray:
        """Costs 0.05 + 0.1 (i − bottom)² on row i, plus a small scatter over the seeds."""
        rows = 0.05 + 0.1 * (np.arange(n_lrs)[:, np.newaxis] - bottom) ** 2
        return rows + draw.squares(n_lrs, n_seeds, scale=1e-3)

    lucky = valley(6, 5, 2)
    lucky[4, 3], lucky[1, 0] = 0.001, 0.002  # a lucky run; seed 0's own best elsewhere
    diverged = valley(5, 4, 3)
    diverged[1] = [0.01, 0.012, 0.011, np.nan]  # the lowest costs, but one seed blew up
    diverged[0, 0] = np.nan  # and another diverged run earlier, where the other seeds ended high
    rules = np.array([[0.1] * 5, [0.02, 0.02, 0.02, 0.3, 0.3], [0.08] * 4 + [0.13], [0.5] * 5])
    rules = rules + draw.squares(4, 5, scale=1e-4)  # the mean, the median and the worst seed disagree
    edge = valley(7, 3, 6)
    edge[0, 1] = np.inf  # a run that overflowed, at the smallest α
    return (
        Case("6 α's, 5 seeds: a lucky run at another α", (lucky, 10.0 ** -np.arange(6.0))),
        Case("5 α's, 4 seeds: the lowest costs at an α where one seed diverged (NaN), another NaN at the first α",
             (diverged, 0.001 * 10 ** (np.arange(5) / 2))),
        Case("4 α's, 5 seeds: the mean, the median and the worst seed pick three α's",
             (rules, np.array([0.3, 0.1, 0.03, 0.01]))),
        Case("7 α's, 3 seeds: the best α at the end of the grid, an overflow (inf) at the other end",
             (edge, 10 ** (np.arange(-6, 1) / 2))),
        Case("2 α's, 6 seeds", (valley(2, 6, 1), np.array([0.5, 0.05]))),
    )
