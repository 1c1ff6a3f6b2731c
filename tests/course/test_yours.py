"""yours(name): the learner's function once it passes its check, else coursekit's, saying in one line whose runs."""

import numpy as np
import pytest

from coursekit.course import records, yours
from coursekit.course.exercises import names, reference
from coursekit.course.yours import Yours, line


def momentum_update(w, v, dw, lr, beta):
    v = beta * v + (1 - beta) * dw
    return w - lr * v, v


def _forgets_one_minus_beta(w, v, dw, lr, beta):
    v = beta * v + dw
    return w - lr * v, v


def test_a_passing_function_from_the_callers_globals_is_the_one_that_runs():
    update = yours("momentum_update")
    assert update.learners and update.fn is momentum_update
    assert repr(update) == "✔ your momentum_update passes its check: the run below uses it"
    assert 'class="coursekit-pass"' in update._repr_html_() and "\n" not in repr(update)
    w, v = update(np.ones(2), np.zeros(2), np.ones(2), 0.1, 0.5)
    assert w.tolist() == [0.95, 0.95] and v.tolist() == [0.5, 0.5]
    assert update.__name__ == "momentum_update", "it reads as the function it stands for"


@pytest.mark.parametrize("fn", [_forgets_one_minus_beta, None, lambda *args: None, "momentum_update"],
                         ids=["wrong", "missing", "returns None", "not a function"])
def test_a_wrong_or_missing_function_is_replaced_by_coursekits_saying_so(fn):
    update = yours("momentum_update", fn)
    assert not update.learners and update.fn is reference("momentum_update")
    assert repr(update) == ("your momentum_update does not pass its check yet: "
                            "the run below uses coursekit's momentum_update")
    assert 'class="coursekit-hint"' in update._repr_html_()


def test_an_unfinished_exercise_falls_back():
    def rmsprop_update(w, s, dw, lr, beta2, eps):
        raise NotImplementedError("not implemented yet: replace this line with your code")

    assert not yours("rmsprop_update", rmsprop_update).learners


def test_yours_records_no_verdict(monkeypatch):
    def no_record(*args, **kwargs):
        raise AssertionError("yours recorded a verdict")

    monkeypatch.setattr(records, "record", no_record)
    assert yours("momentum_update").learners and not yours("momentum_update", _forgets_one_minus_beta).learners


def test_an_unknown_exercise_is_refused_naming_the_exercises():
    with pytest.raises(ValueError, match="momentum_updat"):
        yours("momentum_updat")
    with pytest.raises(ValueError, match="momentum_updat"):
        line("momentum_updat", True)


@pytest.mark.parametrize("name", names())
def test_every_exercise_has_two_distinct_one_line_messages(name):
    mine, fallback = line(name, True), line(name, False)
    assert mine.startswith("✔") and not fallback.startswith("✔") and name in mine and name in fallback
    assert "\n" not in mine + fallback
    assert repr(Yours(name, reference(name), False)) == fallback


def test_a_yours_run_again_under_the_exercises_name_never_takes_coursekits_for_the_learners():
    fallback = yours("momentum_update", _forgets_one_minus_beta)
    assert not yours("momentum_update", fallback).learners, "coursekit's own passes its check: not the learner's"
    mine = yours("momentum_update")
    again = yours("momentum_update", mine)
    assert again.learners and again.fn is momentum_update


def test_the_learners_curve_is_drawn_beside_coursekits_only_when_the_learners_function_ran():
    ours, theirs = {"coursekit's": [1.0, 2.0]}, {"yours": [1.0, 2.0]}
    assert yours("momentum_update").beside(ours, theirs) == {"coursekit's": [1.0, 2.0], "yours": [1.0, 2.0]}
    assert yours("momentum_update", None).beside(ours, theirs) == ours
    with pytest.raises(TypeError, match=r"learners must be a non-empty dict of curves \{label: values\}, got \[1\.0\]"):
        yours("momentum_update").beside(ours, [1.0])
