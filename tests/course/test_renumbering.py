"""The renumbering of December 2026 (02 and 09 each split in two): a learner's progress and files follow it.

The ids and file names here are those of the numbering before then, as a learner's folder still holds them.
"""

import json

import nbformat
import pytest
from nbformat.v4 import new_markdown_cell, new_notebook

from coursekit.course import progress_table, records
from coursekit.course.outline import FORMER_NAMES, MOVED_QUESTIONS, NOTEBOOKS, RENUMBERED, renumbered
from coursekit.course.questions import all_questions
from coursekit.course.tools import working_copy

WHEN = "2026-11-30T12:00:00+00:00"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    monkeypatch.setattr(records, "_said", set())
    monkeypatch.setattr(records, "_unsaved", {kind: {} for kind in records.KINDS})
    return tmp_path


def test_every_former_number_and_file_names_a_notebook_of_today():
    assert set(RENUMBERED.values()) <= set(NOTEBOOKS) and len(set(RENUMBERED.values())) == len(RENUMBERED)
    today = {name for name, _ in NOTEBOOKS.values()}
    assert set(FORMER_NAMES.values()) <= today and not set(FORMER_NAMES) & today, "no former name is a name of today"
    ids = {question.id for question in all_questions()}
    assert set(MOVED_QUESTIONS.values()) <= ids


def test_renumbered_maps_numbers_ids_and_nothing_else():
    assert renumbered("09") == "10" and renumbered("03-recent-weight") == "04-recent-weight"
    assert renumbered("00-same-cost") == "00-same-cost" and renumbered("2026") == "2026"
    assert renumbered("07_adam.ipynb") == "07_adam.ipynb", "files are mapped by FORMER_NAMES, not by number"
    for then, now in MOVED_QUESTIONS.items():
        assert renumbered(then) == now


def _old_file(folder):
    old = {"format": 2,
           "exercises": {"adam_update": {"07_adam.ipynb": {"passed": True, "notebook": "07", "when": WHEN}},
                         "ewa_step": {"03_exponentially_weighted_averages.ipynb":
                                      {"passed": True, "notebook": "03", "when": WHEN}}},
           "questions": {"07-fair": {"07_adam.ipynb": {"passed": True, "notebook": "07", "when": WHEN}},
                         "09-goe": {"09_local_optima-Copy1.ipynb": {"passed": True, "notebook": "09", "when": WHEN}}}}
    (folder / records.FILENAME).write_text(json.dumps(old), encoding="utf-8")


def test_a_progress_file_of_the_former_numbering_is_read_in_todays(folder, capsys):
    _old_file(folder)
    loaded = records.load()
    assert loaded["questions"]["08-fair"] == {"passed": True, "notebook": "08", "when": WHEN, "source": "08_adam.ipynb"}
    assert loaded["questions"]["10-goe"]["source"] == "09_local_optima-Copy1.ipynb", "a learner's own copy keeps its name"
    assert loaded["exercises"]["adam_update"]["notebook"] == "08"
    table = progress_table.progress()
    row = next(row for row in table.rows if row.notebook == "08")
    assert row.exercises[0] == 1 and row.questions[0] == 1 and row.elsewhere == ()
    assert not list(folder.glob("*.broken-*")) and capsys.readouterr().out == "", "an old file is not broken"


def test_the_next_record_saves_the_file_in_todays_numbering(folder):
    _old_file(folder)
    records.record("questions", "08-first-step-size", True, "08")
    stored = json.loads((folder / records.FILENAME).read_text(encoding="utf-8"))
    assert stored["format"] == 3 and "07-fair" not in stored["questions"]
    assert stored["questions"]["08-fair"]["08_adam.ipynb"]["notebook"] == "08"
    assert set(stored["exercises"]["ewa_step"]) == {"04_exponentially_weighted_averages.ipynb"}
    loaded = records.load()  # today's file is read as it is: not renumbered twice
    assert loaded["questions"]["08-fair"]["passed"] and "09-fair" not in loaded["questions"]
    assert loaded["exercises"]["ewa_step"]["notebook"] == "04"


def _course(folder, text):
    folder.mkdir(exist_ok=True)
    for name in ("08_adam.ipynb", "09_learning_rate_decay.ipynb"):
        nbformat.write(new_notebook(cells=[new_markdown_cell(f"# {name}: {text}")]), folder / name)
    return folder


def test_a_working_copy_of_the_former_numbering_takes_todays_names_and_keeps_the_learners_work(tmp_path):
    old_source, source, target = tmp_path / "old", tmp_path / "notebooks", tmp_path / "my-course"
    old_source.mkdir()
    for name in ("07_adam.ipynb", "08_learning_rate_decay.ipynb"):
        nbformat.write(new_notebook(cells=[new_markdown_cell(f"# {name}: before")]), old_source / name)
    working_copy.sync(old_source, target)
    mine = target / "07_adam.ipynb"
    nb = nbformat.read(mine, as_version=4)
    nb.cells.append(new_markdown_cell("my notes on Adam"))
    nbformat.write(nb, mine)
    report = dict(working_copy.sync(_course(source, "after"), target))
    assert report["08_adam.ipynb"] == ("kept (you changed it); the new edition is beside it: "
                                       "08_adam.new-edition.ipynb (it was 07_adam.ipynb before the notebooks were renumbered)")
    assert report["09_learning_rate_decay.ipynb"] == ("updated (it was 08_learning_rate_decay.ipynb before the "
                                                      "notebooks were renumbered)")
    assert "my notes on Adam" in (target / "08_adam.ipynb").read_text(encoding="utf-8")
    assert "after" in (target / "09_learning_rate_decay.ipynb").read_text(encoding="utf-8")
    assert not (target / "07_adam.ipynb").exists() and not (target / "08_learning_rate_decay.ipynb").exists()
    assert dict(working_copy.sync(source, target))["09_learning_rate_decay.ipynb"] == "unchanged"


def test_a_former_name_is_left_alone_when_todays_name_is_taken(tmp_path):
    source, target = _course(tmp_path / "notebooks", "after"), tmp_path / "my-course"
    working_copy.sync(source, target)
    nbformat.write(new_notebook(cells=[new_markdown_cell("an old file")]), target / "07_adam.ipynb")
    assert dict(working_copy.sync(source, target))["08_adam.ipynb"] == "unchanged"
    assert (target / "07_adam.ipynb").exists(), "never replaced: the learner decides"
