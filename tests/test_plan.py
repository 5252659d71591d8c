"""Planning: what each card and sheet shows, settled before any template sees it."""

import pytest

from cardgen import bundled
from cardgen.catalogue import load_catalogue
from cardgen.handout import plan_handout
from cardgen.plan import MIN_QR_MM, plan_routine

CATALOGUE = load_catalogue(bundled("catalogue"))

TEAM = """\
team: Plan Club
routine: sample-training
units: kg
runners:
  - name: Ann
    skip: [lunge-circuit]
    add: [rope-jump, squat]
    dose: {calf-raise: 20x2}
    load: {squat: 40}
    flags: [heel]
    notes: Easy week.
  - name: Bo
"""


@pytest.fixture
def roster(tmp_path):
    from cardgen.roster import load_roster

    file = tmp_path / "team.yaml"
    file.write_text(TEAM, encoding="utf-8")
    return load_roster(file, CATALOGUE)


def test_a_routine_as_the_catalogue_gives_it():
    plan = plan_routine(CATALOGUE, "sample-training")
    assert [block.title for block in plan.blocks] == [
        "Warm-up",
        "Squat / lunge",
        "Calf / toe raise",
        "Plank: flat / side",
        "Glute bridge",
    ]
    assert [step.id for step in plan.steps] == [
        "calf-walk",
        "heel-walk",
        "squat",
        "lunge-circuit",
        "calf-raise",
        "toe-raise",
        "plank",
        "side-plank",
        "glute-bridge",
    ]
    assert [step.number for step in plan.steps] == list(range(1, 10))
    # A superset's steps are A1, A2; the others are their number.
    assert [step.label for step in plan.steps] == ["1", "2", "3", "4", "5", "6", "A1", "A2", "9"]
    calf_raise = plan.steps[4]
    assert calf_raise.dose_text == "3 sets × 15 reps" and not calf_raise.own_dose and calf_raise.load is None
    assert not any(caution.stands_out for step in plan.steps for caution in step.cautions)
    assert plan.runner is None and plan.notes is None


def test_a_runner_s_skips_adds_own_doses_loads_and_cautions(roster):
    ann = plan_routine(CATALOGUE, "sample-training", roster.runner("Ann"), roster.units, roster=roster)
    steps = {step.id: step for step in ann.steps}
    assert "lunge-circuit" not in steps
    # An add already in the routine is not added twice; the others come last, in a block of their own.
    assert ann.blocks[-1].title == "Added for you" and [step.id for step in ann.blocks[-1].steps] == ["rope-jump"]
    assert [step.number for step in ann.steps] == list(range(1, len(ann.steps) + 1))
    assert steps["calf-raise"].dose_text == "2 sets × 20 reps" and steps["calf-raise"].own_dose
    assert steps["toe-raise"].dose_text == "3 sets × 10–15 reps" and not steps["toe-raise"].own_dose
    assert steps["squat"].load == "40 kg" and steps["glute-bridge"].load is None
    # The heel flag makes the calf raise's heel caution stand out, and no other.
    assert [c.stands_out for c in steps["calf-raise"].cautions] == [
        bool({"heel"} & set(c.flags)) for c in CATALOGUE.exercise("calf-raise").cautions
    ]
    assert any(c.stands_out for c in steps["calf-raise"].cautions)
    assert (ann.runner, ann.notes) == ("Ann", "Easy week.")
    bo = plan_routine(CATALOGUE, "sample-training", roster.runner("Bo"), roster.units, roster=roster)
    assert [step.id for step in bo.steps] == [step.id for step in plan_routine(CATALOGUE, "sample-training").steps]


def test_a_video_code_is_never_under_15_mm():
    watch = next(step.watch for step in plan_routine(CATALOGUE, "sample-training").steps if step.watch)
    assert watch.link.startswith("https://") and watch.qr.startswith("data:image/")
    assert watch.width_mm(40) == 40
    assert MIN_QR_MM < watch.width_mm(0) < MIN_QR_MM * 1.5  # the symbol is 15 mm; the quiet zone comes on top


def test_the_handout_holds_the_routines_in_use_and_what_each_runner_changes(roster):
    handout = plan_handout(CATALOGUE, roster)
    assert (handout.team, handout.runner_count) == ("Plan Club", 2)
    assert [plan.id for plan in handout.routines] == ["sample-training"]
    assert [step.id for group in handout.reference for step in group.steps].count("rope-jump") == 1
    ann, bo = handout.rows
    assert ann.skips == ["Lunge circuit"] and "Rope jump" in ann.adds and ann.flags == ["heel"]
    assert ann.doses == ["Calf raise: 2 sets × 20 reps"] and ann.loads == ["Squat: 40 kg"]
    assert (bo.skips, bo.adds, bo.doses, bo.loads) == ([], [], [], [])
