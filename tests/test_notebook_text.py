"""What a learner reads in a notebook is for the learner: every course function that a cell, a check's report
or the prose asks the learner to call is imported, and no tool marker or tool talk shows, in the instructor
edition or in the student edition built from it (the tools' markers live in cell tags). And a notebook is
stored as JupyterLab saves it, so that opening and saving it changes none of its bytes (by which the working
copy tells a notebook the learner changed)."""

import ast
import copy
import json
import re
from pathlib import Path

import nbformat
import pytest

from coursekit.course.tools import editions

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
#: What the learner calls from coursekit.course in a notebook's cells and prose (``check`` only in the check cells,
#: which import it themselves; prose that names it describes those cells).
COURSE_FUNCTIONS = ("ask", "check", "evaluate", "hint", "progress")
#: Words that belong to the tools, not to the learner: test runners and their markers, benchmarks, cell tags.
TOOL_TALK = re.compile(r"nbval|pytest|nbgrader|\bmake (bench|test|execute)\b|\bbenchmarks?\b|\bcell tags?\b|"
                       r"\btags?\b|COURSEKIT_|raises-exception", re.IGNORECASE)


def _editions():
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        yield pytest.param(nb, id=f"{path.stem}-instructor")
        yield pytest.param(editions.student_notebook(nb), id=f"{path.stem}-student")


def _imported(source: str) -> set[str]:
    return {alias.asname or alias.name for node in ast.walk(ast.parse(source)) if isinstance(node, ast.ImportFrom)
            and node.module == "coursekit.course" for alias in node.names}


def _called(cell) -> set[str]:
    """The course functions that a cell calls (code) or tells the learner to call (prose: `` `hint("x")` ``)."""
    names = COURSE_FUNCTIONS if cell.cell_type == "code" else set(COURSE_FUNCTIONS) - {"check"}
    return {name for name in names if re.search(rf"(?<![\w.]){name}\(", cell.source)}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_what_a_learner_is_told_to_call_is_imported_by_the_first_code_cell(path):
    cells = nbformat.read(path, as_version=4).cells
    code = [cell for cell in cells if cell.cell_type == "code" and cell.source.strip()]
    imported = _imported(code[0].source)
    checks = [cell for cell in code if "check" in editions.tags(cell)]
    if checks:  # a failed check tells the learner to call hint("name") in a cell of their own
        assert "hint" in imported, "a notebook with a check imports hint in its first code cell"
    for cell in cells:
        own = _imported(cell.source) if cell.cell_type == "code" else set()
        missing = _called(cell) - imported - own
        assert not missing, f"{sorted(missing)} called but not imported in the first code cell: {cell.source[:80]!r}"


@pytest.mark.parametrize("nb", list(_editions()))
def test_no_tool_marker_or_tool_talk_in_what_a_learner_reads(nb):
    for i, cell in enumerate(nb.cells):
        outputs = cell.get("outputs", [])
        shown = [cell.source, *(o.get("text", "") for o in outputs), *(o.get("data", {}).get("text/plain", "") for o in outputs)]
        for text in shown:
            found = TOOL_TALK.search(text)
            assert not found, f"cell {i} shows the tools' {found.group()!r}: {text[:120]!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_stored_widget_state_is_as_jupyterlab_saves_it(path):
    nb = nbformat.read(path, as_version=4)
    state = nb.metadata.get("widgets", {}).get(editions.WIDGET_STATE)
    saved = editions.as_saved_by_jupyterlab(copy.deepcopy(nb)).metadata.get("widgets", {}).get(editions.WIDGET_STATE)
    assert json.dumps(state, sort_keys=True) == json.dumps(saved, sort_keys=True), \
        "a whole number stored as a float (10.0) would be rewritten (10) by JupyterLab's first save"
