"""The learner's files, written in one step and as UTF-8: never half a file, whatever the locale.

The working copy's notebooks and manifest (:mod:`coursekit.course.tools.working_copy`) and the progress
file (:mod:`coursekit.course.records`) are written here: to a temporary file beside the target, which
then takes the target's place (``os.replace``), so that a process stopped mid-write — a kernel killed, a
full disk, a text the locale cannot encode — leaves the old file as it was. A temporary file left by a
process killed before its replace is named after its target (:func:`temporaries`), so that the next
writer can remove it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["replace_text", "temporaries"]


def replace_text(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` as UTF-8 with ``\\n`` line ends, replacing the file in one step.

    The new file keeps the old one's permissions (a new one gets the process's default, as ``open`` would).

    Args:
        path: the file to write; its folder must exist.  text: its whole new content.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     target = pathlib.Path(folder) / "notes.json"
    ...     replace_text(target, "{\\"β\\": 0.9}\\n")
    ...     target.read_text(encoding="utf-8"), temporaries(target)
    ('{"β": 0.9}\\n', [])
    """
    path = Path(path)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=_prefix(path), suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def temporaries(path: str | Path) -> list[Path]:
    """The temporary files that :func:`replace_text` made beside ``path`` and did not put in its place."""
    path = Path(path)
    return sorted(path.parent.glob(f"{_prefix(path)}*.tmp"))


def _prefix(path: Path) -> str:
    """``.coursekit-progress.json.`` for ``.coursekit-progress.json``: hidden, and named after its target."""
    return f".{path.name.lstrip('.')}."


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
