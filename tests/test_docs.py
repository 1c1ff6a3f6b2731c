"""Every public function and class of coursekit is documented; those of the course's modules show an example."""

import importlib
import inspect
import pkgutil

import pytest

import coursekit

# The modules a learner reads: each public function and class carries a runnable example (a doctest).
WITH_EXAMPLES = {"averages", "minibatch", "optim", "schedules", "surfaces", "nn", "train", "data", "plots", "widgets",
                 "lag", "smoothers", "smoothing", "bias", "figures", "average_plots", "surface_plots", "training_plots",
                 "explorer", "average_widgets", "surface_widgets", "training_widgets"}


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
    if module.removeprefix("coursekit.") in WITH_EXAMPLES:
        assert ">>> " in doc, "an example that runs as a doctest"
