"""coursekit's three layers, read from the imports: 3 (course) -> 2 (show) -> 1 (the algorithms), never back.

Layer 1 is every module of coursekit outside ``show/`` and ``course/``: what the course teaches. It may not
import the layers above it, nor a display or notebook library. Layer 2 (``show/``) may not import layer 3
(``course/``). Every import is read from the source with ``ast``, including those inside functions.
"""

import ast
import shutil
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "coursekit"
LAYERS = {1: "what the course teaches", 2: "how it is shown", 3: "how the course runs"}
#: Libraries a layer may not use: layer 1 computes, it never draws or touches a notebook.
FORBIDDEN = {
    1: ("matplotlib", "ipywidgets", "IPython", "PIL", "nbformat", "nbclient", "jupyterlab"),
    2: ("nbformat", "nbclient", "jupyterlab"),
    3: (),
}


def layer_of_module(module: str) -> int:
    """The layer of a dotted module name inside coursekit: 3, 2 or 1."""
    parts = module.split(".")
    return {"course": 3, "show": 2}.get(parts[1] if len(parts) > 1 else "", 1)


def module_name(path: Path, package: Path) -> str:
    relative = path.relative_to(package.parent).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


def imports_of(path: Path, package: Path) -> list[tuple[int, str]]:
    """Every module imported by a file, as (line, dotted name), relative imports resolved."""
    tree = ast.parse(path.read_text(), filename=str(path))
    here = module_name(path, package).split(".")
    if path.name != "__init__.py":
        here = here[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            found.append((node.lineno, module))
            # `from coursekit import show` imports the subpackage coursekit.show
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names if module == "coursekit"]
    return found


def violations(package: Path = PACKAGE) -> list[str]:
    """One line per import that breaks the layering, naming the file, the line and the rule."""
    problems = []
    for path in sorted(package.rglob("*.py")):
        layer = layer_of_module(module_name(path, package))
        for line, imported in imports_of(path, package):
            where = f"{path.relative_to(package.parent)}:{line}"
            if imported.split(".")[0] == package.name and imported != package.name:
                target = layer_of_module(imported)
                if target > layer:
                    problems.append(f"{where}: layer {layer} ({LAYERS[layer]}) imports {imported}, "
                                    f"of layer {target} ({LAYERS[target]})")
            elif imported.split(".")[0] in FORBIDDEN[layer]:
                problems.append(f"{where}: layer {layer} ({LAYERS[layer]}) imports {imported}")
    return problems


def test_every_import_points_down_the_layers():
    assert violations() == []


def test_the_package_has_its_three_layers():
    assert (PACKAGE / "show" / "__init__.py").exists() and (PACKAGE / "course" / "__init__.py").exists()
    teaching = {path.stem for path in PACKAGE.glob("*.py")} | {path.name for path in PACKAGE.iterdir() if path.is_dir()}
    for module in ("minibatch", "averages", "optim", "schedules", "surfaces", "nn", "train", "data"):
        assert module in teaching


@pytest.mark.parametrize(
    "file, line, expected",
    [
        ("optim/adam.py", "from coursekit.show import look", "layer 1 (what the course teaches) imports coursekit.show,"),
        ("averages.py", "import matplotlib.pyplot as plt", "layer 1 (what the course teaches) imports matplotlib.pyplot"),
        ("nn.py", "from coursekit import course", "layer 1 (what the course teaches) imports coursekit.course"),
        ("show/averages.py", "from coursekit.course.exercises import check",
         "layer 2 (how it is shown) imports coursekit.course.exercises, of layer 3"),
        ("show/look.py", "from ..course import editions", "layer 2 (how it is shown) imports coursekit.course, of layer 3"),
    ],
)
def test_a_wrong_import_is_caught(tmp_path, file, line, expected):
    copy = tmp_path / "coursekit"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "datasets"))
    target = copy / file
    target.write_text(target.read_text() + f"\n\ndef _late():\n    {line}\n")
    (problem,) = violations(copy)
    assert problem.startswith(f"coursekit/{file}:") and expected in problem
