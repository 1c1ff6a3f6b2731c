"""`make check`: the learner's notebooks run afresh, one line per exercise, the table, and the exit status."""

import json
import shutil
from pathlib import Path

import nbformat

from coursekit.course.tools import editions, selfcheck, working_copy
from coursekit.course.records import FILENAME

ROOT = Path(__file__).resolve().parents[3]
START = ROOT / "notebooks" / "00_start_here.ipynb"


def _working_copy(tmp_path) -> Path:
    source = tmp_path / "notebooks"
    source.mkdir()
    shutil.copy(START, source)
    working_copy.sync(source, tmp_path / "my-course")
    return tmp_path / "my-course"


def _solve(path: Path) -> None:
    """Type the instructor's solution into the learner's exercise cell, as a learner would."""
    solved = nbformat.read(START, as_version=4)
    nb = nbformat.read(path, as_version=4)
    for mine, theirs in zip(solved.cells, nb.cells):
        if "exercise" in editions.tags(mine):
            theirs.source = mine.source
    nbformat.write(nb, path)


def test_an_unfinished_exercise_is_reported_with_its_cell_and_fails(tmp_path, capsys):
    work = _working_copy(tmp_path)
    assert selfcheck.main([str(work)]) == 1
    out = capsys.readouterr().out
    check_cell = next(i for i, cell in enumerate(c for c in nbformat.read(START, as_version=4).cells
                                                 if c.cell_type == "code") if "check" in editions.tags(cell))
    assert f"✘ 00 [{check_cell + 1}] gd_update: not implemented yet" in out
    assert "0 of 1 checks pass; 1 to do" in out and "00 Start here" in out


def test_done_exercises_pass_and_the_kernel_records_them(tmp_path, capsys):
    work = _working_copy(tmp_path)
    _solve(work / START.name)
    assert selfcheck.main([str(work), "--notebook", "0"]) == 0
    out = capsys.readouterr().out
    assert "✔ 00 [" in out and "gd_update: all 5 cases pass" in out and "1 of 1 checks pass" in out
    assert json.loads((work / FILENAME).read_text())["exercises"]["gd_update"]["passed"] is True
    assert " 1/1 " in out.split("00 Start here")[1].splitlines()[0]


def test_a_cell_that_stops_with_another_error_is_reported(tmp_path):
    work = _working_copy(tmp_path)
    nb = nbformat.read(work / START.name, as_version=4)
    exercise_cell = next(cell for cell in nb.cells if "exercise" in editions.tags(cell))
    exercise_cell.source = "def gd_update(w, dw, lr)\n    return w"
    nbformat.write(nb, work / START.name)
    lines = selfcheck.check_notebook(work / START.name)
    stopped = next(line for line in lines if not line.passed and "SyntaxError" in line.report[0])
    check = next(line for line in lines if line.what == "gd_update")
    assert check.report == (f"not checked: cell [{stopped.cell}] above stopped with SyntaxError; fix that first",)


def test_an_empty_folder_says_to_run_make_lab(tmp_path, capsys):
    assert selfcheck.main([str(tmp_path)]) == 1
    assert "run `make lab` once" in capsys.readouterr().err
