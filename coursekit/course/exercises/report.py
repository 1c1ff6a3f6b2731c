"""The lines of a failed check: the case, what differed, the tolerance, and either the known mistake or a first hint.

A report names at most one mistake. When it names one, the mistake's explanation is the help for that
mistake, and the report only says how to ask for hints; when it names none, it shows the exercise's first
hint. Every line is deterministic (no memory addresses, no object reprs), so that nbval can compare a
stored report.
"""

from __future__ import annotations

import os
import sysconfig
import traceback

import numpy as np

__all__ = ["failure", "raised", "unfinished"]

_LIBRARIES = tuple(
    os.path.join(os.path.realpath(path), "")
    for path in (
        *(sysconfig.get_paths()[key] for key in ("stdlib", "platstdlib", "purelib", "platlib")),
        os.path.dirname(os.path.dirname(__file__)),
    )
)


def unfinished(exercise, header: str) -> list[str]:
    """The report when nothing ran: the header, the signature to write and where the hints are."""
    return [header, f"  write: {exercise.signature}", _ask_for_hints(exercise.name)]


def failure(exercise, header: str, args: tuple, what: str, mistake) -> tuple[list[str], int]:
    """The report of a failing case, and how many hints it shows (the first one, when no mistake is named).

    Args:
        exercise: the exercise checked.  header: the first line, naming the case.  args: the case's
        arguments.  what: the one line saying what differed.  mistake: the known mistake named, or None.
    """
    lines = [header, f"  arguments: {_summary(exercise.args, args)}", f"  {what}",
             f"  compared with {exercise.tolerance}"]
    if mistake is not None:
        return [*lines, f"  known mistake, {mistake.name}: {mistake.explanation}", _ask_for_hints(exercise.name)], 0
    lines.append(f"  hint 1 of {len(exercise.hints)}: {exercise.hints[0]}")
    lines.append(f'  more help: hint("{exercise.name}") shows the next hint')
    return lines, 1


def _ask_for_hints(name: str) -> str:
    return f'  stuck? hint("{name}") gives a first hint, and the next one at each call'


def raised(error: Exception) -> str:
    """``your function raised KeyError: 'W1' (line 3 of init: v[k] = ...)``, the line being the learner's own."""
    text = str(error).strip().splitlines()[0][:120] if str(error).strip() else ""
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if not os.path.realpath(frame.filename).startswith(_LIBRARIES)
    ]
    where = ""
    if frames:
        code = (frames[-1].line or "").strip()
        where = f" (line {frames[-1].lineno} of {frames[-1].name}{': ' + code if code else ''})"
    return f"your function raised {type(error).__name__}{': ' + text if text else ''}{where}"


def _summary(names: tuple[str, ...], args: tuple) -> str:
    return ", ".join(_argument(name, value) for name, value in zip(names, args))


def _argument(name: str, value) -> str:
    if isinstance(value, np.ndarray):
        return f"{name} of shape {value.shape}"
    if isinstance(value, dict):
        return f"{name} with keys {', '.join(map(str, value))}"
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, dict) for v in value):
        return f"{name}, a {type(value).__name__} of {len(value)} dicts with keys {', '.join(map(str, value[0]))}"
    if isinstance(value, float):
        return f"{name}={value:g}"
    return f"{name}={value!r}"
