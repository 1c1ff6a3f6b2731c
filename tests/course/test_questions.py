"""Concept questions: well formed, verified against coursekit, asked in their notebooks, and answered by the widget."""

import re
from pathlib import Path

import nbformat
import pytest

from coursekit.course import questions, records
from coursekit.course.outline import NOTEBOOKS
from coursekit.course.questions import all_questions, ask, question
from coursekit.course.questions.widget import static_html, static_text

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = all_questions()
NOTEBOOK_FILES = {path.name[:2]: path for path in sorted((ROOT / "notebooks").glob("*.ipynb"))}


def _asked(path) -> list[str]:
    cells = nbformat.read(path, as_version=4).cells
    return [m for cell in cells if cell.cell_type == "code" for m in re.findall(r'ask\("([\w-]+)"\)', cell.source)]


@pytest.mark.parametrize("q", QUESTIONS, ids=lambda q: q.id)
def test_each_question_is_well_formed(q):
    assert re.fullmatch(r"\d\d-[a-z0-9-]+", q.id) and q.notebook in NOTEBOOKS
    assert q.prompt.endswith("?") and q.explanation
    if q.choices:
        assert 2 <= len(q.choices) <= 5 and q.answer in range(len(q.choices)) and q.tolerance == 0
        assert all(choice.text and choice.why for choice in q.choices)
        assert len({choice.text for choice in q.choices}) == len(q.choices)
    else:
        assert isinstance(q.answer, (int, float)) and q.tolerance >= 0


@pytest.mark.parametrize("q", [q for q in QUESTIONS if q.verify], ids=lambda q: q.id)
def test_a_measured_answer_is_what_coursekit_computes(q):
    value = q.verify()
    assert q.is_right(value), f"{q.id}: coursekit gives {value!r}, the question says {q.answer!r}"


def test_each_notebooks_module_holds_the_questions_of_that_notebook():
    assert [module.__name__.rsplit(".", 1)[1] for module in questions.MODULES] == [f"nb{n}" for n in NOTEBOOKS]
    assert all(q.notebook == module.__name__[-2:] for module in questions.MODULES for q in module.QUESTIONS)
    assert [q for module in questions.MODULES for q in module.QUESTIONS] == QUESTIONS


def test_question_ids_are_unique_and_found():
    ids = [q.id for q in QUESTIONS]
    assert len(ids) == len(set(ids))
    assert question(ids[0]) is QUESTIONS[0]
    with pytest.raises(ValueError, match="id must be one of the concept questions"):
        question("99-nothing")


@pytest.mark.parametrize("number", sorted(NOTEBOOK_FILES))
def test_every_notebook_asks_two_to_four_questions_each_once_and_all_of_its_own(number):
    asked = _asked(NOTEBOOK_FILES[number])
    own = [q.id for q in QUESTIONS if q.notebook == number]
    assert 2 <= len(asked) <= 4 and len(asked) == len(set(asked))
    assert sorted(asked) == sorted(own)


def test_numeric_answers_accept_the_tolerance_percentages_and_reject_garbage():
    q = question("00-same-cost")
    assert q.is_right("0.9") and q.is_right(0.905) and not q.is_right(0.95) and not q.is_right("a lot")
    assert q.is_right("90%") and q.is_right(" 90 % ") and not q.is_right("90")


def test_the_widget_says_when_it_cannot_read_a_number():
    w = ask("01-steps-per-epoch")
    w.response.value = "twenty-three"
    w.submit()
    assert "could not read a number" in w.feedback.value and "coursekit-hint" in w.feedback.value
    w.response.value = "23"
    w.submit()
    assert "coursekit-pass" in w.feedback.value


def test_the_widget_judges_explains_and_records_a_right_answer(tmp_path, monkeypatch):
    (tmp_path / records.FILENAME).write_text("{}\n")
    monkeypatch.chdir(tmp_path)
    w = ask("01-noisy-cost")
    w.submit()
    assert "Pick one of the choices first" in w.feedback.value
    w.response.value = 0
    w.submit()
    assert w.feedback.value.startswith('<div class="coursekit-fail"') and "Not quite" in w.feedback.value
    assert "01-noisy-cost" not in records.load()["questions"], "a wrong answer is not recorded as done"
    w.response.value = 1
    w.submit()
    assert w.feedback.value.startswith('<div class="coursekit-pass"')
    assert records.load()["questions"]["01-noisy-cost"]["passed"]


def test_a_number_question_takes_typed_text_and_can_reveal_its_answer():
    w = ask("01-steps-per-epoch")
    w.response.value = "22"
    w.submit()
    assert "Not quite" in w.feedback.value
    w.reveal()
    assert "Answer: 23" in w.feedback.value


def test_without_a_kernel_the_question_shows_as_text_with_the_answer_folded():
    w = ask("00-learning-rate")
    bundle = w._repr_mimebundle_()
    assert bundle["text/html"] == static_html(w.question) and bundle["text/plain"] == static_text(w.question)
    assert "application/vnd.jupyter.widget-view+json" in bundle
    html = bundle["text/html"]
    assert html.index("<details>") < html.index("Answer:"), "the answer stays folded until asked for"
    assert "<li>A. " in html and "<li>B. " in html, "the letters are part of the text: a sanitizer keeps them"
    assert "diverges" not in bundle["text/plain"].split("B.")[0]
