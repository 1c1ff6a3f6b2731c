"""The two speeds of coursekit's kernels, for the tests that run both: compiled by Numba, and their numpy form."""

from __future__ import annotations

import contextlib

import pytest

from coursekit import _compile

#: The two ways a kernel runs; a test parametrized over them runs each (the first skips without Numba).
SPEEDS = ["numba", "numpy"]


@contextlib.contextmanager
def running(speed: str):
    """Inside the block, the kernels run compiled (``"numba"``; skipped when Numba is not there or
    ``COURSEKIT_JIT=0``) or in their numpy form (``"numpy"``), as they would without Numba."""
    if speed == "numba" and not _compile.compiled():
        pytest.skip("Numba is not installed, or COURSEKIT_JIT=0")
    saved = _compile._numba
    if speed == "numpy":
        _compile._numba = False
    try:
        yield
    finally:
        _compile._numba = saved
