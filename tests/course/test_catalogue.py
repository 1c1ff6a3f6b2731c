"""The catalogue of known mistakes is consistent: each wrong implementation is named as its own mistake.

A mistake listed after another that gives the same results on the cases would never be named; a case
added to tell two mistakes apart keeps them apart only as long as this holds.
"""

import pytest

from coursekit.course.exercises import evaluate, exercise, names

CATALOGUED = [
    (name, mistake) for name in names() for mistake in exercise(name).mistakes if mistake.wrong is not None
]


@pytest.mark.parametrize("name, mistake", CATALOGUED, ids=[f"{n}-{m.name}" for n, m in CATALOGUED])
def test_each_catalogued_wrong_answer_fails_and_is_named_as_its_own_mistake(name, mistake):
    result = evaluate(name, mistake.wrong)
    assert not result.passed, f"{mistake.name!r} passes every case: no case shows it"
    assert result.mistake == mistake.name, f"{mistake.name!r} is reported as {result.mistake!r}"


def test_no_two_mistakes_of_an_exercise_share_a_name():
    for name in names():
        listed = [mistake.name for mistake in exercise(name).mistakes]
        assert len(listed) == len(set(listed)), name
