"""Capacity planning for a JupyterHub: what one learner's kernel costs, and how N learners at once slow down.

Two measurements, on this machine:

* **per notebook**: every notebook of ``notebooks/`` runs top to bottom in a fresh kernel, alone; its
  wall time, the kernel's CPU seconds (user + system) and its peak memory (maximum resident set size),
  read by ``resource.getrusage`` in the kernel itself after the last cell;
* **learners at once**: N learners run the same notebook (default 01, the heaviest so far) at the same
  moment, each in their own kernel, for N in ``--learners``; the wall time until the last one is done.

The numbers go to ``docs/instructor/capacity.json`` (``--output``), which the instructor guide quotes
(``python -m coursekit.course.tools.guide`` regenerates it). A benchmark, not a test: nothing is asserted.
Usage: ``make bench-hub`` or ``.venv/bin/python benchmarks/hub_capacity.py [--learners 1 4 8 16]``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

import nbformat

from coursekit.course.tools.editions import execute_notebook

ROOT = Path(__file__).resolve().parents[1]
USAGE_CELL = """\
import json as _json, resource as _resource, sys as _sys
_usage = _resource.getrusage(_resource.RUSAGE_SELF)
print("COURSEKIT-USAGE", _json.dumps({"cpu_s": _usage.ru_utime + _usage.ru_stime,
      "peak_mb": _usage.ru_maxrss / (2**20 if _sys.platform == "darwin" else 2**10)}))
"""


def run_once(path: str) -> dict:
    """Run one notebook (a copy with a last cell that reports the kernel's usage); wall, CPU s and peak MB."""
    source = Path(path)
    nb = nbformat.read(source, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(USAGE_CELL))
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / source.name
        nbformat.write(nb, copy)
        for data in source.parent.glob(".coursekit-*"):
            (Path(scratch) / data.name).write_bytes(data.read_bytes())
        start = time.perf_counter()
        ran = execute_notebook(copy, timeout=600, strict=False)
        wall = time.perf_counter() - start
    text = "".join(output.get("text", "") for output in ran.cells[-1].outputs if output.output_type == "stream")
    usage = json.loads(text.split("COURSEKIT-USAGE", 1)[1])
    return {"wall_s": round(wall, 1), "cpu_s": round(usage["cpu_s"], 1), "peak_mb": round(usage["peak_mb"])}


def at_once(path: Path, learners: int) -> dict:
    """N learners run ``path`` at the same moment; the wall time until the last is done, and each one's."""
    start = time.perf_counter()
    # Fresh interpreters ("spawn"), not forks of this process, whose ZeroMQ sockets to earlier kernels a fork
    # would share: forked learners sometimes lost their kernel ("Kernel didn't respond in 60 seconds").
    with ProcessPoolExecutor(max_workers=learners, mp_context=multiprocessing.get_context("spawn")) as pool:
        runs = list(pool.map(run_once, [str(path)] * learners))
    wall = time.perf_counter() - start
    return {"learners": learners, "wall_s": round(wall, 1),
            "median_learner_wall_s": round(statistics.median(run["wall_s"] for run in runs), 1),
            "peak_mb_each": round(statistics.median(run["peak_mb"] for run in runs))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", type=Path, default=ROOT / "notebooks")
    parser.add_argument("--notebook", default="01", help="the notebook the learners run at once (its number)")
    parser.add_argument("--learners", type=int, nargs="+", default=[1, 4, 8, 16])
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "instructor" / "capacity.json")
    args = parser.parse_args()
    paths = sorted(args.notebooks.glob("[0-9][0-9]_*.ipynb"))
    result = {"measured": date.today().isoformat(), "cores": os.cpu_count(), "python": platform.python_version(),
              "machine": f"{platform.system()} {platform.machine()}",
              "load_average_before": round(os.getloadavg()[0], 1), "notebooks": {}, "at_once": {}}
    print(f"{'notebook':<44} {'wall s':>7} {'kernel CPU s':>13} {'peak MB':>8}")
    for path in paths:
        row = run_once(str(path))
        result["notebooks"][path.name[:2]] = row
        print(f"{path.name:<44} {row['wall_s']:>7.1f} {row['cpu_s']:>13.1f} {row['peak_mb']:>8}")
    target = next(path for path in paths if path.name.startswith(args.notebook))
    result["at_once"]["notebook"] = target.name[:2]
    result["at_once"]["runs"] = []
    print(f"\n{target.name}, N learners at once on {os.cpu_count()} cores:")
    print(f"{'learners':>8} {'wall s (all done)':>18} {'median per learner s':>21} {'peak MB each':>13}")
    for n in args.learners:
        row = at_once(target, n)
        result["at_once"]["runs"].append(row)
        print(f"{n:>8} {row['wall_s']:>18.1f} {row['median_learner_wall_s']:>21.1f} {row['peak_mb_each']:>13}")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"\nwrote {args.output} (the instructor guide quotes it: python -m coursekit.course.tools.guide)")


if __name__ == "__main__":
    sys.exit(main())
