"""The instructor guide is generated (make guide) and kept in sync: it covers every notebook that exists."""

import json
import re
import shutil
from pathlib import Path

import nbformat

from coursekit.course.tools import guide
from coursekit.course.exercises import exercise, names
from coursekit.course.outline import NOTEBOOKS as OUTLINE
from coursekit.course.questions import all_questions

ROOT = Path(__file__).resolve().parents[3]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def test_the_guide_is_up_to_date():
    written = (ROOT / guide.GUIDE).read_text()
    assert written == guide.render(ROOT), "docs/instructor-guide.md is stale: run make guide"


def test_the_guide_covers_every_notebook_its_exercises_mistakes_questions_and_explorers():
    text = guide.render(ROOT)
    for path in NOTEBOOKS:
        number = path.name[:2]
        assert f"`notebooks/{path.name}`" in text
        nb = nbformat.read(path, as_version=4)
        assert guide.goals(nb), f"{path.name}: the first cell lists learning goals"
        for goal in guide.goals(nb):
            assert f"- {goal}" in text
        for function, prompts in guide.explorers(nb):
            assert f"**`show.{function}`**" in text and prompts and all(f"- {p}" in text for p in prompts)
        for name in names():
            if exercise(name).notebook == number:
                assert f"**`{exercise(name).signature}`**" in text
                for mistake in exercise(name).mistakes:
                    assert f"| {mistake.name} |" in text
        for question in all_questions():
            if question.notebook == number:
                assert f'`ask("{question.id}")`' in text and question.explanation in text


def _without_notes(root: Path) -> list[str]:
    """The notebooks of the outline present in ``root/notebooks`` whose guide section shows a reminder."""
    text = guide.render(root)
    sections = {part[3:5]: part for part in re.split(r"\n(?=## \d\d · |# Running a class)", text)
                if re.match(r"## \d\d · ", part)}
    return [name for number, (name, _) in OUTLINE.items()
            if (root / "notebooks" / name).exists() and "Not written yet" in sections[number]]


def test_every_notebook_of_the_outline_has_its_notes_so_the_guide_ships_no_reminder():
    assert any((ROOT / "notebooks" / name).exists() for name, _ in OUTLINE.values())
    missing = _without_notes(ROOT)
    assert not missing, f"write docs/instructor/notes/NN.md (copy TEMPLATE.md) for: {', '.join(missing)}"
    assert "Not written yet" not in guide.render(ROOT)


def test_notes_without_a_demo_are_caught(tmp_path):
    for part in ("notebooks", "docs"):
        shutil.copytree(ROOT / part, tmp_path / part)
    notes = tmp_path / "docs" / "instructor" / "notes" / "06.md"
    notes.write_text(notes.read_text().split("## Demo")[0])
    (tmp_path / "docs" / "instructor" / "notes" / "10.md").unlink()
    assert _without_notes(tmp_path) == [OUTLINE["06"][0], OUTLINE["10"][0]]


def test_a_new_notebook_without_notes_gets_a_reminder_and_its_measurements_when_there_are_some(tmp_path):
    for part in ("notebooks", "docs"):
        shutil.copytree(ROOT / part, tmp_path / part)
    (tmp_path / "docs" / "instructor" / "notes" / "01.md").unlink()
    capacity = {"measured": "2026-12-01", "cores": 2, "python": "3.11", "machine": "Linux x86_64",
                "notebooks": {"01": {"wall_s": 6.0, "cpu_s": 4.2, "peak_mb": 120}},
                "at_once": {"notebook": "01", "runs": [{"learners": 4, "wall_s": 19.0, "median_learner_wall_s": 17.0,
                                                        "peak_mb_each": 121}]}}
    (tmp_path / "docs" / "instructor" / "capacity.json").write_text(json.dumps(capacity))
    text = guide.render(tmp_path)
    section = text[text.index("## 01 ·"):text.index("# Running a class")]
    assert "*Not written yet: add a `## Session plan` section to `docs/instructor/notes/01.md`" in section
    assert "6 s, 4.2 s of kernel CPU, 120 MB peak memory" in section
    assert "| 4 | 19 | 17 | 121 |" in text


def test_make_guide_check_says_whether_it_is_stale(tmp_path, capsys):
    for part in ("notebooks", "docs"):
        shutil.copytree(ROOT / part, tmp_path / part)
    assert guide.main(["--root", str(tmp_path), "--check"]) == 0
    (tmp_path / "docs" / "instructor" / "notes" / "00.md").write_text("## Session plan\n\nTen minutes.\n")
    assert guide.main(["--root", str(tmp_path), "--check"]) == 1
    assert "stale: run make guide" in capsys.readouterr().out
