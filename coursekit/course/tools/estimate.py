"""How long a notebook takes a learner, estimated from what it asks them to do, and stated in its first cell.

The estimate counts what a learner spends time on — reading the prose, reading and running the code,
writing an exercise, answering a question, trying an explorer's prompts::

    minutes = words / 120 + 0.5 · code cells + 10 · exercises + 2 · questions + 1.5 · "Try this" prompts

rounded up to 5 minutes; the rows of a Markdown table (the claims and numbers at the end) are reference, looked
up rather than read, and not counted. The rates are assumptions: careful technical reading at about 120 words a minute,
formulas included, and round figures for the rest, set so that the course as it stood when they were chosen
comes to the 8–10 hours that a trial with learners found (9½ hours by this formula). The first cell of each
notebook states it in one line, ``*About N minutes: …*``, kept true by ``make guide`` (which runs this tool)
and checked by ``tests/course/tools/test_estimate.py``.

It also counts the numbers in the prose (outside the tables, the folded ``<details>`` and the estimate's
line): a principle should not be buried under measurements, and the tests hold the course to a third of
the 1,847 numbers its prose held before the notebooks were rewritten to lead with their principles.

Command line::

    python -m coursekit.course.tools.estimate notebooks [--check | --report]
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from coursekit.course.tools import cli, guide
from coursekit.course.tools.editions import BEGIN

__all__ = ["Estimate", "estimate", "main", "stated"]

WORDS_PER_MINUTE = 120
MINUTES = {"code cell": 0.5, "exercise": 10.0, "question": 2.0, "prompt": 1.5}
#: The line of the first cell that states the estimate.
LINE = re.compile(r"^\*About (\d+) minutes: .*\*$", re.M)
_TABLE_ROW = re.compile(r"^\|.*$", re.M)
_DETAILS = re.compile(r"<details>.*?</details>", re.S)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


@dataclass(frozen=True)
class Estimate:
    """A notebook's estimated minutes, and what they are made of."""

    words: int
    code_cells: int
    exercises: int
    questions: int
    prompts: int
    #: The numbers in the prose, outside tables, ``<details>`` and the estimate's line (``0.9``, ``1,500``, ``2``).
    numbers: int = 0

    @property
    def minutes(self) -> int:
        """The estimate rounded up to 5 minutes."""
        raw = (self.words / WORDS_PER_MINUTE + MINUTES["code cell"] * self.code_cells
               + MINUTES["exercise"] * self.exercises + MINUTES["question"] * self.questions
               + MINUTES["prompt"] * self.prompts)
        return 5 * math.ceil(raw / 5)

    @property
    def line(self) -> str:
        """The first cell's line, e.g. ``*About 45 minutes: 2 exercises, 3 questions, 4 things to try.*``."""
        parts = [_count(self.exercises, "exercise"), _count(self.questions, "question"),
                 _count(self.prompts, "thing to try", "things to try")]
        return f"*About {self.minutes} minutes: {', '.join(parts)}.*"


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def estimate(nb) -> Estimate:
    """The estimate of notebook ``nb`` (its own line in the first cell is not counted).

    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Title\\n\\nsix words of prose here")])
    >>> estimate(nb).minutes, estimate(nb).line
    (5, '*About 5 minutes: 0 exercises, 0 questions, 0 things to try.*')
    """
    prose = [_TABLE_ROW.sub("", LINE.sub("", cell.source)) for cell in nb.cells if cell.cell_type == "markdown"]
    code = [cell.source for cell in nb.cells if cell.cell_type == "code"]
    return Estimate(
        words=sum(len(re.findall(r"\w+", text)) for text in prose),
        code_cells=len(code),
        exercises=sum(BEGIN in source for source in code),
        questions=sum(len(re.findall(r"\bask\(", source)) for source in code),
        prompts=sum(len(prompts) for _, prompts in guide.explorers(nb)),
        numbers=sum(len(_NUMBER.findall(_DETAILS.sub("", text))) for text in prose),
    )


def stated(nb) -> int | None:
    """The minutes that the notebook's first cell states, or None."""
    found = LINE.search(nb.cells[0].source) if nb.cells else None
    return int(found.group(1)) if found else None


def _with_line(nb) -> str:
    """The first cell's source with the estimate's line in place (after the title, or replacing the old one)."""
    source, line = nb.cells[0].source, estimate(nb).line
    if LINE.search(source):
        return LINE.sub(line, source)
    title, _, rest = source.partition("\n")
    return f"{title}\n\n{line}\n{rest}" if rest else f"{title}\n\n{line}"


@cli.command
def main(argv: list[str] | None = None) -> int:
    """State each notebook's estimated minutes in its first cell; with --check, only say which are stale."""
    parser = cli.parser(main, "notebooks")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="change nothing; exit 1 if a stated estimate is stale")
    mode.add_argument("--report", action="store_true", help="change nothing; print each notebook's minutes and numbers")
    args = parser.parse_args(argv)
    stale, total = [], 0
    for path in sorted(Path(args.notebooks).glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        if args.report:
            found = estimate(nb)
            total += found.numbers
            print(f"{path.name:<52} {found.minutes:>3} minutes {found.numbers:>4} numbers in the prose")
            continue
        source = _with_line(nb)
        if source == nb.cells[0].source:
            continue
        stale.append(path)
        if not args.check:
            nb.cells[0].source = source
            nbformat.write(nb, path)
            print(f"{path}: {estimate(nb).line}")
    if args.report:
        print(f"{'the course':<52} {'':>11} {total:>4} numbers in the prose")
    if args.check and stale:
        print("\n".join(f"{path}: the estimate is stale: run make guide" for path in stale))
        return 1
    return 0


if __name__ == "__main__":
    cli.run(main)
