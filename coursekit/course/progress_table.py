"""The table of the course: per notebook, the exercises passed and the concept questions answered right.

``progress()`` in a notebook (and the end of ``make check``) shows it, from the verdicts that
:mod:`coursekit.course.records` keeps and the two registries: :mod:`coursekit.course.exercises` and
:mod:`coursekit.course.questions`. A verdict that counts but came from another file than the course's
notebook (a duplicate such as ``08_adam-Copy1.ipynb``) is named under the table with its file.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from coursekit.course import exercises, questions, records
from coursekit.course.outline import NOTEBOOKS

__all__ = ["Progress", "progress", "Row"]


@dataclass(frozen=True)
class Row:
    """One notebook's line of the table: exercises passed / total, questions answered right / total, and
    ``elsewhere``: ``(key, file)`` for each verdict counted from another file than the course's notebook."""

    notebook: str
    title: str
    exercises: tuple[int, int]
    questions: tuple[int, int]
    elsewhere: tuple[tuple[str, str], ...] = ()

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
        return "\n".join(lines + self._elsewhere())

    def _elsewhere(self) -> list[str]:
        """One line per notebook with verdicts counted from other files: which key, from which file."""
        return [f"   {row.notebook}: " + "; ".join(f"{key} counted from {file}" for key, file in row.elsewhere)
                for row in self.rows if row.elsewhere]

    def _repr_html_(self) -> str:
        cells = "".join(
            f"<tr><td>{'✔' if row.done else ''}</td><td>{row.notebook}</td><td style='text-align:left'>"
            f"{escape(row.title)}</td><td>{_fraction(row.exercises)}</td><td>{_fraction(row.questions)}</td></tr>"
            for row in self.rows
        )
        return ("<table class='coursekit-progress'><thead><tr><th></th><th>#</th><th style='text-align:left'>"
                f"notebook</th><th>exercises</th><th>questions</th></tr></thead><tbody>{cells}</tbody></table>"
                + "".join(f"<p>{escape(line.strip())}</p>" for line in self._elsewhere()))


def _fraction(pair: tuple[int, int]) -> str:
    return f"{pair[0]}/{pair[1]}" if pair[1] else "–"


def progress(folder: str | Path | None = None) -> Progress:
    """The table of the course: for each notebook, the exercises passed and the questions answered right.

    Args:
        folder: the working copy whose verdicts to read (default: the current folder; elsewhere, this kernel's).

    >>> table = progress()
    >>> table.rows[0].notebook, table.rows[0].exercises[1] >= 1
    ('00', True)
    """
    data = records.load(folder)
    rows = []
    for number, (file, title) in NOTEBOOKS.items():
        names = [name for name in exercises.names() if exercises.exercise(name).notebook == number]
        ids = [q.id for q in questions.all_questions() if q.notebook == number]
        counted = [(key, data[kind][key]) for kind, keys in (("exercises", names), ("questions", ids))
                   for key in keys if key in data[kind]]
        elsewhere = tuple((key, verdict["source"]) for key, verdict in counted if verdict["source"] not in (file, ""))
        rows.append(Row(number, title, _count(data["exercises"], names), _count(data["questions"], ids), elsewhere))
    return Progress(tuple(rows))


def _count(verdicts: dict, keys: list[str]) -> tuple[int, int]:
    return sum(bool(verdicts.get(key, {}).get("passed")) for key in keys), len(keys)
