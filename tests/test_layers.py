"""coursekit's three layers, read from the imports: 3 (course) -> 2 (show) -> 1 (the algorithms), never back.

Layer 1 is every module of coursekit outside ``show/`` and ``course/``: what the course teaches. It may not
import the layers above it, nor a display or notebook library. Layer 2 (``show/``) may not import layer 3
(``course/``). Within layer 1, an experiment (``experiments/``) imports only the top level of coursekit,
never another experiment; within layer 3, only ``course/tools/`` (what ``make`` runs) imports
``course/tools/``. The course package has no import cycle, and each of its modules can be imported alone.
Every import is read from the source with ``ast``, including those inside functions.
"""

import ast
import shutil
import subprocess
import sys
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


def _is_module(package: Path, dotted: str) -> bool:
    """Whether ``dotted`` (``coursekit.course.records``) names a module or a package inside ``package``'s folder."""
    path = package.parent.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imports_of(path: Path, package: Path) -> list[tuple[int, str]]:
    """Every module imported by a file, as (line, dotted name), relative imports resolved.

    ``from a import b`` imports the module ``a.b`` when there is one, else the name ``b`` of the module ``a``.
    """
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
            inside = module.split(".")[0] == package.name
            submodules = [f"{module}.{alias.name}" for alias in node.names
                          if inside and _is_module(package, f"{module}.{alias.name}")]
            if len(submodules) < len(node.names):  # some names are not modules: they come from `module` itself
                found.append((node.lineno, module))
            found += [(node.lineno, submodule) for submodule in submodules]
    return found


def _is_experiment(module: str) -> bool:
    return module.split(".")[1:2] == ["experiments"]


def _is_tools(module: str) -> bool:
    return module == "coursekit.course.tools" or module.startswith("coursekit.course.tools.")


def wrong_import(importer: str, imported: str) -> str | None:
    """What is wrong with module ``importer`` importing ``imported`` (both inside coursekit), or None."""
    layer, target = layer_of_module(importer), layer_of_module(imported)
    if target > layer:
        return f"layer {layer} ({LAYERS[layer]}) imports {imported}, of layer {target} ({LAYERS[target]})"
    if _is_experiment(importer) and _is_experiment(imported) and imported != importer:
        return (f"the experiment {importer} imports {imported}: an experiment imports only the top level of "
                "coursekit, never another experiment")
    if _is_tools(imported) and not _is_tools(importer):
        return f"{importer} imports {imported}: only coursekit.course.tools (what make runs) imports it"
    return None


def violations(package: Path = PACKAGE) -> list[str]:
    """One line per import that breaks the layering, naming the file, the line and the rule."""
    problems = []
    for path in sorted(package.rglob("*.py")):
        importer = module_name(path, package)
        layer = layer_of_module(importer)
        for line, imported in imports_of(path, package):
            where = f"{path.relative_to(package.parent)}:{line}"
            if imported.split(".")[0] == package.name and imported != package.name:
                wrong = wrong_import(importer, imported)
                if wrong:
                    problems.append(f"{where}: {wrong}")
            elif imported.split(".")[0] in FORBIDDEN[layer]:
                problems.append(f"{where}: layer {layer} ({LAYERS[layer]}) imports {imported}")
    return problems


def cycles(folder: Path, package: Path = PACKAGE) -> list[list[str]]:
    """The import cycles among the modules of ``folder`` (a package inside ``package``), each as a closed path."""
    modules = {module_name(path, package): path for path in sorted(folder.rglob("*.py"))}
    edges = {name: sorted({imported for _, imported in imports_of(path, package) if imported in modules} - {name})
             for name, path in modules.items()}
    found, state = [], {}  # state: 1 while a module's imports are being followed, 2 once they all are

    def follow(name: str, path: list[str]) -> None:
        state[name] = 1
        for imported in edges[name]:
            if state.get(imported) == 1:
                found.append(path[path.index(imported):] + [imported])
            elif imported not in state:
                follow(imported, path + [imported])
        state[name] = 2

    for name in modules:
        if name not in state:
            follow(name, [name])
    return found


def test_every_import_points_down_the_layers():
    problems = violations()
    assert not problems, "imports that break the layering:\n" + "\n".join(problems)


def test_the_course_package_has_no_import_cycle():
    found = cycles(PACKAGE / "course")
    assert not found, "import cycles in coursekit.course:\n" + "\n".join(" -> ".join(cycle) for cycle in found)


def test_a_cycle_is_found(tmp_path):
    copy = tmp_path / "coursekit"
    shutil.copytree(PACKAGE / "course", copy / "course", ignore=shutil.ignore_patterns("__pycache__"))
    records = copy / "course" / "records.py"
    records.write_text(records.read_text() + "\n\ndef _late():\n    from coursekit.course import progress_table\n")
    found = cycles(copy / "course", copy)
    assert any({"coursekit.course.records", "coursekit.course.progress_table"} <= set(cycle) for cycle in found)


#: Imports each module named on its command line first, with no module of coursekit loaded before it.
_IMPORT_EACH_FIRST = """
import importlib, sys
for name in sys.argv[1:]:
    for loaded in [module for module in sys.modules if module.split(".")[0] == "coursekit"]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception as error:
        print(f"{name}: {type(error).__name__}: {error}")
"""


def test_each_course_module_can_be_imported_alone():
    modules = [module_name(path, PACKAGE) for path in sorted((PACKAGE / "course").rglob("*.py"))]
    run = subprocess.run([sys.executable, "-c", _IMPORT_EACH_FIRST, *modules], capture_output=True, text=True,
                         timeout=600)
    assert run.returncode == 0 and run.stdout == "", run.stdout + run.stderr[-2000:]


def test_the_package_has_its_three_layers():
    assert (PACKAGE / "show" / "__init__.py").exists() and (PACKAGE / "course" / "__init__.py").exists()
    teaching = {path.stem for path in PACKAGE.glob("*.py")} | {path.name for path in PACKAGE.iterdir() if path.is_dir()}
    for module in ("minibatch", "averages", "optim", "schedules", "surfaces", "nn", "train", "data"):
        assert module in teaching


@pytest.mark.parametrize(
    "file, line, expected",
    [
        ("optim/adam.py", "from coursekit.show import look",
         "layer 1 (what the course teaches) imports coursekit.show.look, of layer 2"),
        ("averages.py", "import matplotlib.pyplot as plt", "layer 1 (what the course teaches) imports matplotlib.pyplot"),
        ("nn.py", "from coursekit import course", "layer 1 (what the course teaches) imports coursekit.course"),
        ("show/averages.py", "from coursekit.course.exercises import check",
         "layer 2 (how it is shown) imports coursekit.course.exercises, of layer 3"),
        ("show/look.py", "from ..course import editions", "layer 2 (how it is shown) imports coursekit.course, of layer 3"),
        ("experiments/lag.py", "from coursekit.experiments import smoothers",
         "the experiment coursekit.experiments.lag imports coursekit.experiments.smoothers: an experiment imports "
         "only the top level of coursekit, never another experiment"),
        ("experiments/saddles.py", "from . import basins",
         "the experiment coursekit.experiments.saddles imports coursekit.experiments.basins"),
        ("course/checks.py", "from coursekit.course.tools import editions",
         "coursekit.course.checks imports coursekit.course.tools.editions: only coursekit.course.tools (what make "
         "runs) imports it"),
        ("course/questions/widget.py", "from coursekit.course import tools",
         "coursekit.course.questions.widget imports coursekit.course.tools: only"),
    ],
)
def test_a_wrong_import_is_caught(tmp_path, file, line, expected):
    copy = tmp_path / "coursekit"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "datasets"))
    target = copy / file
    target.write_text(target.read_text() + f"\n\ndef _late():\n    {line}\n")
    (problem,) = violations(copy)
    assert problem.startswith(f"coursekit/{file}:") and expected in problem
