"""Bad inputs of coursekit.experiments.timing."""

from coursekit import data
from coursekit.experiments.timing import Relation, Timings, seconds_per_epoch, seconds_per_epoch_by_size, seconds_per_epoch_of
from coursekit.optim import GD as GDOptimizer
from tests.bad_inputs import Bad

X, Y = data.two_moons(m=64)
NET = (X, Y, [2, 3, 1])
GD = {"GD": 0.1}

RECORDS = {Relation, Timings}

ROWS = [
    Bad(seconds_per_epoch, (*NET, {}), message=r"lrs must be a non-empty dict of optimizer name -> α, got \{\}"),
    Bad(seconds_per_epoch, (*NET, "GD"), error=TypeError, message=r"lrs must be a non-empty dict .*, got 'GD'"),
    Bad(seconds_per_epoch, (*NET, {"SGD": 0.1}),
        message=r"each optimizer name in lrs must be one of \['GD', 'Momentum', 'RMSprop', 'Adam'\], got 'SGD'"),
    Bad(seconds_per_epoch, (*NET, {"GD": -1.0}), message=r"lrs\['GD'\] must be a finite number > 0, got -1.0"),
    Bad(seconds_per_epoch, (*NET, {"Adam": 0.1}), {"beta1": 1.0}, message=r"beta1 must be in \[0, 1\), got 1.0"),
    Bad(seconds_per_epoch, (*NET, GD), {"repeats": 0}, message=r"repeats must be an integer >= 1, got 0"),
    Bad(seconds_per_epoch, (*NET, GD), {"repeats": 10**9}, message=r"repeats=1000000000 would need about .* operations"),
    Bad(seconds_per_epoch, (*NET, GD), {"epochs": 0}, message=r"epochs must be an integer >= 1, got 0"),
    Bad(seconds_per_epoch, (*NET, GD), {"mini_batch_size": 0}, message=r"mini_batch_size must be an integer >= 1, got 0"),
    Bad(seconds_per_epoch, (X, Y.T, [2, 3, 1], GD), message=r"X and Y must have the same number of examples m"),
    Bad(seconds_per_epoch_by_size, (*NET, {}), message=r"sizes must be a non-empty dict of label -> mini-batch size, got \{\}"),
    Bad(seconds_per_epoch_by_size, (*NET, [8, 64]), error=TypeError, message=r"sizes must be a non-empty dict .*, got \[8, 64\]"),
    Bad(seconds_per_epoch_by_size, (*NET, {"size 0": 0}), message=r"sizes\['size 0'\] must be an integer >= 1, got 0"),
    Bad(seconds_per_epoch_by_size, (*NET, {"size 8": 8}), {"optimizer": "SGD"},
        message=r"optimizer name must be one of \['GD', .*\], got 'SGD'"),
    Bad(seconds_per_epoch_by_size, (*NET, {"size 8": 8}), {"repeats": 10**9},
        message=r"repeats=1000000000 would need about .* operations"),
    Bad(seconds_per_epoch_of, (*NET, {}), message=r"optimizers must be a non-empty .*, got \{\}"),
    Bad(seconds_per_epoch_of, (*NET, {"GD": GDOptimizer(0.1)}), error=TypeError,
        message=r"optimizers\['GD'\] must be a function making an optimizer, got"),
    Bad(seconds_per_epoch_of, (*NET, {"GD": lambda: "GD"}), error=TypeError,
        message=r"optimizers\['GD'\]\(\) must be"),
    Bad(seconds_per_epoch_of, (*NET, {"GD": lambda: GDOptimizer(0.1)}), {"repeats": 0},
        message=r"repeats must be an integer >= 1, got 0"),
    Bad(Timings({"GD": (1.0,)}).relation, ("Adam", "GD"), message=r"label must be one of \['GD'\], got 'Adam'"),
]
