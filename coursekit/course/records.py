"""What the learner has passed: every check and concept question records its latest verdict here.

In a learner's working copy (made by ``make lab``) the verdicts go to the small file
``.coursekit-progress.json`` beside the notebooks, so that a learner coming back — or ``make check`` —
sees where they stopped; the file is the learner's, never part of the repository. Anywhere else (the
instructor notebooks, a test run) they are kept in memory only, for the running kernel. This module only
reads and writes verdicts; the table of the course made from them is :mod:`coursekit.course.progress_table`.

The file keeps, for each exercise and question, the latest verdict from each notebook file it was checked
in (``08_adam.ipynb``, and a duplicate such as ``08_adam-Copy1.ipynb``); the verdict that counts is the
best of them, the most recent among equals, and it says which file it came from. What is never lost:

* two kernels recording at once: each write holds a lock (``.coursekit-progress.lock``), reads the file
  afresh and replaces it in one step (:func:`coursekit.course.files.replace_text`); a writer killed
  mid-write leaves the old file whole, and its temporary file is removed by the next writer;
* a file that cannot be read whole (truncated, hand-edited, not progress at all) is kept aside as
  ``.coursekit-progress.broken-<time>.json``, with one line saying so, and a new file starts with the
  verdicts that could be read (a file of the first format, one verdict or ``true``/``false`` per key, is
  read whole; its verdicts with no notebook are filed under no file, ``""``);
* a file of the numbering before December 2026 (02 and 09 each split in two): read in today's numbering,
  the course's notebook files under their new names (:data:`coursekit.course.outline.FORMER_NAMES`), and
  saved so at the next verdict;
* a folder where nothing can be written (a shared, read-only course folder): every check still shows its
  verdict; one line says that progress cannot be saved there, and this kernel remembers it until it stops.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from coursekit.course.files import replace_text, temporaries
from coursekit.course.outline import FORMER_NAMES, NOTEBOOKS, renumbered

try:  # Linux, macOS
    import fcntl
except ImportError:  # Windows
    fcntl = None
    import msvcrt

__all__ = ["FILENAME", "KINDS", "LOCK_TIMEOUT", "load", "progress_file", "record"]

#: The progress file of a working copy; its presence in the current folder marks the folder as one.
FILENAME = ".coursekit-progress.json"
KINDS = ("exercises", "questions")
#: Seconds a kernel waits for another one to finish writing before it gives up saving this verdict.
LOCK_TIMEOUT = 10.0
_LOCK = ".coursekit-progress.lock"
_FORMAT = 3  # {kind: {key: {notebook file: verdict}}}; 2: the same in the numbering before December 2026
_FORMERLY = (1, 2)  # formats of that numbering (outline.renumbered); 1 was {kind: {key: verdict}}
_VERDICT = {"passed": bool, "notebook": str, "when": str}

_memory: dict = {kind: {} for kind in KINDS}  # outside a working copy: this kernel's verdicts
_unsaved: dict = {kind: {} for kind in KINDS}  # in a working copy, the verdicts not written yet
_said: set[str] = set()


def progress_file(folder: str | Path | None = None) -> Path | None:
    """The progress file of ``folder`` (default: the current folder, a kernel's notebook folder), if it has one."""
    path = Path.cwd() if folder is None else Path(folder)
    path = path / FILENAME
    return path if path.is_file() else None


def load(folder: str | Path | None = None) -> dict:
    """``{"exercises": {name: verdict}, "questions": {id: verdict}}``: for each key the verdict that counts.

    Each verdict is ``{"passed", "notebook", "when", "source"}``: ``source`` is the notebook file it came
    from. Of the verdicts from several files (a duplicated notebook), the best counts, then the most recent.

    Args:
        folder: the working copy (default: the current folder); without a progress file, this kernel's verdicts.
    """
    path = progress_file(folder)
    stored = _memory if path is None else _merged(_read(path), _unsaved)
    return {kind: {key: _counted(by_file) for key, by_file in stored[kind].items() if by_file} for kind in KINDS}


def record(kind: str, key: str, passed: bool, notebook: str, folder: str | Path | None = None) -> None:
    """Record the latest verdict on exercise or question ``key`` of ``notebook`` (``kind`` "exercises" or "questions").

    The verdict is filed under the notebook file of the running kernel (JupyterLab tells the kernel its
    file), else under the course's file of ``notebook``. Never raises for a file that cannot be written.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    verdict = {"passed": bool(passed), "notebook": notebook,
               "when": datetime.now(timezone.utc).isoformat(timespec="microseconds")}
    path = progress_file(folder)
    store = _memory if path is None else _unsaved
    store[kind].setdefault(key, {})[_source(notebook)] = verdict
    if path is not None:
        _save(path)


def _source(notebook: str) -> str:
    """The notebook file a verdict comes from: the kernel's own (``JPY_SESSION_NAME``), or the course's."""
    session = os.environ.get("JPY_SESSION_NAME", "")
    if session.endswith(".ipynb"):
        return re.split(r"[\\/]", session)[-1]
    return _course_file(notebook)


def _course_file(notebook: str) -> str:
    """The course's file of notebook ``NN`` (``08`` -> ``08_adam.ipynb``)."""
    return NOTEBOOKS.get(notebook, (notebook,))[0]


def _counted(by_file: dict) -> dict:
    """The verdict that counts among one key's verdicts by file: passed before failed, then the most recent."""
    source, verdict = max(by_file.items(), key=lambda item: (item[1]["passed"], item[1]["when"]))
    return {**verdict, "source": source}


def _merged(stored: dict, newer: dict) -> dict:
    return {kind: {key: {**stored[kind].get(key, {}), **newer[kind].get(key, {})}
                   for key in {*stored[kind], *newer[kind]}} for kind in KINDS}


def _read(path: Path) -> dict:
    """The verdicts of the progress file; one that cannot be read whole is set aside first (:func:`_save`)."""
    try:
        stored, whole = _understood(path.read_bytes())
    except OSError as error:
        _say(f"your progress in {path.parent} cannot be read ({error.strerror or error}); "
             "this kernel remembers it until it stops")
        return _empty()
    return stored if whole else _save(path) or stored


def _save(path: Path) -> dict | None:
    """Under the lock: read the file afresh, set it aside if broken, add this kernel's unsaved verdicts, write it.

    Returns what the file now holds, or None when it cannot be written (one line says why; the verdicts
    stay unsaved, in this kernel's memory).
    """
    aside = None
    try:
        with _locked(path.parent):
            for stray in temporaries(path):  # left by a writer killed before its replace
                stray.unlink(missing_ok=True)
            original = path.read_bytes()
            stored, whole = _understood(original)
            if not whole:
                aside = _aside(path)
                aside.write_bytes(original)
            stored = _merged(stored, _unsaved)
            replace_text(path, json.dumps({"format": _FORMAT, **stored}, indent=1, sort_keys=True) + "\n")
    except OSError as error:
        _say(f"your progress cannot be saved in {path.parent} ({error.strerror or error}); "
             "every check still shows its verdict, and this kernel keeps it until it can save it, or stops")
        return None
    for kind in KINDS:
        _unsaved[kind].clear()
    if aside is not None:
        _say(f"your progress file could not be read whole: it is kept as {aside.name}, and {path.name} "
             "starts anew with the verdicts that could be read")
    return stored


def _understood(content: bytes) -> tuple[dict, bool]:
    """The verdicts that can be read from a progress file's content, and whether all of it could be read."""
    stored = _empty()
    try:
        data = json.loads(content.decode("utf-8")) if content.strip() else {}
    except ValueError:  # not UTF-8, not JSON: truncated, or not a progress file
        return stored, False
    if not isinstance(data, dict):
        return stored, False
    form = data.get("format", 1)
    whole, formerly = set(data) <= {*KINDS, "format"} and form in (*_FORMERLY, _FORMAT), form in _FORMERLY
    for kind in KINDS:
        entries = data.get(kind, {})
        if not isinstance(entries, dict):
            whole = False
            continue
        for key, entry in entries.items():
            if formerly and kind == "questions":
                key = renumbered(key)
            if isinstance(entry, bool):  # an older shape still: passed or not, from no file in particular
                entry = {"passed": entry}
            if isinstance(entry, dict) and "passed" in entry:  # the first format: one verdict per key
                notebook = entry.get("notebook", "")
                entry = {_course_file(renumbered(notebook)) if isinstance(notebook, str) else "": entry}
            if not isinstance(entry, dict):
                whole = False
                continue
            for source, verdict in entry.items():
                if _valid(verdict):
                    verdict = {"notebook": "", "when": "", **verdict}
                    if formerly:  # the course's files took today's names; a learner's own copy kept its name
                        source, verdict["notebook"] = FORMER_NAMES.get(source, source), renumbered(verdict["notebook"])
                    stored[kind].setdefault(key, {})[source] = verdict
                else:
                    whole = False
    return stored, whole


def _valid(verdict) -> bool:
    return (isinstance(verdict, dict) and "passed" in verdict and set(verdict) <= set(_VERDICT)
            and all(isinstance(value, _VERDICT[name]) for name, value in verdict.items()))


def _aside(path: Path) -> Path:
    """A name not taken yet for the broken progress file: ``.coursekit-progress.broken-<time>.json``."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for count in range(1, 1000):
        aside = path.with_name(f".coursekit-progress.broken-{stamp}{'' if count == 1 else f'-{count}'}.json")
        if not aside.exists():
            return aside
    raise FileExistsError(f"too many broken progress files in {path.parent}")


@contextmanager
def _locked(folder: Path):
    """Hold the working copy's write lock (released by the system if the process dies), waiting LOCK_TIMEOUT s."""
    handle = os.open(folder / _LOCK, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        deadline = time.monotonic() + LOCK_TIMEOUT
        while not _try_lock(handle):
            if time.monotonic() > deadline:
                raise TimeoutError(f"another kernel kept it busy for {LOCK_TIMEOUT:g} s")
            time.sleep(0.005)
        yield
    finally:
        if fcntl is None:
            try:
                msvcrt.locking(handle, msvcrt.LK_UNLCK, 1)
            except OSError:  # not locked: the wait timed out
                pass
        os.close(handle)


def _try_lock(handle: int) -> bool:
    """Take the lock if no other process holds it."""
    if fcntl is not None:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
    try:
        msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
    except OSError:  # held by another process
        return False
    return True


def _empty() -> dict:
    return {kind: {} for kind in KINDS}


def _say(message: str) -> None:
    """One line where the learner sees it (under the cell, or in the terminal), once per kernel."""
    if message not in _said:
        _said.add(message)
        print(f"coursekit: {message}", file=sys.stderr)
