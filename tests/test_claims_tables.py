"""Each notebook's claims table says in words how each claim was measured: no test names, file names or tool talk.

The "how" column of a claims table (claim · measured here · how) is for a learner: the grid, the seeds, the budget
and what is compared — never the name of the test that pins it, a path in the repository or a command of a tool.
"""

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
#: The notebooks whose tables have been written this way (the others follow as they are rewritten).
NUMBERS = ("00", "01", "02", "03", "04", "05", "08", "10", "11")
HEADER = "| claim | measured here | how |"
TOOL_TALK = re.compile(r"\btest_\w+|\btests?/|\w+\.py\b|\bmake \w+|\bnbval\b|\bpytest\b|no claims? test")


def _hows(path: Path) -> list[str]:
    """The "how" cell of every row of the notebook's claims table."""
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "markdown" and HEADER in cell.source:
            rows = cell.source.split(HEADER, 1)[1].splitlines()[2:]
            return [row.rstrip()[:-2].rsplit(" | ", 1)[1] for row in rows if row.startswith("|")]
    return []


@pytest.mark.parametrize("number", NUMBERS)
def test_the_how_column_says_in_words_how_each_claim_was_measured(number):
    (path,) = (ROOT / "notebooks").glob(f"{number}_*.ipynb")
    hows = _hows(path)
    assert hows, f"{path.name} has a claims table"
    for how in hows:
        assert not TOOL_TALK.search(how), f"{path.name}: {how!r}"
        assert len(how.split()) >= 6, f"{path.name}: say how it was measured, in words: {how!r}"
