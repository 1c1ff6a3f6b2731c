"""Datasets of the course: generated two moons, and two small real sets shipped inside the package.

The real sets are read from ``coursekit/datasets/*.csv.gz`` with the standard library and numpy (no
download at run time). Each file is parsed once per session (``functools.lru_cache``); every call
returns fresh copies, so a caller may modify what it gets without affecting later calls.
Examples are columns: ``X`` has shape ``(n_x, m)`` and ``Y`` shape ``(n_y, m)``.
"""

from __future__ import annotations

import functools
import gzip
import io
from importlib import resources
from typing import NamedTuple

import numpy as np

from coursekit import _validate


def two_moons(m: int = 300, noise: float = 0.2, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half-circles with Gaussian noise: a small set that no straight line separates.

    Label 0 (``m // 2`` examples): ``(cos θ, sin θ)``; label 1 (the rest): ``(1 − cos θ, 0.5 − sin θ)``;
    ``θ ~ U(0, π)`` for each example, plus ``N(0, noise²)`` noise on each coordinate. The labels come
    in a random order.

    Args:
        m: number of examples, an integer >= 2.  noise: standard deviation of the noise, >= 0.
        seed: seed of the ``numpy.random.default_rng`` that draws the labels, angles and noise.

    Returns:
        ``(X, Y)``: ``X`` of shape ``(2, m)``, ``Y`` of shape ``(1, m)`` holding 0.0 and 1.0.

    Reference: the data set of the classic optimization assignment that compares GD, momentum and Adam.

    >>> X, Y = two_moons(m=6, seed=1)
    >>> X.shape, Y.shape, int(Y.sum())
    ((2, 6), (1, 6), 3)
    """
    m = _validate.positive_int(m, "m")
    if m < 2:
        raise ValueError(f"m must be an integer >= 2 (one example per moon at least), got {m!r}")
    _validate.budget(m, "m", memory=6 * 8 * m, operations=20 * m)  # X, Y, θ and noise: six floats per example
    noise = _validate.non_negative(noise, "noise")
    rng = np.random.default_rng(_validate.non_negative_int(seed, "seed"))
    y = rng.permutation(np.repeat([0.0, 1.0], [m // 2, m - m // 2]))
    theta = rng.uniform(0.0, np.pi, size=m)
    x1 = np.where(y == 0, np.cos(theta), 1.0 - np.cos(theta))
    x2 = np.where(y == 0, np.sin(theta), 0.5 - np.sin(theta))
    X = np.stack([x1, x2]) + noise * rng.standard_normal((2, m))
    return X, y[np.newaxis, :]


def _read_gz(name: str) -> str:
    """Text of the shipped file ``coursekit/datasets/<name>``."""
    with resources.files("coursekit").joinpath("datasets", name).open("rb") as raw, gzip.open(raw, "rt") as text:
        return text.read()


@functools.lru_cache(maxsize=1)
def _digits_table() -> np.ndarray:
    """The 1,797 rows of 64 pixels and a label, parsed once (never hand this array out: it is shared)."""
    return np.loadtxt(io.StringIO(_read_gz("digits.csv.gz")), delimiter=",", dtype=np.int64)


class DigitsSplit(NamedTuple):
    """Train and test parts of the digits; unpacks as ``X_train, Y_train, X_test, Y_test``.

    ``X_*`` have shape ``(64, m)`` with pixels in [0, 1]; ``Y_*`` are one-hot, shape ``(10, m)``.
    ``labels_train`` and ``labels_test`` give the digits 0-9 as integer arrays of shape ``(m,)``.

    >>> split = load_digits()
    >>> split.labels_test.shape, int(split.labels_test[0]) == int(split.Y_test[:, 0].argmax())
    ((359,), True)
    """

    X_train: np.ndarray
    Y_train: np.ndarray
    X_test: np.ndarray
    Y_test: np.ndarray

    @property
    def labels_train(self) -> np.ndarray:
        """The digit of each training example, shape ``(m_train,)``."""
        return self.Y_train.argmax(axis=0)

    @property
    def labels_test(self) -> np.ndarray:
        """The digit of each test example, shape ``(m_test,)``."""
        return self.Y_test.argmax(axis=0)


#: Where the digits come from, stated once (notebook 01 prints it; the README's Datasets section agrees).
DIGITS_SOURCE = (
    "1,797 handwritten digits by 13 writers: the test part of E. Alpaydin and C. Kaynak, \"Optical Recognition "
    "of Handwritten Digits\", UCI Machine Learning Repository (1998), https://doi.org/10.24432/C50P49 "
    "(43 people wrote the whole UCI set: 30 the training part, 13 others the test part), licence CC BY 4.0"
)


def load_digits(test_fraction: float = 0.2, seed: int = 0) -> DigitsSplit:
    """Real handwritten digits (8×8 images, 10 classes), split into a training and a test set.

    Pixels ``0..16`` are scaled to ``x = pixel / 16`` in [0, 1]; labels are one-hot, ``y_k = 1{digit = k}``.
    The split is **stratified**: within each digit, ``round(test_fraction · count)`` examples drawn by
    ``numpy.random.default_rng(seed)`` form the test set; both sets keep the file's order. The same
    arguments always give the same split; the two sets are disjoint and together hold all 1,797 images.

    Args:
        test_fraction: share of each class held out for testing, in (0, 1).
        seed: seed of the generator that picks the test examples.

    Returns:
        A :class:`DigitsSplit` ``(X_train (64, m_train), Y_train (10, m_train), X_test (64, m_test),
        Y_test (10, m_test))``, float64 copies.

    Reference: :data:`DIGITS_SOURCE`; this copy is the one bundled by scikit-learn (BSD-3).

    >>> X_train, Y_train, X_test, Y_test = load_digits(test_fraction=0.2, seed=0)
    >>> X_train.shape, Y_test.shape, float(X_train.max())
    ((64, 1438), (10, 359), 1.0)
    """
    table = _digits_table()
    train_idx, test_idx = _stratified_split(table[:, -1], test_fraction, seed)
    X = table[:, :-1].T / 16.0
    Y = (table[:, -1] == np.arange(10)[:, np.newaxis]).astype(float)
    return DigitsSplit(X[:, train_idx], Y[:, train_idx], X[:, test_idx], Y[:, test_idx])


def _stratified_split(classes: np.ndarray, test_fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Sorted row indices ``(train, test)``: ``round(test_fraction · count)`` random rows of each class go to test."""
    test_fraction = _validate.factor(test_fraction, "test_fraction")
    if test_fraction == 1:
        raise ValueError(f"test_fraction must be in (0, 1), got {test_fraction!r}")
    rng = np.random.default_rng(_validate.non_negative_int(seed, "seed"))
    is_test = np.zeros(len(classes), dtype=bool)
    for k in np.unique(classes):
        rows = np.flatnonzero(classes == k)
        is_test[rng.choice(rows, size=round(test_fraction * len(rows)), replace=False)] = True
    if is_test.all() or not is_test.any():
        raise ValueError(f"test_fraction must leave examples in both sets, got {test_fraction!r}")
    return np.flatnonzero(~is_test), np.flatnonzero(is_test)


class SeattleWeather(NamedTuple):
    """Daily weather in Seattle, 2012-2015: one entry per day in every array (1,461 days).

    >>> sorted(set(load_seattle_weather().weather.tolist()))
    ['drizzle', 'fog', 'rain', 'snow', 'sun']
    """

    dates: np.ndarray  #: ``datetime64[D]``
    precipitation: np.ndarray  #: mm
    temp_max: np.ndarray  #: °C
    temp_min: np.ndarray  #: °C
    wind: np.ndarray  #: m/s
    weather: np.ndarray  #: str: drizzle, fog, rain, snow or sun


@functools.lru_cache(maxsize=1)
def _seattle_table() -> SeattleWeather:
    """The parsed file, once per session (never hand these arrays out: they are shared)."""
    header, *rows = _read_gz("seattle_weather.csv.gz").split()
    column = dict(zip(header.split(","), zip(*(row.split(",") for row in rows))))
    return SeattleWeather(
        dates=np.array([d.replace("/", "-") for d in column["date"]], dtype="datetime64[D]"),
        precipitation=np.array(column["precipitation"], dtype=float),
        temp_max=np.array(column["temp_max"], dtype=float),
        temp_min=np.array(column["temp_min"], dtype=float),
        wind=np.array(column["wind"], dtype=float),
        weather=np.array(column["weather"], dtype=str),
    )


def load_seattle_weather() -> SeattleWeather:
    """Daily weather of Seattle from 2012-01-01 to 2015-12-31, as numpy arrays (copies).

    Returns:
        A :class:`SeattleWeather` record: ``dates`` (datetime64[D]), ``precipitation`` (mm),
        ``temp_max`` and ``temp_min`` (°C), ``wind`` (m/s), ``weather`` (str).

    Reference: NOAA National Centers for Environmental Information, Global Historical Climatology
    Network daily, Seattle (Sea-Tac) station; US government data, public domain. This extract is
    ``seattle-weather.csv`` of the vega-datasets package (BSD-3).

    >>> w = load_seattle_weather()
    >>> len(w.dates), str(w.dates[0]), float(w.temp_max[0])
    (1461, '2012-01-01', 12.8)
    """
    return SeattleWeather(*(column.copy() for column in _seattle_table()))


def daily_temperatures(year: int = 2015, kind: str = "max") -> tuple[np.ndarray, np.ndarray]:
    """One year of Seattle's daily temperatures, the sequence ``θ_1, θ_2, ...`` of notebook 04.

    Args:
        year: 2012, 2013, 2014 or 2015.  kind: ``"max"`` or ``"min"``, the daily maximum or minimum.

    Returns:
        ``(dates, temps)``: ``datetime64[D]`` dates and temperatures in °C, one per day (365 or 366).

    Reference: notebook 04; data as in :func:`load_seattle_weather`.

    >>> dates, temps = daily_temperatures(2015)
    >>> len(temps), str(dates[-1])
    (365, '2015-12-31')
    """
    _validate.one_of(kind, "kind", ("max", "min"))
    weather = _seattle_table()
    years = weather.dates.astype("datetime64[Y]").astype(int) + 1970
    allowed = sorted(set(years.tolist()))
    if isinstance(year, bool) or not isinstance(year, (int, np.integer)):
        raise TypeError(f"year must be an integer, one of {allowed}, got {year!r} of type {type(year).__name__}")
    if year not in allowed:
        raise ValueError(f"year must be one of {allowed}, got {year!r}")
    keep = years == year
    temps = weather.temp_max if kind == "max" else weather.temp_min
    return weather.dates[keep], temps[keep]
