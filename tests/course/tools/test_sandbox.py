"""The confined grading of one exercise: the wire format, the confined function, and the verdicts it gives."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import nbformat
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from coursekit.course import exercises
from coursekit.course.tools import confine, editions, grading, sandbox, wire

ROOT = Path(__file__).resolve().parents[3]

needs_bwrap = pytest.mark.skipif(not confine.available() and not os.environ.get("CI"),
                                 reason="bubblewrap (bwrap) is not installed: grading needs it")

_arrays = hnp.arrays(st.sampled_from([np.float64, np.float32, np.int64, np.bool_]), hnp.array_shapes(max_dims=3, max_side=4))
_leaves = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5) | _arrays
_values = st.recursive(_leaves, lambda inner: st.tuples(inner, inner) | st.lists(inner, max_size=3)
                       | st.dictionaries(st.text(max_size=3), inner, max_size=3), max_leaves=8)


def _same(a, b) -> bool:
    if isinstance(a, np.ndarray):
        return type(b) is np.ndarray and a.dtype == b.dtype and np.array_equal(a, b, equal_nan=True)
    if isinstance(a, (tuple, list)):
        return type(a) is type(b) and len(a) == len(b) and all(map(_same, a, b))
    if isinstance(a, dict):
        return type(b) is dict and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


@given(_values)
@settings(max_examples=60, deadline=None)
def test_a_value_crosses_the_wire_unchanged_in_type_and_content(value):
    assert _same(value, wire.decode(wire.encode(value)))


def test_numpy_scalars_and_non_finite_floats_keep_their_type():
    back = wire.decode(wire.encode((np.float32(1.5), np.int64(3), float("nan"), float("inf"))))
    assert type(back[0]) is np.float32 and type(back[1]) is np.int64
    assert np.isnan(back[2]) and back[3] == float("inf")


def test_an_argument_comes_back_as_itself_and_an_array_subclass_as_a_plain_array():
    w = np.arange(3.0)
    back = wire.decode(wire.encode((w, w.copy()), args=(w,)), args=(w,))
    assert back[0] is w and back[1] is not w

    class Close(np.ndarray):
        def __eq__(self, other):
            return True

    assert type(wire.decode(wire.encode(np.zeros(2).view(Close)))) is np.ndarray


@pytest.mark.parametrize("value", [lambda: 0, object(), np.array([None]), {1: "a"}, {"k": {2}}])
def test_what_is_not_data_is_refused(value):
    with pytest.raises(wire.NotData):
        wire.encode(value)


def _solutions() -> dict[str, str]:
    """Each exercise's instructor solution, by the name its check cell gives it."""
    found, source = {}, None
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if "exercise" in editions.tags(cell):
                source = cell.source
            elif "check" in editions.tags(cell) and source is not None:
                found[grading.exercises_of(nbformat.v4.new_notebook(cells=[cell]))[0]] = source
                source = None
    return found


def test_every_case_of_every_exercise_can_be_sent():
    for name in exercises.names():
        for case in exercises.exercise(name).cases:
            assert _same(case.args, wire.decode(wire.encode(case.args))), (name, case.label)


@needs_bwrap
def test_every_instructor_solution_passes_when_graded_confined():
    solutions = {name: source for name, source in _solutions().items() if name in exercises.names()}
    assert len(solutions) >= 14
    failed = {name: sandbox.grade(name, source).message for name, source in solutions.items()
              if not sandbox.grade(name, source)}
    assert not failed


@needs_bwrap
def test_a_graded_wrong_answer_gets_the_same_report_as_in_the_notebook():
    wrong = "def ewa_step(v, theta, beta):\n    return beta * v + theta\n"
    namespace = {}
    exec(wrong, namespace)
    assert sandbox.grade("ewa_step", wrong).lines == exercises.evaluate("ewa_step", namespace["ewa_step"]).lines


@needs_bwrap
@pytest.mark.parametrize("source, found", [
    ("import coursekit\n", "No module named 'coursekit'"),
    ("x = 1\n", "the cell defines no function gd_update"),
    ("def gd_update(w, dw, lr)\n    return w\n", "SyntaxError"),
])
def test_a_cell_that_does_not_define_the_function_there_fails_with_the_reason(source, found):
    result = sandbox.grade("gd_update", source)
    assert not result and found in result.message


@needs_bwrap
def test_the_confined_side_sees_no_course_file_no_network_and_writes_nowhere_lasting():
    probe = ("import os, socket\n"
             "def gd_update(w, dw, lr):\n"
             f"    seen = os.path.exists({str(ROOT / 'coursekit')!r}) or os.path.exists({str(Path(np.__file__).parent)!r})\n"
             "    try:\n        socket.create_connection(('127.0.0.1', 22), timeout=1); net = True\n"
             "    except OSError:\n        net = False\n"
             "    return np.array([float(seen), float(net), float(os.path.exists('/tmp/left'))])\n")
    with sandbox.Confined(probe, "gd_update") as fn:
        assert fn.start() is None
        assert fn(np.zeros(1), np.zeros(1), 0.1).tolist() == [0.0, 0.0, 0.0]
    leave = "def gd_update(w, dw, lr):\n    open('/tmp/left', 'w').write('x')\n    return w\n"
    with sandbox.Confined(leave, "gd_update") as fn:
        fn(np.zeros(1), np.zeros(1), 0.1)
    with sandbox.Confined(probe, "gd_update") as fn:
        assert fn(np.zeros(1), np.zeros(1), 0.1)[2] == 0.0, "each start is a new, empty /tmp"


@needs_bwrap
def test_a_change_in_place_is_written_back_and_an_exception_keeps_its_kind():
    source = ("def gd_update(w, dw, lr):\n    w -= lr * dw\n    if lr > 1:\n        raise ZeroDivisionError('big')\n"
              "    return w\n")
    with sandbox.Confined(source, "gd_update") as fn:
        w = np.ones(2)
        result = fn(w, np.ones(2), 0.5)
        assert result is w and w.tolist() == [0.5, 0.5]
        with pytest.raises(ZeroDivisionError, match="big"):
            fn(np.ones(2), np.ones(2), 2.0)


@needs_bwrap
def test_a_function_that_runs_forever_is_stopped_and_not_waited_for_again():
    source = "def gd_update(w, dw, lr):\n    while True:\n        pass\n"
    result = sandbox.grade("gd_update", source, timeout=1.0)
    assert not result and "did not return within 1 s" in result.message


@needs_bwrap
def test_an_exercise_that_builds_on_earlier_ones_calls_the_graders_own():
    adam = _solutions()["adam_update"]
    assert sandbox.grade("adam_update", adam)
    assert "ewa_step" in adam and exercises.exercise("adam_update").builds_on == ("ewa_step", "bias_correct")
    assert not sandbox.grade("adam_update", adam.replace("ewa_step(s, dw**2, beta2)", "ewa_step(s, dw, beta2)"))


@needs_bwrap
def test_confinement_hides_every_package_folder_under_what_it_mounts():
    command = confine.argv(["python"], readable=[("/somewhere/numpy", "/packages/numpy")])
    hidden = {command[i + 1] for i, word in enumerate(command) if word == "--tmpfs"}
    bound = {command[i + 2] for i, word in enumerate(command) if word == "--ro-bind"}
    assert "/packages/numpy" in bound and "--unshare-all" in command and "--clearenv" in command
    for folder in confine._package_folders():
        if any(folder.startswith(root + "/") for root in bound):
            assert folder in hidden, f"{folder} is mounted and not hidden"


@needs_bwrap
def test_the_grading_kernel_runs_from_anywhere_writes_only_its_folder_and_leaves_no_scratch(tmp_path):
    script = tmp_path / "run.sh"  # under /tmp, as a clone of the course in CI is
    script.write_text("#!/bin/sh\ntouch \"$1/outside\" 2>/dev/null && echo wrote-outside\n"
                      "touch \"$2/inside\" && echo wrote-inside\necho x > \"$TMPDIR/scratch\" && echo wrote-scratch\n")
    script.chmod(0o755)
    outside, inside, scratch = (tmp_path / name for name in ("outside", "inside", "scratch"))
    for folder in (outside, inside, scratch):
        folder.mkdir()
    command = confine.kernel_argv([str(script), str(outside), str(inside)], writable=[str(inside)], scratch=str(scratch))
    ran = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert ran.stdout.split() == ["wrote-inside", "wrote-scratch"]
    assert not list(outside.iterdir()) and not list(scratch.iterdir()) and (inside / "inside").exists()


@needs_bwrap
def test_the_kernel_may_write_its_connection_file_but_not_the_folder_it_lies_in(tmp_path, monkeypatch):
    connection = tmp_path / "kernel-1.json"  # nbclient puts it straight in /tmp, beside a clone of the course
    connection.write_text("{}")
    submission = tmp_path / "submission"
    submission.mkdir()
    monkeypatch.chdir(submission)
    command = confine.kernel_command(str(connection))
    script = tmp_path / "probe.sh"
    script.write_text(f"#!/bin/sh\ntouch {tmp_path}/beside 2>/dev/null && echo wrote-beside\n"
                      f"echo '{{}}' > {connection} && echo wrote-connection\ntouch {submission}/mine && echo wrote-own\n")
    script.chmod(0o755)
    ran = subprocess.run([*command[:command.index("--") + 1], str(script)], capture_output=True, text=True, timeout=60)
    assert ran.stdout.split() == ["wrote-connection", "wrote-own"]
    assert not (tmp_path / "beside").exists()
