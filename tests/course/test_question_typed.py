"""The number box of a concept question reads numbers as learners type them, and nothing else."""

import numpy as np
import pytest

from coursekit.course.questions.typed import numbers_in, parse_number, reading_note, unreadable

READ = [
    ("0.65", 0.65), (" 65% ", 0.65), ("65 %", 0.65), (".5", 0.5), ("5.", 5.0), ("+2", 2.0),
    ("1,438", 1438.0), ("10,000,000", 1e7), ("1 438", 1438.0), ("1\u202f438", 1438.0), ("1,438.5", 1438.5),
    ("0,65", 0.65), ("0,650", 0.65), ("1,5", 1.5), ("0,651%", 0.00651),
    ("−0.5", -0.5), ("-0.5", -0.5), ("–0.5", -0.5),
    ("1e-3", 0.001), ("1E-3", 0.001), ("10^-3", 0.001), ("10^(-3)", 0.001), ("10**-3", 0.001), ("10⁻³", 0.001),
    ("2 × 10^-3", 0.002), ("2*10^-3", 0.002), ("2·10⁻³", 0.002), ("2x10^3", 2000.0),
    ("99/101", 99 / 101), ("1 / 2", 0.5), ("½", 0.5), ("¾", 0.75),
    ("≈ 0.9", 0.9), ("~3.16", 3.16),
    (0.9, 0.9), (23, 23.0), (np.float64(0.9), 0.9), (np.int64(3), 3.0),
]

NOT_READ = ["about 3", "", "   ", "0.65.", "1.438,5", "1,2,3", "1 2", "0. 65", "12 34", "inf", "nan", "-inf",
            "1e400", "10^400", "3/0", "1/2/3", "abc", "3.16 α", "0.644 °C", "23 steps", "Ⅻ", "²", "1_000",
            True, None, float("nan"), float("inf"), 10**400, [0.5]]


@pytest.mark.parametrize(("typed", "value"), READ, ids=[repr(t) for t, _ in READ])
def test_a_number_typed_in_any_common_form_is_read(typed, value):
    assert parse_number(typed) == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize("typed", NOT_READ, ids=repr)
def test_anything_else_is_not_read_as_a_number(typed):
    assert parse_number(typed) is None


def test_a_comma_is_read_as_thousands_before_three_digits_and_as_a_decimal_point_alone():
    assert reading_note("1,438") == "I read '1,438' as 1438 (a comma before three digits separates thousands). "
    assert reading_note("0,65") == "I read '0,65' as 0.65 (a lone comma is a decimal point). "
    assert reading_note("0.65") == reading_note("about 3") == reading_note(0.65) == ""


def test_unreadable_text_is_told_the_form_expected_with_the_example_given():
    assert unreadable("", "700") == unreadable("  ", "700") == "Type a number first, such as 700."
    message = unreadable("about 3", "0.1 or 10%")
    assert "'about 3'" in message and "without words or units" in message and message.endswith("0.1 or 10%.")
    assert "decimal with a point" in unreadable("1.438,5", "700")


def test_the_numbers_written_in_a_text_are_found_with_percentages_also_as_shares():
    assert numbers_in("e.g. 0.06 or 6%") == [0.06, 6.0, 0.06]
    assert numbers_in("1,438 − 22 · 64 = 30, and −0.9") == [1438.0, 22.0, 64.0, 30.0, -0.9]
    assert numbers_in("β¹⁰ and no digits") == []
