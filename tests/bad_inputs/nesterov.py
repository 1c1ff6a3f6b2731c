"""Bad inputs of coursekit.experiments.nesterov and its figure, coursekit.show.nesterov (notebook 06)."""

import numpy as np

from coursekit.experiments import nesterov
from coursekit.show import nesterov as show_nesterov
from coursekit.surfaces import elongated_quadratic, rosenbrock
from tests.bad_inputs import Bad

BOWL = elongated_quadratic(10.0)
RACE = nesterov.race(BOWL, [0.1, 0.2], [0.0, 0.5], tol=1e-3, max_steps=10)

#: Plain result records (their methods with arguments have rows below).
RECORDS = {nesterov.Best, nesterov.Race}

ROWS = [
    Bad(nesterov.race, ("bowl", [0.1], [0.5], 1e-3), error=TypeError, message=r"surface must be a .*Surface, got str"),
    Bad(nesterov.race, (rosenbrock(), [0.1], [0.5], 1e-3), message=r"surface must be a quadratic bowl .*, got Surface\("),
    Bad(nesterov.race, (BOWL, [0.1, -1.0], [0.5], 1e-3), message=r"lrs entries must be a finite number > 0, got -1.0"),
    Bad(nesterov.race, (BOWL, [], [0.5], 1e-3), message=r"lrs"),
    Bad(nesterov.race, (BOWL, [0.1], [1.0], 1e-3), message=r"betas entries must be in \[0, 1\), got 1.0"),
    Bad(nesterov.race, (BOWL, [0.1], [0.5], 0.0), message=r"tol must be a finite number > 0, got 0.0"),
    Bad(nesterov.race, (BOWL, [0.1], [0.5], 1e-3), {"max_steps": 0}, message=r"max_steps must be an integer >= 1, got 0"),
    Bad(nesterov.race, (BOWL, [0.1], [0.5], 1e-3), {"max_steps": 10**9}, message=r"max_steps=1000000000 would need"),
    Bad(nesterov.race, (BOWL, [0.1], [0.5], 1e-3), {"starts": [[1.0, 2.0, 3.0]]},
        message=r"starts must have shape \(n, 2\) with n >= 1, got shape \(1, 3\)"),
    Bad(nesterov.race, (BOWL, [0.1], [0.5], 1e-3), {"starts": [1.0, 2.0]}, message=r"starts must be a 2-D array"),
    Bad(RACE.mean, ("Adam",), message=r"method must be one of .*'Momentum', 'Nesterov'.*, got 'Adam'"),
    Bad(RACE.best, ("GD",), message=r"method must be one of"),
    Bad(RACE.by_beta, ("GD",), message=r"method must be one of"),
    Bad(nesterov.turned_starts, ("bowl", [30]), error=TypeError, message=r"surface must be a .*Surface, got str"),
    Bad(nesterov.turned_starts, (BOWL, [[30]]), message=r"degrees must be a 1-D array, got 2-D"),
    Bad(nesterov.factors, (0.0, 0.9, [1.0]), message=r"lr must be a number > 0 or an array of them, got 0.0"),
    Bad(nesterov.factors, (0.1, 1.0, [1.0]), message=r"beta must be a number in \[0, 1\) or an array of them, got 1.0"),
    Bad(nesterov.factors, ([0.1, 0.2], [0.1, 0.2, 0.3], [1.0]),
        message=r"beta must broadcast with lr \(shape \(2,\)\), got shape \(3,\)"),
    Bad(nesterov.factors, (0.1, 0.9, []), message=r"curvatures must be a non-empty 1-D array of numbers > 0 .*got \[\]"),
    Bad(nesterov.factors, (0.1, 0.9, [1.0, -2.0]), message=r"curvatures must be .* > 0 .*got \[1.0, -2.0\]"),
    Bad(nesterov.factors, ("fast", 0.9, [1.0]), error=TypeError, message=r"lr must be a numeric array, got str"),
    Bad(nesterov.best_factor, ([0.0, 1.0],), message=r"curvatures must be .* > 0 .*got \[0.0, 1.0\]"),
    Bad(nesterov.best_factor, (np.ones((2, 2)),), message=r"curvatures must be a 1-D array"),
    Bad(show_nesterov.plot_steps_by_beta, ("race",), error=TypeError, message=r"race must be a .*Race, got str"),
]
