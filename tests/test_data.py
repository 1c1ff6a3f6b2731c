"""Tests of coursekit.data: two moons, the shipped digits and Seattle weather."""

import numpy as np
import pytest

from coursekit import data


# --- two moons -------------------------------------------------------------------------------------


def test_two_moons_shapes_and_balanced_labels():
    X, Y = data.two_moons(m=301, noise=0.1, seed=3)
    assert X.shape == (2, 301) and Y.shape == (1, 301)
    assert X.dtype == np.float64 and Y.dtype == np.float64
    assert set(np.unique(Y).tolist()) == {0.0, 1.0}
    assert int(Y.sum()) == 151  # m // 2 = 150 in moon 0, the rest in moon 1


def test_two_moons_without_noise_lie_on_the_two_half_circles():
    X, Y = data.two_moons(m=200, noise=0.0, seed=0)
    outer = X[:, Y[0] == 0]
    inner = X[:, Y[0] == 1]
    np.testing.assert_allclose(np.hypot(outer[0], outer[1]), 1.0)
    assert outer[1].min() >= 0.0  # upper half-circle centred at (0, 0)
    np.testing.assert_allclose(np.hypot(inner[0] - 1.0, inner[1] - 0.5), 1.0)
    assert inner[1].max() <= 0.5  # lower half-circle centred at (1, 0.5)


def test_two_moons_noise_has_the_requested_spread():
    X0, Y0 = data.two_moons(m=4000, noise=0.0, seed=5)
    X1, Y1 = data.two_moons(m=4000, noise=0.3, seed=5)
    np.testing.assert_array_equal(Y0, Y1)  # same labels and angles, only the noise differs
    assert np.std(X1 - X0) == pytest.approx(0.3, rel=0.05)


def test_two_moons_reproducible_per_seed_and_different_across_seeds():
    X1, Y1 = data.two_moons(seed=7)
    X2, Y2 = data.two_moons(seed=7)
    X3, _ = data.two_moons(seed=8)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(Y1, Y2)
    assert not np.allclose(X1, X3)


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"m": 1}, ValueError, r"m must be an integer >= 2.*got 1"),
        ({"m": 0}, ValueError, r"m must be an integer >= 1, got 0"),
        ({"m": 10.0}, TypeError, r"m must be an integer >= 1, got 10.0"),
        ({"noise": -0.1}, ValueError, r"noise must be a finite number >= 0, got -0.1"),
        ({"noise": "big"}, TypeError, r"noise must be a finite number >= 0, got 'big'"),
        ({"seed": -1}, ValueError, r"seed must be an integer >= 0, got -1"),
    ],
)
def test_two_moons_rejects_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        data.two_moons(**kwargs)


# --- digits ----------------------------------------------------------------------------------------


def _all_digits():
    split = data.load_digits()
    X = np.concatenate([split.X_train, split.X_test], axis=1)
    labels = np.concatenate([split.labels_train, split.labels_test])
    return X, labels


def test_digits_has_1797_images_of_64_pixels_in_ten_classes():
    X, labels = _all_digits()
    assert X.shape == (64, 1797)
    counts = np.bincount(labels, minlength=10)
    assert counts.sum() == 1797 and len(counts) == 10
    assert counts.min() >= 170 and counts.max() <= 185  # every digit has about 180 images


def test_digits_pixels_are_scaled_to_unit_interval_in_steps_of_one_sixteenth():
    X, _ = _all_digits()
    assert X.min() == 0.0 and X.max() == 1.0
    np.testing.assert_array_equal(X * 16, np.round(X * 16))  # pixels were integers 0..16


def test_digits_labels_are_one_hot_and_match_the_label_arrays():
    split = data.load_digits()
    for Y, labels in ((split.Y_train, split.labels_train), (split.Y_test, split.labels_test)):
        assert Y.shape == (10, len(labels))
        np.testing.assert_array_equal(Y.sum(axis=0), 1.0)
        np.testing.assert_array_equal(Y[labels, np.arange(len(labels))], 1.0)


def test_digits_split_unpacks_as_four_arrays_with_the_requested_test_fraction():
    X_train, Y_train, X_test, Y_test = data.load_digits(test_fraction=0.25, seed=1)
    assert X_train.shape[1] == Y_train.shape[1] and X_test.shape[1] == Y_test.shape[1]
    assert X_train.shape[1] + X_test.shape[1] == 1797
    assert X_test.shape[1] == pytest.approx(0.25 * 1797, abs=5)


def test_digits_split_is_stratified():
    split = data.load_digits(test_fraction=0.2, seed=0)
    train_counts = np.bincount(split.labels_train, minlength=10)
    test_counts = np.bincount(split.labels_test, minlength=10)
    np.testing.assert_array_equal(test_counts, np.round(0.2 * (train_counts + test_counts)))


def test_digits_split_is_disjoint_covers_all_rows_and_is_deterministic():
    classes = data._digits_table()[:, -1]
    train_idx, test_idx = data._stratified_split(classes, test_fraction=0.2, seed=0)
    assert len(np.intersect1d(train_idx, test_idx)) == 0
    np.testing.assert_array_equal(np.union1d(train_idx, test_idx), np.arange(1797))
    again = data._stratified_split(classes, test_fraction=0.2, seed=0)
    other = data._stratified_split(classes, test_fraction=0.2, seed=1)
    np.testing.assert_array_equal(again[1], test_idx)
    assert not np.array_equal(other[1], test_idx)


def test_digits_split_columns_are_the_file_rows_at_the_split_indices():
    table = data._digits_table()
    train_idx, test_idx = data._stratified_split(table[:, -1], test_fraction=0.3, seed=2)
    split = data.load_digits(test_fraction=0.3, seed=2)
    np.testing.assert_array_equal(split.X_train * 16, table[train_idx, :-1].T)
    np.testing.assert_array_equal(split.X_test * 16, table[test_idx, :-1].T)
    np.testing.assert_array_equal(split.labels_test, table[test_idx, -1])
    for x, y in zip(split, data.load_digits(test_fraction=0.3, seed=2)):
        np.testing.assert_array_equal(x, y)


def test_digits_returns_copies_that_do_not_change_later_calls():
    first = data.load_digits()
    first.X_train[:] = -1.0
    first.Y_test[:] = 7.0
    second = data.load_digits()
    assert second.X_train.min() == 0.0 and set(np.unique(second.Y_test).tolist()) == {0.0, 1.0}


def test_digits_file_is_parsed_once():
    data.load_digits()
    before = data._digits_table.cache_info().hits
    data.load_digits(seed=3)
    assert data._digits_table.cache_info().hits == before + 1


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"test_fraction": 0.0}, ValueError, r"test_fraction must be in \(0, 1\], got 0.0"),
        ({"test_fraction": 1.0}, ValueError, r"test_fraction must be in \(0, 1\), got 1.0"),
        ({"test_fraction": 0.001}, ValueError, r"test_fraction must leave examples in both sets, got 0.001"),
        ({"test_fraction": "half"}, TypeError, r"test_fraction must be a number in \(0, 1\], got 'half'"),
        ({"seed": -2}, ValueError, r"seed must be an integer >= 0, got -2"),
    ],
)
def test_digits_rejects_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        data.load_digits(**kwargs)


# --- Seattle weather -------------------------------------------------------------------------------


def test_seattle_weather_columns_types_and_ranges():
    w = data.load_seattle_weather()
    assert all(len(column) == 1461 for column in w)
    assert w.dates.dtype == np.dtype("datetime64[D]")
    assert str(w.dates[0]) == "2012-01-01" and str(w.dates[-1]) == "2015-12-31"
    assert (np.diff(w.dates) == np.timedelta64(1, "D")).all()  # one row per day, none missing
    assert (w.temp_min <= w.temp_max).all()
    assert -10 < w.temp_min.min() and w.temp_max.max() < 40  # degrees Celsius
    assert w.precipitation.min() == 0.0 and w.wind.min() >= 0.0
    assert set(w.weather.tolist()) == {"drizzle", "fog", "rain", "snow", "sun"}
    assert (w.weather == "sun").sum() == 714


def test_seattle_weather_first_day_values():
    w = data.load_seattle_weather()
    row = (w.precipitation[0], w.temp_max[0], w.temp_min[0], w.wind[0], w.weather[0])
    assert row == (0.0, 12.8, 5.0, 4.7, "drizzle")


def test_seattle_weather_returns_copies():
    first = data.load_seattle_weather()
    first.temp_max[:] = 99.0
    first.weather[0] = "hail"
    second = data.load_seattle_weather()
    assert second.temp_max.max() < 40 and second.weather[0] == "drizzle"


def test_daily_temperatures_one_year():
    dates, temps = data.daily_temperatures(year=2012, kind="max")
    assert len(dates) == len(temps) == 366  # a leap year
    assert str(dates[0]) == "2012-01-01" and str(dates[-1]) == "2012-12-31"
    w = data.load_seattle_weather()
    np.testing.assert_array_equal(temps, w.temp_max[:366])
    dates_min, temps_min = data.daily_temperatures(year=2015, kind="min")
    assert len(temps_min) == 365 and (temps_min <= data.daily_temperatures(2015)[1]).all()
    summer = temps[(dates >= np.datetime64("2012-07-01")) & (dates < np.datetime64("2012-08-01"))]
    winter = temps[dates < np.datetime64("2012-02-01")]
    assert summer.mean() > winter.mean() + 10


def test_daily_temperatures_returns_copies():
    _, temps = data.daily_temperatures(2013)
    temps[:] = 0.0
    assert data.daily_temperatures(2013)[1].max() > 20


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"year": 2016}, ValueError, r"year must be one of \[2012, 2013, 2014, 2015\], got 2016"),
        ({"year": "2015"}, TypeError, r"year must be an integer, one of \[2012.*got '2015'"),
        ({"kind": "mean"}, ValueError, r"kind must be one of \['max', 'min'\], got 'mean'"),
    ],
)
def test_daily_temperatures_rejects_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        data.daily_temperatures(**kwargs)
