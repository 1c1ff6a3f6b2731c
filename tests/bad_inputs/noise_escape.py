"""Bad inputs of coursekit.experiments.noise_escape and its explorer, coursekit.show.noise (notebook 10)."""

import numpy as np

from coursekit.experiments import noise_escape
from coursekit.show import noise
from coursekit.surfaces import several_minima
from tests.bad_inputs import Bad

BOWL = several_minima()
STARTS = np.array([[1.0, 1.0], [-2.5, 2.5]])
DATA = noise_escape.escape_data(BOWL, STARTS, sigmas=(0.0, 1.0), seeds=(0,), steps=2, settle=2)

#: A plain result record (its method with arguments has rows below).
RECORDS = {noise_escape.NoiseEscape}

ROWS = [
    Bad(noise_escape.noise_levels, (-0.1, 10), message=r"sigma0 must be a finite number >= 0, got -0.1"),
    Bad(noise_escape.noise_levels, (1.0, 0), message=r"steps must be an integer >= 1, got 0"),
    Bad(noise_escape.noise_levels, (1.0, 10**12), message=r"steps=1000000000000 would need"),
    Bad(noise_escape.noise_levels, (1.0, 10), {"tau": 0.0}, message=r"tau must be a finite number > 0, got 0.0"),
    Bad(noise_escape.noise_levels, (0.0, 10), {"tau": -1.0}, message=r"tau must be a finite number > 0, got -1.0"),
    Bad(noise_escape.escape_data, ("bowl", STARTS), error=TypeError, message=r"surface must be a .*Surface, got str"),
    Bad(noise_escape.escape_data, (BOWL, np.zeros((3, 3))),
        message=r"starts must have shape \(N, 2\) with N >= 1, got shape \(3, 3\)"),
    Bad(noise_escape.escape_data, (BOWL, [[np.nan, 0.0]]), message=r"starts must be finite, got 1 NaN"),
    Bad(noise_escape.escape_data, (BOWL, STARTS), {"sigmas": ()},
        message=r"sigmas must be a non-empty sequence of noise levels >= 0, got \(\)"),
    Bad(noise_escape.escape_data, (BOWL, STARTS), {"sigmas": (0.0, -1.0)},
        message=r"sigmas\[1\] must be a finite number >= 0, got -1.0"),
    Bad(noise_escape.escape_data, (BOWL, STARTS), {"sigmas": 1.0}, error=TypeError,
        message=r"sigmas must be a non-empty sequence of noise levels >= 0, got 1.0"),
    Bad(noise_escape.escape_data, (BOWL, STARTS), {"seeds": (0, -1)},
        message=r"seeds\[1\] must be an integer >= 0, got -1"),
    Bad(noise_escape.escape_data, (BOWL, STARTS), {"tau": 0.0}, message=r"tau must be a finite number > 0, got 0.0"),
    Bad(noise_escape.escape_data, (BOWL, STARTS), {"lr": -0.3}, message=r"lr must be a finite number > 0, got -0.3"),
    Bad(noise_escape.escape_data, (BOWL, STARTS), {"steps": 0}, message=r"steps must be an integer >= 1, got 0"),
    Bad(noise_escape.escape_data, (BOWL, STARTS), {"settle": 0}, message=r"settle must be an integer >= 1, got 0"),
    Bad(noise_escape.escape_data, (BOWL, STARTS), {"tol": 0.0}, message=r"tol must be a finite number > 0, got 0.0"),
    Bad(noise_escape.escape_data, (BOWL, STARTS), {"steps": 10**9}, message=r"steps=1000000000 would need"),
    Bad(DATA.window, ("both",), message=r"mode must be one of \['constant', 'annealed'\], got 'both'"),
    Bad(DATA.window, ("constant", 1.0), message=r"level must be a number in \(0, 1\), got 1.0"),
    Bad(noise.noise_escape_explorer, ("data",), error=TypeError,
        message=r"data must be the NoiseEscape of escape_data, got str"),
    Bad(noise.noise_escape_explorer, (DATA,), {"sigma": 0.5},
        message=r"sigma must be one of data.sigmas \[0.0, 1.0\], got 0.5"),
    Bad(noise.noise_escape_explorer, (DATA,), {"annealed": "yes"}, error=TypeError,
        message=r"annealed must be True or False, got 'yes'"),
]
