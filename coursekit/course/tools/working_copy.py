"""A folder of student-edition notebooks that is never overwritten once its owner has changed a notebook.

``make lab`` keeps the learner's working copy (``my-course/``) in step with the course, and ``make
student`` writes the folder an instructor hands out (``student/``); both call :func:`sync`. The folder
remembers, in ``.coursekit-editions.json``, a fingerprint of every notebook as it was written. On the
next sync a notebook still equal to its fingerprint is the learner's untouched copy and may be replaced
by a newer edition; a notebook that differs holds the learner's work and is never replaced:

* ``make lab`` keeps it and writes the newer edition beside it, as ``NN_name.new-edition.ipynb``;
* ``make student`` stops without writing anything, unless told ``FORCE=1``.

The folder also gets an empty progress file (:mod:`coursekit.course.records`), so that checks and
concept questions run in it record what the learner has done.

Command line::

    python -m coursekit.course.tools.working_copy notebooks my-course              # make lab
    python -m coursekit.course.tools.working_copy notebooks student --refuse       # make student
    python -m coursekit.course.tools.working_copy notebooks student --overwrite    # make student FORCE=1
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import nbformat

from coursekit.course.tools import cli
from coursekit.course.tools.editions import student_notebook
from coursekit.course.records import FILENAME as PROGRESS_FILENAME

__all__ = ["ChangedWork", "fingerprint", "main", "MANIFEST", "NEW_EDITION", "POLICIES", "sync"]

MANIFEST = ".coursekit-editions.json"
NEW_EDITION = ".new-edition.ipynb"
#: What to do with a notebook the learner has changed when its edition is newer.
POLICIES = ("offer", "refuse", "overwrite")


class ChangedWork(cli.ToolFailed):
    """Raised by :func:`sync` with ``changed="refuse"``: some notebooks hold work that a sync would replace."""


def fingerprint(text: str) -> str:
    """The SHA-256 of a notebook's text, as the manifest records it."""
    return hashlib.sha256(text.encode()).hexdigest()


def sync(source_dir: str | Path, target_dir: str | Path, changed: str = "offer") -> list[tuple[str, str]]:
    """Bring ``target_dir`` up to the student edition of ``source_dir``'s notebooks, never losing changed work.

    Args:
        source_dir: the instructor notebooks (``notebooks/``).  target_dir: the folder to write.
        changed: what to do with a notebook its owner has changed: ``"offer"`` keeps it and, when the
            edition is newer, writes the new edition beside it; ``"refuse"`` raises :class:`ChangedWork`
            before writing anything; ``"overwrite"`` replaces it.

    Returns:
        ``[(notebook name, what happened)]``, in course order.
    """
    if changed not in POLICIES:
        raise ValueError(f"changed must be one of {POLICIES}, got {changed!r}")
    source_dir, target_dir = Path(source_dir), Path(target_dir)
    notebooks = sorted(source_dir.glob("*.ipynb"))
    if not notebooks:
        raise ValueError(f"source_dir must contain notebooks (*.ipynb), got none in {source_dir}")
    manifest_path = target_dir / MANIFEST
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    editions = {path.name: nbformat.writes(student_notebook(nbformat.read(path, as_version=4))) + "\n"
                for path in notebooks}
    plan = [(name, _action(target_dir / name, text, manifest.get(name), changed)) for name, text in editions.items()]
    refused = [name for name, action in plan if action == "refuse"]
    if refused:
        raise ChangedWork(f"these notebooks in {target_dir} hold changes that a new edition would overwrite: "
                          f"{', '.join(refused)}; run with FORCE=1 to overwrite them, or move them away first")
    target_dir.mkdir(parents=True, exist_ok=True)
    report = []
    for name, action in plan:
        text = editions[name]
        if action in ("created", "updated"):
            (target_dir / name).write_text(text)
            manifest[name] = fingerprint(text)
        elif action == "offered":
            beside = target_dir / (name.removesuffix(".ipynb") + NEW_EDITION)
            beside.write_text(text)
            action = f"kept (you changed it); the new edition is beside it: {beside.name}"
        report.append((name, action))
    manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    progress_path = target_dir / PROGRESS_FILENAME
    if not progress_path.exists():
        progress_path.write_text("{}\n")
    return report


def _action(target: Path, text: str, written: str | None, changed: str) -> str:
    """What a sync does to one notebook: created, updated, unchanged, kept, offered or refuse."""
    if not target.exists():
        return "created"
    current = fingerprint(target.read_text())
    if current == fingerprint(text):
        return "unchanged"
    if current == written:  # the copy is as we wrote it: safe to replace
        return "updated"
    if changed != "offer":  # changed by its owner: make student refuses, or overwrites when forced
        return {"refuse": "refuse", "overwrite": "updated"}[changed]
    if written == fingerprint(text):  # changed by the learner, and the edition has not moved since
        return "kept (you changed it)"
    return "offered"


@cli.command
def main(argv: list[str] | None = None) -> int:
    """Command line: ``SOURCE TARGET [--refuse | --overwrite]``; prints what happened to each notebook."""
    parser = cli.parser(main)
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    policy = parser.add_mutually_exclusive_group()
    policy.add_argument("--refuse", dest="changed", action="store_const", const="refuse")
    policy.add_argument("--overwrite", dest="changed", action="store_const", const="overwrite")
    args = parser.parse_args(argv)
    report = sync(args.source, args.target, args.changed or "offer")
    for name, action in report:
        print(f"{args.target / name}: {action}")
    return 0


if __name__ == "__main__":
    cli.run(main)
