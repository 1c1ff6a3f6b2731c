"""Each notebook states how long it takes a learner, and the statement is the estimate of what it holds."""

import shutil
from pathlib import Path

import nbformat
import pytest

from coursekit.course.tools import estimate

ROOT = Path(__file__).resolve().parents[3]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_first_cell_states_the_notebooks_estimate(path):
    nb = nbformat.read(path, as_version=4)
    assert estimate.stated(nb) == estimate.estimate(nb).minutes, "run make guide"
    assert estimate.estimate(nb).line in nb.cells[0].source


def test_the_estimate_counts_prose_code_exercises_questions_and_prompts():
    cells = [nbformat.v4.new_markdown_cell("# T\n\n" + "word " * 1200),
             nbformat.v4.new_code_cell("def f():\n    ### BEGIN SOLUTION\n    pass\n    ### END SOLUTION"),
             nbformat.v4.new_code_cell('ask("00-x")'),
             nbformat.v4.new_markdown_cell("**Try this**\n- one\n- two"),
             nbformat.v4.new_markdown_cell("| claim | measured here | how |\n|---|---|---|\n" + "| a | b | c |\n" * 500),
             nbformat.v4.new_code_cell("show.ewa_explorer()")]
    found = estimate.estimate(nbformat.v4.new_notebook(cells=cells))
    assert (found.exercises, found.questions, found.prompts, found.code_cells) == (1, 1, 2, 3)
    # 1,203 words / 120 + 3 × 0.5 + 10 + 2 + 2 × 1.5 = 26.5 -> 30 (the table's rows are not read through)
    assert found.minutes == 30 and found.line.startswith("*About 30 minutes: 1 exercise, 1 question, 2 things")


def test_the_tool_writes_the_line_once_and_check_finds_a_stale_one(tmp_path, capsys):
    shutil.copy(NOTEBOOKS[1], tmp_path / NOTEBOOKS[1].name)
    path = tmp_path / NOTEBOOKS[1].name
    assert estimate.main([str(tmp_path), "--check"]) == 0
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(1, nbformat.v4.new_markdown_cell("word " * 2400))  # 20 more minutes of reading
    nbformat.write(nb, path)
    assert estimate.main([str(tmp_path), "--check"]) == 1
    assert "stale" in capsys.readouterr().out
    assert estimate.main([str(tmp_path)]) == 0
    nb = nbformat.read(path, as_version=4)
    assert nb.cells[0].source.count("*About ") == 1 and estimate.stated(nb) == estimate.estimate(nb).minutes
    assert estimate.main([str(tmp_path), "--check"]) == 0
