"""Cards as a designer would check them: as few cards as the content needs, each well filled, a
name never split around its dose, nothing printed that says nothing (a start at 0:00)."""

from pathlib import Path

import pypdfium2
import pytest
from pdfread import flat_text, pages

from cardgen import bundled
from cardgen.catalogue import load_catalogue
from cardgen.paper import CARD_SIZES

CATALOGUE = load_catalogue(bundled("catalogue"))
POINTS_PER_MM = 72 / 25.4


def placed_chars(pdf: Path) -> list[list[tuple[str, float, float, float]]]:
    """Each page's printed characters, spaces left out: (character, left, right, baseline) in mm."""
    document = pypdfium2.PdfDocument(str(pdf))
    found = []
    try:
        for page in document:
            text = page.get_textpage()
            chars = []
            for index in range(text.count_chars()):
                character = text.get_text_range(index, 1)
                if character.strip():
                    left, bottom, right, _ = text.get_charbox(index)
                    chars.append(
                        (character, left / POINTS_PER_MM, right / POINTS_PER_MM, round(bottom / POINTS_PER_MM * 2) / 2)
                    )
            found.append(chars)
    finally:
        document.close()
    return found


def places(chars, phrase: str):
    """The characters of each place ``phrase`` (spaces aside) is printed."""
    compact, wanted = "".join(c for c, *_ in chars), "".join(phrase.split())
    found, at = [], compact.find(wanted)
    while at >= 0:
        if not compact[:at].endswith("Watch:"):  # a name in a "Watch: NAME" line is no heading
            found.append(chars[at : at + len(wanted)])
        at = compact.find(wanted, at + 1)
    return found


def assert_names_whole(pdf: Path, steps: list[tuple[str, str]]):
    """No name has words on both sides of its dose: the dose is right of the name's last line, or below it."""
    checked = 0
    for chars in placed_chars(pdf):
        for name, dose in steps:
            for name_chars in places(chars, name):
                top = max(c[3] for c in name_chars)
                # Its dose: the nearest one printed from the name's first line to 12 mm below it.
                near = [d for d in places(chars, dose) if top - 12 <= d[0][3] <= top + 12]
                if near:
                    check_dose(pdf, name, dose, name_chars, min(near, key=lambda d: abs(d[0][3] - top)))
                    checked += 1
    return checked


def check_dose(pdf, name, dose, name_chars, dose_chars) -> None:
    """The dose stands on the name's last line, right of it, or on a line below the name."""
    dose_line = dose_chars[0][3]
    last = min(baseline for *_, baseline in name_chars)  # PDF space: the lowest line has the least y
    assert dose_line <= last + 1.5, (pdf.name, name, dose, "the dose is above part of the name")
    if abs(dose_line - last) <= 1.5:  # on the same line (glyph bottoms differ by a little)
        assert dose_chars[0][1] >= max(c[2] for c in name_chars if abs(c[3] - last) <= 1.5) - 0.1, (
            pdf.name,
            name,
            dose,
        )


LONG_NAMES = {
    "calf-raise": "Single-leg calf raise on a step with a dumbbell",
    "squat": "Goblet squat to a low box",
    "toe-raise": "Toe raise",
}


@pytest.mark.parametrize("size", CARD_SIZES)
def test_no_name_is_split_around_its_dose(run, size, catalogue_copy):
    exercises = catalogue_copy / "exercises.yaml"
    text = exercises.read_text(encoding="utf-8")
    for exercise_id, name in LONG_NAMES.items():
        text = text.replace(f"- id: {exercise_id}\n  name: ", f"- id: {exercise_id}\n  name: {name}  # ", 1)
    exercises.write_text(text, encoding="utf-8")
    catalogue = load_catalogue(catalogue_copy)
    checked = 0
    for routine_id, routine in catalogue.routines.items():
        for extra in ([], ["--duplex"]):
            assert (
                run(
                    "card", routine_id, "--catalogue", catalogue_copy, "--size", size, *extra, "-o", "card.pdf"
                ).exit_code
                == 0
            )
            steps = []
            for block in routine.blocks:
                for item in block.exercises:
                    dose = item.dose or catalogue.exercises[item.id].dose
                    if dose:
                        steps.append((catalogue.exercises[item.id].name, str(dose)))
            checked += assert_names_whole(Path("card.pdf"), steps)
    assert checked > 10


def test_a_wallet_card_of_the_long_routine_takes_three_cards_at_most(run):
    result = run("card", "sample-training", "--size", "wallet", "--duplex", "-o", "wallet.pdf")
    assert result.exit_code == 0, result.stderr
    assert len(pages(Path("wallet.pdf"))) <= 6  # three fronts, three backs


@pytest.mark.parametrize("size", CARD_SIZES)
def test_no_continued_card_is_under_half_full_but_the_last(size):
    from cardgen.documents import Maker
    from cardgen.fitting import room_of
    from cardgen.options import PrintOptions
    from cardgen.paper import card_size

    for backs in (False, True):
        maker = Maker(CATALOGUE, PrintOptions(card_size=size, backs="duplex" if backs else "none"))
        laid = maker.lay_out_cards([maker.plan(routine_id) for routine_id in CATALOGUE.routines])
        trim = card_size(size)
        usable = room_of(trim) - trim.safe * 96 / 25.4
        for index, cards in enumerate(laid.cards):
            fronts = [face for face in laid.faces_of(cards, backs, index) if face.side == "front"]
            for face in fronts[:-1]:
                filled = (laid.measures[face.key].height - trim.safe * 96 / 25.4) / usable
                assert filled >= 0.45, (size, backs, face.card.plan.id, face.card.part, round(filled, 2))


def test_no_start_at_0_00_is_printed(run):
    assert run("demo", "-o", "demo").exit_code == 0
    for pdf in Path("demo").glob("*.pdf"):
        assert "0:00" not in flat_text(pdf), pdf.name
    assert run("card", "sample-training", "--duplex", "-o", "duplex.pdf").exit_code == 0
    assert "0:00" not in flat_text(Path("duplex.pdf"))
