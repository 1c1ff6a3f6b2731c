"""Part 1: every notebook run top to bottom in a fresh kernel, as ``make execute`` runs it.

Each run starts a new ``python3`` kernel with nbclient (in the notebook's folder, widget state stored,
nothing written back) and times, separately: the kernel start until it answers, the first code cell
(the imports), and every other cell. The kernel gets the environment the bench was started with (not
the bench's one-thread settings); with ``--before`` the old side is the same notebook in a kernel whose
``PYTHONPATH`` puts the old coursekit first. Runs of now and before alternate.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from measure import interleave, median, ratio

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def execute(path: Path, env: dict) -> dict:
    """Run one notebook; return seconds for the kernel start, the imports cell, the rest, the longest cell."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", store_widget_state=True,
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    cells = []
    with client.setup_kernel(env=env, stderr=subprocess.DEVNULL):  # the kernel's start-up warnings
        kernel = time.perf_counter() - start
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                began = time.perf_counter()
                client.execute_cell(cell, index)
                cells.append(time.perf_counter() - began)
    imports = cells[0] if cells else 0.0
    return {"total": kernel + sum(cells), "kernel + imports": kernel + imports, "cells": sum(cells[1:]),
            "longest cell": max(cells[1:], default=0.0)}


def run(env: dict, before, rounds: int) -> list[dict]:
    """Time every ``notebooks/*.ipynb``; return one row per notebook and one for the course."""
    rows, paths = [], sorted(NOTEBOOKS.glob("*.ipynb"))
    course = {side: [0.0] * rounds for side in ("now", "before")}
    for path in paths:
        alternatives = {"now": lambda path=path: execute(path, env)}
        if before is not None:
            old_env = {**env, "PYTHONPATH": str(before.pythonpath)}
            alternatives["before"] = lambda path=path: _or_error(execute, path, old_env)
        results = interleave(alternatives, rounds)
        for side, runs in results.items():  # the course's total per round; None once a notebook failed
            course[side] = [None if total is None or "total" not in r else total + r["total"]
                            for total, r in zip(course[side], runs)]
        rows.append(_row(path.name, results, goal="<= 10 s"))
    course_runs = {side: [{"total": total} for total in totals] for side, totals in course.items()
                   if side == "now" or before is not None}
    rows.append(_row(f"the course ({len(paths)} notebooks)", course_runs, goal="<= 60 s"))
    return rows


def _or_error(execute_, path, env) -> dict:
    try:
        return execute_(path, env)
    except Exception as error:  # an old coursekit may lack what a newer notebook uses
        return {"error": f"{type(error).__name__}: {str(error).splitlines()[0][:80]}"}


def _row(case: str, results: dict, goal: str) -> dict:
    now, before = results["now"], results.get("before")
    detail = {key: median(now, key) for key in ("kernel + imports", "cells", "longest cell") if median(now, key)}
    if before and median(before, "total") is None:
        detail["before"] = before[0].get("error")
    return {"part": "1 notebooks", "case": case, "versus": "before" if before else "", "unit": "s", "goal": goal,
            "now": median(now, "total"), "before": before and median(before, "total"),
            "reference": before and median(before, "total"), "ratio": before and ratio(now, before, "total"),
            "ratio_before": None, "higher_is_better": False, "detail": detail}
