"""Bad inputs of the lecture's modules: activations, averages, critical_points, minibatch, schedules.

(``tests/test_validation.py`` checks ``ewa``, ``ewa_step``, ``bias_correct``, the minibatch functions and the
schedule factories argument by argument; the rows below add what it does not try.)
"""

import numpy as np

from coursekit import activations, averages, critical_points, minibatch, schedules
from tests.bad_inputs import Bad

NAN = float("nan")
Z = np.ones((3, 4))

ROWS = [
    # activations
    Bad(activations.relu, ("abc",), error=TypeError, message=r"Z must be a numeric array, got str"),
    Bad(activations.relu, (None,), error=TypeError, message=r"Z must be a numeric array, got NoneType"),
    Bad(activations.relu, ({"a": 1.0},), error=TypeError, message=r"Z must be a numeric array, got dict"),
    Bad(activations.relu, (Z,), {"out": np.empty((4, 3))}, error=TypeError,
        message=r"out must be None or a float array of the shape of Z, \(3, 4\), got ndarray of shape \(4, 3\)"),
    Bad(activations.sigmoid, ("abc",), error=TypeError, message=r"Z must be a numeric array, got str"),
    Bad(activations.sigmoid, (Z,), {"out": [0.0] * 12}, error=TypeError, message=r"out must be None or a float array"),
    Bad(activations.sigmoid, (Z,), {"out": np.empty((3, 4), dtype=int)}, error=TypeError,
        message=r"out must be None or a float array"),
    Bad(activations.softmax, (np.ones(3),), message=r"Z must be a 2-D array, got 1-D array of shape \(3,\)"),
    Bad(activations.softmax, (np.ones((0, 3)),), message=r"Z must hold at least one value, got an empty array"),
    Bad(activations.softmax, ([["a"]],), error=TypeError, message=r"Z must be a numeric array, got list"),
    Bad(activations.softmax, (Z,), {"out": np.empty(12)}, error=TypeError, message=r"out must be None or a float array"),
    # averages
    Bad(averages.ewa, ([], 0.9), message=r"thetas must hold at least one value, got an empty array"),
    Bad(averages.ewa_weights, (0.9, 0), message=r"n must be an integer >= 1, got 0"),
    Bad(averages.ewa_weights, (0.9, 10**12), message=r"n=1000000000000 would need [\d.]+ GiB; at most 2 GiB"),
    Bad(averages.ewa_weights, (1.0, 3), message=r"beta must be in \[0, 1\), got 1.0"),
    Bad(averages.e_folding_steps, (1.0,), message=r"beta must be in \[0, 1\), got 1.0"),
    Bad(averages.e_folding_steps, ("0.9",), error=TypeError, message=r"beta must be a number in \[0, 1\), got '0.9'"),
    Bad(averages.correction_factor, (0.9, 0), message=r"t must be an integer >= 1, got 0"),
    Bad(averages.correction_factor, (0.9, []), message=r"t must be an integer >= 1 or a non-empty array of them, got \[\]"),
    Bad(averages.correction_factor, (0.9, [1.5]), message=r"t must be an integer >= 1 or a non-empty array .*1.5"),
    Bad(averages.correction_factor, (-0.1, 1), message=r"beta must be in \[0, 1\), got -0.1"),
    Bad(averages.warmup_steps, (0.9, 1e-300), message=r"tolerance must be a finite number >= 1e-12, got 1e-300"),
    Bad(averages.warmup_steps, (0.9, NAN), message=r"tolerance must be a finite number >= 1e-12, got nan"),
    Bad(averages.warmup_steps, (1.0,), message=r"beta must be in \[0, 1\), got 1.0"),
    Bad(averages.startup_bias, ([], 0.9), message=r"thetas must hold at least days = 7 values, got 0"),
    Bad(averages.startup_bias, ([1.0, 2.0], 0.9, 0), message=r"days must be an integer >= 1, got 0"),
    Bad(averages.startup_bias, ([1.0, NAN], 0.9, 1), message=r"thetas must be finite"),
    Bad(averages.startup_bias, ([1.0, 2.0], 1.0, 1), message=r"beta must be in \[0, 1\), got 1.0"),
    # critical_points
    Bad(critical_points.classify_critical_point, (np.ones((2, 2, 2)),), message=r"hessian must be a 2-D array, got 3-D"),
    Bad(critical_points.classify_critical_point, (np.ones((2, 3)),), message=r"hessian must be a non-empty square"),
    Bad(critical_points.classify_critical_point, (np.ones((0, 0)),), message=r"hessian must be a non-empty square"),
    Bad(critical_points.classify_critical_point, ([[1.0, 2.0], [0.0, 1.0]],), message=r"hessian must be symmetric"),
    Bad(critical_points.classify_critical_point, ([[NAN]],), message=r"hessian must be finite"),
    Bad(critical_points.classify_critical_point, ("H",), error=TypeError, message=r"hessian must be a numeric array"),
    Bad(critical_points.classify_critical_point, ([[1.0]], 0.0), message=r"tol must be a finite number > 0, got 0.0"),
    Bad(critical_points.critical_point_odds, (0,), message=r"n_directions must be an integer >= 1, got 0"),
    Bad(critical_points.critical_point_odds, (2.0,), error=TypeError, message=r"n_directions must be an integer >= 1"),
    Bad(critical_points.log10_critical_point_odds, (-3,), message=r"n_directions must be an integer >= 1, got -3"),
    Bad(critical_points.log10_critical_point_odds, (True,), error=TypeError, message=r"n_directions must be an integer"),
    Bad(critical_points.goe, (0,), message=r"n must be an integer >= 1, got 0"),
    Bad(critical_points.goe, (10**5,), message=r"\(n, count\)=\(100000, 1\) would need [\d.]+ GiB"),
    Bad(critical_points.goe, (3,), {"count": 0}, message=r"count must be an integer >= 1, got 0"),
    Bad(critical_points.goe, (3,), {"seed": -1}, message=r"seed must be an integer >= 0, got -1"),
    Bad(critical_points.goe_all_positive, (7, 10**12), message=r"count=1000000000000 would need about .* operations"),
    Bad(critical_points.goe_all_positive, (10**9, 10), message=r"count=10 would need [\d.]+ GiB"),
    Bad(critical_points.goe_all_positive, (0, 10), message=r"n_max must be an integer >= 1, got 0"),
    Bad(critical_points.goe_all_positive, (3, 10), {"chunk": 0}, message=r"chunk must be an integer >= 1, got 0"),
    Bad(critical_points.rate_interval, (11, 10), message=r"hits must be at most count = 10, got 11"),
    Bad(critical_points.rate_interval, (True, 10), error=TypeError, message=r"hits must be an integer >= 0, got True"),
    Bad(critical_points.rate_interval, (1, 0), message=r"count must be an integer >= 1, got 0"),
    Bad(critical_points.rate_interval, (1, 10, NAN), message=r"z must be a finite number > 0, got nan"),
    # minibatch
    Bad(minibatch.random_mini_batches, (np.ones((2, 0)), np.ones((1, 0))),
        message=r"X must hold at least one value, got an empty array of shape \(2, 0\)"),
    Bad(minibatch.random_mini_batches, (np.ones((2, 5)), np.ones((1, 5)).T),
        message=r"X and Y must have the same number of examples m \(columns\), got X \(2, 5\) and Y \(5, 1\)"),
    # schedules
    Bad(schedules.manual_decay, (0.1, "3"), error=TypeError, message=r"drops must be a sequence of epochs .*, got '3'"),
    Bad(schedules.manual_decay, (0.1, None), error=TypeError, message=r"drops must be a sequence of epochs .*, got None"),
    Bad(schedules.manual_decay, (0.1, [3, 0]), message=r"drops\[1\] must be an integer >= 1, got 0"),
    Bad(schedules.manual_decay, (0.1, [2.5]), error=TypeError, message=r"drops\[0\] must be an integer >= 1, got 2.5"),
    Bad(schedules.manual_decay, (0.0, [3]), message=r"lr0 must be a finite number > 0, got 0.0"),
    Bad(schedules.manual_decay, (0.1, [3], 0.0), message=r"factor must be in \(0, 1\], got 0.0"),
    Bad(schedules.manual_decay(0.1, [3]), (-1,), message=r"n must be an integer >= 0, got -1"),
    Bad(schedules.stalled_at, ([],), message=r"costs must hold at least one value, got an empty array"),
    Bad(schedules.stalled_at, ([1.0, NAN],), message=r"costs must be finite"),
    Bad(schedules.stalled_at, ([[1.0, 0.5]],), message=r"costs must be a 1-D array, got 2-D"),
    Bad(schedules.stalled_at, ([1.0],), {"patience": 0}, message=r"patience must be an integer >= 1, got 0"),
    Bad(schedules.stalled_at, ([1.0],), {"min_decrease": 1.0}, message=r"min_decrease must be in \[0, 1\), got 1.0"),
]
