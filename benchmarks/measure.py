"""How every number of the bench is taken: alternatives interleaved in rounds, medians, ratios, page faults.

The machine is shared and noisy, so no number stands alone. Each round runs every alternative once,
in an order that rotates from round to round; a ratio is computed *within* each round (both sides
saw the same load) and the bench reports the median of those per-round ratios, next to the median
of each side's own values.

Page faults are the process's minor faults (``ru_minflt`` of ``getrusage``) counted around the
measured calls only: a fault happens the first time a freshly mapped page is touched, so a step that
allocates a large temporary (above glibc's mmap threshold) pays about one fault per 4 KiB page of it.
"""

from __future__ import annotations

import resource
import statistics
import time
from collections.abc import Callable


def minor_faults() -> int:
    """Minor page faults of this process so far."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def timed(call: Callable[[], object], repeat: int = 1) -> tuple[float, float]:
    """Seconds per call and minor page faults per call of ``call()`` run ``repeat`` times back to back."""
    faults = minor_faults()
    start = time.perf_counter()
    for _ in range(repeat):
        call()
    seconds = time.perf_counter() - start
    return seconds / repeat, (minor_faults() - faults) / repeat


def interleave(alternatives: dict[str, Callable[[], dict]], rounds: int) -> dict[str, list[dict]]:
    """Run each alternative once per round, the order rotating each round; return its results in order.

    Each alternative returns a dict of measurements (e.g. ``{"seconds": 0.01, "faults": 0}``).
    """
    names = list(alternatives)
    results: dict[str, list[dict]] = {name: [] for name in names}
    for r in range(rounds):
        shift = r % len(names)
        for name in names[shift:] + names[:shift]:
            results[name].append(alternatives[name]())
    return results


def median(results: list[dict], key: str) -> float | None:
    """Median of one measurement over the rounds (``None`` if missing)."""
    values = [r[key] for r in results if r.get(key) is not None]
    return statistics.median(values) if values else None


def ratio(numerators: list[dict], denominators: list[dict], key: str) -> float | None:
    """Median over the rounds of ``numerator[key] / denominator[key]`` taken within each round."""
    pairs = [(a[key], b[key]) for a, b in zip(numerators, denominators)
             if a.get(key) is not None and b.get(key)]
    return statistics.median(a / b for a, b in pairs) if pairs else None


def run_for(call: Callable[[], object], min_seconds: float) -> tuple[int, float, float]:
    """Repeat ``call()`` until ``min_seconds`` have passed; return (calls, seconds per call, faults per call)."""
    faults, start, calls = minor_faults(), time.perf_counter(), 0
    while True:
        call()
        calls += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return calls, elapsed / calls, (minor_faults() - faults) / calls
