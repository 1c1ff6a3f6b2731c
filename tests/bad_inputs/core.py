"""Bad inputs of the network, its training, the data, the surfaces, the trajectories and the optimizers.

Every row is refused before any work: the sizes are tiny, or too large to be tried.
"""

import numpy as np

from coursekit import data, initialization, losses, nn, surfaces, train, trajectories
from coursekit.optim import GD, Adam, make_optimizer, optimizer
from tests.bad_inputs import Bad

X, Y = np.zeros((2, 4)), np.array([[0.0, 1.0, 1.0, 0.0]])
PARAMS = initialization.init_params([2, 3, 1])
BOWL = surfaces.elongated_quadratic()
_, CACHE = nn.forward(X, PARAMS)
STACKED = {key: value[np.newaxis] for key, value in PARAMS.items()}
_RUN = trajectories.trajectory(BOWL, GD(0.1), steps=2)
_used = GD(0.1)
_used.step({"w": np.zeros(1)}, {"w": np.ones(1)})
#: Plain result records: what a function returns, built by it from checked values.
RECORDS = {data.DigitsSplit, data.SeattleWeather, train.History, train.Run, trajectories.Trajectory}
#: What takes no argument is answered by Python itself when given one.
NO_ARGUMENT = r"takes 0 positional arguments but 1 was given"

ROWS = [
    # data
    Bad(data.two_moons, kwargs={"m": 1}, message=r"m must be an integer >= 2 .*, got 1"),
    Bad(data.two_moons, kwargs={"noise": float("nan")}, message=r"noise must be a finite number >= 0, got nan"),
    Bad(data.two_moons, kwargs={"m": 10**12}, message=r"m=1000000000000 would need .* GiB.*m must be smaller"),
    Bad(data.load_digits, kwargs={"test_fraction": 1.0}, message=r"test_fraction must be in \(0, 1\), got 1.0"),
    Bad(data.load_digits, kwargs={"seed": -1}, message=r"seed must be an integer >= 0, got -1"),
    Bad(data.load_seattle_weather, (2015,), error=TypeError, message=NO_ARGUMENT),
    Bad(data.daily_temperatures, kwargs={"year": 1999}, message=r"year must be one of \[2012, .*\], got 1999"),
    Bad(data.daily_temperatures, kwargs={"kind": "mean"},
        message=r"kind must be one of \['max', 'min'\], got 'mean'"),
    Bad(data.daily_temperatures, kwargs={"kind": np.array([])},
        message=r"kind must be one of \['max', 'min'\], got array"),
    # the network
    Bad(initialization.init_params, ([2],), message=r"layer_dims must be a list of at least two sizes .*, got \[2\]"),
    Bad(initialization.init_params, ([2, 0, 1],), message=r"layer_dims\[1\] must be an integer >= 1, got 0"),
    Bad(initialization.init_params, ([2, 10**6, 10**6],), message=r"layer_dims=.* would need .* GiB"),
    Bad(losses.cost, (np.array([[0.5, 0.5]]), np.array([[1.0, 0.0, 1.0]])), message=r"Y must have the shape of AL"),
    Bad(losses.cost, (np.array([[1.5]]), np.array([[1.0]])),
        message=r"AL must hold values in \[0, 1\], got values from 1.5"),
    Bad(losses.cost, (np.zeros((1, 0)), np.zeros((1, 0))), message=r"AL must hold at least one .*got"),
    Bad(nn.Workspace, (64,), error=TypeError, message=r"takes no arguments|takes 1 positional argument"),
    Bad(nn.forward, (np.zeros((3, 4)), PARAMS), message=r"X must have 2 rows .*got .*\(3, 4\)"),
    Bad(nn.forward, (X, {"W1": PARAMS["W1"]}),
        message=r"params must have the keys W1, b1, ..., WL, bL, got \['W1'\]"),
    Bad(nn.forward, (X, []), error=TypeError, message=r"params must be a non-empty dict .*, got list"),
    Bad(nn.backward, (np.full((1, 4), 0.5), np.zeros((1, 3)), CACHE), message=r"Y must have the shape of AL"),
    Bad(nn.backward, (np.full((1, 4), 0.5), Y, "cache"), message=r"cache must be the list returned by forward\(\)"),
    Bad(nn.cost_and_grads, (X, np.zeros((1, 3)), PARAMS), message=r"Y must have .* got .*\(1, 3\)"),
    Bad(nn.predict, (np.zeros(2), PARAMS), message=r"X must be a 2-D array, got 1-D"),
    Bad(nn.evaluate, (X, np.full((1, 4), 2.0), PARAMS),
        message=r"Y must hold values in \[0, 1\], got values from 2.0"),
    Bad(nn.accuracy, (X, Y, {"W1": np.zeros((3, 2)), "b1": np.zeros((2, 1))}),
        message=r"params\['b1'\] must have shape \(3, 1\) to match W1, got \(2, 1\)"),
    # training
    Bad(train.train, (X, Y, [2, 1], "Adam", 1), error=TypeError,
        message=r"optimizer must be a coursekit.optim optimizer .*, got 'Adam'"),
    Bad(train.train, (X, Y, [2, 1], GD(0.1), 0), message=r"epochs must be an integer >= 1, got 0"),
    Bad(train.train, (X, Y, [2, 1], GD(0.1), 10**9), message=r"epochs=1000000000 would need about .* operations"),
    Bad(train.train, (X, Y, [2, 1], GD(0.1), 1), {"mini_batch_size": 0},
        message=r"mini_batch_size must be an integer >= 1, got 0"),
    Bad(train.train, (X, Y, [2, 1], GD(0.1), 1), {"progress": "yes"}, error=TypeError,
        message=r"progress must be True, False or a function .*, got 'yes'"),
    Bad(train.train, (X, Y, [2, 1], GD(0.1), 1), {"schedule": 0.1}, error=TypeError,
        message=r"schedule must be None or a function epoch -> lr, got 0.1"),
    Bad(train.checked_run, (X, Y, [3, 1], 1, 2, 0), message=r"layer_dims must start with the rows of X \(2\)"),
    Bad(train.checked_run, (X, Y, [2, 1], 1, 2, 0), {"X_test": X},
        message=r"X_test and Y_test must be given together"),
    Bad(train.evaluate_stacked, (X, Y, {}, nn.Workspace()),
        message=r"stacked must be a non-empty dict of arrays .*, got \{\}"),
    Bad(train.evaluate_stacked, (X, Y, {"b1": STACKED["b1"]}, nn.Workspace()),
        message=r"stacked must hold the weights 'W1', ... of stacked networks, got keys \['b1'\]"),
    Bad(train.evaluate_stacked, (X, Y, STACKED, "work"), error=TypeError,
        message=r"work must be a coursekit.nn.Workspace, got str"),
    # surfaces
    Bad(surfaces.elongated_quadratic, kwargs={"condition_number": 0.5},
        message=r"condition_number must be a finite number >= 1, got 0.5"),
    Bad(surfaces.rotated_quadratic, kwargs={"angle": float("inf")},
        message=r"angle must be a finite number, got inf"),
    Bad(surfaces.plateau, kwargs={"slope": -1.0}, message=r"slope must be a finite number > 0, got -1.0"),
    Bad(surfaces.saddle, (1.0,), error=TypeError, message=NO_ARGUMENT),
    Bad(surfaces.several_minima, (3,), error=TypeError, message=NO_ARGUMENT),
    # trajectories
    Bad(trajectories.trajectory, ("bowl", GD(0.1)), error=TypeError,
        message=r"surface must be a coursekit.surfaces.Surface, got str"),
    Bad(trajectories.trajectory, (BOWL, "GD"), error=TypeError,
        message=r"optimizer must be a coursekit.optim optimizer .*, got 'GD'"),
    Bad(trajectories.trajectory, (BOWL, GD(0.1)), {"steps": 10**9}, message=r"steps=1000000000 would need"),
    Bad(trajectories.trajectory, (BOWL, GD(0.1)), {"start": (0.0, float("nan"))}, message=r"start must be finite"),
    Bad(trajectories.from_starts, (BOWL, GD(0.1), [[0.0, 0.0, 0.0]]), message=r"starts must have shape \(N, 2\)"),
    Bad(trajectories.from_starts, (BOWL, GD(0.1), np.zeros((0, 2))),
        message=r"starts must have shape \(N, 2\) with N >= 1, got shape \(0, 2\)"),
    Bad(trajectories.from_starts, (BOWL, GD(0.1), np.zeros((10**6, 2))), {"steps": 10**6},
        message=r"steps=1000000 would need"),
    Bad(trajectories.trajectory_data, (BOWL, ["SGD"], 0.1), message=r"optimizers must be .*, got \['SGD'\]"),
    Bad(trajectories.trajectory_data, (BOWL, ["GD"], {"Adam": 0.1}),
        message=r"lr must give a learning rate for every optimizer, missing 'GD' in \{'Adam': 0.1\}"),
    Bad(trajectories.trajectory_data, (BOWL, ["GD"], 0.1), {"beta1": 2.5},
        message=r"beta1 must be in \[0, 1\), got 2.5"),
    Bad(trajectories.Paths, kwargs={"maxsize": 0}, message=r"maxsize must be an integer >= 1, got 0"),
    Bad(trajectories.outside_window, (BOWL, [1.0, 2.0, 3.0]), message=r"points must be a 2-D array, got 1-D"),
    Bad(trajectories.outside_window, ("bowl", [[0.0, 0.0]]), error=TypeError,
        message=r"surface must be a coursekit.surfaces.Surface, got str"),
    Bad(trajectories.outside_window, (BOWL, np.zeros((2, 3))), message=r"points must have shape \(N, 2\)"),
    Bad(trajectories.paths_summary, (BOWL, {"GD": [1, 2]}), error=TypeError,
        message=r"runs\['GD'\] must be a coursekit.trajectories.Trajectory, got list"),
    Bad(trajectories.paths_summary, (BOWL, {}), message=r"runs must be a non-empty dict .*, got \{\}"),
    Bad(trajectories.paths_summary, (BOWL, {"GD": _RUN}), {"tol": -1.0},
        message=r"tol must be a finite number > 0, got -1.0"),
    # optimizers
    Bad(make_optimizer, ("SGD", 0.1),
        message=r"optimizer name must be one of \['GD', 'Momentum', 'RMSprop', 'Adam'\], got 'SGD'"),
    Bad(make_optimizer, ("Adam", 0.1), {"beta1": 1.0}, message=r"beta1 must be in \[0, 1\), got 1.0"),
    Bad(make_optimizer, ([],), {"lr": 0.1}, message=r"optimizer name must be one of \['GD', .*\], got \[\]"),
    Bad(make_optimizer, ("GD", 0.1), {"beta1": "x"},
        error=TypeError, message=r"beta1 must be a number in \[0, 1\), got 'x'"),
    Bad(make_optimizer, ("GD", 0.1), {"beta2": 1.5}, message=r"beta2 must be in \[0, 1\), got 1.5"),
    Bad(optimizer.Optimizer, (0.0,), message=r"lr must be a finite number > 0, got 0.0"),
    Bad(optimizer.Hyperparameter, ("positive", "the learning rate"), error=TypeError,
        message=r"check must be a callable check\(value, name\), got 'positive'"),
    Bad(optimizer.Hyperparameter, (print, None), error=TypeError, message=r"doc must be a string, got None"),
    Bad(optimizer.check_fresh, ("Adam",), error=TypeError,
        message=r"optimizer must be a coursekit.optim optimizer .*, got 'Adam'"),
    Bad(Adam(0.1).step, ({"W1": np.zeros(2)}, {"W1": np.array([0.0, np.inf])}),
        message=r"grads\['W1'\] must be finite"),
]
