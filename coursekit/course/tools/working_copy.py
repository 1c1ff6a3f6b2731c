"""A folder of student-edition notebooks that is never overwritten once its owner has changed a notebook.

``make lab`` keeps the learner's working copy (``my-course/``) in step with the course, and ``make
student`` writes the folder an instructor hands out (``student/``); both call :func:`sync`. The folder
remembers, in ``.coursekit-editions.json``, a fingerprint of every notebook as it was written. On the
next sync a notebook still equal to its fingerprint is the learner's untouched copy and may be replaced
by a newer edition; a notebook that differs holds the learner's work and is never replaced:

* ``make lab`` keeps it and writes the newer edition beside it, as ``NN_name.new-edition.ipynb``. That
  file is the learner's too once they change it: a still newer edition then goes to the first name not
  taken, ``NN_name.new-edition-2.ipynb`` and so on, and the report says so in its line;
* ``make student`` stops without writing anything, unless told ``FORCE=1``.

A folder of the numbering before December 2026 (when 02 and 09 were each split in two) first takes
today's names (:data:`coursekit.course.outline.FORMER_NAMES`): ``07_adam.ipynb`` becomes ``08_adam.ipynb``,
its fingerprint with it, so an untouched copy follows the new edition and a changed one is kept as the
learner's; a former name whose new name is taken is left alone.

Every file is written as UTF-8, whatever the locale, and in one step (:mod:`coursekit.course.files`): a
sync stopped midway leaves no half-written notebook. The learner's working copy also gets an empty
progress file (:mod:`coursekit.course.records`), so that checks and concept questions run in it record
what the learner has done; the folder an instructor hands out does not (``--no-progress``).

Command line::

    python -m coursekit.course.tools.working_copy notebooks my-course                            # make lab
    python -m coursekit.course.tools.working_copy notebooks student --no-progress --refuse       # make student
    python -m coursekit.course.tools.working_copy notebooks student --no-progress --overwrite    # FORCE=1
"""

from __future__ import annotations

import glob
import hashlib
import itertools
import json
import os
from pathlib import Path

import nbformat

from coursekit.course.files import replace_text
from coursekit.course.outline import FORMER_NAMES
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


def sync(source_dir: str | Path, target_dir: str | Path, changed: str = "offer",
         progress: bool = True) -> list[tuple[str, str]]:
    """Bring ``target_dir`` up to the student edition of ``source_dir``'s notebooks, never losing changed work.

    Args:
        source_dir: the instructor notebooks (``notebooks/``).  target_dir: the folder to write.
        changed: what to do with a notebook its owner has changed: ``"offer"`` keeps it and, when the
            edition is newer, writes the new edition beside it (never over a file its owner changed);
            ``"refuse"`` raises :class:`ChangedWork` before writing anything; ``"overwrite"`` replaces it.
        progress: whether the folder gets a progress file (a learner's working copy), or not (a folder to hand out).

    Returns:
        ``[(notebook name, what happened)]``, in course order.
    """
    if changed not in POLICIES:
        raise ValueError(f"changed must be one of {POLICIES}, got {changed!r}")
    source_dir, target_dir = Path(source_dir), Path(target_dir)
    notebooks = sorted(source_dir.glob("*.ipynb"))
    if not notebooks:
        raise ValueError(f"source_dir must contain notebooks (*.ipynb), got none in {source_dir}")
    manifest = _manifest(target_dir / MANIFEST)
    formerly = _take_todays_names(target_dir, manifest)
    editions = {path.name: nbformat.writes(student_notebook(nbformat.read(path, as_version=4))) + "\n"
                for path in notebooks}
    plan = [(name, _action(target_dir / name, text, manifest.get(name), changed)) for name, text in editions.items()]
    refused = [name for name, action in plan if action == "refuse"]
    if refused:
        one = len(refused) == 1
        these, hold, them = ("this notebook", "holds", "it") if one else ("these notebooks", "hold", "them")
        raise ChangedWork(f"{these} in {target_dir} {hold} changes that a new edition would overwrite: "
                          f"{', '.join(refused)}; run with FORCE=1 to overwrite {them}, or move {them} away first")
    target_dir.mkdir(parents=True, exist_ok=True)
    report = []
    for name, action in plan:
        text = editions[name]
        if action in ("created", "updated"):
            replace_text(target_dir / name, text)
            manifest[name] = fingerprint(text)
        elif action == "offered":
            beside, changed_too = _beside(target_dir, name, text, manifest)
            if _fingerprint_file(beside) != fingerprint(text):
                replace_text(beside, text)
                manifest[beside.name] = fingerprint(text)
            action = f"kept (you changed it); the new edition is beside it: {beside.name}" + (
                f" ({', '.join(changed_too)} kept too: you changed {'it' if len(changed_too) == 1 else 'them'})"
                if changed_too else "")
        if name in formerly:
            action += f" (it was {formerly[name]} before the notebooks were renumbered)"
        report.append((name, action))
    replace_text(target_dir / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    if progress and not (target_dir / PROGRESS_FILENAME).exists():
        replace_text(target_dir / PROGRESS_FILENAME, "{}\n")
    return report


def _take_todays_names(target_dir: Path, manifest: dict) -> dict[str, str]:
    """Rename the notebooks of the former numbering (and their new-edition files) to today's; ``{today: then}``.

    The manifest follows at once, so that a sync that then refuses still knows the renamed copies.
    """
    formerly = {}
    for then, today in FORMER_NAMES.items():
        stem, new_stem = then.removesuffix(".ipynb"), today.removesuffix(".ipynb")
        for path in sorted(target_dir.glob(glob.escape(stem) + ".*ipynb")):  # NN_name.ipynb, NN_name.new-edition…
            renamed = target_dir / (new_stem + path.name[len(stem):])
            if renamed.exists():
                continue
            os.replace(path, renamed)
            if path.name in manifest:
                manifest[renamed.name] = manifest.pop(path.name)
            if path.name == then:
                formerly[today] = then
    if formerly:
        replace_text(target_dir / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return formerly


def _manifest(path: Path) -> dict:
    """The fingerprints a sync wrote; an unreadable manifest knows none, so every notebook counts as changed."""
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) else {}


def _beside(target_dir: Path, name: str, text: str, manifest: dict) -> tuple[Path, list[str]]:
    """Where the new edition of a changed notebook goes, and the earlier new-edition files its owner changed.

    The first of ``NN_name.new-edition.ipynb``, ``NN_name.new-edition-2.ipynb``, ... that does not exist,
    holds this edition already, or is still as a sync wrote it; a changed one is the learner's and is kept.
    """
    stem, changed_too = name.removesuffix(".ipynb"), []
    for count in itertools.count(1):
        beside = target_dir / (stem + (NEW_EDITION if count == 1 else NEW_EDITION.replace(".ipynb", f"-{count}.ipynb")))
        if _fingerprint_file(beside) in (None, fingerprint(text), manifest.get(beside.name)):
            return beside, changed_too
        changed_too.append(beside.name)


def _fingerprint_file(path: Path) -> str | None:
    """The fingerprint of the file at ``path`` as it is on disk (bytes, so any encoding), or None if there is none."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def _action(target: Path, text: str, written: str | None, changed: str) -> str:
    """What a sync does to one notebook: created, updated, unchanged, kept, offered or refuse."""
    current = _fingerprint_file(target)
    if current is None:
        return "created"
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
    """Command line: ``SOURCE TARGET [--no-progress] [--refuse | --overwrite]``; prints what happened to each one."""
    parser = cli.parser(main)
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--no-progress", dest="progress", action="store_false",
                        help="no progress file: a folder to hand out, not a learner's working copy")
    policy = parser.add_mutually_exclusive_group()
    policy.add_argument("--refuse", dest="changed", action="store_const", const="refuse")
    policy.add_argument("--overwrite", dest="changed", action="store_const", const="overwrite")
    args = parser.parse_args(argv)
    report = sync(args.source, args.target, args.changed or "offer", args.progress)
    for name, action in report:
        print(f"{args.target / name}: {action}")
    return 0


if __name__ == "__main__":
    cli.run(main)
