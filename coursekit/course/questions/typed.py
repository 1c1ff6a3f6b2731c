"""Numbers as a learner types them into a concept question's box, and what to say when there is none.

The box reads what a careful reader would: ``0.65``, ``65%`` (0.65), ``.5``, ``−0.5`` (a typographic minus),
``1e-3``, ``10^-3``, ``2 × 10⁻³``, ``99/101``, ``½``, a leading ``≈``; commas and spaces between groups of three
digits as thousands (``1,438``, ``1 438``) and a lone comma as a decimal comma (``0,65``). Anything else —
words, units, ``1.438,5``, ``inf`` — is not read, and :func:`unreadable` says what form is expected.
"""

from __future__ import annotations

import math
import re
import unicodedata

from coursekit._validate import is_number

__all__ = ["numbers_in", "parse_number", "reading_note", "unreadable"]

_DASHES = str.maketrans({"\u2212": "-", "\u2013": "-"})
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_PLAIN = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?", re.IGNORECASE)
_GROUPED = re.compile(r"[+-]?[1-9]\d{0,2}(?P<sep>[, \u00a0\u202f\u2009])\d{3}((?P=sep)\d{3})*(\.\d+)?")
_POWER = re.compile(r"((?P<mantissa>[^*×x·]+)[*×x·])?10(\^|\*\*)\(?(?P<exponent>[+-]?\d+)\)?")
_WRITTEN = re.compile(r"[-\u2212]?\d+(?:,\d{3})*(?:\.\d+)?(?:e[+-]?\d+)?(?P<percent>\s?%)?", re.IGNORECASE)


def parse_number(response) -> float | None:
    """The number in what a learner typed, or None if there is none (or it is not finite).

    >>> parse_number(" 65% "), parse_number("1,438"), parse_number("0,65"), parse_number("−0.5")
    (0.65, 1438.0, 0.65, -0.5)
    >>> parse_number("10^-3"), parse_number("2 × 10⁻³"), parse_number("½"), parse_number("about 3")
    (0.001, 0.002, 0.5, None)
    """
    if is_number(response):
        try:
            value = float(response)
        except OverflowError:
            return None
    else:
        value = _read(str(response))
    return value if value is not None and math.isfinite(value) else None


def _read(text: str) -> float | None:
    text = re.sub(r"^[≈~]", "", text.strip().translate(_DASHES)).strip()
    scale = 1.0
    if text.endswith("%"):
        text, scale = text[:-1].rstrip(), 0.01
    if _GROUPED.fullmatch(text):
        text = re.sub(r"[, \u00a0\u202f\u2009]", "", text)
    if re.search(r"[\d.,]\s+[\d.,]", text):  # "1 2", "0. 65": digits apart, and not in groups of three
        return None
    text = re.sub(r"\s+", "", text)
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    value = _value(text)
    return None if value is None else value * scale


def _value(text: str) -> float | None:
    """A plain number, a power of ten (with a factor before it), a fraction a/b, or a character such as ½."""
    text = re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+", lambda m: "^" + m.group().translate(_SUPERSCRIPTS), text)
    if _PLAIN.fullmatch(text):
        return float(text)
    power = _POWER.fullmatch(text)
    if power:
        mantissa = power["mantissa"] or "1"
        return float(f"{mantissa}e{power['exponent']}") if _PLAIN.fullmatch(mantissa) else None
    if text.count("/") == 1:
        top, bottom = text.split("/")
        if _PLAIN.fullmatch(top) and _PLAIN.fullmatch(bottom) and float(bottom) != 0:
            return float(top) / float(bottom)
        return None
    if len(text) == 1 and "VULGAR FRACTION" in unicodedata.name(text, ""):
        return unicodedata.numeric(text)
    return None


def numbers_in(text: str) -> list[float]:
    """Every number written in ``text``, read as written and, when a % sign follows, also as a share.

    >>> numbers_in("e.g. 0.1 or 10%, from 1,438 down to −2")
    [0.1, 10.0, 0.1, 1438.0, -2.0]
    """
    found = []
    for match in _WRITTEN.finditer(text):
        value = float(match.group().rstrip("% ").replace(",", "").translate(_DASHES))
        found += [value, value / 100] if match["percent"] else [value]
    return found


def reading_note(response) -> str:
    """How a typed answer with a comma was read (a comma is ambiguous across locales), or "" for any other.

    >>> reading_note("3,162")
    "I read '3,162' as 3162 (a comma before three digits separates thousands). "
    """
    text, value = str(response).strip(), parse_number(response)
    if "," not in text or value is None:
        return ""
    grouped = _GROUPED.fullmatch(text.rstrip("% ").translate(_DASHES))
    rule = "a comma before three digits separates thousands" if grouped else "a lone comma is a decimal point"
    return f"I read {text!r} as {value:g} ({rule}). "


def unreadable(response, example: str) -> str:
    """What to tell a learner whose answer holds no number :func:`parse_number` reads: the form expected.

    >>> unreadable("about 3", "0.1 or 10%")
    "I could not read a number in 'about 3': type the number alone, without words or units, such as 0.1 or 10%."
    """
    text = str(response).strip()
    if not text:
        return f"Type a number first, such as {example}."
    advice = f"I could not read a number in {text!r}: type the number alone, without words or units, such as {example}."
    if "," in text:
        advice += " Write a decimal with a point, and nothing between the thousands."
    return advice
