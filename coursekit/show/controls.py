"""The controls of the explorers in the course's layout: sliders of one width, their ranges checked.

A slider clamps a value outside its range without a word, and a browser snaps it to ``min + k · step``;
these helpers widen the range to hold the value and lay a log scale's steps through it.
"""

from __future__ import annotations

import math

import ipywidgets as widgets

from coursekit import _validate

#: The controls' look: room for the longest description, and sliders of one width.
DESCRIPTION_STYLE, CONTROL_LAYOUT = {"description_width": "11em"}, {"width": "480px"}


def slider(kind, description: str, value, low, high, step, **kwargs):
    """A slider of ``kind`` in the course's layout, its range widened to hold ``value`` (a slider clamps silently).

    >>> s = slider(widgets.FloatSlider, "β", 0.995, 0.0, 0.99, 0.01)
    >>> s.min, s.max, s.value
    (0.0, 0.995, 0.995)
    """
    _range(description, low, high, value)
    _validate.positive(step, "step")
    return kind(description=description, value=value, min=min(low, value), max=max(high, value), step=step,
                style=DESCRIPTION_STYLE, layout=CONTROL_LAYOUT, **kwargs)


def log_slider(description: str, value: float, low: float, high: float):
    """A slider on a log10 scale from ``low`` to ``high`` (widened to hold ``value``), 20 steps per decade.

    A browser snaps a slider's value to ``min + k · step``; the steps start just below ``low`` so that
    ``value`` lies on one (an α of 2/101 stays 0.0198 instead of becoming 10^−1.7 ≈ 0.01995).

    >>> s = log_slider("α", 0.1, 1e-4, 3.0)
    >>> round(s.min, 3), round(s.max, 3), s.value
    (-4.0, 0.477, 0.1)
    >>> s = log_slider("α", 2 / 101, 1e-4, 3.0)
    >>> round((math.log10(s.value) - s.min) / s.step, 9) % 1, round(s.min, 4)
    (0.0, -4.0033)
    """
    _range(description, _validate.positive(low, "low"), _validate.positive(high, "high"),
           _validate.positive(value, "value"))
    exponent, step = math.log10(value), 0.05
    lowest = exponent - math.ceil(round((exponent - math.log10(low)) / step, 9)) * step
    return widgets.FloatLogSlider(description=description, value=value, min=min(lowest, exponent),
                                  max=max(math.log10(high), exponent), step=step, style=DESCRIPTION_STYLE,
                                  layout=CONTROL_LAYOUT)


def _range(description, low, high, value) -> None:
    """Check a slider's range: finite numbers with ``low <= high``, and a finite ``value``; its ``description``."""
    if not isinstance(description, str):
        raise TypeError(f"description must be a string (the slider's label), got {description!r:.60}")
    for name, number in (("low", low), ("high", high), ("value", value)):
        _validate.finite(number, name)
    if not low <= high:
        raise ValueError(f"high must be a number >= low ({low!r}), got {high!r}")
