"""Loops compiled by Numba: the optimizers' steps and the network's element-wise passes, one pass each."""

from __future__ import annotations

import functools


def kernel(loop):
    """Compile a loop over arrays with Numba: IEEE arithmetic as numpy's (no fast-math, so the same bits as
    the numpy expressions it replaces; division by zero gives inf as in numpy), cached on disk after the
    first compilation, and run without the GIL. Numba is imported, and the loop compiled (or loaded from the
    cache), at the first call, so that a program that never calls a loop does not pay for it. Where no
    folder for the cache can be written (a read-only installation and home), the loop is compiled afresh
    in each process instead.

    Reference: Numba's ``@njit``, https://numba.readthedocs.io/en/stable/user/jit.html

    >>> import numpy as np
    >>> from coursekit.optim.gd import _gd_in_place   # W := W − α dW, element by element, compiled by kernel
    >>> w = np.array([1.0, 2.0]); _gd_in_place(w, np.array([10.0, -10.0]), 0.1), w.tolist()   # is a new W not finite?
    (False, [0.0, 3.0])
    """
    compiled = None

    @functools.wraps(loop)
    def run(*arrays_and_numbers):
        nonlocal compiled
        if compiled is None:
            compiled = _compile(loop)
        return compiled(*arrays_and_numbers)

    return run


def _compile(loop):
    """The loop compiled by Numba, with an on-disk cache if Numba finds a folder it may write to."""
    import numba

    try:
        return numba.njit(cache=True, nogil=True, error_model="numpy")(loop)
    except RuntimeError:  # "cannot cache function ...: no locator available"
        return numba.njit(nogil=True, error_model="numpy")(loop)
