"""Guards over the stored notebooks, and the student edition run as a learner and as a test runner meet it.

nbval (run by `make test` with --nbval-lax) re-executes the instructor edition and compares the check
cells. These tests add what nbval cannot see: the notebooks follow the course's conventions, every
exercise has its check and a stored ✔ verdict, every stored widget carries a picture and its model; and
the student edition, unfilled, never stops a learner's Run All (every check shows its ✘ box, every "your
code at work" cell first says that coursekit's code runs, every other output is reproduced as stored) while
nbval fails it once per exercise, and passes it once the exercises are done, whatever verdict was saved in
the file.
"""

import configparser
import difflib
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from coursekit.course.tools import editions
from coursekit.course.exercises import exercise, names
from coursekit.course.outline import NOTEBOOKS as OUTLINE
from coursekit.course.yours import line as yours_line

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
TEXT_TYPES = ("text/plain", "text/html")
CHECK_CELL = re.compile(r'from coursekit\.course import check\ncheck\("(\w+)"\)')
#: The cell tag of a measurement of this machine (seconds, bytes of a peak): nbval and the student-edition test
#: leave its output out of comparison, and the output says "on this machine"; its claim test pins the relation.
MEASUREMENT = "nbval-ignore-output"


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
        if output.output_type == "stream":  # a busy kernel may send one print in pieces: join them, as nbval does
            if texts and texts[-1].startswith(f"{output.name}: "):
                texts[-1] += output.text
            else:
                texts.append(f"{output.name}: {output.text}")
        elif output.output_type in ("display_data", "execute_result") and WIDGET_VIEW not in output.data:
            texts.extend(f"{kind}: {output.data[kind]}" for kind in TEXT_TYPES if kind in output.data)
        elif output.output_type == "error":
            texts.append(f"error: {output.ename}")
    for pattern, replacement in _sanitizers():
        texts = [pattern.sub(replacement, text) for text in texts]
    return texts


def _checked_name(cell) -> str | None:
    match = CHECK_CELL.fullmatch(cell.source.strip())
    return match.group(1) if match else None


def _yours_name(cell) -> str | None:
    """The exercise a ``yours`` cell puts to work, read from its first stored output, a line of ``yours``."""
    shown = cell.outputs[0].get("data", {}).get("text/plain") if cell.get("outputs") else None
    return next((name for name in names() for mine in (True, False) if shown == yours_line(name, mine)), None)


YOURS_CELLS = [(path, i) for path in NOTEBOOKS for i, cell in enumerate(_code_cells(nbformat.read(path, as_version=4)))
               if editions.YOURS_TAG in editions.tags(cell)]


# --- the instructor edition ------------------------------------------------------------------------


def test_the_course_has_its_notebooks_in_order_with_the_outlines_titles():
    names_ = [path.name for path in NOTEBOOKS]
    assert names_[:2] == ["00_start_here.ipynb", "01_mini_batch_gradient_descent.ipynb"]
    assert set(names_) <= {file for file, _ in OUTLINE.values()}, "every notebook is in the outline"
    for path in NOTEBOOKS:
        heading = nbformat.read(path, as_version=4).cells[0].source.splitlines()[0]
        assert heading == f"# {path.name[:2]} · {OUTLINE[path.name[:2]][1]}"


def test_readme_lists_every_notebook():
    readme = (ROOT / "README.md").read_text()
    for path in NOTEBOOKS:
        assert f"notebooks/{path.name}" in readme


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_was_executed_in_order_from_a_fresh_kernel(path):
    counts = [cell.execution_count for cell in _code_cells(nbformat.read(path, as_version=4))]
    assert counts == list(range(1, len(counts) + 1))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_exercise_is_followed_by_its_tagged_check_cell_with_a_stored_verdict(path):
    cells = _code_cells(nbformat.read(path, as_version=4))
    exercises = [i for i, cell in enumerate(cells) if editions.BEGIN in cell.source]
    if path.name == OUTLINE["11"][0]:
        assert not exercises, "the course on one page gathers what was written: it asks questions, not exercises"
        return
    assert exercises, "every notebook but the course on one page has at least one exercise"
    checked = []
    for i in exercises:
        assert editions.tags(cells[i]) == ["exercise"]
        check = cells[i + 1]
        name = _checked_name(check)
        assert name, f"the cell after exercise cell {i} must be its check cell, got {check.source!r}"
        assert re.search(rf"^def {name}\(", cells[i].source, re.M), "the check names the function defined above"
        assert editions.tags(check) == ["check", "nbval-check-output"]
        (verdict, html) = _texts(check)
        assert verdict.startswith(f"text/plain: ✔ {name}: all ") and "coursekit-pass" in html
        checked.append(name)
    assert [i for i, cell in enumerate(cells) if "check" in editions.tags(cell)] == [i + 1 for i in exercises]
    assert sorted(checked) == sorted(n for n in names() if exercise(n).notebook == path.name[:2]), \
        "a notebook checks exactly the exercises that the catalogue places in it"


@pytest.mark.parametrize(("path", "index"), YOURS_CELLS, ids=[f"{p.stem[:2]}-{i}" for p, i in YOURS_CELLS])
def test_a_yours_cell_follows_its_check_and_shows_first_whose_code_runs(path, index):
    cells = _code_cells(nbformat.read(path, as_version=4))
    name = _yours_name(cells[index])
    assert name, f"the first output of a yours cell must be the line of yours, got {cells[index].outputs[:1]}"
    assert editions.tags(cells[index]) == [editions.YOURS_TAG, "nbval-check-output"]
    assert f'yours("{name}")' in cells[index].source
    if exercise(name).notebook == path.name[:2]:
        assert name in [_checked_name(cell) for cell in cells[:index]], "a yours cell comes after its exercise's check"
        assert cells[index].outputs[0].data["text/plain"] == yours_line(name, True), "the solution passes: ✔"
    else:
        assert exercise(name).notebook < path.name[:2], "an exercise of an earlier notebook, pasted by the learner"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_follows_the_course_conventions(path):
    nb = nbformat.read(path, as_version=4)
    sources = [cell.source for cell in _code_cells(nb)]
    assert all("NBVAL_" not in source for source in sources), "tool markers live in cell tags, not in what a learner reads"
    measured = [cell for cell in _code_cells(nb) if MEASUREMENT in editions.tags(cell)]
    assert len(measured) <= 1, "keep measurements of the machine, left out of comparison, rare"
    for cell in measured:  # what is left out of comparison says so to the learner
        assert "on this machine" in "".join(o.get("text", "") for o in cell.outputs), cell.source
    assert "import" in sources[0]
    for source in sources[1:]:
        if not CHECK_CELL.fullmatch(source.strip()):
            assert not any(re.match(r"(from \S+ )?import ", line) for line in source.splitlines()), source
    assert all("slide_type" in cell.metadata.get("slideshow", {}) for cell in nb.cells)
    assert any("_explorer(" in source for source in sources), "a widget-driven plot"
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_links_back_and_forward(path):
    text = "\n".join(cell.source for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "markdown")
    numbers = list(OUTLINE)
    index = numbers.index(path.name[:2])
    links = re.findall(r"\]\((\d\d_[\w]+\.ipynb)\)", text)
    files = [file for file, _ in OUTLINE.values()]
    assert all(link in files for link in links), f"a link to a notebook that is not in the outline: {links}"
    if index > 0:
        assert files[index - 1] in links, "the first cell links back to the previous notebook"
    if index + 1 < len(files):
        assert files[index + 1] in links, "the last cell links to the next notebook"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_stored_widget_has_a_static_face_and_its_model_in_the_stored_state(path):
    nb = nbformat.read(path, as_version=4)
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    views = [output for cell in nb.cells for output in cell.get("outputs", []) if WIDGET_VIEW in output.get("data", {})]
    assert views
    for output in views:
        assert output.data[WIDGET_VIEW]["model_id"] in state
        assert "image/png" in output.data or "text/html" in output.data, "a reader without a kernel sees something"
        assert not output.data["text/plain"].startswith(("Explorer(", "ConceptCheck(")), "no Python repr"


# --- the student edition ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def student_dir(tmp_path_factory):
    target = tmp_path_factory.mktemp("student")
    for path in NOTEBOOKS:
        nbformat.write(editions.student_notebook(nbformat.read(path, as_version=4)), target / path.name)
    return target


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_student_edition_has_no_solution_and_no_verdict(path, student_dir):
    instructor = _code_cells(nbformat.read(path, as_version=4))
    student = _code_cells(nbformat.read(student_dir / path.name, as_version=4))
    assert len(student) == len(instructor)
    for mine, theirs in zip(instructor, student):
        assert editions.BEGIN not in theirs.source and editions.END not in theirs.source
        regions = re.findall(rf"{re.escape(editions.BEGIN)}\n(.*?){re.escape(editions.END)}", mine.source, re.S)
        for line in "".join(regions).splitlines():
            if line.strip():
                assert line not in theirs.source.splitlines(), f"solution line leaked: {line!r}"
        if {"check", "progress"} & set(editions.tags(mine)):
            assert theirs.outputs == [] and theirs.execution_count is None, "no verdict for work not done"
            assert "nbval-check-output" not in editions.tags(theirs)
        elif editions.YOURS_TAG in editions.tags(mine):
            assert theirs.outputs[0].data["text/plain"] == yours_line(_yours_name(mine), False), "never theirs"
            assert len(theirs.outputs) == len(mine.outputs)
            for kept, stored in zip(theirs.outputs, mine.outputs):
                if stored.get("data", {}).get("text/plain", "").startswith("✔ your "):
                    assert kept.data["text/plain"].startswith("your "), "a fallback line in place of each ✔ line"
                else:
                    assert kept == stored, "the run's outputs are kept unchanged"
            assert "nbval-check-output" not in editions.tags(theirs)
        else:
            assert theirs.get("outputs") == mine.get("outputs"), "stored outputs are kept unchanged"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_run_all_on_the_unfilled_student_edition_never_stops(path, student_dir):
    """As in JupyterLab: no cell raises, each check shows its ✘ box, each yours cell first the fallback line that
    the student edition stores, every other output is what the instructor edition stored."""
    stored = _code_cells(nbformat.read(path, as_version=4))
    as_stored_for_students = _code_cells(nbformat.read(student_dir / path.name, as_version=4))
    executed = _code_cells(editions.execute_notebook(student_dir / path.name, strict=False))
    assert not [cell.source for cell in executed if any(o.output_type == "error" for o in cell.outputs)]
    differing = []
    for before, for_students, after in zip(stored, as_stored_for_students, executed):
        if "check" in editions.tags(before):
            (result,) = after.outputs
            assert result.data["text/plain"].startswith(f"✘ {_checked_name(before)}: not implemented yet")
            assert 'class="coursekit-fail"' in result.data["text/html"]
        elif editions.YOURS_TAG in editions.tags(before):
            assert after.outputs[0].data["text/plain"] == yours_line(_yours_name(before), False)
            if _texts(after) != _texts(for_students):  # its fallback lines, then the instructor's run
                differing.append(_difference(for_students, after))
        elif MEASUREMENT not in editions.tags(before) and "progress" not in editions.tags(before):
            if _texts(after) != _texts(before):
                differing.append(_difference(before, after))
    if differing:
        pytest.fail(f"{path.name}: {len(differing)} cell(s) printed something else than they stored\n"
                    + "\n".join(differing), pytrace=False)


def _difference(stored, fresh) -> str:
    """A cell that printed something else than it stored: its number and first line, the lines that differ."""
    lines = difflib.unified_diff("\n".join(_texts(stored)).splitlines(), "\n".join(_texts(fresh)).splitlines(),
                                 "stored", "now", n=0, lineterm="")
    return "\n".join([f"In [{stored.execution_count}] {stored.source.splitlines()[0]!r}:",
                      *(f"  {line}" for line in lines if not line.startswith("@@"))])


def _nbval(*paths) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:xdist", "-q", "--nbval-lax",
         "--nbval-current-env", "--nbval-cell-timeout=120", "-o", "addopts=", *map(str, paths)],
        capture_output=True, text=True, cwd=paths[0].parent, timeout=900,
    )


def test_nbval_fails_the_unfilled_student_edition_once_per_exercise(student_dir):
    run = _nbval(*sorted(student_dir.glob("*.ipynb")))
    expected = sum(editions.BEGIN in cell.source for path in NOTEBOOKS
                   for cell in nbformat.read(path, as_version=4).cells)
    assert run.returncode == 1
    assert re.search(rf"\b{expected} failed\b", run.stdout), run.stdout[-2000:]
    assert run.stdout.count("not implemented yet; replace `raise NotImplementedError`") >= expected


def test_nbval_passes_a_done_student_notebook_whatever_verdict_was_saved(tmp_path):
    """The learner fixed their code but the file was saved while its check still showed ✘."""
    path = NOTEBOOKS[1]
    instructor = nbformat.read(path, as_version=4)
    student = editions.student_notebook(instructor)
    for mine, theirs in zip(instructor.cells, student.cells):
        if "exercise" in editions.tags(mine):
            theirs.source = mine.source
        if "check" in editions.tags(mine):
            theirs.execution_count = 7
            theirs.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "✘ an old failure"},
                                                     execution_count=7)]
    nbformat.write(student, tmp_path / path.name)
    run = _nbval(tmp_path / path.name)
    assert run.returncode == 0 and " passed" in run.stdout, run.stdout[-2000:]
