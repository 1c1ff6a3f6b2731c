"""The command line shared by the tools that ``make`` runs: one parser, one way to fail, one runner.

A tool's ``main(argv)``, whose docstring says what it takes and prints, is written as::

    @cli.command
    def main(argv: list[str] | None = None) -> int:
        parser = cli.parser(main)
        ...
        return 0

    if __name__ == "__main__":
        cli.run(main)

:func:`parser` names the program as it is run (``python -m coursekit.course.tools.book``) and describes it
with ``main``'s docstring. A failure the tool explains in one line raises :class:`ToolFailed`;
:func:`command` turns it into a ``✘`` line on stderr and the exit status 1, so that ``main([...])`` in a
test and ``make`` in a terminal see the same.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from pathlib import Path

__all__ = ["ToolFailed", "command", "parser", "run"]


class ToolFailed(RuntimeError):
    """A failure the tool explains to its user in a sentence (npm missing, work that would be lost, ...)."""


def parser(main: Callable, *folders: str, npm_cache: bool = False) -> argparse.ArgumentParser:
    """A tool's argument parser: the program ``python -m <main's module>``, described by ``main``'s docstring.

    ``folders`` name its positional arguments, each a path (``"notebooks", "target"``); ``npm_cache`` adds
    ``--cache DIR``, where the JavaScript fetched from the npm registry is kept (the slides and the book).

    >>> from coursekit.course.tools import guide
    >>> parser(guide.main).prog
    'python -m coursekit.course.tools.guide'
    >>> parser(guide.main, "notebooks", npm_cache=True).parse_args(["nb"])
    Namespace(notebooks=PosixPath('nb'), cache=PosixPath('.cache/npm'))
    """
    module = sys.modules.get(main.__module__)
    spec = getattr(module, "__spec__", None)
    name = spec.name if spec is not None else main.__module__  # under ``python -m`` the module is __main__
    made = argparse.ArgumentParser(prog=f"python -m {name}", description=main.__doc__)
    for folder in folders:
        made.add_argument(folder, type=Path)
    if npm_cache:
        made.add_argument("--cache", type=Path, default=Path(".cache/npm"), help="where the npm packages are kept")
    return made


def command(main: Callable[[list[str] | None], int]) -> Callable[[list[str] | None], int]:
    """``main`` with its :class:`ToolFailed` shown as ``✘ <the explanation>`` on stderr and returned as status 1.

    >>> @command
    ... def main(argv=None):
    ...     raise ToolFailed("npm is needed once")
    >>> main([])
    1
    """

    @functools.wraps(main)
    def checked(argv: list[str] | None = None) -> int:
        try:
            return main(argv)
        except ToolFailed as failure:
            print(f"✘ {failure}", file=sys.stderr)
            return 1

    return checked


def run(main: Callable[[list[str] | None], int]) -> None:
    """Run a tool's ``main`` on the process's arguments and exit with its status (the ``__main__`` block)."""
    sys.exit(main(None))
