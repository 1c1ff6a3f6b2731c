"""Progress: verdicts kept in the working copy's file (or in memory elsewhere), and the table of the course made from them.

What is never lost: verdicts recorded by several processes at once, a file whose writer was killed, an odd or
broken file (kept aside), a verdict in a folder that cannot be written (shown all the same), a duplicate's ✔.
"""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from coursekit.course import progress_table, records
from coursekit.course.exercises import exercise, names
from coursekit.course.outline import NOTEBOOKS
from coursekit.course.questions import all_questions


@pytest.fixture
def working_copy(tmp_path, monkeypatch):
    (tmp_path / records.FILENAME).write_text("{}\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    monkeypatch.setattr(records, "_said", set())
    monkeypatch.setattr(records, "_unsaved", {kind: {} for kind in records.KINDS})
    return tmp_path


def _stored(folder):
    return json.loads((folder / records.FILENAME).read_text(encoding="utf-8"))


def test_verdicts_go_to_the_working_copys_file(working_copy):
    records.record("exercises", "gd_update", True, "00")
    records.record("questions", "01-last-batch", False, "01")
    data = _stored(working_copy)["exercises"]["gd_update"]["00_start_here.ipynb"]
    assert data["passed"] is True and data["notebook"] == "00", "filed under the course's notebook file"
    assert records.load()["questions"]["01-last-batch"]["passed"] is False
    records.record("exercises", "gd_update", False, "00")
    assert records.load()["exercises"]["gd_update"]["passed"] is False, "the latest verdict of a file counts"


def test_outside_a_working_copy_verdicts_stay_in_memory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(records, "_memory", {kind: {} for kind in records.KINDS})
    records.record("exercises", "ewa_step", True, "04")
    assert list(tmp_path.iterdir()) == [], "nothing is written into a folder that is not a working copy"
    assert records.load()["exercises"]["ewa_step"]["passed"]


def test_a_duplicates_pass_is_not_replaced_by_the_untouched_originals_fail(working_copy, monkeypatch):
    monkeypatch.setenv("JPY_SESSION_NAME", str(working_copy / "08_adam-Copy1.ipynb"))
    records.record("exercises", "adam_update", True, "08")
    monkeypatch.setenv("JPY_SESSION_NAME", "08_adam.ipynb")
    records.record("exercises", "adam_update", False, "08")
    counted = records.load()["exercises"]["adam_update"]
    assert counted["passed"] and counted["source"] == "08_adam-Copy1.ipynb", "the best verdict counts, with its file"
    row = progress_table.progress().rows[8]
    assert row.exercises[0] == 1 and row.elsewhere == (("adam_update", "08_adam-Copy1.ipynb"),)
    assert "   08: adam_update counted from 08_adam-Copy1.ipynb" in repr(progress_table.progress()).splitlines()
    monkeypatch.setenv("JPY_SESSION_NAME", "08_adam-Copy1.ipynb")
    records.record("exercises", "adam_update", False, "08")
    assert not records.load()["exercises"]["adam_update"]["passed"], "a file's own later verdict replaces its earlier"


FIRST_FORMAT = {"exercises": {"gd_update": {"passed": True, "notebook": "00", "when": "2026-01-01T00:00:00+00:00"}},
                "questions": {"00-same-cost": {"passed": False, "notebook": "00", "when": "2026-01-01T00:00:00+00:00"},
                              "00-learning-rate": True}}


def test_a_file_of_the_first_format_is_read_whole_and_kept(working_copy, capsys):
    (working_copy / records.FILENAME).write_text(json.dumps(FIRST_FORMAT))
    assert records.load()["exercises"]["gd_update"]["passed"] and progress_table.progress().rows[0].exercises[0] == 1
    records.record("questions", "00-same-cost", True, "00")
    stored = _stored(working_copy)
    assert stored["exercises"]["gd_update"]["00_start_here.ipynb"]["passed"], "the first format's verdict is kept"
    assert stored["questions"]["00-same-cost"]["00_start_here.ipynb"]["passed"]
    assert stored["questions"]["00-learning-rate"][""]["passed"] and progress_table.progress().rows[0].done
    assert progress_table.progress().rows[0].elsewhere == (), "a verdict from no file in particular names none"
    assert not list(working_copy.glob("*broken*")) and capsys.readouterr().err == ""


ODD = {  # the file's content -> the verdicts that can be read from it
    "[]": {}, "null": {}, '"x"': {}, "": {}, '{"exercises": {"gd_update": {"passed": tr': {},
    '{"exercises": ["gd_update"], "questions": {"00-same-cost": {"passed": true}}}': {"00-same-cost": True},
    '{"exercises": {"gd_update": {"passed": "yes", "notebook": "00"}, "ewa_step": {"passed": true, "notebook": 3}}}':
        {},
    '{"gd_update": true, "questions": {"00-same-cost": {"00_start_here.ipynb": {"passed": false}, "x.ipynb": 1}}}':
        {"00-same-cost": False},
}


@pytest.mark.parametrize("content", list(ODD) + [b"\xff\xfe{}"], ids=repr)
def test_an_odd_file_crashes_nothing_and_a_broken_one_is_kept_aside(working_copy, capsys, content):
    raw = content if isinstance(content, bytes) else content.encode()
    (working_copy / records.FILENAME).write_bytes(raw)
    table = progress_table.progress()  # reading it must not crash
    readable = ODD.get(content, {})
    assert {key: v["passed"] for key, v in records.load()["questions"].items()} == readable
    assert table.rows[0].questions[0] == sum(readable.values())
    records.record("exercises", "gd_update", True, "00")
    assert records.load()["exercises"]["gd_update"]["passed"]
    if content == "":  # an empty file is an empty progress file, not a broken one
        assert not list(working_copy.glob(".coursekit-progress.broken-*.json"))
        return
    [aside] = working_copy.glob(".coursekit-progress.broken-*.json")
    assert aside.read_bytes() == raw, "the broken file is kept as it was"
    err = capsys.readouterr().err
    assert err.count(f"it is kept as {aside.name}") == 1 and len(err.splitlines()) == 1, err
    assert {key for key in _stored(working_copy)["questions"]} == set(readable), "what could be read is kept"


def test_a_folder_that_cannot_be_written_still_shows_every_verdict(working_copy, monkeypatch, capsys):
    """A read-only course folder. As root, chmod does not stop writes: then the folder is simulated by making
    every file opened for writing in it raise PermissionError, as the system would."""
    from coursekit.course import checks, exercises
    working_copy.chmod(0o555)
    (working_copy / records.FILENAME).chmod(0o444)
    if os.access(working_copy, os.W_OK):  # running as root
        opened = os.open

        def read_only(path, flags, *args, **kwargs):
            if str(path).startswith(str(working_copy)) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
                raise PermissionError(13, "Permission denied", str(path))
            return opened(path, flags, *args, **kwargs)
        monkeypatch.setattr(os, "open", read_only)
    try:
        assert checks.check("gd_update", exercises.reference("gd_update")).passed, "the verdict is shown"
        records.record("questions", "00-same-cost", True, "00")
        assert records.load()["exercises"]["gd_update"]["passed"], "this kernel remembers it"
        assert progress_table.progress().rows[0].exercises[0] == 1
    finally:
        working_copy.chmod(0o755)
    err = capsys.readouterr().err
    assert err.count("your progress cannot be saved in") == 1 and len(err.splitlines()) == 1, err
    assert _stored(working_copy) == {}


def test_a_kernel_that_waits_too_long_for_the_lock_saves_later(working_copy, monkeypatch, capsys):
    monkeypatch.setattr(records, "LOCK_TIMEOUT", 0.05)
    with records._locked(working_copy):  # another kernel writing, for longer than the timeout
        records.record("exercises", "gd_update", True, "00")
    assert "another kernel kept it busy for 0.05 s" in capsys.readouterr().err
    assert records.load()["exercises"]["gd_update"]["passed"] and _stored(working_copy) == {}
    records.record("questions", "00-same-cost", True, "00")
    assert set(_stored(working_copy)) == {"format", "exercises", "questions"}, "both are saved at the next record"


HAMMER = """
import sys
from coursekit.course import records
name, count = sys.argv[1], int(sys.argv[2])
for n in range(count):
    records.record("questions", f"{name}-{n}", n % 2 == 0, "00")
"""


def _recorders(folder, names, count):
    return [subprocess.Popen([sys.executable, "-c", HAMMER, name, str(count)], cwd=folder) for name in names]


def test_processes_recording_at_once_keep_every_verdict(working_copy):
    recorders = _recorders(working_copy, ["a", "b", "c", "d"], 25)
    assert [recorder.wait(timeout=120) for recorder in recorders] == [0] * 4
    assert len(records.load()["questions"]) == 100, "no process overwrote another's verdicts"
    assert sorted(path.name for path in working_copy.iterdir()) == [".coursekit-progress.json",
                                                                    ".coursekit-progress.lock"]


KILLED_MID_WRITE = """
import os, signal
from coursekit.course import files, records
records.record("exercises", "gd_update", True, "00")

def killed(source, target):  # the kernel dies after writing the new file, before it takes the old one's place
    os.kill(os.getpid(), signal.SIGKILL)
files.os.replace = killed
records.record("exercises", "ewa_step", True, "04")
"""


@pytest.mark.skipif(sys.platform == "win32", reason="no SIGKILL")
def test_a_writer_killed_mid_write_leaves_a_whole_file_and_the_next_writer_cleans_up(working_copy):
    killed = subprocess.run([sys.executable, "-c", KILLED_MID_WRITE], cwd=working_copy)
    assert killed.returncode == -signal.SIGKILL
    assert set(records.load()["exercises"]) == {"gd_update"}, "the file as it was before the killed write"
    assert len(list(working_copy.glob(".coursekit-progress.json.*.tmp"))) == 1, "the killed writer's temporary file"
    records.record("questions", "00-same-cost", True, "00")
    assert not list(working_copy.glob("*.tmp")), "the next writer removes it"


@pytest.mark.skipif(sys.platform == "win32", reason="no SIGKILL")
def test_one_recorder_killed_among_several_loses_no_other_verdict(working_copy):
    survivors = _recorders(working_copy, ["a", "b", "c"], 30)
    [victim] = _recorders(working_copy, ["victim"], 10_000)
    for _ in range(200):  # until the victim has written something, then kill it wherever it is
        if "victim-0" in records.load()["questions"]:
            break
        time.sleep(0.02)
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)
    assert [recorder.wait(timeout=120) for recorder in survivors] == [0] * 3
    questions = records.load()["questions"]
    assert {f"{name}-{n}" for name in "abc" for n in range(30)} <= set(questions)
    records.record("exercises", "gd_update", True, "00")
    assert not list(working_copy.glob("*.tmp")) and _stored(working_copy)["exercises"], "a whole file, no leftovers"


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
