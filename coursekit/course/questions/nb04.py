"""Concept questions of notebook 04: how much weight the recent days carry, how far the average trails a
trend, and a moving window against the average at equal lag."""

import numpy as np

from coursekit.averages import ewa, ewa_weights
from coursekit.course.questions.question import Choice, Question, Slip
from coursekit.data import load_seattle_weather
from coursekit.experiments.lag import seasonal_curve
from coursekit.experiments.smoothers import compare_to_reference

__all__ = ["QUESTIONS"]

#: The lags offered by the choices of "04-trend-lag", in their order.
_TREND_LAGS = (25.0, 49.0, 1.0)


def _trend_lag_choice() -> int:
    """The choice nearest to the settled lag of the β = 0.98 average behind a steady rise of 1 per day."""
    days = np.arange(2000.0)
    settled_lag = days[-1] - ewa(days, 0.98)[-1]
    return int(np.argmin([abs(settled_lag - choice) for choice in _TREND_LAGS]))


def _window_or_ewa() -> int:
    """0 if the 19-day window is > 5 % closer to the seasonal curve, 2 if the EWA is > 20 % closer, 1 otherwise."""
    weather = load_seattle_weather()
    start = int(np.argmax(weather.dates >= np.datetime64("2013-01-01")))
    c = compare_to_reference(weather.temp_max, seasonal_curve(weather.temp_max), [19], start=start)
    window, average = float(c.window_error[0]), float(c.ewa_error[0])
    if window < 0.95 * average:
        return 0
    return 2 if average < 0.8 * window else 1


QUESTIONS = (
    Question(
        id="04-recent-weight",
        prompt="With β = 0.9, what share of the average's total weight lies on the 10 most recent days "
               "(k = 0..9, today included)?",
        answer=0.651,
        tolerance=0.02,
        explanation="(1 − β)(1 + β + … + β⁹) = 1 − β¹⁰ = 1 − 0.349 = 0.651: about two thirds. The other third "
                    "lies further back — and β¹⁰ = 0.349 ≈ 1/e is the 'falls to a third' of the lecture.",
        verify=lambda: float(ewa_weights(0.9, 10).sum()),
        slips=(
            Slip(1 - float(ewa_weights(0.9, 10).sum()), 0.02,
                 "That is the weight of everything older than the 10 days, β¹⁰: the question asks for the share "
                 "of the 10 most recent."),
            Slip(float(ewa_weights(0.9, 1)[0]), 0.02, "That is today's weight alone, 1 − β: the share adds the "
                                                      "weights of all 10 days, k = 0..9."),
            Slip(float(ewa_weights(0.9, 10)[-1]), 0.02, "That is the weight of the tenth day alone, (1 − β)β⁹: the "
                                                        "share adds the weights of all 10 days, k = 0..9."),
            Slip(10 * float(ewa_weights(0.9, 1)[0]), 0.02,
                 "That gives all 10 days today's weight 1 − β; but the weights fade, (1 − β)βᵏ for the day k "
                 "steps back."),
            Slip(float(ewa_weights(0.9, 9).sum()), 0.015, "That adds 9 weights, k = 0..8: the 10 most recent days are "
                                                          "k = 0..9, today included."),
            Slip(float(ewa_weights(0.9, 11).sum()), 0.015, "That adds 11 weights, k = 0..10: the 10 most recent days "
                                                           "are k = 0..9, today included."),
        ),
    ),
    Question(
        id="04-trend-lag",
        prompt="The β = 0.98 average covers 'about 50 days'. If the temperature rose by the same amount every "
               "day, how many days behind the data would the settled average run?",
        choices=(
            Choice("About 25 days: the middle of its 50-day window.",
                   "25 days is the lag of a 50-day moving window, whose equal weights have mean age 24.5. The "
                   "average's weights are not equal and do not stop at 50 days: a third of them lies further back. "
                   "What is their mean age, Σ k (1 − β) βᵏ?"),
            Choice("About 49 days: the mean age of its weights, β / (1 − β).",
                   "On a straight line the average equals the data of its weights' mean age ago: "
                   "Σ k (1 − β) βᵏ = β / (1 − β) = 0.98 / 0.02 = 49 days."),
            Choice("About 1 day: today's temperature is part of the average.",
                   "Today's temperature has weight 1 − β = 0.02 only; most of the weight sits on days long past."),
        ),
        answer=1,
        explanation="The lag behind a steady trend is the mean age of the weights, β / (1 − β): 1 day for β = 0.5, "
                    "9 for 0.9, 49 for 0.98. It grows like 1/(1 − β), so the smoothest averages trail the most.",
        verify=_trend_lag_choice,
    ),
    Question(
        id="04-window-vs-ewa",
        prompt="A moving window of 19 days and the average with β = 0.9 trail a trend by the same 9 days. "
               "Which comes closer to the seasonal curve of Seattle's temperatures over the four years 2012–2015 "
               "(2012 the warm-up)?",
        choices=(
            Choice("The window, clearly (more than 5 % closer): it averages its 19 days exactly.",
                   "Equal weights are not more exact than fading ones: both are weighted means of the past. At equal "
                   "lag both let through the same share of independent day-to-day noise, 1/19 of its variance, so "
                   "where would a clear gain for the window come from?"),
            Choice("About the same (within 5 %); the average a little closer.",
                   "At equal lag they pass the same share of independent noise (σ²/N); the average weighs the "
                   "most recent days more, which suits temperatures that persist from day to day."),
            Choice("The average, by far (more than 20 % closer).",
                   "A gain of more than 20 % would need the average to trail much less or to pass much less noise; "
                   "but at equal lag both trail a trend by 9 days and pass the same share of independent noise."),
        ),
        answer=1,
        explanation="Measured below: 1.96 °C for the average and 2.01 °C for the window. The lecture's case for "
                    "the average is not accuracy but cost: one number of memory and one line of code.",
        verify=_window_or_ewa,
    ),
)
