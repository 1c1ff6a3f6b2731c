"""Concept questions of notebook 05: the first value of an average started at zero, how long the start-up
bias lasts, and why Adam keeps the correction."""

import numpy as np

from coursekit.averages import correction_factor, ewa, warmup_steps
from coursekit.course.questions.question import Choice, Question, Slip
from coursekit.data import daily_temperatures

__all__ = ["QUESTIONS"]

#: The warm-up lengths offered by the choices of "05-warmup", in their order.
_WARMUPS = (10, 44, 230)


def _first_value() -> float:
    dates, temps = daily_temperatures(2015)
    return float(ewa(temps[dates >= np.datetime64("2015-07-01")], 0.98)[0])


def _warmup_choice() -> int:
    return int(np.argmin([abs(warmup_steps(0.9) - w) for w in _WARMUPS]))


def _why_adam() -> int:
    """0 when β₂ = 0.999 warms up over thousands of steps and the uncorrected first step is over 3 times too large."""
    first_step_ratio = np.sqrt(correction_factor(0.999, 1)) / correction_factor(0.9, 1)
    return 0 if warmup_steps(0.999) > 1000 and first_step_ratio > 3 else 1


QUESTIONS = (
    Question(
        id="05-first-value",
        prompt="On 1 July 2015 Seattle's maximum was θ₁ = 32.2 °C. Starting from v₀ = 0 with β = 0.98, "
               "what is v₁ in °C?",
        answer=0.644,
        tolerance=0.01,
        explanation="v₁ = β · 0 + (1 − β) θ₁ = 0.02 × 32.2 = 0.644 °C: the average starts out at 2 % of the "
                    "temperature, because 98 % of its weight still sits on the made-up v₀ = 0.",
        verify=_first_value,
        slips=(
            Slip(float(ewa([32.2], 1 - 0.98)[0]), 0.01, "That gives the new value the weight β and v₀ the weight "
                                                        "1 − β: in v₁ = β v₀ + (1 − β) θ₁ the large weight stays on "
                                                        "the old average."),
            Slip(float(ewa([32.2], 0.98, bias_correction=True)[0]), 0.005,
                 "That is the corrected value v̂₁ = v₁ / (1 − β), which bias correction brings back to θ₁: the "
                 "question asks for v₁ itself, before any correction."),
            Slip(0, 0, "That is v₀: one step of v = β v + (1 − β) θ has already been taken."),
            Slip(10 * float(ewa([32.2], 0.98)[0]), 0.01, "That is ten times too large: check the decimal point of "
                                                         "1 − 0.98."),
            Slip(100 * float(ewa([32.2], 0.98)[0]), 0.01, "That takes 1 − β as the number of percent: as a factor, "
                                                          "two percent is two hundredths."),
        ),
    ),
    Question(
        id="05-warmup",
        prompt="For β = 0.9, after how many steps is the correction factor 1/(1 − βᵗ) within 1 % of 1?",
        choices=(
            Choice("About 10 steps, the average's window 1/(1 − β).",
                   "At t = 10 the factor is still 1/(1 − 0.9¹⁰) = 1.54: the uncorrected average is a third too "
                   "low. 1/(1 − β) is the length of the average's memory, not of its warm-up."),
            Choice("About 44 steps.",
                   "0.9ᵗ must fall below 0.01/1.01 = 0.0099: t ≥ ln 0.0099 / ln 0.9 = 43.8, so t = 44."),
            Choice("About 230 steps.",
                   "That is the warm-up of a longer memory, β = 0.98. With β = 0.9 the weights fade faster: find "
                   "when 0.9ᵗ falls below about 1 %."),
        ),
        answer=1,
        explanation="1/(1 − 0.9ᵗ) ≤ 1.01 from t = 44 on. The warm-up lasts about 4.6 / (1 − β) steps: "
                    "229 for β = 0.98 and 4,613 for β = 0.999.",
        verify=_warmup_choice,
    ),
    Question(
        id="05-adam",
        prompt="Momentum (an average of the gradients with β = 0.9) often skips bias correction, but Adam "
               "(the same average, divided by the square root of an average of squared gradients with β = 0.999) "
               "keeps it. Why?",
        choices=(
            Choice("Adam divides by the root of its β = 0.999 average, which stays too small for thousands of steps.",
                   "Uncorrected, a too-small divisor would make Adam's first steps several times too large "
                   "(× 3.2 at t = 1, more after), while momentum's are only too small, for about 44 steps: a "
                   "gentle warm-up."),
            Choice("Adam is newer, and its authors simply chose to include it.",
                   "The choice has a measurable reason, which the correction factors of the two averages show: "
                   "compare how long each stays far from 1, and whether leaving it out makes a step too small or "
                   "too large."),
            Choice("Both of Adam's averages start too low, so their biases cancel in the division.",
                   "They would cancel only if both were too low by the same factor. They are not: v by 1 − 0.9ᵗ, "
                   "√s by √(1 − 0.999ᵗ), at t = 1 a factor 0.1 against 0.03."),
        ),
        answer=0,
        explanation="Uncorrected, Adam's step is (1 − 0.9ᵗ)/√(1 − 0.999ᵗ) times the intended one: 3.16 at t = 1, "
                    "up to 6.57 at t = 12, and still 1.26 at t = 1,000. Momentum's is 1 − 0.9ᵗ: smaller, and "
                    "within 1 % from t = 44.",
        verify=_why_adam,
    ),
)
