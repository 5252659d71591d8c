"""``cardgen import``: Markdown training notes into a catalogue that validates and prints.

``data/notes.md`` is a copy of the runner's notes the bundled catalogue came from, so these tests
don't need anything outside the repository.
"""

from pathlib import Path

import pytest

from cardgen.catalogue import load_catalogue
from cardgen.importer import import_notes
from pdfread import flat_text, pages

NOTES = Path(__file__).parent / "data" / "notes.md"

OTHER_LAYOUT = """\
# My gym notes

Written after the winter block.

## Legs

- Goblet squat: 8-12x3
  - Keep the chest up
  - Optional: hold a kettlebell
  - Avoid rounding the back
- [Box jump](https://vimeo.com/76979871#t=30s)
  - 5x3
- Step-up
  - 3x15

## Core

- Dead bug - 10 each side
- Warm-up march

## Arms

- Push-up

## Monday routine

Twice a week, easy pace.

1. Warm-up march
2. Goblet squat & Dead bug
    - 10x2
3. Burpees
"""


def imported(run, notes: Path, folder: str = "imported"):
    result = run("import", notes, "-o", folder)
    assert result.exit_code == 0, result.output
    return result, load_catalogue(Path(folder))


def line_number(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_the_seed_notes_become_a_catalogue_that_validates(run):
    result, catalogue = imported(run, NOTES)
    assert "imported: 15 exercises, 4 routines" in result.stdout
    assert run("validate", "--catalogue", "imported").exit_code == 0

    calf_raise = catalogue.exercise("calf-raise")
    assert (calf_raise.area, calf_raise.kind) == ("calves", "strength")
    assert str(calf_raise.dose) == "3 sets × 15 reps"
    assert calf_raise.video.start == 0
    assert calf_raise.variations == ["Optional - with modrate weight"]  # typos kept as written
    assert calf_raise.cautions[0].text == "If having heel issue, avoid dipping below the toe level."
    assert calf_raise.cautions[0].flags == ["heel"]
    assert calf_raise.cues == ["Single leg standing raise - consider dip the heal down slowly, and up quickly."]

    lunge_circuit = catalogue.exercise("lounge-circuit")
    assert lunge_circuit.video.start == 227
    assert "t=" not in lunge_circuit.video.url
    assert str(lunge_circuit.dose) == "5–8 reps each side"

    assert catalogue.exercise("calf-walk").kind == "warm-up"
    assert catalogue.exercise("rope-jump").kind == "swiftness"
    assert catalogue.exercise("jumping-on-box").kind == "explosive"
    assert catalogue.exercise("squat").dose is None  # the notes give it none: none invented
    assert {e.area for e in catalogue.exercises.values() if e.id in ("squat", "glute-bridge")} == {"legs"}
    assert catalogue.exercise("plank").area == "core"


def test_the_seed_notes_make_a_routine_per_area_and_the_sample_training(run):
    _, catalogue = imported(run, NOTES)
    assert list(catalogue.routines) == ["calves", "quad-hamstring-glute", "core", "sample-training-for-runners"]
    sample = catalogue.routine("sample-training-for-runners")
    assert [[item.id for item in block.exercises] for block in sample.blocks] == [
        ["calf-walk", "heel-walk"], ["squat", "lounge-circuit"], ["calf-raise", "toe-raise"], ["plank"], ["glute-bridge"],
    ]
    assert sample.blocks[1].note == "Start from large muscle groups"


def test_the_seed_theory_keeps_its_aspects_sections_and_links(run):
    _, catalogue = imported(run, NOTES)
    theory = catalogue.theory
    assert theory.aspects == ["Plyometrics", "Explosive reistance", "Strength"]
    assert [s.title for s in theory.sections] == ["Muscle for running fast", "Explosiveness", "Swiftness"]
    assert theory.source.url == "https://youtu.be/GcZJhNi2yOM"
    assert [link.url for link in theory.further_watching] == ["https://youtu.be/GcZJhNi2yOM", "https://youtu.be/SnNlrFcXjVU"]


def test_a_line_that_fits_nowhere_is_reported_with_its_line(run, tmp_path):
    text = NOTES.read_text(encoding="utf-8").replace("### Core\n", "### Core\n\nRemember to breathe.\n")
    (tmp_path / "notes.md").write_text(text, encoding="utf-8")
    result = run("import", "notes.md", "-o", "imported")
    assert result.exit_code == 0, result.output
    assert f"notes.md:{line_number(text, 'Remember to breathe.')}: could not place: Remember to breathe.\n" in result.stderr
    assert f"notes.md:{line_number(text, 'warmup_cooldown.html')}: left out the link 'warmup_cooldown.html'" in result.stderr


def test_another_layout_of_notes(run, tmp_path):
    (tmp_path / "gym.md").write_text(OTHER_LAYOUT, encoding="utf-8")
    result, catalogue = imported(run, Path("gym.md"))
    squat = catalogue.exercise("goblet-squat")
    assert (squat.area, squat.kind, str(squat.dose)) == ("legs", "strength", "3 sets × 8–12 reps")
    assert squat.cues == ["Keep the chest up"]
    assert squat.variations == ["Optional: hold a kettlebell"]
    assert [(c.text, c.flags) for c in squat.cautions] == [("Avoid rounding the back", [])]
    box_jump = catalogue.exercise("box-jump")
    assert (box_jump.kind, box_jump.video.url, box_jump.video.start) == ("explosive", "https://vimeo.com/76979871", 30)
    assert catalogue.exercise("step-up").dose is None
    assert (catalogue.exercise("dead-bug").area, str(catalogue.exercise("dead-bug").dose)) == ("core", "10 reps each side")
    assert catalogue.exercise("warm-up-march").kind == "warm-up"
    assert catalogue.exercise("push-up").area == "legs"

    monday = catalogue.routine("monday-routine")
    assert monday.summary == "Twice a week, easy pace."
    assert [[(item.id, str(item.dose) if item.dose else None) for item in block.exercises] for block in monday.blocks] == [
        [("warm-up-march", None)], [("goblet-squat", "2 sets × 10 reps"), ("dead-bug", "2 sets × 10 reps")],
    ]

    reported = result.stderr
    assert f"gym.md:{line_number(OTHER_LAYOUT, 'Written after')}: could not place: Written after the winter block." in reported
    assert f"gym.md:{line_number(OTHER_LAYOUT, '3x15')}: could not place: 3x15 (" in reported
    assert f"gym.md:{line_number(OTHER_LAYOUT, '## Arms')}: 'Arms' is not calves, legs or core" in reported
    assert f"gym.md:{line_number(OTHER_LAYOUT, 'Burpees')}: could not place: 3. Burpees" in reported


def test_existing_files_are_kept_unless_forced(run, tmp_path):
    imported(run, NOTES)
    mine = Path("imported/exercises.yaml")
    mine.write_text("# my edits\n", encoding="utf-8")
    refused = run("import", NOTES, "-o", "imported")
    assert refused.exit_code == 1
    assert "imported/exercises.yaml already exists: add --force" in refused.stderr
    assert mine.read_text(encoding="utf-8") == "# my edits\n"
    assert run("import", NOTES, "-o", "imported", "--force").exit_code == 0
    assert load_catalogue(Path("imported")).exercise("calf-raise")


def test_the_default_folder_is_named_after_the_notes(run):
    result = run("import", NOTES)
    assert result.exit_code == 0, result.output
    assert Path("catalogue-from-notes/routines.yaml").is_file()


def test_notes_without_exercises_are_refused(run, tmp_path):
    (tmp_path / "empty.md").write_text("# Nothing here\n\nJust a thought.\n", encoding="utf-8")
    result = run("import", "empty.md")
    assert result.exit_code == 1
    assert "found no exercises in empty.md" in result.stderr
    assert not Path("catalogue-from-empty").exists()


def test_import_keeps_every_exercise_line_of_the_seed():
    """Every numbered item under "By Area" is an exercise: none lost, none merged."""
    text = NOTES.read_text(encoding="utf-8")
    areas = text[text.index("## By Area"):text.index("## Theory")]
    items = [line for line in areas.splitlines() if line.startswith("1. ")]
    assert len(import_notes(NOTES).exercises) == len(items)


@pytest.mark.parametrize("routine", ["sample-training-for-runners", "calves"])
def test_a_card_prints_from_the_imported_catalogue(run, routine):
    imported(run, NOTES)
    result = run("card", routine, "--catalogue", "imported", "-o", "card.pdf")
    assert result.exit_code == 0, result.output
    text = flat_text(Path("card.pdf"))
    names = {"sample-training-for-runners": ["Squat", "Lounge circuit", "Calf raise", "Toe raise", "Plank", "Glute bridge"],
             "calves": ["Calf walk", "Heel walk", "Calf raise", "Toe raise", "Rope jump"]}[routine]
    for name in names:
        assert name in text
    assert all(round(page.width_mm) == 105 and round(page.height_mm) == 148 for page in pages(Path("card.pdf")))
