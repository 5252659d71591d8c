"""Each week's target, worked out by hand and by cardgen: they must agree."""

import pytest
from pydantic import TypeAdapter

from cardgen.dose import Dose
from cardgen.loads import Units
from cardgen.progression import Deload, Load, Progress, Wave
from cardgen.targets import Course, CourseProblem

KG = Units()


def course(
    dose: str, progress: str | None = None, deload=None, load=None, wave=None, training_max=None, units=KG
) -> Course:
    return Course(
        Dose.parse(dose),
        Load.model_validate(load) if load is not None else None,
        training_max,
        Progress.model_validate(progress) if progress else None,
        tuple(TypeAdapter(Wave).validate_python(wave)) if wave else (),
        Deload.model_validate(deload) if deload is not None else None,
        units,
    )


def test_linear_reps_pause_on_the_deload_and_resume_after():
    targets = course("12x3", "+1 rep/week", deload=4).targets(6)
    # By hand: 12, 13, 14, then the deload repeats week 3 with one set fewer, then 15, 16.
    assert [(t.week, t.sets, t.low, t.deload) for t in targets] == [
        (1, 3, 12, False),
        (2, 3, 13, False),
        (3, 3, 14, False),
        (4, 2, 14, True),
        (5, 3, 15, False),
        (6, 3, 16, False),
    ]
    assert [t.text for t in targets] == ["12", "13", "14", "14", "15", "16"]


def test_five_three_one_wave_of_a_training_max_rounded_to_plates():
    targets = course("5x3", wave=["65%", "75%", "85%", "deload"], training_max=102.5).targets(8)
    # By hand: 102.5 × 0.65 = 66.625 → 67.5; × 0.75 = 76.875 → 77.5; × 0.85 = 87.125 → 87.5 (nearest 2.5 kg);
    # the deload week: 60 % of 87.5 = 52.5, one set fewer. The wave repeats.
    assert [t.load for t in targets] == [67.5, 77.5, 87.5, 52.5, 67.5, 77.5, 87.5, 52.5]
    assert [t.sets for t in targets] == [3, 3, 3, 2, 3, 3, 3, 2]
    assert [t.deload for t in targets] == [False, False, False, True] * 2
    assert targets[0].text == "5 × 67.5 kg"


def test_round_to_the_rosters_step_in_lb():
    targets = course("5x3", wave=["65%", "75%"], training_max=225, units=Units("lb", round=5)).targets(2)
    # 225 × 0.65 = 146.25 → 145; 225 × 0.75 = 168.75 → 170.
    assert [t.text for t in targets] == ["5 × 145 lb", "5 × 170 lb"]


def test_kg_and_lb_both_printed():
    targets = course("12x3", "+2.5 kg/week", load=60, units=Units("kg", "lb")).targets(3)
    # 60 kg = 132.3 lb, 62.5 kg = 137.8 lb, 65 kg = 143.3 lb, to the nearest pound.
    assert [t.text for t in targets] == ["12 × 60 kg / 132 lb", "12 × 62.5 kg / 138 lb", "12 × 65 kg / 143 lb"]


def test_holds_in_seconds():
    targets = course("30 s hold x3", "+5 s/week", deload=[3]).targets(5)
    assert [t.text for t in targets] == ["30 s", "35 s", "35 s", "40 s", "45 s"]
    assert targets[2].deload and targets[2].sets == 2


def test_sets_every_two_weeks_and_the_summary():
    c = course("12x3", "+1 set every 2 weeks")
    assert [t.sets for t in c.targets(6)] == [3, 3, 4, 4, 5, 5]
    assert c.rule == "+1 set every 2 weeks"
    assert course("12x3", "+1 rep/week", deload=4).summary(6) == "wk 1–6: 12→16 reps, deload wk 4"


def test_double_progression_prints_the_rule_not_invented_numbers():
    c = course("10-15x3", "double 10-15, +2.5 kg", load=20)
    assert c.rule == "All sets at 15 reps? Next time add 2.5 kg and go back to 10."
    assert [t.text for t in c.targets(3)] == ["10–15 × 20 kg", "10–15", "10–15"]
    assert course("10-15x3", "double 10-15, +2.5 kg", deload=2).targets(2)[1].text == "10–15 · 60% load"


def test_percentages_without_a_max_print_as_percentages():
    assert [t.text for t in course("5x3", wave=["65%", "75%"]).targets(2)] == ["5 × 65%", "5 × 75%"]


def test_deload_settings_change_what_lighter_means():
    targets = course("5x3", "+2.5 kg/week", load=50, deload={"every": 3, "sets": 0, "load": "50%"}).targets(3)
    # 50 % of 52.5 is 26.25: a worked-out load, so rounded to what plates make (nearest 2.5 kg, halves up).
    assert [(t.sets, t.load) for t in targets] == [(3, 50), (3, 52.5), (3, 27.5)]


def test_plates_a_side():
    target = course("5x3", load=100, units=Units("kg", bar=20)).targets(1)[0]
    assert target.plates == [25, 15] and target.plates_text == "a side: 25 + 15"


@pytest.mark.parametrize(
    "kwargs, field, message",
    [
        (dict(dose="12x3", progress="-3 rep/week"), "progress", "goes below zero by week 5 of 6"),
        (dict(dose="12x3", progress="+1 rep/week", deload=[4, 8]), "deload", "week 8 is beyond the 6-week plan"),
        (
            dict(dose="30 s hold x3", progress="+1 rep/week"),
            "progress",
            "'reps' steps need a dose in reps, and this one has seconds",
        ),
        (
            dict(dose="5x3", progress="+2.5 kg/week", wave=["65%", "deload"]),
            "weeks",
            "cannot go with a progress that moves the load",
        ),
    ],
)
def test_what_cannot_be_worked_out(kwargs, field, message):
    with pytest.raises(CourseProblem) as problem:
        course(**kwargs).targets(6)
    assert problem.value.field == field and message in str(problem.value)
