"""What a concept question tells a wrong answer: why that choice is wrong, the slip a number makes, or the form
expected; never the right answer, which comes with a right answer or on asking. And the box's example of how
to type a number is far from the answer."""

import html
import itertools
import re

import pytest

from coursekit.course import records
from coursekit.course.questions import all_questions, ask, question
from coursekit.course.questions.question import NOT_IT, ratio
from coursekit.course.questions.typed import numbers_in, parse_number

QUESTIONS = all_questions()
NUMERIC = [q for q in QUESTIONS if not q.choices]
CHOICES = [q for q in QUESTIONS if q.choices]
SLIPS = [(q, slip) for q in NUMERIC for slip in q.slips]


def _slip_id(pair):
    q, slip = pair
    return f"{q.id}:{slip.value:.4g}"


def _feedback(q, response) -> str:
    """The text of the widget's feedback after ``response`` is checked."""
    w = ask(q.id)
    w.response.value = response
    w.submit()
    return _text(w.feedback.value)


def _text(box: str) -> str:
    """The text of a feedback box, without its markup."""
    return html.unescape(re.sub(r"<[^>]+>", "", box))


def _gives_away(q, text: str) -> list[float]:
    """The numbers of ``text`` that are the numeric answer of ``q`` (within its tolerance), except those its
    prompt already shows."""
    shown = numbers_in(q.prompt)
    return [n for n in numbers_in(text) if q.is_right(n) and not any(q.is_right(m) for m in shown)]


def test_about_ten_numeric_questions_name_their_predictable_slips():
    assert len(NUMERIC) >= 10 and all(q.slips for q in NUMERIC)
    assert all(not q.slips for q in CHOICES), "a choice's why already says what a wrong choice overlooks"


@pytest.mark.parametrize("pair", SLIPS, ids=_slip_id)
def test_a_slip_gets_its_own_feedback_typed_as_a_number_or_as_text(pair):
    q, slip = pair
    assert q.slip(slip.value) is slip and q.why_wrong(slip.value) == slip.why
    text = _feedback(q, f"{slip.value:g}")
    assert "✘ Not quite. " + slip.why in text and NOT_IT not in text


@pytest.mark.parametrize("pair", SLIPS, ids=_slip_id)
def test_a_slip_lies_outside_the_answers_tolerance_and_names_the_slip_without_the_answer(pair):
    q, slip = pair
    assert not q.is_right(slip.value) and not slip.matches(q.answer)
    gap = abs(slip.value - q.answer)
    assert gap > slip.tolerance * abs(slip.value) + q.tolerance * abs(q.answer), "the two ranges overlap"
    assert slip.why and not _gives_away(q, slip.why), f"{q.id}: the slip's feedback shows the answer"


@pytest.mark.parametrize("q", NUMERIC, ids=lambda q: q.id)
def test_slips_of_one_question_do_not_overlap(q):
    for a, b in itertools.combinations(q.slips, 2):
        assert abs(a.value - b.value) > a.tolerance * abs(a.value) + b.tolerance * abs(b.value), (a.value, b.value)


@pytest.mark.parametrize("q", NUMERIC, ids=lambda q: q.id)
def test_the_right_answer_never_hears_a_slip_and_anything_else_hears_that_it_is_not_it(q):
    inside = q.tolerance * (1 - 1e-9)
    edges = [q.answer * (1 - inside), q.answer, q.answer * (1 + inside)]
    assert all(q.is_right(value) and q.slip(value) is None for value in edges)
    assert "✔ Right. " + q.explanation in _feedback(q, f"{q.answer:.12g}")
    other = next(q.answer * k for k in (7.3, 0.137, 13.7) if q.slip(q.answer * k) is None)
    assert q.why_wrong(other) == NOT_IT and NOT_IT in _feedback(q, f"{other:.6g}")


def test_a_percentage_without_its_sign_and_a_share_with_one_are_named():
    q = question("00-same-cost")
    assert q.is_right("90%") and not q.is_right("90")
    assert "needs its % sign" in q.why_wrong("90") and "hundred times too small" in q.why_wrong("0.9%")
    assert q.why_wrong("65.1") == NOT_IT
    first_value = question("05-first-value")
    assert "number of percent" in first_value.why_wrong("64.4"), "a question's own slip comes first"


@pytest.mark.parametrize("q", CHOICES, ids=lambda q: q.id)
def test_a_wrong_choice_says_why_it_is_wrong_without_naming_the_right_one(q):
    right = q.choices[q.answer]
    wrong = [choice for i, choice in enumerate(q.choices) if i != q.answer]
    elsewhere = numbers_in(q.prompt) + [n for choice in wrong for n in numbers_in(choice.text)]
    telling = [n for n in numbers_in(right.text) if n not in elsewhere]
    for choice in wrong:
        assert right.text not in choice.why and not choice.why.startswith("Yes")
        assert not [n for n in numbers_in(choice.why) if n in telling], f"{choice.why!r} names {right.text!r}"


@pytest.mark.parametrize("q", CHOICES, ids=lambda q: q.id)
def test_the_explanation_comes_with_the_right_choice_or_on_asking_never_with_a_wrong_one(q, tmp_path, monkeypatch):
    (tmp_path / records.FILENAME).write_text("{}\n")
    monkeypatch.chdir(tmp_path)
    for i, choice in enumerate(q.choices):
        text = _feedback(q, i)
        if i == q.answer:
            assert text.startswith("✔ Right. " + choice.why) and q.explanation in text
        else:
            assert choice.why in text and q.explanation not in text and q.answer_text not in text
    w = ask(q.id)
    w.reveal()
    assert q.explanation in _text(w.feedback.value)


@pytest.mark.parametrize("q", NUMERIC, ids=lambda q: q.id)
def test_the_box_shows_an_example_far_from_the_answer_in_forms_it_reads(q):
    placeholder = ask(q.id).response.placeholder
    assert placeholder == f"a number, e.g. {q.example}"
    numbers = numbers_in(placeholder)
    assert numbers and all(ratio(n, q.answer) >= 3 for n in numbers), f"{placeholder!r} is near {q.answer:g}"
    assert all(q.slip(n) is None for n in numbers), "typing the example is not met by a slip's feedback"
    forms = [parse_number(form) for form in q.example.split(" or ")]
    assert None not in forms and len(set(forms)) == 1, "the example's forms are one number, all read by the box"


@pytest.mark.parametrize("q", NUMERIC, ids=lambda q: q.id)
@pytest.mark.parametrize("typed", ["about 3", "", "  ", "0.644 °C", "3.16 α", "1.438,5", "inf"])
def test_text_that_is_not_a_number_is_told_the_form_expected_and_is_not_judged(q, typed, tmp_path, monkeypatch):
    (tmp_path / records.FILENAME).write_text("{}\n")
    monkeypatch.chdir(tmp_path)
    w = ask(q.id)
    w.response.value = typed
    w.submit()
    text = _text(w.feedback.value)
    assert "coursekit-hint" in w.feedback.value and q.example in text and "Not quite" not in text and NOT_IT not in text
    assert ("Type a number first" if not typed.strip() else "type the number alone") in text
    assert q.id not in records.load()["questions"]


def test_a_comma_says_how_it_was_read():
    q = question("08-uncorrected-first-step")
    assert q.why_wrong("3,162").startswith("I read '3,162' as 3162 (a comma before three digits separates thousands)")
    assert q.is_right("3,162%") is False and q.is_right("3.162") and q.is_right("3,16")
    assert question("04-recent-weight").is_right("0,651") and question("01-steps-per-epoch").why_wrong("22") == (
        question("01-steps-per-epoch").slips[0].why)


def test_the_size_the_slips_of_notebook_01_are_computed_from_is_the_datas():
    from coursekit.course.questions import nb01
    from coursekit.data import load_digits

    assert nb01.M == load_digits().X_train.shape[1]
