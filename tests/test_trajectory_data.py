"""Tests of the runs that the trajectory explorer and the playground draw (coursekit.trajectories): several
optimizers by name, the longest run kept per setting, where each path ended."""

import numpy as np
import pytest

from coursekit.optim import GD, Adam, Momentum, RMSprop
from coursekit.surfaces import elongated_quadratic, rosenbrock
from coursekit.trajectories import Paths, outside_window, paths_summary, trajectory, trajectory_data


def test_trajectory_data_runs_each_named_optimizer_as_trajectory_would():
    s = rosenbrock()
    rates = {"GD": 1e-3, "Momentum": 1e-3, "RMSprop": 1e-2, "Adam": 0.05}
    runs = trajectory_data(s, list(rates), lr=rates, beta1=0.8, beta2=0.99, steps=40)
    expected = {
        "GD": trajectory(s, GD(1e-3), steps=40),
        "Momentum": trajectory(s, Momentum(1e-3, beta=0.8), steps=40),
        "RMSprop": trajectory(s, RMSprop(1e-2, beta2=0.99), steps=40),
        "Adam": trajectory(s, Adam(0.05, beta1=0.8, beta2=0.99), steps=40),
    }
    assert list(runs) == list(expected)
    for name, run in expected.items():
        np.testing.assert_array_equal(runs[name].points, run.points)
        np.testing.assert_array_equal(runs[name].losses, run.losses)


def test_paths_computes_a_setting_again_only_for_more_steps_and_forgets_the_oldest():
    bowl, calls = elongated_quadratic(), []

    def compute(steps):
        calls.append(steps)
        return trajectory(bowl, GD(0.1), steps=steps)

    paths = Paths(maxsize=2)
    assert [len(paths.run("a", n, compute).points) for n in (30, 10, 30, 40)] == [31, 11, 31, 41]
    assert calls == [30, 40]
    paths.run("b", 5, compute)
    paths.run("a", 5, compute)  # "a" used last: "b" is the oldest
    paths.run("c", 5, compute)
    paths.run("a", 40, compute)
    assert calls == [30, 40, 5, 5]
    paths.run("b", 5, compute)
    assert calls == [30, 40, 5, 5, 5]


def test_a_diverged_run_is_not_computed_again_for_more_steps():
    calls = []

    def compute(steps):
        calls.append(steps)
        return trajectory(rosenbrock(), GD(0.1), steps=steps)

    paths = Paths()
    run = paths.run("GD", 50, compute)
    assert run.diverged and len(paths.run("GD", 80, compute).points) == len(run.points) and calls == [50]


def test_the_summary_says_where_each_path_ended_and_what_left_the_window():
    bowl = elongated_quadratic()
    runs = trajectory_data(bowl, ["GD", "RMSprop"], lr=0.1, beta2=0.999, steps=20)
    runs["diverged"] = trajectory(rosenbrock(), GD(0.1), steps=50)
    outside = int(outside_window(bowl, runs["RMSprop"].points).sum())
    sentences = paths_summary(bowl, runs)
    assert list(sentences) == ["GD", "RMSprop", "diverged"] and outside >= 1
    assert sentences["GD"].startswith("J = ") and "from the nearest minimum" in sentences["GD"]
    assert sentences["RMSprop"].endswith(f"; {outside} point{'s' if outside > 1 else ''} outside the window (◇ on its edge)")
    assert sentences["diverged"].startswith(f"diverged after {len(runs['diverged'].losses) - 1} steps")


@pytest.mark.parametrize("call, message", [
    (lambda: trajectory_data(rosenbrock(), "GD", 0.1), r"optimizers must be .*distinct names .* got 'GD'"),
    (lambda: trajectory_data(rosenbrock(), ["GD", "GD"], 0.1), r"optimizers must be .*distinct names .* got \['GD', 'GD'\]"),
    (lambda: trajectory_data(rosenbrock(), ["Nesterov"], 0.1), r"optimizers must be .*got .*'Nesterov'"),
    (lambda: trajectory_data(rosenbrock(), ["GD", "Adam"], {"GD": 0.1}),
     r"lr must give a learning rate for every optimizer, missing 'Adam'"),
    (lambda: Paths(maxsize=0), r"maxsize must be an integer >= 1, got 0"),
])
def test_bad_arguments_are_named(call, message):
    with pytest.raises((TypeError, ValueError), match=message):
        call()
