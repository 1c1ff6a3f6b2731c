"""The course's modules (layer 3) say what they offer: ``__all__`` lists every public function, class and constant.

The modules of exercises and of questions, one per notebook, list what their registries read (``EXERCISES``,
``QUESTIONS``) and what tests reuse. Only the pytest plugin, which offers hooks alone, has no ``__all__``.
"""

import importlib
import inspect
import pkgutil

import pytest

import coursekit.course

HOOKS_ONLY = ("coursekit.course.pytest_plugin",)


def _modules():
    for info in pkgutil.walk_packages(coursekit.course.__path__, "coursekit.course."):
        if info.name not in HOOKS_ONLY:
            yield info.name


@pytest.mark.parametrize("name", list(_modules()))
def test_a_course_module_lists_its_public_surface(name):
    module = importlib.import_module(name)
    assert hasattr(module, "__all__"), f"{name} has no __all__"
    missing = [item for item in module.__all__ if not hasattr(module, item)]
    assert not missing, f"{name}.__all__ names what it does not define: {missing}"
    defined = {item for item, obj in vars(module).items() if not item.startswith("_")
               and (inspect.isfunction(obj) or inspect.isclass(obj)) and obj.__module__ == name}
    assert defined <= set(module.__all__), f"{name}: public but not in __all__: {sorted(defined - set(module.__all__))}"
