"""Bad inputs of coursekit.experiments.damping and its figures, coursekit.show.damping (notebook 06)."""

import numpy as np

from coursekit import optim
from coursekit.experiments import damping
from coursekit.experiments.settling import steps_map
from coursekit.show import damping as show_damping
from coursekit.surfaces import elongated_quadratic
from tests.bad_inputs import Bad

BOWL = elongated_quadratic(10.0)
MAP = steps_map(BOWL, [0.1, 0.2], [0.0, 0.5], tol=1e-3, max_steps=10)
RUN = damping.eigen_errors(BOWL, optim.GD(lr=0.1), steps=3)

#: A plain result record (its method with arguments has rows below).
RECORDS = {damping.EigenErrors}

ROWS = [
    Bad(damping.eigen_errors, ("bowl", optim.GD(lr=0.1)), error=TypeError, message=r"surface must be a .*Surface, got str"),
    Bad(damping.eigen_errors, (BOWL, optim.GD(lr=0.1)), {"steps": 0}, message=r"steps must be an integer >= 1, got 0"),
    Bad(damping.eigen_errors, (BOWL, "GD"), error=TypeError, message=r"optimizer"),
    Bad(RUN.rates, (-1, 2), message=r"first must be an integer >= 0, got -1"),
    Bad(RUN.rates, (0, 0), message=r"last must be an integer >= 1, got 0"),
    Bad(RUN.rates, (2, 9), message=r"last must be > first = 2 and < 4 \(the steps recorded\), got 9"),
    Bad(damping.critical_betas, (0.0, [1.0]), message=r"lr must be a finite number > 0, got 0.0"),
    Bad(damping.critical_betas, (0.1, []), message=r"curvatures must be a non-empty 1-D array of numbers > 0 .*got \[\]"),
    Bad(damping.critical_betas, (0.1, [1.0, -2.0]), message=r"curvatures must be .* > 0 .*got \[1.0, -2.0\]"),
    Bad(damping.critical_betas, (0.1, [[1.0]]), message=r"curvatures must be"),
    Bad(show_damping.eigen_errors_explorer, ("bowl", 0.1, 0.1), error=TypeError, message=r"surface must be a .*Surface"),
    Bad(show_damping.eigen_errors_explorer, (BOWL, -0.1, 0.1), message=r"gd_lr must be a finite number > 0, got -0.1"),
    Bad(show_damping.eigen_errors_explorer, (BOWL, 0.1, np.nan), message=r"lr must be a finite number > 0, got nan"),
    Bad(show_damping.eigen_errors_explorer, (BOWL, 0.1, 0.1), {"beta": 0.995},
        message=r"beta must be in \[0, 0.99\] \(the slider's range\), got 0.995"),
    Bad(show_damping.eigen_errors_explorer, (BOWL, 0.1, 0.1), {"beta": 1.0}, message=r"beta must be"),
    Bad(show_damping.eigen_errors_explorer, (BOWL, 0.1, 0.1), {"steps": 5000},
        message=r"steps must be an integer from 1 to 1000, got 5000"),
    Bad(show_damping.plot_damping_map, ("map", [1.0]), error=TypeError, message=r"steps_map must be a StepsMap"),
    Bad(show_damping.plot_damping_map, (MAP, [1.0, 2.0, 3.0]),
        message=r"curvatures must be one or two numbers > 0, got \[1.0, 2.0, 3.0\]"),
    Bad(show_damping.plot_damping_map, (MAP, [0.0]), message=r"curvatures must be one or two numbers > 0, got \[0.0\]"),
]
