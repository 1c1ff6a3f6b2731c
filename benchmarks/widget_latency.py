"""Latency of a slider change in the trajectory explorer: coursekit.show against a naive full rebuild.

Latency = from setting the learning-rate slider's value (programmatically) until the PNG of the new
figure is in the Output widget. Both ways run in this process on the same values, alternately:

* coursekit: ``trajectory_explorer`` (cached contour picture, paths redrawn over it, fast PNG);
* naive: what ``interactive_output`` with a plotting function does on each change: compute the
  trajectories, build a new figure (grid, contours, paths, legend), ``savefig`` it as PNG.

Every change uses a new learning rate, so no trajectory comes from a cache. Usage:
``.venv/bin/python benchmarks/widget_latency.py [--changes 30] [--steps 50]``.
"""

from __future__ import annotations

import argparse
import io
import time

import numpy as np

from coursekit import show
from coursekit.show.explorer import png_output
from coursekit.surfaces import elongated_quadratic

OPTIMIZERS = ("GD", "Momentum", "Adam")


def naive_update(output, lr: float, steps: int) -> None:
    """Rebuild everything for one value, as a plotting callback of ``interactive_output`` would."""
    surface = elongated_quadratic(10.0)
    runs = show.trajectory_data(surface, OPTIMIZERS, lr, steps=steps)
    fig = show.plot_trajectories(surface, runs)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    output.outputs = (png_output(buffer.getvalue(), repr(fig)),)


def summary(name: str, seconds: list[float]) -> float:
    """Print median and interquartile range in ms; return the median."""
    q1, median, q3 = np.percentile(np.array(seconds) * 1000, [25, 50, 75])
    print(f"{name:<34} median {median:6.1f} ms   IQR {q1:6.1f} - {q3:6.1f} ms   (n = {len(seconds)})")
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=30, help="slider changes measured per way")
    parser.add_argument("--steps", type=int, default=50, help="steps T of each trajectory")
    args = parser.parse_args()

    explorer = show.trajectory_explorer(optimizers=OPTIMIZERS, lr=0.1, steps=args.steps)
    naive_output = type(explorer.output)()
    rates = np.geomspace(0.01, 0.19, args.changes + 3)
    ours, naive, compute = [], [], []
    for i, lr in enumerate(rates):
        start = time.perf_counter()
        explorer.controls["lr"].value = float(lr)
        middle = time.perf_counter()
        naive_update(naive_output, float(lr) * 1.001, args.steps)
        end = time.perf_counter()
        show.trajectory_data(elongated_quadratic(10.0), OPTIMIZERS, float(lr) * 1.002, steps=args.steps)
        if i >= 3:  # the first changes warm up caches of fonts and code paths
            ours.append(middle - start)
            naive.append(end - middle)
            compute.append(time.perf_counter() - end)
    print(f"trajectory explorer, {', '.join(OPTIMIZERS)}, {args.steps} steps each, 600x400 px PNG")
    fast = summary("coursekit.show (value -> PNG)", ours)
    full = summary("naive full rebuild (value -> PNG)", naive)
    summary("  of which computing the paths", compute)
    print(f"ratio naive / coursekit: {full / fast:.1f}x; target <= 30 ms: {'met' if fast <= 30 else 'NOT met'}")


if __name__ == "__main__":
    main()
