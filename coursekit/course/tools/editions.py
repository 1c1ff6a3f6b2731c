"""The instructor and student editions of the notebooks, and executing them to store their outputs.

The instructor edition is ``notebooks/``: each exercise's solution stands between the nbgrader-style
markers ``### BEGIN SOLUTION`` and ``### END SOLUTION``, and the next cell, tagged ``check``, checks it.
The student edition is the same notebook with every such region replaced by a placeholder that raises
``NotImplementedError``, and with no verdict for work not done: the cells tagged ``check`` or
``progress`` lose their stored outputs (and the ``nbval-check-output`` tag, so that nbval judges them by
whether they raise, never by a saved verdict). A "your code at work" cell, tagged ``yours``, shows first
whose code runs (:mod:`coursekit.course.yours`): the student edition stores the line of coursekit's
fallback in place of each ✔ line, never a claim that the learner's code ran, and drops the cell's
``nbval-check-output`` tag (a learner who finishes sees the ✔ line instead); its other outputs are the
same whoever's code ran.
Everything else, stored outputs included, is unchanged.
The learner's working copy and ``make student`` are built from it by :mod:`coursekit.course.tools.working_copy`.

A notebook is stored as JupyterLab would save it, so that opening and saving it in JupyterLab changes no
byte of it (the learner's working copy tells the learner's notebooks by their bytes): JupyterLab holds the
widget state in JavaScript numbers, which have no ``10.0`` apart from ``10``, so the stored widget state
writes a whole number as an integer (:func:`as_saved_by_jupyterlab`).

Command line (what ``make execute`` runs)::

    python -m coursekit.course.tools.editions execute notebooks/*.ipynb
"""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path

import nbformat
import zmq
from nbclient import NotebookClient
from traitlets.config import Config

from coursekit.course.checks import STRICT_VARIABLE
from coursekit.course.exercises import names, reference
from coursekit.course.tools import cli
from coursekit.course.yours import Yours, line

#: The kernel's messages encrypted (CurveZMQ) where libzmq can, as the kernel asks: it warns on every start that
#: it runs over TCP without encryption otherwise (one warning per notebook in ``make check``).
_ENCRYPTED = Config({"KernelManager": {"transport_encryption": "auto"}}) if zmq.has("curve") else Config()

__all__ = [
    "as_saved_by_jupyterlab", "BEGIN", "COMPARE_TAG", "END", "execute_notebook", "main", "PLACEHOLDER",
    "store_fallback", "strip_solutions", "student_notebook", "tags", "VERDICT_TAGS", "WIDGET_STATE", "YOURS_TAG",
]

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
#: Cells whose stored output is a verdict on the learner's work: none is kept in the student edition.
VERDICT_TAGS = ("check", "progress")
#: The tag of a "your code at work" cell: its first output says whose code runs.
YOURS_TAG = "yours"
#: The nbval tag that compares a cell's output with the stored one (kept in the instructor edition only).
COMPARE_TAG = "nbval-check-output"
PLACEHOLDER = ("# YOUR CODE HERE", 'raise NotImplementedError("not implemented yet: replace this line with your code")')
#: The notebook metadata key of the stored widget state.
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
#: The largest magnitude JavaScript's JSON writes as an integer (``1e21`` is written ``1e+21``).
_INTEGER_WRITTEN = 1e21
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


def tags(cell) -> list[str]:
    """The tags of a cell (an empty list when it has none)."""
    return list(cell.get("metadata", {}).get("tags", []))


def student_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Return a copy of an instructor notebook with every solution region replaced and no stored verdict."""
    student = copy.deepcopy(nb)
    for cell in student.cells:
        if cell.cell_type != "code":
            continue
        if BEGIN in cell.source:
            cell.source = strip_solutions(cell.source)
        if set(tags(cell)) & set(VERDICT_TAGS):
            cell.outputs, cell.execution_count = [], None
            cell.metadata["tags"] = [tag for tag in tags(cell) if tag != COMPARE_TAG]
        elif YOURS_TAG in tags(cell):
            store_fallback(cell)
            cell.metadata["tags"] = [tag for tag in tags(cell) if tag != COMPARE_TAG]
    return student


def store_fallback(cell) -> None:
    """In a ``yours`` cell, whose first output is a line of ``yours``, replace in place every ✔ line of the
    learner's code by the line of coursekit's fallback (the student edition's, and any release's, rule)."""
    shown = [output.get("data", {}).get("text/plain") for output in cell.get("outputs", [])]
    lines = {line(name, learners): (name, learners) for name in names() for learners in (True, False)}
    if not shown or shown[0] not in lines:
        raise ValueError(f"the first output of a cell tagged {YOURS_TAG!r} must be the line of yours(name) "
                         f"(execute the instructor notebook first), got {(shown or [None])[0]!r:.120}")
    for output, text in zip(cell.outputs, shown):
        name, learners = lines.get(text, (None, False))
        if learners:
            fallback = Yours(name, reference(name), False)
            output.data = nbformat.from_dict({"text/plain": repr(fallback), "text/html": fallback._repr_html_()})


def _javascript_number(value):
    """``value`` with every float that is a whole number (below 1e21) as an int, as JavaScript's JSON writes it."""
    if isinstance(value, float) and value.is_integer() and abs(value) < _INTEGER_WRITTEN:
        return int(value)
    if isinstance(value, dict):
        return {key: _javascript_number(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_javascript_number(item) for item in value]
    return value


def as_saved_by_jupyterlab(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Write the notebook's stored widget state in place as JupyterLab saves it: a whole number as an int.

    >>> slider = {"state": {"value": 10.0, "step": 0.5}}
    >>> nb = nbformat.v4.new_notebook(metadata={"widgets": {WIDGET_STATE: {"state": {"slider": slider}}}})
    >>> as_saved_by_jupyterlab(nb).metadata.widgets[WIDGET_STATE]["state"]["slider"]["state"]
    {'value': 10, 'step': 0.5}
    """
    widgets = nb.metadata.get("widgets", {})
    if WIDGET_STATE in widgets:
        widgets[WIDGET_STATE] = nbformat.from_dict(_javascript_number(widgets[WIDGET_STATE]))
    return nb


def execute_notebook(path: str | Path, timeout: int = 120, allow_errors: bool = False,
                     strict: bool | None = None) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in a fresh kernel, in its own folder; return it with outputs and widget state.

    ``strict`` sets the kernel's check mode (:func:`coursekit.course.checks.strict`): True as under a test
    runner (a failed check raises), False as in JupyterLab (it shows its report and returns); None
    leaves the environment as it is. The widget state is as JupyterLab saves it (:func:`as_saved_by_jupyterlab`).
    Nothing is written; :func:`main` ``execute`` stores the result.
    """
    path = Path(path)
    env = dict(os.environ)
    if strict is not None:
        env.pop(STRICT_VARIABLE, None)
        if strict:
            env[STRICT_VARIABLE] = "strict"
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=allow_errors,
        store_widget_state=True,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent.resolve())}},
        config=_ENCRYPTED,
    )
    client.execute(env=env)
    return as_saved_by_jupyterlab(nb)


@cli.command
def main(argv: list[str] | None = None) -> int:
    """Command line: ``execute NOTEBOOK...`` re-runs notebooks in fresh kernels and stores their outputs."""
    parser = cli.parser(main)
    commands = parser.add_subparsers(dest="command", required=True)
    execute = commands.add_parser("execute", help="re-execute notebooks in place, storing outputs")
    execute.add_argument("notebooks", nargs="+", type=Path)
    args = parser.parse_args(argv)
    for path in args.notebooks:
        nbformat.write(execute_notebook(path, strict=True), path)
        print(f"executed {path}")
    return 0


if __name__ == "__main__":
    cli.run(main)
