"""The learner's working copy and the instructor's student folder: written, updated, never overwriting changed work."""

import json
import os
import subprocess
import sys

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from coursekit.course import files
from coursekit.course.tools import working_copy
from coursekit.course.records import FILENAME


def _course(folder, version="1"):
    folder.mkdir(exist_ok=True)
    for name in ("00_a.ipynb", "01_b.ipynb"):
        nb = new_notebook(cells=[new_markdown_cell(f"# {name} v{version}: α − β ✔ …"),
                                 new_code_cell("def f(x):\n    ### BEGIN SOLUTION\n    return x\n    ### END SOLUTION\n")])
        nbformat.write(nb, folder / name)
    return folder


def _edit(path, text="# my work"):
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(new_markdown_cell(text))
    nbformat.write(nb, path)


def test_first_sync_writes_the_student_edition_a_manifest_and_a_progress_file(tmp_path):
    source, target = _course(tmp_path / "notebooks"), tmp_path / "my-course"
    report = working_copy.sync(source, target)
    assert report == [("00_a.ipynb", "created"), ("01_b.ipynb", "created")]
    assert "raise NotImplementedError" in (target / "00_a.ipynb").read_text()
    assert "return x" not in (target / "00_a.ipynb").read_text()
    assert set(json.loads((target / working_copy.MANIFEST).read_text())) == {"00_a.ipynb", "01_b.ipynb"}
    assert json.loads((target / FILENAME).read_text()) == {}


def test_an_untouched_copy_follows_a_new_edition(tmp_path):
    source, target = _course(tmp_path / "notebooks"), tmp_path / "my-course"
    working_copy.sync(source, target)
    assert working_copy.sync(source, target) == [("00_a.ipynb", "unchanged"), ("01_b.ipynb", "unchanged")]
    _course(source, version="2")
    assert working_copy.sync(source, target) == [("00_a.ipynb", "updated"), ("01_b.ipynb", "updated")]
    assert "v2" in (target / "00_a.ipynb").read_text()


def test_a_learners_changed_notebook_is_kept_and_the_new_edition_offered_beside_it(tmp_path):
    source, target = _course(tmp_path / "notebooks"), tmp_path / "my-course"
    working_copy.sync(source, target)
    _edit(target / "00_a.ipynb")
    mine = (target / "00_a.ipynb").read_text()
    assert working_copy.sync(source, target)[0] == ("00_a.ipynb", "kept (you changed it)")
    _course(source, version="2")
    name, action = working_copy.sync(source, target)[0]
    assert action == "kept (you changed it); the new edition is beside it: 00_a.new-edition.ipynb"
    assert (target / "00_a.ipynb").read_text() == mine, "the learner's work is never overwritten"
    assert "v2" in (target / "00_a.new-edition.ipynb").read_text()
    assert json.loads((target / FILENAME).read_text()) == {}


def test_make_student_refuses_to_overwrite_changed_work_unless_forced(tmp_path):
    source, target = _course(tmp_path / "notebooks"), tmp_path / "student"
    working_copy.sync(source, target, changed="refuse")
    _edit(target / "01_b.ipynb")
    _course(source, version="2")
    with pytest.raises(working_copy.ChangedWork,
                       match=r"^this notebook in .* holds changes .*: 01_b.ipynb; run with FORCE=1 to overwrite it,"):
        working_copy.sync(source, target, changed="refuse")
    assert "v1" in (target / "00_a.ipynb").read_text(), "nothing is written when anything is refused"
    assert working_copy.main([str(source), str(target), "--refuse"]) == 1
    working_copy.sync(source, target, changed="overwrite")
    assert "# my work" not in (target / "01_b.ipynb").read_text() and "v2" in (target / "01_b.ipynb").read_text()


def test_a_notebook_that_the_manifest_does_not_know_counts_as_changed(tmp_path):
    source, target = _course(tmp_path / "notebooks"), tmp_path / "my-course"
    target.mkdir()
    (target / "00_a.ipynb").write_text("{}")
    report = dict(working_copy.sync(source, target))
    assert report["00_a.ipynb"].startswith("kept") and (target / "00_a.ipynb").read_text() == "{}"


def test_command_line_prints_what_happened(tmp_path, capsys):
    source = _course(tmp_path / "notebooks")
    assert working_copy.main([str(source), str(tmp_path / "out")]) == 0
    assert "00_a.ipynb: created" in capsys.readouterr().out


def test_sync_rejects_a_bad_policy_and_an_empty_source(tmp_path):
    with pytest.raises(ValueError, match="changed must be one of"):
        working_copy.sync(tmp_path, tmp_path / "x", changed="maybe")
    with pytest.raises(ValueError, match="source_dir must contain notebooks"):
        working_copy.sync(tmp_path, tmp_path / "x")


def test_a_changed_new_edition_is_the_learners_too_and_a_newer_one_goes_beside_it(tmp_path):
    source, target = _course(tmp_path / "notebooks"), tmp_path / "my-course"
    working_copy.sync(source, target)
    _edit(target / "00_a.ipynb")
    _course(source, version="2")
    working_copy.sync(source, target)
    _edit(target / "00_a.new-edition.ipynb", "# my work in the new edition")
    mine = (target / "00_a.new-edition.ipynb").read_text(encoding="utf-8")
    _course(source, version="3")
    name, action = working_copy.sync(source, target)[0]
    assert action == ("kept (you changed it); the new edition is beside it: 00_a.new-edition-2.ipynb "
                      "(00_a.new-edition.ipynb kept too: you changed it)")
    assert (target / "00_a.new-edition.ipynb").read_text(encoding="utf-8") == mine, "work in the new edition is kept"
    assert "v3" in (target / "00_a.new-edition-2.ipynb").read_text(encoding="utf-8")
    assert working_copy.sync(source, target)[0][1].endswith("beside it: 00_a.new-edition-2.ipynb "
                                                            "(00_a.new-edition.ipynb kept too: you changed it)")
    _edit(target / "00_a.new-edition-2.ipynb")
    _course(source, version="4")
    assert working_copy.sync(source, target)[0][1].endswith(
        "beside it: 00_a.new-edition-3.ipynb "
        "(00_a.new-edition.ipynb, 00_a.new-edition-2.ipynb kept too: you changed them)")


def test_an_untouched_new_edition_follows_a_newer_one(tmp_path):
    source, target = _course(tmp_path / "notebooks"), tmp_path / "my-course"
    working_copy.sync(source, target)
    _edit(target / "00_a.ipynb")
    for version in ("2", "3"):
        _course(source, version=version)
        assert working_copy.sync(source, target)[0][1].endswith("beside it: 00_a.new-edition.ipynb")
    assert "v3" in (target / "00_a.new-edition.ipynb").read_text(encoding="utf-8")
    assert not (target / "00_a.new-edition-2.ipynb").exists()


def test_make_student_writes_no_progress_file(tmp_path):
    source, target = _course(tmp_path / "notebooks"), tmp_path / "student"
    assert working_copy.main([str(source), str(target), "--no-progress", "--refuse"]) == 0
    assert (target / "00_a.ipynb").exists() and not (target / FILENAME).exists()


def test_a_sync_stopped_while_writing_leaves_the_notebook_as_it_was(tmp_path, monkeypatch):
    source, target = _course(tmp_path / "notebooks"), tmp_path / "my-course"
    working_copy.sync(source, target)
    before = (target / "00_a.ipynb").read_bytes()
    _course(source, version="2")

    def disk_full(fd):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(files.os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        working_copy.sync(source, target)
    assert (target / "00_a.ipynb").read_bytes() == before and not list(target.glob(".*.tmp"))


def test_the_working_copy_is_written_as_utf8_in_a_c_locale(tmp_path):
    source, target = _course(tmp_path / "notebooks"), tmp_path / "my-course"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("LC_", "LANG", "PYTHONIO"))}
    env.update(LC_ALL="C", PYTHONUTF8="0")
    command = [sys.executable, "-m", "coursekit.course.tools.working_copy", str(source), str(target)]
    for expected in ("created", "unchanged"):
        run = subprocess.run(command, env=env, capture_output=True, text=True, encoding="utf-8")
        assert run.returncode == 0 and run.stdout.count(f": {expected}") == 2, run.stderr
    text = (target / "00_a.ipynb").read_text(encoding="utf-8")
    assert "α − β ✔ …" in text and nbformat.reads(text, as_version=4).cells
