"""Progress: verdicts kept in the working copy's file (or in memory elsewhere), and the table of the course made from them."""

import json

import pytest

from coursekit.course import progress_table, records
from coursekit.course.exercises import exercise, names
from coursekit.course.outline import NOTEBOOKS
from coursekit.course.questions import all_questions


@pytest.fixture
def working_copy(tmp_path, monkeypatch):
    (tmp_path / records.FILENAME).write_text("{}\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_verdicts_go_to_the_working_copys_file(working_copy):
    records.record("exercises", "gd_update", True, "00")
    records.record("questions", "01-last-batch", False, "01")
    data = json.loads((working_copy / records.FILENAME).read_text())
    assert data["exercises"]["gd_update"]["passed"] is True and data["exercises"]["gd_update"]["notebook"] == "00"
    assert data["questions"]["01-last-batch"]["passed"] is False
    records.record("exercises", "gd_update", False, "00")
    assert records.load()["exercises"]["gd_update"]["passed"] is False, "the latest verdict counts"


def test_outside_a_working_copy_verdicts_stay_in_memory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(records, "_memory", {kind: {} for kind in records.KINDS})
    records.record("exercises", "ewa_step", True, "03")
    assert list(tmp_path.iterdir()) == [], "nothing is written into a folder that is not a working copy"
    assert records.load()["exercises"]["ewa_step"]["passed"]


def test_a_damaged_file_starts_afresh(working_copy):
    (working_copy / records.FILENAME).write_text("{not json")
    records.record("exercises", "gd_update", True, "00")
    assert records.load()["exercises"]["gd_update"]["passed"]


def test_the_table_counts_each_notebooks_exercises_and_questions(working_copy):
    records.record("exercises", "gd_update", True, "00")
    for q in all_questions():
        if q.notebook == "00":
            records.record("questions", q.id, True, "00")
    table = progress_table.progress()
    assert [row.notebook for row in table.rows] == list(NOTEBOOKS)
    first = table.rows[0]
    assert first.exercises == (1, 1) and first.questions[0] == first.questions[1] >= 2 and first.done
    total = sum(row.exercises[1] for row in table.rows)
    assert total == len(names()) and all(exercise(n).notebook in NOTEBOOKS for n in names())
    text = repr(table)
    assert text.splitlines()[1].startswith("✔  00 Start here") and " 1/1 " in text.splitlines()[1]
    assert "<table class='coursekit-progress'>" in table._repr_html_()


def test_record_rejects_an_unknown_kind():
    with pytest.raises(ValueError, match="kind must be one of"):
        records.record("answers", "x", True, "00")
