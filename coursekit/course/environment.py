"""Is this environment ready for the course? Versions of Python and of the packages coursekit requires.

Numba, the ``fast`` extra, is optional: it compiles the hot loops of training, and without it the same
equations run in numpy with the same results (:mod:`coursekit._compile`). The report shows its version
when it is installed, and what it would give when it is not, without calling the environment not ready.
"""

from __future__ import annotations

import platform
import re
import sys
from importlib import metadata

__all__ = ["environment_report", "requirements"]

#: The optional packages (the ``fast`` extra) and what each one gives the course.
OPTIONAL = {"numba": "compiles the training loops; without it numpy runs them, same numbers"}


def _numbers(version: str) -> tuple[int, ...]:
    """The leading numeric release parts of a version string: '2.4.6rc1' -> (2, 4, 6)."""
    return tuple(int(part) for part in re.findall(r"\d+", version.split("+")[0].split("rc")[0])[:3])


def requirements(extra: str | None = None) -> dict[str, str]:
    """The course's run-time requirements as {package: minimum version}, read from coursekit's metadata; with
    ``extra``, those of that extra instead (``"fast"``: Numba).

    >>> requirements()["numpy"], list(requirements("fast"))
    ('1.24', ['numba'])
    """
    found = {}
    for spec in metadata.requires("coursekit") or []:
        extras = re.findall(r"""extra == ['"](\w+)['"]""", spec)
        if extras != ([extra] if extra else []):
            continue
        name, minimum = re.fullmatch(r"([A-Za-z0-9_.\-]+)\s*>=\s*([\w.]+)", spec.split(";")[0].strip()).groups()
        found[name] = minimum
    return found


def environment_report() -> str:
    """One line per requirement: ✔ or ✘, the installed version and the minimum; Python first, the optional
    packages last, marked · whether installed or absent (so that the report reads the same with or without
    them) and ✘ only when installed below their minimum.

    >>> environment_report().splitlines()[0].startswith(("✔ python", "✘ python"))
    True
    """
    minimum_python = metadata.metadata("coursekit")["Requires-Python"].lstrip(">=")
    rows = [("python", platform.python_version(), minimum_python, sys.version_info[:3] >= _numbers(minimum_python))]
    for name, minimum in requirements().items():
        installed = _installed(name)
        ok = installed is not None and _numbers(installed) >= _numbers(minimum)
        rows.append((name, installed or "missing", minimum, ok))
    lines = [f"{'✔' if ok else '✘'} {name:<13} {installed:<10} (needs ≥ {minimum})" for name, installed, minimum, ok in rows]
    for name, minimum in requirements("fast").items():
        installed = _installed(name)
        too_old = installed is not None and _numbers(installed) < _numbers(minimum)
        rows.append((name, installed, minimum, not too_old))
        lines.append(f"{'✘' if too_old else '·'} {name:<13} {installed or 'absent':<10} (optional, ≥ {minimum}: {OPTIONAL[name]})")
    verdict = "ready for the course" if all(ok for *_, ok in rows) else "run `make lab` to install what is missing"
    return "\n".join(lines + [verdict])


def _installed(name: str) -> str | None:
    """The installed version of the package ``name``, or None."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None
