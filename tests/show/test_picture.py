"""Drawing ahead: an explorer in an event loop (as in a kernel) sends the pictures of nearby values, uses them,
and drops them when another control moves; the neighbours of each kind of slider."""

import asyncio
import math

import ipywidgets
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursekit.show.explorer import Explorer
from coursekit.show.look import figure_png, new_figure
from coursekit.show.picture import neighbour, picture_key, steps, steps_away, synced


def _explorer(**controls):
    fig, ax = new_figure()
    line, = ax.plot([0, 1], [0, 0])
    rendered, sent = [], []

    def render(values):
        rendered.append(dict(values))
        line.set_ydata([0, values["n"] * (2 if values.get("double") else 1)])
        return fig, figure_png(fig), f"n = {values['n']}"

    explorer = Explorer(controls, render, ahead=True)
    explorer.picture.send_ahead = lambda png, at, generation, control: sent.append((at, generation, png))
    return explorer, render, rendered, sent


def _in_a_loop(actions):
    """Run ``actions`` (a list of callables) in an event loop, letting its callbacks run after each."""
    async def run():
        for action in actions:
            action()
            await asyncio.sleep(0.3)
    asyncio.run(run())


def test_after_a_change_the_nearby_values_are_drawn_ahead_the_way_it_moved_first():
    explorer, render, rendered, sent = _explorer(n=ipywidgets.IntSlider(value=5, min=0, max=10))
    _in_a_loop([lambda: setattr(explorer.controls["n"], "value", 4)])
    assert [at for at, _, _ in sent] == [3, 5, 2, 6], "one and two steps either way, downwards first"
    for at, generation, png in sent:
        assert generation == 0 and png == render({"n": at})[1], "each is the picture of its value"


def test_a_step_to_a_value_drawn_ahead_shows_that_picture_without_drawing_again():
    explorer, render, rendered, sent = _explorer(n=ipywidgets.IntSlider(value=5, min=0, max=10))
    control = explorer.controls["n"]
    _in_a_loop([lambda: setattr(control, "value", 6)])
    drawn = len(rendered)
    ahead = dict((at, png) for at, _, png in sent)
    _in_a_loop([lambda: setattr(control, "value", 7)])
    assert rendered[drawn:drawn + 1] != [{"n": 7}], "7 was drawn ahead: not drawn again"
    assert explorer.picture.png == ahead[7] and explorer.picture.at == 7 and explorer.summary.value == "n = 7"


def test_another_control_moving_starts_a_new_generation_and_nothing_drawn_before_is_used():
    explorer, render, rendered, sent = _explorer(n=ipywidgets.IntSlider(value=5, min=0, max=10),
                                                 double=ipywidgets.Checkbox(value=False))
    control = explorer.controls["n"]
    _in_a_loop([lambda: setattr(control, "value", 6),
                lambda: setattr(explorer.controls["double"], "value", True),
                lambda: setattr(control, "value", 7)])
    assert explorer.picture.generation == 1
    assert explorer.picture.png == render({"n": 7, "double": True})[1], "7 drawn again, with the new setting"
    assert {generation for _, generation, _ in sent} == {0, 1}


def test_a_new_value_before_the_pictures_ahead_are_done_stops_them():
    explorer, render, rendered, sent = _explorer(n=ipywidgets.IntSlider(value=5, min=0, max=10))
    control = explorer.controls["n"]

    async def run():
        control.value = 6
        control.value = 9  # at once: nothing was drawn ahead of 6 yet
        await asyncio.sleep(0.3)
    asyncio.run(run())
    assert [at for at, _, _ in sent] == [10, 8, 7], "only 9's neighbours (11 is past the end)"


def test_outside_an_event_loop_nothing_is_drawn_ahead():
    explorer, render, rendered, sent = _explorer(n=ipywidgets.IntSlider(value=5, min=0, max=10))
    explorer.controls["n"].value = 6
    assert sent == [] and rendered == [{"n": 5}, {"n": 6}]


def test_a_slow_value_is_drawn_ahead_only_once_prepared():
    fig, ax = new_figure()
    trained, sent = {1}, []
    explorer = Explorer({"size": ipywidgets.SelectionSlider(options=[1, 8, 32], value=1)},
                        lambda v: (fig, figure_png(fig), str(v["size"])), prepare=lambda values, report: None,
                        ready=lambda values: values["size"] in trained, ahead=True, background=False)
    explorer.picture.send_ahead = lambda png, at, generation, control: sent.append(at)
    trained.add(32)
    _in_a_loop([lambda: setattr(explorer.controls["size"], "value", 8)])
    assert sent == [2, 0], "the trained sizes 32 and 1, by index; never one still to train"


@given(st.integers(-50, 50), st.integers(-3, 3))
def test_a_number_slider_steps_by_its_step_within_its_range(value, moves):
    control = ipywidgets.IntSlider(value=value, min=-50, max=50, step=1)
    moved = neighbour(control, moves)
    assert moved == ((value + moves, value + moves) if -50 <= value + moves <= 50 else None)


@given(st.integers(-80, 0), st.integers(-3, 3))
def test_a_log_slider_steps_in_its_exponent(k, moves):
    control = ipywidgets.FloatLogSlider(value=10 ** (k * 0.05), min=-4, max=0, step=0.05)
    moved = neighbour(control, moves)
    if -80 <= k + moves <= 0:
        assert math.isclose(math.log10(moved[0]), (k + moves) * 0.05, abs_tol=1e-9) and moved[0] == moved[1]
    else:
        assert moved is None


def test_a_choice_steps_by_index_and_a_menu_does_not_step():
    choice = ipywidgets.SelectionSlider(options=[("one", 1), ("eight", 8), ("m", 64)], value=8)
    assert neighbour(choice, 1) == (2, 64) and neighbour(choice, -1) == (0, 1) and neighbour(choice, 2) is None
    assert synced(choice) == 1 and steps(choice)
    assert not steps(ipywidgets.Dropdown(options=["a", "b"])) and not steps(ipywidgets.Checkbox())


def test_steps_away_are_nearest_first_and_picture_keys_ignore_the_last_bits():
    assert steps_away(3, -1) == [-1, 1, -2, 2, -3, 3]
    assert picture_key({"a": 0.30000000000000004, "b": "x"}) == picture_key({"a": 0.3, "b": "x"})
    assert picture_key({"a": 0.3}) != picture_key({"a": 0.31})


@pytest.mark.parametrize("step", [0.01, 0.001])
def test_a_float_slider_neighbour_matches_the_browser_value_to_the_key(step):
    control = ipywidgets.FloatSlider(value=0.5, min=0.0, max=0.99, step=step)
    at, value = neighbour(control, 3)
    assert picture_key({"beta": value}) == picture_key({"beta": round(0.5 + 3 * step, 10)})


def test_an_explorer_made_in_a_kernel_draws_ahead_of_its_first_picture_so_the_first_step_is_at_once():
    sent = []

    async def run():
        fig, ax = new_figure()
        explorer = Explorer({"n": ipywidgets.IntSlider(value=5, min=0, max=10)},
                            lambda v: (fig, figure_png(fig), str(v["n"])), ahead=True)
        explorer.picture.send_ahead = lambda png, at, generation, control: sent.append(at)
        await asyncio.sleep(0.3)
    asyncio.run(run())
    assert sent == [6, 4, 7, 3]


def test_the_main_slider_is_marked_and_drawn_ahead_first_and_must_be_a_slider():
    fig, ax = new_figure()
    controls = {"kappa": ipywidgets.IntSlider(value=1), "lr": ipywidgets.IntSlider(value=5),
                "surface": ipywidgets.Dropdown(options=["a", "b"])}
    explorer = Explorer(controls, lambda v: (fig, figure_png(fig), ""), main="lr")
    assert explorer.picture.control == controls["lr"].model_id and "coursekit-main" in controls["lr"]._dom_classes
    assert "coursekit-main" not in controls["kappa"]._dom_classes
    with pytest.raises(ValueError, match=r"main must name a slider of controls \['kappa', 'lr', 'surface'\]"):
        Explorer(controls, lambda v: (fig, figure_png(fig), ""), main="surface")
