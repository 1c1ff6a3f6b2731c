"""One source, two speeds: the hot loops compiled by Numba when it is there, their numpy form when it is not.

A kernel is a loop over arrays, element by element (an optimizer's step, the network's bias + ReLU pass),
given together with its numpy form: the same equations as numpy expressions that write into the same arrays
(``out=``), where they need temporaries a block of :data:`BLOCK` elements at a time (:func:`blocks`), so
that none is large. The loop runs compiled by Numba; the numpy form runs instead when Numba cannot be
imported (a Python it has no wheel for yet, Pyodide, a machine where it may not be installed) or when the
environment variable ``COURSEKIT_JIT=0`` asks for it. Both do the same IEEE operations in the same order
on each element, so the results are the same bits (``tests/test_compile.py``, ``tests/test_optim_fast.py``);
the numpy form reads and writes memory once per operation instead of once in all, so it is a few times
slower (``make bench`` shows both speeds of the optimizers' steps).
"""

from __future__ import annotations

import functools
import os

import numpy as np

#: How many elements the numpy form of a kernel works on at a time: its temporaries stay at 32 KiB each.
BLOCK = 4096

_numba = None  # Numba once the first kernel call has imported it, or False: the kernels run their numpy form


def compiled() -> bool:
    """Whether the kernels run compiled: Numba can be imported and ``COURSEKIT_JIT`` is not ``0``.

    Decided once, at the first call of a kernel (or of this function).

    >>> compiled() in (True, False)
    True
    """
    global _numba
    if _numba is None:
        _numba = _import_numba()
    return _numba is not False


def _import_numba():
    """The numba module, or False when it cannot be imported or ``COURSEKIT_JIT=0``."""
    if os.environ.get("COURSEKIT_JIT", "1").strip() == "0":
        return False
    try:
        import numba
    except ImportError:  # not installed, or no build for this Python or numpy
        return False
    return numba


def blocks(array: np.ndarray):
    """Slices that cut ``array`` along its first axis into pieces of about :data:`BLOCK` elements: ``a[i]``
    is a view for each slice ``i``, so that an expression over it with ``out=a[i]`` writes into ``a`` itself.

    >>> [(i.start, i.stop) for i in blocks(np.zeros(10_000))]
    [(0, 4096), (4096, 8192), (8192, 12288)]
    """
    step = max(1, BLOCK // max(1, array[:1].size))
    return map(slice, range(0, len(array), step), range(step, len(array) + step, step))


def kernel(numpy):
    """Make a loop over arrays a kernel whose numpy form is ``numpy`` (a function of the same arguments).

    Compiled, the loop uses IEEE arithmetic as numpy's (no fast-math, so the same bits as its numpy form;
    division by zero gives inf as in numpy), is cached on disk after the first compilation and runs without
    the GIL. Numba is imported, and the loop compiled (or loaded from the cache), at the first call, so that
    a program that never calls a kernel does not pay for it; where no folder for the cache can be written
    (a read-only installation and home), the loop is compiled afresh in each process instead. Both forms
    run without numpy's floating-point warnings (an overflow gives inf, silently, as the compiled loop does).

    Reference: Numba's ``@njit``, https://numba.readthedocs.io/en/stable/user/jit.html

    >>> from coursekit.optim.gd import _gd_in_place   # W := W − α dW, element by element
    >>> w = np.array([1.0, 2.0]); _gd_in_place(w, np.array([10.0, -10.0]), 0.1), w.tolist()   # is a new W not finite?
    (False, [0.0, 3.0])
    """

    def make(loop):
        compiled_loop = None

        @functools.wraps(loop)
        def run(*arrays_and_numbers):
            nonlocal compiled_loop
            if _numba is False or (_numba is None and not compiled()):
                with np.errstate(all="ignore"):
                    return numpy(*arrays_and_numbers)
            if compiled_loop is None:
                compiled_loop = _compile(loop)
            return compiled_loop(*arrays_and_numbers)

        return run

    return make


def _compile(loop):
    """The loop compiled by Numba, with an on-disk cache if Numba finds a folder it may write to."""
    try:
        return _numba.njit(cache=True, nogil=True, error_model="numpy")(loop)
    except RuntimeError:  # "cannot cache function ...: no locator available"
        return _numba.njit(nogil=True, error_model="numpy")(loop)
