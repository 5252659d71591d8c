"""Rosters: read, checked against the catalogue, every problem with its file and line."""

from pathlib import Path

import pytest
from pdfread import flat_text

from cardgen import bundled
from cardgen.catalogue import load_catalogue
from cardgen.errors import ProblemsFound
from cardgen.plan import plan_routine
from cardgen.roster import load_roster

ROSTER = Path(__file__).parent / "data" / "roster.yaml"
CATALOGUE = load_catalogue(bundled("catalogue"))


def test_roster_reads():
    roster = load_roster(ROSTER, CATALOGUE)
    assert roster.team == "Riverside Harriers" and roster.units == "kg" and len(roster.runners) == 5
    assert roster.routine_of(roster.runner("runner one")) == "cadence"
    assert roster.routine_of(roster.runner("李小龙")) == "sample-training"


def test_runner_plan_has_their_doses_loads_skips_adds_and_cautions():
    roster = load_roster(ROSTER, CATALOGUE)
    one = plan_routine(CATALOGUE, "cadence", roster.runner("Runner One"), roster.units)
    steps = {step.id: step for step in one.steps}
    assert "nordic-hamstring-curl" not in steps
    assert str(steps["single-leg-deadlift"].dose) == "4 sets × 12 reps" and steps["single-leg-deadlift"].own_dose
    assert steps["glute-bridge"].load == "20 kg"
    assert list(steps)[-1] == "rope-jump" and one.blocks[-1].title == "Added for you"
    assert [s.number for s in one.steps] == list(range(1, len(one.steps) + 1))
    assert one.runner == "Runner One" and one.notes == "Keep the cadence drills light this month."
    bruce = plan_routine(CATALOGUE, "sample-training", roster.runner("李小龙"), roster.units)
    calf = next(s for s in bruce.steps if s.id == "calf-raise")
    assert calf.cautions[0].stands_out and calf.load == "12.5 kg"
    zoe = plan_routine(CATALOGUE, "sample-training", roster.runner("Zoë Ångström"), roster.units)
    assert not any(s.id == "lunge-circuit" for s in zoe.steps)
    assert not next(s for s in zoe.steps if s.id == "calf-raise").cautions[0].stands_out


BAD = """\
team: Riverside Harriers
routine: sample-trainig
units: stone
runners:
  - name: Runner One
    routine: cadense
    dose: {calf-raise: lots}
    load: {squat: -20, lunge-circuit: heavy, calf-rase: 5}
    skip: [nordic-curl]
    flags: [knee]
  - name: ""
  - name: runner one
    nots: typo
"""

EXPECTED = [
    ":2: routine: unknown routine 'sample-trainig' (did you mean 'sample-training'?)",
    ":3: units: 'stone' is not allowed: 'kg', 'lb', 'kg+lb' or 'lb+kg'",
    ":6: runners[Runner One].routine: unknown routine 'cadense' (did you mean 'cadence'?)",
    ":7: runners[Runner One].dose.calf-raise: cannot read the dose 'lots'",
    ":8: runners[Runner One].load.squat: must be 0 or more, not -20",
    ":8: runners[Runner One].load.lunge-circuit: "
    "should be a number, or a percentage of the training max like 75%, not text 'heavy'",
    ":8: runners[Runner One].load.calf-rase: unknown exercise 'calf-rase' (did you mean 'calf-raise'",
    ":9: runners[Runner One].skip[0]: unknown exercise 'nordic-curl' (did you mean 'nordic-hamstring-curl'?)",
    ":10: runners[Runner One].flags[0]: unknown flag 'knee'",
    ":11: runners[1].name: must not be empty",
    ":12: runners[runner one].name: duplicate runner name 'runner one' (first on line 5)",
    ":13: runners[runner one].nots: unknown key 'nots' (did you mean 'notes'?)",
]


def test_validate_lists_every_roster_problem_with_its_line(run, tmp_path):
    roster = tmp_path / "team.yaml"
    roster.write_text(BAD, encoding="utf-8")
    result = run("validate", roster)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[-1] == f"{len(EXPECTED)} problems found." and len(lines) == len(EXPECTED) + 1
    for line, expected in zip(lines, EXPECTED):
        assert line.startswith(f"{roster}{expected}"), (line, expected)


def test_validate_several_rosters_and_the_catalogue(run, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("team: X\nroutine: cadence\nrunners:\n  - name: A\n    load: {squat: many}\n", encoding="utf-8")
    result = run("validate", ROSTER, bad)
    assert result.exit_code == 1
    assert f"{ROSTER}: OK, 5 runners" in result.stdout
    assert result.stderr.startswith(f"{bad}:5: runners[A].load.squat: should be a number")


@pytest.mark.parametrize(
    "text, message",
    [
        (
            "team: X\nrunners:\n  - name: A\n",
            ":3: runners[A]: no routine: give the runner a routine, or the roster a default one",
        ),
        ("team: X\nroutine: cadence\nrunners: []\n", ":3: runners: must not be empty"),
        (
            "team: X\nroutine: cadence\nstarts: next week\nrunners:\n  - name: A\n",
            ":3: starts: should be a date like 2026-12-07",
        ),
        ("- just a list\n", ":1: should be a mapping, not a list"),
        # cardgen notes where a roster came from itself: a roster may not say it.
        ("team: X\nroutine: cadence\nfile: /etc/passwd\nrunners:\n  - name: A\n", ":3: file: unknown key 'file'"),
    ],
)
def test_roster_shape_mistakes(tmp_path, text, message):
    file = tmp_path / "r.yaml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(ProblemsFound) as found:
        load_roster(file, CATALOGUE)
    assert str(found.value.problems[0]).startswith(f"{file}{message}"), str(found.value.problems[0])


def test_unknown_runner_suggests_the_closest(run):
    result = run("card", "--roster", ROSTER, "--runner", "Runner Onee")
    assert result.exit_code == 1
    assert "no runner 'Runner Onee'" in result.stderr and "did you mean 'Runner One'" in result.stderr


def test_a_runners_own_dose_in_other_terms_leaves_out_the_routines_progression(run, tmp_path):
    """stride-power moves the calf raise +1 rep a week; a runner whose coach made it a hold gets the
    hold, without the routine's progression (said once), instead of a refusal to print."""
    team = tmp_path / "team.yaml"
    team.write_text(
        "team: T\nroutine: stride-power\nrunners:\n"
        "  - name: Ann Lee\n    dose: {calf-raise: 30 s hold x3}\n  - name: Bo Chen\n",
        encoding="utf-8",
    )
    result = run("card", "--roster", team, "--runner", "Ann Lee", "-o", "ann.pdf")
    assert result.exit_code == 0, result.stderr
    assert (
        result.stderr.count(
            "Ann Lee's own dose of calf-raise (3 sets × 30 s hold) leaves out the routine's progression"
        )
        == 1
    )
    assert "3 sets × 30 s hold" in flat_text(Path("ann.pdf"))
    assert run("batch", team, "-o", "out", "--format", "card", "--jobs", "1").exit_code == 0
