"""Bad inputs of notebook 12's schedules: the race's contenders and first steps, and the figures of coursekit.show.warmup."""

import numpy as np

from coursekit.data import two_moons
from coursekit.experiments.schedule_race import Contenders, contenders, early_cost, race_schedule
from coursekit.optim import Adam
from coursekit.show.warmup import plot_schedule_race, plot_warmup_first_steps, plot_warmup_schedules, warmup_explorer
from coursekit.train import train
from tests.bad_inputs import Bad

_RUN = train(*two_moons(m=32, seed=0), [2, 2, 1], Adam(0.1), epochs=1, mini_batch_size=16)
_RACE = contenders(["constant", "cosine"], [0.1], epochs=4)

RECORDS = {Contenders}

ROWS = [
    # the contenders
    Bad(race_schedule, ("linear", 0.1, 10), message=r"name must be one of \['constant', 'step decay', 'cosine', "
                                                   r"'warmup \+ cosine'\], got 'linear'"),
    Bad(race_schedule, ("cosine", 0.0, 10), message=r"lr must be a finite number > 0, got 0.0"),
    Bad(race_schedule, ("cosine", 0.1, 10.0), error=TypeError, message=r"epochs must be an integer >= 1, got 10.0"),
    Bad(race_schedule, ("cosine", 0.1, 1), message=r"epochs must be an integer >= 2 \(a warmup and a decay\), got 1"),
    Bad(race_schedule, ("cosine", 0.1, 10), {"warmup": 0}, message=r"warmup must be an integer >= 1, got 0"),
    Bad(race_schedule, ("warmup + cosine", 0.1, 10), {"warmup": 10},
        message=r"warmup must be an integer in \[1, epochs\), here \[1, 10\), got 10"),
    Bad(race_schedule("cosine", 0.1, 10), (0,), message=r"epoch must be an integer >= 1, got 0"),
    Bad(race_schedule("step decay", 0.1, 10), (1.5,), error=TypeError, message=r"n must be an integer >= 0, got 1.5"),
    Bad(contenders, (["cosine", "cosine"], [0.1], 10), message=r"names must be a non-empty sequence of distinct names"),
    Bad(contenders, ([], [0.1], 10), message=r"names must be a non-empty sequence of distinct names"),
    Bad(contenders, (["cosine"], [0.1, 0.1], 10), message=r"lrs must be distinct learning rates > 0, got \[0.1, 0.1\]"),
    Bad(contenders, (["cosine"], [-0.1], 10), message=r"lrs must be distinct learning rates > 0, got \[-0.1\]"),
    Bad(contenders, (["cosine"], [0.1], 10), {"optimizer": "SGD"},
        message=r"optimizer must be one of \['GD', 'Momentum', 'RMSprop', 'Adam'\], got 'SGD'"),
    Bad(contenders, (["cosine"], [0.1], 10), {"beta1": 1.0}, message=r"beta1 must be in \[0, 1\), got 1.0"),
    Bad(_RACE.split, ([[_RUN]],), message=r"trained must hold one row of runs per contender \(2\), got 1"),
    # the first steps
    Bad(early_cost, ([], 2), message=r"runs must be a non-empty sequence of training histories"),
    Bad(early_cost, ([_RUN], 0), message=r"steps must be an integer >= 1, got 0"),
    Bad(early_cost, ([_RUN], 3), message=r"steps must be an integer in \[1, 2\] \(the steps of the shortest run\), "
                                         r"got 3"),
    # the figures
    Bad(warmup_explorer, kwargs={"lr_max": 0.0}, message=r"lr_max must be a finite number > 0, got 0.0"),
    Bad(warmup_explorer, kwargs={"warmup": 100, "total": 100},
        message=r"warmup must be an integer in \[2, total\), here \[2, 100\), got 100"),
    Bad(warmup_explorer, kwargs={"total": 50.5}, error=TypeError, message=r"total must be an integer >= 1, got 50.5"),
    Bad(plot_warmup_schedules, ({},), message=r"rates must be a non-empty dict of label -> rates per step, got \{\}"),
    Bad(plot_warmup_schedules, ({"cosine": [[0.1]]},), message=r"rates\['cosine'\] must be"),
    Bad(plot_warmup_schedules, ({"cosine": [0.1, np.nan]},), message=r"rates\['cosine'\] must"),
    Bad(plot_warmup_first_steps, ({"cosine": []}, 2), message=r"runs\['cosine'\] must be a non-empty sequence of "
                                                            r"Histories"),
    Bad(plot_warmup_first_steps, ({"cosine": [_RUN]}, 3), message=r"steps must be an integer in \[1, 2\]"),
    Bad(plot_warmup_first_steps, ([_RUN], 2), error=TypeError, message=r"runs must be a non-empty dict of label -> "
                                                                     r"Histories"),
    Bad(plot_schedule_race, ({"cosine": [0.1]},), message=r"finals\['cosine'\] must be two arrays"),
    Bad(plot_schedule_race, ({"cosine": ([0.1], [[0.9]])},), message=r"finals\['cosine'\] must be"),
]
