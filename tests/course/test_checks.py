"""The check cell: it never stops a learner's Run All, and it always fails a test runner's cell."""

import pytest

from coursekit.course import checks, exercises, hints
from coursekit.course.checks import check
from coursekit.course.exercises import ExerciseFailed, reference


@pytest.fixture
def lenient(monkeypatch):
    """A learner's kernel in JupyterLab: strict mode off."""
    monkeypatch.delenv(checks.STRICT_VARIABLE, raising=False)
    checks._last_failure.clear()
    hints._shown.clear()


def gd_update(w, dw, lr):  # a wrong answer, found by name in this module's globals
    return w + lr * dw


def test_pytest_runs_in_strict_mode():
    assert checks.strict(), "coursekit's pytest plugin turns strict checks on for every pytest run"


def test_a_failed_check_returns_its_report_for_a_learner(lenient):
    result = check("gd_update")
    assert not result and result.mistake == "plus instead of minus"
    html = result._repr_html_()
    assert html.startswith('<div class="coursekit-fail"') and "plus instead of minus" in html


def test_a_failed_check_raises_the_same_report_under_a_test_runner(lenient, monkeypatch):
    expected = check("ewa_step", lambda v, theta, beta: beta * v + theta).lines
    checks._last_failure.clear()
    monkeypatch.setenv(checks.STRICT_VARIABLE, "strict")
    with pytest.raises(ExerciseFailed) as failure:
        check("ewa_step", lambda v, theta, beta: beta * v + theta)
    assert tuple(failure.value._render_traceback_()) == expected


def test_a_passing_check_is_one_green_line_in_both_modes(lenient, monkeypatch):
    for mode in ("lenient", "strict"):
        monkeypatch.setenv(checks.STRICT_VARIABLE, mode)
        result = check("ewa_step", reference("ewa_step"))
        assert result and result.message == "✔ ewa_step: all 5 cases pass (rtol 1e-07, atol 1e-12)"
        assert result._repr_html_().startswith('<div class="coursekit-pass"')


def test_a_function_not_defined_yet_says_what_to_run_first(lenient):
    result = check("bias_correct")
    assert not result
    assert result.lines[0] == "✘ bias_correct: this kernel has no function bias_correct yet"
    assert "run the exercise cell above first" in result.message and "Run All Cells" in result.message


def test_a_check_of_an_unchanged_function_says_it_was_not_redefined(lenient):
    first = check("gd_update")
    again = check("gd_update")
    assert "note" not in first.message
    assert again.lines[-1].startswith("  note: this is the same gd_update that failed the last check")

    def fixed(w, dw, lr):
        return w - lr * dw

    assert check("gd_update", fixed)
    assert "note:" not in check("gd_update").message, "a pass in between: this is a new attempt"


def test_a_report_naming_no_mistake_shows_the_first_hint_so_hint_continues_with_the_second(lenient):
    result = check("gd_update", lambda w, dw, lr: w - 2 * lr * dw)
    assert result.mistake is None and "  hint 1 of 3: " in result.message
    assert hints.hint("gd_update").number == 2


def test_a_report_naming_a_mistake_shows_no_hint_so_hint_starts_with_the_first(lenient):
    result = check("gd_update")
    assert result.mistake == "plus instead of minus" and "hint 1 of" not in result.message
    assert 'stuck? hint("gd_update") gives a first hint' in result.message
    assert hints.hint("gd_update").number == 1


def test_not_implemented_shows_no_hint(lenient):
    def momentum_update(w, v, dw, lr, beta):
        raise NotImplementedError

    result = check("momentum_update", momentum_update)
    assert "hint 1 of" not in result.message and 'stuck? hint("momentum_update")' in result.message
    assert hints.hint("momentum_update").number == 1


def test_an_unknown_exercise_is_a_mistake_of_the_notebook():
    with pytest.raises(ValueError, match="name must be one of the exercises"):
        check("adam_step", abs)



def test_a_check_looks_its_exercise_up_once(lenient, monkeypatch):
    lookup, looked_up, right = exercises.exercise, [], reference("gd_update")

    def counting(name):
        looked_up.append(name)
        return lookup(name)

    monkeypatch.setattr(checks, "exercise", counting)
    monkeypatch.setattr(exercises, "exercise", counting)  # what evaluate() would look it up with
    assert check("gd_update", right)
    assert looked_up == ["gd_update"]
