"""``make check``: the learner's self-check, one line per exercise, whatever the notebooks' saved state.

Every notebook of the working copy (or only those whose number is given) runs top to bottom in a fresh
kernel, in strict mode (:func:`coursekit.course.checks.strict`), as nbval would run it. Each check cell
gives one line: ✔, or ✘ with the check's report. The cell is named as JupyterLab numbers it after
Run All, ``[12]``. A cell that stops for another reason (a ``SyntaxError`` in an exercise cell, say) is
reported too. Then comes the table of the course (:func:`coursekit.course.progress_table.progress`), which
the kernels have just brought up to date. The exit status is 1 when something is unfinished or wrong; it
depends only on the checks, never on whether the progress could be saved (a read-only folder).

A duplicated notebook (JupyterLab's Duplicate makes ``08_adam-Copy1.ipynb``) runs too, and its lines are
named by its file; each kernel is told its notebook's file, as JupyterLab tells it, so that the table counts
the best verdict of each exercise and says which file it came from (:mod:`coursekit.course.records`).
The lines are printed as UTF-8 where the terminal's locale cannot encode ✔ and ✘ (``LC_ALL=C``).

Command line::

    python -m coursekit.course.tools.selfcheck my-course            # every notebook
    python -m coursekit.course.tools.selfcheck my-course --notebook 06
"""

from __future__ import annotations

import os
import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from coursekit.course import records
from coursekit.course.outline import NOTEBOOKS
from coursekit.course.tools import cli
from coursekit.course.tools.editions import execute_notebook, tags
from coursekit.course.progress_table import progress

__all__ = ["check_notebook", "Line", "main", "notebooks"]

_CHECK_CALL = re.compile(r"""check\(\s*["'](\w+)["']""")


@dataclass(frozen=True)
class Line:
    """One result of the self-check: the notebook, the cell's number, what it checks, and the report."""

    notebook: str
    cell: int | None
    what: str
    passed: bool
    report: tuple[str, ...]

    def __str__(self) -> str:
        where = f"{self.notebook} [{self.cell}]" if self.cell is not None else self.notebook
        head = f"{'✔' if self.passed else '✘'} {where} {self.what}: {self.report[0] if self.report else ''}"
        return "\n".join([head, *(f"      {line}" for line in self.report[1:])])


def check_notebook(path: Path) -> list[Line]:
    """Run one notebook in a fresh strict kernel; one :class:`Line` per check cell and per other failing cell.

    The lines name the notebook by its number (``08``), or by its file's name for another file (``08_adam-Copy1``).
    """
    with _session(path):
        nb = execute_notebook(path, allow_errors=True, strict=True)
    label = path.stem[:2] if NOTEBOOKS.get(path.stem[:2], ("",))[0] == path.name else path.stem
    lines, stopped = [], None  # stopped: the last cell that raised, other than a check
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        errors = [output for output in cell.get("outputs", []) if output.output_type == "error"]
        name = _CHECK_CALL.search(cell.source)
        if "check" in tags(cell) and name:
            if errors and stopped is not None and errors[0].ename == "ExerciseFailed" and "has no function" in (
                    errors[0].traceback[0] if errors[0].traceback else ""):
                report = (f"not checked: cell [{stopped[0]}] above stopped with {stopped[1]}; fix that first",)
                lines.append(Line(label, cell.execution_count, name.group(1), False, report))
            elif errors:
                report = tuple(errors[0].traceback) if errors[0].ename == "ExerciseFailed" else (
                    f"the check cell raised {errors[0].ename}: {errors[0].evalue}",)
                lines.append(Line(label, cell.execution_count, name.group(1), False, _short(report)))
            else:
                lines.append(Line(label, cell.execution_count, name.group(1), True, (_verdict(cell),)))
        elif errors:
            stopped = (cell.execution_count, errors[0].ename)
            lines.append(Line(label, cell.execution_count, "a cell", False,
                              (f"stopped with {errors[0].ename}: {errors[0].evalue}",
                               "fix it and run the notebook again: the cells after an error may not have run")))
    return lines


@contextmanager
def _session(path: Path):
    """Tell the kernel started meanwhile which notebook file it runs, as JupyterLab does (``JPY_SESSION_NAME``)."""
    before = os.environ.get("JPY_SESSION_NAME")
    os.environ["JPY_SESSION_NAME"] = str(path.resolve())
    try:
        yield
    finally:
        if before is None:
            del os.environ["JPY_SESSION_NAME"]
        else:
            os.environ["JPY_SESSION_NAME"] = before


def _short(report: tuple[str, ...]) -> tuple[str, ...]:
    """A check's report without its leading ✘ name: (what failed, the details...)."""
    first = re.sub(r"^✘ \w+: ", "", report[0]) if report else ""
    return (first, *(line.strip() for line in report[1:]))


def _verdict(cell) -> str:
    for output in cell.get("outputs", []):
        text = output.get("data", {}).get("text/plain", "")
        if text.startswith("✔"):
            return re.sub(r"^✔ \w+: ", "", text)
    return "passed"


def notebooks(folder: Path, number: str | None = None) -> list[Path]:
    """The course notebooks of ``folder`` (not the ``.new-edition`` copies), optionally only number ``NN``."""
    found = [path for path in sorted(folder.glob("[0-9][0-9]_*.ipynb")) if ".new-edition" not in path.name]
    if number is not None:
        found = [path for path in found if path.name.startswith(f"{int(number):02d}_")]
    return found


@cli.command
def main(argv: list[str] | None = None) -> int:
    """Command line: ``FOLDER [--notebook NN]``; prints one line per exercise and the course's table."""
    parser = cli.parser(main)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--notebook", help="only the notebook with this number, e.g. 06")
    args = parser.parse_args(argv)
    for stream in (sys.stdout, sys.stderr):
        try:
            "✔✘…".encode(stream.encoding or "ascii")
        except UnicodeEncodeError:  # a C or cp1252 locale: print the marks all the same, as UTF-8
            stream.reconfigure(encoding="utf-8")
    paths = notebooks(args.folder, args.notebook)
    if not paths:
        raise cli.ToolFailed(f"no course notebook{' ' + args.notebook if args.notebook else 's'} in {args.folder}: "
                             "run `make lab` once to create your working copy")
    records.load(args.folder)  # a broken progress file is set aside here, saying so in the terminal
    results = []
    for path in paths:
        print(f"{path.name} …", flush=True)
        for line in check_notebook(path):
            print(f"  {line}")
            results.append(line)
    failed = sum(not line.passed for line in results)
    print()
    print(progress(args.folder))
    print()
    print(f"{len(results) - failed} of {len(results)} {'check passes' if len(results) == 1 else 'checks pass'}" + (
          "" if not failed else
          f"; {failed} to do (the numbers in brackets are the cells as JupyterLab numbers them after Run All)"))
    return 1 if failed else 0


if __name__ == "__main__":
    cli.run(main)
