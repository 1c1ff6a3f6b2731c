"""``make grading``: the course as an nbgrader course, for a class that works on a JupyterHub.

nbgrader (the ``grading`` extra) releases a student version of an assignment, collects the submissions
and grades them by running them. Its source notebooks must say, in each cell's metadata, which cells hold
a solution and which cells are graded, with how many points. The course's notebooks already say it with
their tags, and are written by several people, so nobody adds nbgrader's metadata by hand: this module
derives it, in a copy, from the tags every notebook carries (:func:`nbgrader_notebook`):

* a cell tagged ``exercise`` (its solution between ``### BEGIN SOLUTION`` and ``### END SOLUTION``, the
  markers nbgrader uses too) is a **solution cell**: nbgrader replaces the region by the course's own
  placeholder, so the release is the student edition of ``make student``;
* the cell tagged ``check`` right below it is an **autograded test cell**, locked, worth :data:`POINTS`
  points; it keeps no stored verdict. Its score is not left to the submission's kernel, which the
  submission controls: after nbgrader has run the notebook, :mod:`~coursekit.course.tools.autograde`
  replaces the check cell's output by the verdict on the exercise cell's text, computed with the learner's
  function confined where nothing of the course can be imported (:mod:`~coursekit.course.tools.sandbox`),
  and the kernel itself runs confined, read-only but for the submission's folder
  (:mod:`~coursekit.course.tools.confine`; both need bubblewrap). A pass scores :data:`POINTS`, a wrong,
  unfinished or delegating answer 0;
* every other cell is **locked** (read-only): the lecture, the experiments, the explorers and the concept
  questions run as they are, and when grading nbgrader restores their source, so a submission cannot
  change what is graded. Their stored outputs (the explorers' pictures) stay in the release.

Each notebook is one assignment, named after its file (``01_mini_batch_gradient_descent``). Every exercise
is worth one point: each is one update rule or one function of similar size, checked on several cases.

Command line (what ``make grading`` runs)::

    python -m coursekit.course.tools.grading notebooks build/nbgrader

then, in ``build/nbgrader/``: ``nbgrader generate_assignment 01_mini_batch_gradient_descent``, and after
the collection, ``nbgrader autograde 01_mini_batch_gradient_descent``.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import json
import sys

from coursekit.course.checks import STRICT_VARIABLE
from coursekit.course.tools import cli
from coursekit.course.tools.editions import COMPARE_TAG, PLACEHOLDER, VERDICT_TAGS, YOURS_TAG, store_fallback, tags

__all__ = ["POINTS", "SCHEMA_VERSION", "CONFIG", "KERNEL", "nbgrader_notebook", "exercises_of", "write_course", "main"]

#: Points of each exercise's check cell.
POINTS = 1
#: The version of nbgrader's cell metadata written here (nbgrader 0.9 reads version 3).
SCHEMA_VERSION = 3
#: The configuration file nbgrader reads from the course folder.
CONFIG = "nbgrader_config.py"
#: The kernel that runs submissions, confined (its kernelspec is written in the course folder's ``kernels/``).
KERNEL = "coursekit-grading"
_MARK = "# Written by coursekit.course.tools.grading"
_CHECKED = re.compile(r"""check\(\s*["'](\w+)["']""")


def _metadata(grade_id: str, *, solution: bool = False, grade: bool = False, points: int | None = None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": not solution, "schema_version": SCHEMA_VERSION,
            "solution": solution, "task": False}
    if grade:
        meta["points"] = points
    return meta


def exercises_of(nb) -> list[str]:
    """The exercises a notebook checks, in order: the names in its cells tagged ``check``."""
    names = []
    for cell in nb.cells:
        found = _CHECKED.search(cell.source) if "check" in tags(cell) else None
        if found:
            names.append(found.group(1))
    return names


def nbgrader_notebook(nb):
    """A copy of an instructor notebook with nbgrader's metadata derived from its tags, and no stored verdict.

    Raises:
        ValueError: a cell tagged ``exercise`` is not followed by a check cell.
    """
    source = copy.deepcopy(nb)
    cells = source.cells
    for i, cell in enumerate(cells):
        cell_tags = tags(cell)
        if "exercise" in cell_tags:
            following = cells[i + 1] if i + 1 < len(cells) else None
            found = _CHECKED.search(following.source) if following is not None and "check" in tags(following) else None
            if not found:
                raise ValueError(f"the exercise cell {i} must be followed by its check cell, got "
                                 f"{following.source[:80] if following is not None else 'the end'!r}")
            cell.metadata["nbgrader"] = _metadata(found.group(1), solution=True)
        elif "check" in cell_tags:
            found = _CHECKED.search(cell.source)
            if not found:
                raise ValueError(f"the check cell {i} must call check(\"name\"), got {cell.source[:80]!r}")
            cell.metadata["nbgrader"] = _metadata(f"check-{found.group(1)}", grade=True, points=POINTS)
        else:
            cell.metadata["nbgrader"] = _metadata(f"cell-{cell.get('id') or i}")
        if cell.cell_type == "code" and set(cell_tags) & set(VERDICT_TAGS):
            cell.outputs, cell.execution_count = [], None
        elif cell.cell_type == "code" and YOURS_TAG in cell_tags:  # a release never says the learner's code ran
            store_fallback(cell)
            cell.metadata["tags"] = [tag for tag in cell_tags if tag != COMPARE_TAG]
    return source


def _config() -> str:
    stub = "\n".join(PLACEHOLDER)
    return f'''{_MARK} (python -m coursekit.course.tools.grading); it is rewritten by
# make grading unless you remove this first line. nbgrader reads it from this folder.
import os

from nbconvert.preprocessors import ClearMetadataPreprocessor
from nbgrader.preprocessors import (
    AssignLatePenalties, CheckCellMetadata, ClearHiddenTests, ClearMarkScheme, ClearSolutions, ComputeChecksums,
    Execute, IgnorePattern, IncludeHeaderFooter, InstantiateTests, LimitOutput, LockCells, SaveAutoGrades, SaveCells,
)

from coursekit.course.tools.autograde import CheckOutsideTheKernel

c = get_config()  # noqa: F821 (nbgrader provides it)
c.CourseDirectory.course_id = "coursekit"

# The course's checks raise when an exercise is wrong or unfinished (they return a red box in JupyterLab):
# the kernels that nbgrader starts inherit this, so the graded notebook shows the report as an error.
os.environ["{STRICT_VARIABLE}"] = "strict"

# The score is not the kernel's to decide: after the run, each check cell's output becomes the verdict on
# its exercise cell computed outside the kernel, with the learner's function confined (nbgrader's default
# list, with CheckOutsideTheKernel before the scores are saved).
c.Autograde.autograde_preprocessors = [
    Execute, IgnorePattern, ClearMetadataPreprocessor, LimitOutput, CheckOutsideTheKernel, SaveAutoGrades,
    AssignLatePenalties, CheckCellMetadata,
]
# Submissions run in the kernel of this folder's kernels/{KERNEL}: read-only but for the submission's own
# folder, so that nothing one writes reaches the grading of the next.
os.environ["JUPYTER_PATH"] = os.pathsep.join(
    [os.path.dirname(os.path.abspath(__file__))] + [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p])
c.Execute.kernel_name = "{KERNEL}"

# A solution region becomes the course's own placeholder, as in the student edition of make student.
c.ClearSolutions.code_stub = {{"python": {stub!r}}}

# The release keeps the stored outputs (the explorers' pictures, the questions); the source notebooks
# already hold no verdict. This is nbgrader's default list without ClearOutput.
c.GenerateAssignment.preprocessors = [
    IncludeHeaderFooter, InstantiateTests, LockCells, ClearSolutions, CheckCellMetadata, ComputeChecksums,
    SaveCells, ClearHiddenTests, ClearMarkScheme, ComputeChecksums, CheckCellMetadata,
]

# Notebook 01 trains small networks: give a cell time on a busy hub.
c.Execute.timeout = 600
'''


def write_course(notebooks: str | Path, course: str | Path) -> list[str]:
    """Write an nbgrader course folder: ``source/<assignment>/<notebook>.ipynb`` per notebook, and its config.

    The config (``nbgrader_config.py``) is written when absent, or rewritten when it is still the one
    written here (its first line says so). Returns the assignments, in course order.
    """
    import nbformat

    notebooks, course = Path(notebooks), Path(course)
    paths = sorted(notebooks.glob("[0-9][0-9]_*.ipynb"))
    if not paths:
        raise ValueError(f"notebooks must be a folder of NN_*.ipynb notebooks, got none in {notebooks}")
    assignments = []
    for path in paths:
        target = course / "source" / path.stem / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nbgrader_notebook(nbformat.read(path, as_version=4)), target)
        assignments.append(path.stem)
    config = course / CONFIG
    if not config.exists() or config.read_text(encoding="utf-8").startswith(_MARK):
        config.write_text(_config(), encoding="utf-8")
    spec = course / "kernels" / KERNEL / "kernel.json"
    spec.parent.mkdir(parents=True, exist_ok=True)
    spec.write_text(json.dumps(_kernelspec(), indent=1) + "\n", encoding="utf-8")
    return assignments


def _kernelspec() -> dict:
    """The kernel that runs a submission: this Python's IPython kernel, confined by bubblewrap."""
    return {"argv": [sys.executable, "-m", "coursekit.course.tools.confine", "kernel", "-f", "{connection_file}"],
            "display_name": "coursekit grading (confined)", "language": "python"}


@cli.command
def main(argv: list[str] | None = None) -> int:
    """Command line: ``NOTEBOOKS COURSE``; writes the nbgrader course folder and says what to run next."""
    parser = cli.parser(main, "notebooks", "course")
    args = parser.parse_args(argv)
    assignments = write_course(args.notebooks, args.course)
    for assignment in assignments:
        print(f"wrote {args.course / 'source' / assignment}")
    print(f"next, in {args.course}: nbgrader generate_assignment {assignments[-1]}  (see docs/instructor-guide.md)")
    return 0


if __name__ == "__main__":
    cli.run(main)
