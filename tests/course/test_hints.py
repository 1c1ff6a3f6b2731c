"""Progressive hints: two or three per exercise, from a nudge to nearly the answer, none spelling out the code."""

import re
from pathlib import Path

import nbformat
import pytest

from coursekit.course import hints
from coursekit.course.tools import editions
from coursekit.course.exercises import exercise, names

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
    shown = [hints.hint("initialize_adam") for _ in range(3)]
    assert [h.number for h in shown] == [1, 2, 2] and shown[0].total == 2
    assert shown[0].text == exercise("initialize_adam").hints[0]
    assert "the last one" in repr(shown[1]) and "the last one" not in repr(shown[0])
    assert shown[0]._repr_html_().startswith('<div class="coursekit-hint"')


def test_hint_rejects_an_unknown_exercise():
    with pytest.raises(ValueError, match="name must be one of the exercises"):
        hints.hint("adam")
