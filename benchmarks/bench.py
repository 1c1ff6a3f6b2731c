"""``make bench``: how fast the course runs, as one table of ratios, also written as JSON.

Parts: (1) each notebook in a fresh kernel, and the course; (2) every explorer's value -> figure
latency against a naive rebuild; (3) training samples/s against PyTorch float32 on one thread (skipped
without torch); (4) optimizer steps at 1e5-1e7 parameters against torch foreach/fused and the
memory-bandwidth bound, and at both of coursekit's speeds: compiled by Numba, and the numpy form that
runs without it (``COURSEKIT_JIT=0``); (5) every explorer of every notebook in JupyterLab in chromium,
from a key press or a drag to the new picture on screen (``browser.py``; needs Playwright and chromium).
Every comparison is measured interleaved in this process (notebooks: in kernels started alternately), and
each ratio is the median of per-round ratios. With ``--before REF`` each comparison is also measured, in
the same run, for coursekit's algorithms as they were at git ``REF`` (see ``before.py``). Parts 2-4 run on
one thread (OpenBLAS, OpenMP and torch); the notebook kernels run with the environment ``make bench`` was
started with.

Usage: ``.venv/bin/python benchmarks/bench.py [--before REF] [--parts 12345] [--notebooks 00,04] [--quick]
[--json PATH]``.
A benchmark is not a test: nothing here fails on a slow machine.
"""

from __future__ import annotations

import os

_KERNEL_ENV = dict(os.environ)  # the notebooks run as a learner's kernel would, not on one thread
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import before as before_module  # noqa: E402
import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent
PARTS = {"1": "notebooks", "2": "widgets", "3": "training", "4": "steps", "5": "browser"}


def _torch():
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    return torch


def goal_met(row: dict) -> bool | None:
    """Whether a row meets its goal: ``"<= 3x"`` is about the ratio, ``"<= 15 ms"`` about the value now."""
    match = re.fullmatch(r"([<>]=?) ([\d.]+) ?(x|\S+)", row.get("goal") or "")
    if not match:
        return None
    op, limit, unit = match.group(1), float(match.group(2)), match.group(3)
    value = row.get("ratio") if unit == "x" else row.get("now")
    if value is None:
        return None
    return {"<": value < limit, "<=": value <= limit, ">": value > limit, ">=": value >= limit}[op]


def _number(value, unit: str = "") -> str:
    if value is None:
        return "-"
    if unit == "x":
        return f"{value:.2f}x"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.3g}"


COLUMNS = ("part", "case", "versus", "ratio", "ratio before", "goal", "met", "now", "before", "reference", "unit",
           "faults/step")


def table(rows: list[dict]) -> str:
    """The rows as one text table: ratios first, then the values they come from."""
    lines = [COLUMNS]
    for row in rows:
        faults = ""
        if row.get("faults_now") is not None:
            faults = f"{row['faults_now']:.0f}" + (f" ({row['faults_before']:.0f})" if row.get("faults_before") is not None else "")
        met = {True: "yes", False: "NO", None: ""}[row.get("met")]
        lines.append((row["part"], row["case"], row.get("versus", ""), _number(row.get("ratio"), "x"),
                      _number(row.get("ratio_before"), "x"), row.get("goal", ""), met, _number(row.get("now")),
                      _number(row.get("before")), _number(row.get("reference")), row.get("unit", ""), faults))
        for key, value in (row.get("detail") or {}).items():
            lines.append(("", f"  {key}", "", "", "", "", "", _number(value) if not isinstance(value, str) else value,
                          "", "", row.get("unit", "") if not isinstance(value, str) else "", ""))
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(COLUMNS))]
    text = ["  ".join(str(cell).ljust(width) for cell, width in zip(line, widths)).rstrip() for line in lines]
    text.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(text)


def numpy_form_steps(package, rounds: int, min_seconds: float) -> list[dict]:
    """Part 4 at both speeds: each optimizer's step compiled by Numba against its numpy form (what runs without
    Numba, or with ``COURSEKIT_JIT=0``), interleaved, at the sizes of ``steps``; one row per case."""
    import steps
    from measure import interleave, median, ratio, run_for

    kernels = package._compile
    if not kernels.compiled():
        print("[bench] Numba is not installed (or COURSEKIT_JIT=0): the steps ran as numpy forms above, and the "
              "comparison of both speeds is skipped", file=sys.stderr)
        return []

    numba, rows = kernels._numba, []

    def without_numba(step):
        def run():
            kernels._numba = False  # as if Numba could not be imported, for this call only
            try:
                step()
            finally:
                kernels._numba = numba
        return run

    for n in steps.SIZES:
        for name in steps.PASSES:
            alternatives = {"compiled": steps._ours(package, name, n),
                            "numpy": without_numba(steps._ours(package, name, n))}
            results = interleave({label: lambda step=step: dict(zip(("calls", "seconds", "faults"),
                                                                    run_for(step, min_seconds)))
                                  for label, step in alternatives.items()}, rounds)
            compiled, numpy_form = results["compiled"], results["numpy"]
            rows.append({"part": "4 optimizer step", "case": f"{name}, n = {n:.0e}".replace("e+0", "e"),
                         "versus": "numpy form (COURSEKIT_JIT=0)", "unit": "ms/step", "goal": "",
                         "now": 1000 * median(compiled, "seconds"), "reference": 1000 * median(numpy_form, "seconds"),
                         "ratio": ratio(compiled, numpy_form, "seconds"), "faults_now": median(compiled, "faults"),
                         "higher_is_better": False})
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", metavar="REF", help="also measure coursekit's algorithms as at this git ref")
    parser.add_argument("--parts", default="12345", help="which parts to run, e.g. 34 (default: all)")
    parser.add_argument("--notebooks", metavar="NN,NN", help="part 5: which notebooks, e.g. 00,04 (default: all)")
    parser.add_argument("--quick", action="store_true", help="fewer rounds: a rough look, not a result")
    parser.add_argument("--json", type=Path, default=HERE / "out" / "bench.json", help="where to write the JSON")
    args = parser.parse_args(argv)

    before = before_module.build(args.before) if args.before else None
    torch = _torch()
    rounds = {"1": 1 if args.quick else 3, "2": 5 if args.quick else 15, "3": 3 if args.quick else 7,
              "4": 3 if args.quick else 7}
    started = time.time()
    rows = []
    for part in args.parts:
        print(f"[bench] part {part}: {PARTS[part]} ...", file=sys.stderr, flush=True)
        if part == "1":
            import notebooks

            rows += notebooks.run(_KERNEL_ENV, before, rounds[part])
        elif part == "2":
            import widgets

            from coursekit import show

            rows += widgets.run(show, before, rounds[part])
        elif part == "3":
            import training

            from coursekit.data import load_digits

            if torch is None:
                print("[bench] torch is not installed: the training column against torch is skipped "
                      "(pip install torch==2.13.0)", file=sys.stderr)
            X, Y = load_digits()[:2]
            rows += training.run(before_module.load("coursekit"), before, torch, X, Y, rounds[part], 0.1 if args.quick else 0.3)
        elif part == "4":
            import steps

            rows += steps.run(before_module.load("coursekit"), before, torch, rounds[part], 0.05 if args.quick else 0.2)
            rows += numpy_form_steps(before_module.load("coursekit"), rounds[part], 0.05 if args.quick else 0.2)
        elif part == "5":
            import browser

            rows += browser.run(_KERNEL_ENV, args.before, args.notebooks, args.quick)
    for row in rows:
        row["met"] = goal_met(row)
    machine = {"python": platform.python_version(), "numpy": np.__version__,
               "torch": getattr(torch, "__version__", None), "cpus": os.cpu_count(), "machine": platform.machine(),
               "before": before and before.description, "seconds": round(time.time() - started)}
    print(f"coursekit bench: {', '.join(f'{k} {v}' for k, v in machine.items() if v is not None)}")
    print("ratio: now / reference (medians of per-round ratios); 'ratio before': the same for the old code, same run")
    print(table(rows))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"machine": machine, "rows": rows}, indent=1, default=float), encoding="utf-8")
    print(f"written to {args.json}")


if __name__ == "__main__":
    main()
