"""``cardgen import``: Markdown training notes into a catalogue that validates and prints.

``data/notes.md`` is a copy of the runner's notes the bundled catalogue came from, so these tests
don't need anything outside the repository.
"""

from pathlib import Path

import pytest
from pdfread import flat_text, pages

from cardgen.catalogue import load_catalogue
from cardgen.importer import import_notes

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
        ["calf-walk", "heel-walk"],
        ["squat", "lounge-circuit"],
        ["calf-raise", "toe-raise"],
        ["plank"],
        ["glute-bridge"],
    ]
    assert sample.blocks[1].note == "Start from large muscle groups"


def test_the_seed_theory_keeps_its_aspects_sections_and_links(run):
    _, catalogue = imported(run, NOTES)
    theory = catalogue.theory
    assert theory.aspects == ["Plyometrics", "Explosive reistance", "Strength"]
    assert [s.title for s in theory.sections] == ["Muscle for running fast", "Explosiveness", "Swiftness"]
    assert theory.source.url == "https://youtu.be/GcZJhNi2yOM"
    assert [link.url for link in theory.further_watching] == [
        "https://youtu.be/GcZJhNi2yOM",
        "https://youtu.be/SnNlrFcXjVU",
    ]


def test_a_line_that_fits_nowhere_is_reported_with_its_line(run, tmp_path):
    text = NOTES.read_text(encoding="utf-8").replace("### Core\n", "### Core\n\nRemember to breathe.\n")
    (tmp_path / "notes.md").write_text(text, encoding="utf-8")
    result = run("import", "notes.md", "-o", "imported")
    assert result.exit_code == 0, result.output
    assert (
        f"notes.md:{line_number(text, 'Remember to breathe.')}: could not place: Remember to breathe.\n"
        in result.stderr
    )
    assert (
        f"notes.md:{line_number(text, 'warmup_cooldown.html')}: left out the link 'warmup_cooldown.html'"
        in result.stderr
    )


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
    assert (
        str(catalogue.exercise("step-up").dose) == "3 sets × 15 reps"
    )  # 15 sets of 3 can't be right: read the other way, and said
    assert (catalogue.exercise("dead-bug").area, str(catalogue.exercise("dead-bug").dose)) == (
        "core",
        "10 reps each side",
    )
    assert catalogue.exercise("warm-up-march").kind == "warm-up"
    assert catalogue.exercise("push-up").area == "arms"  # a heading of its own: an area of its own
    assert [(a.id, a.name) for a in catalogue.areas.values()] == [("legs", "Legs"), ("core", "Core"), ("arms", "Arms")]

    monday = catalogue.routine("monday-routine")
    assert monday.summary == "Twice a week, easy pace."
    assert [
        [(item.id, str(item.dose) if item.dose else None) for item in block.exercises] for block in monday.blocks
    ] == [
        [("warm-up-march", None)],
        [("goblet-squat", "2 sets × 10 reps"), ("dead-bug", "2 sets × 10 reps")],
    ]

    reported = result.stderr
    assert (
        f"gym.md:{line_number(OTHER_LAYOUT, 'Written after')}: could not place: Written after the winter block."
        in reported
    )
    assert (
        f"gym.md:{line_number(OTHER_LAYOUT, '3x15')}: "
        "read the dose of '3x15' as 3 sets of 15 reps (sets first, unlike most of the page)" in reported
    )
    assert (
        f"gym.md:{line_number(OTHER_LAYOUT, '## Arms')}: "
        "'Arms' is not calves, legs or core: declared as the area 'arms' in areas.yaml" in reported
    )
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
    areas = text[text.index("## By Area") : text.index("## Theory")]
    items = [line for line in areas.splitlines() if line.startswith("1. ")]
    assert len(import_notes(NOTES).exercises) == len(items)


@pytest.mark.parametrize("routine", ["sample-training-for-runners", "calves"])
def test_a_card_prints_from_the_imported_catalogue(run, routine):
    imported(run, NOTES)
    result = run("card", routine, "--catalogue", "imported", "-o", "card.pdf")
    assert result.exit_code == 0, result.output
    text = flat_text(Path("card.pdf"))
    names = {
        "sample-training-for-runners": ["Squat", "Lounge circuit", "Calf raise", "Toe raise", "Plank", "Glute bridge"],
        "calves": ["Calf walk", "Heel walk", "Calf raise", "Toe raise", "Rope jump"],
    }[routine]
    for name in names:
        assert name in text
    assert all(round(page.width_mm) == 105 and round(page.height_mm) == 148 for page in pages(Path("card.pdf")))


# Notes pages written in other styles (tests/data/notes/): what each gives, exactly.
PAGES = Path(__file__).parent / "data" / "notes"

# id: (name, area, kind, dose as printed, (video, start) or None)
STYLES = {
    # ATX headings, * bullets, emphasis and code in names, the gym's sets-first "3 x 10 @ 16 kg",
    # doses after "—", ":" and ",", a bare link, a link in angle brackets, a numbered list as a routine.
    "gym.md": (
        {
            "goblet-squat": ("Goblet squat", "lower-body", "strength", "3 sets × 10 reps", None),
            "romanian-deadlift": ("Romanian deadlift", "lower-body", "strength", "3 sets × 8 reps", None),
            "bulgarian-split-squat": (
                "Bulgarian split squat",
                "lower-body",
                "strength",
                "3 sets × 8 reps each side",
                ("https://youtu.be/2C-uNgKwPLE", 65),
            ),
            "step-ups": ("Step-ups", "lower-body", "strength", "3 sets × 12 reps", None),
            "pallof-press": (
                "Pallof press",
                "core",
                "strength",
                "3 sets × 30 s hold",
                ("https://youtu.be/AH_QZLm_0-s", 42),
            ),
            "dead-bug": ("Dead bug", "core", "strength", "3 sets × 10 reps each side", None),
            "side-plank": ("Side plank", "core", "strength", "3 sets × 20 s", None),
            "push-ups": ("Push-ups", "upper-body", "strength", "3 sets × 15 reps", None),
            "band-pull-aparts": ("Band pull-aparts", "upper-body", "strength", "2 sets × 20 reps", None),
            "farmer-carry": (
                "Farmer carry",
                "upper-body",
                "strength",
                "3 sets × 40 s",
                ("https://youtu.be/Fkzk_RqlYig", 30),
            ),
        },
        {
            "lower-body": [["goblet-squat", "romanian-deadlift", "bulgarian-split-squat", "step-ups"]],
            "core": [["pallof-press", "dead-bug", "side-plank"]],
            "upper-body": [["push-ups", "band-pull-aparts", "farmer-carry"]],
            "thursday": [["goblet-squat"], ["romanian-deadlift"], ["pallof-press"], ["push-ups"]],
        },
        [("lower-body", "Lower body"), ("core", "Core"), ("upper-body", "Upper body")],
        "'3 x 10' as SETS x REPS",
    ),
    # Setext headings, numbered, + and nested lists, doses on the line and below it (as nested items
    # and as lines going on under the item), [text](url) with #t= and an embed's start=, reps first.
    "club.md": (
        {
            "leg-swings": ("Leg swings", "warm-up", "warm-up", "10 reps each side", None),
            "skipping-rope": ("Skipping rope", "warm-up", "warm-up", "2 min", ("https://youtu.be/FJmRQ5iTXKE", 15)),
            "hip-circles": ("Hip circles", "warm-up", "warm-up", "8 reps each side", None),
            "push-ups": ("Push-ups", "upper-body", "strength", "3 sets × 15 reps", None),
            "band-pull-aparts": ("Band pull-aparts", "upper-body", "strength", "2 sets × 20 reps", None),
            "pallof-press": (
                "Pallof press",
                "upper-body",
                "strength",
                "3 sets × 30 s hold",
                ("https://youtu.be/AH_QZLm_0-s", 42),
            ),
            "clamshells": ("Clamshells", "hips", "strength", "3 sets × 15 reps", None),
            "glute-bridge": ("Glute bridge", "hips", "strength", "3 sets × 12 reps", None),
            "single-leg-hop": (
                "Single-leg hop",
                "hips",
                "explosive",
                "3 sets × 8 reps",
                ("https://youtu.be/2C-uNgKwPLE", 95),
            ),
            "worlds-greatest-stretch": ("World's greatest stretch", "mobility", "strength", "5 reps each side", None),
            "pigeon-stretch": ("Pigeon stretch", "mobility", "strength", "2 sets × 45 s hold", None),
        },
        {
            "warm-up": [["leg-swings", "skipping-rope", "hip-circles"]],
            "upper-body": [["push-ups", "band-pull-aparts", "pallof-press"]],
            "hips": [["clamshells", "glute-bridge"], ["single-leg-hop"]],
            "mobility": [["worlds-greatest-stretch", "pigeon-stretch"]],
            "saturday-session": [
                ["leg-swings"],
                [("push-ups", "2 sets × 10 reps"), ("clamshells", "2 sets × 10 reps")],
                ["single-leg-hop"],
            ],
        },
        [("warm-up", "Warm up"), ("upper-body", "Upper body"), ("hips", "Hips"), ("mobility", "Mobility")],
        "'15x3' as REPS x SETS",
    ),
    # Exercises as plain lines, no list, or a name with its dose and a cue on the lines below;
    # "Name: dose" and "Name - dose" items; a bare link with t=1m30s;
    # only the default areas, so no areas.yaml.
    "plain.md": (
        {
            "squat": ("Squat", "legs", "strength", "3 sets × 10 reps", None),
            "lunges": ("Lunges", "legs", "strength", "12 reps each side", None),
            "wall-sit": ("Wall sit", "legs", "strength", "3 sets × 45 s hold", None),
            "glute-bridge": ("Glute bridge", "legs", "strength", "3 sets × 12 reps", None),
            "hollow-hold": ("Hollow hold", "core", "strength", "3 sets × 20 s", None),
            "bird-dog": ("Bird dog", "core", "strength", "8 reps each side", ("https://youtu.be/wiFNA3sqjCA", 90)),
        },
        {
            "legs": [["squat", "lunges", "wall-sit", "glute-bridge"]],
            "core": [["hollow-hold", "bird-dog"]],
            "workout-a": [["squat"], ["hollow-hold"], ["bird-dog"]],
        },
        [("calves", "Calves"), ("legs", "Legs"), ("core", "Core")],
        "'10x3' as REPS x SETS",
    ),
    # The page the issue was filed with: ATX headings, - lists, doses inline and below, a bare link
    # in a parenthesis; reps first (12x3), the gym's "3 x 10 @ 16 kg" below an item read sets first.
    "issue.md": (
        {
            "leg-swings": ("Leg swings", "warm-up", "warm-up", "10 reps each side", None),
            "skipping-rope": ("Skipping rope", "warm-up", "warm-up", "2 min", None),
            "romanian-deadlift": ("Romanian deadlift", "lower-body", "strength", "3 sets × 10 reps", None),
            "step-ups": ("Step-ups", "lower-body", "strength", "3 sets × 12 reps", None),
            "lateral-lunges": ("Lateral lunges", "lower-body", "strength", "3 sets × 10 reps each side", None),
            "pallof-press": (
                "Pallof press",
                "core",
                "strength",
                "3 sets × 30 s hold",
                ("https://youtu.be/AhQzLm0S0qA", 42),
            ),
            "dead-bug": ("Dead bug", "core", "strength", "10 reps each side", None),
        },
        {
            "warm-up": [["leg-swings", "skipping-rope"]],
            "lower-body": [["romanian-deadlift", "step-ups", "lateral-lunges"]],
            "core": [["pallof-press", "dead-bug"]],
        },
        [("warm-up", "Warm up"), ("lower-body", "Lower body"), ("core", "Core")],
        "'12x3' as REPS x SETS",
    ),
}


@pytest.mark.parametrize("page", list(STYLES))
def test_notes_in_other_styles(run, page):
    exercises, routines, areas, habit = STYLES[page]
    result, catalogue = imported(run, PAGES / page)
    found = {
        e.id: (
            e.name,
            e.area,
            e.kind,
            str(e.dose) if e.dose else None,
            (e.video.url, e.video.start) if e.video else None,
        )
        for e in catalogue.exercises.values()
    }
    assert found == exercises
    assert {
        r.id: [[(i.id, str(i.dose)) if i.dose else i.id for i in b.exercises] for b in r.blocks]
        for r in catalogue.routines.values()
    } == routines
    assert [(a.id, a.name) for a in catalogue.areas.values()] == areas
    assert Path("imported/areas.yaml").exists() == (areas[0][0] != "calves")
    assert (
        result.stderr.count("read doses like") == 1
        and f"read doses like {habit}, the way most of this page writes them" in result.stderr
    )
    assert run("validate", "--catalogue", "imported").exit_code == 0
    routine = next(iter(routines))
    for kind in ("card", "sheet"):
        made = run(kind, routine, "--catalogue", "imported", "-o", f"{kind}.pdf")
        assert made.exit_code == 0, made.output
        text = " ".join(flat_text(Path(f"{kind}.pdf")).split())
        assert all(exercises[i][0] in text for block in routines[routine] for i in block), text


def test_what_the_gym_page_says_besides_names_and_doses(run):
    result, catalogue = imported(run, PAGES / "gym.md")
    # "@ 16 kg": a load, on the routines' steps, printed beside the dose (in the roster's units, kg unless it says lb).
    loads = {
        item.id: item.load.amount if item.load else None
        for r in catalogue.routines.values()
        for b in r.blocks
        for item in b.exercises
    }
    assert loads == {
        "goblet-squat": 16,
        "romanian-deadlift": 24,
        "bulgarian-split-squat": None,
        "step-ups": None,
        "pallof-press": None,
        "dead-bug": None,
        "side-plank": None,
        "push-ups": None,
        "band-pull-aparts": None,
        "farmer-carry": 20,
    }
    assert catalogue.exercise("goblet-squat").cues == []
    deadlift = catalogue.exercise("romanian-deadlift")
    assert deadlift.cues == ["Hinge at the hips, soft knees"]
    assert [c.text for c in deadlift.cautions] == ["Avoid rounding the lower back"]
    assert catalogue.exercise("step-ups").equipment == ["box"]
    assert catalogue.exercise("farmer-carry").cues == []  # "see <link>" is the video, not a cue
    assert run("card", "thursday", "--catalogue", "imported", "-o", "thursday.pdf").exit_code == 0
    text = " ".join(flat_text(Path("thursday.pdf")).split())
    assert "16 kg" in text and "24 kg" in text and "20 kg" not in text  # the Thursday routine has no farmer carry
    text = (PAGES / "gym.md").read_text(encoding="utf-8")
    assert (
        f"gym.md:{line_number(text, 'Coach')}: could not place: Coach's notes for the Thursday group." in result.stderr
    )


def test_what_the_club_page_says_besides_names_and_doses(run):
    result, catalogue = imported(run, PAGES / "club.md")
    push_ups = catalogue.exercise("push-ups")
    assert (push_ups.cues, push_ups.variations) == (
        ["Keep a straight line from head to heels"],
        ["Optional - on the knees"],
    )
    assert catalogue.exercise("band-pull-aparts").equipment == ["band"]
    assert catalogue.exercise("hip-circles").cues == ["Slow and controlled"]
    assert [(c.text, c.flags) for c in catalogue.exercise("glute-bridge").cautions] == [
        ("If having back pain, avoid arching the lower back", ["back"])
    ]
    assert catalogue.routine("saturday-session").summary == "Before the long run."
    text = (PAGES / "club.md").read_text(encoding="utf-8")
    assert (
        f"club.md:{line_number(text, 'Hips')}: "
        "'Hips' is not calves, legs or core: declared as the area 'hips' in areas.yaml" in result.stderr
    )


def test_a_dose_against_the_page_s_habit_is_reported_with_its_line(run, tmp_path):
    text = (PAGES / "club.md").read_text(encoding="utf-8").replace("Clamshells 15x3 (band)", "Clamshells 3 x 15 (band)")
    (tmp_path / "mixed.md").write_text(text, encoding="utf-8")
    result, catalogue = imported(run, Path("mixed.md"))
    assert (
        f"mixed.md:{line_number(text, 'Clamshells')}: read the dose of 'Clamshells 3 x 15 (band)' as 3 sets of 15 reps "
        "(sets first, unlike most of the page)"
    ) in result.stderr
    clamshells = catalogue.exercise("clamshells")
    assert (clamshells.name, str(clamshells.dose), clamshells.equipment) == ("Clamshells", "3 sets × 15 reps", ["band"])
    # A pair that can't be right either way is left out, and said.
    text = text.replace("Clamshells 3 x 15 (band)", "Clamshells 15 x 12 (band)")
    (tmp_path / "mixed.md").write_text(text, encoding="utf-8")
    result = run("import", "mixed.md", "-o", "again")
    assert (
        f"mixed.md:{line_number(text, 'Clamshells')}: left out the dose of 'Clamshells': '15 x 12' reads as 12 sets, "
        "more than anyone does"
    ) in result.stderr
    assert load_catalogue(Path("again")).exercise("clamshells").dose is None


def test_a_list_without_any_heading(run, tmp_path):
    (tmp_path / "list.md").write_text(
        "- Squat 3x10\n- Lunge 10 each side\n- https://youtu.be/SnNlrFcXjVU\n-\n- **\n", encoding="utf-8"
    )
    result, catalogue = imported(run, Path("list.md"))
    assert [(e.name, e.area, str(e.dose)) for e in catalogue.exercises.values()] == [
        ("Squat", "exercises", "3 sets × 10 reps"),
        ("Lunge", "exercises", "10 reps each side"),
    ]
    assert [(a.id, a.name) for a in catalogue.areas.values()] == [("exercises", "Exercises")]
    assert [link.url for link in catalogue.theory.further_watching] == ["https://youtu.be/SnNlrFcXjVU"]
    assert "list.md:5: could not place: ** (no name to file it under)" in result.stderr


def test_a_table_of_exercises(run, tmp_path):
    """A row an exercise (its first cell the name, the others what goes under it); a column of step
    numbers makes the table a routine."""
    (tmp_path / "table.md").write_text(
        "## Legs\n\n"
        "| Exercise | Dose | Notes |\n|---|---|---|\n"
        "| **Squat** | 10x3 | [demo](https://youtu.be/SnNlrFcXjVU?t=3) |\n"
        "| Lunge | 10 each side | Keep the knee over the toes |\n\n"
        "## Day 1\n\n"
        "| # | Exercise |\n|---|---|\n| 1 | Lunge |\n| 2 | Squat |\n",
        encoding="utf-8",
    )
    _, catalogue = imported(run, Path("table.md"))
    squat, lunge = catalogue.exercise("squat"), catalogue.exercise("lunge")
    assert (squat.name, str(squat.dose), squat.video.url, squat.video.start, squat.cues) == (
        "Squat",
        "3 sets × 10 reps",
        "https://youtu.be/SnNlrFcXjVU",
        3,
        [],
    )
    assert (lunge.name, str(lunge.dose), lunge.cues) == ("Lunge", "10 reps each side", ["Keep the knee over the toes"])
    assert [[item.id for item in block.exercises] for block in catalogue.routine("day-1").blocks] == [
        ["lunge"],
        ["squat"],
    ]
