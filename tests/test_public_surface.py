"""The course's modules (layer 3) say what they offer: ``__all__`` lists every public function, class and constant.

The catalogues of exercises and the banks of questions are data read through their registries, and the pytest
plugin offers only hooks: they have no ``__all__`` of their own.
"""

import importlib
import inspect
import pkgutil

import pytest

import coursekit.course

DATA_ONLY = ("catalogue_", "bank_", "pytest_plugin")


def _modules():
    for info in pkgutil.walk_packages(coursekit.course.__path__, "coursekit.course."):
        if not info.name.rsplit(".", 1)[-1].startswith(DATA_ONLY):
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
