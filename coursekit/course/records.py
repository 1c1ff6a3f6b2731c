"""What the learner has passed: every check and concept question records its latest verdict here.

In a learner's working copy (made by ``make lab``) the verdicts go to the small file
``.coursekit-progress.json`` beside the notebooks, so that a learner coming back — or ``make check`` —
sees where they stopped; the file is the learner's, never part of the repository. Anywhere else (the
instructor notebooks, a test run) they are kept in memory only, for the running kernel. This module only
reads and writes verdicts; the table of the course made from them is :mod:`coursekit.course.progress_table`.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

__all__ = ["FILENAME", "KINDS", "load", "progress_file", "record"]

#: The progress file of a working copy; its presence in the current folder marks the folder as one.
FILENAME = ".coursekit-progress.json"
KINDS = ("exercises", "questions")

_memory: dict = {kind: {} for kind in KINDS}


def progress_file(folder: str | Path | None = None) -> Path | None:
    """The progress file of ``folder`` (default: the current folder, a kernel's notebook folder), if it has one."""
    path = Path.cwd() if folder is None else Path(folder)
    path = path / FILENAME
    return path if path.is_file() else None


def load(folder: str | Path | None = None) -> dict:
    """``{"exercises": {name: verdict}, "questions": {id: verdict}}``, each verdict ``{"passed", "notebook", "when"}``."""
    path = progress_file(folder)
    if path is None:
        return _memory
    try:
        data = json.loads(path.read_text() or "{}")
    except (OSError, ValueError):  # a damaged file is started afresh rather than stopping a check
        data = {}
    return {kind: dict(data.get(kind, {})) for kind in KINDS}


def record(kind: str, key: str, passed: bool, notebook: str, folder: str | Path | None = None) -> None:
    """Record the latest verdict on exercise or question ``key`` of ``notebook`` (``kind`` "exercises" or "questions")."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    data = load(folder)
    data[kind][key] = {"passed": bool(passed), "notebook": notebook,
                       "when": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    path = progress_file(folder)
    if path is not None:
        _write(path, data)


def _write(path: Path, data: dict) -> None:
    """Replace the file in one step, so that a kernel stopped mid-write never leaves half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".progress-", suffix=".json")
    with os.fdopen(handle, "w") as file:
        json.dump(data, file, indent=1, sort_keys=True)
    os.replace(temporary, path)
