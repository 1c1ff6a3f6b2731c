"""``coursekit.show`` only draws: no public function of a topic module returns numbers or a data class.

The numbers a notebook prints or a test pins are computed below ``show`` (the top level of coursekit and
``coursekit.experiments``), and ``show`` draws what they return. So every public function of a topic module
declares what it returns, and that is a figure, an explorer (or another widget), nothing (it draws on the
axes it is given) or text (a label, a numbers line, colours by label); no public class is a data class.
What a picture needs computed (a contour grid, the edge marks of a path) stays private to the drawing.
The machinery (``look``, ``explorer``, ``controls``, ``picture``) is not a topic: it encodes PNGs and keeps caches.
"""

import collections.abc
import dataclasses
import importlib
import inspect
import pkgutil
import sys
import types
import typing

import ipywidgets
import pytest
from matplotlib.figure import Figure

from coursekit import show

MACHINERY = ("look", "explorer", "controls", "picture")


def topic_modules() -> list[types.ModuleType]:
    return [importlib.import_module(f"{show.__name__}.{info.name}") for info in pkgutil.iter_modules(show.__path__)
            if info.name not in MACHINERY]


def _draws(kind) -> bool:
    """A figure, a widget, nothing, text, or a mapping to text."""
    if kind is type(None) or kind is str:
        return True
    origin, arguments = typing.get_origin(kind), typing.get_args(kind)
    if origin is not None:  # a generic alias such as dict[int, str], which Python 3.10 also calls a class
        return origin in (dict, collections.abc.Mapping) and arguments[-1:] == (str,)
    return inspect.isclass(kind) and issubclass(kind, (Figure, ipywidgets.Widget))


def violations(modules) -> dict[str, str]:
    """``{module.name: what is wrong}`` for every public function or class of ``modules`` that is not drawing."""
    found = {}
    for module in modules:
        for name, obj in vars(module).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
                continue
            where = f"{module.__name__}.{name}"
            if inspect.isclass(obj):
                if dataclasses.is_dataclass(obj) or issubclass(obj, tuple):
                    found[where] = "is a data class: it belongs with the computation that fills it, below show"
            elif inspect.isfunction(obj):
                hints = typing.get_type_hints(obj)
                if "return" not in hints:
                    found[where] = "declares no return: a function of show returns a figure, an explorer or None"
                elif not _draws(hints["return"]):
                    found[where] = f"returns {hints['return']!r}: numbers or data are computed below show"
    return found


def test_no_public_function_of_show_returns_numbers_or_data():
    found = violations(topic_modules())
    assert found == {}


def test_what_show_offers_in_one_import_draws():
    offered = {name: getattr(show, name) for name in show.__all__}
    functions = {name: obj for name, obj in offered.items() if inspect.isfunction(obj)}
    assert functions and all(name.startswith("plot_") or name.endswith("_explorer") or name == "new_figure"
                             for name in functions)


@pytest.mark.parametrize("source, expected", [
    ("def foo_data():\n    return 1.0\n", "declares no return"),
    ("def foo_data() -> float:\n    return 1.0\n", "returns <class 'float'>"),
    ("def foo_data() -> dict:\n    return {'a': 1.0}\n", "returns <class 'dict'>"),
    ("import numpy as np\ndef foo_data() -> tuple[np.ndarray, np.ndarray]:\n    return np.ones(2), np.ones(2)\n",
     "returns tuple[numpy.ndarray, numpy.ndarray]"),
    ("from typing import NamedTuple\nclass FooData(NamedTuple):\n    spread: float\n", "is a data class"),
])
def test_a_planted_function_that_returns_numbers_is_caught(monkeypatch, source, expected):
    planted = types.ModuleType(f"{show.__name__}.planted")
    monkeypatch.setitem(sys.modules, planted.__name__, planted)
    exec(compile(source, "planted.py", "exec"), planted.__dict__)
    ((where, why),) = violations([planted]).items()
    assert where.startswith("coursekit.show.planted.foo_") or where == "coursekit.show.planted.FooData"
    assert expected in why


def test_drawing_and_text_pass():
    source = ("from coursekit.show.look import CourseFigure\nfrom coursekit.show.explorer import Explorer\n"
              "def plot_foo() -> CourseFigure: ...\ndef foo_explorer() -> Explorer: ...\n"
              "def foo_label(x) -> str: ...\ndef foo_colors(xs) -> dict[int, str]: ...\ndef draw_foo(ax) -> None: ...\n")
    planted = types.ModuleType(f"{show.__name__}.planted")
    exec(compile(source, "planted.py", "exec"), planted.__dict__)
    assert violations([planted]) == {}
