"""Bad inputs of coursekit.schedules.stall_epochs and WhenStalled, the stall detector of manual decay (notebook 09)."""

import numpy as np

from coursekit import schedules
from tests.bad_inputs import Bad

PLAN = schedules.WhenStalled(1.0)

ROWS = [
    Bad(schedules.stall_epochs, ("0.5",), error=TypeError, message=r"costs must be a numeric array, got str"),
    Bad(schedules.stall_epochs, (None,), error=TypeError, message=r"costs must be a numeric array, got NoneType"),
    Bad(schedules.stall_epochs, ([[1.0, 0.5]],), message=r"costs must be a 1-D array, got 2-D"),
    Bad(schedules.stall_epochs, (0.5,), message=r"costs must be a 1-D array, got 0-D"),
    Bad(schedules.stall_epochs, ([1.0, "a"],), error=TypeError, message=r"costs must be a numeric array, got list"),
    Bad(schedules.stall_epochs, ([1.0],), {"patience": 0}, message=r"patience must be an integer >= 1, got 0"),
    Bad(schedules.stall_epochs, ([1.0],), {"patience": 2.5}, error=TypeError,
        message=r"patience must be an integer >= 1, got 2.5"),
    Bad(schedules.stall_epochs, ([1.0],), {"min_decrease": 1.0}, message=r"min_decrease must be in \[0, 1\), got 1.0"),
    Bad(schedules.stall_epochs, ([1.0],), {"min_decrease": -0.01},
        message=r"min_decrease must be in \[0, 1\), got -0.01"),
    Bad(schedules.stall_epochs, ([1.0],), {"min_decrease": np.nan},
        message=r"min_decrease must be in \[0, 1\), got nan"),
    Bad(schedules.WhenStalled, (0.0,), message=r"lr0 must be a finite number > 0, got 0.0"),
    Bad(schedules.WhenStalled, (1.0,), {"factor": 0.0}, message=r"factor must be in \(0, 1\], got 0.0"),
    Bad(schedules.WhenStalled, (1.0,), {"detect": "stall_epochs"}, error=TypeError,
        message=r"detect must be a function \(costs, patience, min_decrease\) -> epochs, got 'stall_epochs'"),
    Bad(schedules.WhenStalled, (1.0,), {"patience": 0}, message=r"patience must be an integer >= 1, got 0"),
    Bad(schedules.WhenStalled, (1.0,), {"min_decrease": 1.5}, message=r"min_decrease must be in \[0, 1\), got 1.5"),
    Bad(PLAN.__call__, (0,), message=r"epoch must be an integer >= 1, got 0"),
    Bad(PLAN.__call__, (1.5,), error=TypeError, message=r"epoch must be an integer >= 1, got 1.5"),
]
