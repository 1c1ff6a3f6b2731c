"""coursekit._compile: loops compiled on first call, cached when possible, and still compiled when not."""

import numba
import numpy as np

from coursekit._compile import kernel


def _halve_in_place(x):
    for i in range(x.size):
        x[i] = x[i] / 2


def test_a_loop_compiles_at_its_first_call_and_runs_in_place():
    halve = kernel(_halve_in_place)
    x = np.array([1.0, 3.0])
    halve(x)
    halve(x)
    assert x.tolist() == [0.25, 0.75]


def test_without_a_writable_cache_folder_the_loop_is_compiled_for_the_process(monkeypatch):
    """Only the zip-file locator left: Numba finds no folder for the cache, and the loop still runs."""
    monkeypatch.setattr(numba.config, "CACHE_LOCATOR_CLASSES", "numba.core.caching.ZipCacheLocator")
    try:
        numba.njit(cache=True)(_halve_in_place)
    except RuntimeError as error:
        assert "no locator available" in str(error)
    else:
        raise AssertionError("the test's premise failed: Numba found a cache folder")
    halve = kernel(_halve_in_place)
    x = np.array([8.0])
    halve(x)
    assert x.tolist() == [4.0]
