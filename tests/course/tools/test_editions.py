"""Building the student edition and the command line of coursekit.course.tools.editions."""

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from coursekit.course.exercises import reference
from coursekit.course.tools import editions
from coursekit.course.yours import Yours, line

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
    solved = new_code_cell(SOLVED, execution_count=1, metadata={"tags": ["exercise"]})
    check = new_code_cell('from coursekit.course import check\ncheck("momentum_update")', execution_count=2,
                          metadata={"tags": ["check", "nbval-check-output"]})
    check.outputs = [new_output("execute_result", {"text/plain": "✔ all pass"}, execution_count=2)]
    table = new_code_cell("progress()", execution_count=3, metadata={"tags": ["progress"]})
    table.outputs = [new_output("execute_result", {"text/plain": "00 1/1"}, execution_count=3)]
    figure = new_code_cell("print(1)", execution_count=4)
    figure.outputs = [new_output("stream", name="stdout", text="1\n")]
    nb.cells = [new_markdown_cell("# Title\n### BEGIN SOLUTION in prose is not code"), solved, check, table, figure]
    return nb


def test_student_notebook_replaces_solutions_and_stores_no_verdict():
    nb = _notebook()
    student = editions.student_notebook(nb)
    assert "### BEGIN SOLUTION" in nb.cells[1].source, "the instructor notebook is not modified"
    assert nb.cells[2].outputs and "nbval-check-output" in nb.cells[2].metadata.tags
    assert student.cells[0] == nb.cells[0]
    assert "raise NotImplementedError" in student.cells[1].source
    for cell in student.cells[2:4]:
        assert cell.outputs == [] and cell.execution_count is None, "no verdict for work not done"
    assert student.cells[2].metadata.tags == ["check"], "nbval judges a learner's check by whether it raises"
    assert student.cells[2].source == nb.cells[2].source
    assert student.cells[4] == nb.cells[4], "every other cell keeps its stored output"


def test_command_line_executes_a_notebook_in_place(tmp_path):
    nb = new_notebook(cells=[new_code_cell("print(6 * 7)")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "n.ipynb"
    nbformat.write(nb, path)
    editions.main(["execute", str(path)])
    cell = nbformat.read(path, as_version=4).cells[0]
    assert cell.execution_count == 1 and cell.outputs[0].text == "42\n"
    assert "execution" not in cell.metadata, "no timing metadata: re-executing changes nothing else"


@pytest.mark.parametrize("strict, expected", [(True, "strict\n"), (False, "None\n")])
def test_execute_notebook_sets_the_kernels_check_mode(tmp_path, monkeypatch, strict, expected):
    monkeypatch.setenv("COURSEKIT_CHECKS", "strict" if not strict else "lenient")
    nb = new_notebook(cells=[new_code_cell("import os; print(os.environ.get('COURSEKIT_CHECKS'))")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, tmp_path / "n.ipynb")
    executed = editions.execute_notebook(tmp_path / "n.ipynb", strict=strict)
    assert executed.cells[0].outputs[0].text == expected


def test_executed_widget_state_is_written_as_jupyterlab_saves_it(tmp_path):
    # JupyterLab holds widget state in JavaScript numbers: a notebook that stored 10.0 would change on its first save
    nb = new_notebook(cells=[new_code_cell("import ipywidgets\nipywidgets.FloatSlider(value=10.0, min=0.0, max=20.0, step=0.5)")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, tmp_path / "n.ipynb")
    executed = editions.execute_notebook(tmp_path / "n.ipynb")
    (slider,) = [model["state"] for model in executed.metadata.widgets[editions.WIDGET_STATE]["state"].values()
                 if model["model_name"] == "FloatSliderModel"]
    assert [(slider[key], type(slider[key])) for key in ("value", "min", "max", "step")] == [
        (10, int), (0, int), (20, int), (0.5, float)]


def _yours_cell(first_output):
    cell = new_code_cell('update = yours("momentum_update")\ndisplay(update)\nprint("cost 0.25")', execution_count=5,
                         metadata={"tags": [editions.YOURS_TAG, "nbval-check-output"]})
    cell.outputs = [first_output, new_output("stream", name="stdout", text="cost 0.25\n")]
    return cell


def test_student_notebook_stores_the_fallback_line_in_a_yours_cell_never_the_learners():
    mine = Yours("momentum_update", reference("momentum_update"), True)
    nb = new_notebook(cells=[_yours_cell(new_output("display_data", {"text/plain": repr(mine),
                                                                     "text/html": mine._repr_html_()}))])
    (cell,) = editions.student_notebook(nb).cells
    assert cell.outputs[0].data == {"text/plain": line("momentum_update", False),
                                    "text/html": Yours("momentum_update", None, False)._repr_html_()}
    assert cell.outputs[1:] == nb.cells[0].outputs[1:] and cell.source == nb.cells[0].source
    assert cell.metadata.tags == [editions.YOURS_TAG], "a learner who finishes sees the ✔ line: not compared"
    assert nb.cells[0].outputs[0].data["text/plain"] == repr(mine), "the instructor notebook is not modified"


def test_student_notebook_refuses_a_yours_cell_whose_first_output_is_not_the_line_of_yours():
    nb = new_notebook(cells=[_yours_cell(new_output("stream", name="stdout", text="cost 0.25\n"))])
    with pytest.raises(ValueError, match=r"first output of a cell tagged 'yours' must be the line of yours\(name\)"):
        editions.student_notebook(nb)


def test_student_notebook_replaces_every_claim_of_the_learners_code_and_keeps_a_stored_fallback():
    pieces = [Yours("ewa_step", None, False), Yours("bias_correct", None, True)]
    outputs = [new_output("display_data", {"text/plain": repr(p), "text/html": p._repr_html_()}) for p in pieces]
    cell = _yours_cell(outputs[0])
    cell.outputs.insert(1, outputs[1])
    (student,) = editions.student_notebook(new_notebook(cells=[cell])).cells
    assert [output.data["text/plain"] for output in student.outputs[:2]] == [
        line("ewa_step", False), line("bias_correct", False)]
    assert student.outputs[2:] == cell.outputs[2:]
