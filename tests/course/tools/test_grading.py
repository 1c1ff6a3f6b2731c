"""make grading: the notebooks as an nbgrader source, and nbgrader's release and autograde round trip.

The metadata nbgrader needs is derived from the tags every notebook carries; these tests hold it to
that on the notebooks as they are. The round trip (skipped without the ``grading`` extra) releases every
assignment with nbgrader, then autogrades three submissions of notebook 00: a correct one (full points),
a wrong one (the check raises under nbgrader, 0 points) and one that also rewrote its check cell to
always pass (nbgrader restores the locked cell: 0 points).
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from coursekit.course.outline import NOTEBOOKS as OUTLINE
from coursekit.course.tools import confine, editions, grading

ROOT = Path(__file__).resolve().parents[3]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
ONE_PAGE = OUTLINE["11"][0]  # the course on one page: questions only


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_nbgrader_metadata_is_derived_from_the_tags(path):
    nb = nbformat.read(path, as_version=4)
    source = grading.nbgrader_notebook(nb)
    metas = [cell.metadata["nbgrader"] for cell in source.cells]
    assert len({meta["grade_id"] for meta in metas}) == len(metas), "grade ids are unique"
    assert all(meta["schema_version"] == grading.SCHEMA_VERSION for meta in metas)
    names = grading.exercises_of(nb)
    assert names or path.name == ONE_PAGE, "only the course on one page has no exercise to grade"
    for cell, meta in zip(source.cells, metas):
        cell_tags = editions.tags(cell)
        if "exercise" in cell_tags:
            assert meta["solution"] and not meta["grade"] and not meta["locked"]
            assert meta["grade_id"] in names and editions.BEGIN in cell.source
        elif "check" in cell_tags:
            assert meta["grade"] and meta["locked"] and not meta["solution"]
            assert meta["points"] == grading.POINTS and meta["grade_id"] == f"check-{names.pop(0)}"
            assert cell.outputs == [] and cell.execution_count is None, "no stored verdict"
        else:
            assert meta["locked"] and not meta["solution"] and not meta["grade"]
            assert editions.BEGIN not in cell.source
    assert names == []
    assert "nbgrader" not in nb.cells[0].metadata, "the notebook itself is not changed"


def test_an_exercise_without_its_check_cell_is_refused():
    exercise = nbformat.v4.new_code_cell("def f(x):\n    ### BEGIN SOLUTION\n    return x\n    ### END SOLUTION")
    exercise.metadata["tags"] = ["exercise"]
    nb = nbformat.v4.new_notebook(cells=[exercise, nbformat.v4.new_code_cell("f(1)")])
    with pytest.raises(ValueError, match="followed by its check cell"):
        grading.nbgrader_notebook(nb)


def test_write_course_writes_one_assignment_per_notebook_and_keeps_an_edited_config(tmp_path):
    assert grading.write_course(ROOT / "notebooks", tmp_path) == [path.stem for path in NOTEBOOKS]
    for path in NOTEBOOKS:
        assert (tmp_path / "source" / path.stem / path.name).is_file()
    config = (tmp_path / grading.CONFIG).read_text()
    assert 'os.environ["COURSEKIT_CHECKS"] = "strict"' in config
    compile(config, grading.CONFIG, "exec")
    (tmp_path / grading.CONFIG).write_text("c = get_config()  # the instructor's own\n")
    grading.write_course(ROOT / "notebooks", tmp_path)
    assert (tmp_path / grading.CONFIG).read_text() == "c = get_config()  # the instructor's own\n"


def _nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    """Run nbgrader in ``course``, with this environment's scripts (nbgrader calls alembic) first on PATH."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("COURSEKIT_CHECKS", None)  # pytest sets it; nbgrader must get it from the course's config
    run = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env, capture_output=True,
                         text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return run


def _submit(course: Path, assignment: str, student: str, edit) -> None:
    name = f"{assignment}.ipynb"
    nb = nbformat.read(course / "release" / assignment / name, as_version=4)
    for cell in nb.cells:
        edit(cell)
    target = course / "submitted" / student / assignment / name
    target.parent.mkdir(parents=True)
    nbformat.write(nb, target)


def test_nbgrader_releases_every_assignment_and_grades_submissions_with_the_courses_checks(tmp_path):
    pytest.importorskip("nbgrader", reason="the grading extra is not installed (make grading installs it; "
                                           "nbgrader 0.9.6 needs Python >= 3.11)")
    if not confine.available() and not os.environ.get("CI"):
        pytest.skip("bubblewrap (bwrap) is not installed: grading runs each submission confined with it")
    from nbgrader.api import Gradebook

    course = tmp_path / "course"
    assignments = grading.write_course(ROOT / "notebooks", course)
    _nbgrader(course, "generate_assignment", "*")

    for path in NOTEBOOKS:
        released = nbformat.read(course / "release" / path.stem / path.name, as_version=4)
        student = editions.student_notebook(nbformat.read(path, as_version=4))
        assert len(released.cells) == len(student.cells)
        for mine, theirs in zip(student.cells, released.cells):
            assert theirs.source == mine.source, "the release is the student edition: no solution, same placeholder"
            if mine.cell_type == "code":
                assert theirs.outputs == mine.outputs, "stored outputs (the explorers' pictures) are kept"
            assert theirs.metadata.get("editable", True) == ("exercise" in editions.tags(mine))
        assert released.metadata.widgets == student.metadata.widgets

    assignment = assignments[0]
    instructor = nbformat.read(ROOT / "notebooks" / f"{assignment}.ipynb", as_version=4)
    solutions = {cell.metadata.get("nbgrader", {}).get("grade_id"): cell.source
                 for cell in grading.nbgrader_notebook(instructor).cells if "exercise" in editions.tags(cell)}

    def correct(cell):
        if "exercise" in editions.tags(cell):
            cell.source = solutions[cell.metadata.nbgrader.grade_id]

    def wrong_sign(source: str) -> str:  # the first minus of the solution region becomes a plus
        head, region = source.split(editions.BEGIN)
        return head + editions.BEGIN + re.sub(r"(\S) - (\S)", r"\1 + \2", region, count=1)

    def wrong(cell):
        if "exercise" in editions.tags(cell):
            cell.source = wrong_sign(solutions[cell.metadata.nbgrader.grade_id])

    def wrong_and_check_rewritten(cell):
        wrong(cell)
        if "check" in editions.tags(cell):
            cell.source = 'print("✔ all cases pass")'

    students = {"alice": correct, "bob": wrong, "carol": wrong_and_check_rewritten}
    for student, edit in students.items():
        _submit(course, assignment, student, edit)
    assert all(wrong_sign(source) != source for source in solutions.values())
    _nbgrader(course, "autograde", assignment)

    total = grading.POINTS * len(solutions)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "coursekit") as gradebook:
        scores = {student: gradebook.find_submission(assignment, student) for student in students}
        assert {student: (s.score, s.max_score) for student, s in scores.items()} == {
            "alice": (total, total), "bob": (0, total), "carol": (0, total)}
    graded = nbformat.read(course / "autograded" / "bob" / assignment / f"{assignment}.ipynb", as_version=4)
    errors = [output for cell in graded.cells if "check" in editions.tags(cell) for output in cell.outputs]
    assert errors and all(output.ename == "ExerciseFailed" for output in errors), "the check's report is the feedback"
