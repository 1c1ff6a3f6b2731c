"""Bad inputs of notebook 12's AdamW section: coursekit.experiments.weight_decay and coursekit.show.weight_decay."""

import numpy as np

from coursekit.experiments.weight_decay import DecayRace, SmallDigits, decay_inside_adam, decay_paths, decay_race
from coursekit.experiments.weight_decay import decayed, race_grid, small_digits
from coursekit.show import weight_decay as figures
from tests.bad_inputs import Bad

SPLIT = small_digits(20, 10)
ONE = {"Adam": np.full((1, 1, 1), 0.5)}
RACE = DecayRace(np.array([0.01]), {"Adam": np.zeros(1)}, (0,), ONE, ONE)

#: Plain result records: their fields are what a function returned (DecayRace's methods have rows below).
RECORDS = {SmallDigits, DecayRace}

ROWS = [
    Bad(small_digits, (0, 10), message=r"m_train must be an integer >= 1, got 0"),
    Bad(small_digits, (1000, 1000), message=r"m_train \+ m_validation must be at most the 1438 training digits, "
                                            r"got 1000 \+ 1000"),
    Bad(decayed, ("SGD", 0.01, 0.1), message=r"method must be one of .*got 'SGD'"),
    Bad(decayed, ("Adam", 0.01, 0.1), message=r"weight_decay must be 0 for plain Adam, got 0.1"),
    Bad(decayed, ("AdamW", 0.01, -1.0), message=r"weight_decay must be a finite number >= 0, got -1.0"),
    Bad(decayed, ("AdamW", 0.0, 0.1), message=r"lr must be a finite number > 0, got 0.0"),
    Bad(race_grid, ([0.01, 0.01], [0.1]), message=r"lrs must be distinct numbers > 0, at least one, got \[0.01, 0.01\]"),
    Bad(race_grid, ([0.01], [0.0]), message=r"weight_decays must be distinct numbers > 0, at least one, got \[0.0\]"),
    Bad(decay_race, ("split", [0.01], [0.1], [0], []), error=TypeError, message=r"split must be"),
    Bad(decay_race, (SPLIT, [0.01], [0.1], [0], [[None]]), message=r"histories must hold 3 rows \(the runs of the "
                                                                     r"grid\) of 1 histories \(one per seed\), got 1"),
    Bad(decay_race, (SPLIT, [0.01], [0.1], [], []), message=r"seeds must be a non-empty sequence"),
    Bad(RACE.best, ("SGD",), message=r"method must be one of .*got 'SGD'"),
    Bad(RACE.at_best, ("Adam", "train"), message=r"record must be one of .*got 'train'"),
    Bad(decay_inside_adam, (np.array([-1.0]), 1, 0.01, 0.1), message=r"s must be an average of squares, >= 0, got a "
                                                                    r"smallest value of -1.0"),
    Bad(decay_inside_adam, (np.ones(2), 0, 0.01, 0.1), message=r"t must be an integer >= 1, got 0"),
    Bad(decay_inside_adam, (np.ones(2), 1, 0.01, 0.1), {"beta2": 1.0}, message=r"beta2 must be in \[0, 1\), got 1.0"),
    Bad(decay_paths, ([0.0, 1.0], 0.01, 0.1, 10), message=r"sizes must be gradient sizes > 0, at least one, "
                                                          r"got \[0.0, 1.0\]"),
    Bad(decay_paths, ([1.0], 0.01, 0.1, 0), message=r"steps must be an integer >= 1, got 0"),
    Bad(decay_paths, ([1.0], 0.01, 0.1, 10**9), message=r"steps=1000000000 would need about"),
    Bad(decay_paths, ([1.0], 0.01, 0.1, 10), {"adamw": "AdamW"}, error=TypeError,
        message=r"adamw must be a rule with the signature of adamw_update, got 'AdamW'"),
    Bad(figures.plot_decay_grid, ([0.01, -1.0], {"AdamW": [0.1, 0.2]}),
        message=r"weight_decays must be numbers > 0 \(a log axis\), at least one, got \[0.01, -1.0\]"),
    Bad(figures.plot_decay_grid, ([0.01], {}), message=r"accuracies must be"),
    Bad(figures.plot_decay_grid, ([0.01], {"AdamW": [0.5]}), {"baseline": np.nan}, message=r"baseline must be a "
                                                                                          r"finite number, got nan"),
    Bad(figures.plot_root_s_hat, ([1.0, -2.0],), message=r"root_s_hat must be numbers > 0 \(a log axis\)"),
    Bad(figures.plot_decay_paths, ({"AdamW": np.ones((2, 3))}, [1.0]),
        message=r"paths\['AdamW'\] must have one column per size \(1\), got shape \(2, 3\)"),
    Bad(figures.decay_explorer, (), {"lr": -0.1}, message=r"lr must be a finite number > 0, got -0.1"),
    Bad(figures.decay_explorer, (), {"steps": 0}, message=r"steps must be an integer >= 1, got 0"),
]
