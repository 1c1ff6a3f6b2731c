"""Grading that only a correct answer passes: each check cell's verdict recomputed outside the submission's kernel.

nbgrader's autograde runs a submission in a kernel and scores a test cell by its output: no error, full
points. Everything in that kernel is the submission's to change: the checker, the environment that makes
it strict, ``builtins.__import__``, IPython's handling of errors, even the source of a later cell. So the
grading configuration that ``make grading`` writes adds :class:`CheckOutsideTheKernel` after nbgrader's
execution: it replaces the output of each check cell by the verdict of
:func:`coursekit.course.tools.sandbox.grade` on the text of its exercise cell, computed in the grader with
the learner's function confined, and that is what nbgrader scores:

* a pass is one line on stdout (the ✔ verdict): full points, and no "cannot be converted to a float" warning;
* a failure is an error whose message is the check's report: 0 points, and the report is the feedback.

The kernel itself runs confined too (:func:`coursekit.course.tools.confine.kernel_argv`), so that nothing a
submission writes outlives it to reach the grading of the next one.
"""

from __future__ import annotations

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

from coursekit.course.tools import sandbox

__all__ = ["CheckOutsideTheKernel", "verdict_outputs"]

_CHECK = "check-"


def verdict_outputs(result) -> list:
    """The outputs of a check cell that nbgrader scores as ``result``: a ✔ line on stdout, or an error with the report."""
    from nbformat.v4 import new_output

    if result:
        return [new_output("stream", name="stdout", text=result.message + "\n")]
    return [new_output("error", ename="ExerciseFailed", evalue=result.message, traceback=list(result.lines))]


class CheckOutsideTheKernel(Preprocessor):
    """After nbgrader's execution: each check cell's outputs become the confined verdict on its exercise cell."""

    enabled = Bool(True, help="nbconvert runs a preprocessor only when enabled; this one always is").tag(config=True)

    def preprocess(self, nb, resources):
        solutions = {}
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("solution") and cell.cell_type == "code":
                solutions[meta.get("grade_id")] = cell.source
        for cell in nb.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
            if cell.metadata.get("nbgrader", {}).get("grade") and grade_id.startswith(_CHECK):
                name = grade_id[len(_CHECK):]
                result = sandbox.grade(name, solutions.get(name, ""))
                cell.outputs = verdict_outputs(result)
                self.log.info("%s: %s", name, result.lines[0])
        return nb, resources
