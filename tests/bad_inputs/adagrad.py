"""Bad inputs of coursekit.experiments.adagrad and its figure, coursekit.show.adagrad (notebook 07)."""

import numpy as np

from coursekit.data import two_moons
from coursekit.experiments import adagrad
from coursekit.optim import Adam, AdaGrad, GD, RMSprop
from coursekit.show import adagrad as show_adagrad
from coursekit.train import train
from tests.bad_inputs import Bad

X, Y = two_moons(m=16)
RUNS = [[train(X, Y, [2, 2, 1], AdaGrad(lr), epochs=2, seed=seed) for seed in (0, 1)] for lr in (0.1, 1.0)]
RACE = adagrad.race(RUNS, ["AdaGrad"], [0.1, 1.0], (0, 1))
SPARSE = adagrad.Race(RACE.lrs, RACE.seeds, {"AdaGrad": np.where(np.arange(2) == 0, np.nan, RACE.costs["AdaGrad"])})
FADING = {"AdaGrad": adagrad.effective_steps(X, Y, [2, 2, 1], AdaGrad(0.1), epochs=1)}
USED = RMSprop(0.1)
USED.step({"W": np.ones(1)}, {"W": np.ones(1)})

#: Plain result records (the methods of Race have rows below).
RECORDS = {adagrad.EffectiveSteps, adagrad.Race}

ROWS = [
    Bad(adagrad.effective_steps, (X, Y, [2, 2, 1], GD(0.1), 1), error=TypeError,
        message=r"optimizer must be an AdaGrad or an RMSprop \(coursekit.optim\), got GD\(lr=0.1\)"),
    Bad(adagrad.effective_steps, (X, Y, [2, 2, 1], Adam(0.1), 1), error=TypeError,
        message=r"optimizer must be an AdaGrad or an RMSprop .*, got Adam\("),
    Bad(adagrad.effective_steps, (X, Y, [2, 2, 1], USED, 1), message=r"optimizer must be fresh \(t == 0\)"),
    Bad(adagrad.effective_steps, (X, Y, [2, 2, 1], AdaGrad(0.1), 0), message=r"epochs must be an integer >= 1, got 0"),
    Bad(adagrad.contestants, ([AdaGrad], [0.1]), error=TypeError, message=r"makers must be a non-empty dict of name"),
    Bad(adagrad.contestants, ({"AdaGrad": 3}, [0.1]), error=TypeError,
        message=r"makers\['AdaGrad'\] must be a class or function lr -> optimizer, got 3"),
    Bad(adagrad.contestants, ({"AdaGrad": str}, [0.1]), error=TypeError,
        message=r"makers\['AdaGrad'\] must return a coursekit optimizer, got '0.1'"),
    Bad(adagrad.contestants, ({"AdaGrad": AdaGrad}, [0.1, 0.1]),
        message=r"lrs must be distinct learning rates > 0, got \[0.1, 0.1\]"),
    Bad(adagrad.contestants, ({"AdaGrad": AdaGrad}, [0.1, -1.0]),
        message=r"lrs must be distinct learning rates > 0, got \[0.1, -1.0\]"),
    Bad(adagrad.race, (RUNS, ["AdaGrad"], [0.1, 0.3, 1.0], (0, 1)),
        message=r"histories must hold 1 × 3 rows of 2 runs \(one per name, α and seed\), got 2 rows"),
    Bad(adagrad.race, (RUNS, ["AdaGrad", "AdaGrad"], [0.1], (0, 1)),
        message=r"names must be a non-empty sequence of distinct names, got \('AdaGrad', 'AdaGrad'\)"),
    Bad(adagrad.race, (RUNS, "AdaGrad", [0.1, 1.0], (0, 1)), error=TypeError,
        message=r"names must be a non-empty sequence of distinct names, got 'AdaGrad'"),
    Bad(adagrad.race, (RUNS, ["AdaGrad"], [0.1, 1.0], ()), message=r"seeds must be a non-empty sequence of integers"),
    Bad(adagrad.race, ([[1, 2], [3, 4]], ["AdaGrad"], [0.1, 1.0], (0, 1)), error=TypeError,
        message=r"histories must hold History records \(coursekit.train\), got \[\[1, 2\]"),
    Bad(adagrad.race, ([RUNS[0][0], RUNS[1][0]], ["AdaGrad"], [0.1, 1.0], (0,)), error=TypeError,
        message=r"histories\[0\] must be a sequence of histories, one per seed, got History\("),
    Bad(RACE.best, ("RMSprop", 2), message=r"name must be one of the race's optimizers \['AdaGrad'\], got 'RMSprop'"),
    Bad(RACE.best, ("AdaGrad", 3), message=r"epochs must be an epoch after which the race recorded costs, \[1, 2\], got 3"),
    Bad(SPARSE.best, ("AdaGrad", 1), message=r"epochs must be an epoch after which the race recorded costs, \[2\], got 1"),
    Bad(RACE.best, ("AdaGrad", 0), message=r"epochs must be an integer >= 1, got 0"),
    Bad(RACE.curves, ("AdaGrad", 0.3), message=r"lr must be one of the race's learning rates \[0.1, 1.0\], got 0.3"),
    Bad(show_adagrad.plot_sum_against_average, (FADING, RACE, {"Adam": 0.1}),
        message=r"lrs must name optimizers of the race \['AdaGrad'\], got \['Adam'\]"),
    Bad(show_adagrad.plot_sum_against_average, (FADING, "race", {"AdaGrad": 0.1}), error=TypeError,
        message=r"race must be a coursekit.experiments.adagrad.Race, got str"),
    Bad(show_adagrad.plot_sum_against_average, ({"AdaGrad": 1.0}, RACE, {"AdaGrad": 0.1}), error=TypeError,
        message=r"effective\['AdaGrad'\] must be a coursekit.experiments.adagrad.EffectiveSteps, got float"),
    Bad(show_adagrad.plot_sum_against_average, (FADING, RACE, {"AdaGrad": 0.1}), {"short": 0},
        message=r"short must be an integer >= 1, got 0"),
]
