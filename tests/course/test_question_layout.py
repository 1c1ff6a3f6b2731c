"""The concept-check widget lays long choices out on as many lines as they need (coursekit.course.questions.widget).

ipywidgets gives each radio label the height of one line: a choice longer than the cell is wide ran over the next
choice and under the buttons (notebook 10's question on the degenerate minimum, in a 1,000-pixel window). The
widget marks its choices with a class and carries the style that lets their labels wrap and grow.
"""

from coursekit.course.questions import all_questions, ask
from coursekit.course.questions.widget import CHOICES_CLASS, CHOICES_STYLE


def test_the_choices_carry_the_class_whose_labels_wrap_and_grow():
    w = ask("10-degenerate-minimum")
    assert CHOICES_CLASS in w.response._dom_classes
    prompt = w.children[0].value
    assert prompt.startswith(CHOICES_STYLE) and "<b>Question.</b>" in prompt
    for rule in (f".{CHOICES_CLASS} label", "height: auto", "display: flex", "order: -1"):
        assert rule in CHOICES_STYLE, rule


def test_a_question_answered_with_a_number_has_no_choices_and_no_style():
    q = next(q for q in all_questions() if not q.choices)
    w = ask(q.id)
    assert CHOICES_CLASS not in w.response._dom_classes and "<style>" not in w.children[0].value
