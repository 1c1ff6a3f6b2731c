"""Is this environment ready for the course? Versions of Python and of the packages coursekit requires."""

from __future__ import annotations

import platform
import re
import sys
from importlib import metadata

__all__ = ["environment_report", "requirements"]


def _numbers(version: str) -> tuple[int, ...]:
    """The leading numeric release parts of a version string: '2.4.6rc1' -> (2, 4, 6)."""
    return tuple(int(part) for part in re.findall(r"\d+", version.split("+")[0].split("rc")[0])[:3])


def requirements() -> dict[str, str]:
    """The course's run-time requirements as {package: minimum version}, read from coursekit's metadata.

    >>> requirements()["numpy"]
    '1.24'
    """
    found = {}
    for spec in metadata.requires("coursekit") or []:
        if "extra ==" in spec:
            continue
        name, minimum = re.fullmatch(r"([A-Za-z0-9_.\-]+)\s*>=\s*([\w.]+)", spec.split(";")[0].strip()).groups()
        found[name] = minimum
    return found


def environment_report() -> str:
    """One line per requirement: ✔ or ✘, the installed version and the minimum; Python first.

    >>> environment_report().splitlines()[0].startswith(("✔ python", "✘ python"))
    True
    """
    minimum_python = metadata.metadata("coursekit")["Requires-Python"].lstrip(">=")
    rows = [("python", platform.python_version(), minimum_python, sys.version_info[:3] >= _numbers(minimum_python))]
    for name, minimum in requirements().items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            rows.append((name, "missing", minimum, False))
            continue
        rows.append((name, installed, minimum, _numbers(installed) >= _numbers(minimum)))
    lines = [f"{'✔' if ok else '✘'} {name:<13} {installed:<10} (needs ≥ {minimum})" for name, installed, minimum, ok in rows]
    verdict = "ready for the course" if all(ok for *_, ok in rows) else "run `make lab` to install what is missing"
    return "\n".join(lines + [verdict])
