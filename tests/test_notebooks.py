"""Guards over the stored notebooks, and the student edition executed as a learner first meets it.

nbval (run by `make test` with --nbval-lax) re-executes the instructor edition and compares the check
cells. These tests add what nbval cannot see: that every check cell has a stored run and verdict, that
the notebooks follow the course's conventions, and that the student edition, unfilled, fails in exactly
its check cells (saying "not implemented yet") while every other cell runs and reproduces its stored text.
"""

import configparser
import re
from pathlib import Path

import nbformat
import pytest

from coursekit.course import editions

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CHECK = "# NBVAL_CHECK_OUTPUT"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
TEXT_TYPES = ("text/plain", "text/html")


def _code_cells(nb):
    return [cell for cell in nb.cells if cell.cell_type == "code" and cell.source.strip()]


def _sanitizers():
    config = configparser.ConfigParser()
    config.read(ROOT / "nbval_sanitize.cfg")
    return [(re.compile(config[section]["regex"]), config[section]["replace"]) for section in config.sections()]


def _texts(cell) -> list[str]:
    """The text a reader sees in a cell's outputs (stream, text/plain, text/html, error names), sanitized."""
    texts = []
    for output in cell.get("outputs", []):
        if output.output_type == "stream":
            texts.append(f"{output.name}: {output.text}")
        elif output.output_type in ("display_data", "execute_result") and WIDGET_VIEW not in output.data:
            texts.extend(f"{kind}: {output.data[kind]}" for kind in TEXT_TYPES if kind in output.data)
        elif output.output_type == "error":
            texts.append(f"error: {output.ename}")
    for pattern, replacement in _sanitizers():
        texts = [pattern.sub(replacement, text) for text in texts]
    return texts


def test_the_course_has_its_notebooks_in_order():
    names = [path.name for path in NOTEBOOKS]
    assert names[:2] == ["00_start_here.ipynb", "01_mini_batch_gradient_descent.ipynb"]
    assert [name[:2] for name in names] == [f"{i:02d}" for i in range(len(names))]


def test_readme_lists_every_notebook():
    readme = (ROOT / "README.md").read_text()
    for path in NOTEBOOKS:
        assert f"notebooks/{path.name}" in readme


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_was_executed_in_order_from_a_fresh_kernel(path):
    counts = [cell.execution_count for cell in _code_cells(nbformat.read(path, as_version=4))]
    assert counts == list(range(1, len(counts) + 1))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_exercise_is_followed_by_a_check_cell_with_a_stored_verdict(path):
    cells = _code_cells(nbformat.read(path, as_version=4))
    exercises = [i for i, cell in enumerate(cells) if editions.BEGIN in cell.source]
    assert exercises, "every notebook has at least one exercise"
    for i in exercises:
        check = cells[i + 1]
        assert check.source.startswith(CHECK), f"the cell after exercise cell {i} must be its check cell"
        assert check.execution_count is not None
        (verdict,) = _texts(check)
        assert "✔" in verdict and "pass" in verdict
    checks = [i for i, cell in enumerate(cells) if CHECK in cell.source]
    assert checks == [i + 1 for i in exercises], "every check cell follows an exercise cell"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_follows_the_course_conventions(path):
    nb = nbformat.read(path, as_version=4)
    sources = [cell.source for cell in _code_cells(nb)]
    assert all("NBVAL_SKIP" not in source for source in sources)
    assert sum("NBVAL_IGNORE_OUTPUT" in source for source in sources) <= 1, "keep NBVAL_IGNORE_OUTPUT rare"
    assert "import" in sources[0]
    assert not any(re.match(r"(from \S+ )?import ", line) for s in sources[1:] for line in s.splitlines())
    assert all("slide_type" in cell.metadata.get("slideshow", {}) for cell in nb.cells)
    assert any("widgets." in source or "_explorer(" in source for source in sources), "a widget-driven plot"
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")


@pytest.fixture(scope="module")
def student_dir(tmp_path_factory):
    target = tmp_path_factory.mktemp("student")
    editions.build_student_edition(ROOT / "notebooks", target)
    return target


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_student_edition_contains_no_solution_line(path, student_dir):
    instructor = _code_cells(nbformat.read(path, as_version=4))
    student = _code_cells(nbformat.read(student_dir / path.name, as_version=4))
    assert len(student) == len(instructor)
    for mine, theirs in zip(instructor, student):
        assert editions.BEGIN not in theirs.source and editions.END not in theirs.source
        regions = re.findall(rf"{re.escape(editions.BEGIN)}\n(.*?){re.escape(editions.END)}", mine.source, re.S)
        for line in "".join(regions).splitlines():
            if line.strip():
                assert line not in theirs.source.splitlines(), f"solution line leaked: {line!r}"
        assert theirs.get("outputs") == mine.get("outputs"), "stored outputs are kept unchanged"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_unfilled_student_edition_fails_exactly_in_its_check_cells(path, student_dir):
    stored = _code_cells(nbformat.read(path, as_version=4))
    executed = _code_cells(editions.execute_notebook(student_dir / path.name, allow_errors=True))
    failed = [i for i, cell in enumerate(executed) if any(o.output_type == "error" for o in cell.outputs)]
    assert failed == [i for i, cell in enumerate(stored) if CHECK in cell.source]
    for i, (before, after) in enumerate(zip(stored, executed)):
        if i in failed:
            error = next(o for o in after.outputs if o.output_type == "error")
            assert "not implemented yet" in "\n".join(error.traceback)
        elif "NBVAL_IGNORE_OUTPUT" not in before.source:
            assert _texts(after) == _texts(before), f"cell {i} printed something else than its stored output"
