"""The instructor and student editions of the notebooks, and executing them to store their outputs.

The instructor edition is ``notebooks/``: each exercise's solution stands between the nbgrader-style
markers ``### BEGIN SOLUTION`` and ``### END SOLUTION``. The student edition is the same notebook with every
such region replaced by a placeholder that raises ``NotImplementedError``; everything else, stored outputs
included, is unchanged, so ``pytest --nbval-lax`` on a learner's filled-in copy checks their answers.

Command line (what ``make execute`` and ``make student`` run)::

    python -m coursekit.course.editions execute notebooks/*.ipynb
    python -m coursekit.course.editions student notebooks student
"""

from __future__ import annotations

import argparse
import copy
import re
from pathlib import Path

import nbformat

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
PLACEHOLDER = ("# YOUR CODE HERE", 'raise NotImplementedError("not implemented yet: replace this line with your code")')
_REGION = re.compile(rf"^([ \t]*){re.escape(BEGIN)}[ \t]*\n.*?^[ \t]*{re.escape(END)}[ \t]*$", re.M | re.S)


def strip_solutions(source: str) -> str:
    """Replace every solution region of a cell's source by the placeholder, at the region's indentation.

    >>> print(strip_solutions("def f(x):\\n    ### BEGIN SOLUTION\\n    return 2 * x\\n    ### END SOLUTION\\n"))
    def f(x):
        # YOUR CODE HERE
        raise NotImplementedError("not implemented yet: replace this line with your code")
    <BLANKLINE>
    """
    if source.count(BEGIN) != source.count(END):
        raise ValueError(f"source must pair every {BEGIN!r} with an {END!r}, got:\n{source}")
    return _REGION.sub(lambda match: "\n".join(match.group(1) + line for line in PLACEHOLDER), source)


def student_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Return a copy of an instructor notebook with every solution region replaced (outputs kept)."""
    student = copy.deepcopy(nb)
    for cell in student.cells:
        if cell.cell_type == "code" and BEGIN in cell.source:
            cell.source = strip_solutions(cell.source)
    return student


def build_student_edition(source_dir: str | Path, target_dir: str | Path) -> list[Path]:
    """Write the student edition of every notebook in ``source_dir`` into ``target_dir``; return the paths."""
    source_dir, target_dir = Path(source_dir), Path(target_dir)
    notebooks = sorted(source_dir.glob("*.ipynb"))
    if not notebooks:
        raise ValueError(f"source_dir must contain notebooks (*.ipynb), got none in {source_dir}")
    target_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for path in notebooks:
        out = target_dir / path.name
        nbformat.write(student_notebook(nbformat.read(path, as_version=4)), out)
        written.append(out)
    return written


def execute_notebook(path: str | Path, timeout: int = 120, allow_errors: bool = False) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in a fresh kernel, in its own folder; return it with outputs and widget state.

    Nothing is written; :func:`main` ``execute`` stores the result.
    """
    from nbclient import NotebookClient  # imported here: only the editions' commands need it

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=allow_errors,
        store_widget_state=True,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent.resolve())}},
    )
    client.execute()
    return nb


def main(argv: list[str] | None = None) -> None:
    """Command line: ``execute NOTEBOOK...`` stores fresh outputs; ``student SOURCE TARGET`` builds the edition."""
    parser = argparse.ArgumentParser(prog="python -m coursekit.course.editions", description=main.__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    execute = commands.add_parser("execute", help="re-execute notebooks in place, storing outputs")
    execute.add_argument("notebooks", nargs="+", type=Path)
    student = commands.add_parser("student", help="build the student edition")
    student.add_argument("source", type=Path)
    student.add_argument("target", type=Path)
    args = parser.parse_args(argv)
    if args.command == "execute":
        for path in args.notebooks:
            nbformat.write(execute_notebook(path), path)
            print(f"executed {path}")
    else:
        for path in build_student_edition(args.source, args.target):
            print(f"wrote {path}")


if __name__ == "__main__":
    main()
