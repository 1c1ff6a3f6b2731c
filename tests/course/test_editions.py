"""Building the student edition and the command line of coursekit.course.editions."""

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from coursekit.course import editions

SOLVED = '''def momentum_update(w, v, dw, lr, beta):
    """Docstring stays."""
    ### BEGIN SOLUTION
    v = beta * v + (1 - beta) * dw
    w = w - lr * v
    ### END SOLUTION
    return w, v
'''


def test_strip_solutions_replaces_the_region_at_its_indentation():
    stripped = editions.strip_solutions(SOLVED)
    assert stripped.splitlines() == [
        "def momentum_update(w, v, dw, lr, beta):",
        '    """Docstring stays."""',
        "    # YOUR CODE HERE",
        '    raise NotImplementedError("not implemented yet: replace this line with your code")',
        "    return w, v",
    ]


def test_strip_solutions_handles_several_regions_and_leaves_other_code_alone():
    source = "a = 1\n### BEGIN SOLUTION\nb = 2\n### END SOLUTION\nc = 3\n  ### BEGIN SOLUTION\n  d = 4\n  ### END SOLUTION\n"
    assert editions.strip_solutions(source).count("raise NotImplementedError") == 2
    assert "b = 2" not in editions.strip_solutions(source) and "c = 3" in editions.strip_solutions(source)
    assert editions.strip_solutions("x = 1\n") == "x = 1\n"


def test_strip_solutions_rejects_an_unpaired_marker():
    with pytest.raises(ValueError, match="source must pair every '### BEGIN SOLUTION' with an '### END SOLUTION'"):
        editions.strip_solutions("### BEGIN SOLUTION\nx = 1\n")


def _notebook():
    nb = new_notebook()
    solved = new_code_cell(SOLVED, execution_count=1)
    check = new_code_cell("# NBVAL_CHECK_OUTPUT\ncheck(...)", execution_count=2)
    check.outputs = [new_output("execute_result", {"text/plain": "✔ all pass"}, execution_count=2)]
    nb.cells = [new_markdown_cell("# Title\n### BEGIN SOLUTION in prose is not code"), solved, check]
    return nb


def test_student_notebook_changes_only_solution_regions_of_code_cells():
    nb = _notebook()
    student = editions.student_notebook(nb)
    assert "### BEGIN SOLUTION" in nb.cells[1].source, "the instructor notebook is not modified"
    assert student.cells[0] == nb.cells[0]
    assert "raise NotImplementedError" in student.cells[1].source
    assert student.cells[2] == nb.cells[2], "check cells and their stored outputs are unchanged"


def test_build_student_edition_writes_every_notebook(tmp_path):
    source, target = tmp_path / "notebooks", tmp_path / "student"
    source.mkdir()
    for name in ("00_a.ipynb", "01_b.ipynb"):
        nbformat.write(_notebook(), source / name)
    written = editions.build_student_edition(source, target)
    assert [path.name for path in written] == ["00_a.ipynb", "01_b.ipynb"]
    cells = nbformat.read(target / "01_b.ipynb", as_version=4).cells
    assert "raise NotImplementedError" in cells[1].source and "### BEGIN SOLUTION" not in cells[1].source


def test_build_student_edition_rejects_a_folder_without_notebooks(tmp_path):
    with pytest.raises(ValueError, match="source_dir must contain notebooks"):
        editions.build_student_edition(tmp_path, tmp_path / "student")


def test_command_line_builds_the_student_edition(tmp_path, capsys):
    (tmp_path / "nb").mkdir()
    nbformat.write(_notebook(), tmp_path / "nb" / "00_a.ipynb")
    editions.main(["student", str(tmp_path / "nb"), str(tmp_path / "out")])
    assert (tmp_path / "out" / "00_a.ipynb").exists()
    assert "wrote" in capsys.readouterr().out


def test_command_line_executes_a_notebook_in_place(tmp_path):
    nb = new_notebook(cells=[new_code_cell("print(6 * 7)")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "n.ipynb"
    nbformat.write(nb, path)
    editions.main(["execute", str(path)])
    cell = nbformat.read(path, as_version=4).cells[0]
    assert cell.execution_count == 1 and cell.outputs[0].text == "42\n"
    assert "execution" not in cell.metadata, "no timing metadata: re-executing changes nothing else"
