"""``from coursekit import show`` offers every figure and explorer of the topic modules, and the look."""

import importlib
import pkgutil

from coursekit import show
from coursekit.show import explorer, look

#: The topic modules: every module of coursekit.show but the machinery they are built on.
TOPICS = [importlib.import_module(f"coursekit.show.{info.name}") for info in pkgutil.iter_modules(show.__path__)
          if info.name not in ("look", "explorer", "controls", "picture")]
MACHINERY = {"PALETTE", "OPTIMIZER_COLORS", "BETA_COLORS", "CourseFigure", "new_figure", "Explorer"}


def test_show_offers_every_figure_explorer_and_their_data_in_one_import():
    defined = {
        name: obj
        for module in TOPICS
        for name, obj in vars(module).items()
        if name.startswith("plot_") or name.endswith(("_explorer", "_data"))
        if getattr(obj, "__module__", None) == module.__name__
    }
    assert all(any(obj.__module__ == module.__name__ for obj in defined.values()) for module in TOPICS), \
        "every topic module offers at least one figure or explorer"
    offered = {name: getattr(show, name) for name in show.__all__}
    assert {name: obj for name, obj in offered.items() if name in defined} == defined
    for name in ("PALETTE", "OPTIMIZER_COLORS", "BETA_COLORS", "CourseFigure", "new_figure"):
        assert offered[name] is getattr(look, name)
    assert offered["Explorer"] is explorer.Explorer
    assert set(offered) == set(defined) | MACHINERY


def test_no_name_is_imported_twice_into_show():
    """Two topic modules offering the same name would silently shadow one of them."""
    import ast
    from pathlib import Path

    tree = ast.parse(Path(show.__file__).read_text())
    names = [alias.asname or alias.name for node in tree.body if isinstance(node, ast.ImportFrom) for alias in node.names]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
