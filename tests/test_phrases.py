"""Doses as people write them: the name and the dose of an item, and the page's sets/reps habit."""

import pytest

from cardgen.dose import Dose
from cardgen.phrases import REPS_FIRST, SETS_FIRST, kebab, page_habit, read_dose, split_item


@pytest.mark.parametrize(
    "item, name, dose, asides",
    [
        ("Step-ups 12x3", "Step-ups", "3 sets × 12 reps", ()),
        ("Leg swings 10 each side", "Leg swings", "10 reps each side", ()),
        ("Skipping rope, 2 min", "Skipping rope", "2 min", ()),
        ("Pallof press 30 s hold x3", "Pallof press", "3 sets × 30 s hold", ()),
        ("Push-ups — 15x3", "Push-ups", "3 sets × 15 reps", ()),
        ("Band pull-aparts: 20x2", "Band pull-aparts", "2 sets × 20 reps", ()),
        ("Clamshells 15x3 (band)", "Clamshells", "3 sets × 15 reps", ("band",)),
        ("Dead bug 10 each side, 3 rounds", "Dead bug", "3 sets × 10 reps each side", ()),
        ("Hip airplanes 3 sets of 5 each side", "Hip airplanes", "3 sets × 5 reps each side", ()),
        ("Copenhagen plank 2 x 20 s", "Copenhagen plank", "2 sets × 20 s", ()),
        (
            "Split leg lounge (Bulgaria)",
            "Split leg lounge (Bulgaria)",
            None,
            (),
        ),  # a parenthesis without a dose is the name's
        ("Plank - flat / side", "Plank - flat / side", None, ()),
        ("Calf walk - can serve as a warmup.", "Calf walk - can serve as a warmup.", None, ()),
        ("90/90 hip switch 5 each side", "90/90 hip switch", "5 reps each side", ()),
        ("Arm circles 10 each way", "Arm circles", "10 reps each side", ()),
        ("Hanging knee raises 3 sets x 12 reps", "Hanging knee raises", "3 sets × 12 reps", ()),
        ("Cat-cow 10 reps x 2 sets", "Cat-cow", "2 sets × 10 reps", ()),
        ("Couch stretch 2 x 60 sec each side", "Couch stretch", "2 sets × 1 min each side", ()),
        ("RDL 8x3 (light)", "RDL", "3 sets × 8 reps", ("light",)),
        ("Lunges 10x3 each", "Lunges", "3 sets × 10 reps each side", ()),
    ],
)
def test_an_item_s_name_and_dose(item, name, dose, asides):
    parts = split_item(item, REPS_FIRST)
    assert (parts.name, str(Dose.model_validate(parts.reading.dose)) if parts.reading else None, parts.asides) == (
        name,
        dose,
        asides,
    )


@pytest.mark.parametrize(
    "phrase, habit, dose, load",
    [
        ("3 x 10 @ 16 kg", SETS_FIRST, "3 sets × 10 reps", "16 kg"),
        ("3 x 10", REPS_FIRST, "3 sets × 10 reps", None),  # 10 sets of 3 can't be right: read sets first, and said
        ("15x12", REPS_FIRST, None, None),  # 12 sets, or 15: refused
        ("10 each side, 3 rounds", REPS_FIRST, "3 sets × 10 reps each side", None),
        ("15x3", REPS_FIRST, "3 sets × 15 reps", None),
        ("4 x 3", SETS_FIRST, "4 sets × 3 reps", None),  # more sets than reps: spelled out, the shorthand can't say it
        ("10-15x3", SETS_FIRST, "3 sets × 10–15 reps", None),  # a range is the reps, whatever the habit
        ("3 x 8-10", REPS_FIRST, "3 sets × 8–10 reps", None),
        ("1 min x 2", REPS_FIRST, "2 sets × 1 min", None),
        ("Keep the chest up", REPS_FIRST, None, None),
    ],
)
def test_dose_phrases(phrase, habit, dose, load):
    if dose is None and any(c.isdigit() for c in phrase):
        with pytest.raises(ValueError, match="reads as 12 sets, more than anyone does"):
            read_dose(phrase, habit)
        return
    reading = read_dose(phrase, habit)
    assert (str(Dose.model_validate(reading.dose)) if reading else None, reading.load if reading else None) == (
        dose,
        load,
    )


@pytest.mark.parametrize(
    "phrase, load, effort",
    [
        ("3 x 5 @ 75%", "75 %", None),
        ("5x5 @ 40kg", "40 kg", None),
        ("3 x 8 @ 35 lb", "35 lb", None),
        ("3 x 5 @ RPE 8", None, "RPE 8"),
    ],
)
def test_loads_and_effort_are_kept_apart_from_the_dose(phrase, load, effort):
    reading = read_dose(phrase, SETS_FIRST)
    assert (reading.load, reading.effort) == (load, effort)


def test_a_pair_that_cannot_be_right_the_page_s_way_is_read_the_other_way_and_said():
    assert read_dose("3 x 10", REPS_FIRST).against == "3 sets of 10 reps (sets first, unlike most of the page)"
    assert read_dose("12x3", SETS_FIRST).against == "3 sets of 12 reps (reps first, unlike most of the page)"
    assert read_dose("5x3", SETS_FIRST).against is None and read_dose("15x3", REPS_FIRST).against is None


def test_the_written_dose_is_the_shorthand_where_it_reads_back_the_same():
    assert read_dose("3 x 10", SETS_FIRST).dose == "10x3"
    assert read_dose("4 x 3", SETS_FIRST).dose == {"sets": 4, "reps": 3}
    assert read_dose("30 s hold x3").dose == "30 s hold x3"
    assert read_dose("2 min").dose == "2 min"


def test_more_sets_than_anyone_does_is_refused():
    with pytest.raises(ValueError, match="reads as 15 sets"):
        read_dose("15 x 12", SETS_FIRST)
    with pytest.raises(ValueError, match="reads as 12 sets"):
        read_dose("12 sets of 5", REPS_FIRST)


@pytest.mark.parametrize(
    "texts, habit",
    [
        (["15x3", "10-15x3", "3 x 10"], REPS_FIRST),
        (["3 x 10", "3 x 8 @ 24 kg", "15x3"], SETS_FIRST),
        (["3 x 8-10"], SETS_FIRST),
        (["5x5"], REPS_FIRST),  # nothing tells: the shorthand's own REPSxSETS
        ([], REPS_FIRST),
    ],
)
def test_the_page_decides_its_habit(texts, habit):
    assert page_habit(texts)[0] == habit


def test_ids_from_names():
    assert [kebab(name) for name in ("World's greatest stretch", "Calf raise", "Ćwiczenie nóg", "髂腰肌")] == [
        "worlds-greatest-stretch",
        "calf-raise",
        "cwiczenie-nog",
        "",
    ]
