"""The concept-check widget: a question, its choices or a number box, Check, and feedback at once.

Live (a running kernel) it is an ipywidgets ``VBox``. Stored in a notebook it also carries a static face
in its output: the question and its choices as HTML with the answer folded in a ``<details>`` element,
which GitHub, nbviewer, a static site or a notebook not yet run show in place of the widget.
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from coursekit.course import records
from coursekit.course.boxes import box
from coursekit.course.questions.question import Question
from coursekit.course.questions.typed import parse_number, unreadable

__all__ = ["ConceptCheck", "LETTERS", "static_html", "static_text"]

LETTERS = "ABCDEFGH"
#: The choices' labels wrap and grow with their text (ipywidgets gives each radio label one line's height, so a
#: long choice would run over the next one and under the buttons).
CHOICES_CLASS = "coursekit-choices"
CHOICES_STYLE = (f"<style>.{CHOICES_CLASS} label {{height: auto; line-height: 1.35; display: flex; "
                 f"align-items: flex-start; margin-bottom: 3px;}} .{CHOICES_CLASS} label input {{float: none; "
                 f"order: -1; flex: none; height: 1.35em; margin-top: 0;}}</style>")


class ConceptCheck(widgets.VBox):
    """A concept question answered in place.

    Attributes: ``question``; ``response`` (the radio buttons, or a text box for a number); ``feedback``
    (an ``HTML`` filled by :meth:`submit` or :meth:`reveal`).

    >>> from coursekit.course.questions import question
    >>> w = ConceptCheck(question("00-learning-rate"))
    >>> w.response.value = w.question.answer
    >>> w.submit(); w.feedback.value.startswith('<div class="coursekit-pass"')
    True
    """

    def __init__(self, question: Question):
        self.question = question
        style = CHOICES_STYLE if question.choices else ""
        prompt = widgets.HTMLMath(f"{style}<b>Question.</b> {escape(question.prompt)}")
        if question.choices:
            options = [(f"{LETTERS[i]}. {choice.text}", i) for i, choice in enumerate(question.choices)]
            self.response = widgets.RadioButtons(options=options, value=None,
                                                 layout=widgets.Layout(width="auto"))
            self.response.add_class(CHOICES_CLASS)
        else:
            self.response = widgets.Text(placeholder=f"a number, e.g. {question.example}", description="your answer",
                                         style={"description_width": "initial"})
        check = widgets.Button(description="Check", button_style="primary", layout=widgets.Layout(width="8em"))
        reveal = widgets.Button(description="Show the answer", layout=widgets.Layout(width="12em"))
        check.on_click(lambda _: self.submit())
        reveal.on_click(lambda _: self.reveal())
        self.feedback = widgets.HTML()
        super().__init__([prompt, self.response, widgets.HBox([check, reveal]), self.feedback],
                         layout=widgets.Layout(border="1px solid #ccc", padding="6px 10px", margin="4px 0"))

    def submit(self) -> None:
        """Judge the current response and say why (a wrong one is never told the right answer); record a right
        answer in the learner's progress. A number box that holds no number is told the form expected."""
        q, value = self.question, self.response.value
        if value is None:
            self.feedback.value = box("Pick one of the choices first.", "hint")
            return
        if not q.choices and parse_number(value) is None:
            self.feedback.value = box(unreadable(value, q.example), "hint")
            return
        if q.is_right(value):
            records.record("questions", q.id, True, q.notebook)
            self.feedback.value = box(f"✔ Right. {q.why_right(value)}", "pass")
        else:
            self.feedback.value = box(f"✘ Not quite. {q.why_wrong(value)}\nThink again and try another answer, "
                                      "or show the answer.", "fail")

    def reveal(self) -> None:
        """Show the right answer and the explanation (the question is not counted as answered)."""
        q = self.question
        self.feedback.value = box(f"Answer: {q.answer_text}\n{q.explanation}", "hint")

    def _repr_mimebundle_(self, **kwargs):
        data = super()._repr_mimebundle_(**kwargs)
        data["text/plain"] = static_text(self.question)
        data["text/html"] = static_html(self.question)
        return data


def static_text(q: Question) -> str:
    """The question as plain text, for a reader without a kernel (the answer is not given away)."""
    lines = [f"Question: {q.prompt}"]
    lines += [f"  {LETTERS[i]}. {choice.text}" for i, choice in enumerate(q.choices)]
    lines.append("(run the notebook to answer it here)")
    return "\n".join(lines)


def static_html(q: Question) -> str:
    """The question as HTML for a static page: the choices listed, the answer folded until asked for."""
    choices = "".join(f"<li>{LETTERS[i]}. {escape(choice.text)}</li>" for i, choice in enumerate(q.choices))
    listed = (f'<ul style="list-style:none;padding-left:1em">{choices}</ul>' if choices
              else "<p><i>Answer with a number.</i></p>")
    return (
        f'<div class="coursekit-question" style="border:1px solid #ccc;padding:6px 10px;margin:4px 0">'
        f"<p><b>Question.</b> {escape(q.prompt)}</p>{listed}"
        f"<details><summary>Show the answer</summary><p><b>Answer:</b> {escape(q.answer_text)}</p>"
        f"<p>{escape(q.explanation)}</p></details></div>"
    )
