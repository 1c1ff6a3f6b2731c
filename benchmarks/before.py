"""The "before" side of the bench: coursekit with the performance-relevant modules taken from an older commit.

``build(ref)`` copies the working tree's ``coursekit/`` twice into a temporary folder and, in both
copies, replaces the modules listed in ``MEASURED`` by their versions at git ``ref`` (everything
else, e.g. ``coursekit/show``, stays as it is now, so that today's notebooks and explorers run on
the old algorithms):

* ``plain/coursekit`` — for a notebook kernel started with ``PYTHONPATH=plain`` (it shadows the
  editable install, whose finder comes after the path finders);
* ``renamed/coursekit_before`` — the same package renamed, importable in this process next to
  ``coursekit``, so that old and new run interleaved in one process.
"""

from __future__ import annotations

import importlib
import io
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: The modules the performance work changes: taken from ``ref`` on the "before" side.
MEASURED = ("coursekit/optim", "coursekit/nn.py", "coursekit/activations.py", "coursekit/train.py",
            "coursekit/_validate.py", "coursekit/trajectories.py")


@dataclass
class Before:
    """The old side: its git ref and description, the folder for ``PYTHONPATH``, the package in this process."""

    ref: str
    description: str
    pythonpath: Path
    package: object


def _git(*args: str) -> bytes:
    return subprocess.run(["git", "-C", str(REPO), *args], check=True, capture_output=True).stdout


def _overlay(ref: str, target: Path) -> None:
    """Copy ``coursekit/`` into ``target`` and replace every ``MEASURED`` path by its version at ``ref``."""
    shutil.copytree(REPO / "coursekit", target / "coursekit", ignore=shutil.ignore_patterns("__pycache__"))
    for path in MEASURED:
        current = target / path
        if current.is_dir():
            shutil.rmtree(current)
        elif current.exists():
            current.unlink()
        if _git("ls-tree", "--name-only", ref, "--", path).strip():
            with tarfile.open(fileobj=io.BytesIO(_git("archive", "--format=tar", ref, "--", path))) as tar:
                tar.extractall(target, filter="data")


def build(ref: str) -> Before:
    """Build both copies for ``ref`` and import the renamed one as ``coursekit_before``."""
    sha = _git("rev-parse", "--short", ref).decode().strip()
    description = f"{sha} {_git('log', '-1', '--format=%s', ref).decode().strip()[:60]}"
    root = Path(tempfile.mkdtemp(prefix="coursekit-before-"))
    _overlay(ref, root / "plain")
    renamed = root / "renamed" / "coursekit_before"
    shutil.copytree(root / "plain" / "coursekit", renamed)
    for source in renamed.rglob("*.py"):
        source.write_text(re.sub(r"\bcoursekit\b", "coursekit_before", source.read_text(encoding="utf-8")))
    sys.path.insert(0, str(renamed.parent))
    return Before(sha, description, root / "plain", load("coursekit_before"))


def load(name: str):
    """The package ``name`` (coursekit or coursekit_before) with the modules the bench calls imported."""
    for module in ("optim", "nn", "train", "minibatch", "trajectories"):
        importlib.import_module(f"{name}.{module}")
    return importlib.import_module(name)
