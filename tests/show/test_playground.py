"""Tests of the optimizer playground, headless: its paths, its controls, what it caches and its inputs."""

import numpy as np
import pytest

from coursekit import surfaces, trajectories
from coursekit.optim import OPTIMIZERS, GD, Adam, Momentum, RMSprop
from coursekit.show import playground
from coursekit.show.look import OPTIMIZER_COLORS
from coursekit.show import surfaces as surface_figures
from coursekit.trajectories import trajectory
from tests.show.vision import contrast_ratio


def _paths(explorer) -> dict:
    """The paths drawn, by optimizer (not the marks where a path leaves the window)."""
    return {line.get_gid(): line.get_xydata() for line in explorer.figure.axes[0].lines
            if line.get_gid() and not line.get_gid().endswith(" outside")}


def _start_marker(explorer):
    (marker,) = [line for line in explorer.figure.axes[0].lines if line.get_label() == "start"]
    return marker.get_xydata()[0].tolist()


@pytest.fixture
def explorer():
    return playground.playground_explorer("elongated quadratic", lr={"GD": 0.1, "Adam": 0.05}, steps=30)


def test_every_optimizer_runs_with_its_own_alpha_and_the_shared_betas(explorer):
    explorer.controls["beta1"].value = 0.8
    explorer.controls["beta2"].value = 0.99
    explorer.controls["lr RMSprop"].value = 0.02
    s = surfaces.elongated_quadratic()
    expected = {"GD": GD(0.1), "Momentum": Momentum(playground.DEFAULT_LRS["Momentum"], beta=0.8),
                "RMSprop": RMSprop(0.02, beta2=0.99), "Adam": Adam(0.05, beta1=0.8, beta2=0.99)}
    paths = _paths(explorer)
    assert sorted(paths) == sorted(OPTIMIZERS)
    for name, opt in expected.items():
        np.testing.assert_allclose(paths[name], trajectory(s, opt, steps=30).points, rtol=1e-12)


def test_the_controls_the_issue_asks_for(explorer):
    assert list(explorer.controls) == ["optimizers", "surface", "lr GD", "lr Momentum", "lr RMSprop", "lr Adam",
                                       "beta1", "beta2", "steps", "x0", "y0"]
    assert explorer.controls["surface"].options == ("elongated quadratic", "rotated quadratic", "Rosenbrock",
                                                    "saddle", "plateau", "several minima")
    assert explorer.children[-2:] == (explorer.picture, explorer.summary)


def test_pressing_and_releasing_optimizers_changes_the_paths_drawn(explorer):
    picker = explorer.controls["optimizers"]
    picker.buttons["Momentum"].value = False
    picker.buttons["RMSprop"].value = False
    assert picker.value == ("GD", "Adam") and sorted(_paths(explorer)) == ["Adam", "GD"]
    assert "Momentum" not in explorer.summary.value


def test_the_last_optimizer_cannot_be_released():
    picker = playground.OptimizerPicker(("Adam",))
    picker.buttons["Adam"].value = False
    assert picker.value == ("Adam",) and picker.buttons["Adam"].value
    assert picker.buttons["Adam"].value and not picker.buttons["GD"].value
    assert picker.buttons["Adam"].style.button_color == OPTIMIZER_COLORS["Adam"]
    assert picker.buttons["GD"].style.button_color == playground.OFF_COLOR
    assert all(not button.icon for button in picker.buttons.values()), "no icon font: a deck offline has none"


def test_a_click_presses_a_button_and_a_second_click_releases_it():
    picker = playground.OptimizerPicker(("Adam",))
    picker.buttons["Momentum"].click()
    assert picker.value == ("Momentum", "Adam")
    picker.buttons["Momentum"].click()
    assert picker.value == ("Adam",)


@pytest.mark.parametrize("pressed", [True, False], ids=["pressed", "released"])
@pytest.mark.parametrize("name", OPTIMIZERS)
def test_every_label_of_the_optimizer_buttons_reads_in_every_state(name, pressed):
    button = playground.OptimizerToggle(name, value=pressed)
    style = button.style
    assert contrast_ratio(style.text_color, style.button_color) >= 4.5, (style.text_color, style.button_color)
    assert OPTIMIZER_COLORS[name] in button.layout.border, "the optimizer's colour frames its button"


def test_a_new_start_moves_the_paths_and_the_marker(explorer):
    explorer.controls["x0"].value = 1.5
    explorer.controls["y0"].value = -0.5
    assert _start_marker(explorer) == [1.5, -0.5]
    for path in _paths(explorer).values():
        assert path[0].tolist() == [1.5, -0.5]
    expected = trajectory(surfaces.elongated_quadratic(), GD(0.1), start=(1.5, -0.5), steps=30)
    np.testing.assert_array_equal(_paths(explorer)["GD"], expected.points)


def test_a_new_surface_resets_the_start_to_its_own_within_its_window(explorer, monkeypatch):
    renders = []
    original = explorer._render
    monkeypatch.setattr(explorer, "_render", lambda values: renders.append(values) or original(values))
    explorer.controls["surface"].value = "plateau"
    assert len(renders) == 1, "one redraw for a new surface, not one per moved slider"
    s = surfaces.plateau()
    assert (explorer.controls["x0"].value, explorer.controls["y0"].value) == s.start
    assert (explorer.controls["x0"].min, explorer.controls["x0"].max) == s.xlim
    assert _start_marker(explorer) == list(s.start)
    assert explorer.figure.axes[0].get_title() == s.title


def test_a_longer_path_serves_every_shorter_number_of_steps(explorer, monkeypatch):
    calls = []
    original = trajectories.trajectory_data
    monkeypatch.setattr(playground, "trajectory_data", lambda *a, **k: calls.append(a[1]) or original(*a, **k))
    explorer.controls["steps"].value = 12
    assert calls == [] and {name: p.shape for name, p in _paths(explorer).items()} == {n: (13, 2) for n in OPTIMIZERS}
    np.testing.assert_array_equal(_paths(explorer)["GD"], trajectory(surfaces.elongated_quadratic(), GD(0.1),
                                                                     steps=12).points)
    explorer.controls["steps"].value = 50
    assert sorted(name for (name,) in calls) == sorted(OPTIMIZERS)
    explorer.controls["lr Adam"].value = 0.1
    assert calls[-1] == ["Adam"] and len(calls) == 5


def test_the_contour_is_drawn_once_per_surface_and_choice_of_optimizers(explorer, monkeypatch):
    calls = []
    original = surface_figures.plot_trajectories
    monkeypatch.setattr(surface_figures, "plot_trajectories", lambda *a, **k: calls.append(a) or original(*a, **k))
    explorer.controls["lr GD"].value = 0.05
    explorer.controls["x0"].value = -1.0
    assert calls == []
    explorer.controls["optimizers"].buttons["GD"].value = False
    explorer.controls["optimizers"].buttons["GD"].value = True
    assert len(calls) == 1  # the picture without GD was new; with GD it was kept


def test_a_diverging_path_is_reported():
    w = playground.playground_explorer("Rosenbrock", optimizers=("GD",), lr={"GD": 0.1}, steps=50)
    assert "diverged after" in w.summary.value and w.picture.png.startswith(b"\x89PNG")


def test_a_path_hidden_under_the_start_is_said_to_be_hidden():
    """On the plateau GD and momentum move about 0.05 in 100 steps, a pixel or two: the numbers line says so."""
    w = playground.playground_explorer("plateau", steps=100)
    lines = dict(line.split("</b>: ", 1) for line in w.summary.value.split("<br>"))
    hidden = {name.rsplit("<b>", 1)[1] for name, text in lines.items() if "hidden under the start's dot" in text}
    assert hidden == {"GD", "Momentum"}
    paths = _paths(w)
    for name in OPTIMIZERS:
        reach = np.hypot(*(paths[name] - paths[name][0]).T).max()
        assert (reach < playground.HIDDEN * 12.0) == (name in hidden), (name, reach)


def test_the_playground_reuses_the_trajectory_explorers_runs_pictures_and_numbers_line():
    assert playground.Paths is surface_figures.Paths is trajectories.Paths
    assert playground.paths_summary is surface_figures.paths_summary is trajectories.paths_summary
    assert playground.trajectory_data is surface_figures.trajectory_data is trajectories.trajectory_data
    assert playground.PathPictures is surface_figures.PathPictures
    assert playground.coloured_lines is surface_figures.coloured_lines


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match=r"surface must be one of \['elongated quadratic', .*got 'bowl'"):
        playground.playground_explorer("bowl")
    with pytest.raises(ValueError, match=r"optimizers must be a non-empty sequence of distinct names from .*got \('GD', 'SGD'\)"):
        playground.playground_explorer(optimizers=("GD", "SGD"))
    with pytest.raises(ValueError, match=r"lr must be a dict optimizer name -> α .*got 0.1"):
        playground.playground_explorer(lr=0.1)
    with pytest.raises(ValueError, match=r"lr\['Adam'\] must be a finite number > 0, got 0"):
        playground.playground_explorer(lr={"Adam": 0})
    with pytest.raises(ValueError, match=r"start must lie in the surface's window \(-2.0, 2.0\) × \(-1.0, 1.0\), "
                                         r"got \(5.0, 0.0\)"):
        playground.playground_explorer(start=(5.0, 0.0))
    with pytest.raises(ValueError, match=r"steps must be an integer >= 1, got 0"):
        playground.playground_explorer(steps=0)
