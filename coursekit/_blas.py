"""Run a measurement on one BLAS thread, so that timings mean the same thing on a busy machine.

numpy's matrix products call OpenBLAS, which splits a large product over every core. When other
programs share those cores, its threads wait for each other and one product can take a hundred times
longer than on one thread (measured on a 2-core machine shared by several jobs). Timings in the course
therefore run on one thread: they compare the work each mini-batch size does, not how a busy machine
schedules threads. Only OpenBLAS as loaded by numpy on Linux is found; elsewhere nothing changes.
"""

from __future__ import annotations

import contextlib
import ctypes
from pathlib import Path

#: The thread-count functions an OpenBLAS build may export (numpy's wheels prefix theirs).
_NAMES = (
    ("scipy_openblas_get_num_threads64_", "scipy_openblas_set_num_threads64_"),
    ("scipy_openblas_get_num_threads", "scipy_openblas_set_num_threads"),
    ("openblas_get_num_threads64_", "openblas_set_num_threads64_"),
    ("openblas_get_num_threads", "openblas_set_num_threads"),
)


def _openblas() -> list[tuple]:
    """The (get, set) thread-count functions of every OpenBLAS loaded in this process (Linux only)."""
    maps = Path("/proc/self/maps")
    if not maps.exists():
        return []
    paths = {line.split()[-1] for line in maps.read_text().splitlines() if "openblas" in line.lower()}
    found = []
    for path in sorted(paths):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for get, set_ in _NAMES:
            if hasattr(lib, get) and hasattr(lib, set_):
                found.append((getattr(lib, get), getattr(lib, set_)))
                break
    return found


@contextlib.contextmanager
def one_thread():
    """Inside the ``with`` block numpy's OpenBLAS uses one thread; the previous count is restored after.

    Also a decorator: ``@one_thread()`` runs a whole function on one thread.

    >>> import numpy as np
    >>> with one_thread():
    ...     float((np.ones((50, 50)) @ np.ones((50, 50)))[0, 0])
    50.0
    """
    libs = _openblas()
    before = [get() for get, _ in libs]
    for _, set_ in libs:
        set_(1)
    try:
        yield
    finally:
        for (_, set_), count in zip(libs, before):
            set_(count)
