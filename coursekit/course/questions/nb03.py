"""Concept questions of notebook 03: how much weight the recent days carry, how far the average trails a
trend, and a moving window against the average at equal lag."""

import numpy as np

from coursekit.averages import ewa, ewa_weights
from coursekit.course.questions.question import Choice, Question
from coursekit.data import load_seattle_weather
from coursekit.experiments.lag import seasonal_curve
from coursekit.experiments.smoothers import compare_to_reference

__all__ = ["QUESTIONS"]

#: The lags offered by the choices of "03-trend-lag", in their order.
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
        id="03-recent-weight",
        prompt="With β = 0.9, what share of the average's total weight lies on the 10 most recent days "
               "(k = 0..9, today included)?",
        answer=0.651,
        tolerance=0.02,
        explanation="(1 − β)(1 + β + … + β⁹) = 1 − β¹⁰ = 1 − 0.349 = 0.651: about two thirds. The other third "
                    "lies further back — and β¹⁰ = 0.349 ≈ 1/e is the 'falls to a third' of the lecture.",
        verify=lambda: float(ewa_weights(0.9, 10).sum()),
    ),
    Question(
        id="03-trend-lag",
        prompt="The β = 0.98 average covers 'about 50 days'. If the temperature rose by the same amount every "
               "day, how many days behind the data would the settled average run?",
        choices=(
            Choice("About 25 days: the middle of its 50-day window.",
                   "That is a 50-day moving window, whose days have mean age 24.5. The average's weights do not "
                   "stop at 50 days: a third of them lies further back, which pulls its mean age to 49."),
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
        id="03-window-vs-ewa",
        prompt="A moving window of 19 days and the average with β = 0.9 trail a trend by the same 9 days. "
               "Which comes closer to the seasonal curve of Seattle's temperatures (2013-2015)?",
        choices=(
            Choice("The window, clearly (more than 5 % closer): it averages its 19 days exactly.",
                   "Exact equal weights are no advantage here: at equal lag the two leave the same share of "
                   "the day-to-day noise, and the measurement shows no gain for the window."),
            Choice("About the same (within 5 %); the average a little closer.",
                   "At equal lag they pass the same share of independent noise (σ²/N); the average weighs the "
                   "most recent days more, which suits temperatures that persist from day to day."),
            Choice("The average, by far (more than 20 % closer).",
                   "The difference is small: both are trailing averages with the same lag; the average's real "
                   "advantage is memory (one number instead of 20) and simplicity."),
        ),
        answer=1,
        explanation="Measured below: 1.96 °C for the average and 2.01 °C for the window. The lecture's case for "
                    "the average is not accuracy but cost: one number of memory and one line of code.",
        verify=_window_or_ewa,
    ),
)
