"""`make check`: the learner's notebooks run afresh, one line per exercise, the table, and the exit status."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

from coursekit.course import records
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
    assert "0 of 1 check passes; 1 to do" in out and "00 Start here" in out


def test_done_exercises_pass_and_the_kernel_records_them(tmp_path, capsys):
    work = _working_copy(tmp_path)
    _solve(work / START.name)
    assert selfcheck.main([str(work), "--notebook", "0"]) == 0
    out = capsys.readouterr().out
    assert "✔ 00 [" in out and "gd_update: all 5 cases pass" in out and "1 of 1 check passes" in out
    assert records.load(work)["exercises"]["gd_update"]["passed"] is True
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


def test_a_duplicates_pass_counts_though_the_untouched_original_fails(tmp_path, capsys):
    work = _working_copy(tmp_path)
    copy = work / "00_start_here-Copy1.ipynb"  # JupyterLab's Duplicate, then the learner works in the copy
    shutil.copy(work / START.name, copy)
    _solve(copy)
    assert selfcheck.main([str(work)]) == 1, "the original's exercise is still unfinished"
    out = capsys.readouterr().out
    assert "✔ 00_start_here-Copy1 [" in out and "✘ 00 [" in out, "each line says which notebook it ran"
    assert " 1/1 " in out.split("00 Start here")[1].splitlines()[0], "the copy's pass counts"
    assert "   00: gd_update counted from 00_start_here-Copy1.ipynb" in out.splitlines()
    assert records.load(work)["exercises"]["gd_update"]["source"] == copy.name


READ_ONLY = """
import os
folder, opened = os.environ["READ_ONLY_FOLDER"], os.open

def read_only(path, flags, *args, **kwargs):  # as the system answers in a folder the process cannot write
    if os.path.abspath(path).startswith(folder) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
        raise PermissionError(13, "Permission denied", path)
    return opened(path, flags, *args, **kwargs)

os.open = read_only
"""


def test_the_verdict_does_not_depend_on_whether_progress_can_be_saved(tmp_path, capsys, monkeypatch):
    """A read-only working copy. As root, chmod does not stop writes: the kernels are then started with a
    sitecustomize that makes every file opened for writing in the folder raise PermissionError."""
    work = _working_copy(tmp_path)
    _solve(work / START.name)
    before = (work / FILENAME).read_bytes()
    work.chmod(0o555)
    if os.access(work, os.W_OK):  # running as root
        site = tmp_path / "site"
        site.mkdir()
        (site / "sitecustomize.py").write_text(READ_ONLY)
        monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")])))
        monkeypatch.setenv("READ_ONLY_FOLDER", str(work.resolve()))
    try:
        assert selfcheck.main([str(work)]) == 0
    finally:
        work.chmod(0o755)
    out = capsys.readouterr().out
    assert "✔ 00 [" in out and "1 of 1 check passes" in out
    assert (work / FILENAME).read_bytes() == before, "nothing could be saved, and nothing broke"


def test_the_self_check_prints_its_marks_in_a_c_locale(tmp_path):
    work = _working_copy(tmp_path)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("LC_", "LANG", "PYTHONIO"))}
    env.update(LC_ALL="C", PYTHONUTF8="0")
    run = subprocess.run([sys.executable, "-m", "coursekit.course.tools.selfcheck", str(work), "--notebook", "00"],
                         env=env, capture_output=True, encoding="utf-8")
    assert run.returncode == 1 and "✘ 00 [" in run.stdout and "Traceback" not in run.stderr, run.stderr
