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


def test_the_estimate_counts_the_numbers_of_the_prose_outside_tables_and_details():
    cells = [nbformat.v4.new_markdown_cell("# T\n\n*About 5 minutes: 0 exercises, 0 questions, 0 things to try.*\n\n"
                                           "β = 0.9 for about 10 days, 1,500 epochs."),
             nbformat.v4.new_markdown_cell("| a | 1 | 2 |\n|---|---|---|\n\n<details><summary>3 more</summary>4, 5</details>"),
             nbformat.v4.new_code_cell("x = 1 + 2")]
    assert estimate.estimate(nbformat.v4.new_notebook(cells=cells)).numbers == 3


def test_report_prints_minutes_and_numbers_and_changes_nothing(tmp_path, capsys):
    shutil.copy(NOTEBOOKS[0], tmp_path / NOTEBOOKS[0].name)
    before = (tmp_path / NOTEBOOKS[0].name).read_bytes()
    assert estimate.main([str(tmp_path), "--report"]) == 0
    found = estimate.estimate(nbformat.read(NOTEBOOKS[0], as_version=4))
    lines = capsys.readouterr().out.splitlines()
    assert f"{found.minutes:>3} minutes {found.numbers:>4} numbers" in lines[0] and "the course" in lines[-1]
    assert (tmp_path / NOTEBOOKS[0].name).read_bytes() == before


#: The numbers the notebooks' prose held before they were rewritten to lead with their principles (commit 4a484d6).
NUMBERS_BEFORE = 1847


def test_no_notebook_takes_a_learner_more_than_an_hour():
    minutes = {path.stem: estimate.estimate(nbformat.read(path, as_version=4)).minutes for path in NOTEBOOKS}
    assert max(minutes.values()) <= 60, minutes


def test_the_prose_holds_at_most_a_third_of_its_former_numbers():
    total = sum(estimate.estimate(nbformat.read(path, as_version=4)).numbers for path in NOTEBOOKS)
    assert total <= NUMBERS_BEFORE / 3, f"{total} numbers in the prose: lead with the idea, fold the rest"

