"""``from coursekit import show`` offers every figure and explorer of the topic modules, and the look."""

from coursekit import show
from coursekit.show import averages, bias, convergence, explorer, look, schedules, smoothing, surfaces, training

TOPICS = (training, averages, smoothing, bias, surfaces, convergence, schedules)


def test_show_offers_every_figure_explorer_and_their_data_in_one_import():
    defined = {
        name: obj
        for module in TOPICS
        for name, obj in vars(module).items()
        if name.startswith("plot_") or name.endswith(("_explorer", "_data")) or name == "surface_grid"
        if getattr(obj, "__module__", None) == module.__name__
    }
    assert len(defined) == 25
    offered = {name: getattr(show, name) for name in show.__all__}
    assert {name: obj for name, obj in offered.items() if name in defined} == defined
    for name in ("PALETTE", "OPTIMIZER_COLORS", "BETA_COLORS", "CourseFigure", "new_figure"):
        assert offered[name] is getattr(look, name)
    assert offered["Explorer"] is explorer.Explorer
    assert set(offered) == set(defined) | {"PALETTE", "OPTIMIZER_COLORS", "BETA_COLORS", "CourseFigure", "new_figure", "Explorer"}
