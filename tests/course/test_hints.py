"""Progressive hints: two or three per exercise, from a nudge to nearly the answer, none spelling out the code."""

import re
from pathlib import Path

import nbformat
import pytest

from coursekit.course import hints
from coursekit.course.tools import editions
from coursekit.course.exercises import evaluate, exercise, machinery, names

ROOT = Path(__file__).resolve().parents[2]


def _solution_lines() -> set[str]:
    lines = set()
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            for region in re.findall(rf"{re.escape(editions.BEGIN)}\n(.*?){re.escape(editions.END)}", cell.source, re.S):
                lines |= {" ".join(line.split()) for line in region.splitlines() if len(line.strip()) > 6}
    return lines


@pytest.mark.parametrize("name", names())
def test_each_exercise_has_two_or_three_distinct_hints(name):
    found = exercise(name).hints
    assert 2 <= len(found) <= 3 and len(set(found)) == len(found)
    assert all(hint.strip() == hint and hint.endswith((".", "?")) for hint in found)


@pytest.mark.parametrize("name", names())
def test_no_hint_spells_out_the_code(name):
    solution = _solution_lines()
    for hint in exercise(name).hints:
        flat = " ".join(hint.split())
        assert not any(line in flat for line in solution), f"hint gives a solution line away: {hint!r}"
        assert not re.search(r"\w+\s*=\s*[\w.()]+\s*[-+*/]\s*\w|\breturn\s+\w+\s*[-+*/,(]", hint), f"hint is code: {hint!r}"


def test_hint_reveals_the_next_hint_each_call_and_stays_on_the_last():
    hints._shown.clear()
    shown = [hints.hint("adam_update") for _ in range(4)]
    total = len(exercise("adam_update").hints)
    assert [h.number for h in shown] == [1, 2, 3, 3] and shown[0].total == total == 3
    assert shown[0].text == exercise("adam_update").hints[0]
    assert "the last one" in repr(shown[2]) and "the last one" not in repr(shown[1])
    assert shown[0]._repr_html_().startswith('<div class="coursekit-hint"')


def test_hint_rejects_an_unknown_exercise():
    with pytest.raises(ValueError, match="name must be one of the exercises"):
        hints.hint("adam")


#: What code looks like in a text meant to be read: the answer's operators and identifiers, not words or maths
#: (the maths writes − and · where code writes - and *).
CODE = {
    "a power written **": r"\*\*",
    "a floor division //": r"//",
    "a library call": r"\b(?:np|numpy|math|rng)\.\w",
    "an augmented assignment": r"\w(?:\[[^\]]*\])?\s*[-+*/]=",
    "an ASCII minus or times between operands": r"[\w)\]] [-*] [\w(]",
    "a slice of an array": r"\w\[[^\]]*:[^\]]*\]",
    "a call of numpy or Python": r"\b(?:zeros_like|zeros|ones_like|empty_like|sqrt|sum|mean|power|floor|ceil|round|"
                                 r"permutation|default_rng|range|len|copy|deepcopy|shuffle)\(",
    "code in backticks": r"`[^`]*[-+*/=][^`]*`",
}


def _code_in(text: str) -> list[str]:
    return [what for what, pattern in CODE.items() if re.search(pattern, text)]


def _report_prose(name: str) -> list[str]:
    """The lines a check writes itself (not the values or the learner's code it quotes), for several failures."""
    entry = exercise(name)
    functions = [lambda *args: (_ for _ in ()).throw(NotImplementedError()), lambda *args: None]
    functions += [mistake.wrong for mistake in entry.mistakes if mistake.wrong is not None]
    quoted = ("  arguments: ", "  your function raised ")
    reports = [evaluate(name, fn).lines for fn in functions]
    return [line for lines in reports for line in lines[:2] + lines[3:] if not line.startswith(quoted)]


def test_the_code_patterns_catch_answers_spelled_out():
    spelled_out = ["1 - beta ** t", "each array must be new (np.zeros_like(params[k]))", "epoch_num // time_interval",
                   "Write `w = w - ...` to make a new one.", "an augmented assignment such as -= would",
                   "permute with X[:, p]", "beta * t multiplies", "a permutation of range(m)"]
    assert all(_code_in(text) for text in spelled_out)
    in_words = ["v / (1 − βᵗ) for t ≥ 1", "W − α dW; adding α dW climbs uphill", "α₀ / (1 + rate) · epoch",
                "mini-batch gradients, b1, W2, ... included", 'stuck? hint("gd_update") gives a first hint']
    assert not any(_code_in(text) for text in in_words)


@pytest.mark.parametrize("name", names())
def test_no_hint_or_mistake_of_an_exercise_spells_out_code(name):
    entry = exercise(name)
    texts = [*entry.hints, *(text for mistake in entry.mistakes for text in (mistake.name, mistake.explanation))]
    spelled = {text: _code_in(text) for text in texts if _code_in(text)}
    assert not spelled, f"say these in words or in the notebook's maths: {spelled}"


@pytest.mark.parametrize("name", names())
def test_no_message_of_the_check_spells_out_code(name):
    general = [mistake.explanation for mistake in (machinery.IN_PLACE, machinery.UNSEEDED, machinery.SEED_IGNORED)]
    spelled = {text: _code_in(text) for text in [*general, *_report_prose(name)] if _code_in(text)}
    assert not spelled, f"say these in words or in the notebook's maths: {spelled}"


def test_the_last_hint_says_something_true_of_every_exercise():
    last = repr(hints.Hint("gd_update", 3, 3, "text."))
    assert "(the last one: from here the check's report says which case fails and how)" in last
    assert "formula above" not in last
