"""Bad inputs of the schedules after the lecture: cosine_decay, linear_warmup, warmup_cosine, one_cycle."""

import numpy as np

from coursekit.warmup_and_cosine import cosine_decay, linear_warmup, one_cycle, warmup_cosine
from tests.bad_inputs import Bad

ROWS = [
    # cosine decay
    Bad(cosine_decay, (0.0, 10), message=r"lr0 must be a finite number > 0, got 0.0"),
    Bad(cosine_decay, ("0.1", 10), error=TypeError, message=r"lr0 must be a finite number > 0, got '0.1'"),
    Bad(cosine_decay, (0.1, 0), message=r"T must be an integer >= 1, got 0"),
    Bad(cosine_decay, (0.1, 10.0), error=TypeError, message=r"T must be an integer >= 1, got 10.0"),
    Bad(cosine_decay, (0.1, 10), {"lr_min": -0.01}, message=r"lr_min must be a finite number >= 0, got -0.01"),
    Bad(cosine_decay, (0.1, 10), {"lr_min": np.nan}, message=r"lr_min must be a finite number >= 0, got nan"),
    Bad(cosine_decay, (0.1, 10), {"lr_min": 0.2}, message=r"lr_min must be a finite number in \[0, lr0\], here "
                                                          r"\[0, 0.1\], got 0.2"),
    Bad(cosine_decay(0.1, 10), (-1,), message=r"t must be an integer >= 0, got -1"),
    Bad(cosine_decay(0.1, 10), (2.5,), error=TypeError, message=r"t must be an integer >= 0, got 2.5"),
    # linear warmup
    Bad(linear_warmup, (-0.1, 5), message=r"lr0 must be a finite number > 0, got -0.1"),
    Bad(linear_warmup, (0.1, 0), message=r"W must be an integer >= 1, got 0"),
    Bad(linear_warmup, (0.1, True), error=TypeError, message=r"W must be an integer >= 1, got True"),
    Bad(linear_warmup, (0.1, 5), {"start_factor": 0.0}, message=r"start_factor must be in \(0, 1\], got 0.0"),
    Bad(linear_warmup, (0.1, 5), {"start_factor": 1.5}, message=r"start_factor must be in \(0, 1\], got 1.5"),
    Bad(linear_warmup(0.1, 5), (-3,), message=r"t must be an integer >= 0, got -3"),
    # warmup then cosine
    Bad(warmup_cosine, (np.inf, 5, 50), message=r"lr0 must be a finite number > 0, got inf"),
    Bad(warmup_cosine, (0.1, 0, 50), message=r"W must be an integer >= 1, got 0"),
    Bad(warmup_cosine, (0.1, 5, 50.0), error=TypeError, message=r"T must be an integer >= 1, got 50.0"),
    Bad(warmup_cosine, (0.1, 5, 5), message=r"T must be an integer > W \(the whole run, warmup included\), "
                                           r"here > 5, got 5"),
    Bad(warmup_cosine, (0.1, 50, 5), message=r"T must be an integer > W .*, here > 50, got 5"),
    Bad(warmup_cosine, (0.1, 5, 50), {"start_factor": 0}, message=r"start_factor must be in \(0, 1\], got 0"),
    Bad(warmup_cosine, (0.1, 5, 50), {"lr_min": 1.0}, message=r"lr_min must be a finite number in \[0, lr0\], "
                                                             r"here \[0, 0.1\], got 1.0"),
    Bad(warmup_cosine(0.1, 5, 50), ("3",), error=TypeError, message=r"t must be an integer >= 0, got '3'"),
    # one cycle
    Bad(one_cycle, (0.0, 100), message=r"lr_max must be a finite number > 0, got 0.0"),
    Bad(one_cycle, (0.1, 0), message=r"total_steps must be an integer >= 1, got 0"),
    Bad(one_cycle, (0.1, 100.0), error=TypeError, message=r"total_steps must be an integer >= 1, got 100.0"),
    Bad(one_cycle, (0.1, 100), {"pct_start": 0.0}, message=r"pct_start must be a number in \(0, 1\), got 0.0"),
    Bad(one_cycle, (0.1, 100), {"pct_start": 1.0}, message=r"pct_start must be a number in \(0, 1\), got 1.0"),
    Bad(one_cycle, (0.1, 100), {"div_factor": 0.5}, message=r"div_factor must be a finite number >= 1, got 0.5"),
    Bad(one_cycle, (0.1, 100), {"final_div_factor": 0.0},
        message=r"final_div_factor must be a finite number >= 1, got 0.0"),
    Bad(one_cycle, (0.1, 3), message=r"total_steps must be an integer > 1 / pct_start, here > 3.33333, got 3"),
    Bad(one_cycle, (0.1, 2), {"pct_start": 0.5}, message=r"total_steps must be an integer > 1 / pct_start, "
                                                        r"here > 2, got 2"),
    Bad(one_cycle(0.1, 100), (-1,), message=r"t must be an integer >= 0, got -1"),
]
