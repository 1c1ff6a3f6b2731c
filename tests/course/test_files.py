"""The learner's files are replaced in one step, as UTF-8, keeping their permissions."""

import sys

import pytest

from coursekit.course import files


def test_a_replaced_file_holds_the_new_text_as_utf8_and_no_temporary_remains(tmp_path):
    target = tmp_path / "00_start_here.ipynb"
    target.write_bytes(b"old")
    files.replace_text(target, "α − β ✔\n")
    assert target.read_bytes() == "α − β ✔\n".encode("utf-8") and files.temporaries(target) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_replaced_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "notes.json"
    target.write_text("{}")
    target.chmod(0o640)
    files.replace_text(target, "{}\n")
    assert target.stat().st_mode & 0o777 == 0o640


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "notes.json"
    target.write_text("old")

    def killed(source, destination):
        raise KeyboardInterrupt
    monkeypatch.setattr(files.os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        files.replace_text(target, "new")
    assert target.read_text() == "old" and files.temporaries(target) == []
