"""What the learner has passed: every check and concept question records its latest verdict.

In a learner's working copy (made by ``make lab``) the verdicts go to the small file
``.coursekit-progress.json`` beside the notebooks, so that a learner coming back — or ``make check`` —
sees where they stopped; the file is the learner's, never part of the repository. Anywhere else (the
instructor notebooks, a test run) they are kept in memory only, for the running kernel.
:func:`progress` shows the course as a table: per notebook, the exercises and questions done.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from html import escape
from pathlib import Path

from coursekit.course.outline import NOTEBOOKS

__all__ = ["FILENAME", "KINDS", "load", "Progress", "progress", "progress_file", "record", "Row"]

#: The progress file of a working copy; its presence in the current folder marks the folder as one.
FILENAME = ".coursekit-progress.json"
KINDS = ("exercises", "questions")

_memory: dict = {kind: {} for kind in KINDS}


def progress_file(folder: str | Path | None = None) -> Path | None:
    """The progress file of ``folder`` (default: the current folder, a kernel's notebook folder), if it has one."""
    path = Path.cwd() if folder is None else Path(folder)
    path = path / FILENAME
    return path if path.is_file() else None


def load(folder: str | Path | None = None) -> dict:
    """``{"exercises": {name: verdict}, "questions": {id: verdict}}``, each verdict ``{"passed", "notebook", "when"}``."""
    path = progress_file(folder)
    if path is None:
        return _memory
    try:
        data = json.loads(path.read_text() or "{}")
    except (OSError, ValueError):  # a damaged file is started afresh rather than stopping a check
        data = {}
    return {kind: dict(data.get(kind, {})) for kind in KINDS}


def record(kind: str, key: str, passed: bool, notebook: str, folder: str | Path | None = None) -> None:
    """Record the latest verdict on exercise or question ``key`` of ``notebook`` (``kind`` "exercises" or "questions")."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    data = load(folder)
    data[kind][key] = {"passed": bool(passed), "notebook": notebook,
                       "when": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    path = progress_file(folder)
    if path is not None:
        _write(path, data)


def _write(path: Path, data: dict) -> None:
    """Replace the file in one step, so that a kernel stopped mid-write never leaves half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".progress-", suffix=".json")
    with os.fdopen(handle, "w") as file:
        json.dump(data, file, indent=1, sort_keys=True)
    os.replace(temporary, path)


@dataclass(frozen=True)
class Row:
    """One notebook's line of the table: exercises passed / total, questions answered right / total."""

    notebook: str
    title: str
    exercises: tuple[int, int]
    questions: tuple[int, int]

    @property
    def done(self) -> bool:
        """Every exercise passed and every question answered, in a notebook that has some."""
        return (self.exercises[1] + self.questions[1] > 0 and self.exercises[0] == self.exercises[1]
                and self.questions[0] == self.questions[1])


@dataclass(frozen=True)
class Progress:
    """The course as a table, shown as HTML in a notebook and as text in a terminal."""

    rows: tuple[Row, ...]

    def __repr__(self) -> str:
        lines = [f"{'':2} {'notebook':<46} {'exercises':>9} {'questions':>9}"]
        for row in self.rows:
            mark = "✔" if row.done else " "
            lines.append(f"{mark:2} {row.notebook} {row.title:<43} {_fraction(row.exercises):>9} "
                         f"{_fraction(row.questions):>9}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        cells = "".join(
            f"<tr><td>{'✔' if row.done else ''}</td><td>{row.notebook}</td><td style='text-align:left'>"
            f"{escape(row.title)}</td><td>{_fraction(row.exercises)}</td><td>{_fraction(row.questions)}</td></tr>"
            for row in self.rows
        )
        return ("<table class='coursekit-progress'><thead><tr><th></th><th>#</th><th style='text-align:left'>"
                f"notebook</th><th>exercises</th><th>questions</th></tr></thead><tbody>{cells}</tbody></table>")


def _fraction(pair: tuple[int, int]) -> str:
    return f"{pair[0]}/{pair[1]}" if pair[1] else "–"


def progress(folder: str | Path | None = None) -> Progress:
    """The table of the course: for each notebook, the exercises passed and the questions answered right.

    >>> table = progress()
    >>> table.rows[0].notebook, table.rows[0].exercises[1] >= 1
    ('00', True)
    """
    from coursekit.course import exercises, questions  # the registries, imported when the table is made

    data = load(folder)
    rows = []
    for number, (_, title) in NOTEBOOKS.items():
        names = [name for name in exercises.names() if exercises.exercise(name).notebook == number]
        ids = [q.id for q in questions.all_questions() if q.notebook == number]
        rows.append(Row(number, title, _count(data["exercises"], names), _count(data["questions"], ids)))
    return Progress(tuple(rows))


def _count(verdicts: dict, keys: list[str]) -> tuple[int, int]:
    return sum(bool(verdicts.get(key, {}).get("passed")) for key in keys), len(keys)
