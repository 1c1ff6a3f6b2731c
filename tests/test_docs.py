"""Every public function and class of coursekit is documented; those of the course's modules show an example."""

import importlib
import inspect
import pkgutil

import pytest

import coursekit

# The modules a learner reads, layers 1 and 2 (what the course teaches, how it is shown): each public
# function and class carries a runnable example (a doctest). Layer 3 (coursekit.course) needs docstrings.
def _with_examples(module: str) -> bool:
    return not module.startswith("coursekit.course")


def _public_objects():
    for info in pkgutil.walk_packages(coursekit.__path__, "coursekit."):
        module = importlib.import_module(info.name)
        if info.name.rsplit(".", 1)[-1].startswith("_"):
            continue
        for name, obj in vars(module).items():
            if not name.startswith("_") and (inspect.isfunction(obj) or inspect.isclass(obj)):
                if obj.__module__ == module.__name__:
                    yield pytest.param(module.__name__, obj, id=f"{module.__name__}.{name}")


@pytest.mark.parametrize("module, obj", list(_public_objects()))
def test_public_object_is_documented(module, obj):
    doc = inspect.getdoc(obj)
    assert doc and len(doc.splitlines()[0]) > 10, "a one-line summary first"
    if _with_examples(module):
        assert ">>> " in doc, "an example that runs as a doctest"
