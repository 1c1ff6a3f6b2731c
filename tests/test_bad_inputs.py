"""Every bad input of a public function of coursekit (outside the course layer) is answered by a ValueError or
TypeError that names the argument, shows its value and says what is allowed; none returns silently, hangs or
raises from inside numpy.

The rows live in ``tests/bad_inputs/`` (one module per part of the package); the last test fails when a new
public function or class has no row there (a plain result record is listed in its module's ``RECORDS``;
the functions that ``tests/test_validation.py`` tests argument by argument count as covered).
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import inspect
import pkgutil
import re
import signal
import threading
import warnings
from pathlib import Path

import numpy as np
import pytest

import coursekit
from tests import bad_inputs

ROW_MODULES = [importlib.import_module(f"tests.bad_inputs.{info.name}")
               for info in pkgutil.iter_modules(bad_inputs.__path__)]
ROWS = [row for module in ROW_MODULES for row in module.ROWS]
RECORDS = {record for module in ROW_MODULES for record in getattr(module, "RECORDS", ())}
#: Seconds a bad call may take before it counts as a hang: a refusal is immediate.
PATIENCE = 10


def _shown(value) -> str:
    """A short description of an argument that is the same in every process (an array by its shape and dtype:
    the values of ``np.empty`` are whatever the memory held, and pytest-xdist's workers must agree on the ids)."""
    if isinstance(value, np.ndarray):
        return f"array{value.shape}:{value.dtype}"
    if isinstance(value, (list, tuple)) and any(isinstance(v, np.ndarray) for v in value):
        return f"{type(value).__name__}[{', '.join(map(_shown, value[:3]))}{', ...' if len(value) > 3 else ''}]"
    if isinstance(value, dict) and any(isinstance(v, np.ndarray) for v in value.values()):
        return "{" + ", ".join(f"{k!r}: {_shown(v)}" for k, v in list(value.items())[:3]) + "}"
    if callable(value) and hasattr(value, "__qualname__"):
        return value.__qualname__  # a function's repr holds its address, which differs between processes
    return re.sub(r" at 0x[0-9a-f]+", "", repr(value))[:30]


def _id(row) -> str:
    shown = ", ".join([*map(_shown, row.args), *(f"{k}={_shown(v)}" for k, v in row.kwargs.items())])
    return f"{row.function.__module__.removeprefix('coursekit.')}.{row.function.__qualname__}({shown})"


@contextlib.contextmanager
def _patience():
    """Stop a call that takes more than PATIENCE seconds, with a TimeoutError. An alarm can be set only from
    the main thread (older pytest-xdist workers run the tests in another) and not on Windows: there the call
    runs unguarded, and a hang shows as a stuck test."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def hang(*_):
        raise TimeoutError(f"no answer within {PATIENCE} s")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(PATIENCE)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("row", ROWS, ids=[_id(row) for row in ROWS])
def test_a_bad_input_is_refused_with_a_message_that_names_it(row):
    with _patience(), warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # numpy's overflow or invalid value is not an answer
        with pytest.raises(row.error) as raised:
            row.function(*row.args, **row.kwargs)
    assert type(raised.value) in (ValueError, TypeError), f"{type(raised.value).__name__} is not an answer"
    assert re.search(row.message, str(raised.value)), f"{raised.value!s} does not match {row.message!r}"


def _public_callables():
    for info in pkgutil.walk_packages(coursekit.__path__, "coursekit."):
        if info.name.startswith(("coursekit.course", "coursekit._")) or "._" in info.name:
            continue
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if (not name.startswith("_") and (inspect.isfunction(obj) or inspect.isclass(obj))
                    and obj.__module__ == info.name):
                yield obj


def _tested_in_test_validation() -> set[str]:
    tree = ast.parse(Path(__file__).with_name("test_validation.py").read_text(encoding="utf-8"))
    return {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
            and (node.module or "").startswith("coursekit") for alias in node.names}


def test_every_public_function_and_class_has_a_bad_input_row():
    covered = {row.function for row in ROWS} | RECORDS
    by_name = _tested_in_test_validation()
    missing = sorted(f"{obj.__module__}.{obj.__qualname__}" for obj in _public_callables()
                     if obj not in covered and obj.__name__ not in by_name)
    assert not missing, "no bad-input row in tests/bad_inputs/ for: " + ", ".join(missing)
