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


def test_the_readme_tree_names_every_module_in_its_folder():
    import re
    from pathlib import Path

    root = Path(coursekit.__file__).parent
    readme = (root.parent / "README.md").read_text(encoding="utf-8")
    tree = readme[readme.index("```\ncoursekit/"):]
    tree = tree[:tree.index("\n```", 4)]
    named = set(re.findall(r"\b(\w+)(?:\.py|/)", tree)) | set(re.findall(r"(?<=· )(\w+)\b", tree)) \
        | set(re.findall(r"(\w+)(?= ·)", tree))
    for first, last in re.findall(r"nb(\d\d)\.py \.\.\. nb(\d\d)\.py", tree):  # one module per notebook
        named |= {f"nb{number:02d}" for number in range(int(first), int(last) + 1)}
    modules = {path.stem for path in root.rglob("*.py") if path.stem != "__init__" and "templates" not in path.parts}
    folders = {path.name for path in root.rglob("*") if path.is_dir() and (path / "__init__.py").exists()}
    assert sorted(modules - named) == [] and sorted(folders - named - {"coursekit"}) == []
